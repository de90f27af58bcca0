/* ais_scn_teleport.c - ais-teleport: a ship's reported position jumps 30 km
 * between two reports ten seconds apart (GNSS spoofing of one vessel), and
 * the track carries on from the false position. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    geo_point a, b;
    prng r = prng_fork(&w->setup, 224);
    if (!ais_random_sea_point(w->m, &r, ais_port_entrance(w->m), 8000, &a) ||
        !ais_random_sea_point(w->m, &r, a, 8000, &b))
        return ais_scn_fail(err, "no open water in the VTS area");
    ais_station *s = ais_scn_vessel(w, run, 224123450, a, at, "IBERIAN STAR", "EAIS", 935517, 70, 150, 23, 8.1);
    if (!s) return ais_scn_fail(err, "too many stations");
    s->sog = 11;
    ais_leg_goto(s, b, 11, NAV_UNDERWAY);
    ais_leg_goto(s, a, 11, NAV_UNDERWAY);
    s->loop = true;
    /* Out to sea, so the false track is neither on land nor in the VTS area. */
    s->jump_at = at + AIS_MINUTES(10);
    s->jump_east_m = -30000;
    ais_scn_window(run, s->jump_at - SIM_S(20), s->jump_at + AIS_MINUTES(2));
    return true;
}

static const char *const checks[] = { "SW-AIS-TELEPORT", NULL };
static const char *const also[] = { NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_teleport = {
    "ais-teleport", "Position jump (kinematically impossible)",
    "IBERIAN STAR (224123450) steams at 11 kn; ten minutes in, its reports jump 30 km west between two reports "
    "and continue from there at the reported speed. The window is the jump.",
    checks, also, techniques, { 0.05 }, AIS_MINUTES(30), inject,
};
