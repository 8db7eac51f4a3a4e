/*
 * sitrep dashboard, provinces.js: the province (admin-1) layer of the home page map (sitrep.provinces).
 * Loads /provinces/{country}.json (outlines the server derived at install time: no tiles, nothing from
 * the internet) and draws each province shaded by who holds its seat town on the chosen day: the
 * seat's place in /api/map, matched on GeoNames id (seat_geonameid), coloured as its marker and drawn
 * by what the holding rests on as the seat markers are (presumed or baseline: faint with a dashed
 * edge; reported: half; one source only: dashed; evidenced: strongest). Each province names itself
 * (and its seat's holder) in a tooltip. Zoomed out (below AGGREGATE_BELOW_ZOOM) the window's events
 * show as one count per province (a click zooms to it) instead of the clusters; events outside
 * every province stay clustered. The outlines' note (a country whose divisions changed since the
 * data was drawn) shows in #province-note.
 *
 * Needs dom.js, state.js, map.js (its pane, basisLook, geometryBox, eventMarker, makeEventLayer) and
 * Leaflet; map.js calls it. Tooltips are built from DOM text nodes, never HTML strings.
 */
(function (ns) {
  'use strict';

  var AGGREGATE_BELOW_ZOOM = 7;
  // Fill opacity by what a seat's holding rests on (basisLook names); a province without a known
  // holder is left clear.
  var FILL_OPACITY = { presumed: 0.12, baseline: 0.12, reported: 0.25, uncorroborated: 0.35, evidenced: 0.45 };
  var EDGE = '#4a4f55';
  var dom = ns.dom;
  var el = dom.el;
  var text = dom.text;
  var isNumber = dom.isNumber;
  var asArray = dom.asArray;
  var state = ns.state;
  var model = ns.model;

  /** The layer's own state: the drawn provinces, the count markers, the stray events' clusters. */
  var layer = { group: null, provinces: [], counts: null, strays: null, aggregated: false, note: '' };

  /** Fetch and draw the provinces of `country` (alpha-2); a failure is told under the map, not thrown. */
  function load(country) {
    if (!state.map || !country) {
      return Promise.resolve();
    }
    return dom.fetchJSON('/provinces/' + encodeURIComponent(country) + '.json').then(function (data) {
      draw(data || {});
    }).catch(function (err) {
      showNote('Province outlines could not be loaded: ' + err.message);
    });
  }

  /** Write the note under the map (or clear it). */
  function showNote(message) {
    layer.note = message || '';
    var box = dom.byId('province-note');
    if (box) {
      box.textContent = layer.note;
      box.hidden = !layer.note;
    }
  }

  /** Draw the outlines (unshaded until a day's places arrive) and wire the zoom switch. */
  function draw(data) {
    var map = state.map;
    layer.provinces = [];
    layer.group = L.geoJSON(data, {
      pane: 'provinces',
      style: { className: 'province', color: EDGE, weight: 0.8, fillOpacity: 0, fillColor: '#ffffff' },
      onEachFeature: function (feature, path) {
        var props = feature.properties || {};
        var entry = { feature: feature, path: path, props: props, box: ns.map.geometryBox(feature.geometry),
          place: null, count: 0 };
        path.bindTooltip(function () { return tooltip(entry); }, { sticky: true, direction: 'top' });
        path.on('add', function () { mark(entry); });
        layer.provinces.push(entry);
      }
    }).addTo(map);
    layer.counts = L.layerGroup();
    layer.strays = ns.map.makeEventLayer();
    showNote(text(data.note));
    map.on('zoomend', switchEventLayers);
    document.body.dataset.provinces = String(layer.provinces.length);
  }

  /** Set the province's data attributes on its SVG path (what it is, who holds its seat, on what basis). */
  function mark(entry) {
    var node = entry.path.getElement ? entry.path.getElement() : null;
    if (!node) {
      return;
    }
    var place = entry.place;
    node.setAttribute('data-geonameid', text(entry.props.geonameid));
    node.setAttribute('data-name', text(entry.props.name));
    node.setAttribute('data-state', place ? model.placeState(place.state) : 'none');
    node.setAttribute('data-basis', place ? ns.map.basisLook(place).name : 'none');
    node.setAttribute('data-actor', place && place.actor ? text(place.actor) : '');
    node.setAttribute('data-events', String(entry.count));
  }

  /** The tooltip: the province's name, then its seat's holder and the window's events in it. */
  function tooltip(entry) {
    var box = el('div', 'province-tooltip');
    box.appendChild(el('strong', null, text(entry.props.name) || 'Province'));
    var place = entry.place;
    var seat = text(entry.props.seat);
    if (place) {
      var basis = ns.map.basisLook(place).name;
      var held = model.describeControl(place) + (basis === 'presumed' || basis === 'baseline'
        ? ' (presumed, no report)' : (place.since ? ' since ' + text(place.since) : ''));
      box.appendChild(el('div', null, 'Capital ' + (text(place.place) || seat) + ': ' + held));
    } else if (seat) {
      box.appendChild(el('div', 'muted', 'Capital ' + seat + ': no known holder'));
    }
    if (entry.count) {
      box.appendChild(el('div', null, entry.count + (entry.count === 1 ? ' event' : ' events') + ' in the window'));
    }
    return box;
  }

  /** Shade each province by the day's holder of its seat town (matched on GeoNames id). */
  function shade(places) {
    var bySeat = {};
    asArray(places).forEach(function (place) {
      if (place && place.geonameid !== null && place.geonameid !== undefined) {
        bySeat[text(place.geonameid)] = place;
      }
    });
    layer.provinces.forEach(function (entry) {
      var seat = entry.props.seat_geonameid;
      var place = seat === null || seat === undefined ? null : bySeat[text(seat)] || null;
      entry.place = place;
      entry.path.setStyle(look(place));
      mark(entry);
    });
  }

  /** Fill and edge of a province whose seat is `place` (null: no known holder). */
  function look(place) {
    if (!place) {
      return { fillOpacity: 0, dashArray: null, weight: 0.8 };
    }
    var basis = ns.map.basisLook(place);
    return {
      fillColor: model.placeColour(place),
      fillOpacity: FILL_OPACITY[basis.name] || FILL_OPACITY.evidenced,
      dashArray: basis.name === 'presumed' || basis.name === 'baseline' ? '4 3' : null,
      weight: basis.name === 'evidenced' ? 1.2 : 0.8
    };
  }

  /** True when the ring ([lon, lat] points) contains the point (ray casting). */
  function ringContains(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      var xi = ring[i][0];
      var yi = ring[i][1];
      var xj = ring[j][0];
      var yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  }

  /** True when a GeoJSON Polygon or MultiPolygon contains the point (holes left out). */
  function geometryContains(geometry, x, y) {
    var polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : asArray(geometry.coordinates);
    return polygons.some(function (rings) {
      return ringContains(rings[0], x, y) && !rings.slice(1).some(function (hole) {
        return ringContains(hole, x, y);
      });
    });
  }

  /** The drawn province containing the point, or null. */
  function provinceAt(latitude, longitude) {
    for (var i = 0; i < layer.provinces.length; i += 1) {
      var entry = layer.provinces[i];
      var box = entry.box;
      if (longitude >= box[0] && longitude <= box[2] && latitude >= box[1] && latitude <= box[3] &&
          geometryContains(entry.feature.geometry, longitude, latitude)) {
        return entry;
      }
    }
    return null;
  }

  /** Count the shown events per province (one count marker each); the events outside every province
   * are clustered on their own. Which layer shows depends on the zoom (switchEventLayers). */
  function aggregate(events) {
    if (!layer.group) {
      return;
    }
    layer.counts.clearLayers();
    layer.strays.clearLayers();
    layer.provinces.forEach(function (entry) { entry.count = 0; });
    var strays = [];
    asArray(events).forEach(function (event) {
      if (!event || !isNumber(event.latitude) || !isNumber(event.longitude)) {
        return;
      }
      var entry = provinceAt(event.latitude, event.longitude);
      if (entry) {
        entry.count += 1;
      } else {
        strays.push(ns.map.eventMarker(event));
      }
    });
    if (typeof layer.strays.addLayers === 'function') {
      layer.strays.addLayers(strays);
    } else {
      strays.forEach(function (m) { layer.strays.addLayer(m); });
    }
    layer.provinces.forEach(function (entry) {
      mark(entry);
      if (entry.count) {
        layer.counts.addLayer(countMarker(entry));
      }
    });
    layer.aggregated = null;
    switchEventLayers();
  }

  /** A province's count badge at its label point; a click zooms to the province. */
  function countMarker(entry) {
    var label = entry.props.label;
    var at = Array.isArray(label) && isNumber(label[0]) && isNumber(label[1]) ? label
      : entry.path.getBounds().getCenter();
    var badge = el('span', 'province-count-badge', String(entry.count));
    var marker = L.marker(at, {
      icon: L.divIcon({ html: badge, className: 'province-count', iconSize: L.point(30, 20) }),
      keyboard: true,
      title: text(entry.props.name) + ': ' + entry.count + (entry.count === 1 ? ' event' : ' events')
    });
    marker.on('click', function () {
      state.map.fitBounds(entry.path.getBounds(), { padding: [16, 16], maxZoom: AGGREGATE_BELOW_ZOOM + 1 });
    });
    return marker;
  }

  /** Zoomed out: the per-province counts (and stray clusters); zoomed in: the event clusters. */
  function switchEventLayers() {
    var map = state.map;
    var events = state.layers.events;
    if (!map || !layer.group || !events) {
      return;
    }
    var aggregated = map.getZoom() < AGGREGATE_BELOW_ZOOM;
    if (aggregated === layer.aggregated) {
      return;
    }
    layer.aggregated = aggregated;
    [events, layer.counts, layer.strays].forEach(function (group) {
      if (map.hasLayer(group)) {
        map.removeLayer(group);
      }
    });
    (aggregated ? [layer.counts, layer.strays] : [events]).forEach(function (group) { group.addTo(map); });
    document.body.dataset.eventsBy = aggregated ? 'province' : 'cluster';
  }

  ns.provinces = {
    AGGREGATE_BELOW_ZOOM: AGGREGATE_BELOW_ZOOM,
    load: load,
    shade: shade,
    aggregate: aggregate,
    provinceAt: provinceAt,
    layer: layer
  };
}(window.sitrep = window.sitrep || {}));
