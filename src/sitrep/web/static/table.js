/*
 * sitrep dashboard, table.js: the home page's events table (sitrep.table). Rebuilds the body from a
 * day's events, sorts by a clicked (or Enter/Space) header's data-key (asc/desc toggle, aria-sort),
 * and filters rows by a substring typed into #events-filter (ignoring case and accents: "Herat" finds
 * "Herāt"), with a live row count. An event not said to have happened (a threat, plan, denial or
 * hypothetical) carries its modality as a badge and in data-modality; which ones are drawn is app.js's
 * choice (the modality toggle).
 *
 * Needs dom.js and state.js. Cells are set with textContent; the event link's href is the server's
 * url and only when it starts with "/events/".
 */
(function (ns) {
  'use strict';

  var dom = ns.dom;
  var byId = dom.byId;
  var text = dom.text;
  var el = dom.el;
  var clear = dom.clear;
  var isNumber = dom.isNumber;
  var eventHref = dom.eventHref;
  var state = ns.state;

  /** Text without case or accents, for matching ("Herāt" -> "herat"). */
  function fold(value) {
    var folded = text(value);
    if (typeof folded.normalize === 'function') {
      folded = folded.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
    return folded.toLowerCase();
  }

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
      tr.dataset.modality = text(event.modality) || 'asserted';
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
      if (!ns.model.isFactual(event)) {
        td.appendChild(document.createTextNode(' '));
        td.appendChild(el('span', 'badge modality modality-' + tr.dataset.modality, tr.dataset.modality));
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
    var needle = input ? fold(input.value.trim()) : '';
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = !needle || fold(row.textContent).indexOf(needle) >= 0;
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

  /** Wire the filter box and add a live row count next to it; `onChange` gets the text typed. */
  function initTableFilter(onChange) {
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
    input.addEventListener('input', function () {
      applyFilter();
      if (typeof onChange === 'function') {
        onChange(input.value.trim());
      }
    });
    applyFilter();
  }

  ns.table = {
    render: renderEventsTable,
    fold: fold,
    initSorting: initTableSorting,
    initFilter: initTableFilter
  };
}(window.sitrep = window.sitrep || {}));
