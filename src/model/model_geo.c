/* model_geo.c - questions asked of the port's geography: is this position
 * water or land, inside the VTS area, at a berth or an anchorage, and is
 * this MMSI one of the port's own AIS stations. */
#include "model/model.h"

bool model_polygon_contains(const model_polygon *poly, geo_point p)
{
    return poly->n >= 3 && geo_bbox_contains(&poly->bbox, p) && geo_in_polygon(poly->pts, poly->n, p);
}

model_geo_surface model_geo_surface_at(const port_model *m, geo_point p)
{
    const model_geography *g = &m->geo;
    for (size_t i = 0; i < g->n_land; i++)
        if (model_polygon_contains(&g->land[i].polygon, p)) return MODEL_GEO_LAND;
    for (size_t i = 0; i < g->n_water; i++)
        if (model_polygon_contains(&g->water[i].polygon, p)) return MODEL_GEO_WATER;
    return MODEL_GEO_UNKNOWN;
}

bool model_in_vts_area(const port_model *m, geo_point p)
{
    return model_polygon_contains(&m->geo.vts_area.polygon, p);
}

geo_point model_berth_center(const model_berth *b)
{
    geo_point c = { b->lat, b->lon };
    return b->polygon.n ? model_polygon_centroid(&b->polygon) : c;
}

geo_point model_polygon_centroid(const model_polygon *poly)
{
    geo_point c = { 0, 0 };
    size_t n = poly->n;
    const geo_point *pts = poly->pts;
    if (n == 0) return c;
    if (n > 1 && pts[0].lat == pts[n - 1].lat && pts[0].lon == pts[n - 1].lon) n--;
    for (size_t i = 0; i < n; i++) { c.lat += pts[i].lat; c.lon += pts[i].lon; }
    c.lat /= (double)n;
    c.lon /= (double)n;
    return c;
}

const model_berth *model_berth_at(const port_model *m, geo_point p)
{
    for (size_t i = 0; i < m->geo.n_berths; i++) {
        const model_berth *b = &m->geo.berths[i];
        if (b->polygon.n ? model_polygon_contains(&b->polygon, p)
                         : (b->has_lat && b->has_lon && geo_distance_m(p, model_berth_center(b)) <= b->radius_m))
            return b;
    }
    return NULL;
}

const model_area *model_anchorage_at(const port_model *m, geo_point p)
{
    for (size_t i = 0; i < m->geo.n_anchorages; i++)
        if (model_polygon_contains(&m->geo.anchorages[i].polygon, p)) return &m->geo.anchorages[i];
    return NULL;
}

const model_ais_station *model_ais_station_by_mmsi(const port_model *m, uint32_t mmsi)
{
    for (size_t i = 0; i < m->geo.n_ais_base_stations; i++)
        if (m->geo.ais_base_stations[i].mmsi == mmsi) return &m->geo.ais_base_stations[i];
    for (size_t i = 0; i < m->geo.n_aids_to_navigation; i++)
        if (m->geo.aids_to_navigation[i].mmsi == mmsi) return &m->geo.aids_to_navigation[i];
    return NULL;
}
