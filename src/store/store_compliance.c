/* store_compliance.c - reads and writes of the compliance tables (schema v6):
 * statuses with their change log, snapshots, and the observation coverage
 * the live checks need. */
#include "store/store_compliance.h"
#include "store/store_sql.h"

sw_code store_comp_set(store *s, const store_comp_status *st, const char *source, int64_t now_us, sw_error *err)
{
    static const char up[] =
        "INSERT INTO compliance_status(framework, requirement, zone, status, owner, due, evidence, updated_at)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)\n"
        "ON CONFLICT(framework, requirement, zone) DO UPDATE SET status = excluded.status, owner = excluded.owner,\n"
        "  due = excluded.due, evidence = excluded.evidence, updated_at = excluded.updated_at";
    static const char log[] =
        "INSERT INTO compliance_changes(framework, requirement, zone, status, owner, due, evidence, source, changed_at)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    const char *zone = st->zone ? st->zone : "";
    sqlite3_stmt *a_st, *b_st;
    if (store_prepare(s, up, &a_st, err)) return SW_ERR_DB;
    if (store_prepare(s, log, &b_st, err)) { sqlite3_finalize(a_st); return SW_ERR_DB; }
    store_args a = store_args_of(a_st);
    arg_text(&a, st->framework); arg_text(&a, st->requirement); arg_text(&a, zone); arg_text(&a, st->status);
    arg_text(&a, st->owner); arg_text(&a, st->due); arg_text(&a, st->evidence); arg_int(&a, now_us);
    sw_code rc = store_run(s, &a, err);
    if (rc == SW_OK) {
        store_args b = store_args_of(b_st);
        arg_text(&b, st->framework); arg_text(&b, st->requirement); arg_text(&b, zone); arg_text(&b, st->status);
        arg_text(&b, st->owner); arg_text(&b, st->due); arg_text(&b, st->evidence); arg_text(&b, source);
        arg_int(&b, now_us);
        rc = store_run(s, &b, err);
    }
    sqlite3_finalize(a_st);
    sqlite3_finalize(b_st);
    if (rc) return sw_fail(err, SW_ERR_DB, "%s %s%s%s: %s", st->framework, st->requirement, *zone ? " zone " : "", zone,
                           err ? err->msg : "write failed");
    return SW_OK;
}

sw_code store_comp_list(store *s, const char *framework, const char *zone, store_comp_status_fn fn, void *ctx,
                        sw_error *err)
{
    static const char sql[] =
        "SELECT framework, requirement, zone, status, owner, due, evidence, updated_at FROM compliance_status\n"
        "WHERE (?1 IS NULL OR framework = ?1) AND (?2 IS NULL OR zone = ?2)\n"
        "ORDER BY framework, zone, requirement";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, framework);
    arg_text(&a, zone);
    if (a.rc != SQLITE_OK) { sqlite3_finalize(st); return sw_fail(err, SW_ERR_DB, "binding: %s", sqlite3_errstr(a.rc)); }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_comp_status r = {
            .framework = col_text(st, 0), .requirement = col_text(st, 1), .zone = col_text(st, 2),
            .status = col_text(st, 3), .owner = col_text(st, 4), .due = col_text(st, 5), .evidence = col_text(st, 6),
            .updated_at = sqlite3_column_int64(st, 7),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_comp_snapshot_add(store *s, const store_comp_snapshot *snap, sw_error *err)
{
    static const char sql[] =
        "INSERT INTO compliance_snapshots(framework, zone, taken_at, applicable, met, partial, not_met, not_applicable,\n"
        "  unassessed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, snap->framework); arg_text(&a, snap->zone ? snap->zone : ""); arg_int(&a, snap->taken_at);
    arg_int(&a, snap->applicable); arg_int(&a, snap->met); arg_int(&a, snap->partial); arg_int(&a, snap->not_met);
    arg_int(&a, snap->not_applicable); arg_int(&a, snap->unassessed);
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_comp_snapshots(store *s, const char *framework, const char *zone, store_comp_snapshot_fn fn, void *ctx,
                             sw_error *err)
{
    static const char sql[] =
        "SELECT framework, zone, taken_at, applicable, met, partial, not_met, not_applicable, unassessed\n"
        "FROM compliance_snapshots WHERE (?1 IS NULL OR framework = ?1) AND (?2 IS NULL OR zone = ?2)\n"
        "ORDER BY taken_at, id";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, framework);
    arg_text(&a, zone);
    if (a.rc != SQLITE_OK) { sqlite3_finalize(st); return sw_fail(err, SW_ERR_DB, "binding: %s", sqlite3_errstr(a.rc)); }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_comp_snapshot r = {
            .framework = col_text(st, 0), .zone = col_text(st, 1), .taken_at = sqlite3_column_int64(st, 2),
            .applicable = sqlite3_column_int64(st, 3), .met = sqlite3_column_int64(st, 4),
            .partial = sqlite3_column_int64(st, 5), .not_met = sqlite3_column_int64(st, 6),
            .not_applicable = sqlite3_column_int64(st, 7), .unassessed = sqlite3_column_int64(st, 8),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_comp_observed(store *s, int64_t since, const char *zone, int64_t *flows, int64_t *newest, sw_error *err)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM observed_flows WHERE hour >= ?1\n"
        "          AND (?2 IS NULL OR src_zone_id = ?2 OR dst_zone_id = ?2)),\n"
        "  max(coalesce((SELECT max(hour) FROM observed_flows), 0), coalesce((SELECT max(ts) FROM alerts), 0))";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, since);
    arg_text(&a, zone);
    if (a.rc != SQLITE_OK) { sqlite3_finalize(st); return sw_fail(err, SW_ERR_DB, "binding: %s", sqlite3_errstr(a.rc)); }
    bool row;
    sw_code rc = store_step(s, st, &row, err);
    if (rc == SW_OK && row) {
        *flows = sqlite3_column_int64(st, 0);
        *newest = sqlite3_column_int64(st, 1);
    } else if (rc == SW_OK) *flows = *newest = 0;
    sqlite3_finalize(st);
    return rc;
}
