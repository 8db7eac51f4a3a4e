/*
 * sitrep dashboard, app.js: start-up and the day the home page shows (sitrep.app). Reads the page's
 * JSON data block and, on the home page only, wires the controls (day slider, play/pause, country
 * select, window box, the modality toggle, the table's filter), starts the map, table and chart,
 * fetches /api/map for the chosen day (debounced), redraws every view with it, and plays through the
 * days. The view lives in the URL (?country=..&day=..&window=..&modalities=all&filter=..), written
 * with history.replaceState on every change, so a shared address reopens the same view (the server
 * reads it back into the page data).
 * Sets body data-map-day / data-map-ready once a day is drawn; shows fetch errors in #map-status.
 *
 * Loaded last, on every page; needs dom.js there. On the home page it also needs state.js, map.js,
 * places.js, table.js and chart.js (loaded before it). On other pages it does nothing.
 */
(function (ns) {
  'use strict';

  var DEBOUNCE_MS = 150;
  var PLAY_MS = 700;
  var dom = ns.dom;
  var state = ns.state;
  var loadDayDebounced = null;

  /* ------------------------------------------------------------------ day selection */

  /** Update the label, hidden input, slider and chart marker for the current day. */
  function showDay() {
    var day = state.days[state.index];
    var slider = dom.byId('day-slider');
    var label = dom.byId('day-label');
    var input = dom.byId('day-input');
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
    ns.chart.moveMarker(day);
  }

  /** The query of the view (defaults left out): what the country select carries over, without the day. */
  function viewQuery() {
    return {
      country: state.country,
      window: state.window !== ns.config.DEFAULT_WINDOW ? state.window : '',
      modalities: state.modalities === 'all' ? 'all' : '',
      filter: state.filter
    };
  }

  /** Replace the URL with ?country=..&day=..&window=..&modalities=..&filter=.. for the view shown. */
  function updateUrl(day) {
    if (window.history && typeof window.history.replaceState === 'function') {
      try {
        var params = viewQuery();
        var search = dom.query({ country: params.country, day: day || state.days[state.index],
          window: params.window, modalities: params.modalities, filter: params.filter });
        window.history.replaceState(null, '', window.location.pathname + search);
      } catch (err) {
        /* replaceState can fail on odd origins; the page still works without it. */
      }
    }
  }

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
    var url = state.api.map + dom.query({ country: state.country, day: day, window: state.window });
    var request = dom.fetchJSON(url, state.controller ? state.controller.signal : null);
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
      var reason = err && err.message ? err.message : err;
      dom.setStatus('Could not load the map for ' + day + ': ' + reason, true);
    });
  }

  /** Draw one day's /api/map response. */
  function drawDay(data, day) {
    var places = dom.asArray(data.places);
    state.events = dom.asArray(data.events);
    state.actors = data.actors;
    ns.model.learnActors(data.actors);
    if (state.map) {
      ns.map.drawPlaces(places);
      ns.map.fitToData(data);
    }
    ns.places.renderList(places);
    ns.places.renderSummary(data.summary);
    var heading = dom.byId('events-window');
    if (heading && dom.isNumber(data.window)) {
      heading.textContent = String(data.window);
    }
    drawEvents();
    dom.setStatus(state.outlineNote, Boolean(state.outlineNote));
    state.pending = false;
    document.body.dataset.mapDay = day;
    document.body.dataset.mapReady = 'true';
  }

  /** Draw the day's events the modality toggle lets through, on the map and in the table. */
  function drawEvents() {
    var shown = ns.model.shownEvents(state.events);
    if (state.map) {
      ns.map.drawEvents(shown);
      ns.map.updateLegend(state.actors);
    }
    ns.table.render(shown);
    document.body.dataset.modalities = state.modalities;
  }

  /* ------------------------------------------------------------------ play */

  /** Set the play button's pressed state and text. */
  function setPlayButton(playing) {
    var button = dom.byId('play');
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
    var slider = dom.byId('day-slider');
    if (slider) {
      slider.min = '0';
      slider.max = String(Math.max(0, state.days.length - 1));
      slider.addEventListener('input', function () {
        stopPlay();
        var value = parseInt(slider.value, 10);
        setDayIndex(isNaN(value) ? 0 : value);
      });
    }
    var play = dom.byId('play');
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
    var select = dom.byId('country');
    if (select) {
      select.addEventListener('change', function () {
        stopPlay();
        var params = viewQuery();
        params.country = select.value;
        window.location.assign(window.location.pathname + dom.query(params));
      });
    }
    initViewControls();
  }

  /** Wire the window box, the modality toggle and the table's filter (each kept in the URL). */
  function initViewControls() {
    var windowInput = dom.byId('window');
    if (windowInput) {
      windowInput.addEventListener('change', function () {
        var value = parseInt(windowInput.value, 10);
        var most = parseInt(windowInput.max, 10) || value;
        state.window = isNaN(value) ? ns.config.DEFAULT_WINDOW : Math.max(1, Math.min(most, value));
        windowInput.value = String(state.window);
        setDayIndex(state.index);
      });
    }
    var toggle = dom.byId('show-all-modalities');
    if (toggle) {
      toggle.checked = state.modalities === 'all';
      toggle.addEventListener('change', function () {
        state.modalities = toggle.checked ? 'all' : 'factual';
        drawEvents();
        updateUrl();
      });
    }
    var filter = dom.byId('events-filter');
    if (filter) {
      filter.value = state.filter;
    }
    ns.table.initFilter(function (value) {
      state.filter = value;
      updateUrl();
    });
  }

  /** Index of the initial day: page-data.day, else the slider's value, else the last day. */
  function initialIndex(data) {
    var i = state.days.indexOf(data.day);
    if (i >= 0) {
      return i;
    }
    var slider = dom.byId('day-slider');
    var fromSlider = slider ? parseInt(slider.value, 10) : NaN;
    if (!isNaN(fromSlider) && fromSlider >= 0 && fromSlider < state.days.length) {
      return fromSlider;
    }
    return Math.max(0, state.days.length - 1);
  }

  /** Set up the home page. */
  function initHome(data) {
    loadDayDebounced = dom.debounce(function () { loadDay(); }, DEBOUNCE_MS);
    state.page = data;
    state.days = dom.asArray(data.days).filter(function (d) { return typeof d === 'string'; });
    state.country = dom.text(data.country_code || data.country);
    state.window = dom.isNumber(data.window) ? data.window : ns.config.DEFAULT_WINDOW;
    state.modalities = data.modalities === 'all' ? 'all' : 'factual';
    state.filter = dom.text(data.filter);
    if (Array.isArray(data.factual_modalities) && data.factual_modalities.length) {
      ns.config.FACTUAL_MODALITIES = data.factual_modalities.map(dom.text);
    }
    if (data.api && typeof data.api === 'object') {
      state.api.map = typeof data.api.map === 'string' ? data.api.map : state.api.map;
      state.api.timeline = typeof data.api.timeline === 'string' ? data.api.timeline : state.api.timeline;
      state.atlasUrl = typeof data.api.atlas === 'string' ? data.api.atlas : state.atlasUrl;
    }
    state.index = initialIndex(data);
    ns.table.initSorting();
    initControls();
    try {
      state.map = ns.map.init();
    } catch (err) {
      state.map = null;
      dom.setStatus('The map could not be started: ' + err.message, true);
    }
    state.outlineReady = ns.map.loadOutline(data.iso_numeric);
    window.addEventListener('resize', dom.debounce(ns.chart.draw, 200));
    ns.chart.load();
    if (!state.days.length) {
      dom.setStatus('No days with data for this country.', false);
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
    var data = dom ? dom.readPageData() : null;
    if (!data || data.page !== 'home') {
      return;
    }
    initHome(data);
  }

  ns.app = {
    setDayIndex: setDayIndex,
    stopPlay: stopPlay
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', main);
  } else {
    main();
  }
}(window.sitrep = window.sitrep || {}));
