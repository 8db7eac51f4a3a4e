/*
 * sitrep dashboard: browser code for the home page (map, day slider, chart, events table).
 *
 * Plain browser JavaScript, no build step. Uses the globals L (Leaflet), L.markerClusterGroup
 * (leaflet.markercluster) and topojson (topojson-client) loaded by the page's script tags.
 * Every string that comes from the server goes into the DOM as text (textContent / text nodes);
 * links are only made for urls starting with "/events/".
 * On pages other than the home page this script does nothing.
 */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var EVENT_URL_PREFIX = '/events/';
  var DEFAULT_ATLAS_URL = '/vendor/world-atlas/countries-50m.json';
  var DEBOUNCE_MS = 150;
  var PLAY_MS = 700;
  var COLOUR_CONTESTED = '#6e6e6e';
  var COLOUR_UNKNOWN = '#b4b4b4';
  var COLOUR_NO_ACTOR = '#8a8a8a';
  var COLOUR_EVENT = '#ffffff';
  var COLOUR_EVENT_EDGE = '#333333';
  var NEIGHBOUR_PAD_DEGREES = 25;
  var STATES = ['controlled', 'contested', 'unknown'];

  /* ------------------------------------------------------------------ small helpers */

  /** Return the element with this id, or null. */
  function byId(id) {
    return document.getElementById(id);
  }

  /** Turn any server value into display text ("" for null/undefined). */
  function text(value) {
    if (value === null || value === undefined) {
      return '';
    }
    return String(value);
  }

  /** Create an element with an optional class name and text content. */
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined && content !== null && content !== '') {
      node.textContent = text(content);
    }
    return node;
  }

  /** Create an SVG element with the given attributes. */
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, String(attrs[key]));
    });
    return node;
  }

  /** Remove all children of a node. */
  function clear(node) {
    while (node && node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  /** True for a finite number. */
  function isNumber(value) {
    return typeof value === 'number' && isFinite(value);
  }

  /** Return the colour if it is a plain hex colour, else the fallback. */
  function safeColour(value, fallback) {
    return typeof value === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : fallback;
  }

  /** Return the url if it is an event page url, else null. */
  function eventHref(url) {
    return typeof url === 'string' && url.indexOf(EVENT_URL_PREFIX) === 0 ? url : null;
  }

  /** Return an array (the value itself if it is one, else []). */
  function asArray(value) {
    return Array.isArray(value) ? value : [];
  }

  /** Return a function that calls fn once calls have stopped for `wait` ms. */
  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      if (timer !== null) {
        clearTimeout(timer);
      }
      timer = setTimeout(function () {
        timer = null;
        fn.apply(null, args);
      }, wait);
    };
  }

  /** Read the page's JSON data block, or null when absent or malformed. */
  function readPageData() {
    var node = byId('page-data');
    if (!node) {
      return null;
    }
    try {
      var data = JSON.parse(node.textContent || 'null');
      return data && typeof data === 'object' ? data : null;
    } catch (err) {
      return null;
    }
  }

  /** Fetch JSON; reject with a readable Error on HTTP or network errors. */
  function fetchJSON(url, signal) {
    var options = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (signal) {
      options.signal = signal;
    }
    return fetch(url, options).then(function (response) {
      if (response.ok) {
        return response.json();
      }
      return response.text().then(function (body) {
        var detail = '';
        try {
          var parsed = JSON.parse(body);
          detail = parsed && parsed.detail ? text(typeof parsed.detail === 'string' ? parsed.detail
            : JSON.stringify(parsed.detail)) : '';
        } catch (err) {
          detail = '';
        }
        throw new Error('Request failed (' + response.status + ')' + (detail ? ': ' + detail : ''));
      });
    });
  }

  /** Build a "?country=..&day=.." query string. */
  function query(params) {
    return '?' + Object.keys(params).filter(function (key) {
      return params[key] !== null && params[key] !== undefined && params[key] !== '';
    }).map(function (key) {
      return encodeURIComponent(key) + '=' + encodeURIComponent(String(params[key]));
    }).join('&');
  }

  /** Normalise a place state to one of STATES. */
  function placeState(value) {
    return STATES.indexOf(value) >= 0 ? value : 'unknown';
  }

  /* ------------------------------------------------------------------ state */

  var state = {
    page: null,
    days: [],
    index: 0,
    country: '',
    window: 7,
    api: { map: '/api/map', timeline: '/api/timeline' },
    atlasUrl: DEFAULT_ATLAS_URL,
    map: null,
    outlineBounds: null,
    fitted: false,
    layers: { places: null, events: null },
    legend: null,
    placeMarkers: {},
    actorColours: {},
    outlineReady: Promise.resolve(),
    outlineNote: '',
    pending: false,
    requestSeq: 0,
    controller: null,
    playTimer: null,
    sort: null,
    timeline: null,
    chartMarker: null,
    chartX: null
  };

  /** Colour of an actor, from the last /api/map or /api/timeline response. */
  function actorColour(actor) {
    return actor && state.actorColours[actor] ? state.actorColours[actor] : COLOUR_NO_ACTOR;
  }

  /** Remember the colours of the actors of an API response. */
  function learnActors(actors) {
    asArray(actors).forEach(function (item) {
      if (item && typeof item.actor === 'string') {
        state.actorColours[item.actor] = safeColour(item.colour, COLOUR_NO_ACTOR);
      }
    });
  }

  /** Fill colour for a place marker. */
  function placeColour(place) {
    var st = placeState(place.state);
    if (st === 'contested') {
      return COLOUR_CONTESTED;
    }
    if (st === 'unknown') {
      return COLOUR_UNKNOWN;
    }
    return safeColour(place.colour, actorColour(place.actor));
  }

  /** Human text for a place's control state. */
  function describeControl(place) {
    var st = placeState(place.state);
    if (st === 'controlled') {
      return place.actor ? 'Controlled by ' + text(place.actor) : 'Controlled';
    }
    if (st === 'contested') {
      return place.actor ? 'Contested (last held by ' + text(place.actor) + ')' : 'Contested';
    }
    return 'Control unknown';
  }

  /* ------------------------------------------------------------------ status */

  /** Show a message (or clear it with "") in #map-status. */
  function setStatus(message, isError) {
    var node = byId('map-status');
    if (!node) {
      return;
    }
    node.textContent = text(message);
    node.classList.toggle('error', Boolean(isError && message));
  }

  /* ------------------------------------------------------------------ map */

  /** Create the Leaflet map (no tile layer) with panes for neighbours, country and places. */
  function initMap() {
    var container = byId('map');
    if (!container || typeof L === 'undefined' || !L.map) {
      return null;
    }
    var map = L.map(container, { zoomSnap: 0.25, minZoom: 2, maxZoom: 13, worldCopyJump: false });
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('Borders: Natural Earth');
    map.createPane('neighbours').style.zIndex = '250';
    map.createPane('country').style.zIndex = '300';
    map.createPane('places').style.zIndex = '590';
    map.setView([20, 0], 2);
    state.layers.places = L.layerGroup().addTo(map);
    state.layers.events = makeEventLayer().addTo(map);
    state.legend = makeLegend().addTo(map);
    return map;
  }

  /** A marker cluster group for events (a plain layer group if the plugin is missing). */
  function makeEventLayer() {
    if (typeof L.markerClusterGroup === 'function') {
      return L.markerClusterGroup({
        chunkedLoading: true,
        showCoverageOnHover: false,
        maxClusterRadius: 60,
        spiderfyOnMaxZoom: true,
        iconCreateFunction: clusterIcon
      });
    }
    return L.layerGroup();
  }

  /**
   * Icon of an event cluster: a ring with its count in a badge at the upper right. Places are drawn
   * just below the cluster icons; the ring lets clicks through to them (CSS pointer-events) while the
   * badge, always on top and readable, zooms into the cluster.
   */
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? 'small' : (count < 100 ? 'medium' : 'large');
    var px = size === 'small' ? 26 : (size === 'medium' ? 32 : 38);
    var badge = el('span', 'event-cluster-count', String(count));
    return L.divIcon({
      html: badge,
      className: 'marker-cluster event-cluster event-cluster-' + size,
      iconSize: L.point(px, px)
    });
  }

  /** Bounding box [minLon, minLat, maxLon, maxLat] of a GeoJSON geometry. */
  function geometryBox(geometry) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    function walk(coords) {
      if (!Array.isArray(coords)) {
        return;
      }
      if (typeof coords[0] === 'number') {
        box[0] = Math.min(box[0], coords[0]);
        box[1] = Math.min(box[1], coords[1]);
        box[2] = Math.max(box[2], coords[0]);
        box[3] = Math.max(box[3], coords[1]);
        return;
      }
      coords.forEach(walk);
    }
    if (geometry && geometry.type === 'GeometryCollection') {
      asArray(geometry.geometries).forEach(function (g) { walk(g.coordinates); });
    } else if (geometry) {
      walk(geometry.coordinates);
    }
    return box;
  }

  /** True when two boxes overlap. */
  function boxesOverlap(a, b) {
    return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
  }

  /** Load the country outlines and draw the selected country (plus greyed neighbours). */
  function loadOutline(iso) {
    if (!state.map || typeof topojson === 'undefined' || !iso) {
      return Promise.resolve();
    }
    return fetchJSON(state.atlasUrl).then(function (topo) {
      if (!topo || !topo.objects || !topo.objects.countries) {
        throw new Error('country outlines are malformed');
      }
      var features = topojson.feature(topo, topo.objects.countries).features;
      drawOutline(features, String(iso));
    }).catch(function (err) {
      state.outlineNote = 'Could not load the country outline: ' + err.message;
      setStatus(state.outlineNote, true);
    });
  }

  /** Draw the country feature whose id is iso and the features around it. */
  function drawOutline(features, iso) {
    var target = null;
    features.forEach(function (f) {
      if (String(f.id) === iso) {
        target = f;
      }
    });
    if (!target) {
      state.outlineNote = 'No outline for country code ' + iso + '.';
      setStatus(state.outlineNote, false);
      return;
    }
    var box = geometryBox(target.geometry);
    var padded = [box[0] - NEIGHBOUR_PAD_DEGREES, box[1] - NEIGHBOUR_PAD_DEGREES,
      box[2] + NEIGHBOUR_PAD_DEGREES, box[3] + NEIGHBOUR_PAD_DEGREES];
    var neighbours = features.filter(function (f) {
      return f !== target && f.geometry && boxesOverlap(geometryBox(f.geometry), padded);
    });
    L.geoJSON({ type: 'FeatureCollection', features: neighbours }, {
      pane: 'neighbours',
      interactive: false,
      style: {
        className: 'neighbour-outline', color: '#9aa3ab', weight: 1, fillColor: '#dde1e5', fillOpacity: 1
      }
    }).addTo(state.map);
    var outline = L.geoJSON(target, {
      pane: 'country',
      interactive: false,
      style: {
        className: 'country-outline', color: '#2b2b2b', weight: 2, fillColor: '#fbfaf5', fillOpacity: 1
      }
    }).addTo(state.map);
    state.outlineBounds = outline.getBounds();
    state.map.fitBounds(state.outlineBounds, { padding: [12, 12] });
    state.fitted = true;
  }

  /** Fit the map to the data when there was no outline to fit to. */
  function fitToData(data) {
    if (!state.map || state.fitted) {
      return;
    }
    var points = asArray(data.places).concat(asArray(data.events)).filter(function (item) {
      return item && isNumber(item.latitude) && isNumber(item.longitude);
    }).map(function (item) {
      return [item.latitude, item.longitude];
    });
    if (points.length) {
      state.map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 9 });
      state.fitted = true;
    }
  }

  /** A paragraph with a label and a value, for popups. */
  function popupRow(label, value) {
    var p = el('p', 'popup-row');
    p.appendChild(el('span', 'popup-label', label + ': '));
    p.appendChild(document.createTextNode(text(value)));
    return p;
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
    box.appendChild(el('p', 'popup-row', place.corroborated === true ? 'Corroborated by independent sources'
      : 'Not corroborated'));
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

  /** Draw the places of a day as circle markers. */
  function drawPlaces(places) {
    var layer = state.layers.places;
    layer.clearLayers();
    state.placeMarkers = {};
    places.forEach(function (place) {
      if (!place || !isNumber(place.latitude) || !isNumber(place.longitude)) {
        return;
      }
      var seat = place.admin1_seat === true;
      var st = placeState(place.state);
      var marker = L.circleMarker([place.latitude, place.longitude], {
        pane: 'places',
        radius: seat ? 9 : 6,
        color: '#1b1b1b',
        weight: seat ? 2 : 1,
        fillColor: placeColour(place),
        fillOpacity: 0.92,
        className: 'place-marker' + (seat ? ' seat' : '') + ' state-' + st
      });
      marker.bindTooltip(el('span', null, text(place.place)), { direction: 'top', offset: [0, -6] });
      marker.bindPopup(function () { return placePopup(place); });
      layer.addLayer(marker);
      state.placeMarkers[text(place.geonameid)] = marker;
    });
  }

  /** Draw the events of the window as clustered circle markers. */
  function drawEvents(events) {
    var layer = state.layers.events;
    layer.clearLayers();
    var markers = [];
    events.forEach(function (event) {
      if (!event || !isNumber(event.latitude) || !isNumber(event.longitude)) {
        return;
      }
      var n = isNumber(event.independent_sources) ? Math.max(0, event.independent_sources) : 0;
      var marker = L.circleMarker([event.latitude, event.longitude], {
        radius: 4 + 2 * Math.sqrt(n),
        color: COLOUR_EVENT_EDGE,
        weight: 1.5,
        fillColor: COLOUR_EVENT,
        fillOpacity: 0.85,
        className: 'event-marker'
      });
      marker.bindPopup(function () { return eventPopup(event); });
      markers.push(marker);
    });
    if (typeof layer.addLayers === 'function') {
      layer.addLayers(markers);
    } else {
      markers.forEach(function (m) { layer.addLayer(m); });
    }
  }

  /** A legend control: a <details> box (closed at first on narrow screens), body filled by updateLegend. */
  function makeLegend() {
    var control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'map-legend');
      var details = el('details');
      details.open = !(window.matchMedia && window.matchMedia('(max-width: 640px)').matches);
      details.appendChild(el('summary', null, 'Legend'));
      details.appendChild(el('div', 'legend-body'));
      div.appendChild(details);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return control;
  }

  /** One legend line: a swatch and a label. */
  function legendItem(colour, label, shape) {
    var row = el('div', 'legend-item');
    var swatch = el('span', 'swatch' + (shape ? ' swatch-' + shape : ''));
    swatch.style.backgroundColor = colour;
    row.appendChild(swatch);
    row.appendChild(el('span', null, label));
    return row;
  }

  /** Fill the legend with the actors of the current data. */
  function updateLegend(actors) {
    var container = state.legend && state.legend.getContainer ? state.legend.getContainer() : null;
    var div = container ? container.querySelector('.legend-body') : null;
    if (!div) {
      return;
    }
    clear(div);
    div.appendChild(el('div', 'legend-title', 'Control'));
    asArray(actors).forEach(function (item) {
      if (item && item.actor) {
        div.appendChild(legendItem(safeColour(item.colour, COLOUR_NO_ACTOR), text(item.actor)));
      }
    });
    div.appendChild(legendItem(COLOUR_CONTESTED, 'Contested'));
    div.appendChild(legendItem(COLOUR_UNKNOWN, 'Unknown'));
    div.appendChild(legendItem(COLOUR_EVENT, 'Event (size: sources)', 'event'));
    div.appendChild(legendItem('transparent', 'Events grouped (count)', 'cluster'));
    div.appendChild(el('div', 'legend-note', 'Large dots: capitals'));
  }

  /** Pan to a place's marker and open its popup. */
  function focusPlace(geonameid) {
    var marker = state.placeMarkers[geonameid];
    if (!state.map || !marker) {
      return;
    }
    var opened = false;
    var open = function () {
      if (!opened) {
        opened = true;
        marker.openPopup();
      }
    };
    state.map.once('moveend', open);
    setTimeout(open, 600);
    state.map.setView(marker.getLatLng(), Math.max(state.map.getZoom(), 7));
  }

  /* ------------------------------------------------------------------ places list, summary */

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
      var detail = describeControl(place) + (place.since ? ' since ' + text(place.since) : '');
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

  /* ------------------------------------------------------------------ events table */

  /** Table cell with text. */
  function cell(value) {
    return el('td', null, text(value));
  }

  /** Rebuild the events table body, then re-apply the sort and the filter. */
  function renderEventsTable(events) {
    var table = byId('events-table');
    var body = table ? table.tBodies[0] : null;
    if (!table) {
      return;
    }
    if (!body) {
      body = table.appendChild(document.createElement('tbody'));
    }
    var fragment = document.createDocumentFragment();
    events.forEach(function (event) {
      if (!event) {
        return;
      }
      var tr = document.createElement('tr');
      tr.dataset.eventId = text(event.event_id);
      tr.appendChild(cell(event.event_date));
      var label = text(event.sub_event_type || event.event_type) || 'Event';
      var td = document.createElement('td');
      var href = eventHref(event.url);
      if (href) {
        var a = el('a', null, label);
        a.href = href;
        td.appendChild(a);
      } else {
        td.textContent = label;
      }
      tr.appendChild(td);
      tr.appendChild(cell(event.location));
      tr.appendChild(cell(event.actor1));
      tr.appendChild(cell(isNumber(event.independent_sources) ? event.independent_sources : ''));
      fragment.appendChild(tr);
    });
    clear(body);
    body.appendChild(fragment);
    var more = byId('events-more');  // the server's "N more rows" note: every row is drawn now
    if (more) {
      more.hidden = true;
    }
    if (state.sort) {
      sortRows(state.sort.index, state.sort.type, state.sort.dir);
    }
    applyFilter();
  }

  /** Compare two cell texts as numbers or as text. */
  function compareCells(a, b, type) {
    if (type === 'number') {
      var x = parseFloat(a);
      var y = parseFloat(b);
      x = isNaN(x) ? -Infinity : x;
      y = isNaN(y) ? -Infinity : y;
      return x === y ? 0 : (x < y ? -1 : 1);
    }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  }

  /** Sort the table body rows by the column at index. */
  function sortRows(index, type, dir) {
    var table = byId('events-table');
    var body = table ? table.tBodies[0] : null;
    if (!body) {
      return;
    }
    var rows = Array.prototype.slice.call(body.rows).map(function (row, order) {
      var c = row.cells[index];
      return { row: row, key: c ? c.textContent.trim() : '', order: order };
    });
    rows.sort(function (a, b) {
      var result = compareCells(a.key, b.key, type);
      return result !== 0 ? (dir === 'desc' ? -result : result) : a.order - b.order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
  }

  /** Handle a click on a sortable header: toggle asc/desc and set aria-sort. */
  function onHeaderActivate(th) {
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var index = headers.indexOf(th);
    var key = th.dataset.key;
    var dir = state.sort && state.sort.key === key && state.sort.dir === 'asc' ? 'desc' : 'asc';
    state.sort = { key: key, index: index, type: th.dataset.type === 'number' ? 'number' : 'text', dir: dir };
    headers.forEach(function (h) {
      if (h === th) {
        h.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
      } else if (h.dataset && h.dataset.key) {
        h.setAttribute('aria-sort', 'none');
      }
    });
    sortRows(index, state.sort.type, dir);
  }

  /** Make the table headers sortable by click or keyboard. */
  function initTableSorting() {
    var table = byId('events-table');
    if (!table || !table.tHead) {
      return;
    }
    Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-key]'), function (th) {
      th.classList.add('sortable');
      th.tabIndex = 0;
      if (!th.hasAttribute('aria-sort')) {
        th.setAttribute('aria-sort', 'none');
      }
      th.addEventListener('click', function () { onHeaderActivate(th); });
      th.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onHeaderActivate(th);
        }
      });
    });
  }

  /** Hide the rows whose text does not contain the filter text; update the row count. */
  function applyFilter() {
    var table = byId('events-table');
    var body = table ? table.tBodies[0] : null;
    var input = byId('events-filter');
    if (!body) {
      return;
    }
    var needle = input ? input.value.trim().toLowerCase() : '';
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
      row.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    var count = byId('events-count');
    if (count) {
      count.textContent = needle ? shown + ' of ' + body.rows.length + ' events'
        : body.rows.length + ' events';
    }
  }

  /** Wire the filter box and add a live row count next to it. */
  function initTableFilter() {
    var input = byId('events-filter');
    if (!input) {
      return;
    }
    if (!byId('events-count') && input.parentNode) {
      var count = el('span', 'muted events-count');
      count.id = 'events-count';
      count.setAttribute('aria-live', 'polite');
      input.parentNode.insertBefore(count, input.nextSibling);
    }
    input.addEventListener('input', applyFilter);
    applyFilter();
  }

  /* ------------------------------------------------------------------ chart */

  /** Draw the "places controlled per actor per day" chart into #chart. */
  function drawChart() {
    var container = byId('chart');
    var timeline = state.timeline;
    if (!container || !timeline) {
      return;
    }
    clear(container);
    var holdings = asArray(timeline.holdings).filter(function (h) { return h && typeof h.day === 'string'; });
    if (!holdings.length) {
      container.appendChild(el('p', 'muted', 'No control data for this country.'));
      return;
    }
    var actors = asArray(timeline.actors).filter(function (a) { return a && typeof a.actor === 'string'; });
    var perDay = timeline.events_per_day && typeof timeline.events_per_day === 'object'
      ? timeline.events_per_day : {};
    var width = Math.max(280, Math.round(container.clientWidth || 640));
    var height = 220;
    var pad = { left: 40, right: 14, top: 14, bottom: 30 };
    var plotW = width - pad.left - pad.right;
    var plotH = height - pad.top - pad.bottom;
    var n = holdings.length;
    var yMax = 1;
    var eventsMax = 0;
    holdings.forEach(function (h) {
      actors.forEach(function (a) {
        var v = h.counts && isNumber(h.counts[a.actor]) ? h.counts[a.actor] : 0;
        yMax = Math.max(yMax, v);
      });
      eventsMax = Math.max(eventsMax, isNumber(perDay[h.day]) ? perDay[h.day] : 0);
    });
    var slot = plotW / n;
    var x = function (i) { return pad.left + (i + 0.5) * slot; };
    var y = function (v) { return pad.top + plotH * (1 - v / yMax); };
    var svg = svgEl('svg', {
      viewBox: '0 0 ' + width + ' ' + height, width: '100%', height: height,
      role: 'img', 'class': 'chart-svg', preserveAspectRatio: 'xMinYMin meet'
    });
    var title = svgEl('title', {});
    title.textContent = 'Places controlled per actor per day, ' + holdings[0].day + ' to '
      + holdings[n - 1].day;
    svg.appendChild(title);
    drawChartBars(svg, holdings, perDay, eventsMax, x, pad.top + plotH, plotH, slot);
    drawChartAxes(svg, holdings, yMax, y, pad, width, height);
    actors.forEach(function (a) {
      svg.appendChild(svgEl('path', {
        d: stepPath(holdings, a.actor, x, y, slot),
        fill: 'none',
        stroke: safeColour(a.colour, COLOUR_NO_ACTOR),
        'stroke-width': 2.5, 'class': 'chart-line'
      }));
    });
    state.chartMarker = svgEl('line', {
      'class': 'chart-day', x1: 0, x2: 0, y1: pad.top, y2: pad.top + plotH
    });
    svg.appendChild(state.chartMarker);
    drawChartHits(svg, holdings, actors, perDay, x, pad, plotH, slot);
    container.appendChild(svg);
    container.appendChild(chartLegend(actors, eventsMax));
    state.chartX = { x: x, days: holdings.map(function (h) { return h.day; }) };
    moveChartMarker(state.days[state.index]);
  }

  /** SVG path data of a step line for one actor: each day's value spans that day's slot. */
  function stepPath(holdings, actor, x, y, slot) {
    var parts = [];
    holdings.forEach(function (h, i) {
      var v = h.counts && isNumber(h.counts[actor]) ? h.counts[actor] : 0;
      var left = (x(i) - slot / 2).toFixed(1);
      parts.push((i === 0 ? 'M' + left + ' ' : 'H' + left + 'V') + y(v).toFixed(1));
      parts.push('H' + (x(i) + slot / 2).toFixed(1));
    });
    return parts.join('');
  }

  /** Faint bars of events per day at the bottom of the plot (scaled to their own max). */
  function drawChartBars(svg, holdings, perDay, eventsMax, x, base, plotH, slot) {
    if (eventsMax <= 0) {
      return;
    }
    var barW = Math.max(1, slot * 0.6);
    holdings.forEach(function (h, i) {
      var v = isNumber(perDay[h.day]) ? perDay[h.day] : 0;
      if (v <= 0) {
        return;
      }
      var barH = (v / eventsMax) * plotH * 0.4;
      svg.appendChild(svgEl('rect', {
        x: (x(i) - barW / 2).toFixed(1), y: (base - barH).toFixed(1), width: barW.toFixed(1),
        height: barH.toFixed(1), 'class': 'chart-bar'
      }));
    });
  }

  /** SVG text node. */
  function svgText(content, attrs) {
    var node = svgEl('text', attrs);
    node.textContent = text(content);
    return node;
  }

  /** Axes: y from 0 to yMax, x with the first and last day. */
  function drawChartAxes(svg, holdings, yMax, y, pad, width, height) {
    var bottom = height - pad.bottom;
    var right = width - pad.right;
    var left = pad.left;
    svg.appendChild(svgEl('line', { 'class': 'chart-axis', x1: left, x2: right, y1: bottom, y2: bottom }));
    svg.appendChild(svgEl('line', { 'class': 'chart-axis', x1: left, x2: left, y1: pad.top, y2: bottom }));
    svg.appendChild(svgEl('line', {
      'class': 'chart-grid', x1: pad.left, x2: width - pad.right, y1: y(yMax), y2: y(yMax)
    }));
    var label = function (content, xPos, yPos, anchor) {
      svg.appendChild(svgText(content, { x: xPos, y: yPos, 'text-anchor': anchor, 'class': 'chart-label' }));
    };
    label(yMax, pad.left - 6, y(yMax) + 4, 'end');
    label(0, pad.left - 6, bottom + 4, 'end');
    var n = holdings.length;
    label(holdings[0].day, pad.left, bottom + 18, 'start');
    if (n > 1) {
      label(holdings[n - 1].day, right, bottom + 18, 'end');
    }
  }

  /** Transparent per-day hit areas: hover shows the day's numbers, click selects the day. */
  function drawChartHits(svg, holdings, actors, perDay, x, pad, plotH, slot) {
    holdings.forEach(function (h, i) {
      var rect = svgEl('rect', {
        x: (x(i) - slot / 2).toFixed(1), y: pad.top, width: Math.max(1, slot).toFixed(1), height: plotH,
        fill: 'transparent', 'class': 'chart-hit'
      });
      var parts = actors.map(function (a) {
        var v = h.counts && isNumber(h.counts[a.actor]) ? h.counts[a.actor] : 0;
        return a.actor + ' ' + v;
      });
      var events = isNumber(perDay[h.day]) ? perDay[h.day] : 0;
      var tip = svgEl('title', {});
      tip.textContent = h.day + ': ' + (parts.length ? parts.join(', ') + '; ' : '') + events + ' events';
      rect.appendChild(tip);
      rect.addEventListener('click', function () {
        var index = state.days.indexOf(h.day);
        if (index >= 0) {
          stopPlay();
          setDayIndex(index);
        }
      });
      svg.appendChild(rect);
    });
  }

  /** HTML legend under the chart. */
  function chartLegend(actors, eventsMax) {
    var div = el('div', 'chart-legend');
    actors.forEach(function (a) {
      var colour = safeColour(a.colour, COLOUR_NO_ACTOR);
      div.appendChild(legendItem(colour, a.actor + ': places controlled', 'line'));
    });
    if (eventsMax > 0) {
      div.appendChild(legendItem('#c9d1da', 'Events per day (bars, max ' + eventsMax + ')', 'bar'));
    }
    return div;
  }

  /** Move the chart's vertical day line to a day (hidden when the day is not on the chart). */
  function moveChartMarker(day) {
    if (!state.chartMarker || !state.chartX) {
      return;
    }
    var i = state.chartX.days.indexOf(day);
    if (i < 0) {
      state.chartMarker.setAttribute('visibility', 'hidden');
      return;
    }
    var pos = state.chartX.x(i).toFixed(1);
    state.chartMarker.setAttribute('visibility', 'visible');
    state.chartMarker.setAttribute('x1', pos);
    state.chartMarker.setAttribute('x2', pos);
  }

  /** Fetch the timeline once and draw the chart. */
  function loadTimeline() {
    if (!byId('chart') || !state.api.timeline) {
      return;
    }
    fetchJSON(state.api.timeline + query({ country: state.country })).then(function (timeline) {
      state.timeline = timeline && typeof timeline === 'object' ? timeline : null;
      if (state.timeline) {
        learnActors(state.timeline.actors);
      }
      drawChart();
    }).catch(function (err) {
      var container = byId('chart');
      clear(container);
      container.appendChild(el('p', 'error', 'Could not load the timeline: ' + err.message));
    });
  }

  /* ------------------------------------------------------------------ day selection */

  /** Update the label, hidden input, slider and chart marker for the current day. */
  function showDay() {
    var day = state.days[state.index];
    var slider = byId('day-slider');
    var label = byId('day-label');
    var input = byId('day-input');
    if (slider) {
      slider.value = String(state.index);
      slider.setAttribute('aria-valuetext', day);
    }
    if (label) {
      label.textContent = day;
    }
    if (input) {
      input.value = day;
    }
    moveChartMarker(day);
  }

  /** Replace the URL with ?country=..&day=.. for the current day. */
  function updateUrl(day) {
    if (window.history && typeof window.history.replaceState === 'function') {
      try {
        var search = query({ country: state.country, day: day });
        window.history.replaceState(null, '', window.location.pathname + search);
      } catch (err) {
        /* replaceState can fail on odd origins; the page still works without it. */
      }
    }
  }

  var loadDayDebounced = debounce(function () { loadDay(); }, DEBOUNCE_MS);

  /** Select a day by slider index; the data are fetched after a short pause. */
  function setDayIndex(index) {
    if (!state.days.length) {
      return;
    }
    state.index = Math.max(0, Math.min(state.days.length - 1, index));
    state.pending = true;
    document.body.dataset.mapReady = 'false';
    showDay();
    loadDayDebounced();
  }

  /** Fetch /api/map for the current day and redraw everything that depends on it. */
  function loadDay() {
    var day = state.days[state.index];
    if (!day || !state.api.map) {
      return;
    }
    state.requestSeq += 1;
    var seq = state.requestSeq;
    if (state.controller) {
      state.controller.abort();
    }
    state.controller = typeof AbortController === 'function' ? new AbortController() : null;
    document.body.dataset.mapReady = 'false';
    updateUrl(day);
    var url = state.api.map + query({ country: state.country, day: day, window: state.window });
    var request = fetchJSON(url, state.controller ? state.controller.signal : null);
    Promise.all([request, state.outlineReady]).then(function (results) {
      if (seq !== state.requestSeq) {
        return;
      }
      drawDay(results[0] || {}, day);
    }).catch(function (err) {
      if (seq !== state.requestSeq || (err && err.name === 'AbortError')) {
        return;
      }
      state.pending = false;
      setStatus('Could not load the map for ' + day + ': ' + (err && err.message ? err.message : err), true);
    });
  }

  /** Draw one day's /api/map response. */
  function drawDay(data, day) {
    var places = asArray(data.places);
    var events = asArray(data.events);
    learnActors(data.actors);
    if (state.map) {
      drawPlaces(places);
      drawEvents(events);
      updateLegend(data.actors);
      fitToData(data);
    }
    renderPlacesList(places);
    renderSummary(data.summary);
    renderEventsTable(events);
    setStatus(state.outlineNote, Boolean(state.outlineNote));
    state.pending = false;
    document.body.dataset.mapDay = day;
    document.body.dataset.mapReady = 'true';
  }

  /* ------------------------------------------------------------------ play */

  /** Set the play button's pressed state and text. */
  function setPlayButton(playing) {
    var button = byId('play');
    if (button) {
      button.setAttribute('aria-pressed', playing ? 'true' : 'false');
      button.textContent = playing ? 'Pause' : 'Play';
    }
  }

  /** Stop playing (no-op when not playing). */
  function stopPlay() {
    if (state.playTimer !== null) {
      clearInterval(state.playTimer);
      state.playTimer = null;
    }
    setPlayButton(false);
  }

  /** Advance one day (waiting while the day shown still loads: every day is drawn); stop at the last. */
  function playStep() {
    var last = state.days.length - 1;
    if (state.pending) {
      return;
    }
    if (state.index >= last) {
      stopPlay();
      return;
    }
    setDayIndex(state.index + 1);
    if (state.index >= last) {
      stopPlay();
    }
  }

  /** Start playing from the current day (from the first day when at the end). */
  function startPlay() {
    if (state.days.length < 2) {
      return;
    }
    if (state.index >= state.days.length - 1) {
      setDayIndex(0);
    }
    setPlayButton(true);
    state.playTimer = setInterval(playStep, PLAY_MS);
  }

  /* ------------------------------------------------------------------ controls */

  /** Wire the slider, play button and country selector. */
  function initControls() {
    var slider = byId('day-slider');
    if (slider) {
      slider.min = '0';
      slider.max = String(Math.max(0, state.days.length - 1));
      slider.addEventListener('input', function () {
        stopPlay();
        var value = parseInt(slider.value, 10);
        setDayIndex(isNaN(value) ? 0 : value);
      });
    }
    var play = byId('play');
    if (play) {
      play.disabled = state.days.length < 2;
      play.addEventListener('click', function () {
        if (state.playTimer !== null) {
          stopPlay();
        } else {
          startPlay();
        }
      });
    }
    var select = byId('country');
    if (select) {
      select.addEventListener('change', function () {
        stopPlay();
        window.location.assign(window.location.pathname + query({ country: select.value }));
      });
    }
  }

  /** Index of the initial day: page-data.day, else the slider's value, else the last day. */
  function initialIndex(data) {
    var i = state.days.indexOf(data.day);
    if (i >= 0) {
      return i;
    }
    var slider = byId('day-slider');
    var fromSlider = slider ? parseInt(slider.value, 10) : NaN;
    if (!isNaN(fromSlider) && fromSlider >= 0 && fromSlider < state.days.length) {
      return fromSlider;
    }
    return Math.max(0, state.days.length - 1);
  }

  /** Set up the home page. */
  function initHome(data) {
    state.page = data;
    state.days = asArray(data.days).filter(function (d) { return typeof d === 'string'; });
    state.country = text(data.country_code || data.country);
    state.window = isNumber(data.window) ? data.window : 7;
    if (data.api && typeof data.api === 'object') {
      state.api.map = typeof data.api.map === 'string' ? data.api.map : state.api.map;
      state.api.timeline = typeof data.api.timeline === 'string' ? data.api.timeline : state.api.timeline;
      state.atlasUrl = typeof data.api.atlas === 'string' ? data.api.atlas : state.atlasUrl;
    }
    state.index = initialIndex(data);
    initTableSorting();
    initTableFilter();
    initControls();
    try {
      state.map = initMap();
    } catch (err) {
      state.map = null;
      setStatus('The map could not be started: ' + err.message, true);
    }
    state.outlineReady = loadOutline(data.iso_numeric);
    window.addEventListener('resize', debounce(drawChart, 200));
    loadTimeline();
    if (!state.days.length) {
      setStatus('No days with data for this country.', false);
      state.outlineReady.then(function () {
        document.body.dataset.mapReady = 'true';
      });
      return;
    }
    showDay();
    loadDay();
  }

  /** Entry point: run the home page code only on the home page. */
  function main() {
    var data = readPageData();
    if (!data || data.page !== 'home') {
      return;
    }
    initHome(data);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', main);
  } else {
    main();
  }
}());
