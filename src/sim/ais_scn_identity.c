/* ais_scn_identity.c - ais-identity-swap: a ship at anchor changes its
 * static data under the same MMSI (name, call sign, IMO number, type and
 * dimensions), as a ship hiding its history does. */
#include "sim/ais_world.h"

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    const model_geography *g = &w->m->geo;
    if (!g->n_anchorages) return ais_scn_fail(err, "needs an anchorage");
    const model_area *a = &g->anchorages[0];
    geo_point p = { a->polygon.bbox.min_lat + 0.8 * (a->polygon.bbox.max_lat - a->polygon.bbox.min_lat),
                    a->polygon.bbox.min_lon + 0.2 * (a->polygon.bbox.max_lon - a->polygon.bbox.min_lon) };
    if (!model_polygon_contains(&a->polygon, p)) p = model_polygon_centroid(&a->polygon);
    ais_station *s = ais_scn_vessel(w, run, 341234560, p, w->opt.start, "AMBER GLORY", "V4AG2", 913357, 80, 183, 32,
                                    11.0);
    if (!s) return ais_scn_fail(err, "too many stations");
    ais_leg_hold(s, -1, NAV_ANCHORED, 40);
    s->next_pos = w->opt.start + SIM_S(11);
    ais_identity_set(&s->alt_id, "KAPITAN ORLOV", "UBZK7", 927761, 84, 176, 31, 10.6, "PTAUR");
    s->alt_id_from = at;            /* and goes out at once (ais_world.c) */
    /* Static reports come every 6 minutes, and one may be lost. */
    ais_scn_window(run, at, at + AIS_MINUTES(13));
    return true;
}

static const char *const checks[] = { "SW-AIS-IDENTITY-CHANGE", NULL };
static const char *const also[] = { NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_identity_swap = {
    "ais-identity-swap", "Identity swap under one MMSI",
    "AMBER GLORY (341234560, tanker, 183 m) at anchor starts sending type 5 static data as KAPITAN ORLOV, with "
    "another call sign, IMO number, ship type and dimensions. The window is from the change to two static "
    "intervals after it.",
    checks, also, techniques, { 0.45 }, AIS_MINUTES(40), inject,
};
