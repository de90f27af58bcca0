/* store_risk_history.h - the risk register's totals by day (the trend):
 * `seawall risk --record` writes, the overview reads. */
#ifndef SW_STORE_RISK_HISTORY_H
#define SW_STORE_RISK_HISTORY_H
#include <stdint.h>
#include "store/store.h"

typedef struct store_risk_point {
    const char *day;             /* YYYY-MM-DD */
    int64_t taken_at;
    double inherent_eal, residual_eal;
    int64_t over_appetite, risks;
    const char *currency;
} store_risk_point;

/* Inserts or replaces the day's row. */
sw_code store_risk_record(store *s, const store_risk_point *p, sw_error *err);
typedef int (*store_risk_point_fn)(void *ctx, const store_risk_point *p);
/* The newest `limit` days, oldest first. */
sw_code store_risk_history(store *s, int64_t limit, store_risk_point_fn fn, void *ctx, sw_error *err);

#endif
