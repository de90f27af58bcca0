/* ais_scn_over_land.c - ais-track-over-land: a spoofed track that comes in
 * from the sea and runs on across the port's land at a plausible 10 kn,
 * then turns back to sea. Each leg is possible; where it goes is not. */
#include "sim/ais_world.h"

/* A land point inside the VTS area and the nearest water from it. */
static bool land_and_shore(const port_model *m, geo_point *land, double *to_sea_deg, double *shore_m)
{
    for (size_t i = 0; i < m->geo.n_land; i++) {
        geo_point p = model_polygon_centroid(&m->geo.land[i].polygon);
        if (!model_in_vts_area(m, p) || model_geo_surface_at(m, p) != MODEL_GEO_LAND) continue;
        double best = -1, best_brg = 0;
        for (double brg = 0; brg < 360; brg += 15)
            for (double d = 200; d <= 30000; d += 200) {
                if (model_geo_surface_at(m, geo_destination(p, brg, d)) != MODEL_GEO_WATER) continue;
                if (best < 0 || d < best) { best = d; best_brg = brg; }
                break;
            }
        if (best > 1000) {
            *land = p;
            *to_sea_deg = best_brg;
            *shore_m = best;
            return true;
        }
    }
    return false;
}

static bool inject(ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err)
{
    geo_point land;
    double brg, shore;
    if (!land_and_shore(w->m, &land, &brg, &shore)) return ais_scn_fail(err, "no land more than 1 km from the water");
    /* Cross the coast where it is nearest the land point: in from 2 km out,
     * 1.5 km inland, and back out the same way. */
    geo_point coast = geo_destination(land, brg, shore);
    geo_point sea = geo_destination(coast, brg, 2000), inland = geo_destination(coast, brg + 180, 1500);
    if (model_geo_surface_at(w->m, sea) != MODEL_GEO_WATER || model_geo_surface_at(w->m, inland) != MODEL_GEO_LAND)
        return ais_scn_fail(err, "no straight coast to cross");
    ais_station *s = ais_scn_vessel(w, run, 249876540, sea, at, "SILVER FOX", "9HSF4", 941128, 70, 120, 20, 6.8);
    if (!s) return ais_scn_fail(err, "too many stations");
    s->sog = 10;
    ais_leg_goto(s, inland, 10, NAV_UNDERWAY);
    ais_leg_goto(s, sea, 10, NAV_UNDERWAY);
    ais_leg_hold(s, -1, NAV_UNDERWAY, 0);
    /* The window runs from crossing the coast to regaining the water. */
    double kn_ms = 10 * 0.5144;
    sw_time_us in = at + (sw_time_us)(2000 / kn_ms * SW_US_PER_SEC);
    ais_scn_window(run, in - SIM_S(30), in + (sw_time_us)(3000 / kn_ms * SW_US_PER_SEC) + SIM_S(60));
    return true;
}

static const char *const checks[] = { "SW-AIS-ON-LAND", NULL };
static const char *const also[] = { NULL };
static const char *const techniques[] = { "T0856", NULL };

const sim_ais_scenario ais_scenario_track_over_land = {
    "ais-track-over-land", "Track over land",
    "SILVER FOX (249876540) comes in from 2 km off the coast at 10 kn and its reported track runs on 1.5 km "
    "into the port's land, then back out to sea, where it stops. The window is the time on land.",
    checks, also, techniques, { 0.40 }, AIS_MINUTES(50), inject,
};
