// incidents.js - the incident list and one incident's detail: timeline,
// tasks, decisions, communications, regulatory clocks and playbook. Both
// refresh live on /api/v1/events/incidents.
import { h, empty, when, pill, table, clear } from '../svg.js';
import { failure, person } from '../app.js';

const items = (x) => (Array.isArray(x) ? x : (x && (x.items || x.incidents)) || []);

export async function render(view, { api, args }) {
  const live = h('p', { class: 'note', id: 'incident-live' }, 'Live: connecting\u2026');
  const body = h('div', {});
  view.append(live, body);
  const draw = async () => {
    const fresh = h('div', {});
    try {
      if (args[0]) await detail(fresh, api, args[0]);
      else await list(fresh, api);
    } catch (e) { fresh.append(failure(e, 'Incidents')); }
    clear(body).append(fresh);
  };
  await draw();
  let n = 0;
  const src = api.events('/api/v1/events/incidents', 'incident', () => {
    n++;
    live.textContent = `Live: ${n} update${n === 1 ? '' : 's'} received`;
    draw();
  });
  src.addEventListener('open', () => { if (!n) live.textContent = 'Live: waiting for changes'; });
  src.addEventListener('error', () => { live.textContent = 'Live: disconnected, retrying'; });
}

async function list(out, api) {
  const rows = items(await api.get('/api/v1/incidents'));
  if (!rows.length) { out.append(empty('No incidents. Open one from a correlation candidate with `seawall incident open`.')); return; }
  out.append(table([
    ['#', (i) => h('a', { href: `#/incidents/${i.id}` }, String(i.id))],
    ['Title', (i) => h('a', { href: `#/incidents/${i.id}` }, i.title)],
    ['Severity', (i) => pill(i.severity)], ['State', (i) => i.state],
    ['Assets', (i) => (i.assets || []).join(', ')], ['Playbook', (i) => i.playbook || '-'],
    ['Detected', (i) => when(i.detected || i.opened)],
  ], rows, { class: 'data', id: 'incident-list' }));
}

async function detail(out, api, id) {
  const i = await api.get('/api/v1/incidents/' + encodeURIComponent(id));
  out.append(h('p', {}, h('a', { href: '#/incidents' }, '\u2190 all incidents')),
    h('h2', { id: 'incident-title' }, `#${i.id} ${i.title} `, pill(i.severity), ' ', pill(i.state, 'state')),
    h('p', {}, `Assets: ${(i.assets || []).join(', ') || '-'}; playbook: ${typeof i.playbook === 'object' && i.playbook ? (i.playbook.id || i.playbook.name) : (i.playbook || 'none')}`));
  const grid = h('div', { class: 'grid two' });
  out.append(grid);
  const card = (title, cid, content) => grid.append(h('section', { class: 'card', id: cid }, h('h3', {}, title), content));

  const clocks = i.clocks || [];
  card('Regulatory clocks', 'incident-clocks', clocks.length ? table([
    ['Duty', (c) => c.duty], ['To', (c) => c.agency || c.to || '-'], ['Deadline', (c) => when(c.deadline)], ['Status', (c) => pill(c.status)],
  ], clocks, { class: 'data compact' }) : empty('No reporting duty applies, or none was computed.'));

  const tasks = i.tasks || [];
  card('Tasks', 'incident-tasks', tasks.length ? table([
    ['#', (t) => String(t.n ?? '')], ['Phase', (t) => t.phase || '-'], ['Task', (t) => t.text || t.title || '-'],
    ['Who', (t) => t.assignee || t.role || '-'],
    ['State', (t) => t.done_at ? [pill('done', 'ok'), ` ${t.done_by || ''} ${when(t.done_at)}`] : pill(t.state || 'open', 'state')],
  ], tasks, { class: 'data compact' }) : empty('No tasks (no playbook).'));

  const decisions = i.decisions || [];
  card('Decisions', 'incident-decisions', decisions.length ? table([
    ['Decision', (d) => d.action || d.decision || d.id], ['By', (d) => d.by || d.actor || '-'], ['Why', (d) => d.why || '-'], ['When', (d) => when(d.ts || d.at)],
  ], decisions, { class: 'data compact' }) : empty('No decisions recorded yet.'));

  const pb = i.playbook_detail || (i.playbook && typeof i.playbook === 'object' ? i.playbook : null);
  card('Playbook', 'incident-playbook', pb ? h('div', {}, h('p', {}, h('strong', {}, pb.title || pb.id), ' ', pb.summary || ''),
    h('ol', {}, (pb.phases || []).map((ph) => {
      const mine = tasks.filter((t) => t.phase === ph.id);
      const done = mine.filter((t) => t.done_at).length;
      return h('li', {}, `${ph.name}: ${done} of ${mine.length || ph.steps} steps done`);
    })),
    (pb.decisions || []).length ? h('ul', {}, pb.decisions.map((d) => h('li', {}, d.taken ? pill('taken', 'ok') : pill('open', 'state'),
      ` ${d.action} (${d.role}) - ${d.why || ''}`))) : null)
    : empty(i.playbook ? `Playbook ${i.playbook}; its steps are not in this response.` : 'No playbook.'));

  out.append(noteForm(api, i.id));
  const tl = i.timeline || [];
  out.append(h('section', { class: 'card', id: 'incident-timeline' }, h('h3', {}, 'Timeline'), tl.length ? h('ol', { class: 'timeline' },
    tl.map((e) => h('li', {}, h('time', {}, when(e.ts)), ' ', h('strong', {}, e.kind), ` by ${e.actor}: `, summary(e.body)))) : empty('No timeline entries.')));
}

function summary(body) {
  if (!body) return '';
  if (typeof body === 'string') return body;
  return Object.entries(body).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ');
}

// Adds a note to the incident's timeline (POST with the session's CSRF token);
// the page then redraws from the live event, as for anyone else's change.
// The server records the person the account is mapped to; an account
// without one is told so instead of being offered the form.
function noteForm(api, id) {
  const who = person();
  if (!who) {
    return h('p', { class: 'card note', id: 'note-form' }, 'Your account is not mapped to a person of the port model, ',
      'so it cannot act on incidents; a cso maps it (POST /api/v1/users/{username}/person).');
  }
  const text = h('input', { id: 'note-text', title: 'what happened, what was decided, who was told', required: '', size: 60 });
  const msg = h('span', { class: 'note', id: 'note-msg' });
  const form = h('form', { class: 'filters card', id: 'note-form' }, h('strong', {}, 'Add a note '), text, ' as ',
    h('strong', { id: 'note-by' }, who), ' ', h('button', { type: 'submit' }, 'Add'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      await api.post(`/api/v1/incidents/${encodeURIComponent(id)}/notes`, { text: text.value });
      msg.textContent = 'Added.';
      text.value = '';
    } catch (e) {
      msg.textContent = e.message;
    }
  });
  return form;
}
