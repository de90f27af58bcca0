// overview.js - risk posture and its trend, open incidents with their
// regulatory clocks, alerts by domain over time, compliance against deadlines.
import { h, empty, money, num, when, pill, table, lineChart, stackedBars, legend } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api, pages }) {
  let o;
  try { o = await api.get('/api/v1/overview'); } catch (e) { view.append(failure(e, 'Overview')); return; }
  const grid = h('div', { class: 'grid two' });
  view.append(grid);

  const risk = o.risk || {};
  const posture = h('section', { class: 'card', id: 'posture' }, h('h2', {}, 'Risk posture'));
  if (risk.residual_eal === undefined) posture.append(empty('No risk register is loaded.'));
  else {
    posture.append(h('div', { class: 'kpis' },
      h('div', { class: 'kpi' }, h('span', { class: 'k' }, 'Expected annual loss, inherent'),
        h('strong', { id: 'inherent-eal', 'data-value': risk.inherent_eal }, money(risk.inherent_eal))),
      h('div', { class: 'kpi' }, h('span', { class: 'k' }, 'Expected annual loss, residual'),
        h('strong', { id: 'residual-eal', 'data-value': risk.residual_eal }, money(risk.residual_eal))),
      h('div', { class: 'kpi' + (risk.above_appetite ? ' bad' : '') }, h('span', { class: 'k' }, 'Risks above appetite'),
        h('strong', { id: 'above-appetite', 'data-value': risk.above_appetite }, num(risk.above_appetite)))));
    const trend = (risk.trend || []).map((t) => ({ x: t.date, y: t.residual_eal }));
    posture.append(h('h3', {}, 'Residual expected annual loss over time'),
      trend.length ? h('div', { id: 'trend-chart' }, lineChart(trend, { label: 'residual EAL trend', format: (v) => money(v) }))
        : empty('No trend yet: no dated totals are recorded (seawall risk --record stores one a day).'));
  }
  grid.append(posture);

  const inc = h('section', { class: 'card', id: 'open-incidents' }, h('h2', {}, 'Open incidents'));
  const incidents = o.incidents || [];
  if (!incidents.length) inc.append(empty('No open incidents.'));
  else inc.append(table([
    ['#', (i) => pages.includes('incidents') ? h('a', { href: `#/incidents/${i.id}` }, String(i.id)) : String(i.id)],
    ['Incident', (i) => i.title],
    ['Severity', (i) => pill(i.severity)],
    ['State', (i) => i.state],
    ['Opened', (i) => when(i.opened)],
    ['Clocks', (i) => h('ul', { class: 'clocks' }, (i.clocks || []).map((c) =>
      h('li', {}, pill(c.status), ' ', c.duty, ' by ', when(c.deadline))))],
  ], incidents, { class: 'data', id: 'incident-table' }));
  grid.append(inc);

  const abd = o.alerts_by_domain || {};
  const buckets = abd.buckets || [];
  const keys = ['network', 'ais', 'physical'];
  const al = h('section', { class: 'card', id: 'alerts-by-domain' }, h('h2', {}, 'Alerts by domain'));
  const total = buckets.reduce((a, b) => a + keys.reduce((x, k) => x + (b[k] || 0), 0), 0);
  if (!total) al.append(empty('No alerts stored.'));
  else {
    const hours = (abd.bucket_seconds || 3600) / 3600;
    al.append(h('p', { class: 'note' }, `${num(total)} alerts, ${num(hours, hours < 1 ? 2 : 0)} h per bar`),
      stackedBars(buckets.map((b) => ({ label: when(b.start).slice(5, 16), values: b })), keys, { label: 'alerts by domain' }),
      legend(keys));
    al.dataset.total = total;
  }
  grid.append(al);

  const comp = h('section', { class: 'card', id: 'compliance-scores' }, h('h2', {}, 'Compliance against deadlines'));
  const fw = o.compliance || [];
  if (!fw.length) comp.append(empty('No compliance frameworks are loaded.'));
  else comp.append(table([
    ['Framework', (f) => f.name || f.framework],
    ['Score', (f) => h('span', { class: 'score' }, h('span', { class: 'meter' }, h('span', { style: null, class: 'fill', 'data-w': f.score })), ` ${num(f.score)}%`)],
    ['Met / partial / not met', (f) => `${num(f.met)} / ${num(f.partial)} / ${num(f.not_met)}`],
    ['Next deadline', (f) => f.next_deadline && new Date(f.next_deadline) < new Date()
      ? [when(f.next_deadline), ' ', pill('overdue')] : when(f.next_deadline)],
  ], fw, { class: 'data', id: 'compliance-table' }));
  grid.append(comp);
  // Widths from data attributes: inline style attributes would break the CSP.
  for (const m of comp.querySelectorAll('.fill')) m.style.width = Math.max(0, Math.min(100, Number(m.dataset.w) || 0)) + '%';
}
