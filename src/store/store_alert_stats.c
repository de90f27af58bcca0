/* store_alert_stats.c - aggregate counts over the alerts table (see
 * store_alert_stats.h); every query is a range on the ts index or on the
 * asset indexes, and returns grouped rows only. */
#include "store/store_alert_stats.h"
#include <string.h>
#include "store/store_sql.h"

#define ALERT_SLOT_US 300000000LL  /* alert_slots' five minutes */

sw_code store_alert_severity_counts(store *s, const char *asset, int64_t counts[4], sw_error *err)
{
    static const char *const sev[4] = { "low", "medium", "high", "critical" };
    sqlite3_stmt *st;
    for (int i = 0; i < 4; i++) counts[i] = 0;
    /* Two indexed lookups joined by UNION so an alert from the asset to itself counts once. */
    if (store_prepare(s,
                      "SELECT severity, count(*) FROM (SELECT id, severity FROM alerts WHERE src_asset_id = ?1\n"
                      "  UNION SELECT id, severity FROM alerts WHERE dst_asset_id = ?1) GROUP BY severity",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, asset);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding the asset: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        const char *v = col_text(st, 0);
        for (int i = 0; i < 4; i++)
            if (v && !strcmp(v, sev[i])) counts[i] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_alert_newest_ts(store *s, int64_t *ts, bool *found, sw_error *err)
{
    sqlite3_stmt *st;
    *ts = 0;
    *found = false;
    if (store_prepare(s, "SELECT max(ts) FROM alerts", &st, err)) return SW_ERR_DB;
    bool row;
    sw_code rc = store_step(s, st, &row, err);
    if (rc == SW_OK && row && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        *ts = sqlite3_column_int64(st, 0);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_alert_bucket_counts(store *s, int64_t start, int64_t end, int64_t width, store_alert_bucket_fn fn,
                                  void *ctx, sw_error *err)
{
    if (width <= 0 || end <= start) return sw_fail(err, SW_ERR_INVALID, "alert buckets: empty range");
    sqlite3_stmt *st;
    /* Buckets made of whole five-minute slots sum alert_slots (schema 14):
     * a day is a few hundred rows however many alerts it holds. Others
     * count the alerts themselves. */
    bool slots = start % ALERT_SLOT_US == 0 && width % ALERT_SLOT_US == 0;
    if (store_prepare(s,
                      slots ? "SELECT (slot - ?1) / ?3, dataset, rule_prefix, sum(alerts) FROM alert_slots\n"
                              "WHERE slot >= ?1 AND slot < ?2 GROUP BY 1, 2, 3 HAVING sum(alerts) > 0"
                            : "SELECT (ts - ?1) / ?3, dataset, rule_id, count(*) FROM alerts\n"
                              "WHERE ts >= ?1 AND ts < ?2 GROUP BY 1, 2, 3",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, start);
    arg_int(&a, end);
    arg_int(&a, width);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding the range: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_alert_bucket_row r = { sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
                                     sqlite3_column_int64(st, 3) };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
