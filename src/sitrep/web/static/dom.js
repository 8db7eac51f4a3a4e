/*
 * sitrep dashboard, dom.js: the shared namespace (window.sitrep), shared constants (sitrep.config) and
 * small helpers (sitrep.dom): DOM and SVG builders, value guards, debounce, the page's JSON data block,
 * JSON fetching, query strings, the status line and legend rows.
 *
 * Loaded on every page, before the other dashboard scripts. Plain browser JavaScript, no build step.
 * Every string that comes from the server goes into the DOM as text (textContent / text nodes);
 * links are only made for urls starting with "/events/"; colours are only plain hex colours.
 */
(function (ns) {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';

  /** Constants shared by the dashboard scripts. */
  var config = {
    EVENT_URL_PREFIX: '/events/',
    DEFAULT_ATLAS_URL: '/vendor/world-atlas/countries-50m.json',
    COLOUR_CONTESTED: '#6e6e6e',
    COLOUR_UNKNOWN: '#b4b4b4',
    COLOUR_NO_ACTOR: '#8a8a8a',
    COLOUR_EVENT: '#ffffff',
    COLOUR_EVENT_EDGE: '#333333',
    STATES: ['controlled', 'contested', 'unknown'],
    // Events said to have happened; the others (threats, plans, denials, hypotheticals) hide by default.
    FACTUAL_MODALITIES: ['asserted', 'reported', 'claimed'],
    DEFAULT_WINDOW: 7
  };

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
    return typeof url === 'string' && url.indexOf(config.EVENT_URL_PREFIX) === 0 ? url : null;
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

  /** Show a message (or clear it with "") in #map-status. */
  function setStatus(message, isError) {
    var node = byId('map-status');
    if (!node) {
      return;
    }
    node.textContent = text(message);
    node.classList.toggle('error', Boolean(isError && message));
  }

  /** One legend line (map legend and chart legend): a swatch and a label. */
  function legendItem(colour, label, shape) {
    var row = el('div', 'legend-item');
    var swatch = el('span', 'swatch' + (shape ? ' swatch-' + shape : ''));
    swatch.style.backgroundColor = colour;
    row.appendChild(swatch);
    row.appendChild(el('span', null, label));
    return row;
  }

  ns.config = config;
  ns.dom = {
    byId: byId,
    text: text,
    el: el,
    svgEl: svgEl,
    clear: clear,
    isNumber: isNumber,
    safeColour: safeColour,
    eventHref: eventHref,
    asArray: asArray,
    debounce: debounce,
    readPageData: readPageData,
    fetchJSON: fetchJSON,
    query: query,
    setStatus: setStatus,
    legendItem: legendItem
  };
}(window.sitrep = window.sitrep || {}));
