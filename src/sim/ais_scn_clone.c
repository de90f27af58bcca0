/* ais_scn_clone.c - ais-cloned-mmsi: a second transmitter uses the MMSI and
 * identity of a ship lying at anchor and reports moving in the harbour:
 * one MMSI in two places at once, reports interleaved. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    const model_geography *g = &w->m->geo;
    if (!g->n_anchorages || !g->n_fairways || g->fairways[0].n_centerline < 3)
        return ais_scn_fail(err, "needs an anchorage and a fairway");
    const model_area *anch = &g->anchorages[g->n_anchorages - 1];
    const model_fairway *f = &g->fairways[0];
    ais_station *real = ais_scn_vessel(w, run, 257111220, model_polygon_centroid(&anch->polygon), w->opt.start,
                                       "NORTHERN LIGHT", "LAKN5", 922410, 80, 228, 32, 11.5);
    if (!real) return ais_scn_fail(err, "too many stations");
    real->run = NULL;                       /* the victim's own reports are benign */
    real->next_pos = w->opt.start + SIM_S(7);
    ais_leg_hold(real, -1, NAV_ANCHORED, 40);
    ais_station *clone = ais_scn_vessel(w, run, 257111220, f->centerline[f->n_centerline - 1], at, "NORTHERN LIGHT",
                                        "LAKN5", 922410, 80, 228, 32, 11.5);
    if (!clone) return ais_scn_fail(err, "too many stations");
    clone->sog = 6;
    clone->loop = true;
    ais_leg_goto(clone, f->centerline[f->n_centerline - 3], 6, NAV_UNDERWAY);
    ais_leg_goto(clone, f->centerline[f->n_centerline - 1], 6, NAV_UNDERWAY);
    clone->on_until = at + AIS_MINUTES(15);
    return true;
}

static const char *const checks[] = { "SW-AIS-CLONE", NULL };
static const char *const also[] = { "SW-AIS-TELEPORT", "SW-AIS-DARK", NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_cloned_mmsi = {
    "ais-cloned-mmsi", "Cloned MMSI (one identity in two places)",
    "NORTHERN LIGHT (257111220) lies at anchor all run; for 15 minutes a second transmitter with the same MMSI, "
    "name and IMO number reports it underway at 6 kn in the inner harbour.",
    checks, also, techniques, { 0.30 }, AIS_MINUTES(40), inject,
};
