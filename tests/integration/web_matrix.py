#!/usr/bin/env python3
# web_matrix.py - drives a running `seawall serve` for web_auth.sh: the
# authorisation matrix generated from /api/openapi.json's x-roles (every
# route x every role, no session, forged CSRF, API tokens), bad input, the
# audit log, login rate limiting and the live alert stream. Prints one
# "PASS desc" or "FAIL desc" line per assertion; web_auth.sh makes TAP.
import http.client, json, socket, sys, time

HOST, PORT, ADMIN_OTP = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ROLES = ["cso", "analyst", "ot-engineer", "pfso", "auditor", "board"]
results = []

def check(cond, desc):
    print(("PASS " if cond else "FAIL ") + desc, flush=True)
    results.append(bool(cond))

def req(method, path, body=None, cookie=None, csrf=None, bearer=None, ctype="application/json", raw=None, headers=None):
    c = http.client.HTTPConnection(HOST, PORT, timeout=30)
    h = dict(headers or {})
    if cookie: h["Cookie"] = cookie
    if csrf is not None: h["X-CSRF-Token"] = csrf
    if bearer: h["Authorization"] = "Bearer " + bearer
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None and ctype: h["Content-Type"] = ctype
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    payload = r.read()
    c.close()
    try:
        doc = json.loads(payload) if payload else None
    except ValueError:
        doc = None
    return r.status, doc, r

class Session:
    def __init__(self, user, pw):
        self.user, self.pw = user, pw
        st, doc, r = req("POST", "/api/v1/login", {"username": user, "password": pw})
        assert st == 200, (user, st, doc)
        self.cookie = r.getheader("Set-Cookie").split(";")[0]
        self.csrf = doc["csrf_token"]
        self.must_change = doc["must_change_password"]
        self.setcookie = r.getheader("Set-Cookie")

    def call(self, method, path, body=None, csrf=True, **kw):
        return req(method, path, body, cookie=self.cookie, csrf=self.csrf if csrf is True else csrf, **kw)

    def change_password(self, new):
        st, doc, _ = self.call("POST", "/api/v1/me/password", {"current_password": self.pw, "new_password": new})
        if st == 200: self.pw = new
        return st

# --- first login, password change gate ---------------------------------------
admin = Session("admin", ADMIN_OTP)
check(admin.must_change, "first admin login must change its one-time password")
check("HttpOnly" in admin.setcookie and "SameSite=Strict" in admin.setcookie and "Secure" not in admin.setcookie,
      "session cookie is HttpOnly, SameSite=Strict, not Secure without TLS: " + admin.setcookie)
st, doc, _ = admin.call("GET", "/api/v1/zones")
check(st == 403 and doc["error"]["code"] == "password_change_required", "routes refused before the password change")
check(admin.change_password("short") == 400, "a too short new password is refused")
check(admin.change_password("Admin-pass-2026!x") == 200, "admin changes the one-time password")
st, doc, _ = admin.call("GET", "/api/v1/zones")
check(st == 200 and len(doc["items"]) > 0, "zones readable after the change (%d zones)" % len(doc["items"] if doc else []))

# --- one user per role ---------------------------------------------------------
sessions = {"cso": admin}
for role in ROLES[1:] + ["cso"]:
    name = "u-" + role if role != "cso" else "cso2"
    st, doc, _ = admin.call("POST", "/api/v1/users", {"username": name, "role": role})
    check(st == 201 and len(doc["one_time_password"]) == 20, "cso creates %s (%s)" % (name, role))
    s = Session(name, doc["one_time_password"])
    check(s.change_password("Pass-for-%s-2026" % role) == 200, "%s changes its one-time password" % name)
    if role != "cso": sessions[role] = s
    # Incident changes are made by the account's person of the model.
    st, doc, _ = admin.call("POST", "/api/v1/users/%s/person" % name, {"person": "cso"})
    check(st == 200 and doc["person"] == "cso", "cso maps %s to person cso" % name)
st, doc, _ = admin.call("POST", "/api/v1/users", {"username": "u-analyst", "role": "analyst"})
check(st == 409, "a duplicate username is a 409 conflict")
admin.call("POST", "/api/v1/users", {"username": "victim", "role": "analyst"})

st, doc, _ = admin.call("POST", "/api/v1/users/admin/person", {"person": "cso"})
check(st == 200, "cso maps its own account (and so its API tokens) to person cso")
tokens = {}
for role in ROLES:
    st, doc, _ = admin.call("POST", "/api/v1/tokens", {"name": "machine-" + role, "role": role})
    check(st == 201 and doc["token"].startswith("swt_"), "cso creates an API token bound to %s" % role)
    tokens[role] = doc["token"]

# --- the matrix from the OpenAPI document ------------------------------------
st, spec, _ = req("GET", "/api/openapi.json")
check(st == 200 and spec["openapi"].startswith("3.1"), "the OpenAPI 3.1 document is served")
ops = [(m.upper(), p, op) for p, item in spec["paths"].items() for m, op in item.items()]
check(len(ops) >= 25, "the document lists %d operations" % len(ops))

def fresh_token():
    st, doc, _ = admin.call("POST", "/api/v1/tokens", {"name": "to-revoke", "role": "auditor"})
    return str(doc["id"])

# The capability routes act on real objects: an asset of the model, a
# person of the model who acts on incidents, and fresh incidents opened by
# hand (one each call, so every allowed role finds an open task and a
# state to move from).
st, doc, _ = admin.call("GET", "/api/v1/assets?limit=1")
ASSET = doc["items"][0]["id"] if st == 200 and doc["items"] else "none"
ACTOR = "cso"          # a person of examples/aurora with the cso role

def fresh_incident(playbook=None):
    body = {"title": "matrix", "severity": "low", "assets": [ASSET]}
    if playbook: body["playbook"] = playbook
    st, doc, _ = admin.call("POST", "/api/v1/incidents", body)
    return str(doc["id"]) if st == 201 else "0"

def concrete(method, path):
    """A request that succeeds for an allowed role: path variables and bodies."""
    body = None
    p = path.replace("/static/pages/{file}", "/static/pages/overview.js")
    p = p.replace("{username}", "victim").replace("{file}", "seawall.css")
    p = p.replace("{asset}", ASSET).replace("{mmsi}", "636019825").replace("{framework}", "nis2")
    p = p.replace("{drill}", "1")   # web_auth.sh runs one drill into the store
    if "{incident}" in p:
        p = p.replace("{incident}", fresh_incident("tos-ransomware" if path.endswith("/tasks") else None))
        body = {}
        if path.endswith("/tasks"): body["task"] = 1
        elif path.endswith("/decisions"): body.update(action="isolate", why="matrix")
        elif path.endswith("/notes"): body["text"] = "matrix"
        elif path.endswith("/state"): body["state"] = "analysing"
        if method == "GET": body = None
    if path == "/api/v1/incidents" and method == "POST":
        body = {"title": "matrix", "severity": "low", "assets": [ASSET]}
    if path == "/api/v1/plan": p += "?budget=100000"
    if "{id}" in p: p = p.replace("{id}", fresh_token())
    if path == "/api/v1/users" and method == "POST":
        concrete.n += 1
        body = {"username": "made-%d" % concrete.n, "role": "auditor"}
    elif path.endswith("/role"): body = {"role": "analyst"}
    elif path.endswith("/person"): body = {"person": ACTOR}
    elif path == "/api/v1/tokens" and method == "POST": body = {"name": "m", "role": "auditor"}
    return p, body
concrete.n = 0

SKIP_IN_LOOP = {("POST", "/api/v1/logout"), ("POST", "/api/v1/me/password"), ("POST", "/api/v1/login"),
                ("GET", "/api/v1/events/alerts"), ("GET", "/api/v1/events/incidents")}
for method, path, op in ops:
    allowed = set(op["x-roles"])
    public = op["x-public"]
    changes = op["x-changes-state"]
    if (method, path) in SKIP_IN_LOOP: continue
    p, body = concrete(method, path)
    st, doc, _ = req(method, p, body)
    want = (200, 201, 204) if public else (401,)
    check(st in want, "%s %s without a session -> %d (want %s)" % (method, path, st, want))
    if not public and doc: check(doc.get("error", {}).get("code") == "unauthenticated", "%s %s 401 is a JSON error" % (method, path))
    for role in ROLES:
        p, body = concrete(method, path)
        s = sessions[role]
        st, doc, _ = s.call(method, p, body)
        ok = public or role in allowed
        want = (200, 201, 204) if ok else (403,)
        check(st in want, "%s %s as %s -> %d (want %s)" % (method, path, role, st, want))
        if changes and not public:
            p, body = concrete(method, path)
            st2, doc2, _ = s.call(method, p, body, csrf="forged-" + s.csrf[:8])
            check(st2 == 403, "%s %s as %s with a forged CSRF token -> %d" % (method, path, role, st2))
            p, body = concrete(method, path)
            st3, _, _ = s.call(method, p, body, csrf=None)
            check(st3 == 403, "%s %s as %s without a CSRF token -> %d" % (method, path, role, st3))
        if not public:
            p, body = concrete(method, path)
            st4, _, _ = req(method, p, body, bearer=tokens[role])
            tok_ok = ok and not op["x-session-only"]
            check(st4 in ((200, 201, 204) if tok_ok else (403,)),
                  "%s %s with a %s API token -> %d" % (method, path, role, st4))
    # the enable route after disable: keep the victim usable for the next rows
    admin.call("POST", "/api/v1/users/victim/enable")

# --- the board report: the board role's one route -------------------------------
c = http.client.HTTPConnection(HOST, PORT, timeout=60)
c.request("GET", "/api/v1/report/board?period=120d", headers={"Cookie": sessions["board"].cookie})
r = c.getresponse(); html = r.read().decode("utf-8", "replace"); c.close()
check(r.status == 200 and r.getheader("Content-Type", "").startswith("text/html") and "Risk posture and trend" in html
      and "<script" not in html, "the board role reads the board report as self-contained HTML (%d)" % r.status)
check(sessions["board"].call("GET", "/api/v1/report/board?period=banana")[0] == 400, "a bad report period is a 400")
check(sessions["board"].call("GET", "/api/v1/report/board?at=2026-13-40")[0] == 400, "a bad report date is a 400")
check(sessions["analyst"].call("GET", "/api/v1/report/board")[0] == 403, "the analyst role cannot read the board report")

# --- tokens: revoked and bogus tokens stop working ------------------------------
st, doc, _ = admin.call("POST", "/api/v1/tokens", {"name": "short-lived", "role": "analyst"})
tid, secret = doc["id"], doc["token"]
check(req("GET", "/api/v1/zones", bearer=secret)[0] == 200, "a fresh analyst token reads zones")
check(admin.call("DELETE", "/api/v1/tokens/%d" % tid)[0] == 204, "cso revokes it")
check(req("GET", "/api/v1/zones", bearer=secret)[0] == 401, "a revoked token is refused (401)")
check(req("GET", "/api/v1/zones", bearer="swt_" + "A" * 43)[0] == 401, "an unknown token is refused (401)")
check(admin.call("DELETE", "/api/v1/tokens/%d" % tid)[0] == 404, "revoking twice is 404")
st, doc, _ = admin.call("GET", "/api/v1/tokens")
check(st == 200 and all("token" not in t and "hash" not in json.dumps(t) for t in doc["items"]),
      "token listings never show secrets or hashes")

# --- roles and disabling take effect at once ---------------------------------------
v = Session("victim", admin.call("POST", "/api/v1/users/victim/password-reset")[1]["one_time_password"])
v.change_password("Victim-pass-2026")
check(v.call("GET", "/api/v1/zones")[0] == 200, "victim (analyst) reads zones")
admin.call("POST", "/api/v1/users/victim/role", {"role": "board"})
check(v.call("GET", "/api/v1/zones")[0] == 403, "after the role change to board, the same session gets 403")
admin.call("POST", "/api/v1/users/victim/disable")
check(v.call("GET", "/api/v1/me")[0] == 401, "a disabled user's session ends (401)")
check(req("POST", "/api/v1/login", {"username": "victim", "password": "Victim-pass-2026"})[0] == 401,
      "a disabled user cannot log in")
st, doc, _ = admin.call("POST", "/api/v1/users/admin/disable")
check(st == 409 or st == 200, "disabling a cso while another exists is allowed or refused cleanly (%d)" % st)
if st == 200: admin = None
cso2 = Session("cso2", "Pass-for-cso-2026")
st, doc, _ = cso2.call("POST", "/api/v1/users/cso2/role", {"role": "analyst"})
check(st == 409 and doc["error"]["code"] == "last_cso", "the last enabled cso cannot be demoted (409)")
if admin is None:
    cso2.call("POST", "/api/v1/users/admin/enable")
    admin = Session("admin", "Admin-pass-2026!x")
    sessions["cso"] = admin

# --- bad input: 4xx JSON, never 5xx ---------------------------------------------------
def bad(method, path, desc, want=None, **kw):
    s = kw.pop("as_", admin)
    if s is None:
        st, doc, _ = req(method, path, **kw)
    else:
        st, doc, _ = s.call(method, path, **kw)
    okc = (st in want) if want else (400 <= st < 500)
    check(okc and doc is not None and "code" in doc.get("error", {}), "%s -> %d JSON error" % (desc, st))

bad("POST", "/api/v1/users", "malformed JSON", (400,), raw=b'{"username": "x", ')
bad("POST", "/api/v1/users", "a JSON array body", (400,), raw=b'[1,2,3]')
bad("POST", "/api/v1/users", "duplicate JSON keys", (400,), raw=b'{"username":"a","username":"b","role":"cso"}')
bad("POST", "/api/v1/users", "a number where a string belongs", (400,), body={"username": 5, "role": "cso"})
bad("POST", "/api/v1/users", "an unknown role", (400,), body={"username": "zed", "role": "root"})
bad("POST", "/api/v1/users", "a username with SQL in it", (400,), body={"username": "x'; DROP TABLE web_users;--", "role": "cso"})
bad("POST", "/api/v1/users", "an empty body", (400,), raw=b'')
bad("POST", "/api/v1/users", "a text/plain body", (415,), raw=b'{"username":"t","role":"cso"}', ctype="text/plain")
bad("POST", "/api/v1/users", "a 70 KiB body", (413,), raw=b'{"a":"' + b'x' * 70000 + b'"}')
bad("POST", "/api/v1/login", "malformed login JSON", (400,), as_=None, raw=b'{"username":')
bad("POST", "/api/v1/login", "an oversized login body", (413,), as_=None, raw=b'x' * (65 * 1024 + 1))
for q in ["limit=0", "limit=abc", "limit=100000", "limit=-5", "cursor=-1", "cursor=x", "severity=bogus",
          "since=yesterday", "bogus=1", "limit=1&limit=2", "rule=" + "x" * 200, "%zz=1"]:
    bad("GET", "/api/v1/alerts?" + q, "alerts?" + q, (400,))
bad("GET", "/api/v1/hosts?state=sideways", "hosts?state=sideways", (400,))
bad("GET", "/api/v1/flows?violations=maybe", "flows?violations=maybe", (400,))
bad("GET", "/api/v1/assets?domain=space", "assets?domain=space", (400,))
for p in ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/api/v1/%2e%2e/v1/users",
          "/static/..%2f..%2fetc%2fpasswd", "/api//v1/users", "/api/v1/users/", "/static/%00",
          "/static/.%2e/x", "/api/v1/./zones"]:
    bad("GET", p, "path traversal " + p, (400, 404))
bad("GET", "/nope", "an unknown path", (404,))
bad("PUT", "/api/v1/zones", "a method the route does not have", (405,))
bad("GET", "/api/v1/users/nobody%27%20OR%20%271%27=%271/role", "an unknown method+path mix", (404, 405))
bad("POST", "/api/v1/users/nobody'--/disable", "a username with SQL in the path", (404,))
# Query parameters are checked in dispatch against the route table's types:
# a bad value is 400 bad_parameter with a message that starts with its name.
def bad_param(path, name, desc):
    st, doc, _ = admin.call("GET", path)
    msg = (doc or {}).get("error", {}).get("message", "")
    check(st == 400 and doc["error"]["code"] == "bad_parameter" and msg.startswith(name),
          "%s: %s -> %d %r" % (desc, path, st, msg[:90]))

def good(path, desc):
    st, doc, _ = admin.call("GET", path)
    check(st == 200 and doc is not None and "items" in doc, "%s: %s -> %d" % (desc, path, st))

for q, name in [("rule=%27%20OR%201=1--", "rule"), ("zone=x%22;%20DROP%20TABLE%20alerts;--", "zone"),
                ("asset=%25", "asset"), ("severity=high%27--", "severity"), ("rule=a%20b", "rule"),
                ("rule=" + "r" * 129, "rule"), ("rule=", "rule"), ("zone=crane%2Ft1", "zone"),
                ("severity=HIGH", "severity"), ("severity=", "severity"), ("since=2026-13-01T00:00:00Z", "since"),
                ("since=-2h", "since"), ("since=1e9", "since"), ("since=2h%27--", "since"), ("limit=1001", "limit"),
                ("limit=%2B5", "limit"), ("limit=99999999999999999999", "limit"), ("limit=1.5", "limit"),
                ("cursor=1.2.3", "cursor"), ("cursor=abc", "cursor"), ("cursor=" + "9" * 65, "cursor"),
                ("cursor=5", "cursor"), ("Rule=x", "unknown query parameter 'Rule'"),
                ("bogus=1", "unknown query parameter 'bogus'")]:
    bad_param("/api/v1/alerts?" + q, name, "alerts parameter")
bad_param("/api/v1/flows?violations=TRUE", "violations", "boolean")
bad_param("/api/v1/flows?violations", "violations", "boolean without a value")
bad_param("/api/v1/hosts?state=matched%27%20OR%201=1--", "state", "enum")
bad_param("/api/v1/assets?criticality=crown_jewel", "criticality", "enum")
bad_param("/api/v1/assets?zone=%3Cscript%3E", "zone", "id")
bad_param("/api/v1/intel?source=%FF%FE", "source", "text that is not UTF-8")
bad_param("/api/v1/intel?source=" + "s" * 129, "source", "text too long")
good("/api/v1/alerts?rule=SW-SEG-SERVICE&severity=high&since=2h&zone=crane-t1&asset=sts-t1-01-plc&limit=1000",
     "every alert filter well formed")
good("/api/v1/alerts?rule=" + "r" * 47, "a 47-byte identifier (the longest a port model may declare)")
bad_param("/api/v1/alerts?asset=" + "a" * 48, "asset", "an identifier one byte too long")
good("/api/v1/alerts?since=2026-11-28T09:00:00Z&limit=05", "an RFC 3339 since and a zero-padded limit")
good("/api/v1/flows?violations=false", "a boolean")
good("/api/v1/intel?source=Hafen%C3%A4mter%20%27%20OR%201=1--", "free text may hold quotes and UTF-8")

# Every query parameter of every GET route in the OpenAPI document, given SQL
# metacharacters: 400 naming it, or for free text an answer with no rows.
st, api, _ = req("GET", "/api/openapi.json")
probed = 0
for path, item in api["paths"].items():
    op = item.get("get")
    if not op or "{" in path or "events" in path:
        continue
    for prm in op.get("parameters", []):
        if prm["in"] != "query": continue
        probed += 1
        name = prm["name"]
        st, doc, _ = admin.call("GET", path + "?" + name + "=x%27%20OR%20%271%27=%271--%3B")
        msg = (doc or {}).get("error", {}).get("message", "")
        free = prm["schema"].get("type") == "string" and "pattern" not in prm["schema"] and "enum" not in prm["schema"] \
            and "format" not in prm["schema"] and "x-format" not in prm["schema"]
        okc = (st == 400 and msg.startswith(name)) or (free and st == 200 and doc.get("items", []) == [])
        check(okc and st < 500, "SQL metacharacters in %s?%s -> %d %s" % (path, name, st, msg[:60]))
check(probed >= 15, "SQL metacharacters tried on %d documented query parameters" % probed)
st, doc, _ = admin.call("GET", "/api/v1/users")
check(st == 200 and len(doc["items"]) >= 8, "users table intact after the SQL attempts (%d users)" % len(doc["items"]))
# a raw, broken request line on a socket: the server answers or closes, and keeps serving
s = socket.create_connection((HOST, PORT), timeout=10)
s.sendall(b"GARBAGE /\x00\x01 HTTP/9.9\r\nHost: x\r\n\r\n")
try: s.recv(1024)
except OSError: pass
s.close()
long_target = "/api/v1/alerts?rule=" + "a" * 3000
st, doc, _ = admin.call("GET", long_target)
check(st in (400, 414) and doc is not None, "a 3000-byte request target -> %d" % st)
check(req("GET", "/api/openapi.json")[0] == 200, "the server still serves after the bad input")

# --- pagination over alerts -------------------------------------------------------
st, doc, _ = admin.call("GET", "/api/v1/alerts?limit=1000")
total = len(doc["items"])
seen, cursor, pages = [], None, 0
while pages < 200:
    st, d, _ = admin.call("GET", "/api/v1/alerts?limit=7" + ("&cursor=" + cursor if cursor else ""))
    seen += [(a["ecs"]["@timestamp"], a["id"]) for a in d["items"]]
    pages += 1
    cursor = d["next_cursor"]
    if not cursor: break
check(len(seen) == total and len(set(seen)) == total and seen == sorted(seen, reverse=True),
      "paging alerts 7 at a time visits all %d once, newest first by (@timestamp, id)" % total)
first = admin.call("GET", "/api/v1/alerts?limit=1000")[1]["items"]
check([(a["ecs"]["@timestamp"], a["id"]) for a in first] == seen, "the pages join into the one-page listing")
rule = first[0]["ecs"]["rule"]["id"] if first else "none"
st, doc, _ = admin.call("GET", "/api/v1/alerts?limit=1000&rule=" + rule)
check(st == 200 and doc["items"] and all(a["ecs"]["rule"]["id"] == rule for a in doc["items"])
      and len(doc["items"]) == sum(a["ecs"]["rule"]["id"] == rule for a in first), "the rule filter keeps exactly its rule's alerts")
rank = {"low": 0, "medium": 1, "high": 2, "critical": 3}
for sev in rank:
    st, doc, _ = admin.call("GET", "/api/v1/alerts?limit=1000&severity=" + sev)
    want = [a["id"] for a in first if rank[a["ecs"]["seawall"]["severity"]] >= rank[sev]]
    check(st == 200 and [a["id"] for a in doc["items"]] == want, "severity=%s keeps %s or worse (%d)" % (sev, sev, len(want)))
zones_of = lambda a: a["ecs"].get("seawall", {}).get("zone", {})
zone = next((zones_of(a)["dst"] for a in first if zones_of(a).get("dst")), "none")
st, doc, _ = admin.call("GET", "/api/v1/alerts?limit=1000&severity=high&zone=" + zone)
want = [a["id"] for a in first if rank[a["ecs"]["seawall"]["severity"]] >= 2
        and zone in (zones_of(a).get("src"), zones_of(a).get("dst"))]
check(st == 200 and [a["id"] for a in doc["items"]] == want, "severity=high&zone=%s: either side, once each (%d)" % (zone, len(want)))

# --- audit log ------------------------------------------------------------------------
aud = sessions["auditor"]
st, doc, _ = aud.call("GET", "/api/v1/audit?limit=1000")
check(st == 200, "auditor reads the audit log")
actions = {}
for row in doc["items"]:
    actions.setdefault(row["action"], []).append(row)
for a in ["user.bootstrap", "login", "password.change", "user.create", "user.role", "user.disable", "user.enable",
          "user.password_reset", "token.create", "token.revoke"]:
    check(a in actions, "audit log has %s rows (%d)" % (a, len(actions.get(a, []))))
check(all(r["source"] == "127.0.0.1" and r["actor"] for r in actions.get("user.create", [])),
      "user.create rows say who and from where")
creates = [r["target"] for r in actions.get("user.create", [])]
check(all(("u-" + r) in creates for r in ROLES[1:]), "one user.create row per created user")
check(any(r["outcome"] == "disabled" and r["target"] == "victim" for r in actions.get("login", [])),
      "a refused login of a disabled account is audited")
check(sessions["analyst"].call("GET", "/api/v1/audit")[0] == 403, "an analyst may not read the audit log")

# --- logout, for every role ------------------------------------------------------------
for role in ROLES:
    s = sessions[role]
    st, _, r = s.call("POST", "/api/v1/logout", csrf="forged")
    check(st == 403, "logout as %s with a forged CSRF token -> 403" % role)
    st, _, r = s.call("POST", "/api/v1/logout")
    check(st == 204 and "Max-Age=0" in (r.getheader("Set-Cookie") or ""), "logout as %s -> 204, cookie cleared" % role)
    check(s.call("GET", "/api/v1/me")[0] == 401, "after logout the %s session is gone" % role)
st, doc, _ = aud.call("GET", "/api/v1/audit")
check(st == 401, "a logged-out session cannot read the audit log")
aud2 = Session("u-auditor", "Pass-for-auditor-2026")
st, doc, _ = aud2.call("GET", "/api/v1/audit?limit=50")
check(st == 200 and any(r["action"] == "logout" for r in doc["items"]), "logouts are audited")

# --- login rate limiting ------------------------------------------------------------------
codes = [req("POST", "/api/v1/login", {"username": "u-pfso", "password": "wrong-%d-password" % i})[0] for i in range(6)]
check(codes[:5] == [401] * 5 and codes[5] == 429, "5 wrong passwords, then 429: %s" % codes)
st, doc, r = req("POST", "/api/v1/login", {"username": "u-pfso", "password": "Pass-for-pfso-2026"})
check(st == 429 and int(r.getheader("Retry-After") or 0) > 0, "even the right password waits (Retry-After %s)" % r.getheader("Retry-After"))
check(req("POST", "/api/v1/login", {"username": "U-PFSO", "password": "x" * 12})[0] == 429,
      "the account limit ignores username case")
st, doc, _ = aud2.call("GET", "/api/v1/audit?limit=20")
check(any(r["outcome"] == "rate_limited" for r in doc["items"]), "rate-limited logins are audited")
check(sum(r["outcome"] == "bad_credentials" and r["target"] == "u-pfso" for r in doc["items"]) == 5,
      "each wrong password is audited as bad_credentials")

print("SESSION %s %s" % (aud2.cookie, aud2.csrf), flush=True)
sys.exit(0 if all(results) else 1)
