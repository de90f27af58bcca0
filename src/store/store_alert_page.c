/* store_alert_page.c - alerts a page at a time for the web API: keyset pages
 * newest first by (ts, id) below a cursor, and the tail after the last id a
 * live stream sent. Each page reads O(limit) index entries per branch, never
 * the whole table, whatever the filters (see the plan note below). */
#include <stdio.h>
#include <string.h>
#include "core/strbuf.h"
#include "store/store_observe.h"
#include "store/store_sql.h"

#define COLUMNS \
    "a.ts, a.rule_id, a.rule_name, a.severity, a.src_ip, a.src_port, a.dst_ip, a.dst_port, a.protocol,\n" \
    "  a.src_zone_id, a.dst_zone_id, a.src_asset_id, a.dst_asset_id, a.technique_ids, a.ecs, a.id"

static const char *const severities[] = { "low", "medium", "high", "critical" };

/* Why branches: "severity this or worse" and "zone/asset on either side"
 * are ORs, and an OR in a WHERE makes SQLite collect every matching row and
 * sort it to honour ORDER BY ts DESC, id DESC - on a million alerts, a
 * full sort for 100 rows. Split into one branch per severity and side
 * instead, each branch is an equality on an index whose next columns are
 * (ts, rowid) (alerts_rule, alerts_severity, and the zone and asset indexes
 * of migration 14), so it walks the index backwards from the cursor and
 * stops after `limit` rows; the outer query merges at most 16 x limit keys.
 * The other side of an OR excludes rows the first side already has. */
static void conditions(strbuf *sql, const store_alert_page *p, const char *sev, int zone_side, int asset_side)
{
    if (p->rule) strbuf_puts(sql, " AND rule_id = :rule");
    if (sev) strbuf_printf(sql, " AND severity = '%s'", sev);
    if (zone_side == 1) strbuf_puts(sql, " AND src_zone_id = :zone");
    if (zone_side == 2) strbuf_puts(sql, " AND dst_zone_id = :zone AND src_zone_id IS NOT :zone");
    if (asset_side == 1) strbuf_puts(sql, " AND src_asset_id = :asset");
    if (asset_side == 2) strbuf_puts(sql, " AND dst_asset_id = :asset AND src_asset_id IS NOT :asset");
    if (p->since) strbuf_puts(sql, " AND ts >= :since");
    if (p->before_id > 0) strbuf_puts(sql, " AND (ts, id) < (:bts, :bid)");
}

static void branch(strbuf *sql, const store_alert_page *p, const char *sev, int zone_side, int asset_side)
{
    strbuf_puts(sql, "SELECT id, ts FROM (SELECT id, ts FROM alerts WHERE 1");
    conditions(sql, p, sev, zone_side, asset_side);
    strbuf_puts(sql, " ORDER BY ts DESC, id DESC LIMIT :lim)");
}

/* The newest-first page's SQL for the filters present. */
static void newest_sql(strbuf *sql, const store_alert_page *p)
{
    int sev_from = 0, nsev = 1;
    if (p->min_severity) {
        for (int i = 0; i < 4; i++)
            if (!strcmp(p->min_severity, severities[i])) sev_from = i;
        nsev = 4 - sev_from;
    }
    int zsides = p->zone ? 2 : 1, asides = p->asset ? 2 : 1;
    bool first = true;
    if (nsev * zsides * asides == 1) {
        /* One branch: walk its index and read the rows as it goes, with no
         * merge and no temporary b-tree. */
        strbuf_puts(sql, "SELECT " COLUMNS " FROM alerts a WHERE 1");
        conditions(sql, p, p->min_severity ? severities[sev_from] : NULL, 0, 0);
        strbuf_puts(sql, " ORDER BY ts DESC, id DESC LIMIT :lim");
        return;
    }
    strbuf_puts(sql, "SELECT " COLUMNS " FROM (");
    for (int s = 0; s < nsev; s++)
        for (int z = 0; z < zsides; z++)
            for (int k = 0; k < asides; k++) {
                if (!first) strbuf_puts(sql, " UNION ALL ");
                first = false;
                branch(sql, p, p->min_severity ? severities[sev_from + s] : NULL, p->zone ? z + 1 : 0,
                       p->asset ? k + 1 : 0);
            }
    strbuf_puts(sql, ") AS k JOIN alerts a ON a.id = k.id ORDER BY k.ts DESC, k.id DESC LIMIT :lim");
}

static int bind_named(sqlite3_stmt *st, const char *name, const char *text, int64_t v, bool is_text)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (!i) return SQLITE_OK;
    return is_text ? sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC) : sqlite3_bind_int64(st, i, v);
}

sw_code store_list_alert_page(store *s, const store_alert_page *p, store_alert_fn fn, void *ctx, sw_error *err)
{
    if (p->min_severity && strcmp(p->min_severity, "low") && strcmp(p->min_severity, "medium") &&
        strcmp(p->min_severity, "high") && strcmp(p->min_severity, "critical"))
        return sw_fail(err, SW_ERR_INVALID, "severity '%s' is not low, medium, high or critical", p->min_severity);
    strbuf sql;
    strbuf_init(&sql);
    if (p->after_id > 0)
        strbuf_puts(&sql, "SELECT " COLUMNS " FROM alerts a WHERE a.id > :after ORDER BY a.id LIMIT :lim");
    else
        newest_sql(&sql, p);
    sqlite3_stmt *st;
    sw_code prc = store_prepare(s, sql.data, &st, err);
    strbuf_free(&sql);
    if (prc) return SW_ERR_DB;
    int rc = SQLITE_OK;
    if (rc == SQLITE_OK) rc = bind_named(st, ":rule", p->rule, 0, true);
    if (rc == SQLITE_OK) rc = bind_named(st, ":zone", p->zone, 0, true);
    if (rc == SQLITE_OK) rc = bind_named(st, ":asset", p->asset, 0, true);
    if (rc == SQLITE_OK) rc = bind_named(st, ":since", NULL, p->since, false);
    if (rc == SQLITE_OK) rc = bind_named(st, ":bts", NULL, p->before_ts, false);
    if (rc == SQLITE_OK) rc = bind_named(st, ":bid", NULL, p->before_id, false);
    if (rc == SQLITE_OK) rc = bind_named(st, ":after", NULL, p->after_id, false);
    if (rc == SQLITE_OK) rc = bind_named(st, ":lim", NULL, p->limit > 0 ? p->limit : 1, false);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding alert filters: %s", store_path(s), sqlite3_errstr(rc));
    }
    sw_code src;
    bool row;
    while ((src = store_step(s, st, &row, err)) == SW_OK && row) {
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
    return src;
}

sw_code store_alert_max_id(store *s, int64_t *out, sw_error *err)
{
    return store_query_int(s, "SELECT coalesce(max(id), 0) FROM alerts", out, err);
}
