/* ais_geo_model.c - ais_geo over the port model: its land and water
 * polygons decide first (land wins, as model_geo_surface_at says), and
 * outside them the world land layer, trusted only inland beyond its
 * accuracy; the VTS area with the distance to its edge; the declared base
 * stations and AtoNs. */
#include "detect/ais_geo_model.h"
#include <string.h>

static ais_surface surface_at(void *user, double lat, double lon, const char **where)
{
    ais_geo_model *g = user;
    geo_point p = { lat, lon };
    if (g->m) {
        const model_geography *geo = &g->m->geo;
        for (size_t i = 0; i < geo->n_land; i++)
            if (model_polygon_contains(&geo->land[i].polygon, p)) {
                *where = geo->land[i].id;
                return AIS_SURFACE_LAND;
            }
        if (model_geo_surface_at(g->m, p) == MODEL_GEO_WATER) return AIS_SURFACE_WATER;
    }
    if (g->land && land_contains_inland(g->land, p, g->inland_margin_m)) {
        *where = "world land layer";
        return AIS_SURFACE_LAND;
    }
    return AIS_SURFACE_UNKNOWN;
}

static bool in_vts(void *user, double lat, double lon, double *edge_m)
{
    ais_geo_model *g = user;
    geo_point p = { lat, lon };
    const model_polygon *poly = &g->m->geo.vts_area.polygon;
    if (!poly->n || !model_in_vts_area(g->m, p)) return false;
    double best = -1;
    for (size_t i = 0; i < poly->n; i++) {
        double d = geo_segment_distance_m(p, poly->pts[i], poly->pts[(i + 1) % poly->n]);
        if (best < 0 || d < best) best = d;
    }
    *edge_m = best;
    return true;
}

static bool station(void *user, uint32_t mmsi, ais_geo_station *out)
{
    ais_geo_model *g = user;
    const model_ais_station *s = model_ais_station_by_mmsi(g->m, mmsi);
    if (!s || !s->has_lat || !s->has_lon) return false;
    memset(out, 0, sizeof *out);
    out->id = s->id;
    out->mmsi = s->mmsi;
    out->lat = s->lat;
    out->lon = s->lon;
    out->is_virtual = s->is_virtual;
    out->aton = s >= g->m->geo.aids_to_navigation &&
                s < g->m->geo.aids_to_navigation + g->m->geo.n_aids_to_navigation;
    return true;
}

void ais_geo_model_init(ais_geo_model *g, const port_model *m, const land_layer *land)
{
    memset(g, 0, sizeof *g);
    g->m = m;
    g->land = land;
    g->inland_margin_m = LAND_110M_ACCURACY_M;
    g->geo.user = g;
    g->geo.surface_at = surface_at;
    if (m && m->geo.vts_area.polygon.n) g->geo.in_vts = in_vts;
    if (m) {
        g->geo.station = station;
        g->geo.n_base_stations = m->geo.n_ais_base_stations;
        g->geo.n_atons = m->geo.n_aids_to_navigation;
    }
}
