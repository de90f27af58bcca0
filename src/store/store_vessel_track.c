/* store_vessel_track.c - vessel tracks (store_vessel_track.h). */
#include "store/store_vessel_track.h"
#include "store/store_sql.h"

sw_code store_put_track(store *s, const store_track_point *pts, size_t n, sw_error *err)
{
    if (!n) return SW_OK;
    sqlite3_stmt *st;
    if (store_begin(s, err)) return SW_ERR_DB;
    if (store_prepare(s,
                      "INSERT OR IGNORE INTO vessel_track (mmsi, ts, lat, lon, sog_kn, cog_deg, line)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
                      &st, err)) {
        store_rollback(s);
        return SW_ERR_DB;
    }
    sw_code rc = SW_OK;
    for (size_t i = 0; i < n && rc == SW_OK; i++) {
        const store_track_point *p = &pts[i];
        store_args a = store_args_of(st);
        arg_int(&a, p->mmsi);
        arg_int(&a, p->ts);
        arg_real(&a, p->lat);
        arg_real(&a, p->lon);
        if (p->sog_kn >= 0) arg_real(&a, p->sog_kn); else arg_null(&a);
        if (p->cog_deg >= 0) arg_real(&a, p->cog_deg); else arg_null(&a);
        arg_int(&a, p->line);
        rc = store_run(s, &a, err);
    }
    sqlite3_finalize(st);
    if (rc == SW_OK) rc = store_commit(s, err);
    if (rc != SW_OK) store_rollback(s);
    return rc;
}

sw_code store_vessel_track(store *s, int64_t mmsi, int64_t since, int64_t limit, store_track_fn fn, void *ctx,
                           sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT mmsi, ts, lat, lon, sog_kn, cog_deg, line FROM\n"
                      "  (SELECT * FROM vessel_track WHERE mmsi = ?1 AND ts >= ?2 ORDER BY ts DESC LIMIT ?3)\n"
                      "ORDER BY ts",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, mmsi);
    arg_int(&a, since);
    arg_int(&a, limit > 0 ? limit : 1);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding the track query: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_track_point p = {
            sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2),
            sqlite3_column_double(st, 3),
            sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 4),
            sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 5),
            sqlite3_column_int64(st, 6),
        };
        if (fn(ctx, &p)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
