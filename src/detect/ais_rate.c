/* ais_rate.c - SW-AIS-RATE: one transmitter sending position reports more
 * often than its class can (ITU-R M.1371-5 Tables 1 and 2: class A at most
 * every 2 s, class B SO 5 s, class B CS 30 s unless assigned, base
 * stations and SAR aircraft 10 s, AtoNs 3 min). The same burst heard by two
 * receivers of a merged feed counts once. */
#include <stdio.h>
#include "detect/ais_internal.h"

typedef struct rate_vessel {
    int64_t window_start;
    uint32_t count;
    uint64_t first_line;
    int64_t last_t;
    int32_t last_lat, last_lon;
    uint8_t last_type, last_second;
} rate_vessel;

static double min_interval_s(const ais_msg *m)
{
    switch (ais_msg_class(m)) {
    case AIS_CLASS_B_SO: return 5;
    case AIS_CLASS_B_CS: return m->u.classb.assigned ? 5 : 30;
    case AIS_CLASS_BASE: return 10;
    case AIS_CLASS_SAR: return 10;
    case AIS_CLASS_ATON: return 180;
    default: return 2;
    }
}

static void check_rate(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    rate_vessel *r = vs;
    unsigned t = c->m->type;
    if (!(t <= 4 || t == 9 || t == 18 || t == 19 || t == 21) || c->t_ms == AIS_NO_TIME || !c->has_fix) return;
    const ais_fix *f = &c->fix;
    if (r->count && t == r->last_type && f->lat == r->last_lat && f->lon == r->last_lon &&
        f->second == r->last_second && c->t_ms - r->last_t < 30000)
        return;   /* the same transmission again */
    r->last_t = c->t_ms;
    r->last_lat = f->lat;
    r->last_lon = f->lon;
    r->last_type = (uint8_t)t;
    r->last_second = f->second;
    int64_t window_ms = (int64_t)e->cfg.rate_window_s * 1000;
    if (r->count == 0 || c->t_ms - r->window_start >= window_ms || c->t_ms < r->window_start) {
        r->window_start = c->t_ms;
        r->count = 0;
        r->first_line = f->line;
    }
    r->count++;
    double limit = e->cfg.rate_factor * e->cfg.rate_window_s / min_interval_s(c->m) + 2;
    if ((double)r->count <= limit || (double)(r->count - 1) > limit) return;   /* once per window */
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_RATE, c);
    ais_alert_line(&a, r->first_line);
    ais_alert_line(&a, f->line);
    snprintf(a.message, sizeof a.message,
             "MMSI %09u sent %u position reports in %.0f s (class %s: at most one per %.0f s, alert above %.0f)",
             c->m->mmsi, r->count, (double)(c->t_ms - r->window_start) / 1000.0, ais_class_name(ais_msg_class(c->m)),
             min_interval_s(c->m), limit);
    ais_raise(e, &a, c->index);
}

const ais_family ais_family_rate = { "rate", sizeof(rate_vessel), NULL, check_rate, NULL };
