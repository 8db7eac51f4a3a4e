/*
 * sitrep dashboard, state.js: the home page's shared state (sitrep.state) and the rules every view
 * uses for places, actors and events (sitrep.model): a place's control state, its fill colour, the
 * colour of each actor learnt from the API, the words for who controls a place, and whether an event
 * is said to have happened (its modality).
 *
 * Needs dom.js. Colours are only plain hex colours (anything else falls back to a fixed grey).
 */
(function (ns) {
  'use strict';

  var config = ns.config;
  var dom = ns.dom;
  var text = dom.text;
  var asArray = dom.asArray;
  var safeColour = dom.safeColour;

  /** Everything the home page scripts share; filled in by app.js at start-up. */
  var state = {
    page: null,
    days: [],
    index: 0,
    country: '',
    window: config.DEFAULT_WINDOW,
    modalities: 'factual',
    filter: '',
    events: [],
    actors: [],
    api: { map: '/api/map', timeline: '/api/timeline' },
    atlasUrl: config.DEFAULT_ATLAS_URL,
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

  /** Normalise a place state to one of STATES. */
  function placeState(value) {
    return config.STATES.indexOf(value) >= 0 ? value : 'unknown';
  }

  /** Colour of an actor, from the last /api/map or /api/timeline response. */
  function actorColour(actor) {
    return actor && state.actorColours[actor] ? state.actorColours[actor] : config.COLOUR_NO_ACTOR;
  }

  /** Remember the colours of the actors of an API response. */
  function learnActors(actors) {
    asArray(actors).forEach(function (item) {
      if (item && typeof item.actor === 'string') {
        state.actorColours[item.actor] = safeColour(item.colour, config.COLOUR_NO_ACTOR);
      }
    });
  }

  /** Fill colour for a place marker. */
  function placeColour(place) {
    var st = placeState(place.state);
    if (st === 'contested') {
      return config.COLOUR_CONTESTED;
    }
    if (st === 'unknown') {
      return config.COLOUR_UNKNOWN;
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

  /** True when an event is said to have happened (asserted, reported or claimed). */
  function isFactual(event) {
    var modality = text(event && event.modality) || 'asserted';
    return config.FACTUAL_MODALITIES.indexOf(modality) >= 0;
  }

  /** The events the view shows: only factual ones unless the modality toggle asks for all. */
  function shownEvents(events) {
    return state.modalities === 'all' ? events : events.filter(isFactual);
  }

  ns.state = state;
  ns.model = {
    placeState: placeState,
    actorColour: actorColour,
    learnActors: learnActors,
    placeColour: placeColour,
    describeControl: describeControl,
    isFactual: isFactual,
    shownEvents: shownEvents
  };
}(window.sitrep = window.sitrep || {}));
