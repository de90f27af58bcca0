/* store_zones.c - lists the port's IEC 62443 zones with their networks and
 * how many assets each holds. */
#include "store/store_query.h"
#include "store/store_sql.h"

sw_code store_list_zones(store *s, store_zone_fn fn, void *ctx, sw_error *err)
{
    /* group_concat keeps the subquery's order, which is file order */
    static const char sql[] =
        "SELECT z.id, z.name, z.domain, z.site_id, z.security_level,\n"
        "  coalesce((SELECT group_concat(cidr, ',') FROM\n"
        "            (SELECT cidr FROM zone_networks WHERE zone_id = z.id ORDER BY position)), ''),\n"
        "  (SELECT count(*) FROM assets WHERE zone_id = z.id)\n"
        "FROM zones z\n"
        "ORDER BY CASE z.domain WHEN 'it' THEN 0 WHEN 'ot' THEN 1 ELSE 2 END, z.id";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_zone_row r = {
            .id = col_text(st, 0), .name = col_text(st, 1), .domain = col_text(st, 2), .site = col_text(st, 3),
            .security_level = sqlite3_column_int(st, 4), .networks = col_text(st, 5),
            .assets = sqlite3_column_int64(st, 6),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
