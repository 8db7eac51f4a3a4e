/*
 * sitrep dashboard, popups.js: the content of the map's popups (sitrep.popups), as DOM nodes: a place
 * (name, region, who controls it since when, capital, corroboration, sources, up to five event links)
 * and an event (type linked to its page, its modality, date, place, actors, fatalities, independent
 * sources).
 *
 * Needs dom.js and state.js. Every server string goes in as a text node or textContent, never as
 * HTML; event links are built from "/events/" + the encoded id, or taken from the server only when
 * the url starts with "/events/".
 */
(function (ns) {
  'use strict';

  var EVENT_URL_PREFIX = ns.config.EVENT_URL_PREFIX;
  var dom = ns.dom;
  var text = dom.text;
  var el = dom.el;
  var isNumber = dom.isNumber;
  var eventHref = dom.eventHref;
  var asArray = dom.asArray;
  var describeControl = ns.model.describeControl;

  /** A paragraph with a label and a value, for popups. */
  function popupRow(label, value) {
    var p = el('p', 'popup-row');
    p.appendChild(el('span', 'popup-label', label + ': '));
    p.appendChild(document.createTextNode(text(value)));
    return p;
  }

  /** What a place's holding rests on, in words. */
  function basisText(place) {
    var basis = text(place.basis) || 'evidenced';
    if (basis === 'presumed') {
      return 'Presumed: no report yet (the government holds its provincial capitals)';
    }
    if (basis === 'baseline') {
      return "From the analyst's baseline: no report yet";
    }
    if (basis === 'reported') {
      return 'Reported as held, no change reported';
    }
    return place.corroborated === true ? 'Corroborated by independent sources' : 'Not corroborated (one source)';
  }

  /** Popup content (DOM) for a place. */
  function placePopup(place) {
    var box = el('div', 'popup popup-place');
    box.appendChild(el('h3', 'popup-title', text(place.place) || 'Unnamed place'));
    if (place.admin1) {
      box.appendChild(el('p', 'muted', place.admin1));
    }
    box.appendChild(el('p', 'popup-control', describeControl(place)));
    if (place.since) {
      box.appendChild(popupRow('Since', place.since));
    }
    if (place.until) {
      box.appendChild(popupRow('Until', place.until));
    }
    if (place.admin1_seat === true) {
      box.appendChild(el('p', 'popup-row', 'Provincial / regional capital'));
    }
    box.appendChild(el('p', 'popup-row popup-basis', basisText(place)));
    var sources = asArray(place.sources).map(text).filter(Boolean);
    if (sources.length) {
      box.appendChild(popupRow('Sources', sources.join(', ')));
    }
    var ids = asArray(place.event_ids).map(text).filter(Boolean);
    if (ids.length) {
      var p = el('p', 'popup-row');
      p.appendChild(el('span', 'popup-label', 'Events: '));
      ids.slice(0, 5).forEach(function (id, i) {
        if (i > 0) {
          p.appendChild(document.createTextNode(', '));
        }
        var a = el('a', null, id);
        a.href = EVENT_URL_PREFIX + encodeURIComponent(id);
        p.appendChild(a);
      });
      if (ids.length > 5) {
        p.appendChild(document.createTextNode(' and ' + (ids.length - 5) + ' more'));
      }
      box.appendChild(p);
    }
    return box;
  }

  /** Whether an event happened, in words: a threat, plan, denial or hypothetical says so plainly. */
  function modalityText(event) {
    var modality = text(event.modality) || 'asserted';
    if (ns.config.FACTUAL_MODALITIES.indexOf(modality) >= 0) {
      return 'Said to have happened (' + modality + ')';
    }
    return 'Not said to have happened: ' + modality;
  }

  /** Popup content (DOM) for an event. */
  function eventPopup(event) {
    var box = el('div', 'popup popup-event');
    var title = text(event.sub_event_type || event.event_type) || 'Event';
    var href = eventHref(event.url);
    var h = el('h3', 'popup-title');
    if (href) {
      var a = el('a', null, title);
      a.href = href;
      h.appendChild(a);
    } else {
      h.textContent = title;
    }
    box.appendChild(h);
    var modality = el('p', 'popup-row popup-modality', modalityText(event));
    modality.dataset.modality = text(event.modality) || 'asserted';
    box.appendChild(modality);
    box.appendChild(popupRow('Date', event.event_date));
    box.appendChild(popupRow('Place', [event.location, event.admin1].map(text).filter(Boolean).join(', ')));
    var actors = [event.actor1, event.actor2].map(text).filter(Boolean).join(' / ');
    if (actors) {
      box.appendChild(popupRow('Actors', actors));
    }
    if (isNumber(event.fatalities)) {
      box.appendChild(popupRow('Fatalities', event.fatalities));
    }
    var sources = asArray(event.sources).map(text).filter(Boolean);
    var count = isNumber(event.independent_sources) ? event.independent_sources : sources.length;
    var named = sources.length ? ' (' + sources.join(', ') + ')' : '';
    box.appendChild(popupRow('Independent sources', count + named));
    if (href) {
      var more = el('p', 'popup-row');
      var link = el('a', null, 'Open event page');
      link.href = href;
      more.appendChild(link);
      box.appendChild(more);
    }
    return box;
  }

  ns.popups = {
    place: placePopup,
    event: eventPopup
  };
}(window.sitrep = window.sitrep || {}));
