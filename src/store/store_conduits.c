/* store_conduits.c - lists the conduits: the only cross-zone flows the
 * port allows, with their services. */
#include "store/store_query.h"
#include "store/store_sql.h"

sw_code store_list_conduits(store *s, store_conduit_fn fn, void *ctx, sw_error *err)
{
    static const char sql[] =
        "SELECT c.id, c.from_zone_id, c.to_zone_id, c.justification, c.bidirectional,\n"
        "  coalesce((SELECT group_concat(service, ',') FROM\n"
        "            (SELECT service FROM conduit_services WHERE conduit_id = c.id ORDER BY position)), '')\n"
        "FROM conduits c\n"
        "ORDER BY c.from_zone_id, c.to_zone_id, c.id";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_conduit_row r = {
            .id = col_text(st, 0), .from_zone = col_text(st, 1), .to_zone = col_text(st, 2),
            .justification = col_text(st, 3), .bidirectional = sqlite3_column_int(st, 4) != 0,
            .services = col_text(st, 5),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
