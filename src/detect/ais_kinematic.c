/* ais_kinematic.c - SW-AIS-TELEPORT and SW-AIS-CLONE from one per-vessel
 * track model. A report the vessel could not have reached from its last
 * position (faster than its class's top speed) opens a second, candidate
 * track. If the first track then reports again while the candidate keeps
 * reporting too, two transmitters share the MMSI: CLONE. If only the
 * candidate goes on, past twice the reporting interval, the vessel jumped:
 * TELEPORT. A single stray position (a GNSS glitch) raises nothing. A
 * reachable move far faster than the reported SOG is a TELEPORT too. */
#include <math.h>
#include <stdio.h>
#include "detect/ais_internal.h"

typedef struct kin_vessel {
    bool has_main, has_alt;
    ais_fix main;                   /* the established track's newest fix */
    ais_fix jump_from;              /* main when the candidate appeared */
    ais_fix alt_first, alt;         /* the candidate track's first and newest fix */
    uint16_t alt_reports;
    uint16_t main_since_alt;        /* main-track reports since the candidate appeared */
} kin_vessel;

static double fix_distance_nm(const ais_fix *a, const ais_fix *b)
{
    return ais_distance_m(ais_fix_lat(a), ais_fix_lon(a), ais_fix_lat(b), ais_fix_lon(b)) / AIS_NM_M;
}

static bool reachable(const ais_detect *e, const ais_vessel *v, const ais_fix *from, const ais_fix *to)
{
    double dt_h = (double)(to->t_ms - from->t_ms) / 3600000.0;
    if (dt_h < 0) dt_h = -dt_h;
    return fix_distance_nm(from, to) <= ais_max_speed_kn(e, v) * dt_h + e->cfg.jump_slack_nm;
}

static double sog_kn(const ais_fix *f) { return f->sog >= AIS_SPEED_NOT_AVAILABLE ? -1 : f->sog / 10.0; }

static void sog_disagreement(ais_detect *e, const ais_ctx *c, const kin_vessel *k)
{
    double dt = (double)(c->fix.t_ms - k->main.t_ms) / 1000.0;
    if (dt < e->cfg.sog_min_dt_s || dt > e->cfg.sog_max_dt_s) return;
    double a = sog_kn(&k->main), b = sog_kn(&c->fix);
    double reported = a > b ? a : b;
    if (reported < 0) return;
    double d = fix_distance_nm(&k->main, &c->fix);
    if (d < e->cfg.jump_slack_nm) return;
    double implied = d / (dt / 3600.0);
    if (implied <= e->cfg.sog_ratio * reported + e->cfg.sog_margin_kn) return;
    ais_alert al;
    ais_alert_init(&al, AIS_CHECK_TELEPORT, c);
    ais_alert_line(&al, k->main.line);
    ais_alert_line(&al, c->fix.line);
    snprintf(al.message, sizeof al.message,
             "MMSI %09u moved %.2f nm in %.0f s (%.1f kn) but reports SOG %.1f kn", c->m->mmsi, d, dt, implied,
             reported);
    ais_raise(e, &al, c->index);
}

static void teleport(ais_detect *e, const ais_ctx *c, const kin_vessel *k)
{
    double d = fix_distance_nm(&k->jump_from, &k->alt_first);
    double dt = (double)(k->alt_first.t_ms - k->jump_from.t_ms) / 1000.0;
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_TELEPORT, c);
    ais_alert_line(&a, k->jump_from.line);
    ais_alert_line(&a, k->alt_first.line);
    ais_alert_line(&a, c->fix.line);
    char speed[48];
    if (dt > 0) snprintf(speed, sizeof speed, "%.0f kn implied", d / (dt / 3600.0));
    else snprintf(speed, sizeof speed, "no time between");
    snprintf(a.message, sizeof a.message,
             "MMSI %09u jumped %.2f nm in %.0f s (%s; top speed %.0f kn) from %.5f,%.5f to %.5f,%.5f", c->m->mmsi, d,
             dt, speed, ais_max_speed_kn(e, c->v), ais_fix_lat(&k->jump_from), ais_fix_lon(&k->jump_from),
             ais_fix_lat(&k->alt_first), ais_fix_lon(&k->alt_first));
    ais_raise(e, &a, c->index);
}

static void clone(ais_detect *e, const ais_ctx *c, const kin_vessel *k)
{
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_CLONE, c);
    ais_alert_line(&a, k->jump_from.line);
    ais_alert_line(&a, k->alt_first.line);
    ais_alert_line(&a, k->main.line);
    ais_alert_line(&a, k->alt.line);
    ais_alert_line(&a, c->fix.line);
    snprintf(a.message, sizeof a.message,
             "MMSI %09u reports from two places %.2f nm apart: %.5f,%.5f and %.5f,%.5f", c->m->mmsi,
             fix_distance_nm(&k->main, &k->alt), ais_fix_lat(&k->main), ais_fix_lon(&k->main), ais_fix_lat(&k->alt),
             ais_fix_lon(&k->alt));
    ais_raise(e, &a, c->index);
}

static void open_candidate(kin_vessel *k, const ais_fix *f)
{
    k->has_alt = true;
    k->jump_from = k->main;
    k->alt_first = k->alt = *f;
    k->alt_reports = 1;
    k->main_since_alt = 0;
}

static void check_kinematic(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    kin_vessel *k = vs;
    if (!c->has_fix || c->t_ms == AIS_NO_TIME) return;
    if (c->m->type == 4 || c->m->type == 21 || c->m->type == 27) return;   /* fixed stations; coarse long-range */
    const ais_fix *f = &c->fix;
    if (!k->has_main) {
        k->has_main = true;
        k->main = *f;
        return;
    }
    if (f->t_ms < k->main.t_ms) return;   /* out of order: no kinematics backwards */
    if (k->has_alt && f->t_ms - k->alt.t_ms > (int64_t)e->cfg.clone_window_s * 1000) k->has_alt = false;

    if (reachable(e, c->v, &k->main, f)) {
        sog_disagreement(e, c, k);
        k->main = *f;
        if (k->has_alt) {
            k->main_since_alt++;
            if (k->alt_reports >= 2) clone(e, c, k);
        }
        return;
    }
    if (k->has_alt && reachable(e, c->v, &k->alt, f)) {
        k->alt = *f;
        if (k->alt_reports < UINT16_MAX) k->alt_reports++;
        if (k->main_since_alt > 0) {
            if (k->alt_reports >= 2) clone(e, c, k);
            return;
        }
        /* The old track stayed silent: confirmed once it has missed two
         * reporting intervals (and at least 30 s). */
        double sog = sog_kn(&k->main);
        double wait = 2 * ais_reporting_interval_s(c->v->cls, sog < 0 ? 0 : sog, c->v->nav_status, false);
        if (wait < 30) wait = 30;
        if (k->alt_reports >= 2 && (double)(f->t_ms - k->main.t_ms) / 1000.0 >= wait) {
            teleport(e, c, k);
            k->main = *f;
            k->has_alt = false;
        }
        return;
    }
    open_candidate(k, f);
}

const ais_family ais_family_kinematic = { "kinematic", sizeof(kin_vessel), NULL, check_kinematic, NULL };
