// network.js - the zones and conduits of the port model as a map, with the
// observed segmentation violations (/api/v1/flows?violations=true) drawn in
// red between the zones they crossed; clicking a zone lists its assets and
// clicking an asset shows its detail.
import { h, s, empty, when, pill, table, clear, zoneMap, curve, num } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api }) {
  let zones, conduits, flows, assets;
  try {
    [zones, conduits, flows, assets] = await Promise.all([
      api.list('/api/v1/zones'), api.list('/api/v1/conduits'),
      api.all('/api/v1/flows?violations=true'), api.all('/api/v1/assets')]);
  } catch (e) { view.append(failure(e, 'Network')); return; }
  if (!zones.length) { view.append(empty('No zones: load a port model with `seawall init`.')); return; }
  const map = drawNetwork(zones, conduits, flows);
  const panel = h('aside', { class: 'card panel', id: 'detail' }, h('p', { class: 'note' }, 'Click a zone or a red violation line.'));
  view.append(h('p', { class: 'note', id: 'violation-count', 'data-value': flows.length },
    `${zones.length} zones, ${conduits.length} conduits; ${flows.length} observed flow groups violate the segmentation (red).`),
  h('div', { class: 'split' }, h('div', { class: 'mapbox' }, map.svg), panel));
  wireDetail(map, panel, { api, assets, flows });
  view.append(h('h2', {}, 'Observed segmentation violations'), flows.length ? violationTable(flows, 'violation-table')
    : empty('No observed flow crosses the zones against the model.'));
}

function violationTable(rows, id) {
  return table([
    ['Rule', (f) => f.violation], ['From', (f) => `${f.src_asset || f.src} (${f.src_zone || '?'})`],
    ['To', (f) => `${f.dst_asset || f.dst} (${f.dst_zone || '?'})`], ['Service', (f) => `${f.app || f.transport}/${f.dst_port}`],
    ['Flows', (f) => num(f.flows)], ['Last seen', (f) => when(f.last_seen)],
  ], rows, { class: 'data compact', id });
}

// Draws the map with violations on its overlay; shared with the exposure page.
export function drawNetwork(zones, conduits, flows) {
  const map = zoneMap(zones, conduits);
  const pairs = new Map();
  for (const f of flows) {
    if (!f.src_zone || !f.dst_zone) continue;
    const k = f.src_zone + '>' + f.dst_zone;
    if (!pairs.has(k)) pairs.set(k, { from: f.src_zone, to: f.dst_zone, flows: [] });
    pairs.get(k).flows.push(f);
  }
  for (const p of pairs.values()) {
    const a = map.pos.get(p.from), b = map.pos.get(p.to);
    if (!a || !b) continue;
    const rules = [...new Set(p.flows.map((f) => f.violation))].join(', ');
    const d = p.from === p.to ? loop(a) : curve(a, b, -0.12);
    map.overlay.append(s('path', { d, class: 'violation', 'data-from': p.from, 'data-to': p.to, tabindex: 0 },
      s('title', {}, `${p.from} -> ${p.to}: ${p.flows.length} violating flow groups (${rules})`)));
    for (const z of [p.from, p.to]) map.svg.querySelector(`[data-zone="${z}"]`)?.classList.add('violated');
  }
  map.pairs = pairs;
  return map;
}

function loop(a) { return `M${a.x - 20},${a.y - 20} C${a.x - 40},${a.y - 70} ${a.x + 40},${a.y - 70} ${a.x + 20},${a.y - 20}`; }

export function wireDetail(map, panel, { api, assets, flows }) {
  map.svg.addEventListener('click', (ev) => {
    const v = ev.target.closest('.violation');
    if (v) return showViolations(panel, flows.filter((f) => f.src_zone === v.dataset.from && f.dst_zone === v.dataset.to));
    const z = ev.target.closest('[data-zone]');
    if (z) return showZone(panel, z.dataset.zone, assets, flows, api);
    const a = ev.target.closest('[data-asset]');
    if (a) return showAsset(panel, a.dataset.asset, assets, api);
  });
}

function showViolations(panel, rows) {
  clear(panel);
  panel.append(h('h2', {}, 'Segmentation violations'), violationTable(rows, null));
}

function showZone(panel, zoneId, assets, flows, api) {
  clear(panel);
  const mine = assets.filter((a) => a.zone === zoneId);
  const bad = flows.filter((f) => f.src_zone === zoneId || f.dst_zone === zoneId);
  panel.append(h('h2', {}, `Zone ${zoneId}`),
    h('p', {}, `${mine.length} declared assets; ${bad.length} violating flow groups touch this zone.`));
  if (!mine.length) { panel.append(empty('No declared assets in this zone.')); return; }
  const list = h('ul', { class: 'assets', id: 'zone-assets' }, mine.map((a) =>
    h('li', {}, h('a', { href: '#', 'data-asset': a.id, class: bad.some((f) => f.src_asset === a.id || f.dst_asset === a.id) ? 'bad' : '' },
      a.id), ' ', a.name, ' ', pill(a.state))));
  list.addEventListener('click', (ev) => {
    const a = ev.target.closest('[data-asset]');
    if (a) { ev.preventDefault(); showAsset(panel, a.dataset.asset, assets, api); }
  });
  panel.append(list);
}

export async function showAsset(panel, id, assets, api) {
  clear(panel);
  panel.append(h('h2', { id: 'asset-title' }, id));
  let a = assets.find((x) => x.id === id) || { id };
  let extra = null;
  try { extra = await api.get('/api/v1/assets/' + encodeURIComponent(id)); } catch (e) { extra = null; }
  if (extra) a = { ...a, ...(extra.asset || extra) };
  const row = (k, v) => h('tr', {}, h('th', {}, k), h('td', {}, v ?? '-'));
  panel.append(h('table', { class: 'kv', id: 'asset-detail' }, h('tbody', {},
    row('Name', a.name), row('Kind', a.kind), row('Zone', a.zone), row('Criticality', a.criticality),
    row('Declared address', (a.ips || []).join(', ')), row('Declared product', [a.vendor, a.product, a.version].filter(Boolean).join(' ')),
    row('Inventory state', a.state), row('Seen as', (a.seen_ips || []).join(', ')),
    row('MAC', [a.seen_mac, a.mac_vendor].filter(Boolean).join(' ')), row('Last seen', when(a.last_seen)),
    extra && extra.alerts ? row('Alerts', `${extra.alerts.total} (critical ${extra.alerts.critical}, high ${extra.alerts.high}, medium ${extra.alerts.medium}, low ${extra.alerts.low})`) : null,
    extra && extra.hosts ? row('Services offered', [...new Set(extra.hosts.flatMap((x) => (x.offers || []).map((o) => o.app || `${o.transport}/${o.port}`)))].join(', ') || 'none seen') : null,
    extra && extra.hosts ? row('Identified as', extra.hosts.map((x) => [x.vendor, x.product, x.firmware, x.identity_protocol && `(${x.identity_protocol})`].filter(Boolean).join(' ')).join('; ') || '-') : null,
    extra && extra.vulnerabilities ? row('Vulnerabilities', extra.vulnerabilities.length ? extra.vulnerabilities.map((v) => v.cve || v.id).join(', ') : 'none known') : null)));
  for (const m of a.mismatches || []) panel.append(h('p', { class: 'mismatch' }, typeof m === 'string' ? m : JSON.stringify(m)));
}
