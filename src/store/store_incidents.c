/* store_incidents.c - rows of incidents, timeline, tasks and evidence
 * (schema in migrations/0010_incidents.c). */
#include <sqlite3.h>
#include "store/store_incidents.h"
#include "store/store_sql.h"

#define INCIDENT_COLS "id, title, severity, state, playbook, candidate, assets, detected_at, opened_at, entries, head"

sw_code store_incident_insert(store *s, const store_incident_rec *r, int64_t *id, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "INSERT INTO incidents (title, severity, state, playbook, candidate, assets, detected_at, "
                              "opened_at, entries, head) VALUES (?,?,?,?,?,?,?,?,?,?)", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_text(&a, r->title);
    arg_text(&a, r->severity);
    arg_text(&a, r->state);
    arg_text(&a, r->playbook);
    arg_text(&a, r->candidate);
    arg_text(&a, r->assets);
    arg_int(&a, r->detected_at);
    arg_int(&a, r->opened_at);
    arg_int(&a, r->entries);
    arg_text(&a, r->head);
    c = store_run(s, &a, err);
    if (c == SW_OK) *id = sqlite3_last_insert_rowid(store_db(s));
    sqlite3_finalize(st);
    return c;
}

static sw_code each_incident(store *s, sqlite3_stmt *st, store_incident_fn fn, void *ctx, bool *found, sw_error *err)
{
    bool row;
    sw_code c;
    if (found) *found = false;
    while ((c = store_step(s, st, &row, err)) == SW_OK && row) {
        store_incident_rec r = {
            sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3), col_text(st, 4),
            col_text(st, 5), col_text(st, 6), sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
            sqlite3_column_int64(st, 9), col_text(st, 10),
        };
        if (found) *found = true;
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return c;
}

sw_code store_incident_get(store *s, int64_t id, store_incident_fn fn, void *ctx, bool *found, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s, "SELECT " INCIDENT_COLS " FROM incidents WHERE id = ?", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_int64(st, 1, id);
    return each_incident(s, st, fn, ctx, found, err);
}

sw_code store_incident_list(store *s, store_incident_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s, "SELECT " INCIDENT_COLS " FROM incidents ORDER BY id DESC", &st, err);
    if (c != SW_OK) return c;
    return each_incident(s, st, fn, ctx, NULL, err);
}

sw_code store_incident_set_state(store *s, int64_t id, const char *state, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s, "UPDATE incidents SET state = ? WHERE id = ?", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_text(&a, state);
    arg_int(&a, id);
    c = store_run(s, &a, err);
    sqlite3_finalize(st);
    return c;
}

sw_code store_incident_set_head(store *s, int64_t id, int64_t entries, const char *head, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s, "UPDATE incidents SET entries = ?, head = ? WHERE id = ?", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_int(&a, entries);
    arg_text(&a, head);
    arg_int(&a, id);
    c = store_run(s, &a, err);
    sqlite3_finalize(st);
    return c;
}

sw_code store_timeline_insert(store *s, const store_timeline_rec *r, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "INSERT INTO incident_timeline (incident, seq, ts, kind, actor, body, prev_hash, hash) "
                              "VALUES (?,?,?,?,?,?,?,?)", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_int(&a, r->incident);
    arg_int(&a, r->seq);
    arg_int(&a, r->ts);
    arg_text(&a, r->kind);
    arg_text(&a, r->actor);
    arg_text(&a, r->body);
    arg_text(&a, r->prev_hash);
    arg_text(&a, r->hash);
    c = store_run(s, &a, err);
    sqlite3_finalize(st);
    return c;
}

sw_code store_timeline_list(store *s, int64_t incident, store_timeline_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "SELECT incident, seq, ts, kind, actor, body, prev_hash, hash FROM incident_timeline "
                              "WHERE incident = ? ORDER BY seq", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_int64(st, 1, incident);
    bool row;
    while ((c = store_step(s, st, &row, err)) == SW_OK && row) {
        store_timeline_rec r = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
                                 col_text(st, 3), col_text(st, 4), col_text(st, 5), col_text(st, 6), col_text(st, 7) };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return c;
}

sw_code store_task_insert(store *s, const store_task_rec *t, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "INSERT INTO incident_tasks (incident, n, phase, text, role, assignee, decision, duty) "
                              "VALUES (?,?,?,?,?,?,?,?)", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_int(&a, t->incident);
    arg_int(&a, t->n);
    arg_text(&a, t->phase);
    arg_text(&a, t->text);
    arg_text(&a, t->role);
    arg_text(&a, t->assignee);
    arg_text(&a, t->decision);
    arg_text(&a, t->duty);
    c = store_run(s, &a, err);
    sqlite3_finalize(st);
    return c;
}

sw_code store_task_list(store *s, int64_t incident, store_task_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "SELECT incident, n, phase, text, role, assignee, decision, duty, done_by, done_at "
                              "FROM incident_tasks WHERE incident = ? ORDER BY n", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_int64(st, 1, incident);
    bool row;
    while ((c = store_step(s, st, &row, err)) == SW_OK && row) {
        store_task_rec t = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col_text(st, 2), col_text(st, 3),
                             col_text(st, 4), col_text(st, 5), col_text(st, 6), col_text(st, 7), col_text(st, 8),
                             sqlite3_column_int64(st, 9) };
        if (fn(ctx, &t)) break;
    }
    sqlite3_finalize(st);
    return c;
}

sw_code store_task_done(store *s, int64_t incident, int64_t n, const char *by, int64_t at, bool *changed, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "UPDATE incident_tasks SET done_by = ?, done_at = ? "
                              "WHERE incident = ? AND n = ? AND done_at IS NULL", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_text(&a, by);
    arg_int(&a, at);
    arg_int(&a, incident);
    arg_int(&a, n);
    c = store_run(s, &a, err);
    *changed = c == SW_OK && sqlite3_changes(store_db(s)) > 0;
    sqlite3_finalize(st);
    return c;
}

sw_code store_evidence_insert(store *s, const store_evidence_rec *e, bool *added, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "INSERT OR IGNORE INTO incident_evidence (incident, sha256, name, size, path, added_at, added_by) "
                              "VALUES (?,?,?,?,?,?,?)", &st, err);
    if (c != SW_OK) return c;
    store_args a = store_args_of(st);
    arg_int(&a, e->incident);
    arg_text(&a, e->sha256);
    arg_text(&a, e->name);
    arg_int(&a, e->size);
    arg_text(&a, e->path);
    arg_int(&a, e->added_at);
    arg_text(&a, e->added_by);
    c = store_run(s, &a, err);
    *added = c == SW_OK && sqlite3_changes(store_db(s)) > 0;
    sqlite3_finalize(st);
    return c;
}

sw_code store_evidence_list(store *s, int64_t incident, store_evidence_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "SELECT incident, sha256, name, path, added_by, size, added_at FROM incident_evidence "
                              "WHERE incident = ? ORDER BY added_at, sha256", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_int64(st, 1, incident);
    bool row;
    while ((c = store_step(s, st, &row, err)) == SW_OK && row) {
        store_evidence_rec e = { sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
                                 col_text(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6) };
        if (fn(ctx, &e)) break;
    }
    sqlite3_finalize(st);
    return c;
}
