/* store_comp_incidents.c - the incidents table probed by name and columns
 * (PRAGMA table_info) and read for the reporting-timeliness check; see
 * store_comp_incidents.h for why a missing table is no error. */
#include "store/store_comp_incidents.h"
#include <stdio.h>
#include <string.h>
#include "store/store_sql.h"

/* Column names the incident schema may use, in order of preference. */
static const char *const detected_cols[] = { "detected_at", "opened_at", "created_at", NULL };
static const char *const reported_cols[] = { "reported_at", "regulator_reported_at", "nrc_reported_at", NULL };

static int pick(const char *const *names, bool *have)
{
    for (int i = 0; names[i]; i++) if (have[i]) return i;
    return -1;
}

/* True when the database has Seawall's incident timeline table. */
static bool store_comp_has_timeline(store *s)
{
    sqlite3_stmt *st;
    sw_error e = { 0 };
    bool row = false;
    if (store_prepare(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident_timeline'", &st, &e))
        return false;
    if (store_step(s, st, &row, &e) != SW_OK) row = false;
    sqlite3_finalize(st);
    return row;
}

sw_code store_comp_incidents(store *s, int64_t since, const char **schema, store_comp_incident_fn fn, void *ctx,
                             sw_error *err)
{
    static char used[96];
    *schema = NULL;
    sqlite3_stmt *st;
    if (store_prepare(s, "SELECT name FROM pragma_table_info('incidents')", &st, err)) return SW_ERR_DB;
    bool have_d[4] = { false }, have_r[4] = { false }, have_id = false, row;
    sw_code rc;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        const char *name = col_text(st, 0);
        if (!name) continue;
        if (!strcmp(name, "id")) have_id = true;
        for (int i = 0; detected_cols[i]; i++) have_d[i] |= !strcmp(name, detected_cols[i]);
        for (int i = 0; reported_cols[i]; i++) have_r[i] |= !strcmp(name, reported_cols[i]);
    }
    sqlite3_finalize(st);
    if (rc) return rc;
    int d = pick(detected_cols, have_d), r = pick(reported_cols, have_r);
    if (!have_id || d < 0) return SW_OK;
    /* Seawall's own incident store (migration 0010): a duty is reported by
     * the first `comms` entry of the hash-chained timeline naming it. */
    if (r < 0 && d == 0 && store_comp_has_timeline(s)) {
        *schema = "detected_at, first comms entry naming a duty";
        if (store_prepare(s,
                          "SELECT CAST(i.id AS TEXT), i.detected_at, "
                          "(SELECT min(t.ts) FROM incident_timeline t WHERE t.incident = i.id AND t.kind = 'comms' "
                          "AND json_valid(t.body) AND json_extract(t.body, '$.duty') IS NOT NULL) "
                          "FROM incidents i WHERE i.detected_at >= ?1 ORDER BY i.detected_at, i.id",
                          &st, err))
            return SW_ERR_DB;
        store_args a = store_args_of(st);
        arg_int(&a, since);
        while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
            store_comp_incident x = { col_text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2) };
            if (fn(ctx, &x)) break;
        }
        sqlite3_finalize(st);
        return rc;
    }
    snprintf(used, sizeof used, "%s, %s", detected_cols[d], r >= 0 ? reported_cols[r] : "(no reporting column)");
    *schema = used;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT CAST(id AS TEXT), %s, %s FROM incidents WHERE %s >= ?1 ORDER BY %s, id",
             detected_cols[d], r >= 0 ? reported_cols[r] : "NULL", detected_cols[d], detected_cols[d]);
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, since);
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_comp_incident x = { col_text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2) };
        if (fn(ctx, &x)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
