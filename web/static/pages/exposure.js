// exposure.js - attack paths to the crown jewels drawn on the network map
// (paths through a camera - the CCTV path - highlighted), their choke points,
// the 5x5 risk matrix and the investment plan with loss before and after.
import { h, s, empty, money, num, pill, table, clear, curve } from '../svg.js';
import { failure } from '../app.js';
import { drawNetwork } from './network.js';

export async function render(view, { api }) {
  let zones, conduits, assets, exposure;
  try {
    [zones, conduits, assets, exposure] = await Promise.all([
      api.list('/api/v1/zones'), api.list('/api/v1/conduits'), api.all('/api/v1/assets'), api.get('/api/v1/exposure')]);
  } catch (e) { view.append(failure(e, 'Exposure')); }
  if (exposure) drawPaths(view, zones, conduits, assets, exposure);
  const lower = h('div', { class: 'grid two' });
  view.append(lower);
  const matrixCard = h('section', { class: 'card', id: 'risk-matrix' }, h('h2', {}, 'Risk matrix (residual)'));
  const planCard = h('section', { class: 'card', id: 'plan' }, h('h2', {}, 'Investment plan'));
  lower.append(matrixCard, planCard);
  try { riskMatrix(matrixCard, await api.get('/api/v1/risks')); } catch (e) { matrixCard.append(failure(e, 'Risks')); }
  await plan(planCard, api);
}

function isCamera(assetById, id) {
  const a = assetById.get(id);
  return !!a && /camera|cctv/i.test(`${a.kind} ${a.zone}`);
}

function drawPaths(view, zones, conduits, assets, exposure) {
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const zoneIds = new Set(zones.map((z) => z.id));
  const paths = [];
  for (const t of exposure.targets || []) for (const p of t.paths || []) paths.push({ ...p, target: t.asset });
  if (!paths.length) { view.append(empty('No attack path reaches a crown jewel in this model.')); return; }
  paths.sort((a, b) => b.likelihood - a.likelihood);
  for (const p of paths) p.cctv = p.chain.some((n) => isCamera(assetById, n));
  const map = drawNetwork(zones, conduits, []);
  // Entry points sit in a strip above the zones; assets beside their zone box.
  const entries = [...new Set(paths.map((p) => p.chain[0]).filter((n) => !zoneIds.has(n) && !assetById.has(n)))];
  const extra = 60;
  map.svg.setAttribute('viewBox', `0 -${extra} ${map.width} ${map.height + extra}`);
  const node = new Map();
  entries.forEach((e, i) => node.set(e, { x: 40 + i * ((map.width - 80) / Math.max(1, entries.length - 1 || 1)), y: -extra / 2 - 5, kind: 'entry' }));
  const perZone = new Map();
  const place = (id) => {
    if (node.has(id)) return node.get(id);
    if (map.pos.has(id)) return map.pos.get(id);
    const a = assetById.get(id);
    if (!a || !map.pos.has(a.zone)) return null;
    const z = map.pos.get(a.zone);
    const k = perZone.get(a.zone) || 0;
    perZone.set(a.zone, k + 1);
    const p = { x: z.box.x + 10 + (k % 6) * 21, y: z.box.y + z.box.h + 12 + Math.floor(k / 6) * 16, kind: 'asset' };
    node.set(id, p);
    return p;
  };
  // Choke points are per crown jewel: the assets whose loss cuts its paths.
  const chokesOf = new Map();
  for (const t of exposure.targets || []) chokesOf.set(t.asset, (((t.choke_points || {}).assets || {}).items || []).map((c) => c.id));
  const chokes = new Set([...chokesOf.values()].flat());
  const layer = s('g', { class: 'paths' });
  const nodes = s('g', { class: 'path-nodes' });
  map.overlay.append(layer);
  map.top.append(nodes);
  const drawn = new Set();
  const drawPath = (p, idx) => {
    const g = s('g', { class: 'attack-path' + (p.cctv ? ' cctv' : ''), 'data-path': idx, 'data-entry': p.chain[0], 'data-target': p.target });
    for (let i = 0; i + 1 < p.chain.length; i++) {
      const a = place(p.chain[i]), b = place(p.chain[i + 1]);
      if (!a || !b) continue;
      g.append(s('path', { d: curve(a, b, 0.1), class: 'step', 'data-from': p.chain[i], 'data-to': p.chain[i + 1] },
        s('title', {}, `${p.chain[i]} -> ${p.chain[i + 1]}`)));
    }
    layer.append(g);
    for (const n of p.chain) {
      if (drawn.has(n)) continue;
      const q = place(n);
      if (!q || map.pos.get(n) === q) continue;
      drawn.add(n);
      nodes.append(s('g', { class: 'pnode ' + q.kind + (isCamera(assetById, n) ? ' camera' : ''), 'data-node': n },
        q.kind === 'entry' ? s('rect', { x: q.x - 6, y: q.y - 6, width: 12, height: 12, transform: `rotate(45 ${q.x} ${q.y})` })
          : s('circle', { cx: q.x, cy: q.y, r: 6 }),
        s('text', { x: q.x + 8, y: q.y + 4, class: 'plabel' }, n), s('title', {}, n + (chokes.has(n) ? ' (a choke point)' : ''))));
    }
  };
  // The top paths per entry point, the CCTV ones always included. The same
  // route on to another crown jewel (one camera -> workstation chain to each
  // of five PLCs) is drawn once, so that an entry point's different routes
  // show rather than one route five times.
  const shown = [];
  const byEntry = new Map();
  const routes = new Set();
  for (const p of paths) {
    const k = byEntry.get(p.chain[0]) || 0;
    const route = p.chain.slice(0, -1).join('>');
    if (routes.has(route)) continue;
    if (k < 2 || (p.cctv && k < 4)) { shown.push(p); byEntry.set(p.chain[0], k + 1); routes.add(route); }
  }
  shown.sort((a, b) => (b.cctv - a.cctv) || (b.likelihood - a.likelihood));   // the CCTV paths head the list
  shown.forEach((p, i) => drawPath(p, i));
  const cctv = shown.filter((p) => p.cctv);
  const chokeNote = h('p', { class: 'note', id: 'choke-points' });
  const focus = (i) => {
    const p = shown[i];
    for (const g of layer.querySelectorAll('.attack-path')) g.classList.toggle('focus', g.dataset.path === String(i));
    for (const r of list.querySelectorAll('tbody tr')) r.classList.toggle('focus', r.dataset.path === String(i));
    const cut = new Set(chokesOf.get(p.target) || []);
    for (const n of nodes.querySelectorAll('.pnode')) {
      n.classList.toggle('on', p.chain.includes(n.dataset.node));
      n.classList.toggle('choke', cut.has(n.dataset.node));
    }
    chokeNote.textContent = `Choke points for ${p.target}: ${cut.size ? [...cut].join(', ') : 'none'} (ringed on the map).`;
  };
  const list = table([
    ['', (p) => p.cctv ? pill('CCTV', 'cctv') : ''],
    ['Path', (p) => p.chain_text], ['Likelihood', (p) => num(p.likelihood * 100, 1) + '%'],
  ], shown, { class: 'data compact', id: 'path-table' });
  [...list.querySelectorAll('tbody tr')].forEach((r, i) => { r.dataset.path = i; r.addEventListener('click', () => focus(i)); });
  view.append(h('p', { class: 'note', id: 'path-summary', 'data-cctv': cctv.length },
    `${paths.length} attack paths to ${(exposure.targets || []).length} crown jewels; the ${shown.length} most likely per entry point are drawn, ` +
    `${cctv.length} of them through a camera (red). Click a path to follow it.`), chokeNote,
  h('div', { class: 'split' }, h('div', { class: 'mapbox' }, map.svg), h('aside', { class: 'card panel' }, h('h2', {}, 'Attack paths'), list)));
  focus(cctv.length ? shown.indexOf(cctv[0]) : 0);
}

function riskMatrix(card, reg) {
  const risks = reg.risks || [];
  if (!risks.length) { card.append(empty('No risk register is loaded (risks.yaml).')); return; }
  const cell = 56, pad = 60, size = pad + cell * 5 + 10;
  const svg = s('svg', { viewBox: `0 0 ${size} ${size}`, class: 'matrix', id: 'matrix-svg', role: 'img', 'aria-label': '5x5 risk matrix' });
  for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) {
    const x = pad + (i - 1) * cell, y = 10 + (5 - l) * cell;
    const score = l * i, level = score >= 15 ? 'critical' : score >= 8 ? 'high' : score >= 4 ? 'medium' : 'low';
    const here = risks.filter((r) => r.residual && r.residual.likelihood === l && r.residual.impact === i);
    svg.append(s('g', { class: 'mcell ' + level, 'data-l': l, 'data-i': i, 'data-count': here.length },
      s('rect', { x, y, width: cell - 2, height: cell - 2 }),
      here.length ? s('text', { x: x + cell / 2, y: y + cell / 2 + 5, 'text-anchor': 'middle', class: 'mcount' }, String(here.length)) : null,
      s('title', {}, `likelihood ${l}, impact ${i}: ${here.map((r) => r.id).join(', ') || 'no risks'}`)));
  }
  for (let k = 1; k <= 5; k++) {
    svg.append(s('text', { x: pad - 8, y: 10 + (5 - k) * cell + cell / 2 + 4, 'text-anchor': 'end', class: 'axis' }, String(k)),
      s('text', { x: pad + (k - 1) * cell + cell / 2, y: size - 2 + 0, 'text-anchor': 'middle', class: 'axis' }, String(k)));
  }
  svg.append(s('text', { x: 12, y: size / 2, class: 'axis', transform: `rotate(-90 12 ${size / 2})`, 'text-anchor': 'middle' }, 'likelihood'));
  const cur = reg.currency || 'EUR';
  card.append(svg, h('p', { class: 'note' }, `Impact on the horizontal axis. Appetite: ${money((reg.appetite || {}).eal, cur)} a year.`),
    table([
      ['Risk', (r) => h('span', { title: r.threat || '' }, `${r.id} ${r.title}`)],
      ['Residual', (r) => pill((r.residual || {}).level || '-')],
      ['EAL', (r) => money((r.residual_loss || {}).eal, cur)],
      ['Within appetite', (r) => r.within_appetite === false ? pill('no', 'high') : 'yes'],
    ], [...risks].sort((a, b) => ((b.residual_loss || {}).eal || 0) - ((a.residual_loss || {}).eal || 0)), { class: 'data compact', id: 'risk-table' }));
}

function plan(card, api) {
  const budget = h('input', { type: 'number', id: 'plan-budget', min: '0', step: '10000', value: '500000' });
  const out = h('div', {});
  const form = h('form', { class: 'filters' }, h('label', {}, 'Budget ', budget), h('button', { type: 'submit' }, 'Plan'));
  card.append(form, out);
  const run = async () => {
    clear(out);
    let p;
    try { p = await api.get('/api/v1/plan?budget=' + encodeURIComponent(budget.value)); } catch (e) { out.append(failure(e, 'Plan')); return; }
    const cur = p.currency || 'EUR';
    const before = (p.before || {}).residual_loss || {}, after = (p.after || {}).residual_loss || {};
    out.append(h('table', { class: 'kv', id: 'plan-summary' }, h('tbody', {},
      h('tr', {}, h('th', {}, ''), h('th', {}, 'before'), h('th', {}, 'after')),
      h('tr', {}, h('th', {}, 'Expected annual loss'), h('td', { id: 'plan-before' }, money(before.eal, cur)), h('td', { id: 'plan-after' }, money(after.eal, cur))),
      h('tr', {}, h('th', {}, '1-in-100-year loss (p99)'), h('td', {}, money(before.p99, cur)), h('td', {}, money(after.p99, cur))),
      h('tr', {}, h('th', {}, 'Chance of any loss in a year'), h('td', {}, num((before.p_any_loss || 0) * 100, 1) + '%'), h('td', {}, num((after.p_any_loss || 0) * 100, 1) + '%')))),
    h('p', { class: 'note' }, `Spend ${money(p.cost, cur)} of ${money(p.budget, cur)} (${p.method || ''}).`),
    table([
      ['Control', (c) => `${c.id} ${c.title}`], ['Cost', (c) => money(c.cost, cur)],
      ['In plan', (c) => c.chosen ? pill('yes', 'ok') : 'no'],
      ['EAL cut (alone)', (c) => money(c.eal_reduction_alone, cur)],
    ], p.controls || [], { class: 'data compact', id: 'plan-table' }));
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
  return run();
}
