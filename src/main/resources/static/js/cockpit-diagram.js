// Draws a deployed plan in bpmn-js's navigated viewer (read only, pan and zoom) with the cockpit's overlays:
// cases waiting per activity (data-waiting), failed jobs per activity in red (data-failed), and the activities a
// case waits at now (data-current: a marker and a dot). Sets data-ready="true" once drawn, for tests and people.
(function () {
  'use strict';
  const host = document.getElementById('diagram');
  if (!host || typeof BpmnJS === 'undefined') {
    return;
  }
  const read = (name, fallback) => {
    try {
      return JSON.parse(host.dataset[name] || fallback);
    } catch (e) {
      return JSON.parse(fallback);
    }
  };
  const waiting = read('waiting', '{}');
  const failed = read('failed', '{}');
  const current = read('current', '[]');
  const viewer = new BpmnJS({ container: host });

  function badge(kind, id, text) {
    const span = document.createElement('span');
    span.className = 'cockpit-count ' + kind;
    span.dataset.activity = id;
    span.textContent = String(text);
    return span;
  }

  fetch(host.dataset.xml, { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
    .then(response => {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    })
    .then(xml => viewer.importXML(xml))
    .then(() => {
      const canvas = viewer.get('canvas');
      const overlays = viewer.get('overlays');
      const registry = viewer.get('elementRegistry');
      Object.entries(waiting).forEach(([id, count]) => {
        if (registry.get(id)) {
          overlays.add(id, 'cockpit', { position: { bottom: 12, left: -10 }, html: badge('waiting', id, count) });
        }
      });
      Object.entries(failed).forEach(([id, count]) => {
        if (registry.get(id)) {
          canvas.addMarker(id, 'cockpit-has-failed');
          overlays.add(id, 'cockpit', { position: { top: -10, right: 12 }, html: badge('failed', id, count) });
        }
      });
      current.forEach(id => {
        if (registry.get(id)) {
          canvas.addMarker(id, 'cockpit-current');
          overlays.add(id, 'cockpit', { position: { top: -12, left: -12 }, html: badge('here', id, '●') });
        }
      });
      canvas.zoom('fit-viewport', 'auto');
      host.dataset.ready = 'true';
    })
    .catch(error => {
      const note = document.createElement('p');
      note.className = 'error';
      note.textContent = (host.dataset.errorText || 'The diagram cannot be drawn') + ': ' + error.message;
      host.replaceChildren(note);
      host.dataset.ready = 'error';
    });
})();
