// svg.js - DOM, number and chart helpers shared by the pages: element
// builders, a line chart, a stacked bar chart, the zone/conduit network map
// and an equirectangular projection for the harbour map. All SVG is built
// with DOM calls, so the strict Content-Security-Policy holds.
const SVGNS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function h(tag, attrs, ...children) { return build(document.createElement(tag), attrs, children); }
export function s(tag, attrs, ...children) { return build(document.createElementNS(SVGNS, tag), attrs, children); }
export function clear(el) { while (el.firstChild) el.firstChild.remove(); return el; }
export function empty(text) { return h('p', { class: 'empty' }, text); }

export function num(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '-';
  return Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
export function money(n, currency = 'EUR') {
  if (n === null || n === undefined) return '-';
  const v = Number(n);
  if (Math.abs(v) >= 1e6) return `${currency} ${num(v / 1e6, 2)} M`;
  if (Math.abs(v) >= 1e3) return `${currency} ${num(v / 1e3, 1)} k`;
  return `${currency} ${num(v)}`;
}
export function when(t) {
  if (!t) return '-';
  return String(t).replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/:00Z$/, 'Z');
}
export function pill(text, kind) { return h('span', { class: 'pill ' + (kind || String(text).toLowerCase()) }, text); }

// table(columns, rows): columns are [title, row => cell]; a cell may be a node.
export function table(columns, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, columns.map(([t]) => h('th', {}, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map(([, f]) => h('td', {}, f(r)))))));
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// lineChart(points [{x: label, y}], opts): one series over categories.
export function lineChart(points, { width = 560, height = 200, label = '', format = num, line = null } = {}) {
  const pad = { l: 70, r: 12, t: 14, b: 28 };
  const w = width - pad.l - pad.r, hgt = height - pad.t - pad.b;
  const top = niceMax(Math.max(...points.map((p) => p.y), line ? line.y : 0));
  const X = (i) => pad.l + (points.length < 2 ? w / 2 : (i * w) / (points.length - 1));
  const Y = (v) => pad.t + hgt - (v / top) * hgt;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart line', role: 'img', 'aria-label': label });
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: Y(v), y2: Y(v), class: 'grid' }),
      s('text', { x: pad.l - 6, y: Y(v) + 4, class: 'axis', 'text-anchor': 'end' }, format(v)));
  }
  if (line) {
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: Y(line.y), y2: Y(line.y), class: 'threshold' }),
      s('text', { x: width - pad.r, y: Y(line.y) - 4, class: 'axis', 'text-anchor': 'end' }, line.label));
  }
  svg.append(s('polyline', { class: 'series', points: points.map((p, i) => `${X(i)},${Y(p.y)}`).join(' ') }));
  points.forEach((p, i) => {
    svg.append(s('circle', { cx: X(i), cy: Y(p.y), r: 3, class: 'dot' }, s('title', {}, `${p.x}: ${format(p.y)}`)));
  });
  const step = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % step === 0 || i === points.length - 1)
      svg.append(s('text', { x: X(i), y: height - 8, class: 'axis', 'text-anchor': 'middle' }, p.x));
  });
  return svg;
}

// stackedBars(buckets [{label, values: {key: n}}], keys): bars stacked per key.
export function stackedBars(buckets, keys, { width = 560, height = 200, label = '' } = {}) {
  const pad = { l: 40, r: 12, t: 14, b: 28 };
  const w = width - pad.l - pad.r, hgt = height - pad.t - pad.b;
  const top = niceMax(Math.max(1, ...buckets.map((b) => keys.reduce((a, k) => a + (b.values[k] || 0), 0))));
  const bw = w / Math.max(1, buckets.length);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bars', role: 'img', 'aria-label': label });
  const ticks = Number.isInteger(top / 4) ? 4 : 5;   // whole counts on the axis
  for (let k = 0; k <= ticks; k++) {
    const v = (top * k) / ticks, y = pad.t + hgt - (v / top) * hgt;
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: 'grid' }),
      s('text', { x: pad.l - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, num(v)));
  }
  buckets.forEach((b, i) => {
    let y = pad.t + hgt;
    for (const k of keys) {
      const v = b.values[k] || 0;
      if (!v) continue;
      const bh = (v / top) * hgt;
      y -= bh;
      svg.append(s('rect', { x: pad.l + i * bw + 1, y, width: Math.max(1, bw - 2), height: bh, class: 'bar ' + k, 'data-key': k, 'data-value': v },
        s('title', {}, `${b.label} ${k}: ${v}`)));
    }
  });
  const step = Math.max(1, Math.ceil(buckets.length / 6));
  buckets.forEach((b, i) => {
    if (i % step === 0) svg.append(s('text', { x: pad.l + i * bw + bw / 2, y: height - 8, class: 'axis', 'text-anchor': 'middle' }, b.label));
  });
  return svg;
}

export function legend(keys) {
  return h('p', { class: 'legend' }, keys.map((k) => [h('span', { class: 'swatch ' + k }), ' ', k, ' ']));
}

// The zone map: zones as boxes in rows by domain (IT, OT, physical), sorted
// by security level, conduits as lines between them. Returns the SVG and the
// box centre of each zone so pages can draw on top (violations, paths).
export function zoneMap(zones, conduits, { width = 1180, boxW = 128, boxH = 40 } = {}) {
  const perRow = Math.floor((width - 40) / (boxW + 24));
  const rows = [];
  for (const dom of ['it', 'ot', 'phys']) {
    const zs = zones.filter((z) => z.domain === dom)
      .sort((a, b) => (a.security_level - b.security_level) || a.id.localeCompare(b.id));
    for (let i = 0; i < zs.length; i += perRow) rows.push({ dom, zs: zs.slice(i, i + perRow) });
  }
  const others = zones.filter((z) => !['it', 'ot', 'phys'].includes(z.domain));
  if (others.length) rows.push({ dom: 'other', zs: others });
  const rowH = boxH + 70, height = 50 + rows.length * rowH;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'map zones', role: 'img', 'aria-label': 'zones and conduits' });
  const pos = new Map();
  rows.forEach((r, ri) => {
    const gap = (width - 40 - r.zs.length * boxW) / Math.max(1, r.zs.length);
    r.zs.forEach((z, i) => {
      const x = 20 + gap / 2 + i * (boxW + gap), y = 30 + ri * rowH;
      pos.set(z.id, { x: x + boxW / 2, y: y + boxH / 2, box: { x, y, w: boxW, h: boxH } });
    });
  });
  const conduitLayer = s('g', { class: 'conduits' });
  for (const c of conduits) {
    const a = pos.get(c.from), b = pos.get(c.to);
    if (!a || !b) continue;
    conduitLayer.append(s('path', { d: curve(a, b), class: 'conduit', 'data-conduit': c.id },
      s('title', {}, `${c.id}: ${(c.services || []).join(', ')}`)));
  }
  const overlay = s('g', { class: 'overlay' });
  const zoneLayer = s('g', { class: 'zone-boxes' });
  for (const z of zones) {
    const p = pos.get(z.id);
    if (!p) continue;
    zoneLayer.append(s('g', { class: 'zone ' + z.domain, 'data-zone': z.id, tabindex: 0 },
      s('rect', { x: p.box.x, y: p.box.y, width: p.box.w, height: p.box.h, rx: 6 }),
      s('text', { x: p.x, y: p.y - 3, 'text-anchor': 'middle', class: 'zname' }, trunc(z.name || z.id, 20)),
      s('text', { x: p.x, y: p.y + 12, 'text-anchor': 'middle', class: 'zsub' }, `${z.id} SL${z.security_level}`),
      s('title', {}, `${z.name} (${z.id}), security level ${z.security_level}, ${z.assets} assets`)));
  }
  // Lines under the boxes (so a zone is always clickable), nodes on top.
  const top = s('g', { class: 'top' });
  svg.append(conduitLayer, overlay, zoneLayer, top);
  return { svg, pos, overlay, top, height, width };
}

export function curve(a, b, bend = 0.18) {
  const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
  const dx = b.x - a.x, dy = b.y - a.y;
  return `M${a.x},${a.y} Q${mx - dy * bend},${my + dx * bend} ${b.x},${b.y}`;
}

function trunc(t, n) { return t.length > n ? t.slice(0, n - 1) + '\u2026' : t; }

// An equirectangular projection fitted to the points' bounding box (with a
// margin), keeping the aspect of a degree of longitude at that latitude.
export function fitProjection(points, width, height, margin = 0.08) {
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  for (const p of points) {
    minLat = Math.min(minLat, p.lat); maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon); maxLon = Math.max(maxLon, p.lon);
  }
  const dLat = Math.max(maxLat - minLat, 0.01), dLon = Math.max(maxLon - minLon, 0.01);
  minLat -= dLat * margin; maxLat += dLat * margin; minLon -= dLon * margin; maxLon += dLon * margin;
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const scale = Math.min(width / ((maxLon - minLon) * k), height / (maxLat - minLat));
  const ox = (width - (maxLon - minLon) * k * scale) / 2, oy = (height - (maxLat - minLat) * scale) / 2;
  const project = (lat, lon) => ({ x: ox + (lon - minLon) * k * scale, y: oy + (maxLat - lat) * scale });
  return { project, bounds: { minLat, maxLat, minLon, maxLon } };
}
