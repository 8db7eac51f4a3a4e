/*
 * sitrep dashboard, places.js: the home page's list of places under control on the chosen day
 * (#places-list, with a button per place that pans the map to it) and the day's one-line summary
 * (#day-summary) (sitrep.places).
 *
 * Needs dom.js, state.js and map.js. Every server string is set as text (textContent / text nodes).
 */
(function (ns) {
  'use strict';

  var dom = ns.dom;
  var byId = dom.byId;
  var text = dom.text;
  var el = dom.el;
  var clear = dom.clear;
  var state = ns.state;
  var model = ns.model;
  var placeState = model.placeState;
  var placeColour = model.placeColour;
  var describeControl = model.describeControl;
  var focusPlace = ns.map.focusPlace;

  /** Rebuild #places-list from the places of a day. */
  function renderPlacesList(places) {
    var list = byId('places-list');
    if (!list) {
      return;
    }
    clear(list);
    if (!places.length) {
      list.appendChild(el('li', 'muted', 'No place has a known controller on this day.'));
      return;
    }
    places.forEach(function (place) {
      if (!place) {
        return;
      }
      var st = placeState(place.state);
      var li = el('li', 'place state-' + st + (place.admin1_seat === true ? ' seat' : ''));
      li.dataset.geonameid = text(place.geonameid);
      li.dataset.actor = text(place.actor);
      li.dataset.state = st;
      li.dataset.seat = place.admin1_seat === true ? 'true' : 'false';
      li.dataset.basis = text(place.basis) || 'evidenced';
      var swatch = el('span', 'swatch');
      swatch.style.backgroundColor = placeColour(place);
      li.appendChild(swatch);
      var name = text(place.place) || 'Unnamed place';
      if (state.map && state.placeMarkers[text(place.geonameid)]) {
        var button = el('button', 'place-name link-button', name);
        button.type = 'button';
        button.addEventListener('click', function () { focusPlace(text(place.geonameid)); });
        li.appendChild(button);
      } else {
        li.appendChild(el('span', 'place-name', name));
      }
      if (place.admin1) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', 'muted', '(' + text(place.admin1) + ')'));
      }
      if (place.admin1_seat === true) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', 'badge', 'capital'));
      }
      var basis = text(place.basis) || 'evidenced';
      var presumed = basis === 'presumed' || basis === 'baseline';
      var detail = describeControl(place) + (presumed ? (basis === 'presumed' ? ' (presumed, no report yet)'
        : " (analyst's baseline, no report yet)") : (place.since ? ' since ' + text(place.since) : '') +
        (basis === 'reported' ? ' (reported as held)' : ''));
      li.appendChild(el('span', 'place-detail', detail));
      list.appendChild(li);
    });
  }

  /** Set #day-summary. */
  function renderSummary(summary) {
    var node = byId('day-summary');
    if (node && typeof summary === 'string') {
      node.textContent = summary;
    }
  }

  ns.places = {
    renderList: renderPlacesList,
    renderSummary: renderSummary
  };
}(window.sitrep = window.sitrep || {}));
