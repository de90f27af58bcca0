/* store_risk.h - the risk register's dated snapshots and the adopted
 * investment programme (schema v12). Rows only: what a snapshot or a
 * status change means is analysis/risk_programme.h. */
#ifndef SW_STORE_RISK_H
#define SW_STORE_RISK_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_risk_snapshot {
    int32_t day;
    int64_t recorded_at;
    const char *currency;
    int64_t seed, trials;
    double inherent_eal, residual_eal, residual_p90;
    int64_t over_appetite;
    const char *controls_done;    /* comma separated, "" none */
} store_risk_snapshot;

typedef struct store_risk_item {
    const char *risk, *title, *target, *owner, *treatment, *due;
    int inh_likelihood, inh_impact, res_likelihood, res_impact;
    const char *inh_level, *res_level;
    double inherent_eal, residual_eal, residual_p90;
    bool within_appetite;
} store_risk_item;

/* Replaces the snapshot of snap->day (its items too) in one transaction. */
sw_code store_risk_snapshot_put(store *s, const store_risk_snapshot *snap, const store_risk_item *items, size_t n,
                                sw_error *err);
typedef int (*store_risk_snapshot_fn)(void *ctx, const store_risk_snapshot *snap);
typedef int (*store_risk_item_fn)(void *ctx, const store_risk_item *item);
/* Oldest first; fn returning non-zero stops. */
sw_code store_risk_snapshots(store *s, store_risk_snapshot_fn fn, void *ctx, sw_error *err);
/* One day's items in register order of risk id. */
sw_code store_risk_snapshot_items(store *s, int32_t day, store_risk_item_fn fn, void *ctx, sw_error *err);

typedef struct store_prog_row {
    const char *control, *title, *status, *currency;
    double cost, budget;
    int32_t adopted, started, done;
} store_prog_row;

/* Adds the control as planned unless it is already in the programme
 * (*added false then: its status is kept). Logs the addition. */
sw_code store_prog_add(store *s, const store_prog_row *r, int64_t now_us, bool *added, sw_error *err);
/* Writes a control's status and days and appends to the log. */
sw_code store_prog_update(store *s, const store_prog_row *r, int64_t now_us, sw_error *err);
typedef int (*store_prog_fn)(void *ctx, const store_prog_row *r);
/* In control id order. */
sw_code store_prog_list(store *s, store_prog_fn fn, void *ctx, sw_error *err);

#endif
