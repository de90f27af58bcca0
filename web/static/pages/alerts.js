// alerts.js - stored alerts newest first with filters and cursor pagination;
// new alerts arrive live over server-sent events (/api/v1/events/alerts).
import { h, empty, when, pill, table, clear } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api }) {
  const rule = h('input', { name: 'rule', id: 'alert-rule', size: 22, title: 'a rule id, e.g. SW-SEG-OT-INTERNET' });
  const severity = h('select', { name: 'severity', id: 'alert-severity' },
    ['', 'low', 'medium', 'high', 'critical'].map((v) => h('option', { value: v }, v ? v + ' or worse' : 'any severity')));
  const zone = h('input', { name: 'zone', id: 'alert-zone', size: 12, title: 'source or destination zone id' });
  const since = h('input', { name: 'since', id: 'alert-since', size: 14, title: 'a duration back from now (2h) or an RFC 3339 time' });
  const size = h('select', { name: 'limit', id: 'alert-limit' }, [20, 50, 100, 200].map((n) => h('option', { value: n, selected: n === 50 }, `${n} a page`)));
  const form = h('form', { class: 'filters', id: 'alert-filters' }, h('label', {}, 'Rule ', rule), severity,
    h('label', {}, 'Zone ', zone), h('label', {}, 'Since ', since), size, h('button', { type: 'submit' }, 'Filter'));
  const live = h('p', { class: 'note', id: 'alert-live' }, 'Live: connecting\u2026');
  // data-state tells a watcher (and the browser test) when a reload has finished: the table is cleared
  // at once on submit, so "few rows" alone cannot tell a finished page of 20 from one still loading.
  const holder = h('div', { id: 'alert-results', 'data-state': 'loading' });
  const pager = h('p', { class: 'pager' });
  view.append(form, live, holder, pager);

  let cursors = [null];   // the cursor that starts each page seen so far
  let pageNo = 0;
  const query = () => {
    const q = new URLSearchParams({ limit: size.value });
    for (const el of [rule, severity, zone, since]) if (el.value.trim()) q.set(el.name, el.value.trim());
    return q;
  };
  let generation = 0;      // a newer load supersedes an older one still waiting for its answer
  const load = async () => {
    const mine = ++generation;
    const q = query();
    if (cursors[pageNo]) q.set('cursor', cursors[pageNo]);
    clear(holder); clear(pager);
    holder.dataset.state = 'loading';
    let page;
    try { page = await api.get('/api/v1/alerts?' + q); } catch (e) {
      if (mine !== generation) return;
      holder.append(failure(e, 'Alerts')); holder.dataset.state = 'ready'; return;
    }
    if (mine !== generation) return;
    cursors[pageNo + 1] = page.next_cursor || null;
    if (!page.items.length) { holder.append(empty(pageNo ? 'No more alerts.' : 'No alerts match.')); }
    else holder.append(table(columns(), page.items, { class: 'data', id: 'alert-table' }));
    const prev = h('button', { type: 'button', id: 'alert-prev', disabled: pageNo === 0 }, 'Newer');
    const next = h('button', { type: 'button', id: 'alert-next', disabled: !page.next_cursor }, 'Older');
    prev.addEventListener('click', () => { pageNo--; load(); });
    next.addEventListener('click', () => { pageNo++; load(); });
    pager.append(prev, ` page ${pageNo + 1} `, next);
    holder.dataset.state = 'ready';
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); cursors = [null]; pageNo = 0; load(); });
  await load();

  let arrived = 0;
  const src = api.events('/api/v1/events/alerts', 'alert', (ecs, ev) => {
    arrived++;
    live.textContent = `Live: ${arrived} new alert${arrived === 1 ? '' : 's'} since you opened this page`;
    const tb = holder.querySelector('tbody');
    if (pageNo === 0 && tb) {
      const cols = columns();
      const tr = h('tr', { class: 'new' }, cols.map(([, f]) => h('td', {}, f({ id: ev.lastEventId, ecs }))));
      tb.prepend(tr);
    }
  });
  src.addEventListener('open', () => { if (!arrived) live.textContent = 'Live: waiting for new alerts'; });
  src.addEventListener('error', () => { live.textContent = 'Live: disconnected, retrying'; });
}

function columns() {
  return [
    ['Time', (a) => when(a.ecs['@timestamp'])],
    ['Severity', (a) => pill((a.ecs.seawall || {}).severity || '-')],
    ['Rule', (a) => h('span', { title: (a.ecs.rule || {}).name || '' }, (a.ecs.rule || {}).id || '-')],
    ['Domain', (a) => ((a.ecs.event || {}).dataset || '').replace('seawall.', '')],
    ['What', (a) => a.ecs.message || ''],
    ['ATT&CK', (a) => (((a.ecs.threat || {}).technique || {}).id || []).join(' ')],
  ];
}
