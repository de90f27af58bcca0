/* ais_scn_dark.c - ais-dark-near-berth: a coaster heading for a container
 * berth switches its AIS off 600 m short of it for 20 minutes, moves along
 * the quay while silent, and reappears alongside. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    const model_geography *g = &w->m->geo;
    const model_berth *berth = ais_berth_of_kind(w->m, "container", 4);
    if (!berth) berth = ais_berth_of_kind(w->m, "container", 0);
    if (!berth || !g->n_fairways || g->fairways[0].n_centerline < 2) return ais_scn_fail(err, "needs a container berth and a fairway");
    const model_fairway *f = &g->fairways[0];
    geo_point start = f->centerline[f->n_centerline - 2], quay = model_berth_center(berth);
    geo_point off = geo_destination(quay, geo_bearing_deg(quay, start), 150);
    ais_station *s = ais_scn_vessel(w, run, 263456780, start, at, "DOURO CARRIER", "CQDC7", 894402, 70, 89, 13, 5.2);
    if (!s) return ais_scn_fail(err, "too many stations");
    s->sog = 5;
    s->accel_kn_s = 0.05;
    ais_leg_goto(s, off, 5, NAV_UNDERWAY);
    ais_leg_goto(s, quay, 1.5, NAV_UNDERWAY);
    ais_leg_hold(s, -1, NAV_MOORED, 0);
    /* Silent from 600 m short of the berth. */
    double to_go = geo_distance_m(start, off) - 600;
    sw_time_us dark = at + (sw_time_us)((to_go > 0 ? to_go : 0) / (5 * 0.5144) * SW_US_PER_SEC);
    dark -= dark % SW_US_PER_SEC;
    s->dark_from = dark;
    s->dark_until = dark + AIS_MINUTES(20);
    ais_scn_window(run, dark - SIM_S(10), s->dark_until + AIS_MINUTES(4));
    return true;
}

static const char *const checks[] = { "SW-AIS-DARK", NULL };
static const char *const also[] = { NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_dark_near_berth = {
    "ais-dark-near-berth", "Going dark near a berth",
    "DOURO CARRIER (263456780) steams at 5 kn across the basin towards a container berth, falls silent 600 m "
    "short of it for 20 minutes, and reappears moored alongside. The window is the silence plus one report.",
    checks, also, techniques, { 0.15 }, AIS_MINUTES(45), inject,
};
