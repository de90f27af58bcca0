/* store_vessels.c - vessel upserts in one transaction per batch through
 * statements prepared once per batch, and the vessel listing. */
#include "store/store_vessels.h"
#include "core/timeutil.h"
#include "store/store_sql.h"

static const char upsert_sql[] =
    "INSERT INTO vessels(mmsi, station, class, flag, name, callsign, imo, shiptype, length_m, beam_m, draught_m,\n"
    "  destination, eta, lat, lon, sog_kn, cog_deg, heading, nav_status, first_seen, last_seen, first_line,\n"
    "  last_line, messages, positions, alerts, status, updated_at)\n"
    "VALUES (?1, ?2, ?3, ?4, nullif(?5, ''), nullif(?6, ''), nullif(?7, 0), nullif(?8, 0), nullif(?9, 0),\n"
    "  nullif(?10, 0), nullif(?11, 0), nullif(?12, ''), ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,\n"
    "  ?24, ?25, ?26, ?27, ?28)\n"
    "ON CONFLICT(mmsi) DO UPDATE SET\n"
    "  station = excluded.station,\n"
    "  class = CASE excluded.class WHEN 'unknown' THEN class ELSE excluded.class END,\n"
    "  flag = excluded.flag,\n"
    "  name = coalesce(excluded.name, name), callsign = coalesce(excluded.callsign, callsign),\n"
    "  imo = coalesce(excluded.imo, imo), shiptype = coalesce(excluded.shiptype, shiptype),\n"
    "  length_m = coalesce(excluded.length_m, length_m), beam_m = coalesce(excluded.beam_m, beam_m),\n"
    "  draught_m = coalesce(excluded.draught_m, draught_m),\n"
    "  destination = coalesce(excluded.destination, destination), eta = coalesce(excluded.eta, eta),\n"
    "  lat = coalesce(excluded.lat, lat), lon = coalesce(excluded.lon, lon),\n"
    "  sog_kn = coalesce(excluded.sog_kn, sog_kn), cog_deg = coalesce(excluded.cog_deg, cog_deg),\n"
    "  heading = coalesce(excluded.heading, heading), nav_status = coalesce(excluded.nav_status, nav_status),\n"
    "  first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen),\n"
    "  last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen, excluded.last_seen),\n"
    "  first_line = coalesce(first_line, excluded.first_line), last_line = excluded.last_line,\n"
    "  messages = messages + excluded.messages, positions = positions + excluded.positions,\n"
    "  alerts = alerts + excluded.alerts,\n"
    "  status = CASE WHEN 'alert' IN (status, excluded.status) THEN 'alert'\n"
    "                WHEN 'suspect' IN (status, excluded.status) THEN 'suspect' ELSE 'ok' END,\n"
    "  updated_at = excluded.updated_at";

static const char check_sql[] =
    "INSERT INTO vessel_checks(mmsi, check_id, first_at, last_at) VALUES (?1, ?2, ?3, ?3)\n"
    "ON CONFLICT(mmsi, check_id) DO UPDATE SET last_at = excluded.last_at";

static void arg_time(store_args *a, int64_t t)
{
    if (t == STORE_NO_TIME) arg_null(a);
    else arg_int(a, t);
}

static void arg_opt_real(store_args *a, bool has, double v)
{
    if (has) arg_real(a, v);
    else arg_null(a);
}

static sw_code put_one(store *s, sqlite3_stmt *up, sqlite3_stmt *ck, const store_vessel_rec *r, int64_t now,
                       sw_error *err)
{
    store_args a = store_args_of(up);
    arg_int(&a, r->mmsi);
    arg_text(&a, r->station ? r->station : "invalid");
    arg_text(&a, r->cls ? r->cls : "unknown");
    arg_text(&a, r->flag);
    arg_text(&a, r->name ? r->name : "");
    arg_text(&a, r->callsign ? r->callsign : "");
    arg_int(&a, r->imo);
    arg_int(&a, r->shiptype);
    arg_int(&a, r->length_m);
    arg_int(&a, r->beam_m);
    arg_real(&a, r->draught_m);
    arg_text(&a, r->destination ? r->destination : "");
    arg_text(&a, r->eta && r->eta[0] ? r->eta : NULL);
    arg_opt_real(&a, r->has_pos, r->lat);
    arg_opt_real(&a, r->has_pos, r->lon);
    arg_opt_real(&a, r->sog_kn >= 0, r->sog_kn);
    arg_opt_real(&a, r->cog_deg >= 0, r->cog_deg);
    if (r->heading >= 0) arg_int(&a, r->heading); else arg_null(&a);
    if (r->nav_status >= 0) arg_int(&a, r->nav_status); else arg_null(&a);
    arg_time(&a, r->first_seen);
    arg_time(&a, r->last_seen);
    arg_int(&a, r->first_line);
    arg_int(&a, r->last_line);
    arg_int(&a, r->messages);
    arg_int(&a, r->positions);
    arg_int(&a, r->alerts);
    arg_text(&a, r->status ? r->status : "ok");
    arg_int(&a, now);
    if (store_run(s, &a, err)) return SW_ERR_DB;
    for (size_t i = 0; i < r->n_checks && i < STORE_VESSEL_MAX_CHECKS; i++) {
        store_args c = store_args_of(ck);
        arg_int(&c, r->mmsi);
        arg_text(&c, r->checks[i]);
        arg_int(&c, now);
        if (store_run(s, &c, err)) return SW_ERR_DB;
    }
    return SW_OK;
}

sw_code store_put_vessels(store *s, const store_vessel_rec *recs, size_t n, sw_error *err)
{
    if (!n) return SW_OK;
    sqlite3_stmt *up = NULL, *ck = NULL;
    if (store_prepare(s, upsert_sql, &up, err) || store_prepare(s, check_sql, &ck, err)) {
        sqlite3_finalize(up);
        return SW_ERR_DB;
    }
    int64_t now = time_now_us();
    sw_code rc = store_begin(s, err);
    for (size_t i = 0; rc == SW_OK && i < n; i++) rc = put_one(s, up, ck, &recs[i], now, err);
    if (rc == SW_OK) rc = store_commit(s, err);
    else store_rollback(s);
    sqlite3_finalize(up);
    sqlite3_finalize(ck);
    return rc;
}

static double col_real_or(sqlite3_stmt *st, int col, double dflt)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? dflt : sqlite3_column_double(st, col);
}

sw_code store_list_vessels(store *s, const store_vessel_filter *f, store_vessel_fn fn, void *ctx, sw_error *err)
{
    static const store_vessel_filter any = { 0 };
    if (!f) f = &any;
    static const char sql[] =
        "SELECT v.mmsi, station, class, flag, name, callsign, destination, coalesce(imo, 0), coalesce(shiptype, 0),\n"
        "  coalesce(length_m, 0), coalesce(beam_m, 0), lat, lon, sog_kn, cog_deg, first_seen, last_seen,\n"
        "  messages, positions, alerts, status,\n"
        "  coalesce((SELECT group_concat(check_id, ',') FROM\n"
        "            (SELECT check_id FROM vessel_checks c WHERE c.mmsi = v.mmsi ORDER BY check_id)), '')\n"
        "FROM vessels v\n"
        "WHERE (?1 IS NULL OR status = ?1)\n"
        "  AND (?2 IS NULL OR EXISTS (SELECT 1 FROM vessel_checks c WHERE c.mmsi = v.mmsi AND c.check_id = ?2))\n"
        "ORDER BY CASE status WHEN 'alert' THEN 0 WHEN 'suspect' THEN 1 ELSE 2 END,\n"
        "  last_seen IS NULL, last_seen DESC, v.mmsi";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, f->status);
    arg_text(&a, f->check);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding filters: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_vessel_row r = {
            .mmsi = sqlite3_column_int64(st, 0), .station = col_text(st, 1), .cls = col_text(st, 2),
            .flag = col_text(st, 3), .name = col_text(st, 4), .callsign = col_text(st, 5),
            .destination = col_text(st, 6), .imo = sqlite3_column_int64(st, 7),
            .shiptype = sqlite3_column_int64(st, 8), .length_m = sqlite3_column_int64(st, 9),
            .beam_m = sqlite3_column_int64(st, 10), .has_pos = sqlite3_column_type(st, 11) != SQLITE_NULL,
            .lat = col_real_or(st, 11, 0), .lon = col_real_or(st, 12, 0), .sog_kn = col_real_or(st, 13, -1),
            .cog_deg = col_real_or(st, 14, -1),
            .first_seen = sqlite3_column_type(st, 15) == SQLITE_NULL ? STORE_NO_TIME : sqlite3_column_int64(st, 15),
            .last_seen = sqlite3_column_type(st, 16) == SQLITE_NULL ? STORE_NO_TIME : sqlite3_column_int64(st, 16),
            .messages = sqlite3_column_int64(st, 17), .positions = sqlite3_column_int64(st, 18),
            .alerts = sqlite3_column_int64(st, 19), .status = col_text(st, 20), .checks = col_text(st, 21),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
