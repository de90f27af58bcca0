/* test_land.c - the world land layer: known places on land and at sea in the
 * shipped Natural Earth 1:110m layer, the band index against a brute-force
 * ray cast over every edge, coast distances, and malformed files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/prng.h"
#include "model/land.h"

static land_layer *shipped(void)
{
    const char *src = getenv("SEAWALL_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/%s", src ? src : ".", LAND_FILE_NAME);
    sw_error err = { 0 };
    land_layer *l = land_load_file(path, &err);
    if (!l) fail_msg("%s", err.msg);
    return l;
}

typedef struct place { const char *name; double lat, lon; bool land; } place;

static void test_known_places(void **state)
{
    (void)state;
    land_layer *l = shipped();
    assert_int_equal(land_ring_count(l), 128);
    static const place places[] = {
        { "mid-Atlantic", 30.0, -40.0, false },
        { "Madrid", 40.4168, -3.7038, true },
        { "Sahara", 23.0, 10.0, true },
        { "central Pacific", 0.0, -150.0, false },
        { "Greenland ice cap", 72.0, -40.0, true },
        { "central Australia", -25.0, 134.0, true },
        { "Ionian Sea", 35.0, 18.0, false },
        { "Black Sea", 43.5, 34.0, false },
        { "Caspian Sea (a hole in Eurasia)", 42.0, 50.5, false },
        { "Moscow", 55.75, 37.62, true },
        { "Lake-free Amazonia", -5.0, -60.0, true },
        { "South Pole", -89.9, 45.0, true },
        { "North Pole", 89.9, 0.0, false },
        { "Bay of Biscay", 45.5, -5.0, false },
        { "Indian Ocean", -20.0, 80.0, false },
        { "Tasmania", -42.0, 146.5, true },
        { "off Aurora, at the landfall buoy", 39.773, -9.095, false },
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        const place *p = &places[i];
        bool got = land_contains(l, (geo_point){ p->lat, p->lon });
        if (got != p->land) fail_msg("%s (%g, %g): expected %s", p->name, p->lat, p->lon, p->land ? "land" : "water");
    }
    /* Madrid is far inland; the Aurora entrance is near the coarse coast, so
     * the layer cannot say for certain it is land. */
    assert_true(land_contains_inland(l, (geo_point){ 40.4168, -3.7038 }, LAND_110M_ACCURACY_M));
    assert_true(land_coast_distance_m(l, (geo_point){ 40.4168, -3.7038 }, 1e6) > 200000);
    assert_true(land_coast_distance_m(l, (geo_point){ 39.8, -8.99 }, LAND_110M_ACCURACY_M) < LAND_110M_ACCURACY_M);
    assert_false(land_contains_inland(l, (geo_point){ 39.8, -8.99 }, LAND_110M_ACCURACY_M));
    assert_false(land_contains_inland(l, (geo_point){ 30.0, -40.0 }, LAND_110M_ACCURACY_M));
    /* Far from every coast the search gives up at its bound. */
    assert_true(land_coast_distance_m(l, (geo_point){ 30.0, -40.0 }, 50000) == 50000);
    land_free(l);
}

/* The band index must agree with a plain ray cast over every edge. */
static void test_index_matches_brute_force(void **state)
{
    (void)state;
    const char *src = getenv("SEAWALL_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/%s", src ? src : ".", LAND_FILE_NAME);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    geo_point *rings[256];
    size_t lens[256], nr = 0;
    char line[128];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        size_t n = strtoul(line + 5, NULL, 10);
        assert_true(nr < 256);
        rings[nr] = malloc(n * sizeof **rings);
        lens[nr] = n;
        for (size_t k = 0; k < n; k++) {
            assert_non_null(fgets(line, sizeof line, f));
            assert_int_equal(sscanf(line, "%lf %lf", &rings[nr][k].lat, &rings[nr][k].lon), 2);
        }
        nr++;
    }
    fclose(f);
    land_layer *l = shipped();
    prng r;
    prng_seed(&r, 42);
    size_t on_land = 0;
    for (int i = 0; i < 20000; i++) {
        geo_point p = { prng_unit(&r) * 180 - 90, prng_unit(&r) * 360 - 180 };
        bool brute = false;
        for (size_t k = 0; k < nr; k++) brute ^= geo_in_polygon(rings[k], lens[k], p);
        assert_int_equal(land_contains(l, p), brute);
        on_land += brute;
    }
    /* About 29 % of the Earth's surface is land; uniform lat/lon over-samples the poles. */
    assert_true(on_land > 20000 * 0.2 && on_land < 20000 * 0.45);
    for (size_t k = 0; k < nr; k++) free(rings[k]);
    land_free(l);
}

static void expect_error(const char *text, const char *want)
{
    sw_error err = { 0 };
    land_layer *l = land_load_buffer(text, strlen(text), "t.txt", &err);
    assert_null(l);
    if (!strstr(err.msg, want)) fail_msg("got \"%s\", want \"%s\"", err.msg, want);
}

static void test_bad_files(void **state)
{
    (void)state;
    expect_error("", "no rings");
    expect_error("# only a comment\n", "no rings");
    expect_error("ring 2\n0 0\n1 1\n", "t.txt:1: a ring has 3 to");
    expect_error("ring 3\n0 0\n1 1\n", "t.txt:3: the file ends inside a ring");
    expect_error("ring 3\n0 0\n1 1\n91 0\n", "t.txt:4: expected 'lat lon'");
    expect_error("ring 3\n0 0\n1 x\n2 0\n", "t.txt:3: expected 'lat lon'");
    expect_error("ring 3\n0 0\n1\n2 0\n", "t.txt:3: expected 'lat lon'");
    expect_error("polygon 3\n", "t.txt:1: expected 'ring N'");
    expect_error("ring 99999999999999999999\n", "a ring has 3 to");
    expect_error("ring 3\n0 0\n1 1\n2 0\nring 3\n0 0\n", "t.txt:6: the file ends inside");
    sw_error err = { 0 };
    assert_null(land_load_file("/nonexistent/land.txt", &err));
    assert_non_null(strstr(err.msg, "/nonexistent/land.txt"));

    /* A hand-made square with a square hole, CRLF line ends. */
    const char *ok = "ring 4\r\n0 0\r\n0 10\r\n10 10\r\n10 0\r\nring 4\n4 4\n4 6\n6 6\n6 4\n";
    land_layer *l = land_load_buffer(ok, strlen(ok), "sq", &err);
    assert_non_null(l);
    assert_int_equal(land_edge_count(l), 8);
    assert_true(land_contains(l, (geo_point){ 2, 2 }));
    assert_false(land_contains(l, (geo_point){ 5, 5 }));
    assert_false(land_contains(l, (geo_point){ 11, 5 }));
    assert_true(fabs(land_coast_distance_m(l, (geo_point){ 5, 5 }, 1e6) - 111195) < 500);
    land_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_places),
        cmocka_unit_test(test_index_matches_brute_force),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
