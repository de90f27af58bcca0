// app.js - the dashboard shell: the API client (session cookie + CSRF token),
// login and first-login password change, navigation by role and the hash
// router that loads one module per page from /static/pages/.
import { h, clear, empty } from './svg.js';

// Pages in nav order: id, title and the API routes the page cannot do
// without. The navigation shows a page when the caller's role may GET all of
// them, read from the x-roles of /api/openapi.json, which the server builds
// from the same route table it enforces; so the menu cannot promise a page
// the server would refuse. A route this server lacks does not hide the page:
// the page then says the data is missing.
export const PAGES = [
  { id: 'overview', title: 'Overview', needs: ['/api/v1/overview'] },
  { id: 'network', title: 'Network', needs: ['/api/v1/zones', '/api/v1/conduits', '/api/v1/flows'] },
  { id: 'assets', title: 'Assets', needs: ['/api/v1/assets'] },
  { id: 'vessels', title: 'Vessels', needs: ['/api/v1/vessels'] },
  { id: 'alerts', title: 'Alerts', needs: ['/api/v1/alerts'] },
  { id: 'incidents', title: 'Incidents', needs: ['/api/v1/incidents'] },
  { id: 'exposure', title: 'Exposure & risks', needs: ['/api/v1/exposure'] },
  { id: 'compliance', title: 'Compliance', needs: ['/api/v1/compliance'] },
  { id: 'thirdparties', title: 'Third parties', needs: ['/api/v1/thirdparties'] },
  { id: 'training', title: 'Training', needs: ['/api/v1/training'] },
  { id: 'board', title: 'Board report', needs: ['/api/v1/report/board'] },
];
let routeRoles = null;   // path -> roles allowed to GET it, from /api/openapi.json

// An API error with the server's JSON error code and message.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const session = { me: null, csrf: null };
let pageCleanup = null;   // closes the current page's event streams

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  const res = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = data && data.error ? data.error : { code: 'http_' + res.status, message: res.statusText };
    if (res.status === 401 && session.me && path !== '/api/v1/login') showLogin('Your session has ended; log in again.');
    throw new ApiError(res.status, e.code, e.message);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body === undefined ? {} : body),
  // The items of an unpaged list route (zones, conduits).
  async list(path) { return (await request('GET', path)).items || []; },
  // Every item of a paged list (items + next_cursor), up to max items.
  async all(path, max = 5000) {
    const out = [];
    let cursor = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await request('GET', path + sep + 'limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      out.push(...(page.items || []));
      cursor = page.next_cursor;
    } while (cursor && out.length < max);
    return out;
  },
  // Live events from a server-sent event stream; closed when the page changes.
  events(path, event, onData) {
    const src = new EventSource(path, { withCredentials: true });
    src.addEventListener(event, (ev) => {
      try { onData(JSON.parse(ev.data), ev); } catch (err) { console.error('bad event', err); }
    });
    const prev = pageCleanup;
    pageCleanup = () => { src.close(); if (prev) prev(); };
    return src;
  },
};

// A page section that says honestly why there is nothing to show.
export function failure(err, what) {
  if (err instanceof ApiError) {
    if (err.status === 404 && err.code !== 'not_found_item')
      return empty(`${what}: this server has no such data (${err.message}).`);
    if (err.status === 403) return empty(`${what}: your role may not see this.`);
    return empty(`${what}: the server answered ${err.status} ${err.code}: ${err.message}`);
  }
  return empty(`${what}: ${err.message || err}`);
}

export function role() { return session.me ? session.me.role : null; }
// The person of the port model this account acts as in incidents, or null.
export function person() { return session.me ? session.me.person || null : null; }

function mayRead(path) {
  const roles = routeRoles && routeRoles.get(path);
  if (!roles) return session.me.role !== 'board' || path === '/api/v1/report/board';
  return roles.length === 0 || roles.includes(session.me.role);
}

function allowedPages() {
  if (!session.me) return [];
  return PAGES.filter((p) => p.needs.every(mayRead));
}

async function loadRouteRoles() {
  try {
    const doc = await api.get('/api/openapi.json');
    routeRoles = new Map();
    for (const [path, ops] of Object.entries(doc.paths || {})) if (ops.get) routeRoles.set(path, ops.get['x-roles'] || []);
  } catch (e) {
    routeRoles = null;   // without the document the server still refuses what a role may not see
  }
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  clear(nav);
  for (const p of allowedPages()) {
    nav.append(h('a', { href: '#/' + p.id, class: p.id === current ? 'active' : '', 'data-page': p.id }, p.title));
  }
  const who = document.getElementById('who');
  clear(who);
  if (session.me) {
    const out = h('button', { type: 'button', id: 'logout' }, 'Log out');
    out.addEventListener('click', async () => {
      try { await api.post('/api/v1/logout'); } catch (e) { /* already gone */ }
      session.me = null; session.csrf = null;
      showLogin('Logged out.');
    });
    who.append(h('span', {}, `${session.me.username} (${session.me.role})`), out);
  }
}

function showLogin(message) {
  if (pageCleanup) { pageCleanup(); pageCleanup = null; }
  session.me = null;
  renderNav(null);
  const view = document.getElementById('view');
  clear(view);
  const user = h('input', { name: 'username', id: 'login-user', autocomplete: 'username', required: '' });
  const pass = h('input', { name: 'password', id: 'login-pass', type: 'password', autocomplete: 'current-password', required: '' });
  const note = h('p', { class: 'note', id: 'login-note' }, message || '');
  const form = h('form', { id: 'login', class: 'card narrow' },
    h('h1', {}, 'Log in to Seawall'),
    h('label', {}, 'User ', user), h('label', {}, 'Password ', pass),
    h('button', { type: 'submit' }, 'Log in'), note);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    note.textContent = '';
    try {
      const me = await api.post('/api/v1/login', { username: user.value, password: pass.value });
      session.me = me; session.csrf = me.csrf_token;
      if (me.must_change_password) return showPasswordChange(pass.value);
      route();
    } catch (e) {
      note.textContent = e.message;
    }
  });
  view.append(form);
  user.focus();
}

function showPasswordChange(current) {
  const view = document.getElementById('view');
  clear(view);
  renderNav(null);
  const next = h('input', { type: 'password', id: 'new-pass', autocomplete: 'new-password', required: '', minlength: '12' });
  const again = h('input', { type: 'password', id: 'new-pass2', autocomplete: 'new-password', required: '', minlength: '12' });
  const note = h('p', { class: 'note', id: 'pw-note' });
  const form = h('form', { id: 'pwchange', class: 'card narrow' },
    h('h1', {}, 'Choose your password'),
    h('p', {}, 'This account has a one-time password; set your own (at least 12 characters) to continue.'),
    h('label', {}, 'New password ', next), h('label', {}, 'Again ', again),
    h('button', { type: 'submit' }, 'Set password'), note);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (next.value !== again.value) { note.textContent = 'The two passwords differ.'; return; }
    try {
      const me = await api.post('/api/v1/me/password', { current_password: current, new_password: next.value });
      session.me = me; session.csrf = me.csrf_token || session.csrf;
      route();
    } catch (e) {
      note.textContent = e.message;
    }
  });
  view.append(form);
  next.focus();
}

async function route() {
  if (pageCleanup) { pageCleanup(); pageCleanup = null; }
  if (!session.me) return showLogin();
  if (session.me.must_change_password) return showPasswordChange('');
  const pages = allowedPages();
  const [, id = '', ...rest] = location.hash.replace(/^#/, '').split('/');
  const page = pages.find((p) => p.id === id) || pages[0];
  if (!page) {
    renderNav(null);
    const view = document.getElementById('view');
    clear(view);
    return view.append(empty('Your role has no pages in this dashboard.'));
  }
  if (page.id !== id) { location.hash = '#/' + page.id; return; }
  renderNav(page.id);
  const view = document.getElementById('view');
  clear(view);
  view.dataset.page = page.id;
  view.dataset.state = 'loading';
  view.append(h('h1', {}, page.title));
  try {
    const mod = await import(`./pages/${page.id}.js`);
    await mod.render(view, { api, args: rest.map(decodeURIComponent), role: session.me.role, pages: pages.map((p) => p.id) });
  } catch (e) {
    view.append(failure(e, page.title));
  }
  view.dataset.state = 'ready';
}

async function start() {
  window.addEventListener('hashchange', route);
  await loadRouteRoles();
  try {
    const me = await api.get('/api/v1/me');
    session.me = me; session.csrf = me.csrf_token;
  } catch (e) {
    return showLogin();
  }
  route();
}

start();
