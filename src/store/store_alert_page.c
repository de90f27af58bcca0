/* store_alert_page.c - alerts by row id for the web API: keyset pages
 * (newest first, below a cursor) and the tail after the last id a live
 * stream sent. Row ids only grow, so a cursor never skips or repeats. */
#include <stdio.h>
#include "store/store_observe.h"
#include "store/store_sql.h"

#define PAGE_SEVERITY_RANK(x) \
    "CASE " x " WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 END"

sw_code store_list_alert_page(store *s, const store_alert_page *p, store_alert_fn fn, void *ctx, sw_error *err)
{
    static const char newest[] =
        "SELECT ts, rule_id, rule_name, severity, src_ip, src_port, dst_ip, dst_port, protocol,\n"
        "  src_zone_id, dst_zone_id, src_asset_id, dst_asset_id, technique_ids, ecs, id FROM alerts\n"
        "WHERE (?1 IS NULL OR rule_id = ?1)\n"
        "  AND (?2 IS NULL OR " PAGE_SEVERITY_RANK("severity") " >= " PAGE_SEVERITY_RANK("?2") ")\n"
        "  AND (?3 IS NULL OR src_zone_id = ?3 OR dst_zone_id = ?3)\n"
        "  AND (?4 IS NULL OR src_asset_id = ?4 OR dst_asset_id = ?4)\n"
        "  AND ts >= ?5 AND (?6 <= 0 OR id < ?6) AND id > ?7\n";
    char sql[sizeof newest + 64];
    snprintf(sql, sizeof sql, "%sORDER BY id %s LIMIT ?8", newest, p->after_id > 0 ? "ASC" : "DESC");
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, p->rule);
    arg_text(&a, p->min_severity);
    arg_text(&a, p->zone);
    arg_text(&a, p->asset);
    arg_int(&a, p->since);
    arg_int(&a, p->before_id);
    arg_int(&a, p->after_id > 0 ? p->after_id : 0);
    arg_int(&a, p->limit > 0 ? p->limit : 1);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding alert filters: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_alert_row r = {
            .ts = sqlite3_column_int64(st, 0), .rule_id = col_text(st, 1), .rule_name = col_text(st, 2),
            .severity = col_text(st, 3), .src_ip = col_text(st, 4),
            .src_port = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5),
            .dst_ip = col_text(st, 6),
            .dst_port = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 7),
            .protocol = col_text(st, 8), .src_zone = col_text(st, 9), .dst_zone = col_text(st, 10),
            .src_asset = col_text(st, 11), .dst_asset = col_text(st, 12), .techniques = col_text(st, 13),
            .ecs = col_text(st, 14), .id = sqlite3_column_int64(st, 15),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_alert_max_id(store *s, int64_t *out, sw_error *err)
{
    return store_query_int(s, "SELECT coalesce(max(id), 0) FROM alerts", out, err);
}
