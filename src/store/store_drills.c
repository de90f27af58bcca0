/* store_drills.c - rows of the drills table (migrations/0013_drills.c). */
#include <sqlite3.h>
#include "store/store_drills.h"
#include "store/store_sql.h"

/* kind lives in the result (an exercise is a drill that tested the whole plan): no schema change. */
#define DRILL_COLS "id, scenario, playbook, held_at, sim_start, detect_us, points, scored, missed, result, " \
                   "coalesce(json_extract(result, '$.kind'), 'drill')"

sw_code store_drill_insert(store *s, const store_drill_rec *r, int64_t *id, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s,
                              "INSERT INTO drills (scenario, playbook, held_at, sim_start, detect_us, points, scored, missed, "
                              "result) VALUES (?,?,?,?,?,?,?,?,?)", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_text(st, 1, r->scenario, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, r->playbook, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, r->held_at);
    sqlite3_bind_int64(st, 4, r->sim_start);
    if (r->detect_us >= 0) sqlite3_bind_int64(st, 5, r->detect_us);
    else sqlite3_bind_null(st, 5);
    sqlite3_bind_double(st, 6, r->points);
    sqlite3_bind_int64(st, 7, r->scored);
    sqlite3_bind_int64(st, 8, r->missed);
    sqlite3_bind_text(st, 9, r->result, -1, SQLITE_TRANSIENT);
    bool row;
    c = store_step(s, st, &row, err);
    if (c == SW_OK) *id = sqlite3_last_insert_rowid(store_db(s));
    sqlite3_finalize(st);
    return c;
}

static sw_code each_drill(store *s, sqlite3_stmt *st, store_drill_fn fn, void *ctx, bool *found, sw_error *err)
{
    bool row;
    sw_code c;
    if (found) *found = false;
    while ((c = store_step(s, st, &row, err)) == SW_OK && row) {
        store_drill_rec r = {
            sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2), sqlite3_column_int64(st, 3),
            sqlite3_column_int64(st, 4), sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5),
            sqlite3_column_double(st, 6), sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8), col_text(st, 9),
            col_text(st, 10),
        };
        if (found) *found = true;
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return c;
}

sw_code store_drill_list(store *s, store_drill_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s, "SELECT " DRILL_COLS " FROM drills ORDER BY id DESC", &st, err);
    return c != SW_OK ? c : each_drill(s, st, fn, ctx, NULL, err);
}

sw_code store_drill_get(store *s, int64_t id, store_drill_fn fn, void *ctx, bool *found, sw_error *err)
{
    sqlite3_stmt *st;
    sw_code c = store_prepare(s, "SELECT " DRILL_COLS " FROM drills WHERE id = ?", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_int64(st, 1, id);
    return each_drill(s, st, fn, ctx, found, err);
}

sw_code store_drill_held(store *s, int64_t from, int64_t to, store_drill_fn fn, void *ctx, bool *have_table, sw_error *err)
{
    int64_t n = 0;
    sw_code c = store_query_int(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'drills'", &n, err);
    *have_table = c == SW_OK && n > 0;
    if (c != SW_OK || !n) return c;
    sqlite3_stmt *st;
    c = store_prepare(s, "SELECT " DRILL_COLS " FROM drills WHERE held_at >= ? AND held_at < ? ORDER BY held_at", &st, err);
    if (c != SW_OK) return c;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    return each_drill(s, st, fn, ctx, NULL, err);
}
