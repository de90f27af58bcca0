/* web_api_admin.c - what the cso manages: user accounts, API tokens, and
 * the audit log they (and auditors) read. Every change writes its audit row
 * in the same transaction as the change itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ir/playbook_check.h"
#include "store/store_auth.h"
#include "web/web_api.h"

static bool username_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= STORE_NAME_MAX) return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
              *p == '_' || *p == '-'))
            return false;
    return true;
}

static void user_json(json_writer *w, const store_user *u)
{
    jw_object_begin(w);
    jw_kv_string(w, "username", u->username);
    jw_kv_string(w, "role", u->role);
    jw_kv_bool(w, "disabled", u->disabled);
    jw_kv_bool(w, "must_change_password", u->must_change);
    jw_kv_int(w, "created_at", u->created_at);
    jw_kv_string(w, "created_by", u->created_by[0] ? u->created_by : NULL);
    jw_kv_int(w, "password_changed_at", u->pw_changed_at);
    jw_kv_string(w, "person", u->person[0] ? u->person : NULL);
    jw_object_end(w);
}

static int user_row(void *ctx, const store_user *u)
{
    user_json(ctx, u);
    return 0;
}

void web_h_users_list(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_user_list(c->db, user_row, &w, &err), &err);
}

/* Runs a change and its audit row as one transaction; false after answering. */
static bool commit_change(web_call *c, sw_code rc, const char *action, const char *target, const char *detail)
{
    sw_error err = { 0 };
    if (rc == SW_OK) {
        web_audit(c, action, target, "ok", detail);
        if (store_commit(c->db, &err) == SW_OK) return true;
    }
    store_rollback(c->db);
    web_fail(c, 503, "store_unavailable", "the change could not be stored");
    return false;
}

/* A fresh one-time password and its hash; false after answering. */
static bool one_time_password(web_call *c, char *pw, size_t cap, char hash[WEB_PWHASH_STR])
{
    sw_error err = { 0 };
    web_random_password(pw, cap);
    web_hash_enter(c->app);
    sw_code rc = web_password_hash(pw, hash, &err);
    web_hash_leave(c->app);
    if (rc) web_fail(c, 503, "busy", "%s", err.msg);
    return rc == SW_OK;
}

void web_h_users_create(web_call *c)
{
    json_t *body = web_body_object(c);
    if (!body) return;
    const char *name, *role;
    web_role r;
    sw_error err = { 0 };
    if (web_json_string(body, "username", STORE_NAME_MAX - 1, true, &name, &err) ||
        web_json_string(body, "role", STORE_ROLE_MAX - 1, true, &role, &err)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "%s", err.msg);
    }
    if (!username_ok(name)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "usernames use letters, digits, '.', '_' and '-' only");
    }
    if (!web_role_parse(role, &r)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "unknown role (cso, analyst, ot-engineer, pfso, auditor, board)");
    }
    char uname[STORE_NAME_MAX], pw[32], hash[WEB_PWHASH_STR];
    snprintf(uname, sizeof uname, "%s", name);
    json_decref(body);
    if (!one_time_password(c, pw, sizeof pw, hash)) return;
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    sw_code rc = store_user_create(c->db, uname, web_role_name(r), hash, true, c->who.name, c->now, NULL, &err);
    if (rc == SW_ERR_INVALID) {
        store_rollback(c->db);
        return web_fail(c, 409, "conflict", "%s", err.msg);
    }
    char detail[64];
    snprintf(detail, sizeof detail, "{\"role\":\"%s\"}", web_role_name(r));
    if (!commit_change(c, rc, "user.create", uname, detail)) return;
    json_writer w;
    web_json(c, 201, &w);
    jw_object_begin(&w);
    jw_kv_string(&w, "username", uname);
    jw_kv_string(&w, "role", web_role_name(r));
    jw_kv_string(&w, "one_time_password", pw);
    jw_object_end(&w);
}

/* The {username} of the route; false after answering 404. */
static bool target_user(web_call *c, store_user *u)
{
    bool found = false;
    sw_error err = { 0 };
    if (!username_ok(c->var) || store_user_by_name(c->db, c->var, u, &found, &err) || !found) {
        web_fail(c, 404, "not_found", "no such user");
        return false;
    }
    return true;
}

/* Refuses to leave the port without an enabled cso. */
static bool keeps_a_cso(web_call *c, const store_user *u)
{
    int64_t n = 0;
    sw_error err = { 0 };
    if (strcmp(u->role, "cso") != 0 || u->disabled) return true;
    if (store_user_count_role(c->db, "cso", &n, &err)) {
        web_fail(c, 503, "store_unavailable", "%s", err.msg);
        return false;
    }
    if (n <= 1) {
        web_fail(c, 409, "last_cso", "'%s' is the last enabled cso account", u->username);
        return false;
    }
    return true;
}

void web_h_user_role(web_call *c)
{
    store_user u;
    if (!target_user(c, &u)) return;
    json_t *body = web_body_object(c);
    if (!body) return;
    const char *role;
    web_role r;
    sw_error err = { 0 };
    if (web_json_string(body, "role", STORE_ROLE_MAX - 1, true, &role, &err) || !web_role_parse(role, &r)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "%s", err.msg[0] ? err.msg : "unknown role");
    }
    json_decref(body);
    if (r != WEB_ROLE_CSO && !keeps_a_cso(c, &u)) return;
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    char detail[80];
    snprintf(detail, sizeof detail, "{\"from\":\"%s\",\"to\":\"%s\"}", u.role, web_role_name(r));
    if (!commit_change(c, store_user_set_role(c->db, u.id, web_role_name(r), &err), "user.role", u.username, detail))
        return;
    snprintf(u.role, sizeof u.role, "%s", web_role_name(r));
    json_writer w;
    user_json(web_json(c, 200, &w), &u);
}

/* POST /users/{username}/person {"person": ID or null}: the person of the
 * port model the account acts as in incidents. Checked against the model
 * the store holds now: it must be there and active. */
void web_h_user_person(web_call *c)
{
    store_user u;
    if (!target_user(c, &u)) return;
    json_t *body = web_body_object(c);
    if (!body) return;
    json_t *v = json_object_get(body, "person");
    const char *k;
    json_t *x;
    json_object_foreach(body, k, x) {
        if (strcmp(k, "person")) {
            web_fail(c, 400, "bad_request", "unknown member '%.64s'", k);
            json_decref(body);
            return;
        }
    }
    if (!v || !(json_is_null(v) || json_is_string(v))) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "person is a person id of the port model, or null to clear it");
    }
    char person[STORE_PERSON_MAX] = "";
    if (json_is_string(v)) {
        if (!web_check_id(c, "person", json_string_value(v))) { json_decref(body); return; }
        snprintf(person, sizeof person, "%s", json_string_value(v));
    }
    json_decref(body);
    if (person[0]) {
        port_model *m = web_load_model(c);
        if (!m) return;
        const model_person *p = model_person_by_id(m, person);
        bool known = p != NULL, active = p && person_active(p);
        char status[32];
        snprintf(status, sizeof status, "%s", p && p->status ? p->status : "");
        model_free(m);
        if (!known) return web_fail(c, 400, "unknown_person", "no person '%s' in the port model", person);
        if (!active) return web_fail(c, 409, "person_inactive", "%s is not active (status %s)", person, status);
    }
    sw_error err = { 0 };
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    json_t *detail = json_pack("{s:s?, s:s?}", "from", u.person[0] ? u.person : NULL, "to", person[0] ? person : NULL);
    char *d = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    bool ok = commit_change(c, store_user_set_person(c->db, u.id, person[0] ? person : NULL, &err), "user.person",
                            u.username, d);
    free(d);
    json_decref(detail);
    if (!ok) return;
    snprintf(u.person, sizeof u.person, "%s", person);
    json_writer w;
    user_json(web_json(c, 200, &w), &u);
}

static void set_disabled(web_call *c, bool disabled)
{
    store_user u;
    if (!target_user(c, &u)) return;
    if (disabled && !keeps_a_cso(c, &u)) return;
    sw_error err = { 0 };
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    sw_code rc = store_user_set_disabled(c->db, u.id, disabled, &err);
    if (rc == SW_OK && disabled) rc = store_session_delete_user(c->db, u.id, NULL, &err);
    if (!commit_change(c, rc, disabled ? "user.disable" : "user.enable", u.username, NULL)) return;
    u.disabled = disabled;
    json_writer w;
    user_json(web_json(c, 200, &w), &u);
}

void web_h_user_disable(web_call *c) { set_disabled(c, true); }
void web_h_user_enable(web_call *c) { set_disabled(c, false); }

void web_h_user_reset(web_call *c)
{
    store_user u;
    if (!target_user(c, &u)) return;
    char pw[32], hash[WEB_PWHASH_STR];
    if (!one_time_password(c, pw, sizeof pw, hash)) return;
    sw_error err = { 0 };
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    sw_code rc = store_user_set_password(c->db, u.id, hash, true, c->now, &err);
    if (rc == SW_OK) rc = store_session_delete_user(c->db, u.id, NULL, &err);
    if (!commit_change(c, rc, "user.password_reset", u.username, NULL)) return;
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    jw_kv_string(&w, "username", u.username);
    jw_kv_string(&w, "one_time_password", pw);
    jw_object_end(&w);
}

/* --- API tokens ------------------------------------------------------------- */

static int token_row(void *ctx, const store_token *t)
{
    json_writer *w = ctx;
    jw_object_begin(w);
    jw_kv_int(w, "id", t->id);
    jw_kv_string(w, "name", t->name);
    jw_kv_string(w, "role", t->role);
    jw_kv_string(w, "owner", t->owner);
    jw_kv_int(w, "created_at", t->created_at);
    jw_kv_int(w, "expires_at", t->expires_at);
    jw_kv_int(w, "last_used", t->last_used);
    jw_kv_bool(w, "revoked", t->revoked_at != 0);
    jw_object_end(w);
    return 0;
}

void web_h_tokens_list(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_token_list(c->db, token_row, &w, &err), &err);
}

void web_h_tokens_create(web_call *c)
{
    json_t *body = web_body_object(c);
    if (!body) return;
    const char *name, *role;
    web_role r;
    sw_error err = { 0 };
    json_t *days = json_object_get(body, "expires_days");
    if (web_json_string(body, "name", STORE_NAME_MAX - 1, true, &name, &err) ||
        web_json_string(body, "role", STORE_ROLE_MAX - 1, true, &role, &err)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "%s", err.msg);
    }
    if (!web_role_parse(role, &r)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "unknown role (cso, analyst, ot-engineer, pfso, auditor, board)");
    }
    if (days && !json_is_null(days) && (!json_is_integer(days) || json_integer_value(days) < 0 ||
                                        json_integer_value(days) > 3650)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "expires_days must be a whole number from 0 to 3650");
    }
    int64_t expires = days && json_is_integer(days) && json_integer_value(days) > 0
                          ? c->now + json_integer_value(days) * 86400LL * 1000000 : 0;
    char tname[STORE_NAME_MAX], secret[64], full[72], hash[65];
    snprintf(tname, sizeof tname, "%s", name);
    json_decref(body);
    web_random_token(secret, sizeof secret, 32);
    snprintf(full, sizeof full, "swt_%s", secret);
    web_secret_hash(full, hash);
    int64_t id = 0;
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    char detail[64];
    snprintf(detail, sizeof detail, "{\"role\":\"%s\"}", web_role_name(r));
    if (!commit_change(c,
                       store_token_create(c->db, tname, hash, web_role_name(r), c->who.user_id, c->now, expires, &id,
                                          &err), "token.create", tname, detail))
        return;
    json_writer w;
    web_json(c, 201, &w);
    jw_object_begin(&w);
    jw_kv_int(&w, "id", id);
    jw_kv_string(&w, "name", tname);
    jw_kv_string(&w, "role", web_role_name(r));
    jw_kv_int(&w, "expires_at", expires);
    jw_kv_string(&w, "token", full);
    jw_object_end(&w);
}

void web_h_token_revoke(web_call *c)
{
    char *end;
    long long id = strtoll(c->var, &end, 10);
    if (!*c->var || *end || id <= 0) return web_fail(c, 400, "bad_parameter", "the token id must be a positive number");
    bool revoked = false;
    sw_error err = { 0 };
    if (store_begin(c->db, &err)) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    sw_code rc = store_token_revoke(c->db, id, c->now, &revoked, &err);
    if (rc == SW_OK && !revoked) {
        store_rollback(c->db);
        return web_fail(c, 404, "not_found", "no such active token");
    }
    char target[24];
    snprintf(target, sizeof target, "%lld", id);
    if (!commit_change(c, rc, "token.revoke", target, NULL)) return;
    c->res.status = 204;
    strbuf_reset(&c->res.body);
}

/* --- audit ---------------------------------------------------------------- */

typedef struct audit_page {
    json_writer *w;
    int64_t last_id, rows;
} audit_page;

static int audit_row(void *ctx, const store_audit_rec *r)
{
    audit_page *p = ctx;
    json_writer *w = p->w;
    jw_object_begin(w);
    jw_kv_int(w, "id", r->id);
    jw_kv_int(w, "ts", r->ts);
    jw_kv_string(w, "actor", r->actor);
    jw_kv_string(w, "actor_role", r->actor_role);
    jw_kv_string(w, "source", r->source);
    jw_kv_string(w, "action", r->action);
    jw_kv_string(w, "target", r->target);
    jw_kv_string(w, "outcome", r->outcome);
    jw_key(w, "detail");
    if (r->detail) jw_raw(w, r->detail);
    else jw_null(w);
    jw_object_end(w);
    p->last_id = r->id;
    p->rows++;
    return 0;
}

void web_h_audit(web_call *c)
{
    int64_t limit, cursor;
    if (!web_page_params(c, 100, 1000, &limit, &cursor)) return;
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    jw_key(&w, "items");
    jw_array_begin(&w);
    audit_page p = { &w, 0, 0 };
    sw_error err = { 0 };
    if (store_audit_list(c->db, cursor, limit, audit_row, &p, &err))
        return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    jw_array_end(&w);
    jw_key(&w, "next_cursor");
    if (p.rows == limit && p.last_id > 1) {
        char cur[24];
        snprintf(cur, sizeof cur, "%lld", (long long)p.last_id);
        jw_string(&w, cur);
    } else {
        jw_null(&w);
    }
    jw_object_end(&w);
}
