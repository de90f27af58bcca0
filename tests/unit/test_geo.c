/* test_geo.c - core geometry (distances against published values, point in
 * polygon, self-intersection) and the port model's geography: loading,
 * positioned errors for bad polygons and points, and the lookups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/geo.h"
#include "model/model.h"

static void test_distance_and_bearing(void **state)
{
    (void)state;
    /* Lisbon (38.7223, -9.1393) to Porto (41.1579, -8.6291): 274 km by the
     * haversine on a 6371 km sphere. */
    geo_point lis = { 38.7223, -9.1393 }, opo = { 41.1579, -8.6291 };
    double d = geo_distance_m(lis, opo);
    assert_true(fabs(d - 274000) < 1500);
    assert_true(fabs(geo_distance_m(opo, lis) - d) < 1e-6);
    assert_true(geo_distance_m(lis, lis) == 0);
    /* One minute of latitude is one nautical mile, within the sphere's error. */
    geo_point a = { 45, 0 }, b = { 45 + 1.0 / 60, 0 };
    assert_true(fabs(geo_distance_m(a, b) - 1852) < 10);
    /* Due east and due north. */
    geo_point eq = { 0, 0 }, east = { 0, 1 }, north = { 1, 0 };
    assert_true(fabs(geo_bearing_deg(eq, east) - 90) < 1e-9);
    assert_true(fabs(geo_bearing_deg(eq, north)) < 1e-9);
    assert_true(fabs(geo_bearing_deg(east, eq) - 270) < 1e-9);
    /* destination() inverts distance and bearing. */
    geo_point p = geo_destination(lis, 37.5, 12345.0);
    assert_true(fabs(geo_distance_m(lis, p) - 12345.0) < 0.01);
    assert_true(fabs(geo_bearing_deg(lis, p) - 37.5) < 1e-6);
    /* Across the antimeridian the longitude wraps. */
    geo_point w = geo_destination((geo_point){ 0, 179.9 }, 90, 50000);
    assert_true(w.lon < -179 && w.lon > -180);
}

static void test_segment_distance(void **state)
{
    (void)state;
    geo_point a = { 40, -9 }, b = { 40, -8 };
    geo_point above = { 40 + 1.0 / 60, -8.5 };
    assert_true(fabs(geo_segment_distance_m(above, a, b) - 1853) < 10);
    /* Past the end: distance to the end point. */
    geo_point beyond = { 40, -7.9 };
    assert_true(fabs(geo_segment_distance_m(beyond, a, b) - geo_distance_m(beyond, b)) < 5);
    assert_true(geo_segment_distance_m(a, a, a) < 1e-9);
}

static void test_point_in_polygon(void **state)
{
    (void)state;
    /* A U shape: the notch is outside. */
    geo_point u[] = { { 0, 0 }, { 0, 3 }, { 3, 3 }, { 3, 2 }, { 1, 2 }, { 1, 1 }, { 3, 1 }, { 3, 0 } };
    size_t n = sizeof u / sizeof u[0];
    assert_true(geo_in_polygon(u, n, (geo_point){ 0.5, 1.5 }));
    assert_true(geo_in_polygon(u, n, (geo_point){ 2, 0.5 }));
    assert_false(geo_in_polygon(u, n, (geo_point){ 2, 1.5 }));     /* in the notch */
    assert_false(geo_in_polygon(u, n, (geo_point){ -1, 1 }));
    assert_false(geo_in_polygon(u, n, (geo_point){ 1.5, 4 }));
    /* A ray through a vertex is counted once. */
    assert_true(geo_in_polygon(u, n, (geo_point){ 2, 2.5 }));
    assert_false(geo_in_polygon(u, 2, (geo_point){ 0, 0 }));
    geo_bbox bb = geo_bbox_of(u, n);
    assert_true(bb.min_lat == 0 && bb.max_lat == 3 && bb.min_lon == 0 && bb.max_lon == 3);
    assert_true(geo_bbox_contains(&bb, (geo_point){ 2, 1.5 }));
    assert_false(geo_bbox_contains(&bb, (geo_point){ 3.1, 1.5 }));
    assert_true(geo_ring_area(u, n) != 0);
}

static void test_self_intersection(void **state)
{
    (void)state;
    geo_point square[] = { { 0, 0 }, { 0, 1 }, { 1, 1 }, { 1, 0 } };
    geo_point bowtie[] = { { 0, 0 }, { 1, 1 }, { 1, 0 }, { 0, 1 } };
    geo_point closed[] = { { 0, 0 }, { 0, 1 }, { 1, 1 }, { 1, 0 }, { 0, 0 } };
    size_t i, j;
    assert_false(geo_polygon_self_intersects(square, 4, 100, &i, &j));
    assert_false(geo_polygon_self_intersects(closed, 5, 100, &i, &j));
    assert_true(geo_polygon_self_intersects(bowtie, 4, 100, &i, &j));
    assert_int_equal(i, 0);
    assert_int_equal(j, 2);
    assert_false(geo_polygon_self_intersects(bowtie, 4, 3, &i, &j));   /* above the size limit: not checked */
    assert_true(geo_segments_intersect((geo_point){ 0, 0 }, (geo_point){ 2, 2 }, (geo_point){ 0, 2 }, (geo_point){ 2, 0 }));
    assert_false(geo_segments_intersect((geo_point){ 0, 0 }, (geo_point){ 1, 1 }, (geo_point){ 0, 2 }, (geo_point){ 0.9, 1.9 }));
    /* Collinear and overlapping. */
    assert_true(geo_segments_intersect((geo_point){ 0, 0 }, (geo_point){ 0, 2 }, (geo_point){ 0, 1 }, (geo_point){ 0, 3 }));
}

/* ---- the model's geography ---------------------------------------------- */

typedef struct loaded {
    port_model *m;
    diag_list d;
} loaded;

static loaded load(const char *yaml)
{
    loaded l;
    diag_init(&l.d, "t.yaml");
    l.m = model_load_buffer(yaml, strlen(yaml), "t.yaml", &l.d);
    assert_non_null(l.m);
    return l;
}

static void unload(loaded *l)
{
    model_free(l->m);
    diag_free(&l->d);
}

static void expect_diag(const loaded *l, unsigned line, unsigned col, diag_severity sev, const char *text)
{
    for (size_t i = 0; i < l->d.len; i++) {
        const diag *g = &l->d.items[i];
        if (g->line == line && g->col == col && g->severity == sev && strstr(g->message, text)) return;
    }
    diag_print(&l->d, stderr);
    fail_msg("no %s at %u:%u containing \"%s\"", sev == DIAG_ERROR ? "error" : "warning", line, col, text);
}

static const char *const geo_yaml =
    "sites: [{id: t1, name: Terminal 1}]\n"
    "zones: [{id: vts, domain: ot, networks: [10.40.0.0/24]}]\n"
    "assets: [{id: ais-bs-01, kind: ais-base, zone: vts, ip: 10.40.0.31}]\n"
    "geography:\n"
    "  vts_area: {name: VTS, polygon: [[39.6, -9.4], [40.0, -9.4], [40.0, -8.8], [39.6, -8.8]]}\n"
    "  water:\n"
    "    - {id: sea, polygon: [[39.6, -9.4], [40.0, -9.4], [40.0, -9.0], [39.6, -9.0]]}\n"
    "    - {id: basin, polygon: [[39.79, -9.0], [39.81, -9.0], [39.81, -8.95], [39.79, -8.95]]}\n"
    "  land:\n"
    "    - {id: shore, polygon: [[39.6, -9.0], [40.0, -9.0], [40.0, -8.8], [39.6, -8.8]]}\n"
    "    - {id: pier, polygon: [[39.799, -8.98], [39.801, -8.98], [39.801, -8.97], [39.799, -8.97]]}\n"
    "  fairways: [{id: main, width_m: 300, centerline: [[39.7, -9.2], [39.8, -9.0]]}]\n"
    "  berths:\n"
    "    - {id: b1, site: t1, kind: container, polygon: [[39.809, -8.96], [39.81, -8.96], [39.81, -8.955], [39.809, -8.955]]}\n"
    "    - {id: buoy, lat: 39.795, lon: -8.99, radius_m: 50}\n"
    "  anchorages: [{id: alpha, polygon: [[39.8, -9.3], [39.85, -9.3], [39.85, -9.2], [39.8, -9.2]]}]\n"
    "  ais_base_stations: [{id: ais-bs-01, mmsi: \"002631001\", lat: 39.807, lon: -8.98}]\n"
    "  aids_to_navigation: [{id: landfall, mmsi: 992631001, lat: 39.77, lon: -9.1, virtual: true}]\n";

static void test_model_geography(void **state)
{
    (void)state;
    loaded l = load(geo_yaml);
    if (l.d.len) diag_print(&l.d, stderr);
    assert_int_equal(l.d.len, 0);
    const model_geography *g = &l.m->geo;
    assert_int_equal(g->vts_area.polygon.n, 4);
    assert_string_equal(g->vts_area.name, "VTS");
    assert_int_equal(g->n_water, 2);
    assert_int_equal(g->n_land, 2);
    assert_int_equal(g->n_fairways, 1);
    assert_int_equal(g->fairways[0].n_centerline, 2);
    assert_true(g->fairways[0].width_m == 300);
    assert_int_equal(g->n_berths, 2);
    assert_int_equal(g->berths[0].site_index, 0);
    assert_string_equal(g->berths[0].kind, "container");
    assert_int_equal(g->n_anchorages, 1);
    assert_int_equal(g->n_ais_base_stations, 1);
    assert_int_equal(g->ais_base_stations[0].mmsi, 2631001);
    assert_int_equal(g->ais_base_stations[0].asset_index, 0);
    assert_true(g->aids_to_navigation[0].is_virtual);

    const port_model *m = l.m;
    assert_int_equal(model_geo_surface_at(m, (geo_point){ 39.7, -9.2 }), MODEL_GEO_WATER);
    assert_int_equal(model_geo_surface_at(m, (geo_point){ 39.7, -8.9 }), MODEL_GEO_LAND);
    assert_int_equal(model_geo_surface_at(m, (geo_point){ 39.8, -8.96 }), MODEL_GEO_LAND);    /* basin inside the shore: land wins */
    assert_int_equal(model_geo_surface_at(m, (geo_point){ 41.0, -9.2 }), MODEL_GEO_UNKNOWN);
    assert_true(model_in_vts_area(m, (geo_point){ 39.7, -9.2 }));
    assert_false(model_in_vts_area(m, (geo_point){ 39.5, -9.2 }));
    assert_string_equal(model_berth_at(m, (geo_point){ 39.8095, -8.957 })->id, "b1");
    assert_string_equal(model_berth_at(m, (geo_point){ 39.7953, -8.9902 })->id, "buoy");   /* ~40 m from the buoy */
    assert_null(model_berth_at(m, (geo_point){ 39.797, -8.99 }));                         /* ~220 m */
    assert_string_equal(model_anchorage_at(m, (geo_point){ 39.82, -9.25 })->id, "alpha");
    assert_null(model_anchorage_at(m, (geo_point){ 39.7, -9.25 }));
    assert_string_equal(model_ais_station_by_mmsi(m, 2631001)->id, "ais-bs-01");
    assert_string_equal(model_ais_station_by_mmsi(m, 992631001)->id, "landfall");
    assert_null(model_ais_station_by_mmsi(m, 263000001));
    geo_point c = model_berth_center(&g->berths[0]);
    assert_true(fabs(c.lat - 39.8095) < 1e-9 && fabs(c.lon + 8.9575) < 1e-9);
    unload(&l);
}

static void test_model_geography_errors(void **state)
{
    (void)state;
    loaded l = load(
        "sites: [{id: t1}]\n"                                                             /* 1 */
        "geography:\n"                                                                    /* 2 */
        "  vts_area: {polygon: [[39.6, -9.4], [40.0, -9.4]]}\n"                           /* 3 */
        "  water:\n"                                                                      /* 4 */
        "    - {id: bow, polygon: [[0, 0], [1, 1], [1, 0], [0, 1]]}\n"                    /* 5 */
        "    - {id: far, polygon: [[91, 0], [1, 1], [1, 0]]}\n"                           /* 6 */
        "    - {id: lon, polygon: [[0, 0], [1, 181], [1, 0]]}\n"                          /* 7 */
        "    - {id: flat, polygon: [[0, 0], [1, 1], [2, 2]]}\n"                           /* 8 */
        "    - {id: pair, polygon: [[0, 0, 1], [1, 1], [2, 0]]}\n"                        /* 9 */
        "  berths:\n"                                                                     /* 10 */
        "    - {id: b1, site: t9, lat: 39.8}\n"                                           /* 11 */
        "    - {id: b1, lat: 39.8, lon: -8.9, radius_m: 50, polygon: [[0, 0], [0, 1], [1, 1]]}\n"  /* 12 */
        "  ais_base_stations:\n"                                                          /* 13 */
        "    - {id: bs, mmsi: 263000001, lat: 39.8, lon: -8.9}\n"                         /* 14 */
        "    - {id: bs2, mmsi: \"12ab\", lat: 39.8}\n"                                    /* 15 */
        "  aids_to_navigation:\n"                                                         /* 16 */
        "    - {id: buoy, mmsi: 263000001, lat: 100, lon: -8.9}\n");                      /* 17 */
    expect_diag(&l, 3, 23, DIAG_ERROR, "'polygon' has 2 points; it needs at least 3");
    expect_diag(&l, 5, 43, DIAG_ERROR, "crosses itself");
    expect_diag(&l, 6, 28, DIAG_ERROR, "latitude 91 is out of range");
    expect_diag(&l, 7, 39, DIAG_ERROR, "longitude 181 is out of range");
    expect_diag(&l, 8, 27, DIAG_ERROR, "has no area");
    expect_diag(&l, 9, 28, DIAG_ERROR, "must be a pair [lat, lon]");
    expect_diag(&l, 11, 7, DIAG_ERROR, "berth 'b1' needs a polygon, or lat, lon and radius_m");
    expect_diag(&l, 11, 22, DIAG_ERROR, "unknown site 't9'");
    expect_diag(&l, 12, 12, DIAG_ERROR, "duplicate berth id 'b1'");
    expect_diag(&l, 12, 7, DIAG_ERROR, "both a polygon and lat/lon/radius_m");
    expect_diag(&l, 14, 22, DIAG_WARNING, "does not have the form of a base station (00MIDdddd)");
    expect_diag(&l, 14, 12, DIAG_WARNING, "not an asset");
    expect_diag(&l, 15, 23, DIAG_ERROR, "is not an MMSI");
    expect_diag(&l, 15, 7, DIAG_ERROR, "missing required field 'lon'");
    expect_diag(&l, 17, 24, DIAG_ERROR, "MMSI 263000001 is also station 'bs'");
    expect_diag(&l, 17, 40, DIAG_ERROR, "latitude 100 is out of range");
    expect_diag(&l, 3, 3, DIAG_WARNING, "geography has no vts_area");
    unload(&l);
}

static void test_sample_port_geography(void **state)
{
    (void)state;
    const char *src = getenv("SEAWALL_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/aurora/port.yaml", src ? src : ".");
    diag_list d;
    diag_init(&d, path);
    port_model *m = model_load_file(path, &d);
    assert_non_null(m);
    if (d.len) diag_print(&d, stderr);
    assert_int_equal(d.len, 0);
    const model_geography *g = &m->geo;
    /* The VTS area reaches about 20 nm out to sea from the entrance. */
    geo_point entrance = { 39.800, -8.990 };
    geo_point outer = { 39.800, g->vts_area.polygon.bbox.min_lon };
    double nm = geo_distance_m(entrance, outer) / GEO_M_PER_NM;
    assert_true(nm > 19 && nm < 21);
    assert_true(g->n_anchorages >= 2);
    assert_true(g->n_fairways >= 1);
    /* Every berth is in harbour water, and each terminal has its berths. */
    size_t t1 = 0, t2 = 0;
    for (size_t i = 0; i < g->n_berths; i++) {
        geo_point c = model_berth_center(&g->berths[i]);
        assert_int_equal(model_geo_surface_at(m, c), MODEL_GEO_WATER);
        assert_true(model_in_vts_area(m, c));
        if (g->berths[i].site && !strcmp(g->berths[i].site, "t1")) t1++;
        if (g->berths[i].site && !strcmp(g->berths[i].site, "t2")) t2++;
    }
    assert_true(t1 >= 2 && t2 >= 2);
    /* Anchorages and the fairway are at sea; the base station is on land. */
    for (size_t i = 0; i < g->n_anchorages; i++)
        assert_int_equal(model_geo_surface_at(m, model_polygon_centroid(&g->anchorages[i].polygon)), MODEL_GEO_WATER);
    for (size_t i = 0; i < g->fairways[0].n_centerline; i++)
        assert_int_equal(model_geo_surface_at(m, g->fairways[0].centerline[i]), MODEL_GEO_WATER);
    assert_int_equal(g->n_ais_base_stations, 1);
    const model_ais_station *bs = &g->ais_base_stations[0];
    assert_true(bs->asset_index >= 0);
    assert_string_equal(m->assets[bs->asset_index].kind, "ais-base");
    assert_int_equal(model_geo_surface_at(m, (geo_point){ bs->lat, bs->lon }), MODEL_GEO_LAND);
    model_free(m);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance_and_bearing),
        cmocka_unit_test(test_segment_distance),
        cmocka_unit_test(test_point_in_polygon),
        cmocka_unit_test(test_self_intersection),
        cmocka_unit_test(test_model_geography),
        cmocka_unit_test(test_model_geography_errors),
        cmocka_unit_test(test_sample_port_geography),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
