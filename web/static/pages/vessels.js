// vessels.js - the harbour map: vessel tracks projected onto an
// equirectangular box fitted to the data, coloured by AIS integrity status,
// with the AIS integrity alerts listed and marked where they were raised.
import { h, s, empty, when, pill, table, num, fitProjection } from '../svg.js';
import { failure } from '../app.js';

export async function render(view, { api }) {
  let vessels;
  try { vessels = await api.get('/api/v1/vessels'); } catch (e) { view.append(failure(e, 'Vessels')); return; }
  vessels = Array.isArray(vessels) ? vessels : (vessels.items || []);
  if (!vessels.length) { view.append(empty('No vessels: feed AIS with `seawall sense --ais FILE --store`.')); return; }
  // The alerts of the checks that fired for these vessels, rule by rule.
  const checks = [...new Set(vessels.flatMap((v) => v.checks || []))];
  let alerts = [];
  for (const rule of checks) {
    try { alerts.push(...await api.all('/api/v1/alerts?rule=' + encodeURIComponent(rule), 500)); } catch (e) { /* listed without */ }
  }
  alerts = alerts.filter((a) => ((a.ecs.event || {}).dataset || '') === 'seawall.ais')
    .sort((a, b) => String(b.ecs['@timestamp']).localeCompare(String(a.ecs['@timestamp'])));
  const tracks = new Map();
  let trackRoute = false;
  await Promise.all(vessels.slice(0, 60).map(async (v) => {
    try {
      const t = await api.get(`/api/v1/vessels/${v.mmsi}/track`);
      const pts = Array.isArray(t) ? t : (t.points || t.items || []);
      tracks.set(v.mmsi, pts.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)));
      trackRoute = true;
    } catch (e) { /* no track route: last positions only */ }
  }));
  const all = [];
  for (const v of vessels) if (Number.isFinite(v.lat) && Number.isFinite(v.lon)) all.push(v);
  for (const t of tracks.values()) all.push(...t);
  const W = 860, H = 560;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map harbour', id: 'harbour', role: 'img', 'aria-label': 'harbour map' });
  if (!all.length) { view.append(empty('No vessel has reported a position yet.')); return; }
  const { project, bounds } = fitProjection(all, W, H);
  svg.append(s('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }));
  graticule(svg, bounds, project);
  for (const v of vessels) {
    const pts = tracks.get(v.mmsi) || [];
    if (pts.length > 1) svg.append(s('polyline', { class: 'track ' + v.status, 'data-mmsi': v.mmsi,
      points: pts.map((p) => { const q = project(p.lat, p.lon); return `${q.x.toFixed(1)},${q.y.toFixed(1)}`; }).join(' ') }));
  }
  for (const a of alerts) {
    const loc = ((a.ecs.source || {}).geo || {}).location;
    if (!loc) continue;
    const q = project(loc.lat, loc.lon);
    svg.append(s('path', { class: 'ais-alert', d: `M${q.x},${q.y - 7} L${q.x + 6},${q.y + 5} L${q.x - 6},${q.y + 5} Z` },
      s('title', {}, `${a.ecs.rule.id}: ${a.ecs.message}`)));
  }
  for (const v of vessels) {
    if (!Number.isFinite(v.lat)) continue;
    const q = project(v.lat, v.lon);
    svg.append(s('g', { class: 'vessel ' + v.status, 'data-mmsi': v.mmsi, transform: `translate(${q.x.toFixed(1)},${q.y.toFixed(1)})` },
      s('path', { d: 'M0,-7 L4,5 L-4,5 Z', transform: `rotate(${Number(v.cog) || 0})` }),
      s('text', { x: 7, y: 4, class: 'vname' }, v.shipname || String(v.mmsi)),
      s('title', {}, `${v.shipname || '?'} MMSI ${v.mmsi}, ${num(v.sog, 1)} kn, ${v.status}${(v.checks || []).length ? ': ' + v.checks.join(', ') : ''}`)));
  }
  view.append(h('p', { class: 'note' }, `${vessels.length} vessels, ${alerts.length} AIS integrity alerts (triangles). Tracks: ${trackRoute ? [...tracks.values()].filter((t) => t.length > 1).length + ' vessels with stored positions' : 'not available from this server, last positions only'}.`),
    h('div', { class: 'split' }, h('div', { class: 'mapbox' }, svg),
      h('aside', { class: 'card panel' }, h('h2', {}, 'AIS integrity alerts'), alerts.length ? table([
        ['Time', (a) => when(a.ecs['@timestamp'])], ['Rule', (a) => a.ecs.rule.id],
        ['Vessel', (a) => { const x = (a.ecs.seawall || {}).ais || {}; return `${x.shipname || ''} ${x.mmsi || ''}`; }],
      ], alerts.slice(0, 40), { class: 'data compact', id: 'ais-alerts' }) : empty('No AIS integrity alerts.'))),
    table([
      ['MMSI', (v) => String(v.mmsi)], ['Name', (v) => v.shipname || '-'], ['Flag', (v) => v.flag || '-'],
      ['Class', (v) => v.class || '-'], ['Position', (v) => Number.isFinite(v.lat) ? `${v.lat.toFixed(4)}, ${v.lon.toFixed(4)}` : '-'],
      ['Speed', (v) => `${num(v.sog, 1)} kn`], ['Last seen', (v) => when(v.last_seen)],
      ['Status', (v) => [pill(v.status), ' ', (v.checks || []).join(', ')]],
    ], vessels, { class: 'data', id: 'vessel-table' }));
}

function graticule(svg, b, project) {
  const step = (b.maxLon - b.minLon) > 1 ? 0.5 : 0.1;
  for (let lon = Math.ceil(b.minLon / step) * step; lon <= b.maxLon; lon += step) {
    const a = project(b.minLat, lon), c = project(b.maxLat, lon);
    svg.append(s('line', { x1: a.x, y1: a.y, x2: c.x, y2: c.y, class: 'grat' }), s('text', { x: a.x + 2, y: a.y - 4, class: 'axis' }, lon.toFixed(1) + '\u00b0'));
  }
  for (let lat = Math.ceil(b.minLat / step) * step; lat <= b.maxLat; lat += step) {
    const a = project(lat, b.minLon), c = project(lat, b.maxLon);
    svg.append(s('line', { x1: a.x, y1: a.y, x2: c.x, y2: c.y, class: 'grat' }), s('text', { x: a.x + 2, y: a.y - 4, class: 'axis' }, lat.toFixed(1) + '\u00b0'));
  }
}
