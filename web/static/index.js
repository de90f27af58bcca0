// index.js - fills the start page's route table from /api/openapi.json, the
// document the server generates from its own route table.
'use strict';
(async function () {
  const body = document.querySelector('#routes tbody');
  try {
    const res = await fetch('/api/openapi.json', { credentials: 'same-origin' });
    const doc = await res.json();
    body.textContent = '';
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const tr = document.createElement('tr');
        const roles = op['x-roles'] && op['x-roles'].length ? op['x-roles'].join(', ') : 'anyone';
        for (const text of [method.toUpperCase(), path, roles, op.summary || '']) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.appendChild(td);
        }
        body.appendChild(tr);
      }
    }
  } catch (e) {
    body.textContent = 'Could not load /api/openapi.json: ' + e;
  }
})();
