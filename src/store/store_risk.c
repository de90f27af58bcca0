/* store_risk.c - reads and writes of the risk snapshot and programme
 * tables (store_risk.h, schema v12). */
#include "store/store_risk.h"
#include "store/store_sql.h"

static sw_code bind_failed(sqlite3_stmt *st, const store_args *a, sw_error *err)
{
    sqlite3_finalize(st);
    return sw_fail(err, SW_ERR_DB, "binding: %s", sqlite3_errstr(a->rc));
}

static sw_code put_items(store *s, int32_t day, const store_risk_item *items, size_t n, sw_error *err)
{
    static const char sql[] =
        "INSERT INTO risk_snapshot_items(day, risk, title, target, owner, treatment, due, inh_likelihood, inh_impact,\n"
        "  inh_level, res_likelihood, res_impact, res_level, inherent_eal, residual_eal, residual_p90, within_appetite)\n"
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc = SW_OK;
    for (size_t i = 0; i < n && rc == SW_OK; i++) {
        const store_risk_item *it = &items[i];
        store_args a = store_args_of(st);
        arg_int(&a, day); arg_text(&a, it->risk); arg_text(&a, it->title); arg_text(&a, it->target);
        arg_text(&a, it->owner); arg_text(&a, it->treatment); arg_text(&a, it->due);
        arg_int(&a, it->inh_likelihood); arg_int(&a, it->inh_impact); arg_text(&a, it->inh_level);
        arg_int(&a, it->res_likelihood); arg_int(&a, it->res_impact); arg_text(&a, it->res_level);
        arg_real(&a, it->inherent_eal); arg_real(&a, it->residual_eal); arg_real(&a, it->residual_p90);
        arg_int(&a, it->within_appetite);
        rc = store_run(s, &a, err);
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_risk_snapshot_put(store *s, const store_risk_snapshot *snap, const store_risk_item *items, size_t n,
                                sw_error *err)
{
    static const char del[] = "DELETE FROM risk_snapshots WHERE day = ?";
    static const char ins[] =
        "INSERT INTO risk_snapshots(day, recorded_at, currency, seed, trials, inherent_eal, residual_eal, residual_p90,\n"
        "  over_appetite, controls_done) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (store_begin(s, err)) return SW_ERR_DB;
    sqlite3_stmt *st;
    sw_code rc = store_prepare(s, del, &st, err);
    if (rc == SW_OK) {
        store_args a = store_args_of(st);
        arg_int(&a, snap->day);
        rc = store_run(s, &a, err);
        sqlite3_finalize(st);
    }
    if (rc == SW_OK && (rc = store_prepare(s, ins, &st, err)) == SW_OK) {
        store_args a = store_args_of(st);
        arg_int(&a, snap->day); arg_int(&a, snap->recorded_at); arg_text(&a, snap->currency ? snap->currency : "");
        arg_int(&a, snap->seed); arg_int(&a, snap->trials); arg_real(&a, snap->inherent_eal);
        arg_real(&a, snap->residual_eal); arg_real(&a, snap->residual_p90); arg_int(&a, snap->over_appetite);
        arg_text(&a, snap->controls_done ? snap->controls_done : "");
        rc = store_run(s, &a, err);
        sqlite3_finalize(st);
    }
    if (rc == SW_OK) rc = put_items(s, snap->day, items, n, err);
    if (rc == SW_OK) return store_commit(s, err);
    store_rollback(s);
    return rc;
}

sw_code store_risk_snapshots(store *s, store_risk_snapshot_fn fn, void *ctx, sw_error *err)
{
    static const char sql[] =
        "SELECT day, recorded_at, currency, seed, trials, inherent_eal, residual_eal, residual_p90, over_appetite,\n"
        "  controls_done FROM risk_snapshots ORDER BY day";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_risk_snapshot r = {
            .day = (int32_t)sqlite3_column_int64(st, 0), .recorded_at = sqlite3_column_int64(st, 1),
            .currency = col_text(st, 2), .seed = sqlite3_column_int64(st, 3), .trials = sqlite3_column_int64(st, 4),
            .inherent_eal = sqlite3_column_double(st, 5), .residual_eal = sqlite3_column_double(st, 6),
            .residual_p90 = sqlite3_column_double(st, 7), .over_appetite = sqlite3_column_int64(st, 8),
            .controls_done = col_text(st, 9),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_risk_snapshot_items(store *s, int32_t day, store_risk_item_fn fn, void *ctx, sw_error *err)
{
    static const char sql[] =
        "SELECT risk, title, target, owner, treatment, due, inh_likelihood, inh_impact, inh_level, res_likelihood,\n"
        "  res_impact, res_level, inherent_eal, residual_eal, residual_p90, within_appetite\n"
        "FROM risk_snapshot_items WHERE day = ? ORDER BY risk";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, day);
    if (a.rc != SQLITE_OK) return bind_failed(st, &a, err);
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_risk_item r = {
            .risk = col_text(st, 0), .title = col_text(st, 1), .target = col_text(st, 2), .owner = col_text(st, 3),
            .treatment = col_text(st, 4), .due = col_text(st, 5), .inh_likelihood = sqlite3_column_int(st, 6),
            .inh_impact = sqlite3_column_int(st, 7), .inh_level = col_text(st, 8),
            .res_likelihood = sqlite3_column_int(st, 9), .res_impact = sqlite3_column_int(st, 10),
            .res_level = col_text(st, 11), .inherent_eal = sqlite3_column_double(st, 12),
            .residual_eal = sqlite3_column_double(st, 13), .residual_p90 = sqlite3_column_double(st, 14),
            .within_appetite = sqlite3_column_int(st, 15) != 0,
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

static sw_code log_change(store *s, const store_prog_row *r, int32_t day, int64_t now_us, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "INSERT INTO programme_log(control, status, day, recorded_at) VALUES (?, ?, ?, ?)", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, r->control); arg_text(&a, r->status); arg_int(&a, day); arg_int(&a, now_us);
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_prog_add(store *s, const store_prog_row *r, int64_t now_us, bool *added, sw_error *err)
{
    static const char sql[] =
        "INSERT INTO programme(control, title, cost, status, adopted, started, done, budget, currency)\n"
        "VALUES (?, ?, ?, 'planned', ?, 0, 0, ?, ?) ON CONFLICT(control) DO NOTHING";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, r->control); arg_text(&a, r->title); arg_real(&a, r->cost); arg_int(&a, r->adopted);
    arg_real(&a, r->budget); arg_text(&a, r->currency ? r->currency : "");
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    *added = rc == SW_OK && sqlite3_changes(store_db(s)) > 0;
    if (rc == SW_OK && *added) {
        store_prog_row logged = *r;
        logged.status = "planned";
        rc = log_change(s, &logged, r->adopted, now_us, err);
    }
    return rc;
}

sw_code store_prog_update(store *s, const store_prog_row *r, int64_t now_us, sw_error *err)
{
    static const char sql[] = "UPDATE programme SET status = ?, started = ?, done = ? WHERE control = ?";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, r->status); arg_int(&a, r->started); arg_int(&a, r->done); arg_text(&a, r->control);
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    if (rc == SW_OK && sqlite3_changes(store_db(s)) == 0)
        return sw_fail(err, SW_ERR_INVALID, "control %s is not in the programme", r->control);
    int32_t day = r->done ? r->done : r->started ? r->started : r->adopted;
    return rc == SW_OK ? log_change(s, r, day, now_us, err) : rc;
}

sw_code store_prog_list(store *s, store_prog_fn fn, void *ctx, sw_error *err)
{
    static const char sql[] =
        "SELECT control, title, cost, status, adopted, started, done, budget, currency FROM programme ORDER BY control";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_prog_row r = {
            .control = col_text(st, 0), .title = col_text(st, 1), .cost = sqlite3_column_double(st, 2),
            .status = col_text(st, 3), .adopted = (int32_t)sqlite3_column_int64(st, 4),
            .started = (int32_t)sqlite3_column_int64(st, 5), .done = (int32_t)sqlite3_column_int64(st, 6),
            .budget = sqlite3_column_double(st, 7), .currency = col_text(st, 8),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
