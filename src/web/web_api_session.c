/* web_api_session.c - logging in and out, who am I, and changing one's own
 * password. Login is rate limited per account and per source address and
 * every attempt, good or bad, is in the audit log. */
#include <stdio.h>
#include <string.h>
#include "store/store_auth.h"
#include "web/web_app.h"

static void set_session_cookie(web_call *c, const char *value, int64_t max_age_s)
{
    snprintf(c->res.set_cookie, sizeof c->res.set_cookie, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
             web_session_cookie(c->app), value, (long long)max_age_s, c->app->cfg.tls ? "; Secure" : "");
}

static void write_me(json_writer *w, const web_call *c, const char *csrf)
{
    jw_object_begin(w);
    jw_kv_string(w, "username", c->who.name);
    jw_kv_string(w, "role", web_role_name(c->who.role));
    jw_kv_bool(w, "must_change_password", c->who.must_change);
    jw_kv_string(w, "auth", c->who.via_token ? "token" : "session");
    jw_kv_string(w, "person", c->who.person[0] ? c->who.person : NULL);
    if (csrf) jw_kv_string(w, "csrf_token", csrf);
    jw_object_end(w);
}

void web_h_login(web_call *c)
{
    json_t *body = web_body_object(c);
    if (!body) return;
    const char *user, *pw;
    sw_error err = { 0 };
    if (web_json_string(body, "username", STORE_NAME_MAX - 1, true, &user, &err) ||
        web_json_string(body, "password", WEB_PASSWORD_MAX, true, &pw, &err)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "%s", err.msg);
    }
    /* The body is freed before the audit rows are written: keep the name. */
    char uname[STORE_NAME_MAX];
    snprintf(uname, sizeof uname, "%s", user);
    user = uname;
    char acct_key[80], src_key[80];
    snprintf(acct_key, sizeof acct_key, "u:%s", user);
    for (char *p = acct_key; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    snprintf(src_key, sizeof src_key, "a:%s", c->source ? c->source : "");
    int retry = 0;
    if (!web_ratelimit_check(&c->app->by_source, src_key, c->now, &retry) ||
        !web_ratelimit_check(&c->app->by_account, acct_key, c->now, &retry)) {
        web_audit(c, "login", user, "rate_limited", NULL);
        json_decref(body);
        c->res.retry_after = retry;
        return web_fail(c, 429, "rate_limited", "too many failed logins; try again in %d s", retry);
    }
    store_user u;
    bool found = false;
    if (store_user_by_name(c->db, user, &u, &found, &err)) {
        json_decref(body);
        return web_fail(c, 503, "store_unavailable", "the database could not be read");
    }
    web_hash_enter(c->app);
    bool good = found ? web_password_verify(u.pw_hash, pw) : (web_password_burn(pw), false);
    web_hash_leave(c->app);
    json_decref(body);
    if (!good || u.disabled) {
        web_ratelimit_fail(&c->app->by_account, acct_key, c->now);
        web_ratelimit_fail(&c->app->by_source, src_key, c->now);
        web_audit(c, "login", user, good ? "disabled" : "bad_credentials", NULL);
        return web_fail(c, 401, "bad_credentials", "wrong username or password, or the account is disabled");
    }
    web_ratelimit_clear(&c->app->by_account, acct_key);

    char id[64], hash[65], csrf[48];
    web_random_token(id, sizeof id, 32);
    web_random_token(csrf, sizeof csrf, 32);
    web_secret_hash(id, hash);
    int64_t ttl = c->app->cfg.session_ttl_us;
    if (store_session_create(c->db, hash, u.id, csrf, c->now, c->now + ttl, c->source, &err))
        return web_fail(c, 503, "store_unavailable", "the session could not be stored");
    store_session_purge(c->db, c->now, c->app->cfg.session_idle_us, &err);
    web_role role;
    web_role_parse(u.role, &role);
    c->who = (web_principal){ .authenticated = true, .user_id = u.id, .role = role, .must_change = u.must_change };
    snprintf(c->who.name, sizeof c->who.name, "%s", u.username);
    snprintf(c->who.person, sizeof c->who.person, "%s", u.person);
    web_audit(c, "login", u.username, "ok", NULL);
    set_session_cookie(c, id, ttl / 1000000);
    json_writer w;
    write_me(web_json(c, 200, &w), c, csrf);
}

void web_h_logout(web_call *c)
{
    sw_error err = { 0 };
    if (store_session_delete(c->db, c->who.session_hash, &err))
        return web_fail(c, 503, "store_unavailable", "the session could not be ended");
    web_audit(c, "logout", c->who.name, "ok", NULL);
    set_session_cookie(c, "", 0);
    c->res.status = 204;
    strbuf_reset(&c->res.body);
}

void web_h_me(web_call *c)
{
    json_writer w;
    write_me(web_json(c, 200, &w), c, c->who.via_token ? NULL : c->who.csrf);
}

void web_h_me_password(web_call *c)
{
    json_t *body = web_body_object(c);
    if (!body) return;
    const char *cur, *next;
    sw_error err = { 0 };
    if (web_json_string(body, "current_password", WEB_PASSWORD_MAX, true, &cur, &err) ||
        web_json_string(body, "new_password", WEB_PASSWORD_MAX, true, &next, &err) ||
        web_password_policy(next, c->who.name, &err)) {
        json_decref(body);
        return web_fail(c, 400, "bad_request", "%s", err.msg);
    }
    store_user u;
    bool found = false;
    if (store_user_by_id(c->db, c->who.user_id, &u, &found, &err) || !found) {
        json_decref(body);
        return web_fail(c, 503, "store_unavailable", "the account could not be read");
    }
    char hash[WEB_PWHASH_STR];
    web_hash_enter(c->app);
    bool good = web_password_verify(u.pw_hash, cur);
    bool same = good && web_password_verify(u.pw_hash, next);
    sw_code hrc = good && !same ? web_password_hash(next, hash, &err) : SW_OK;
    web_hash_leave(c->app);
    json_decref(body);
    if (!good) {
        web_audit(c, "password.change", c->who.name, "bad_credentials", NULL);
        return web_fail(c, 403, "bad_credentials", "the current password is wrong");
    }
    if (same) return web_fail(c, 400, "bad_request", "the new password must differ from the current one");
    if (hrc) return web_fail(c, 503, "busy", "%s", err.msg);
    if (store_begin(c->db, &err) || store_user_set_password(c->db, u.id, hash, false, c->now, &err) ||
        store_session_delete_user(c->db, u.id, c->who.session_hash, &err)) {
        store_rollback(c->db);
        return web_fail(c, 503, "store_unavailable", "the password could not be stored");
    }
    web_audit(c, "password.change", c->who.name, "ok", NULL);
    if (store_commit(c->db, &err)) {
        store_rollback(c->db);
        return web_fail(c, 503, "store_unavailable", "the password could not be stored");
    }
    c->who.must_change = false;
    json_writer w;
    write_me(web_json(c, 200, &w), c, c->who.csrf);
}
