/* store_observed.c - the views over what sensors saw: alerts (filtered by
 * rule, severity and time), flows summed per talker pair and service, and
 * hosts seen on the wire beside the declared asset they match. */
#include "store/store_observe.h"
#include "store/store_sql.h"

static sw_code bind_failed(store *s, const store_args *a, sqlite3_stmt *st, sw_error *err)
{
    sqlite3_finalize(st);
    return sw_fail(err, SW_ERR_DB, "%s: binding filters: %s", store_path(s), sqlite3_errstr(a->rc));
}

#define SEVERITY_RANK(x) \
    "CASE " x " WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 END"

sw_code store_list_alerts(store *s, const store_alert_filter *f, store_alert_fn fn, void *ctx, sw_error *err)
{
    static const store_alert_filter any = { 0 };
    if (!f) f = &any;
    /* The newest `limit` rows, shown oldest first like a log. */
    static const char sql[] =
        "SELECT ts, rule_id, rule_name, severity, src_ip, src_port, dst_ip, dst_port, protocol,\n"
        "  src_zone_id, dst_zone_id, src_asset_id, dst_asset_id, technique_ids, ecs FROM (\n"
        "  SELECT * FROM alerts\n"
        "  WHERE (?1 IS NULL OR rule_id = ?1)\n"
        "    AND (?2 IS NULL OR " SEVERITY_RANK("severity") " >= " SEVERITY_RANK("?2") ")\n"
        "    AND ts >= ?3\n"
        "  ORDER BY ts DESC, id DESC LIMIT ?4)\n"
        "ORDER BY ts, id";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, f->rule);
    arg_text(&a, f->min_severity);
    arg_int(&a, f->since);
    arg_int(&a, f->limit > 0 ? f->limit : -1);
    if (a.rc != SQLITE_OK) return bind_failed(s, &a, st, err);
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
            .ecs = col_text(st, 14),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_list_flows(store *s, const store_flow_filter *f, store_flow_fn fn, void *ctx, sw_error *err)
{
    static const store_flow_filter any = { 0 };
    if (!f) f = &any;
    /* A pair and service is a violation when a segmentation rule named it:
     * the detectors judge every flow, and their verdict is the one to show. */
    static const char sql[] =
        "SELECT src_ip, dst_ip, ip_proto, dst_port, max(service), sum(flows), sum(packets), sum(bytes),\n"
        "  min(first_seen), max(last_seen), max(src_zone_id), max(dst_zone_id), max(src_asset_id),\n"
        "  max(dst_asset_id),\n"
        "  (SELECT min(a.rule_id) FROM alerts a WHERE a.rule_id LIKE 'SW-SEG-%'\n"
        "     AND a.src_ip = f.src_ip AND a.dst_ip = f.dst_ip\n"
        "     AND (f.ip_proto NOT IN (6, 17) OR a.dst_port = f.dst_port)) AS violation\n"
        "FROM observed_flows f\n"
        "WHERE (?1 IS NULL OR src_zone_id = ?1 OR dst_zone_id = ?1)\n"
        "GROUP BY src_ip, dst_ip, ip_proto, dst_port\n"
        "HAVING ?2 = 0 OR violation IS NOT NULL\n"
        "ORDER BY sum(bytes) DESC, src_ip, dst_ip, dst_port";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, f->zone);
    arg_int(&a, f->violations ? 1 : 0);
    if (a.rc != SQLITE_OK) return bind_failed(s, &a, st, err);
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_flow_row r = {
            .src_ip = col_text(st, 0), .dst_ip = col_text(st, 1), .ip_proto = sqlite3_column_int64(st, 2),
            .dst_port = sqlite3_column_int64(st, 3), .service = col_text(st, 4),
            .flows = sqlite3_column_int64(st, 5), .packets = sqlite3_column_int64(st, 6),
            .bytes = sqlite3_column_int64(st, 7), .first_seen = sqlite3_column_int64(st, 8),
            .last_seen = sqlite3_column_int64(st, 9), .src_zone = col_text(st, 10), .dst_zone = col_text(st, 11),
            .src_asset = col_text(st, 12), .dst_asset = col_text(st, 13), .violation = col_text(st, 14),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_list_hosts(store *s, bool undeclared_only, store_host_fn fn, void *ctx, sw_error *err)
{
    /* The declared asset is looked up now, not only when the host was
     * written, so a model loaded after sensing still matches. */
    static const char sql[] =
        "SELECT x.ip, x.mac, x.first_seen, x.last_seen, x.packets, x.bytes, x.aid, a.name, a.zone_id,\n"
        "  (SELECT vendor FROM observed_identities i WHERE i.ip = x.ip ORDER BY last_seen DESC LIMIT 1),\n"
        "  (SELECT product FROM observed_identities i WHERE i.ip = x.ip ORDER BY last_seen DESC LIMIT 1),\n"
        "  (SELECT firmware FROM observed_identities i WHERE i.ip = x.ip ORDER BY last_seen DESC LIMIT 1)\n"
        "FROM (SELECT h.*, coalesce(h.asset_id, (SELECT min(asset_id) FROM asset_ips WHERE ip = h.ip)) AS aid\n"
        "      FROM observed_hosts h) x\n"
        "LEFT JOIN assets a ON a.id = x.aid\n"
        "WHERE ?1 = 0 OR x.aid IS NULL\n"
        "ORDER BY x.ip, x.mac";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, undeclared_only ? 1 : 0);
    if (a.rc != SQLITE_OK) return bind_failed(s, &a, st, err);
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_host_row r = {
            .ip = col_text(st, 0), .mac = col_text(st, 1), .first_seen = sqlite3_column_int64(st, 2),
            .last_seen = sqlite3_column_int64(st, 3), .packets = sqlite3_column_int64(st, 4),
            .bytes = sqlite3_column_int64(st, 5), .asset = col_text(st, 6), .asset_name = col_text(st, 7),
            .zone = col_text(st, 8), .vendor = col_text(st, 9), .product = col_text(st, 10),
            .firmware = col_text(st, 11),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
