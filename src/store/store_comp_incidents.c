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
