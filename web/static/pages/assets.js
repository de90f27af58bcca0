// assets.js - the declared inventory with filters (zone, domain, criticality,
// state), declared against observed: what the model says and what the wire showed.
import { h, empty, when, pill, table, clear } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api }) {
  let assets;
  try { assets = await api.all('/api/v1/assets'); } catch (e) { view.append(failure(e, 'Assets')); return; }
  if (!assets.length) { view.append(empty('No assets: load a port model with `seawall init`.')); return; }
  const distinct = (f) => [...new Set(assets.map(f).filter(Boolean))].sort();
  const sel = (name, values) => h('select', { name, id: 'filter-' + name },
    h('option', { value: '' }, 'all ' + name), values.map((v) => h('option', { value: v }, v)));
  const filters = {
    zone: sel('zone', distinct((a) => a.zone)), domain: sel('domain', distinct((a) => a.domain)),
    criticality: sel('criticality', distinct((a) => a.criticality)), state: sel('state', distinct((a) => a.state)),
  };
  const text = h('input', { type: 'search', id: 'filter-text', title: 'matches the name, id, addresses, vendor or product' });
  const count = h('p', { class: 'note', id: 'asset-count' });
  const holder = h('div', { class: 'scroll' });
  view.append(h('form', { class: 'filters', id: 'asset-filters' }, Object.values(filters), h('label', {}, 'Search ', text)), count, holder);

  const show = () => {
    const q = text.value.trim().toLowerCase();
    const rows = assets.filter((a) => Object.entries(filters).every(([k, el]) => !el.value || a[k] === el.value) &&
      (!q || [a.id, a.name, a.vendor, a.product, ...(a.ips || [])].some((v) => v && String(v).toLowerCase().includes(q))));
    count.textContent = `${rows.length} of ${assets.length} assets`;
    count.dataset.shown = rows.length;
    clear(holder);
    if (!rows.length) { holder.append(empty('No asset matches these filters.')); return; }
    holder.append(table([
      ['Asset', (a) => h('span', {}, h('strong', {}, a.id), h('br'), a.name)],
      ['Zone', (a) => a.zone], ['Kind', (a) => a.kind], ['Criticality', (a) => pill(a.criticality)],
      ['Declared', (a) => [(a.ips || []).join(', '), h('br'), [a.vendor, a.product, a.version].filter(Boolean).join(' ')]],
      ['Observed', (a) => a.state === 'never-seen' ? 'never seen' :
        [(a.seen_ips || []).join(', '), h('br'), [a.seen_mac, a.mac_vendor].filter(Boolean).join(' '), h('br'), when(a.last_seen)]],
      ['State', (a) => [pill(a.state), (a.mismatches || []).map((m) => h('div', { class: 'mismatch' }, describe(m)))]],
    ], rows, { class: 'data', id: 'asset-table' }));
  };
  for (const el of [...Object.values(filters)]) el.addEventListener('change', show);
  text.addEventListener('input', show);
  show();
}

function describe(m) {
  if (typeof m === 'string') return m;
  if (m.field) return `${m.field}: declared ${m.declared ?? '-'}, seen ${m.observed ?? m.seen ?? '-'}`;
  return JSON.stringify(m);
}
