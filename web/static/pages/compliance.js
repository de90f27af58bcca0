// compliance.js - every framework with its counts and score; one framework's
// requirements with status, evidence and the plan for the gaps.
import { h, empty, when, pill, table, clear, num } from '../svg.js';
import { failure } from '../app.js';

// What a requirement judged live cites (alert flows, assets, ...): the API
// gives them under live.items, with the live verdict in evidence.
const cited = (r) => r.items || (r.basis === 'live' && r.live && r.live.items) || [];

export async function render(view, { api, args }) {
  let all;
  try { all = await api.get('/api/v1/compliance'); } catch (e) { view.append(failure(e, 'Compliance')); return; }
  const fws = Array.isArray(all) ? all : (all.frameworks || all.items || []);
  if (!fws.length) { view.append(empty('No compliance frameworks are loaded.')); return; }
  const c = (f, k) => (f.counts ? f.counts[k] : f[k.replace('-', '_')]);
  view.append(table([
    ['Framework', (f) => h('a', { href: `#/compliance/${f.id || f.framework}` }, f.name || f.id || f.framework)],
    ['Score', (f) => f.score === undefined || f.score === null ? '-' : num(f.score) + '%'],
    ['Met', (f) => num(c(f, 'met'))], ['Partial', (f) => num(c(f, 'partial'))], ['Not met', (f) => num(c(f, 'not-met'))],
    ['Unassessed', (f) => num(c(f, 'unassessed'))], ['Next deadline', (f) => when(f.next_deadline)],
  ], fws, { class: 'data', id: 'framework-table' }));
  const id = args[0] || (fws[0].id || fws[0].framework);
  const box = h('section', { class: 'card', id: 'framework-detail' });
  view.append(box);
  let fw;
  try { fw = await api.get('/api/v1/compliance/' + encodeURIComponent(id)); } catch (e) { box.append(failure(e, id)); return; }
  // One assessment per zone for zone-scoped frameworks (IEC 62443), else one.
  const assessments = fw.assessments || [{ zone: null, requirements: fw.requirements || [] }];
  const zoneSel = h('select', { id: 'compliance-zone' }, assessments.map((a, i) => h('option', { value: i }, a.zone || 'whole organisation')));
  const holder = h('div', {});
  // Node.append would print a null child as the text "null": leave it out.
  clear(box).append(...[h('h2', {}, fw.name || id), h('p', { class: 'note' }, [fw.source, fw.version].filter(Boolean).join(', ')),
    assessments.length > 1 ? h('p', {}, h('label', {}, 'Zone ', zoneSel)) : null, holder].filter(Boolean));
  const show = () => {
    const a = assessments[Number(zoneSel.value) || 0] || { requirements: [] };
    const reqs = a.requirements || [];
    clear(holder).append(reqs.length ? table([
      ['Requirement', (r) => r.heading ? h('strong', {}, `${r.id} ${r.title}`) : `${r.id} ${r.title}`], ['Citation', (r) => r.citation || '-'],
      ['Status', (r) => pill(r.status)], ['Basis', (r) => r.basis || '-'],
      ['Evidence', (r) => { const it = cited(r); return [r.evidence || '', it.length ? h('details', {}, h('summary', {}, `${it.length} items`), h('ul', {}, it.map((x) => h('li', {}, x)))) : null]; }],
      ['Owner / due', (r) => [r.owner || '', r.due ? ' ' + r.due : '', r.overdue ? [' ', pill('overdue', 'high')] : '']],
    ], reqs, { class: 'data compact', id: 'requirement-table' }) : empty('This framework has no requirements loaded.'));
  };
  zoneSel.addEventListener('change', show);
  show();
  const plan = fw.plan || [];
  box.append(h('h3', {}, 'Plan for the gaps'), plan.length ? table([
    ['Requirement', (r) => `${r.requirement} ${r.title}`], ['Zone', (r) => r.zone || '-'], ['Status', (r) => pill(r.status)],
    ['Owner', (r) => r.owner || 'unassigned'], ['Due', (r) => r.due || 'no date'], ['Why', (r) => r.why || ''],
  ], plan, { class: 'data compact', id: 'compliance-plan' }) : empty('No gaps to plan.'));
}
