// training.js - security training by person and course against its
// deadlines, with the overdue and due-soon ones first.
import { h, empty, table, pill, num } from '../svg.js';
import { failure } from '../app.js';

const ORDER = { overdue: 0, 'due-soon': 1, newcomer: 2, current: 3 };

export async function render(view, { api }) {
  let t;
  try { t = await api.get('/api/v1/training'); } catch (e) { view.append(failure(e, 'Training')); return; }
  const rows = Array.isArray(t) ? t : (t.items || t.requirements || []);
  if (!rows.length) { view.append(empty('No training records (training.csv).')); return; }
  const counts = {};
  for (const r of rows) counts[r.state] = (counts[r.state] || 0) + 1;
  view.append(h('p', { class: 'kpis', id: 'training-counts' }, Object.entries(counts).map(([k, v]) =>
    h('span', { class: 'kpi small', 'data-state': k, 'data-value': v }, pill(k), ' ', num(v)))),
  table([
    ['Person', (r) => h('span', {}, r.name, h('br'), h('small', {}, r.roles))], ['Course', (r) => r.course],
    ['State', (r) => pill(r.state)], ['Last completed', (r) => r.last_completed || 'never'], ['Due', (r) => r.due || '-'],
    ['Basis', (r) => h('span', { title: r.citation || '' }, r.basis || '')],
  ], [...rows].sort((a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9) || String(a.due).localeCompare(String(b.due))),
  { class: 'data', id: 'training-table' }));
}
