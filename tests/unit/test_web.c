/* test_web.c - the web server's pure and store-backed parts without
 * sockets: request targets, cookies, the route table's invariants, the
 * authorisation of every route for every role (session and token), CSRF,
 * the password-change gate, session expiry, passwords and the rate limiter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "model/model_id.h"
#include "store/store_auth.h"
#include "tmpdb.h"
#include "web/web.h"
#include "web/web_auth.h"
#include "web/web_app.h"

static web_target T;

static sw_code parse(const char *uri)
{
    sw_error err = { 0 };
    return web_parse_target(uri, strlen(uri), &T, &err);
}

static void test_targets(void **state)
{
    assert_int_equal(parse("/api/v1/alerts?limit=10&rule=SW%2DSEG&q=a+b&empty"), SW_OK);
    assert_string_equal(T.path, "/api/v1/alerts");
    assert_int_equal(T.nseg, 3);
    assert_string_equal(web_param(&T, "limit"), "10");
    assert_string_equal(web_param(&T, "rule"), "SW-SEG");
    assert_string_equal(web_param(&T, "q"), "a b");
    assert_string_equal(web_param(&T, "empty"), "");
    assert_null(web_param(&T, "nope"));
    assert_int_equal(parse("/"), SW_OK);
    assert_int_equal(T.nseg, 0);
    /* traversal, plain and encoded, and other malformed targets */
    const char *bad[] = { "/static/../x", "/static/%2e%2e/x", "/static/.%2E/x", "/a/./b", "/a//b", "/a/",
                          "/a%2fb", "/a%5cb", "/a%00", "/a%zz", "/a%2", "relative", "", "/a?x=1&x=2",
                          "/a?=v", "/a\x01", "/a?b=%00" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (parse(bad[i]) == SW_OK) fail_msg("accepted '%s'", bad[i]);
    }
    char longer[WEB_URI_MAX + 10];
    memset(longer, 'a', sizeof longer - 1);
    longer[0] = '/';
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(parse(longer), SW_ERR_LIMIT);
}

static void test_cookies_and_bearer(void **state)
{
    char v[64];
    assert_true(web_cookie_get("a=1; sw_session=abc-_9; b=2", "sw_session", v, sizeof v));
    assert_string_equal(v, "abc-_9");
    assert_true(web_cookie_get("sw_session=\"q\"", "sw_session", v, sizeof v));
    assert_string_equal(v, "q");
    assert_false(web_cookie_get("xsw_session=abc", "sw_session", v, sizeof v));
    assert_false(web_cookie_get("sw_session=", "sw_session", v, sizeof v));
    assert_false(web_cookie_get("sw_session=a b", "sw_session", v, sizeof v));
    assert_false(web_cookie_get("sw_session=0123456789", "sw_session", v, 5));
    assert_false(web_cookie_get(NULL, "sw_session", v, sizeof v));
    assert_string_equal(web_bearer("Bearer swt_x"), "swt_x");
    assert_string_equal(web_bearer("bearer   swt_y"), "swt_y");
    assert_null(web_bearer("Basic abc"));
    assert_null(web_bearer("Bearer "));
}

static void test_json_bodies(void **state)
{
    sw_error err = { 0 };
    const char *s;
    assert_null(web_parse_json_object("[1]", 3, &err));
    assert_null(web_parse_json_object("{\"a\":1,\"a\":2}", 13, &err));
    assert_null(web_parse_json_object("{\"a\":", 5, &err));
    assert_null(web_parse_json_object("", 0, &err));
    static const char nul[] = "{\"z\":\"a\\u0000b\"}";   /* an escaped NUL inside a string */
    assert_null(web_parse_json_object(nul, strlen(nul), &err));
    static const char good[] = "{\"u\":\"ana\",\"n\":5,\"e\":\"\"}";
    json_t *o = web_parse_json_object(good, strlen(good), &err);
    assert_non_null(o);
    assert_int_equal(web_json_string(o, "u", 8, true, &s, &err), SW_OK);
    assert_string_equal(s, "ana");
    assert_int_equal(web_json_string(o, "u", 2, true, &s, &err), SW_ERR_INVALID);
    assert_int_equal(web_json_string(o, "n", 8, true, &s, &err), SW_ERR_INVALID);
    assert_int_equal(web_json_string(o, "e", 8, true, &s, &err), SW_ERR_INVALID);
    assert_int_equal(web_json_string(o, "missing", 8, true, &s, &err), SW_ERR_INVALID);
    assert_int_equal(web_json_string(o, "missing", 8, false, &s, &err), SW_OK);
    assert_null(s);
    json_decref(o);
}

/* The table is the policy: check what must hold of every line. */
static void test_route_table(void **state)
{
    size_t public_routes = 0;
    for (size_t i = 0; i < web_n_routes; i++) {
        const web_route *r = &web_routes[i];
        assert_non_null(r->fn);
        assert_true(r->roles != 0);
        assert_true(r->ok_status == 200 || r->ok_status == 201 || r->ok_status == 204);
        if (r->roles & WEB_PUBLIC) {
            public_routes++;
            /* only the login may change state without a session */
            if (r->changes_state) assert_string_equal(r->pattern, "/api/v1/login");
        }
        if (strcmp(r->method, "GET") != 0) assert_true(r->changes_state);
        if (!strncmp(r->pattern, "/api/v1/users", 13) || !strncmp(r->pattern, "/api/v1/tokens", 14))
            assert_int_equal(r->roles, WEB_R(WEB_ROLE_CSO));
        for (size_t j = 0; j < i; j++)
            if (!strcmp(web_routes[j].method, r->method) && !strcmp(web_routes[j].pattern, r->pattern))
                fail_msg("%s %s twice", r->method, r->pattern);
        /* board reads reports and the overview only, besides its own session */
        if ((r->roles & WEB_R(WEB_ROLE_BOARD)) && !(r->roles & WEB_PUBLIC))
            assert_true(!strncmp(r->pattern, "/api/v1/me", 10) || !strcmp(r->pattern, "/api/v1/logout") ||
                        !strcmp(r->pattern, "/api/v1/overview") || (!strncmp(r->pattern, "/api/v1/report/", 15) && !r->changes_state));
    }
    assert_int_equal(public_routes, 5);   /* /, /static/{file}, /static/pages/{file}, openapi, login */
    const web_route *r;
    const char *var = NULL;
    assert_int_equal(parse("/api/v1/users/ana/role"), SW_OK);
    assert_int_equal(web_route_find("POST", &T, &r, &var), WEB_MATCH_OK);
    assert_string_equal(r->pattern, "/api/v1/users/{username}/role");
    assert_string_equal(var, "ana");
    assert_int_equal(web_route_find("GET", &T, &r, &var), WEB_MATCH_NO_METHOD);
    assert_int_equal(parse("/api/v1/users/ana/role/x"), SW_OK);
    assert_int_equal(web_route_find("POST", &T, &r, &var), WEB_MATCH_NO_PATH);
    assert_int_equal(parse("/api/v1/zones"), SW_OK);
    assert_int_equal(web_route_find("HEAD", &T, &r, &var), WEB_MATCH_OK);
}

/* Every query parameter spec in the table has a known type, and the check
 * dispatch runs accepts and refuses by type, naming the parameter. */
static void test_param_specs(void **state)
{
    for (size_t i = 0; i < web_n_routes; i++) {
        web_param_spec s;
        for (const char *pos = web_routes[i].params; web_param_spec_next(&pos, &s);) {
            if (s.kind == WEB_P__UNKNOWN) fail_msg("%s %s: bad parameter spec near '%.40s'", web_routes[i].method,
                                                   web_routes[i].pattern, s.name);
            assert_true(s.name_len > 0 && s.desc_len > 0);
        }
    }
    const char *spec = "rule:id:r|sev:enum=low,high:s|n:integer=1..1000:n|b:boolean:b|t:time:t|d:datetime:d|"
                       "cursor:cursor:c|q:text:q|ids:ids:i|num:number=-5..10:n|day:date:d|at:datetime=now,latest:a";
    static const struct { const char *uri; bool ok; const char *msg; } cases[] = {
        { "/x?rule=SW-SEG-SERVICE&sev=high&n=1000&b=false&t=2h&d=2026-11-28T09:00:00Z&cursor=1.2&q=a%27b", true, "" },
        { "/x?rule=%27%20OR%201=1--", false, "rule must be an identifier" },
        { "/x?rule=", false, "rule must be" },
        { "/x?sev=lo", false, "sev must be one of low, high" },
        { "/x?sev=low,high", false, "sev must be one of" },
        { "/x?n=0", false, "n must be a whole number from 1 to 1000" },
        { "/x?n=1001", false, "n must be" },
        { "/x?n=-", false, "n must be" },
        { "/x?n=99999999999999999999", false, "n must be" },
        { "/x?b=1", false, "b must be true or false" },
        { "/x?t=2026-11-28", false, "t must be an RFC 3339 time" },
        { "/x?d=2h", false, "d must be an RFC 3339 time" },
        { "/x?cursor=1;2", false, "cursor must be" },
        { "/x?q=%C0%80", false, "q must be 1 to 128 bytes of UTF-8" },
        { "/x?q=%ED%A0%80", false, "q must be" },
        { "/x?other=1", false, "unknown query parameter 'other'" },
        { "/x?ids=a,b-1,c.d&num=2.5&day=2028-02-29&at=latest", true, "" },
        { "/x?at=2026-11-28T09:00:00Z&num=-3&ids=one", true, "" },
        { "/x?ids=a,,b", false, "ids must be 1 to 64 identifiers" },
        { "/x?ids=a,b%27", false, "ids must be" },
        { "/x?ids=a,", false, "ids must be" },
        { "/x?num=inf", false, "num must be a number from -5 to 10" },
        { "/x?num=nan", false, "num must be" },
        { "/x?num=0x5", false, "num must be" },
        { "/x?num=11", false, "num must be" },
        { "/x?day=2027-02-29", false, "day must be a day as YYYY-MM-DD" },
        { "/x?day=2026-1-01", false, "day must be" },
        { "/x?at=soon", false, "at must be an RFC 3339 time (2026-11-28T09:00:00Z), or now,latest" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[300] = "";
        assert_int_equal(parse(cases[i].uri), SW_OK);
        bool ok = web_params_check(spec, &T, msg, sizeof msg);
        if (ok != cases[i].ok || strncmp(msg, cases[i].msg, strlen(cases[i].msg)))
            fail_msg("%s: %s '%s'", cases[i].uri, ok ? "accepted" : "refused", msg);
    }
    /* An id parameter follows the port model's id rule (model_id.h) to the byte. */
    for (int extra = 0; extra <= 1; extra++) {
        char uri[16 + MODEL_ID_MAX + 2], msg[300] = "";
        int n = snprintf(uri, sizeof uri, "/x?rule=");
        memset(uri + n, 'a', MODEL_ID_MAX + extra);
        uri[n + MODEL_ID_MAX + extra] = '\0';
        assert_int_equal(parse(uri), SW_OK);
        assert_int_equal(web_params_check(spec, &T, msg, sizeof msg), extra == 0);
        if (extra) assert_string_equal(msg, "rule must be an identifier: 1 to 47 letters, digits, '.', '_', ':' or '-'");
    }
}

static int made;
static bool make_counter(web_call *c, json_writer *w)
{
    made++;
    if (c->now < 0) return false;
    jw_int(w, made);
    return true;
}

/* The overview's analysis cache: made once per WEB_CACHE_TTL_US, a failed
 * first make serves nothing, a failed refresh is retried next time. */
static void test_cache(void **state)
{
    web_cached e;
    web_cached_init(&e);
    web_call c;
    memset(&c, 0, sizeof c);
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    int64_t at = 0;
    made = 0;
    c.now = -1;
    jw_init(&w, &sb);
    assert_false(web_cached_json(&c, &e, make_counter, &w, &at));
    c.now = 1000;
    assert_true(web_cached_json(&c, &e, make_counter, &w, &at));
    assert_int_equal(at, 1000);
    c.now = 1000 + WEB_CACHE_TTL_US - 1;
    assert_true(web_cached_json(&c, &e, make_counter, &w, &at));
    assert_int_equal(made, 2);
    assert_int_equal(at, 1000);
    c.now = 1000 + WEB_CACHE_TTL_US;
    assert_true(web_cached_json(&c, &e, make_counter, &w, &at));
    assert_int_equal(made, 3);
    assert_int_equal(at, c.now);
    assert_string_equal(e.json, "3");
    strbuf_free(&sb);
    web_cached_free(&e);
}

static void test_passwords_and_secrets(void **state)
{
    sw_error err = { 0 };
    char h[WEB_PWHASH_STR];
    assert_int_equal(web_crypto_init(&err), SW_OK);
    assert_int_equal(web_password_hash("correct horse battery", h, &err), SW_OK);
    assert_true(!strncmp(h, "$argon2id$", 10));
    assert_true(web_password_verify(h, "correct horse battery"));
    assert_false(web_password_verify(h, "correct horse batterY"));
    assert_false(web_password_verify("", "x"));
    assert_int_equal(web_password_policy("short", NULL, &err), SW_ERR_INVALID);
    assert_int_equal(web_password_policy("aaaaaaaaaaaaaaa", NULL, &err), SW_ERR_INVALID);
    assert_int_equal(web_password_policy("Analyst.Name.1", "analyst.name.1", &err), SW_ERR_INVALID);
    assert_int_equal(web_password_policy("a fine passphrase", "ana", &err), SW_OK);
    char a[64], b[64], p[32];
    web_random_token(a, sizeof a, 32);
    web_random_token(b, sizeof b, 32);
    assert_int_equal(strlen(a), 43);
    assert_string_not_equal(a, b);
    web_random_password(p, sizeof p);
    assert_int_equal(strlen(p), 20);
    assert_true(web_const_eq(a, a));
    assert_false(web_const_eq(a, b));
    assert_false(web_const_eq("abc", "abcd"));
    assert_false(web_const_eq("", ""));
    assert_false(web_const_eq(NULL, "x"));
    char s1[65], s2[65];
    web_secret_hash("abc", s1);
    assert_string_equal(s1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    web_secret_hash("abd", s2);
    assert_string_not_equal(s1, s2);
}

static void test_rate_limiter(void **state)
{
    web_ratelimit rl;
    sw_error err = { 0 };
    int retry = 0;
    const int64_t min = 60 * 1000000LL;
    assert_int_equal(web_ratelimit_init(&rl, 4, 3, 10 * min, &err), SW_OK);
    for (int i = 0; i < 3; i++) {
        assert_true(web_ratelimit_check(&rl, "u:ana", i * min, &retry));
        web_ratelimit_fail(&rl, "u:ana", i * min);
    }
    assert_false(web_ratelimit_check(&rl, "u:ana", 3 * min, &retry));
    assert_int_equal(retry, 7 * 60);
    assert_true(web_ratelimit_check(&rl, "u:bob", 3 * min, &retry));
    assert_true(web_ratelimit_check(&rl, "u:ana", 10 * min, &retry));   /* the window passed */
    web_ratelimit_fail(&rl, "u:ana", 11 * min);
    assert_true(web_ratelimit_check(&rl, "u:ana", 11 * min, &retry));   /* a new window, one failure */
    web_ratelimit_clear(&rl, "u:ana");
    /* many keys: the table stays at 4 entries, the oldest is evicted */
    for (int i = 0; i < 100; i++) {
        char k[16];
        snprintf(k, sizeof k, "a:%d", i);
        for (int j = 0; j < 3; j++) web_ratelimit_fail(&rl, k, 20 * min + i);
    }
    assert_false(web_ratelimit_check(&rl, "a:99", 20 * min + 100, &retry));
    assert_true(web_ratelimit_check(&rl, "a:0", 20 * min + 100, &retry));
    web_ratelimit_free(&rl);
}

/* --- dispatch against a real store -------------------------------------------- */

typedef struct world {
    tmpdb_fixture *f;
    store *db;
    web_app *app;
    char cookie[WEB_ROLE__COUNT][128];
    char csrf[WEB_ROLE__COUNT][48];
    char token[WEB_ROLE__COUNT][96];
} world;

static int64_t NOW = 1800000000LL * 1000000;

static void call(world *w, web_call *c, const char *method, const char *uri, const char *body)
{
    web_call_init(c, w->app, w->db, NOW);
    c->method = method;
    c->body = body;
    c->body_len = body ? strlen(body) : 0;
    c->content_type = body ? "application/json" : NULL;
    c->source = "192.0.2.7";
    sw_error err = { 0 };
    assert_int_equal(web_parse_target(uri, strlen(uri), &T, &err), SW_OK);
}

static int status_of(world *w, const char *method, const char *uri, const char *body, const char *cookie,
                     const char *csrf, const char *authz)
{
    web_call c;
    call(w, &c, method, uri, body);
    c.cookie = cookie;
    c.csrf_header = csrf;
    c.authorization = authz;
    web_dispatch(&c, &T);
    int st = c.res.status;
    web_call_free(&c);
    return st;
}

/* Users of every role with one shared hash (hashing is the slow part). */
static void make_world(world *w, void **state)
{
    memset(w, 0, sizeof *w);
    w->f = *state;
    sw_error err = { 0 };
    w->db = store_open(w->f->db, STORE_CREATE, &err);
    assert_non_null(w->db);
    web_config cfg;
    web_config_defaults(&cfg);
    w->app = web_app_new(&cfg, &err);
    assert_non_null(w->app);
    char h[WEB_PWHASH_STR];
    assert_int_equal(web_password_hash("the shared password", h, &err), SW_OK);
    for (int r = 0; r < WEB_ROLE__COUNT; r++) {
        char name[32];
        int64_t id;
        snprintf(name, sizeof name, "user-%s", web_role_name((web_role)r));
        assert_int_equal(store_user_create(w->db, name, web_role_name((web_role)r), h, false, NULL, NOW, &id, &err),
                         SW_OK);
        char body[128];
        snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"the shared password\"}", name);
        web_call c;
        call(w, &c, "POST", "/api/v1/login", body);
        web_dispatch(&c, &T);
        assert_int_equal(c.res.status, 200);
        assert_non_null(strstr(c.res.set_cookie, "HttpOnly; SameSite=Strict"));
        char *eq = strchr(c.res.set_cookie, '=');
        char *semi = strchr(c.res.set_cookie, ';');
        snprintf(w->cookie[r], sizeof w->cookie[r], "sw_session=%.*s", (int)(semi - eq - 1), eq + 1);
        json_t *doc = json_loads(c.res.body.data, 0, NULL);
        snprintf(w->csrf[r], sizeof w->csrf[r], "%s", json_string_value(json_object_get(doc, "csrf_token")));
        json_decref(doc);
        web_call_free(&c);
        /* a token bound to the same role, as the API would store it */
        char secret[64], hash[65];
        web_random_token(secret, sizeof secret, 32);
        snprintf(w->token[r], sizeof w->token[r], "Bearer swt_%s", secret);
        web_secret_hash(w->token[r] + 7, hash);
        assert_int_equal(store_token_create(w->db, name, hash, web_role_name((web_role)r), id, NOW, 0, NULL, &err), SW_OK);
    }
}

static void free_world(world *w)
{
    web_app_free(w->app);
    store_close(w->db);
}

/* A concrete target for a pattern; handlers may answer 4xx for the dummy
 * values, but never 401, and 403 only for the reasons dispatch decides. */
static void concrete(const web_route *r, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = r->pattern; *p && n + 8 < cap;) {
        if (*p == '{') {
            const char *v = !strncmp(p, "{id}", 4) ? "999" : !strncmp(p, "{file}", 6) ? "seawall.css" : "nobody";
            n += (size_t)snprintf(out + n, cap - n, "%s", v);
            p = strchr(p, '}') + 1;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
}

static void test_every_route_every_role(void **state)
{
    world w;
    make_world(&w, state);
    for (size_t i = 0; i < web_n_routes; i++) {
        const web_route *r = &web_routes[i];
        if (!strcmp(r->pattern, "/api/v1/logout") || !strcmp(r->pattern, "/api/v1/login")) continue;
        char uri[256];
        concrete(r, uri, sizeof uri);
        const char *body = r->changes_state ? "{}" : NULL;
        int anon = status_of(&w, r->method, uri, body, NULL, NULL, NULL);
        if (r->roles & WEB_PUBLIC) assert_true(anon != 401 && anon != 403);
        else if (anon != 401) fail_msg("%s %s without a session: %d", r->method, uri, anon);
        for (int role = 0; role < WEB_ROLE__COUNT; role++) {
            bool allowed = (r->roles & WEB_PUBLIC) || (r->roles & WEB_R(role));
            int st = status_of(&w, r->method, uri, body, w.cookie[role], w.csrf[role], NULL);
            if (!allowed && st != 403) fail_msg("%s %s as %s: %d, want 403", r->method, uri, web_role_name(role), st);
            if (allowed && (st == 401 || st == 403 || st >= 500))
                fail_msg("%s %s as %s: %d, want it allowed", r->method, uri, web_role_name(role), st);
            if (r->changes_state && allowed && !(r->roles & WEB_PUBLIC)) {
                int forged = status_of(&w, r->method, uri, body, w.cookie[role], "forged", NULL);
                int missing = status_of(&w, r->method, uri, body, w.cookie[role], NULL, NULL);
                if (forged != 403 || missing != 403)
                    fail_msg("%s %s as %s: forged CSRF %d, missing %d", r->method, uri, web_role_name(role), forged,
                             missing);
            }
            if (!(r->roles & WEB_PUBLIC)) {
                bool tok_ok = allowed && !(r->flags & WEB_F_SESSION_ONLY);
                int t = status_of(&w, r->method, uri, body, NULL, NULL, w.token[role]);
                if (tok_ok ? (t == 401 || t == 403 || t >= 500) : t != 403)
                    fail_msg("%s %s with a %s token: %d", r->method, uri, web_role_name(role), t);
            }
        }
    }
    free_world(&w);
}

static void test_sessions_expire_and_gate(void **state)
{
    world w;
    make_world(&w, state);
    const int cso = WEB_ROLE_CSO;
    assert_int_equal(status_of(&w, "GET", "/api/v1/zones", NULL, w.cookie[cso], NULL, NULL), 200);
    assert_int_equal(status_of(&w, "GET", "/api/v1/zones", NULL, "sw_session=forgedvalue", NULL, NULL), 401);
    /* a must-change user reaches only the routes that allow it */
    store_user u;
    bool found;
    sw_error err = { 0 };
    assert_int_equal(store_user_by_name(w.db, "user-analyst", &u, &found, &err), SW_OK);
    assert_int_equal(store_user_set_password(w.db, u.id, u.pw_hash, true, NOW, &err), SW_OK);
    const int an = WEB_ROLE_ANALYST;
    assert_int_equal(status_of(&w, "GET", "/api/v1/zones", NULL, w.cookie[an], NULL, NULL), 403);
    assert_int_equal(status_of(&w, "GET", "/api/v1/me", NULL, w.cookie[an], NULL, NULL), 200);
    /* idle: the same cookie after the idle timeout is gone, and stays gone */
    NOW += web_app_config(w.app)->session_idle_us + 1;
    assert_int_equal(status_of(&w, "GET", "/api/v1/zones", NULL, w.cookie[cso], NULL, NULL), 401);
    NOW -= web_app_config(w.app)->session_idle_us + 1;
    assert_int_equal(status_of(&w, "GET", "/api/v1/zones", NULL, w.cookie[cso], NULL, NULL), 401);
    /* unknown query parameters and wrong content types are refused before handlers */
    assert_int_equal(status_of(&w, "GET", "/api/v1/zones?x=1", NULL, NULL, NULL, w.token[cso]), 400);
    web_call c;
    call(&w, &c, "POST", "/api/v1/tokens", "{\"name\":\"n\",\"role\":\"analyst\"}");
    c.authorization = w.token[cso];
    c.content_type = "text/plain";
    web_dispatch(&c, &T);
    assert_int_equal(c.res.status, 415);
    web_call_free(&c);
    free_world(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_cookies_and_bearer),
        cmocka_unit_test(test_json_bodies),
        cmocka_unit_test(test_route_table),
        cmocka_unit_test(test_param_specs),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_passwords_and_secrets),
        cmocka_unit_test(test_rate_limiter),
        cmocka_unit_test_setup_teardown(test_every_route_every_role, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_sessions_expire_and_gate, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
