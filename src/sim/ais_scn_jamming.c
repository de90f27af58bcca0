/* ais_scn_jamming.c - ais-jamming: a jammer near the harbour entrance for
 * six minutes. Every report from within 6 km is lost, and 60 % of those
 * from 6 to 10 km: many vessels fall silent at once, which is not one ship
 * going dark. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    if (w->n_jam >= sizeof w->jam / sizeof w->jam[0]) return ais_scn_fail(err, "too many jammers");
    ais_jam *j = &w->jam[w->n_jam++];
    j->run = run;
    j->centre = ais_port_entrance(w->m);
    j->full_m = 6000;
    j->partial_m = 10000;
    j->partial_loss = 0.6;
    j->from = at;
    j->until = at + AIS_MINUTES(6);
    ais_scn_window(run, j->from, j->until);
    return true;
}

static const char *const checks[] = { "SW-AIS-JAMMING", NULL };
static const char *const also[] = { NULL };
static const char *const techniques[] = { "T0815", NULL };

const sim_ais_scenario ais_scenario_jamming = {
    "ais-jamming", "AIS jamming around the harbour entrance",
    "For six minutes no report from within 6 km of the harbour entrance is received, and 60 % of those from "
    "6 to 10 km are lost. mmsis lists the stations that lost reports.",
    checks, also, techniques, { 0.80 }, AIS_MINUTES(40), inject,
};
