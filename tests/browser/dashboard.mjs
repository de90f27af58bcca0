// dashboard.mjs - end-to-end test of the Seawall dashboard: playwright-core
// drives Debian's chromium (headless) against a running `seawall serve`. It
// logs in with the first-run admin password, changes it, visits every page,
// compares what the page shows with the API's own answers, and saves a
// screenshot of each page. Prints "PASS text" / "FAIL text" lines that
// tests/integration/web_browser.sh turns into TAP.
// Usage: node dashboard.mjs BASE_URL ONE_TIME_PASSWORD ARTIFACT_DIR
// Env: CHROMIUM (default /usr/bin/chromium); LIVE_CMD, a shell command that
// stores new alerts, run while the alerts page is open.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';

const [base, otp, artifacts] = process.argv.slice(2);
if (!base || !otp || !artifacts) {
  console.error('usage: node dashboard.mjs BASE_URL ONE_TIME_PASSWORD ARTIFACT_DIR');
  process.exit(2);
}
fs.mkdirSync(artifacts, { recursive: true });
const NEW_PASSWORD = 'Harbour-lights-' + Date.now().toString(36);
let failures = 0;
const result = (good, text) => {
  if (!good) failures++;
  console.log(`${good ? 'PASS' : 'FAIL'} ${String(text).replace(/\s+/g, ' ')}`);
};
const same = (got, want, text) => result(String(got) === String(want), `${text} (page ${got}, API ${want})`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('console', (m) => {
  if (m.type() === 'error' && /Content Security Policy|SyntaxError|TypeError|ReferenceError/.test(m.text())) problems.push(m.text());
});
const offsite = [];
page.on('request', (r) => { if (!r.url().startsWith(base)) offsite.push(r.url()); });

// The API with the browser's session cookie: the oracle for each page.
async function api(p) {
  const res = await context.request.get(base + p);
  if (!res.ok()) throw new Error(`${p}: HTTP ${res.status()}`);
  return res.json();
}
async function apiAll(p) {
  const out = [];
  let cursor = null;
  do {
    const sep = p.includes('?') ? '&' : '?';
    const r = await api(p + sep + 'limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    out.push(...r.items);
    cursor = r.next_cursor;
  } while (cursor);
  return out;
}
async function visit(id, hash = '#/' + id) {
  await page.goto(base + '/' + hash);
  await page.waitForFunction((want) => {
    const v = document.getElementById('view');
    return v && v.dataset.page === want && v.dataset.state === 'ready';
  }, id, { timeout: 30000 });
}
async function shot(name) {
  const file = path.join(artifacts, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  result(fs.statSync(file).size > 10000, `screenshot of ${name} saved (${file})`);
}
const text = (sel) => page.locator(sel).first().innerText();
const count = (sel) => page.locator(sel).count();
const attr = (sel, a) => page.locator(sel).first().getAttribute(a);
const money = (v) => { // the page's money() format, to compare figures as shown
  const n = Number(v);
  const f = (x, d) => x.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });
  if (Math.abs(n) >= 1e6) return `EUR ${f(n / 1e6, 2)} M`;
  if (Math.abs(n) >= 1e3) return `EUR ${f(n / 1e3, 1)} k`;
  return `EUR ${f(n, 0)}`;
};
// step(name, fn): one page's checks; an exception is one failure, not the end.
async function step(name, fn) {
  try { await fn(); } catch (e) { result(false, `${name}: ${e.message.split('\n')[0]}`); }
  try { await shot(name); } catch (e) { result(false, `screenshot of ${name}: ${e.message}`); }
}

// --- login with the one-time password, then the forced password change ----
await step('login', async () => {
  await page.goto(base + '/');
  await page.waitForSelector('#login');
  result(await count('#nav a') === 0, 'before login the navigation is empty');
  await page.fill('#login-user', 'admin');
  await page.fill('#login-pass', 'not-the-password');
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => document.getElementById('login-note').textContent.length > 0);
  result(/wrong/i.test(await text('#login-note')), 'a wrong password is refused on the form');
  await page.fill('#login-pass', otp);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#pwchange');
  result(true, 'the one-time password leads to the password change form');
  await page.fill('#new-pass', NEW_PASSWORD);
  await page.fill('#new-pass2', NEW_PASSWORD);
  await page.click('#pwchange button[type=submit]');
  await page.waitForFunction(() => document.getElementById('view').dataset.state === 'ready', null, { timeout: 30000 });
  const me = await api('/api/v1/me');
  result(me.must_change_password === false, 'after the change the account no longer must change its password');
  const nav = await page.locator('#nav a').allInnerTexts();
  result(nav.length === 11 && nav.includes('Board report') && nav.includes('Exposure & risks'),
    `the cso sees all 11 pages in the navigation (${nav.join(', ')})`);
});

// --- A store with the model only: every page says what is missing ------------
if (process.env.MODE === 'empty') {
  const expect = {
    overview: [['#alerts-by-domain p.empty', /No alerts/], ['#open-incidents p.empty', /No open incidents/]],
    vessels: [['#view p.empty', /No vessels/]], alerts: [['#view p.empty', /No alerts/]],
    incidents: [['#view p.empty', /No incidents/]],
  };
  for (const id of await page.locator('#nav a').evaluateAll((els) => els.map((e) => e.dataset.page))) {
    await step('empty-' + id, async () => {
      await visit(id);
      const body = await text('#view');
      result(!/answered 5\d\d|TypeError|undefined|NaN/.test(body), `empty store: ${id} shows no error, undefined or NaN`);
      for (const [sel, re] of expect[id] || []) result(re.test(await text(sel)), `empty store: ${id} says ${re.source}`);
    });
  }
  result(problems.length === 0, `empty store: no script errors${problems.length ? ': ' + problems[0] : ''}`);
  await browser.close();
  console.log(`SUMMARY ${failures} failed`);
  process.exit(0);
}

// --- Overview ---------------------------------------------------------------
await step('overview', async () => {
  await visit('overview');
  const o = await api('/api/v1/overview');
  same(await attr('#residual-eal', 'data-value'), o.risk.residual_eal, 'overview: residual expected annual loss');
  same(await text('#residual-eal'), money(o.risk.residual_eal), 'overview: residual EAL as shown');
  same(await attr('#above-appetite', 'data-value'), o.risk.above_appetite, 'overview: risks above appetite');
  const trendPts = await count('#trend-chart circle.dot');
  same(trendPts, (o.risk.trend || []).length > 0 ? o.risk.trend.length : 0, 'overview: one trend point per dated snapshot');
  same(await count('#incident-table tbody tr'), o.incidents.length, 'overview: open incident rows');
  if (o.incidents.length) {
    same(await count('#incident-table tbody tr:first-child ul.clocks li'), (o.incidents[0].clocks || []).length, 'overview: clocks of the first incident');
  }
  const total = o.alerts_by_domain.buckets.reduce((a, b) => a + b.network + b.ais + b.physical, 0);
  same(await attr('#alerts-by-domain', 'data-total'), total, 'overview: alerts in the by-domain chart');
  const bars = await page.locator('#alerts-by-domain rect.bar').evaluateAll((els) => els.reduce((a, e) => a + Number(e.dataset.value), 0));
  same(bars, total, 'overview: the bars add up to the alert count');
  same(await count('#compliance-table tbody tr'), o.compliance.length, 'overview: compliance rows');
});

// --- Network ----------------------------------------------------------------
await step('network', async () => {
  await visit('network');
  const [zones, flows] = await Promise.all([api('/api/v1/zones').then((r) => r.items), apiAll('/api/v1/flows?violations=true')]);
  same(await count('svg.zones g.zone'), zones.length, 'network: one box per zone');
  same(await attr('#violation-count', 'data-value'), flows.length, 'network: violating flow groups');
  const pairs = new Set(flows.filter((f) => f.src_zone && f.dst_zone).map((f) => f.src_zone + '>' + f.dst_zone));
  same(await count('svg.zones path.violation'), pairs.size, 'network: one red line per violating zone pair');
  result(pairs.size > 0, `network: the demo data has violations to draw (${pairs.size} pairs)`);
  same(await count('#violation-table tbody tr'), flows.length, 'network: every violating flow group listed');
  const v0 = flows[0];
  if (v0) result((await text('#violation-table')).includes(v0.violation), `network: rule ${v0.violation} listed`);
  const f = flows.find((x) => x.src_asset && x.src_zone);
  if (f) {
    await page.click(`svg.zones g.zone[data-zone="${f.src_zone}"] rect`);
    await page.waitForSelector('#zone-assets');
    await page.click(`#zone-assets a[data-asset="${f.src_asset}"]`);
    await page.waitForSelector('#asset-detail');
    const a = await api('/api/v1/assets/' + encodeURIComponent(f.src_asset));
    const detail = await text('#asset-detail');
    result(detail.includes(a.asset.name) && detail.includes(String(a.alerts.total)),
      `network: clicking ${f.src_zone} then ${f.src_asset} shows its name and alert count (${a.asset.name}, ${a.alerts.total})`);
  }
});

// --- Assets -----------------------------------------------------------------
await step('assets', async () => {
  await visit('assets');
  const assets = await apiAll('/api/v1/assets');
  same(await attr('#asset-count', 'data-shown'), assets.length, 'assets: every declared asset listed');
  const jewel = assets.find((a) => a.criticality === 'crown-jewel');
  result(!!jewel && (await text('#asset-table')).includes(jewel.name), `assets: crown jewel "${jewel && jewel.name}" in the table`);
  const zone = assets[0].zone;
  await page.selectOption('#filter-zone', zone);
  const inZone = await apiAll('/api/v1/assets?zone=' + encodeURIComponent(zone));
  same(await attr('#asset-count', 'data-shown'), inZone.length, `assets: zone filter ${zone}`);
  await page.selectOption('#filter-zone', '');
  await page.selectOption('#filter-state', 'mismatch').catch(() => {});
  const mism = assets.filter((a) => a.state === 'mismatch');
  same(await attr('#asset-count', 'data-shown'), mism.length, 'assets: state filter mismatch (declared against observed)');
  if (mism.length) result((await text('#asset-table')).includes(mism[0].id), `assets: mismatching ${mism[0].id} shown`);
});

// --- Vessels ----------------------------------------------------------------
await step('vessels', async () => {
  await visit('vessels');
  const vessels = await api('/api/v1/vessels');
  const list = Array.isArray(vessels) ? vessels : vessels.items;
  const withPos = list.filter((v) => Number.isFinite(v.lat));
  same(await count('#harbour g.vessel'), withPos.length, 'vessels: one marker per vessel with a position');
  const named = withPos.find((v) => v.shipname);
  const labels = await page.locator('#harbour text.vname').evaluateAll((els) => els.map((e) => e.textContent));
  result(!!named && labels.includes(named.shipname), `vessels: "${named && named.shipname}" is labelled on the map`);
  result(!!named && (await count(`#harbour g.vessel[data-mmsi="${named.mmsi}"]`)) === 1, `vessels: MMSI ${named && named.mmsi} has its marker`);
  const flagged = list.filter((v) => v.status === 'alert').length;
  same(await count('#harbour g.vessel.alert'), flagged, 'vessels: vessels with integrity alerts marked');
  result((await count('#harbour path.ais-alert')) > 0, 'vessels: AIS integrity alerts marked on the map');
  let withTrack = 0;
  for (const v of list.slice(0, 60)) {
    const t = await api(`/api/v1/vessels/${v.mmsi}/track`);
    if ((t.points || []).filter((p) => Number.isFinite(p.lat)).length > 1) withTrack++;
  }
  same(await count('#harbour polyline.track'), withTrack, 'vessels: one track line per vessel with stored positions');
  result(withTrack > 0, `vessels: the demo data has tracks (${withTrack})`);
});

// --- Alerts (with live arrival over SSE) ---------------------------------------
await step('alerts', async () => {
  await visit('alerts');
  await page.selectOption('#alert-limit', '20');
  await page.click('#alert-filters button[type=submit]');
  // The submit clears the table before the new page arrives: wait for the reload to finish, not for "few rows".
  const loaded = () => page.waitForFunction(() => document.getElementById('alert-results').dataset.state === 'ready');
  await loaded();
  const first = await api('/api/v1/alerts?limit=20');
  same(await count('#alert-table tbody tr'), first.items.length, 'alerts: first page rows');
  const rule0 = first.items[0].ecs.rule.id;
  same((await page.locator('#alert-table tbody tr:first-child td').nth(2).innerText()).trim(), rule0, 'alerts: newest alert first');
  result(!!first.next_cursor, 'alerts: the demo data fills more than one page of 20');
  if (first.next_cursor) {
    await page.click('#alert-next');
    await page.waitForFunction(() => document.querySelector('.pager').textContent.includes('page 2'));
    await loaded();
    const second = await api('/api/v1/alerts?limit=20&cursor=' + encodeURIComponent(first.next_cursor));
    same(await count('#alert-table tbody tr'), second.items.length, 'alerts: second page rows');
    await page.click('#alert-prev');
    await page.waitForFunction(() => document.querySelector('.pager').textContent.includes('page 1'));
  }
  await page.fill('#alert-rule', rule0);
  await page.click('#alert-filters button[type=submit]');
  // rule0 is an existing alert's rule, so the filtered table has rows: wait for them (an empty table while the
  // page reloads would pass an every() vacuously).
  await page.waitForFunction((r) => {
    const cells = [...document.querySelectorAll('#alert-table tbody tr td:nth-child(3)')];
    return cells.length > 0 && cells.every((td) => td.textContent === r);
  }, rule0);
  await loaded();
  const filtered = await api('/api/v1/alerts?limit=20&rule=' + encodeURIComponent(rule0));
  same(await count('#alert-table tbody tr'), filtered.items.length, `alerts: filtered by rule ${rule0}`);
  await page.fill('#alert-rule', '');
  await page.click('#alert-filters button[type=submit]');
  await loaded();   // a live row is only added to a table that is there
  await page.waitForFunction(() => /waiting|new alert/.test(document.getElementById('alert-live').textContent), null, { timeout: 15000 });
  if (process.env.LIVE_CMD) {
    const rc = await new Promise((resolve) => spawn('sh', ['-c', process.env.LIVE_CMD], { stdio: 'ignore' }).on('exit', resolve));
    result(rc === 0, 'alerts: new alerts stored while the page is open');
    await page.waitForSelector('#alert-table tr.new', { timeout: 20000 });
    const live = await text('#alert-live');
    result(/\d+ new alert/.test(live), `alerts: they arrive live over server-sent events (${live})`);
  }
});

// --- Incidents ----------------------------------------------------------------
await step('incidents', async () => {
  await visit('incidents');
  const list = await api('/api/v1/incidents');
  const rows = Array.isArray(list) ? list : list.items;
  same(await count('#incident-list tbody tr'), rows.length, 'incidents: one row per incident');
  result(rows.length > 0, `incidents: the demo data has incidents (${rows.length})`);
  if (!rows.length) return;
  await visit('incidents', '#/incidents/' + rows[0].id);
  const inc = await api('/api/v1/incidents/' + rows[0].id);
  result((await text('#incident-title')).includes(inc.title), `incidents: detail of #${inc.id} "${inc.title}"`);
  same(await count('#incident-timeline ol.timeline li'), (inc.timeline || []).length, 'incidents: timeline entries');
  same(await count('#incident-tasks tbody tr'), (inc.tasks || []).length, 'incidents: tasks');
  same(await count('#incident-clocks tbody tr'), (inc.clocks || []).length, 'incidents: regulatory clocks');
  same(await count('#incident-decisions tbody tr'), (inc.decisions || []).length, 'incidents: decisions');
  result((inc.tasks || []).length > 0 && (inc.clocks || []).length > 0 && (inc.decisions || []).length > 0,
    `incidents: the demo incident has tasks, clocks and a decision (${(inc.tasks || []).length}, ${(inc.clocks || []).length}, ${(inc.decisions || []).length})`);
  if ((inc.decisions || []).length) {
    const d = inc.decisions[0];
    result((await text('#incident-decisions')).includes(d.by || d.actor || ''), `incidents: decision by ${d.by || d.actor} shown`);
  }
  if (inc.playbook_detail) result((await text('#incident-playbook')).includes(inc.playbook_detail.title), `incidents: playbook "${inc.playbook_detail.title}" shown`);
  // An account not mapped to a person of the model is not offered the form.
  result(await count('#note-text') === 0 && /not mapped to a person/.test(await text('#note-form')),
    'incidents: an account without a person is told it cannot act');
  const me = await api('/api/v1/me');
  const mapTo = (who) => context.request.post(base + '/api/v1/users/admin/person', { headers: { 'X-CSRF-Token': me.csrf_token }, data: { person: who } });
  const refused = await mapTo('nobody-in-the-model');
  result(refused.status() === 400 && (await refused.json()).error.code === 'unknown_person',
    `incidents: mapping the account to someone outside the model is refused (HTTP ${refused.status()})`);
  same((await mapTo('cso')).status(), 200, 'incidents: the cso maps the admin account to person cso');
  await page.reload();
  await page.waitForFunction(() => { const v = document.getElementById('view'); return v && v.dataset.page === 'incidents' && v.dataset.state === 'ready'; }, null, { timeout: 30000 });
  same(await text('#note-by'), 'cso', 'incidents: the note form names the person the account acts as');
  // A note added on the page is a CSRF-protected POST; it comes back as a live event.
  await page.waitForFunction(() => /waiting|update/.test(document.getElementById('incident-live').textContent), null, { timeout: 15000 });
  const before = (inc.timeline || []).length;
  await page.fill('#note-text', 'Backups verified offline by the TOS team');
  await page.click('#note-form button[type=submit]');
  await page.waitForFunction((n) => document.querySelectorAll('#incident-timeline ol.timeline li').length > n, before, { timeout: 20000 });
  const after = await api('/api/v1/incidents/' + rows[0].id);
  same(await count('#incident-timeline ol.timeline li'), after.timeline.length, 'incidents: a note added on the page arrives live in the timeline');
  const last = after.timeline[after.timeline.length - 1];
  result(after.timeline.length === before + 1 && JSON.stringify(last).includes('Backups verified offline') && (last.actor || last.by) === 'cso',
    `incidents: the note is stored in the incident's timeline as person cso (${last.actor || last.by})`);
  result(/update/.test(await text('#incident-live')), `incidents: the page counted the live update (${await text('#incident-live')})`);
});

// --- Exposure and risks -------------------------------------------------------
await step('exposure', async () => {
  await visit('exposure');
  const [exp, assets] = await Promise.all([api('/api/v1/exposure'), apiAll('/api/v1/assets')]);
  const cams = new Set(assets.filter((a) => /camera|cctv/i.test(`${a.kind} ${a.zone}`)).map((a) => a.id));
  const cctv = exp.targets.flatMap((t) => t.paths).filter((p) => p.chain.some((n) => cams.has(n)));
  result(cctv.length > 0, `exposure: the API has attack paths through a camera (${cctv.length})`);
  const drawn = await count('svg.zones g.attack-path.cctv');
  result(drawn > 0, `exposure: the CCTV attack path is drawn (${drawn} paths)`);
  const steps = await count('svg.zones g.attack-path.cctv path.step');
  result(steps >= 2, `exposure: its steps are SVG paths (${steps})`);
  const best = cctv.sort((a, b) => b.likelihood - a.likelihood)[0];
  if (best) {
    const camera = best.chain.find((n) => cams.has(n));
    result(await count(`svg.zones g.pnode.camera[data-node="${camera}"]`) === 1, `exposure: camera ${camera} on the path is marked`);
    const target = exp.targets.find((t) => t.paths.includes(best));
    const want = ((target.choke_points || {}).assets || {}).items || [];
    const shownChokes = await text('#choke-points');
    result(want.every((c) => shownChokes.includes(c.id)), `exposure: choke points of ${target.asset} listed (${want.map((c) => c.id).join(', ') || 'none'})`);
    for (let i = 0; i + 1 < best.chain.length; i++) {
      const sel = `svg.zones g.attack-path.cctv path.step[data-from="${best.chain[i]}"][data-to="${best.chain[i + 1]}"]`;
      result(await count(sel) > 0, `exposure: CCTV step ${best.chain[i]} -> ${best.chain[i + 1]} drawn`);
    }
  }
  // The quality bar: a camera -> engineering workstation -> crane PLC path
  // (w1 + w7, or the observed camera-chain) is drawn, every step of it.
  const kindOf = new Map(assets.map((a) => [a.id, a.kind]));
  const viaEws = cctv.filter((p) => p.chain.some((n, i) => cams.has(n) && kindOf.get(p.chain[i + 1]) === 'eng-workstation' &&
    i + 2 === p.chain.length - 1 && kindOf.get(p.chain[i + 2]) === 'plc'));
  result(viaEws.length > 0, `exposure: the API has camera -> engineering workstation -> crane PLC paths (${viaEws.length})`);
  const groups = await page.locator('svg.zones g.attack-path.cctv').evaluateAll((gs) => gs.map((g) => ({
    entry: g.dataset.entry, target: g.dataset.target,
    steps: [...g.querySelectorAll('path.step')].map((e) => `${e.dataset.from}>${e.dataset.to}`) })));
  const drawnEws = viaEws.find((p) => groups.some((g) => g.entry === p.chain[0] &&
    g.target === p.chain[p.chain.length - 1] && p.chain.slice(1).every((n, i) => g.steps.includes(`${p.chain[i]}>${n}`))));
  result(!!drawnEws, `exposure: the CCTV -> engineering workstation -> crane PLC path is drawn (${drawnEws ? drawnEws.chain.join(' -> ') : 'none'})`);
  // And the one the model alone gives (no observed step): w7's SMB from the
  // crane camera to an engineering workstation, then engineering access.
  const isDrawn = (p) => groups.some((g) => g.entry === p.chain[0] && g.target === p.chain[p.chain.length - 1] &&
    p.chain.slice(1).every((n, i) => g.steps.includes(`${p.chain[i]}>${n}`)));
  const w7 = viaEws.filter((p) => p.steps.every((st) => !/^observed/.test(st.means)) &&
    p.steps.some((st) => st.conduit === 'w7-crane-t2-ews-smb' && st.means === 'remote-service') &&
    p.steps[p.steps.length - 1].means === 'ics-engineering');
  const drawnW7 = w7.find(isDrawn);
  result(!!drawnW7, `exposure: the w1 + w7 path camera -> engineering workstation (SMB) -> crane PLC is drawn (${drawnW7 ? drawnW7.chain.join(' -> ') : `none of ${w7.length}`})`);
  const risks = await api('/api/v1/risks');
  const inMatrix = await page.locator('#matrix-svg g.mcell').evaluateAll((els) => els.reduce((a, e) => a + Number(e.dataset.count), 0));
  same(inMatrix, risks.risks.filter((r) => r.residual).length, 'exposure: every risk placed in the 5x5 matrix');
  same(await count('#matrix-svg g.mcell'), 25, 'exposure: the matrix has 25 cells');
  const plan = await api('/api/v1/plan?budget=500000');
  same(await text('#plan-before'), money(plan.before.residual_loss.eal), 'exposure: plan EAL before');
  same(await text('#plan-after'), money(plan.after.residual_loss.eal), 'exposure: plan EAL after');
  same(await count('#plan-table tbody tr'), plan.controls.length, 'exposure: one plan row per control');
});

// --- Compliance, third parties, training -----------------------------------------
await step('compliance', async () => {
  await visit('compliance');
  const c = await api('/api/v1/compliance');
  const fws = Array.isArray(c) ? c : (c.frameworks || c.items);
  same(await count('#framework-table tbody tr'), fws.length, 'compliance: one row per framework');
  const id = fws[0].id || fws[0].framework;
  const fw = await api('/api/v1/compliance/' + encodeURIComponent(id));
  const reqs = fw.assessments ? fw.assessments[0].requirements : fw.requirements;
  same(await count('#requirement-table tbody tr'), reqs.length, `compliance: requirements of ${id}`);
  same(await count('#compliance-plan tbody tr'), (fw.plan || []).length, `compliance: plan rows of ${id}`);
  const citing = reqs.filter((r) => r.basis === 'live' && r.live && r.live.items.length);
  same(await count('#requirement-table details'), citing.length, `compliance: each ${id} requirement judged live lists what it cites`);
  const scores = await page.locator('#framework-table tbody tr td:nth-child(2)').allInnerTexts();
  same(scores[0], fws[0].score === null || fws[0].score === undefined ? '-' : `${fws[0].score}%`, `compliance: score of ${id}`);
  const shown = await text('#framework-detail');
  result(!/\bnull\b|\bundefined\b|NaN/.test(shown), `compliance: the ${id} detail prints no null, undefined or NaN`);
  result(fws.every((f) => (f.id || f.framework) !== 'cisa-cpg') && fws.some((f) => (f.id || f.framework) === 'cisa-cpg2'),
    'compliance: CPG 2.0 listed, the superseded CPG 1.0.1 not');
});
await step('thirdparties', async () => {
  await visit('thirdparties');
  const t = await api('/api/v1/thirdparties');
  const rows = Array.isArray(t) ? t : t.items;
  same(await count('#thirdparty-table tbody tr'), rows.length, 'third parties: one row per vendor');
  result((await text('#thirdparty-table')).includes(rows[0].name), `third parties: "${rows[0].name}" listed`);
});
await step('training', async () => {
  await visit('training');
  const t = await api('/api/v1/training');
  const rows = Array.isArray(t) ? t : t.items;
  same(await count('#training-table tbody tr'), rows.length, 'training: one row per person and course');
  const overdue = rows.filter((r) => r.state === 'overdue').length;
  same(await attr('#training-counts [data-state="overdue"]', 'data-value'), overdue, 'training: overdue count');
});

// --- Board report ----------------------------------------------------------------
// The report is framed in the page. Its key figures are checked against the
// cso's API: the top risk's residual EAL (/api/v1/risks, as the report
// prints money) and each framework's counts (/api/v1/compliance?at=now).
const reportMoney = (v) => Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(2) + 'M' : Math.abs(v) >= 1e3 ? (v / 1e3).toFixed(0) + 'k' : v.toFixed(0);
let boardOracle = null;
async function checkBoardFrame(p, who) {
  const frame = p.frameLocator('#board-frame');
  await frame.locator('h2').first().waitFor({ timeout: 30000 });
  const { top, comp } = boardOracle;
  const row = frame.locator('h2:has-text("Top risks") + table tr').nth(1);
  same(await row.locator('td b').first().innerText(), top.id, `board (${who}): the framed report's top risk`);
  same((await row.locator('td.n').nth(2).innerText()).trim(), reportMoney(top.residual_loss.eal), `board (${who}): its residual EAL`);
  const rows = await frame.locator('h2:has-text("Compliance") + table tr').evaluateAll((trs) => trs.slice(1).map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  const got = Object.fromEntries(rows.map((r) => [r[0], r.slice(2, 6).join('/')]));
  const want = Object.fromEntries(comp.map((f) => [f.name, [f.met, f.partial, f.not_met, f.unassessed].join('/')]));
  same(JSON.stringify(got), JSON.stringify(want), `board (${who}): met/partial/not met/unassessed of every framework`);
}
await step('board', async () => {
  await visit('board');
  const res = await context.request.get(base + '/api/v1/report/board');
  if (res.ok()) {
    result(await count('#board-link') === 1, 'board: link to the report on its own page');
    const csp = res.headers()['content-security-policy'] || '';
    result(/frame-ancestors 'self'/.test(csp) && res.headers()['x-frame-options'] === 'SAMEORIGIN',
      `board: the report may be framed by its own origin (${csp})`);
    const other = await context.request.get(base + '/api/v1/overview');
    result(/frame-ancestors 'none'/.test(other.headers()['content-security-policy'] || '') && other.headers()['x-frame-options'] === 'DENY',
      'board: every other response still refuses framing (the overview\'s headers)');
    const risks = await api('/api/v1/risks');
    const top = risks.risks.reduce((a, b) => (b.residual_loss.eal > a.residual_loss.eal ? b : a));
    boardOracle = { top, comp: (await api('/api/v1/compliance?at=now')).items };
    await checkBoardFrame(page, 'cso');
  } else {
    result(await count('#view p.empty') === 1, `board: honest empty state while the server has no report (HTTP ${res.status()})`);
  }
});

result(problems.length === 0, `no script errors or CSP violations in any page${problems.length ? ': ' + problems.slice(0, 3).join(' | ') : ''}`);
result(offsite.length === 0, `nothing loaded from outside the server${offsite.length ? ': ' + offsite.slice(0, 3).join(' ') : ''}`);

// Navigation by role: the pages each role sees are exactly those whose API
// routes the server lets that role read (x-roles in /api/openapi.json), and
// every page in its menu opens without a refusal.
const PAGE_ROUTES = {
  overview: ['/api/v1/overview'], network: ['/api/v1/zones', '/api/v1/conduits', '/api/v1/flows'], assets: ['/api/v1/assets'],
  vessels: ['/api/v1/vessels'], alerts: ['/api/v1/alerts'], incidents: ['/api/v1/incidents'], exposure: ['/api/v1/exposure'],
  compliance: ['/api/v1/compliance'], thirdparties: ['/api/v1/thirdparties'], training: ['/api/v1/training'], board: ['/api/v1/report/board'],
};
await step('roles', async () => {
  const doc = await api('/api/openapi.json');
  const csrf = (await api('/api/v1/me')).csrf_token;
  for (const role of ['pfso', 'ot-engineer', 'board']) {
    const name = 'ui-' + role.replace('-', '');
    const res = await context.request.post(base + '/api/v1/users', { headers: { 'X-CSRF-Token': csrf }, data: { username: name, role } });
    result(res.status() === 201, `roles: the cso creates a ${role} account`);
    if (res.status() !== 201) continue;
    const otp2 = (await res.json()).one_time_password;
    const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p2 = await ctx2.newPage();
    const errs = [];
    p2.on('pageerror', (e) => errs.push(e.message));
    await p2.goto(base + '/');
    await p2.fill('#login-user', name);
    await p2.fill('#login-pass', otp2);
    await p2.click('#login button[type=submit]');
    await p2.waitForSelector('#pwchange');
    await p2.fill('#new-pass', NEW_PASSWORD + role);
    await p2.fill('#new-pass2', NEW_PASSWORD + role);
    await p2.click('#pwchange button[type=submit]');
    await p2.waitForFunction(() => document.getElementById('view').dataset.state === 'ready', null, { timeout: 30000 });
    const may = (path) => {
      const op = doc.paths[path] && doc.paths[path].get;
      if (!op) return role !== 'board' || path === '/api/v1/report/board';
      return op['x-roles'].includes(role);
    };
    const want = Object.keys(PAGE_ROUTES).filter((id) => PAGE_ROUTES[id].every(may));
    const got = await p2.locator('#nav a').evaluateAll((els) => els.map((e) => e.dataset.page));
    same(got.join(','), want.join(','), `roles: a ${role} sees the pages its role may read`);
    const refused = [];
    for (const id of got) {
      await p2.goto(base + '/#/' + id);
      await p2.waitForFunction((w) => { const v = document.getElementById('view'); return v.dataset.page === w && v.dataset.state === 'ready'; }, id, { timeout: 30000 });
      if (/may not see|403/.test(await p2.locator('#view').innerText())) refused.push(id);
    }
    result(refused.length === 0, `roles: every page in the ${role}'s menu opens without a refusal${refused.length ? ' (refused: ' + refused.join(', ') + ')' : ''}`);
    const hidden = Object.keys(PAGE_ROUTES).find((id) => !got.includes(id));
    if (hidden) {
      await p2.goto(base + '/#/' + hidden);
      await p2.waitForFunction(() => document.getElementById('view').dataset.state === 'ready', null, { timeout: 30000 });
      result(await p2.evaluate(() => document.getElementById('view').dataset.page) !== hidden, `roles: a ${role} typing #/${hidden} is sent to a page it may see`);
    }
    await p2.screenshot({ path: path.join(artifacts, `role-${role}.png`), fullPage: true });
    if (role === 'board' && boardOracle) {
      try {
        await p2.goto(base + '/#/board');
        await p2.waitForFunction(() => { const v = document.getElementById('view'); return v.dataset.page === 'board' && v.dataset.state === 'ready'; }, null, { timeout: 30000 });
        await checkBoardFrame(p2, 'board role');
      } catch (e) { result(false, `board (board role): ${e.message.split('\n')[0]}`); }
    }
    result(errs.length === 0, `roles: no script errors as ${role}${errs.length ? ': ' + errs[0] : ''}`);
    await ctx2.close();
  }
});

// Logging out returns to the form and the session is gone.
await step('logout', async () => {
  await visit('overview');
  await page.click('#logout');
  await page.waitForSelector('#login');
  const res = await context.request.get(base + '/api/v1/me');
  same(res.status(), 401, 'after logout the session is refused');
});
await browser.close();
console.log(`SUMMARY ${failures} failed`);
