/* risk_programme.c - programme status changes, progress and the risk trend
 * (risk_programme.h). */
#include "analysis/risk_programme.h"
#include <math.h>
#include <string.h>

static const char *const status_names[PROG__COUNT] = { "planned", "in-progress", "done" };

const char *prog_status_name(prog_status s) { return (unsigned)s < PROG__COUNT ? status_names[s] : "?"; }

bool prog_status_parse(const char *s, prog_status *out)
{
    for (int i = 0; i < PROG__COUNT; i++)
        if (s && !strcmp(s, status_names[i])) { *out = (prog_status)i; return true; }
    return false;
}

static int32_t last_day(const prog_item *it)
{
    int32_t d = it->adopted;
    if (it->started > d) d = it->started;
    if (it->done > d) d = it->done;
    return d;
}

bool prog_set_status(prog_item *it, prog_status to, int32_t day, const char **why)
{
    if ((unsigned)to >= PROG__COUNT) { *why = "unknown status"; return false; }
    if (to == it->status) { *why = "the control already has this status"; return false; }
    if (day < last_day(it)) { *why = "the date is before the control's last recorded change"; return false; }
    switch (to) {
    case PROG_PLANNED:
        it->started = 0;
        it->done = 0;
        break;
    case PROG_IN_PROGRESS:
        if (it->status == PROG_PLANNED) it->started = day;
        it->done = 0;
        break;
    case PROG_DONE:
        if (!it->started) it->started = day;
        it->done = day;
        break;
    default: break;
    }
    it->status = to;
    return true;
}

bool prog_done_by(const prog_item *it, int32_t day)
{
    return it->status == PROG_DONE && it->done && it->done <= day;
}

prog_status prog_status_at(const prog_item *it, int32_t day)
{
    if (prog_done_by(it, day)) return PROG_DONE;
    if (it->status != PROG_PLANNED && it->started && it->started <= day) return PROG_IN_PROGRESS;
    return PROG_PLANNED;
}

void prog_progress_of(const prog_item *items, size_t n, int32_t day, prog_progress *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const prog_item *it = &items[i];
        prog_status s = prog_status_at(it, day);
        out->count[s]++;
        out->cost[s] += it->cost;
        out->total++;
        out->cost_total += it->cost;
    }
    out->pct_done_by_cost = out->cost_total > 0 ? 100.0 * out->cost[PROG_DONE] / out->cost_total : 0;
}

void risk_trend_of(const risk_trend_point *pts, size_t n, int32_t from, int32_t to, risk_trend *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        if (pts[i].day < from || pts[i].day > to) continue;
        if (!out->n++) out->first = i;
        out->last = i;
    }
    if (!out->n) return;
    double a = pts[out->first].residual_eal, b = pts[out->last].residual_eal;
    out->change = b - a;
    out->change_pct = a > 0 ? 100.0 * (b - a) / a : 0;
    double tol = 0.01 * fmax(fabs(a), fabs(b));
    out->direction = out->change > tol ? 1 : out->change < -tol ? -1 : 0;
}
