/* store_vessel_track.c - vessel tracks (store_vessel_track.h). */
#include "store/store_vessel_track.h"
#include <stdlib.h>
#include "store/store_sql.h"

/* Every vessel's points older than cutoff. The vessels are enumerated by
 * a skip-scan of the primary key (one seek each), so each delete is a range
 * of one vessel's key: no full scan, and no second index to maintain. */
static sw_code trim_by_age(store *s, int64_t cutoff, uint64_t *deleted, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "WITH RECURSIVE v(mmsi) AS (\n"
                      "  SELECT min(mmsi) FROM vessel_track\n"
                      "  UNION ALL SELECT (SELECT min(mmsi) FROM vessel_track WHERE mmsi > v.mmsi) FROM v WHERE v.mmsi IS NOT NULL)\n"
                      "DELETE FROM vessel_track WHERE mmsi IN (SELECT mmsi FROM v WHERE mmsi IS NOT NULL) AND ts < ?1",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, cutoff);
    sw_code rc = store_run(s, &a, err);
    if (rc == SW_OK) *deleted += (uint64_t)sqlite3_changes(store_db(s));
    sqlite3_finalize(st);
    return rc;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Each batch vessel's points beyond its newest max_points. */
static sw_code trim_by_count(store *s, const store_track_point *pts, size_t n, int64_t max_points, uint64_t *deleted,
                             sw_error *err)
{
    int64_t *ids = malloc(n * sizeof *ids);
    if (!ids) return sw_fail(err, SW_ERR_NOMEM, "track retention: out of memory");
    for (size_t i = 0; i < n; i++) ids[i] = pts[i].mmsi;
    qsort(ids, n, sizeof *ids, cmp_i64);
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "DELETE FROM vessel_track WHERE mmsi = ?1 AND ts <\n"
                      "  (SELECT ts FROM vessel_track WHERE mmsi = ?1 ORDER BY ts DESC LIMIT 1 OFFSET ?2)",
                      &st, err)) {
        free(ids);
        return SW_ERR_DB;
    }
    sw_code rc = SW_OK;
    for (size_t i = 0; i < n && rc == SW_OK; i++) {
        if (i && ids[i] == ids[i - 1]) continue;
        store_args a = store_args_of(st);
        arg_int(&a, ids[i]);
        arg_int(&a, max_points - 1);
        rc = store_run(s, &a, err);
        if (rc == SW_OK) *deleted += (uint64_t)sqlite3_changes(store_db(s));
    }
    sqlite3_finalize(st);
    free(ids);
    return rc;
}

sw_code store_put_track(store *s, const store_track_point *pts, size_t n, const store_track_keep *keep,
                        uint64_t *deleted, sw_error *err)
{
    uint64_t gone = 0;
    if (deleted) *deleted = 0;
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
    if (rc == SW_OK && keep && keep->max_age_us > 0 && keep->newest_us > INT64_MIN + keep->max_age_us)
        rc = trim_by_age(s, keep->newest_us - keep->max_age_us, &gone, err);
    if (rc == SW_OK && keep && keep->max_points > 0) rc = trim_by_count(s, pts, n, keep->max_points, &gone, err);
    if (rc == SW_OK) rc = store_commit(s, err);
    if (rc != SW_OK) store_rollback(s);
    else if (deleted) *deleted = gone;
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
