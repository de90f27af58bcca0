/* store_auth.c - web users, sessions, API tokens and the audit log (see
 * store_auth.h). Every statement is prepared per call: these run a few times
 * per request, and the statement cache of a pooled connection is SQLite's. */
#include "store/store_auth.h"
#include <stdio.h>
#include <string.h>
#include "store/store_sql.h"

static void copy_col(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
    const char *v = col_text(st, col);
    snprintf(dst, cap, "%s", v ? v : "");
}

/* Binds were done into a; runs the no-row statement and finalizes it. */
static sw_code run_once(store *s, store_args *a, sw_error *err)
{
    sw_code rc = store_run(s, a, err);
    sqlite3_finalize(a->st);
    return rc;
}

sw_code store_user_count(store *s, int64_t *out, sw_error *err)
{
    return store_query_int(s, "SELECT count(*) FROM web_users", out, err);
}

sw_code store_user_count_role(store *s, const char *role, int64_t *out, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "SELECT count(*) FROM web_users WHERE role = ? AND disabled = 0", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, role);
    bool row = false;
    sw_code rc = a.rc == SQLITE_OK ? store_step(s, st, &row, err) : store_fail(s, err, "binding role");
    *out = row ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc;
}

sw_code store_user_create(store *s, const char *username, const char *role, const char *pw_hash, bool must_change,
                          const char *created_by, int64_t now, int64_t *id, sw_error *err)
{
    store_user u;
    bool found;
    if (store_user_by_name(s, username, &u, &found, err)) return SW_ERR_DB;
    if (found) return sw_fail(err, SW_ERR_INVALID, "user '%s' already exists", username);
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "INSERT INTO web_users(username, role, pw_hash, must_change, created_at, created_by, pw_changed_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, username);
    arg_text(&a, role);
    arg_text(&a, pw_hash);
    arg_int(&a, must_change);
    arg_int(&a, now);
    arg_text(&a, created_by);
    arg_int(&a, now);
    if (run_once(s, &a, err)) return SW_ERR_DB;
    if (id) *id = sqlite3_last_insert_rowid(store_db(s));
    return SW_OK;
}

static const char USER_COLS[] =
    "SELECT id, username, role, pw_hash, must_change, disabled, created_at, created_by, pw_changed_at, person FROM web_users ";

static void user_of(sqlite3_stmt *st, store_user *u, bool with_hash)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    copy_col(u->username, sizeof u->username, st, 1);
    copy_col(u->role, sizeof u->role, st, 2);
    if (with_hash) copy_col(u->pw_hash, sizeof u->pw_hash, st, 3);
    u->must_change = sqlite3_column_int(st, 4) != 0;
    u->disabled = sqlite3_column_int(st, 5) != 0;
    u->created_at = sqlite3_column_int64(st, 6);
    copy_col(u->created_by, sizeof u->created_by, st, 7);
    u->pw_changed_at = sqlite3_column_int64(st, 8);
    copy_col(u->person, sizeof u->person, st, 9);
}

static sw_code user_where(store *s, const char *where, const char *text, int64_t id, store_user *out, bool *found,
                          sw_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "%s%s", USER_COLS, where);
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    if (text) arg_text(&a, text);
    else arg_int(&a, id);
    bool row = false;
    sw_code rc = a.rc == SQLITE_OK ? store_step(s, st, &row, err) : store_fail(s, err, "binding user");
    *found = rc == SW_OK && row;
    if (*found) user_of(st, out, true);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_user_by_name(store *s, const char *username, store_user *out, bool *found, sw_error *err)
{
    return user_where(s, "WHERE username = ?", username, 0, out, found, err);
}

sw_code store_user_by_id(store *s, int64_t id, store_user *out, bool *found, sw_error *err)
{
    return user_where(s, "WHERE id = ?", NULL, id, out, found, err);
}

sw_code store_user_list(store *s, store_user_fn fn, void *ctx, sw_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "%sORDER BY username", USER_COLS);
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_user u;
        user_of(st, &u, false);
        if (fn(ctx, &u)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

/* UPDATE ... WHERE id = ? with one leading value. */
static sw_code update_user(store *s, const char *sql, const char *text, int64_t num, bool is_text, int64_t id,
                           sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    if (is_text) arg_text(&a, text);
    else arg_int(&a, num);
    arg_int(&a, id);
    return run_once(s, &a, err);
}

sw_code store_user_set_role(store *s, int64_t id, const char *role, sw_error *err)
{
    return update_user(s, "UPDATE web_users SET role = ? WHERE id = ?", role, 0, true, id, err);
}

sw_code store_user_set_person(store *s, int64_t id, const char *person, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "UPDATE web_users SET person = ? WHERE id = ?", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    if (person) arg_text(&a, person);
    else arg_null(&a);
    arg_int(&a, id);
    return run_once(s, &a, err);
}

sw_code store_user_set_disabled(store *s, int64_t id, bool disabled, sw_error *err)
{
    return update_user(s, "UPDATE web_users SET disabled = ? WHERE id = ?", NULL, disabled, false, id, err);
}

sw_code store_user_set_password(store *s, int64_t id, const char *pw_hash, bool must_change, int64_t now,
                                sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "UPDATE web_users SET pw_hash = ?, must_change = ?, pw_changed_at = ? WHERE id = ?", &st,
                      err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, pw_hash);
    arg_int(&a, must_change);
    arg_int(&a, now);
    arg_int(&a, id);
    return run_once(s, &a, err);
}

/* --- sessions -------------------------------------------------------------- */

sw_code store_session_create(store *s, const char *id_hash, int64_t user_id, const char *csrf, int64_t now,
                             int64_t expires_at, const char *source, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "INSERT INTO web_sessions(id_hash, user_id, csrf_token, created_at, last_seen, expires_at, source)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, id_hash);
    arg_int(&a, user_id);
    arg_text(&a, csrf);
    arg_int(&a, now);
    arg_int(&a, now);
    arg_int(&a, expires_at);
    arg_text(&a, source);
    return run_once(s, &a, err);
}

sw_code store_session_get(store *s, const char *id_hash, store_session *out, bool *found, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT user_id, csrf_token, created_at, last_seen, expires_at FROM web_sessions WHERE id_hash = ?",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, id_hash);
    bool row = false;
    sw_code rc = a.rc == SQLITE_OK ? store_step(s, st, &row, err) : store_fail(s, err, "binding session");
    *found = rc == SW_OK && row;
    if (*found) {
        out->user_id = sqlite3_column_int64(st, 0);
        copy_col(out->csrf, sizeof out->csrf, st, 1);
        out->created_at = sqlite3_column_int64(st, 2);
        out->last_seen = sqlite3_column_int64(st, 3);
        out->expires_at = sqlite3_column_int64(st, 4);
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_session_touch(store *s, const char *id_hash, int64_t now, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "UPDATE web_sessions SET last_seen = ? WHERE id_hash = ?", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, now);
    arg_text(&a, id_hash);
    return run_once(s, &a, err);
}

sw_code store_session_delete(store *s, const char *id_hash, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "DELETE FROM web_sessions WHERE id_hash = ?", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, id_hash);
    return run_once(s, &a, err);
}

sw_code store_session_delete_user(store *s, int64_t user_id, const char *keep_hash, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "DELETE FROM web_sessions WHERE user_id = ? AND id_hash IS NOT ?", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, user_id);
    arg_text(&a, keep_hash);
    return run_once(s, &a, err);
}

sw_code store_session_purge(store *s, int64_t now, int64_t idle_us, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "DELETE FROM web_sessions WHERE expires_at <= ?1 OR last_seen <= ?1 - ?2", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, now);
    arg_int(&a, idle_us);
    return run_once(s, &a, err);
}

/* --- API tokens ------------------------------------------------------------ */

sw_code store_token_create(store *s, const char *name, const char *token_hash, const char *role, int64_t owner_id,
                           int64_t now, int64_t expires_at, int64_t *id, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "INSERT INTO web_tokens(name, token_hash, role, owner_id, created_at, expires_at)"
                      " VALUES (?, ?, ?, ?, ?, ?)", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, name);
    arg_text(&a, token_hash);
    arg_text(&a, role);
    arg_int(&a, owner_id);
    arg_int(&a, now);
    arg_int(&a, expires_at);
    if (run_once(s, &a, err)) return SW_ERR_DB;
    if (id) *id = sqlite3_last_insert_rowid(store_db(s));
    return SW_OK;
}

static const char TOKEN_COLS[] =
    "SELECT t.id, t.name, t.role, t.owner_id, u.username, t.created_at, t.expires_at, t.last_used, t.revoked_at"
    " FROM web_tokens t JOIN web_users u ON u.id = t.owner_id ";

static void token_of(sqlite3_stmt *st, store_token *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    copy_col(t->name, sizeof t->name, st, 1);
    copy_col(t->role, sizeof t->role, st, 2);
    t->owner_id = sqlite3_column_int64(st, 3);
    copy_col(t->owner, sizeof t->owner, st, 4);
    t->created_at = sqlite3_column_int64(st, 5);
    t->expires_at = sqlite3_column_int64(st, 6);
    t->last_used = sqlite3_column_int64(st, 7);
    t->revoked_at = sqlite3_column_int64(st, 8);
}

sw_code store_token_by_hash(store *s, const char *token_hash, store_token *out, bool *found, sw_error *err)
{
    char sql[320];
    snprintf(sql, sizeof sql, "%sWHERE t.token_hash = ?", TOKEN_COLS);
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, token_hash);
    bool row = false;
    sw_code rc = a.rc == SQLITE_OK ? store_step(s, st, &row, err) : store_fail(s, err, "binding token");
    *found = rc == SW_OK && row;
    if (*found) token_of(st, out);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_token_touch(store *s, int64_t id, int64_t now, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "UPDATE web_tokens SET last_used = ? WHERE id = ?", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, now);
    arg_int(&a, id);
    return run_once(s, &a, err);
}

sw_code store_token_list(store *s, store_token_fn fn, void *ctx, sw_error *err)
{
    char sql[320];
    snprintf(sql, sizeof sql, "%sORDER BY t.id", TOKEN_COLS);
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_token t;
        token_of(st, &t);
        if (fn(ctx, &t)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_token_revoke(store *s, int64_t id, int64_t now, bool *revoked, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "UPDATE web_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, now);
    arg_int(&a, id);
    if (run_once(s, &a, err)) return SW_ERR_DB;
    *revoked = sqlite3_changes(store_db(s)) > 0;
    return SW_OK;
}

/* --- audit ----------------------------------------------------------------- */

sw_code store_audit_add(store *s, const store_audit_rec *r, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "INSERT INTO web_audit(ts, actor, actor_role, source, action, target, outcome, detail)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, r->ts);
    arg_text(&a, r->actor);
    arg_text(&a, r->actor_role);
    arg_text(&a, r->source);
    arg_text(&a, r->action);
    arg_text(&a, r->target);
    arg_text(&a, r->outcome);
    arg_text(&a, r->detail);
    return run_once(s, &a, err);
}

sw_code store_audit_list(store *s, int64_t before_id, int64_t limit, store_audit_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT id, ts, actor, actor_role, source, action, target, outcome, detail FROM web_audit"
                      " WHERE ?1 <= 0 OR id < ?1 ORDER BY id DESC LIMIT ?2", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, before_id);
    arg_int(&a, limit > 0 ? limit : -1);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return store_fail(s, err, "binding audit filter");
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_audit_rec r = {
            .id = sqlite3_column_int64(st, 0), .ts = sqlite3_column_int64(st, 1), .actor = col_text(st, 2),
            .actor_role = col_text(st, 3), .source = col_text(st, 4), .action = col_text(st, 5),
            .target = col_text(st, 6), .outcome = col_text(st, 7), .detail = col_text(st, 8),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
