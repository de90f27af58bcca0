/* store_incident_feed.c - timeline entries across incidents by row id
 * (store_incident_feed.h). The timeline refuses UPDATE and DELETE, so row
 * ids only grow and a cursor never skips or repeats an entry. */
#include "store/store_incident_feed.h"
#include "store/store_sql.h"

sw_code store_incident_feed(store *s, int64_t after_id, int64_t limit, store_feed_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT t.rowid, t.incident, t.seq, t.ts, t.kind, t.actor, t.body, i.title, i.severity, i.state\n"
                      "FROM incident_timeline t JOIN incidents i ON i.id = t.incident\n"
                      "WHERE t.rowid > ?1 ORDER BY t.rowid LIMIT ?2",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, after_id);
    arg_int(&a, limit > 0 ? limit : 1);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding the cursor: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_feed_row r = {
            sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
            sqlite3_column_int64(st, 3), col_text(st, 4), col_text(st, 5), col_text(st, 6),
            col_text(st, 7), col_text(st, 8), col_text(st, 9),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_incident_feed_max(store *s, int64_t *out, sw_error *err)
{
    return store_query_int(s, "SELECT coalesce(max(rowid), 0) FROM incident_timeline", out, err);
}
