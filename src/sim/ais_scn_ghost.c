/* ais_scn_ghost.c - ais-ghost-vessel: a ship that exists only on the air.
 * Its MMSI carries MID 299, which the ITU has allocated to no country; it
 * appears off the coast, steams for a quarter of an hour and vanishes. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    geo_point a, b;
    prng r = prng_fork(&w->setup, 299);
    if (!ais_random_sea_point(w->m, &r, ais_port_entrance(w->m), 5000, &a) ||
        !ais_random_sea_point(w->m, &r, a, 5000, &b))
        return ais_scn_fail(err, "no open water in the VTS area");
    ais_station *s = ais_scn_vessel(w, run, 299112233, a, at, "POSEIDON GLORY", "PG299", 0, 70, 180, 28, 9.0);
    if (!s) return ais_scn_fail(err, "too many stations");
    s->sog = 10;
    ais_leg_goto(s, b, 10, NAV_UNDERWAY);
    s->loop = true;
    ais_leg_goto(s, a, 10, NAV_UNDERWAY);
    s->on_until = at + AIS_MINUTES(15);
    return true;
}

static const char *const checks[] = { "SW-AIS-MMSI-INVALID", NULL };
static const char *const also[] = { "SW-AIS-DARK", NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_ghost_vessel = {
    "ais-ghost-vessel", "Ghost vessel with an unallocated MID",
    "A class A station with MMSI 299112233 (MID 299 is allocated to no country) reports a 180 m cargo ship "
    "steaming at 10 kn in the approaches for 15 minutes, then falls silent.",
    checks, also, techniques, { 0.08 }, AIS_MINUTES(30), inject,
};
