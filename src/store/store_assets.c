/* store_assets.c - lists assets, filtered by zone, kind, domain and
 * criticality, with their addresses. */
#include "store/store_query.h"
#include "store/store_sql.h"

sw_code store_list_assets(store *s, const store_asset_filter *filter, store_asset_fn fn, void *ctx,
                          sw_error *err)
{
    static const store_asset_filter any = { 0 };
    if (!filter) filter = &any;
    /* A NULL parameter matches everything, so one statement serves every
     * combination of filters. */
    static const char sql[] =
        "SELECT a.id, a.name, a.kind, a.zone_id, z.domain, a.criticality,\n"
        "  coalesce((SELECT group_concat(ip, ',') FROM\n"
        "            (SELECT ip FROM asset_ips WHERE asset_id = a.id ORDER BY position)), ''),\n"
        "  a.mac, a.vendor, a.product, a.version, a.owner_id\n"
        "FROM assets a LEFT JOIN zones z ON z.id = a.zone_id\n"
        "WHERE (?1 IS NULL OR a.zone_id = ?1) AND (?2 IS NULL OR a.kind = ?2)\n"
        "  AND (?3 IS NULL OR z.domain = ?3) AND (?4 IS NULL OR a.criticality = ?4)\n"
        "ORDER BY a.zone_id, a.id";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, filter->zone);
    arg_text(&a, filter->kind);
    arg_text(&a, filter->domain);
    arg_text(&a, filter->criticality);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding filters: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_asset_row r = {
            .id = col_text(st, 0), .name = col_text(st, 1), .kind = col_text(st, 2), .zone = col_text(st, 3),
            .domain = col_text(st, 4), .criticality = col_text(st, 5), .ips = col_text(st, 6),
            .mac = col_text(st, 7), .vendor = col_text(st, 8), .product = col_text(st, 9),
            .version = col_text(st, 10), .owner = col_text(st, 11),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
