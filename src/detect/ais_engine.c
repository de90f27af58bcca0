/* ais_engine.c - the AIS integrity engine: tracks vessels, dispatches each
 * message to the check families (ais_families.def) before folding it into
 * the track, drives the silence families on feed time, and suppresses
 * repeat alerts per check and vessel (ais_detect.h). */
#include <stdlib.h>
#include <string.h>
#include "core/geo.h"
#include "detect/ais_internal.h"

const ais_check_info ais_checks[AIS_CHECK__COUNT] = {
#define AIS_CHECK(e, id, name, tech, sev) { id, name, tech, sev },
#include "detect/ais_checks.def"
#undef AIS_CHECK
};

static const ais_family *const families[] = {
#define AIS_FAMILY(sym) &sym,
#include "detect/ais_families.def"
#undef AIS_FAMILY
};
#define N_FAMILIES (sizeof families / sizeof families[0])

int ais_check_by_id(const char *id)
{
    for (int i = 0; i < AIS_CHECK__COUNT; i++)
        if (strcmp(ais_checks[i].id, id) == 0) return i;
    return -1;
}

void ais_detect_config_default(ais_detect_config *c)
{
    memset(c, 0, sizeof *c);
    c->capacity = 65536;
    c->dedup_window_s = 3600;
    c->max_speed_kn = 40;
    c->max_speed_hsc_kn = 70;
    c->max_speed_class_b_kn = 60;
    c->jump_slack_nm = 0.5;
    c->sog_ratio = 2.0;
    c->sog_margin_kn = 5;
    c->sog_min_dt_s = 30;
    c->sog_max_dt_s = 600;
    c->clone_window_s = 600;
    c->land_reports = 2;
    c->dark_factor = 3;
    c->dark_min_s = 60;
    c->dark_edge_nm = 1.0;
    c->jam_window_s = 60;
    c->jam_min_vessels = 3;
    c->tick_s = 10;
    c->rate_window_s = 60;
    c->rate_factor = 1.5;
    c->station_tolerance_m = 200;
}

size_t ais_family_index(const ais_family *f)
{
    for (size_t i = 0; i < N_FAMILIES; i++)
        if (families[i] == f) return i;
    return 0;
}

void *ais_vessel_state(ais_detect *e, size_t family, uint32_t index)
{
    size_t sz = families[family]->vessel_state;
    return sz ? e->family_vessel[family] + (size_t)index * sz : NULL;
}

ais_detect *ais_detect_create(const ais_detect_config *cfg, const ais_geo *geo, ais_alert_fn fn, void *user,
                              ais_evict_fn on_evict, void *evict_user)
{
    ais_detect *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->cfg = *cfg;
    if (e->cfg.tick_s == 0) e->cfg.tick_s = 1;
    e->geo = geo;
    e->fn = fn;
    e->user = user;
    e->next_tick_ms = AIS_NO_TIME;
    e->last_ms = AIS_NO_TIME;
    e->tr = ais_tracker_create(cfg->capacity, on_evict, evict_user);
    e->family_state = calloc(N_FAMILIES, sizeof *e->family_state);
    e->family_vessel = calloc(N_FAMILIES, sizeof *e->family_vessel);
    if (!e->tr || !e->family_state || !e->family_vessel) { ais_detect_destroy(e); return NULL; }
    size_t cap = cfg->capacity;
    e->gen = malloc(cap * sizeof *e->gen);
    e->alerted = calloc(cap, sizeof *e->alerted);
    if (!e->gen || !e->alerted) { ais_detect_destroy(e); return NULL; }
    memset(e->gen, 0xff, cap * sizeof *e->gen);   /* no slot is current yet */
    size_t mem = sizeof *e + ais_tracker_get_stats(e->tr)->memory + cap * (sizeof *e->gen + sizeof *e->alerted);
    for (size_t i = 0; i < N_FAMILIES; i++) {
        if (families[i]->state_size) {
            size_t n = families[i]->state_size(&e->cfg);
            e->family_state[i] = calloc(1, n);
            if (!e->family_state[i]) { ais_detect_destroy(e); return NULL; }
            mem += n;
        }
        if (families[i]->vessel_state) {
            e->family_vessel[i] = calloc(cap, families[i]->vessel_state);
            if (!e->family_vessel[i]) { ais_detect_destroy(e); return NULL; }
            mem += cap * families[i]->vessel_state;
        }
    }
    e->stats.memory = mem;
    return e;
}

void ais_detect_destroy(ais_detect *e)
{
    if (!e) return;
    for (size_t i = 0; e->family_state && i < N_FAMILIES; i++) free(e->family_state[i]);
    for (size_t i = 0; e->family_vessel && i < N_FAMILIES; i++) free(e->family_vessel[i]);
    free(e->family_state);
    free(e->family_vessel);
    free(e->gen);
    free(e->alerted);
    ais_tracker_destroy(e->tr);
    free(e);
}

ais_tracker *ais_detect_tracker(ais_detect *e) { return e->tr; }
const ais_detect_stats *ais_detect_get_stats(const ais_detect *e) { return &e->stats; }

/* Resets a slot's check state when the tracker gave it to a new vessel. */
static void make_current(ais_detect *e, const ais_vessel *v, uint32_t idx)
{
    if (e->gen[idx] == v->gen) return;
    e->gen[idx] = v->gen;
    memset(e->alerted[idx], 0, sizeof e->alerted[idx]);
    for (size_t i = 0; i < N_FAMILIES; i++)
        if (families[i]->vessel_state) memset(ais_vessel_state(e, i, idx), 0, families[i]->vessel_state);
}

static void run_ticks(ais_detect *e, int64_t now_ms, bool final)
{
    for (size_t i = 0; i < N_FAMILIES; i++)
        if (families[i]->tick) families[i]->tick(e, e->family_state[i], now_ms, final);
}

void ais_detect_tick(ais_detect *e, int64_t now_ms)
{
    if (now_ms == AIS_NO_TIME) return;
    run_ticks(e, now_ms, false);
}

void ais_detect_finish(ais_detect *e, int64_t now_ms)
{
    if (now_ms == AIS_NO_TIME) now_ms = e->last_ms;
    if (now_ms == AIS_NO_TIME) return;
    run_ticks(e, now_ms, true);
}

const ais_vessel *ais_detect_message(ais_detect *e, const ais_msg *m, const ais_meta *meta, int64_t t_ms,
                                     int64_t wall_ms)
{
    e->stats.messages++;
    if (t_ms == AIS_NO_TIME) e->stats.timeless++;
    else {
        /* Silence is judged on feed time, before this message counts as heard. */
        if (e->next_tick_ms == AIS_NO_TIME) e->next_tick_ms = t_ms + (int64_t)e->cfg.tick_s * 1000;
        else if (t_ms >= e->next_tick_ms) {
            run_ticks(e, t_ms, false);
            e->next_tick_ms = t_ms + (int64_t)e->cfg.tick_s * 1000;
        }
        if (e->last_ms == AIS_NO_TIME || t_ms > e->last_ms) e->last_ms = t_ms;
    }
    ais_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.meta = meta;
    c.t_ms = t_ms;
    c.alert_ms = t_ms != AIS_NO_TIME ? t_ms : wall_ms;
    c.v = ais_tracker_get(e->tr, m->mmsi, &c.created);
    c.index = ais_tracker_index(e->tr, c.v);
    make_current(e, c.v, c.index);
    c.has_fix = ais_msg_position(m, &c.fix);
    if (c.has_fix) {
        c.fix.t_ms = t_ms;
        c.fix.line = meta ? meta->line_last : 0;
    }
    for (size_t i = 0; i < N_FAMILIES; i++)
        families[i]->message(e, e->family_state[i], &c, ais_vessel_state(e, i, c.index));
    ais_tracker_apply(e->tr, c.v, m, meta, t_ms);
    return c.v;
}

void ais_alert_init(ais_alert *a, ais_check_id check, const ais_ctx *c)
{
    memset(a, 0, sizeof *a);
    a->check = check;
    a->severity = ais_checks[check].severity;
    if (!c) return;
    a->t_ms = c->alert_ms;
    a->mmsi = c->m->mmsi;
    a->vessel = c->v;
    if (c->has_fix) {
        a->has_pos = true;
        a->lat = ais_fix_lat(&c->fix);
        a->lon = ais_fix_lon(&c->fix);
    }
}

void ais_alert_line(ais_alert *a, uint64_t line)
{
    if (!line) return;
    for (size_t i = 0; i < a->n_lines; i++)
        if (a->lines[i] == line) return;
    if (a->n_lines == AIS_ALERT_MAX_LINES) return;
    size_t i = a->n_lines++;
    while (i > 0 && a->lines[i - 1] > line) { a->lines[i] = a->lines[i - 1]; i--; }
    a->lines[i] = line;
}

bool ais_raise(ais_detect *e, ais_alert *a, uint32_t index)
{
    if (index != AIS_TRACK_NONE && !a->no_dedup) {
        uint32_t *last = &e->alerted[index][a->check];
        /* Feed seconds (+1 so 0 means never); without feed time, once per vessel. */
        uint32_t now = a->t_ms > 0 ? (uint32_t)(a->t_ms / 1000) + 1u : 1u;
        if (*last && (now - *last < e->cfg.dedup_window_s || now == 1u || *last == 1u)) {
            e->stats.suppressed++;
            return false;
        }
        *last = now;
    }
    ais_vessel *v = index != AIS_TRACK_NONE ? ais_tracker_at(e->tr, index) : NULL;
    if (v) {
        v->checks |= 1u << a->check;
        v->alerts++;
        v->dirty = true;
    }
    e->stats.alerts[a->check]++;
    e->fn(e->user, a);
    return true;
}

double ais_distance_m(double lat1, double lon1, double lat2, double lon2)
{
    return geo_distance_m((geo_point){ lat1, lon1 }, (geo_point){ lat2, lon2 });
}

double ais_max_speed_kn(const ais_detect *e, const ais_vessel *v)
{
    if (v->cls == AIS_CLASS_SAR) return 1e9;   /* aircraft: not judged */
    if ((v->shiptype >= 20 && v->shiptype <= 29) || (v->shiptype >= 40 && v->shiptype <= 49))
        return e->cfg.max_speed_hsc_kn;
    if (v->cls == AIS_CLASS_B_SO || v->cls == AIS_CLASS_B_CS) return e->cfg.max_speed_class_b_kn;
    return e->cfg.max_speed_kn;
}

bool ais_in_vts(const ais_detect *e, double lat, double lon, double *edge_m)
{
    double dummy;
    if (!e->geo || !e->geo->in_vts) return false;
    return e->geo->in_vts(e->geo->user, lat, lon, edge_m ? edge_m : &dummy);
}

double ais_reporting_interval_s(ais_class cls, double sog_kn, uint8_t nav_status, bool assigned)
{
    switch (cls) {
    case AIS_CLASS_A:
        /* anchored (1) or moored (5) and slow: 3 min */
        if ((nav_status == 1 || nav_status == 5) && sog_kn <= 3) return 180;
        if (sog_kn > 23) return 2;
        if (sog_kn > 14) return 6;
        return 10;
    case AIS_CLASS_B_SO:
        if (sog_kn <= 2) return 180;
        if (sog_kn > 23) return 5;
        if (sog_kn > 14) return 15;
        return 30;
    case AIS_CLASS_B_CS:
        if (assigned) return 5;
        return sog_kn <= 2 ? 180 : 30;
    case AIS_CLASS_BASE: return 10;
    case AIS_CLASS_SAR: return 10;
    case AIS_CLASS_ATON: return 180;
    default: return 10;
    }
}

const char *ais_vessel_status(const ais_vessel *v)
{
    /* a jammed vessel is a victim, not a suspect of spoofing */
    uint32_t mild = (1u << AIS_CHECK_DARK) | (1u << AIS_CHECK_RATE) | (1u << AIS_CHECK_JAMMING);
    if (!v->checks) return "ok";
    return (v->checks & ~mild) ? "alert" : "suspect";
}
