// thirdparties.js - vendors and partners: their remote access, contract
// clauses, questionnaire score and the attack paths through their access.
import { h, empty, table, num, pill } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api }) {
  let tp;
  try { tp = await api.get('/api/v1/thirdparties'); } catch (e) { view.append(failure(e, 'Third parties')); return; }
  const rows = Array.isArray(tp) ? tp : (tp.items || tp.third_parties || []);
  if (!rows.length) { view.append(empty('No third parties are declared (third-parties.yaml).')); return; }
  view.append(table([
    ['Third party', (t) => h('span', {}, h('strong', {}, t.name), h('br'), t.kind || '')],
    ['Remote access', (t) => t.remote_access || 'none'],
    ['Window', (t) => t.access_window || '-'],
    ['Questionnaire', (t) => t.questionnaire ? `${num(t.questionnaire.score)} (${t.questionnaire.assessed || '-'})` : '-'],
    ['Clauses', (t) => h('ul', {}, (t.clauses || []).map((c) => h('li', { title: c.summary }, c.id)))],
    ['Assets', (t) => num((t.assets || []).length)],
    ['Exposure', (t) => {
      const ex = t.exposure || [];
      if (!ex.length) return 'no path to a crown jewel';
      const worst = ex.reduce((a, b) => (b.p > a.p ? b : a));
      return [pill(`${ex.length} paths`, 'high'), h('br'), `worst ${num(worst.p * 100, 1)}%: ${worst.path}`];
    }],
  ], rows, { class: 'data', id: 'thirdparty-table' }));
}
