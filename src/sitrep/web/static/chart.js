/*
 * sitrep dashboard, chart.js: the home page's "places held per actor" chart (sitrep.chart). Fetches
 * /api/timeline once and draws an SVG step chart into #chart: one line per actor in its colour, faint
 * bars of events per day, axes with the first/last day and the y maximum, a vertical line (class
 * "chart-day") at the chosen day, and per-day hit areas (hover: the day's numbers; click: select it).
 *
 * Needs dom.js and state.js; a click on a day calls sitrep.app (app.js). SVG elements are made with
 * createElementNS and their text set with textContent; colours are hex.
 */
(function (ns) {
  'use strict';

  var COLOUR_NO_ACTOR = ns.config.COLOUR_NO_ACTOR;
  var dom = ns.dom;
  var byId = dom.byId;
  var text = dom.text;
  var el = dom.el;
  var svgEl = dom.svgEl;
  var clear = dom.clear;
  var isNumber = dom.isNumber;
  var safeColour = dom.safeColour;
  var asArray = dom.asArray;
  var fetchJSON = dom.fetchJSON;
  var query = dom.query;
  var legendItem = dom.legendItem;
  var state = ns.state;
  var learnActors = ns.model.learnActors;

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
          ns.app.stopPlay();
          ns.app.setDayIndex(index);
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

  ns.chart = {
    draw: drawChart,
    moveMarker: moveChartMarker,
    load: loadTimeline
  };
}(window.sitrep = window.sitrep || {}));
