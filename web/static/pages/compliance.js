// compliance.js - every framework with its counts and score; one framework's
// requirements with status, evidence and the plan for the gaps.
import { h, empty, when, pill, table, clear, num } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api, args }) {
  let all;
  try { all = await api.get('/api/v1/compliance'); } catch (e) { view.append(failure(e, 'Compliance')); return; }
  const fws = Array.isArray(all) ? all : (all.frameworks || all.items || []);
  if (!fws.length) { view.append(empty('No compliance frameworks are loaded.')); return; }
  const c = (f, k) => (f.counts ? f.counts[k] : f[k.replace('-', '_')]);
  view.append(table([
    ['Framework', (f) => h('a', { href: `#/compliance/${f.id || f.framework}` }, f.name || f.id)],
    ['Score', (f) => f.score === undefined || f.score === null ? '-' : num(f.score) + '%'],
    ['Met', (f) => num(c(f, 'met'))], ['Partial', (f) => num(c(f, 'partial'))], ['Not met', (f) => num(c(f, 'not-met'))],
    ['Unassessed', (f) => num(c(f, 'unassessed'))], ['Next deadline', (f) => when(f.next_deadline)],
  ], fws, { class: 'data', id: 'framework-table' }));
  const id = args[0] || (fws[0].id || fws[0].framework);
  const box = h('section', { class: 'card', id: 'framework-detail' });
  view.append(box);
  let fw;
  try { fw = await api.get('/api/v1/compliance/' + encodeURIComponent(id)); } catch (e) { box.append(failure(e, id)); return; }
  const reqs = fw.requirements || fw.items || [];
  clear(box).append(h('h2', {}, fw.name || id),
    reqs.length ? table([
      ['Requirement', (r) => `${r.id} ${r.title}`], ['Citation', (r) => r.citation || '-'],
      ['Status', (r) => pill(r.status)], ['Basis', (r) => r.basis || '-'],
      ['Evidence', (r) => [r.evidence || '', (r.items || []).length ? h('details', {}, h('summary', {}, `${r.items.length} items`), h('ul', {}, r.items.map((x) => h('li', {}, x)))) : null]],
      ['Owner / due', (r) => [r.owner || '', r.due ? ' ' + r.due : '', r.overdue ? [' ', pill('overdue', 'high')] : '']],
    ], reqs, { class: 'data compact', id: 'requirement-table' }) : empty('This framework has no requirements loaded.'));
}
