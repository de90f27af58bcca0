/* ais_scn_fake_base.c - ais-fake-base-station: type 4 base station reports
 * from an MMSI of the right form (00MIDdddd, Portugal) that is not one of the
 * port's stations, from a position where the port has none. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    const model_geography *g = &w->m->geo;
    geo_point p = g->n_ais_base_stations ? (geo_point){ g->ais_base_stations[0].lat, g->ais_base_stations[0].lon }
                                         : model_polygon_centroid(&g->vts_area.polygon);
    p = geo_destination(p, 20, 5000);
    ais_station *s = ais_world_add(w, AIS_ST_BASE, 2639999, p);
    if (!s) return ais_scn_fail(err, "too many stations");
    s->on_from = at;
    s->next_pos = at;
    s->on_until = at + AIS_MINUTES(12);
    s->run = run;
    ais_run_add_mmsi(run, s->mmsi);
    return true;
}

static const char *const checks[] = { "SW-AIS-FAKE-STATION", NULL };
static const char *const also[] = { NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_fake_base_station = {
    "ais-fake-base-station", "Fake AIS base station",
    "MMSI 002639999 sends type 4 base station reports every 10 s for 12 minutes from 5 km north-north-east of "
    "the port's base station; the port model lists no such station.",
    checks, also, techniques, { 0.62 }, AIS_MINUTES(40), inject,
};
