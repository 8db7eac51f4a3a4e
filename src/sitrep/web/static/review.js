/*
 * sitrep dashboard, review.js: the correction forms of the event and place pages and the undo
 * buttons. Each sends JSON to the API with the browser's session (log in at /login first) and reloads
 * the page when the correction is stored; a refusal is shown in the form's status line.
 *
 * Loaded on the event and place pages only; needs nothing else.
 */
(function () {
  'use strict';

  /** Send a JSON request; resolves with the parsed body, rejects with the API's error message. */
  function send(method, url, body) {
    return fetch(url, {
      method: method, credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var error = data && data.error ? data.error : {};
          throw new Error((error.message || response.status) + (error.fix ? ' (' + error.fix + ')' : ''));
        }
        return data;
      });
    });
  }

  function status(form, message) {
    var line = form.querySelector('.form-status');
    if (line) {
      line.textContent = message;
    }
  }

  function values(form) {
    var found = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name) {
        found[element.name] = element.value;
      }
    });
    return found;
  }

  function wire(form, url, body) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      status(form, 'Saving…');
      send('POST', url, body(values(form))).then(function () {
        window.location.reload();
      }, function (err) {
        status(form, 'Not saved: ' + err.message);
      });
    });
  }

  var eventForm = document.getElementById('correction-form');
  if (eventForm) {
    wire(eventForm, '/api/events/' + encodeURIComponent(eventForm.dataset.eventId) + '/corrections',
      function (v) { return { field: v.field, value: v.value, reason: v.reason, author: v.author || 'analyst' }; });
  }
  var controlForm = document.getElementById('control-form');
  if (controlForm) {
    wire(controlForm, '/api/places/' + encodeURIComponent(controlForm.dataset.placeId) + '/control',
      function (v) {
        var body = { actor: v.actor, from: v.from, reason: v.reason, author: v.author || 'analyst' };
        if (v.to) {
          body.to = v.to;
        }
        return body;
      });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.undo-correction'), function (button) {
    button.addEventListener('click', function () {
      button.disabled = true;
      send('DELETE', '/api/corrections/' + encodeURIComponent(button.dataset.correctionId)).then(function () {
        window.location.reload();
      }, function (err) {
        button.disabled = false;
        button.textContent = 'Undo failed: ' + err.message;
      });
    });
  });
}());
