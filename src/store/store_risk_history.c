/* store_risk_history.c - risk totals by day (store_risk_history.h). */
#include "store/store_risk_history.h"
#include "store/store_sql.h"

sw_code store_risk_record(store *s, const store_risk_point *p, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "INSERT OR REPLACE INTO risk_history (day, taken_at, inherent_eal, residual_eal, over_appetite, risks,"
                      " currency) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, p->day);
    arg_int(&a, p->taken_at);
    arg_real(&a, p->inherent_eal);
    arg_real(&a, p->residual_eal);
    arg_int(&a, p->over_appetite);
    arg_int(&a, p->risks);
    arg_text(&a, p->currency);
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_risk_history(store *s, int64_t limit, store_risk_point_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT day, taken_at, inherent_eal, residual_eal, over_appetite, risks, currency FROM\n"
                      "  (SELECT * FROM risk_history ORDER BY day DESC LIMIT ?1) ORDER BY day",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, limit > 0 ? limit : 1);
    if (a.rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return sw_fail(err, SW_ERR_DB, "%s: binding the limit: %s", store_path(s), sqlite3_errstr(a.rc));
    }
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_risk_point p = { col_text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2),
                               sqlite3_column_double(st, 3), sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
                               col_text(st, 6) };
        if (fn(ctx, &p)) break;
    }
    sqlite3_finalize(st);
    return rc;
}
