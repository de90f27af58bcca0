/* web_dispatch.c - every request's path to its handler: find the route,
 * authenticate (API token or session cookie), enforce the route's roles,
 * the password-change gate and CSRF, then run the handler. Nothing else
 * decides who may do what, so the route table is the whole policy. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "store/store_auth.h"
#include "web/web_app.h"

static const char *const role_names[WEB_ROLE__COUNT] = { "cso", "analyst", "ot-engineer", "pfso", "auditor", "board" };

const char *web_role_name(web_role r) { return (unsigned)r < WEB_ROLE__COUNT ? role_names[r] : "?"; }

bool web_role_parse(const char *s, web_role *out)
{
    for (int i = 0; s && i < WEB_ROLE__COUNT; i++)
        if (!strcmp(s, role_names[i])) { *out = (web_role)i; return true; }
    return false;
}

void web_config_defaults(web_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->session_ttl_us = 12LL * 3600 * 1000000;
    cfg->session_idle_us = 30LL * 60 * 1000000;
    cfg->sse_max_clients = 32;
}

web_app *web_app_new(const web_config *cfg, sw_error *err)
{
    if (web_crypto_init(err)) return NULL;
    web_app *app = calloc(1, sizeof *app);
    if (!app) { sw_fail(err, SW_ERR_NOMEM, "web app"); return NULL; }
    app->cfg = *cfg;
    /* 5 failures an account and 30 an address per 15 minutes. */
    if (web_ratelimit_init(&app->by_account, 4096, 5, 15LL * 60 * 1000000, err) ||
        web_ratelimit_init(&app->by_source, 4096, 30, 15LL * 60 * 1000000, err)) {
        web_ratelimit_free(&app->by_account);
        free(app);
        return NULL;
    }
    pthread_mutex_init(&app->hash_mu, NULL);
    pthread_cond_init(&app->hash_cv, NULL);
    web_cached_init(&app->overview_risk);
    web_cached_init(&app->overview_compliance);
    return app;
}

void web_app_free(web_app *app)
{
    if (!app) return;
    web_ratelimit_free(&app->by_account);
    web_ratelimit_free(&app->by_source);
    pthread_mutex_destroy(&app->hash_mu);
    pthread_cond_destroy(&app->hash_cv);
    web_cached_free(&app->overview_risk);
    web_cached_free(&app->overview_compliance);
    free(app);
}

const web_config *web_app_config(const web_app *app) { return &app->cfg; }
const char *web_session_cookie(const web_app *app) { return app->cfg.tls ? "__Host-sw_session" : "sw_session"; }

void web_hash_enter(web_app *app)
{
    pthread_mutex_lock(&app->hash_mu);
    while (app->hashing >= WEB_PWHASH_CONCURRENCY) pthread_cond_wait(&app->hash_cv, &app->hash_mu);
    app->hashing++;
    pthread_mutex_unlock(&app->hash_mu);
}

void web_hash_leave(web_app *app)
{
    pthread_mutex_lock(&app->hash_mu);
    app->hashing--;
    pthread_cond_signal(&app->hash_cv);
    pthread_mutex_unlock(&app->hash_mu);
}

sw_code web_bootstrap_admin(web_app *app, store *db, bool *created, char *pw, size_t cap, sw_error *err)
{
    int64_t n;
    *created = false;
    if (store_user_count(db, &n, err)) return SW_ERR_DB;
    if (n > 0) return SW_OK;
    char hash[WEB_PWHASH_STR];
    web_random_password(pw, cap);
    web_hash_enter(app);
    sw_code rc = web_password_hash(pw, hash, err);
    web_hash_leave(app);
    if (rc) return rc;
    int64_t now = time(NULL) * 1000000LL;
    if (store_begin(db, err)) return SW_ERR_DB;
    if (store_user_create(db, "admin", "cso", hash, true, NULL, now, NULL, err)) {
        store_rollback(db);
        return err ? err->code : SW_ERR_DB;
    }
    store_audit_rec a = { .ts = now, .actor = "seawall", .action = "user.bootstrap", .target = "admin",
                          .outcome = "ok", .detail = "{\"role\":\"cso\"}" };
    if (store_audit_add(db, &a, err) || store_commit(db, err)) {
        store_rollback(db);
        return SW_ERR_DB;
    }
    *created = true;
    return SW_OK;
}

/* --- calls ------------------------------------------------------------------ */

void web_call_init(web_call *c, web_app *app, store *db, int64_t now)
{
    memset(c, 0, sizeof *c);
    c->app = app;
    c->db = db;
    c->now = now;
    c->method = "GET";
    strbuf_init(&c->res.body);
    c->res.status = 500;
    c->res.content_type = "application/json";
}

void web_call_free(web_call *c) { strbuf_free(&c->res.body); }

void web_fail(web_call *c, int status, const char *code, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->res.status = status;
    c->res.content_type = "application/json";
    c->res.static_body = NULL;
    c->res.sse = false;
    c->res.csp[0] = '\0';
    strbuf_reset(&c->res.body);
    json_writer w;
    jw_init(&w, &c->res.body);
    jw_object_begin(&w);
    jw_key(&w, "error");
    jw_object_begin(&w);
    jw_kv_string(&w, "code", code);
    jw_kv_string(&w, "message", msg);
    jw_object_end(&w);
    jw_object_end(&w);
}

json_writer *web_json(web_call *c, int status, json_writer *w)
{
    c->res.status = status;
    c->res.content_type = "application/json";
    strbuf_reset(&c->res.body);
    jw_init(w, &c->res.body);
    return w;
}

void web_audit(web_call *c, const char *action, const char *target, const char *outcome, const char *detail_json)
{
    store_audit_rec a = {
        .ts = c->now, .actor = c->who.authenticated ? c->who.name : NULL,
        .actor_role = c->who.authenticated ? web_role_name(c->who.role) : NULL, .source = c->source,
        .action = action, .target = target, .outcome = outcome, .detail = detail_json,
    };
    sw_error err = { 0 };
    /* A change whose audit row cannot be written is still made: the store
     * failing here fails the whole request anyway, and the log says so. */
    if (store_audit_add(c->db, &a, &err)) fprintf(stderr, "seawall serve: audit log: %s\n", err.msg);
}

json_t *web_body_object(web_call *c)
{
    sw_error err = { 0 };
    json_t *o = web_parse_json_object(c->body, c->body_len, &err);
    if (!o) web_fail(c, 400, "bad_json", "%s", err.msg);
    return o;
}

bool web_page_params(web_call *c, int64_t def, int64_t max, int64_t *limit, int64_t *cursor)
{
    const char *l = web_param(c->target, "limit"), *cu = web_param(c->target, "cursor");
    char *end;
    *limit = def;
    *cursor = 0;
    if (l) {
        long long v = strtoll(l, &end, 10);
        if (!*l || *end || v < 1 || v > max) {
            web_fail(c, 400, "bad_parameter", "limit must be a whole number from 1 to %lld", (long long)max);
            return false;
        }
        *limit = v;
    }
    if (cu) {
        long long v = strtoll(cu, &end, 10);
        if (!*cu || *end || v < 0) {
            web_fail(c, 400, "bad_parameter", "cursor must be a value a previous page returned as next_cursor");
            return false;
        }
        *cursor = v;
    }
    return true;
}

/* --- authentication ------------------------------------------------------------- */

static void auth_token(web_call *c, const char *secret)
{
    char hash[65];
    store_token t;
    store_user u;
    bool found = false;
    sw_error err = { 0 };
    web_secret_hash(secret, hash);
    if (store_token_by_hash(c->db, hash, &t, &found, &err) || !found) return;
    if (t.revoked_at || (t.expires_at && t.expires_at <= c->now)) return;
    if (store_user_by_id(c->db, t.owner_id, &u, &found, &err) || !found || u.disabled) return;
    web_role role;
    if (!web_role_parse(t.role, &role)) return;
    c->who.authenticated = true;
    c->who.via_token = true;
    c->who.token_id = t.id;
    c->who.user_id = u.id;
    c->who.role = role;
    snprintf(c->who.name, sizeof c->who.name, "token:%s", t.name);
    snprintf(c->who.person, sizeof c->who.person, "%s", u.person);
    /* last_used at minute resolution: one write a minute, not one a request. */
    if (c->now - t.last_used > 60 * 1000000LL) store_token_touch(c->db, t.id, c->now, &err);
}

static void auth_session(web_call *c)
{
    char id[96], hash[65];
    if (!web_cookie_get(c->cookie, web_session_cookie(c->app), id, sizeof id)) return;
    web_secret_hash(id, hash);
    store_session s;
    store_user u;
    bool found = false;
    sw_error err = { 0 };
    if (store_session_get(c->db, hash, &s, &found, &err) || !found) return;
    if (s.expires_at <= c->now || c->now - s.last_seen >= c->app->cfg.session_idle_us) {
        store_session_delete(c->db, hash, &err);
        return;
    }
    if (store_user_by_id(c->db, s.user_id, &u, &found, &err) || !found || u.disabled) return;
    web_role role;
    if (!web_role_parse(u.role, &role)) return;
    c->who.authenticated = true;
    c->who.user_id = u.id;
    c->who.role = role;
    c->who.must_change = u.must_change;
    snprintf(c->who.name, sizeof c->who.name, "%s", u.username);
    snprintf(c->who.person, sizeof c->who.person, "%s", u.person);
    snprintf(c->who.session_hash, sizeof c->who.session_hash, "%s", hash);
    snprintf(c->who.csrf, sizeof c->who.csrf, "%s", s.csrf);
    if (c->now - s.last_seen > 60 * 1000000LL) store_session_touch(c->db, hash, c->now, &err);
}

static bool is_json_type(const char *ct)
{
    if (!ct) return false;
    while (*ct == ' ') ct++;
    size_t n = strlen("application/json");
    return strncasecmp(ct, "application/json", n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void web_dispatch(web_call *c, const web_target *t)
{
    c->target = t;
    const web_route *r;
    web_match m = web_route_find(c->method, t, &r, &c->var);
    if (m == WEB_MATCH_NO_PATH) return web_fail(c, 404, "not_found", "no such resource: %s", t->path);
    if (m == WEB_MATCH_NO_METHOD) {
        c->res.allow = r->method;
        return web_fail(c, 405, "method_not_allowed", "%s is not allowed on %s", c->method, t->path);
    }
    c->route = r;

    const char *bearer = web_bearer(c->authorization);
    if (bearer) auth_token(c, bearer);
    else auth_session(c);

    if (!(r->roles & WEB_PUBLIC)) {
        if (!c->who.authenticated)
            return web_fail(c, 401, "unauthenticated", "log in (POST /api/v1/login) or send an API token");
        if ((r->flags & WEB_F_SESSION_ONLY) && c->who.via_token)
            return web_fail(c, 403, "session_required", "this route is for browser sessions, not API tokens");
        if (c->who.must_change && !(r->flags & WEB_F_PW_CHANGE_OK))
            return web_fail(c, 403, "password_change_required",
                            "change the one-time password first (POST /api/v1/me/password)");
        if (!(r->roles & WEB_R(c->who.role)))
            return web_fail(c, 403, "forbidden", "the %s role may not %s %s", web_role_name(c->who.role), r->method,
                            r->pattern);
    }
    /* Every query parameter is checked here against the route's specs, so
     * a handler only ever sees documented names with well-formed values. */
    char why[300];
    if (!web_params_check(r->params, t, why, sizeof why)) return web_fail(c, 400, "bad_parameter", "%s", why);
    if (r->changes_state) {
        /* Bearer tokens are not sent by browsers on their own, so only
         * cookie sessions need the synchronizer token. */
        if (c->who.authenticated && !c->who.via_token && !web_const_eq(c->csrf_header, c->who.csrf))
            return web_fail(c, 403, "csrf", "missing or wrong X-CSRF-Token header");
        if (c->body_len && !is_json_type(c->content_type))
            return web_fail(c, 415, "unsupported_media_type", "send the body as application/json");
    }
    c->res.status = 200;
    r->fn(c);
}
