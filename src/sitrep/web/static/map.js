/*
 * sitrep dashboard, map.js: the Leaflet map of the home page (sitrep.map). Draws the country outline
 * (TopoJSON from world-atlas, neighbours greyed, no tile layer), the places of a day as circle markers
 * coloured by controller, the events of the window in a marker cluster group, their popups and
 * tooltips, and the map legend; pans to a place on request. The provinces (provinces.js, when
 * loaded) are drawn in their own pane between the country and the places, loaded with the outline,
 * shaded with each day's places and counting each window's events.
 *
 * Needs dom.js, state.js and popups.js, and the globals L (Leaflet), L.markerClusterGroup
 * (leaflet.markercluster) and topojson (topojson-client) when present; without Leaflet, init() returns
 * null and nothing is drawn.
 * Tooltips and popups (popups.js) are built from DOM text nodes, never HTML strings; colours are hex.
 */
(function (ns) {
  'use strict';

  var NEIGHBOUR_PAD_DEGREES = 25;
  var config = ns.config;
  var COLOUR_CONTESTED = config.COLOUR_CONTESTED;
  var COLOUR_UNKNOWN = config.COLOUR_UNKNOWN;
  var COLOUR_NO_ACTOR = config.COLOUR_NO_ACTOR;
  var COLOUR_EVENT = config.COLOUR_EVENT;
  var COLOUR_EVENT_EDGE = config.COLOUR_EVENT_EDGE;
  var dom = ns.dom;
  var byId = dom.byId;
  var text = dom.text;
  var el = dom.el;
  var clear = dom.clear;
  var isNumber = dom.isNumber;
  var safeColour = dom.safeColour;
  var asArray = dom.asArray;
  var fetchJSON = dom.fetchJSON;
  var setStatus = dom.setStatus;
  var legendItem = dom.legendItem;
  var state = ns.state;
  var model = ns.model;
  var placeState = model.placeState;
  var placeColour = model.placeColour;
  var placePopup = ns.popups.place;
  var eventPopup = ns.popups.event;

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
    map.createPane('provinces').style.zIndex = '350';
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

  /** Load the country outline and, when provinces.js is there, the country's provinces (drawn above it). */
  function loadOutline(iso) {
    var outline = loadCountry(iso);
    if (!ns.provinces || !state.map) {
      return outline;
    }
    var provinces = ns.provinces.load(state.country);
    return outline.then(function () { return provinces; });
  }

  /** Load the country outlines and draw the selected country (plus greyed neighbours). */
  function loadCountry(iso) {
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

  /**
   * How a place's evidence is drawn: a presumed or baseline holding (no report) faint and dashed,
   * a reported state half-filled, a reported change by one source only dashed, else solid.
   */
  function basisLook(place) {
    var basis = text(place.basis) || 'evidenced';
    if (basis === 'presumed' || basis === 'baseline') {
      return { name: basis, opacity: 0.3, dash: '3 3' };
    }
    if (basis === 'reported') {
      return { name: basis, opacity: 0.6, dash: null };
    }
    if (place.corroborated !== true && place.state === 'controlled') {
      return { name: 'uncorroborated', opacity: 0.92, dash: '2 2' };
    }
    return { name: 'evidenced', opacity: 0.92, dash: null };
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
      var look = basisLook(place);
      var marker = L.circleMarker([place.latitude, place.longitude], {
        pane: 'places',
        radius: seat ? 9 : 6,
        color: '#1b1b1b',
        weight: seat ? 2 : 1,
        dashArray: look.dash,
        fillColor: placeColour(place),
        fillOpacity: look.opacity,
        className: 'place-marker' + (seat ? ' seat' : '') + ' state-' + st + ' basis-' + look.name
      });
      marker.bindTooltip(el('span', null, text(place.place)), { direction: 'top', offset: [0, -6] });
      marker.bindPopup(function () { return placePopup(place); });
      layer.addLayer(marker);
      state.placeMarkers[text(place.geonameid)] = marker;
    });
    if (ns.provinces) {
      ns.provinces.shade(places);
    }
  }

  /** An event's circle marker (size: its independent sources; faint and dashed when not factual). */
  function eventMarker(event) {
    var n = isNumber(event.independent_sources) ? Math.max(0, event.independent_sources) : 0;
    var factual = ns.model.isFactual(event);
    var marker = L.circleMarker([event.latitude, event.longitude], {
      radius: 4 + 2 * Math.sqrt(n),
      color: COLOUR_EVENT_EDGE,
      weight: 1.5,
      dashArray: factual ? null : '2 2',
      fillColor: COLOUR_EVENT,
      fillOpacity: factual ? 0.85 : 0.3,
      className: 'event-marker' + (factual ? '' : ' not-factual modality-' + text(event.modality))
    });
    marker.bindPopup(function () { return eventPopup(event); });
    return marker;
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
      markers.push(eventMarker(event));
    });
    if (typeof layer.addLayers === 'function') {
      layer.addLayers(markers);
    } else {
      markers.forEach(function (m) { layer.addLayer(m); });
    }
    if (ns.provinces) {
      ns.provinces.aggregate(events);
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
    div.appendChild(legendItem('transparent', 'Faint, dashed: presumed (no report)', 'basis-presumed'));
    div.appendChild(legendItem('transparent', 'Half-filled: reported state, no change', 'basis-reported'));
    div.appendChild(legendItem('transparent', 'Dashed: one source only', 'basis-uncorroborated'));
    div.appendChild(legendItem(COLOUR_EVENT, 'Event (size: sources)', 'event'));
    if (state.modalities === 'all') {
      div.appendChild(legendItem('transparent', 'Faint, dashed: threat, plan, denial, hypothetical',
        'event-not-factual'));
    }
    div.appendChild(legendItem('transparent', 'Events grouped (count)', 'cluster'));
    if (ns.provinces && ns.provinces.layer.group) {
      div.appendChild(legendItem('transparent', 'Province: shaded by its capital\'s holder (faint: presumed)',
        'province'));
      div.appendChild(legendItem('transparent', 'Zoomed out: events per province (click to zoom in)',
        'province-count'));
    }
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

  ns.map = {
    init: initMap,
    makeEventLayer: makeEventLayer,
    eventMarker: eventMarker,
    basisLook: basisLook,
    geometryBox: geometryBox,
    loadOutline: loadOutline,
    fitToData: fitToData,
    drawPlaces: drawPlaces,
    drawEvents: drawEvents,
    updateLegend: updateLegend,
    focusPlace: focusPlace
  };
}(window.sitrep = window.sitrep || {}));
