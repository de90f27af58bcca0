/* ais_scn_common.c - what the AIS scenarios share: their own vessels,
 * explicit windows for the ground truth, and skip reasons. */
#include <stdio.h>
#include "sim/ais_world.h"

ais_station *ais_scn_vessel(ais_world *w, sim_ais_run *run, uint32_t mmsi, geo_point p, sw_time_us from,
                            const char *name, const char *callsign, uint32_t imo6, unsigned shiptype,
                            unsigned length_m, unsigned beam_m, double draught_m)
{
    ais_station *s = ais_world_add(w, AIS_ST_CLASS_A, mmsi, p);
    if (!s) return NULL;
    ais_identity_set(&s->id, name, callsign, imo6, shiptype, length_m, beam_m, draught_m, "PTAUR");
    s->on_from = from;
    s->next_pos = from;
    s->next_static = from + SIM_S(2);
    s->run = run;
    ais_run_add_mmsi(run, mmsi);
    return s;
}

void ais_scn_window(sim_ais_run *run, sw_time_us first, sw_time_us last)
{
    run->fixed_window = true;
    run->first = first;
    run->last = last;
}

bool ais_scn_fail(sw_error *err, const char *why)
{
    sw_fail(err, SW_ERR_INVALID, "%s", why);
    return false;
}
