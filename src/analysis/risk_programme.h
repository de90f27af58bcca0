/* risk_programme.h - the adopted investment programme and the register's
 * recorded snapshots, as plain values: control status and its allowed
 * changes, which controls count as done on a given day (only those lower
 * residual risk), progress by count and by cost, and the trend between
 * snapshots. Pure: storage is store/store_risk.c, commands cli/cmd_plan.c. */
#ifndef SW_RISK_PROGRAMME_H
#define SW_RISK_PROGRAMME_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { PROG_PLANNED, PROG_IN_PROGRESS, PROG_DONE, PROG__COUNT } prog_status;
const char *prog_status_name(prog_status s);          /* planned, in-progress, done */
bool prog_status_parse(const char *s, prog_status *out);

/* One control of the programme. Days are whole days since 1970-01-01 UTC;
 * 0 means not yet. */
typedef struct prog_item {
    const char *control, *title;
    double cost;
    prog_status status;
    int32_t adopted, started, done;
} prog_item;

/* Applies a status change on `day`: false with why set when the change is
 * not allowed. Moving forward sets the day it happened (planned -> done
 * sets started too); moving back (a control reopened) clears the later
 * days. A day before the item's last recorded day is refused, so the
 * history never runs backwards. */
bool prog_set_status(prog_item *it, prog_status to, int32_t day, const char **why);

/* Was the control done by the end of `day`? (status done and done <= day) */
bool prog_done_by(const prog_item *it, int32_t day);

/* The status as of `day`: a change recorded for a later day is not yet
 * visible (done by then, else in progress if started by then, else planned). */
prog_status prog_status_at(const prog_item *it, int32_t day);

typedef struct prog_progress {
    size_t count[PROG__COUNT], total;
    double cost[PROG__COUNT], cost_total;
    double pct_done_by_cost;       /* 0..100; 0 when the programme costs nothing */
} prog_progress;

/* Progress as of `day`: a control counts as done only if done by then,
 * in progress if started by then, else planned. */
void prog_progress_of(const prog_item *items, size_t n, int32_t day, prog_progress *out);

/* --- snapshots and trend ---------------------------------------------------- */

typedef struct risk_trend_point {
    int32_t day;
    double inherent_eal, residual_eal, residual_p90;
    int64_t over_appetite;
} risk_trend_point;

typedef struct risk_trend {
    size_t first, last;            /* indexes of the points in the window */
    size_t n;                      /* points in the window; 0: none */
    double change;                 /* residual EAL last - first */
    double change_pct;             /* change / first x 100; 0 when first is 0 */
    int direction;                 /* -1 falling, 0 flat (within 1%), +1 rising */
} risk_trend;

/* Points sorted by day; the window is [from, to] inclusive. */
void risk_trend_of(const risk_trend_point *pts, size_t n, int32_t from, int32_t to, risk_trend *out);

#endif
