/* test_ais_track.c - AIS tracking and integrity checks: the MID table
 * against the shared ITU csv, MMSI classification, the tracker's bounds
 * (LRU eviction, index after deletions), and each SW-AIS-* check on
 * hand-built message sequences that must and must not trigger it, plus
 * the whole chain from NMEA sentences with tag-block times. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ais/mid.h"
#include "ais/stream.h"
#include "ais/track.h"
#include "core/strbuf.h"
#include "detect/ais_detect.h"

/* ---- a recorded run ------------------------------------------------------ */

typedef struct rec {
    int n[AIS_CHECK__COUNT];
    ais_alert last[AIS_CHECK__COUNT];
    int total;
} rec;

static void on_alert(void *user, const ais_alert *a)
{
    rec *r = user;
    r->n[a->check]++;
    r->last[a->check] = *a;
    r->total++;
}

/* A port: VTS area 39.6..40.0 N, 9.4..8.9 W; land east of 8.95 W; one
 * base station and one AtoN declared. */
static ais_surface t_surface(void *u, double lat, double lon, const char **where)
{
    if (lon > -8.95) { *where = "test-land"; return AIS_SURFACE_LAND; }
    return AIS_SURFACE_WATER;
}
static bool t_vts(void *u, double lat, double lon, double *edge)
{
    if (lat < 39.6 || lat > 40.0 || lon < -9.4 || lon > -8.9) return false;
    double d[4] = { lat - 39.6, 40.0 - lat, (lon + 9.4) * 0.77, (-8.9 - lon) * 0.77 };
    double m = d[0];
    for (int i = 1; i < 4; i++) if (d[i] < m) m = d[i];
    *edge = m * 111000.0;
    return true;
}
static bool t_station(void *u, uint32_t mmsi, ais_geo_station *o)
{
    memset(o, 0, sizeof *o);
    if (mmsi == 2633001) { o->id = "bs1"; o->mmsi = mmsi; o->lat = 39.81; o->lon = -8.96; return true; }
    if (mmsi == 992636001) { o->id = "aton1"; o->mmsi = mmsi; o->lat = 39.70; o->lon = -9.10; o->aton = true; return true; }
    return false;
}
static const ais_geo test_geo = { NULL, t_surface, t_vts, t_station, 1, 1 };

typedef struct run {
    ais_detect *e;
    rec r;
    uint64_t line;
} run;

static run *run_new(const ais_geo *geo)
{
    run *x = calloc(1, sizeof *x);
    assert_non_null(x);
    ais_detect_config c;
    ais_detect_config_default(&c);
    c.capacity = 1024;
    x->e = ais_detect_create(&c, geo, on_alert, &x->r, NULL, NULL);
    assert_non_null(x->e);
    return x;
}

static void run_free(run *x)
{
    ais_detect_destroy(x->e);
    free(x);
}

static void feed(run *x, const ais_msg *m, double t_s)
{
    ais_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.line_first = meta.line_last = ++x->line;
    int64_t t = t_s < 0 ? AIS_NO_TIME : (int64_t)(t_s * 1000);
    meta.has_time = t_s >= 0;
    meta.time_ms = t;
    ais_detect_message(x->e, m, &meta, t, 1700000000000);
}

static ais_msg pos(uint32_t mmsi, double lat, double lon, double sog_kn, uint8_t status)
{
    ais_msg m;
    memset(&m, 0, sizeof m);
    m.type = 1;
    m.mmsi = mmsi;
    m.u.pos.lat = (int32_t)(lat * 600000.0);
    m.u.pos.lon = (int32_t)(lon * 600000.0);
    m.u.pos.speed = (uint16_t)(sog_kn * 10);
    m.u.pos.course = 900;
    m.u.pos.heading = 90;
    m.u.pos.status = status;
    m.u.pos.second = 60;
    return m;
}

static ais_msg voyage(uint32_t mmsi, const char *name, const char *callsign, uint32_t imo, uint8_t type)
{
    ais_msg m;
    memset(&m, 0, sizeof m);
    m.type = 5;
    m.mmsi = mmsi;
    snprintf(m.u.voyage.shipname, sizeof m.u.voyage.shipname, "%s", name);
    snprintf(m.u.voyage.callsign, sizeof m.u.voyage.callsign, "%s", callsign);
    m.u.voyage.imo = imo;
    m.u.voyage.shiptype = type;
    m.u.voyage.to_bow = 150; m.u.voyage.to_stern = 50; m.u.voyage.to_port = 15; m.u.voyage.to_starboard = 15;
    return m;
}

static ais_msg base(uint32_t mmsi, double lat, double lon)
{
    ais_msg m;
    memset(&m, 0, sizeof m);
    m.type = 4;
    m.mmsi = mmsi;
    m.u.base.lat = (int32_t)(lat * 600000.0);
    m.u.base.lon = (int32_t)(lon * 600000.0);
    m.u.base.second = 60;
    return m;
}

static ais_msg aton(uint32_t mmsi, double lat, double lon, bool virt)
{
    ais_msg m;
    memset(&m, 0, sizeof m);
    m.type = 21;
    m.mmsi = mmsi;
    m.u.aton.lat = (int32_t)(lat * 600000.0);
    m.u.aton.lon = (int32_t)(lon * 600000.0);
    m.u.aton.virtual_aid = virt;
    m.u.aton.second = 60;
    return m;
}

#define SHIP 263123456u      /* MID 263 Portugal */
#define SHIP2 263654321u

/* Steams east along 39.8 N at sog knots from lon0, one report every dt s. */
static void steam(run *x, uint32_t mmsi, double lon0, double sog, double t0, double dt, int n)
{
    double deg_per_s = sog / 3600.0 / 60.0 / 0.7683;   /* nm per degree of lon at 39.8 N: 60 * cos */
    for (int i = 0; i < n; i++) {
        ais_msg m = pos(mmsi, 39.8, lon0 + deg_per_s * dt * i, sog, 0);
        feed(x, &m, t0 + dt * i);
    }
}

/* ---- MID table and MMSI forms ---------------------------------------------- */

static void test_mid_table_matches_itu_csv(void **state)
{
    const char *shared = getenv("SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/ais/libais/docs/mid.csv", shared ? shared : "../shared");
    FILE *f = fopen(path, "r");
    if (!f) { print_message("no %s: set SHARED\n", path); skip(); }
    char line[512];
    unsigned rows = 0;
    assert_non_null(fgets(line, sizeof line, f));   /* header */
    while (fgets(line, sizeof line, f)) {
        unsigned mid;
        char country[400];
        if (sscanf(line, "%u,\"%399[^\"]\"", &mid, country) != 2) continue;
        const ais_mid *m = ais_mid_lookup(mid);
        assert_non_null(m);
        assert_string_equal(m->country, country);
        assert_int_equal(strlen(m->iso), 2);
        rows++;
    }
    fclose(f);
    unsigned n;
    ais_mid_table(&n);
    assert_int_equal(rows, n);    /* nothing more, nothing less */
    assert_true(n > 280);
    assert_null(ais_mid_lookup(200));
    assert_null(ais_mid_lookup(537));
    assert_string_equal(ais_mid_lookup(263)->iso, "PT");
    assert_string_equal(ais_mid_lookup(366)->iso, "US");
}

static void test_mmsi_forms(void **state)
{
    unsigned mid;
    assert_int_equal(ais_mmsi_kind(263123456, &mid), AIS_STATION_SHIP); assert_int_equal(mid, 263);
    assert_int_equal(ais_mmsi_kind(2633001, &mid), AIS_STATION_COAST); assert_int_equal(mid, 263);
    assert_int_equal(ais_mmsi_kind(26312345, &mid), AIS_STATION_GROUP); assert_int_equal(mid, 263);
    assert_int_equal(ais_mmsi_kind(111263123, &mid), AIS_STATION_SAR_AIRCRAFT); assert_int_equal(mid, 263);
    assert_int_equal(ais_mmsi_kind(970123456, &mid), AIS_STATION_SART); assert_int_equal(mid, 0);
    assert_int_equal(ais_mmsi_kind(972123456, NULL), AIS_STATION_MOB);
    assert_int_equal(ais_mmsi_kind(974123456, NULL), AIS_STATION_EPIRB);
    assert_int_equal(ais_mmsi_kind(982631234, &mid), AIS_STATION_CRAFT); assert_int_equal(mid, 263);
    assert_int_equal(ais_mmsi_kind(992636001, &mid), AIS_STATION_ATON); assert_int_equal(mid, 263);
    assert_int_equal(ais_mmsi_kind(826312345, NULL), AIS_STATION_HANDHELD);
    assert_int_equal(ais_mmsi_kind(123456789, NULL), AIS_STATION_INVALID);
    assert_int_equal(ais_mmsi_kind(1000000000u, NULL), AIS_STATION_INVALID);
    assert_int_equal(ais_mmsi_kind(999999, NULL), AIS_STATION_INVALID);
}

/* ---- tracker ----------------------------------------------------------------- */

static void test_tracker_lru_eviction_and_index(void **state)
{
    int evicted = 0;
    uint32_t last_evicted = 0;
    ais_tracker *t = ais_tracker_create(8, NULL, NULL);
    assert_non_null(t);
    bool created;
    for (uint32_t i = 0; i < 8; i++) {
        assert_non_null(ais_tracker_get(t, 263000000 + i, &created));
        assert_true(created);
    }
    ais_tracker_get(t, 263000000, &created);   /* touch the oldest: now 263000001 is the LRU */
    assert_false(created);
    ais_vessel *v = ais_tracker_get(t, 263999999, &created);
    assert_true(created);
    assert_int_equal(v->gen, 1);
    assert_null(ais_tracker_find(t, 263000001));
    assert_non_null(ais_tracker_find(t, 263000000));
    /* churn many more: every lookup must stay right after backward shifts */
    for (uint32_t i = 0; i < 1000; i++) {
        ais_tracker_get(t, 200000000 + i * 7919, &created);
        assert_true(created);
        assert_non_null(ais_tracker_find(t, 200000000 + i * 7919));
        if (i >= 8) assert_null(ais_tracker_find(t, 200000000 + (i - 8) * 7919));
    }
    const ais_tracker_stats *st = ais_tracker_get_stats(t);
    assert_int_equal(st->live, 8);
    assert_int_equal(st->evicted, 1000 + 1);
    (void)evicted; (void)last_evicted;
    /* LRU order walks every live vessel once */
    int n = 0;
    for (ais_vessel *w = ais_tracker_oldest(t); w; w = ais_tracker_newer(t, w)) n++;
    assert_int_equal(n, 8);
    ais_tracker_destroy(t);
}

static void test_tracker_state(void **state)
{
    run *x = run_new(NULL);
    ais_msg m = pos(SHIP, 39.8, -9.1, 12.3, 0);
    feed(x, &m, 100);
    m = voyage(SHIP, "AURORA STAR", "CSAB1", 9123456, 70);
    snprintf(m.u.voyage.destination, sizeof m.u.voyage.destination, "PTAUR");
    m.u.voyage.month = 11; m.u.voyage.day = 28; m.u.voyage.draught = 92;
    feed(x, &m, 101);
    ais_vessel *v = ais_tracker_find(ais_detect_tracker(x->e), SHIP);
    assert_non_null(v);
    assert_int_equal(v->cls, AIS_CLASS_A);
    assert_int_equal(v->messages, 2);
    assert_int_equal(v->positions, 1);
    assert_string_equal(v->name, "AURORA STAR");
    assert_string_equal(v->destination, "PTAUR");
    assert_int_equal(v->imo, 9123456);
    assert_int_equal(v->to_bow + v->to_stern, 200);
    assert_int_equal(v->first_seen_ms, 100000);
    assert_int_equal(v->last_seen_ms, 101000);
    const ais_fix *f = ais_vessel_last_fix(v);
    assert_non_null(f);
    assert_int_equal(f->sog, 123);
    assert_true(ais_fix_lat(f) > 39.79 && ais_fix_lat(f) < 39.81);
    assert_string_equal(ais_vessel_status(v), "ok");
    assert_int_equal(x->r.total, 0);
    run_free(x);
}

/* ---- checks ------------------------------------------------------------------ */

static void test_mmsi_invalid(void **state)
{
    run *x = run_new(NULL);
    ais_msg m = pos(SHIP, 39.8, -9.1, 10, 0);
    feed(x, &m, -1);
    m = pos(SHIP2, 39.8, -9.1, 10, 0);
    feed(x, &m, -1);
    assert_int_equal(x->r.total, 0);
    m = pos(537411077, 39.8, -9.1, 10, 0);   /* MID 537 unallocated */
    feed(x, &m, -1);
    assert_int_equal(x->r.n[AIS_CHECK_MMSI_INVALID], 1);
    assert_int_equal(x->r.last[AIS_CHECK_MMSI_INVALID].lines[0], 3);
    assert_non_null(strstr(x->r.last[AIS_CHECK_MMSI_INVALID].message, "MID 537"));
    m = base(263123499, 39.8, -9.1);          /* type 4 from a ship MMSI */
    feed(x, &m, -1);
    assert_int_equal(x->r.n[AIS_CHECK_MMSI_INVALID], 2);
    m = aton(263123498, 39.8, -9.1, false);   /* type 21 from a ship MMSI */
    feed(x, &m, -1);
    assert_int_equal(x->r.n[AIS_CHECK_MMSI_INVALID], 3);
    m = pos(2633002, 39.8, -9.1, 10, 0);      /* type 1 from a base station MMSI */
    feed(x, &m, -1);
    assert_int_equal(x->r.n[AIS_CHECK_MMSI_INVALID], 4);
    m = aton(992636009, 39.8, -9.1, false);   /* fits: 99MID AtoN */
    feed(x, &m, -1);
    m = pos(970123456, 39.8, -9.1, 0, 14);    /* fits: AIS-SART sends type 1 */
    feed(x, &m, -1);
    m = base(2633001, 39.81, -8.96);          /* fits: 00MID base station */
    feed(x, &m, -1);
    assert_int_equal(x->r.n[AIS_CHECK_MMSI_INVALID], 4);
    m = pos(537411077, 39.8, -9.1, 10, 0);    /* judged once per vessel and type */
    feed(x, &m, -1);
    assert_int_equal(x->r.n[AIS_CHECK_MMSI_INVALID], 4);
    run_free(x);
}

static void test_teleport_confirmed_and_glitch_ignored(void **state)
{
    run *x = run_new(&test_geo);
    steam(x, SHIP, -9.30, 12, 0, 10, 6);             /* normal: 10 s reports */
    assert_int_equal(x->r.total, 0);
    /* one stray fix 20 nm away, then the track goes on: a glitch */
    ais_msg m = pos(SHIP, 39.8, -8.96 - 0.3, 12, 0);
    m.u.pos.lat = (int32_t)(39.95 * 600000.0);
    feed(x, &m, 60);
    steam(x, SHIP, -9.30 + 12 / 3600.0 / 60 / 0.7683 * 70, 12, 70, 10, 3);
    assert_int_equal(x->r.n[AIS_CHECK_TELEPORT], 0);
    assert_int_equal(x->r.n[AIS_CHECK_CLONE], 0);
    /* now a real jump: 15 nm west in 10 s, and the track continues there */
    steam(x, SHIP2, -9.0, 12, 0, 10, 4);
    steam(x, SHIP2, -9.33, 12, 40, 10, 5);
    assert_int_equal(x->r.n[AIS_CHECK_TELEPORT], 1);
    assert_int_equal(x->r.last[AIS_CHECK_TELEPORT].mmsi, SHIP2);
    assert_true(x->r.last[AIS_CHECK_TELEPORT].n_lines >= 3);
    assert_non_null(strstr(x->r.last[AIS_CHECK_TELEPORT].message, "jumped"));
    assert_string_equal(ais_vessel_status(ais_tracker_find(ais_detect_tracker(x->e), SHIP2)), "alert");
    assert_int_equal(x->r.n[AIS_CHECK_CLONE], 0);
    run_free(x);
}

static void test_sog_disagreement(void **state)
{
    run *x = run_new(&test_geo);
    /* reports 2 kn while covering 30 kn worth of sea, once a minute */
    for (int i = 0; i < 4; i++) {
        ais_msg m = pos(SHIP, 39.8, -9.3 + i * (30.0 / 60 / 60 / 0.7683), 2, 0);
        feed(x, &m, i * 60.0);
    }
    assert_int_equal(x->r.n[AIS_CHECK_TELEPORT], 1);
    assert_non_null(strstr(x->r.last[AIS_CHECK_TELEPORT].message, "reports SOG"));
    /* honest at 12 kn: nothing */
    run *y = run_new(&test_geo);
    steam(y, SHIP, -9.3, 12, 0, 60, 6);
    assert_int_equal(y->r.total, 0);
    run_free(x);
    run_free(y);
}

static void test_clone(void **state)
{
    run *x = run_new(&test_geo);
    /* two transmitters with one MMSI, 10 nm apart, interleaved */
    for (int i = 0; i < 6; i++) {
        ais_msg a = pos(SHIP, 39.8, -9.30 + i * 0.0005, 12, 0);
        ais_msg b = pos(SHIP, 39.7, -9.10 + i * 0.0005, 12, 0);
        feed(x, &a, i * 10.0);
        feed(x, &b, i * 10.0 + 5);
    }
    assert_int_equal(x->r.n[AIS_CHECK_CLONE], 1);      /* deduplicated */
    assert_int_equal(x->r.n[AIS_CHECK_TELEPORT], 0);
    assert_int_equal(x->r.last[AIS_CHECK_CLONE].mmsi, SHIP);
    assert_true(x->r.last[AIS_CHECK_CLONE].n_lines >= 3);
    run_free(x);
}

static void test_on_land(void **state)
{
    run *x = run_new(&test_geo);
    ais_msg m = pos(SHIP, 39.8, -8.90, 5, 0);      /* land east of 8.95 W */
    feed(x, &m, 0);
    assert_int_equal(x->r.n[AIS_CHECK_ON_LAND], 0);    /* one fix is not enough */
    m = pos(SHIP, 39.8, -9.2, 5, 0);
    feed(x, &m, 1000);
    m = pos(SHIP, 39.8, -8.92, 5, 0);
    feed(x, &m, 3000);
    m = pos(SHIP, 39.8, -8.91, 5, 0);
    feed(x, &m, 3100);
    assert_int_equal(x->r.n[AIS_CHECK_ON_LAND], 1);
    assert_int_equal(x->r.last[AIS_CHECK_ON_LAND].n_lines, 2);
    assert_int_equal(x->r.last[AIS_CHECK_ON_LAND].lines[0], 3);
    assert_int_equal(x->r.last[AIS_CHECK_ON_LAND].lines[1], 4);
    /* base stations and AtoNs stand on land */
    ais_msg b = base(2633001, 39.81, -8.90);
    feed(x, &b, 3200);
    feed(x, &b, 3210);
    assert_int_equal(x->r.n[AIS_CHECK_ON_LAND], 1);
    run_free(x);
}

static void test_identity_change(void **state)
{
    run *x = run_new(NULL);
    ais_msg m = voyage(SHIP, "AURORA STAR", "CSAB1", 9123456, 70);
    feed(x, &m, 0);
    snprintf(m.u.voyage.destination, sizeof m.u.voyage.destination, "NLRTM");   /* voyage data may change */
    m.u.voyage.draught = 120;
    feed(x, &m, 360);
    ais_msg n = voyage(SHIP, "", "", 0, 0);       /* says nothing: no change */
    feed(x, &n, 720);
    assert_int_equal(x->r.n[AIS_CHECK_IDENTITY_CHANGE], 0);
    ais_msg swap = voyage(SHIP, "NORDIC WIND", "LAXY2", 9876543, 80);
    feed(x, &swap, 1080);
    assert_int_equal(x->r.n[AIS_CHECK_IDENTITY_CHANGE], 1);
    const char *msg = x->r.last[AIS_CHECK_IDENTITY_CHANGE].message;
    assert_non_null(strstr(msg, "AURORA STAR"));
    assert_non_null(strstr(msg, "NORDIC WIND"));
    assert_non_null(strstr(msg, "IMO 9123456 -> 9876543"));
    assert_int_equal(x->r.last[AIS_CHECK_IDENTITY_CHANGE].lines[0], 2);   /* where the old identity was last said */
    run_free(x);
}

static void test_rate(void **state)
{
    run *x = run_new(&test_geo);
    /* class A every 2 s: the fastest allowed, no alert */
    steam(x, SHIP, -9.3, 25, 0, 2, 60);
    assert_int_equal(x->r.n[AIS_CHECK_RATE], 0);
    /* the same burst heard twice (two receivers): counted once */
    run *y = run_new(&test_geo);
    for (int i = 0; i < 40; i++) {
        ais_msg m = pos(SHIP, 39.8, -9.3 + i * 0.001, 12, 0);
        m.u.pos.second = (uint8_t)((i * 10) % 60);
        feed(y, &m, i * 10.0);
        feed(y, &m, i * 10.0 + 0.2);
    }
    assert_int_equal(y->r.n[AIS_CHECK_RATE], 0);
    /* every 0.5 s */
    steam(x, SHIP2, -9.3, 12, 0, 0.5, 120);
    assert_int_equal(x->r.n[AIS_CHECK_RATE], 1);
    assert_int_equal(x->r.last[AIS_CHECK_RATE].mmsi, SHIP2);
    run_free(x);
    run_free(y);
}

static void test_fake_station(void **state)
{
    run *x = run_new(&test_geo);
    ais_msg b = base(2633001, 39.81, -8.96);           /* declared, in place */
    feed(x, &b, 0);
    ais_msg a = aton(992636001, 39.70, -9.10, false);  /* declared, in place */
    feed(x, &a, 1);
    ais_msg far = base(2633009, 39.62, -9.38);         /* undeclared, outside the watch? inside VTS */
    ais_msg out = base(2633010, 41.0, -9.5);           /* undeclared, outside the VTS area */
    feed(x, &out, 2);
    assert_int_equal(x->r.total, 0);
    feed(x, &far, 3);
    assert_int_equal(x->r.n[AIS_CHECK_FAKE_STATION], 1);
    ais_msg moved = base(2633001, 39.75, -9.00);       /* declared MMSI, 7 km off */
    feed(x, &moved, 4);
    assert_int_equal(x->r.n[AIS_CHECK_FAKE_STATION], 2);
    assert_non_null(strstr(x->r.last[AIS_CHECK_FAKE_STATION].message, "declared position"));
    ais_msg vat = aton(992636077, 39.72, -9.2, true);  /* a virtual AtoN the port does not have */
    feed(x, &vat, 5);
    assert_int_equal(x->r.n[AIS_CHECK_FAKE_STATION], 3);
    run_free(x);
}

static void test_dark_and_reappear(void **state)
{
    run *x = run_new(&test_geo);
    /* SHIP underway in the VTS area stops reporting at t=50; SHIP2 goes on */
    steam(x, SHIP, -9.2, 10, 0, 10, 6);
    steam(x, SHIP2, -9.3, 10, 0, 10, 30);
    assert_int_equal(x->r.n[AIS_CHECK_DARK], 1);
    assert_int_equal(x->r.n[AIS_CHECK_JAMMING], 0);
    assert_int_equal(x->r.last[AIS_CHECK_DARK].mmsi, SHIP);
    assert_int_equal(x->r.last[AIS_CHECK_DARK].lines[0], 6);   /* its last report */
    /* a moored vessel (3 min interval) silent for 4 min is not dark */
    run *y = run_new(&test_geo);
    ais_msg moored = pos(SHIP, 39.8, -9.0, 0, 5);
    feed(y, &moored, 0);
    steam(y, SHIP2, -9.3, 10, 0, 10, 24);
    assert_int_equal(y->r.n[AIS_CHECK_DARK], 0);
    /* reappearing: DARK again, low severity, with the gap */
    steam(x, SHIP, -9.19, 10, 400, 10, 1);
    assert_int_equal(x->r.n[AIS_CHECK_DARK], 2);
    assert_int_equal(x->r.last[AIS_CHECK_DARK].severity, SEV_LOW);
    assert_non_null(strstr(x->r.last[AIS_CHECK_DARK].message, "reappeared"));
    run_free(x);
    run_free(y);
}

static void test_dark_not_outside_vts_or_at_edge(void **state)
{
    run *x = run_new(&test_geo);
    steam(x, SHIP, -9.5, 10, 0, 10, 3);      /* outside the area */
    steam(x, SHIP2, -9.39, 10, 0, 10, 3);    /* inside, but within 1 nm of the edge */
    steam(x, 263777777, -9.2, 10, 0, 10, 40);
    assert_int_equal(x->r.n[AIS_CHECK_DARK], 0);
    run_free(x);
}

static void test_jamming_not_dark(void **state)
{
    run *x = run_new(&test_geo);
    /* five vessels in the area; all fall silent at once for 5 minutes */
    for (int i = 0; i < 6; i++)
        for (uint32_t k = 0; k < 5; k++) {
            ais_msg m = pos(263100000 + k, 39.7 + k * 0.03, -9.2 + i * 0.0005, 10, 0);
            feed(x, &m, i * 10.0 + k);
        }
    /* a vessel far outside the area keeps the feed alive */
    for (int i = 0; i < 30; i++) {
        ais_msg m = pos(263999999, 41.5, -10.0 + i * 0.0005, 10, 0);
        feed(x, &m, 60 + i * 10.0);
    }
    assert_int_equal(x->r.n[AIS_CHECK_JAMMING], 1);
    assert_int_equal(x->r.n[AIS_CHECK_DARK], 0);
    assert_int_equal(x->r.last[AIS_CHECK_JAMMING].total_mmsis, 5);
    assert_int_equal(x->r.last[AIS_CHECK_JAMMING].mmsi, 0);
    /* they come back: no DARK for the jammed ones */
    for (uint32_t k = 0; k < 5; k++) {
        ais_msg m = pos(263100000 + k, 39.7 + k * 0.03, -9.19, 10, 0);
        feed(x, &m, 400 + k);
    }
    assert_int_equal(x->r.n[AIS_CHECK_DARK], 0);
    run_free(x);
}

static void test_timeless_feed_skips_time_checks(void **state)
{
    run *x = run_new(&test_geo);
    for (int i = 0; i < 50; i++) {
        ais_msg m = pos(SHIP, 39.8, i % 2 ? -9.3 : -9.0, 2, 0);
        feed(x, &m, -1);
    }
    assert_int_equal(x->r.total, 0);
    assert_int_equal(ais_detect_get_stats(x->e)->timeless, 50);
    run_free(x);
}

static void test_bounded_memory(void **state)
{
    ais_detect_config c;
    ais_detect_config_default(&c);
    c.capacity = 64;
    rec r;
    memset(&r, 0, sizeof r);
    ais_detect *e = ais_detect_create(&c, &test_geo, on_alert, &r, NULL, NULL);
    size_t mem = ais_detect_get_stats(e)->memory;
    ais_meta meta;
    memset(&meta, 0, sizeof meta);
    for (uint32_t i = 0; i < 20000; i++) {
        ais_msg m = pos(263000000 + i, 39.8, -9.2, 10, 0);
        meta.line_first = meta.line_last = i + 1;
        ais_detect_message(e, &m, &meta, (int64_t)i * 100, 0);
    }
    assert_int_equal(ais_tracker_get_stats(ais_detect_tracker(e))->live, 64);
    assert_int_equal(ais_tracker_get_stats(ais_detect_tracker(e))->evicted, 20000 - 64);
    assert_int_equal(ais_detect_get_stats(e)->memory, mem);
    ais_detect_destroy(e);
}

/* ---- the chain from sentences ------------------------------------------- */

/* "\c:SECONDS*hh\" + sentence, with the tag block checksum computed. */
static void tagged(char *out, size_t n, long secs, const char *sentence)
{
    char tag[32];
    snprintf(tag, sizeof tag, "c:%ld", secs);
    snprintf(out, n, "\\%s*%02X\\%s", tag, ais_nmea_checksum(tag, strlen(tag)), sentence);
}

static void test_chain_from_sentences_and_render(void **state)
{
    /* gpsd's sample type 1 (MMSI 371798000) heard twice, 60 s apart, at one place */
    const char *s1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    ais_stream *st = malloc(sizeof *st);
    ais_stream_init(st);
    rec r;
    memset(&r, 0, sizeof r);
    ais_detect_config c;
    ais_detect_config_default(&c);
    c.capacity = 16;
    ais_detect *e = ais_detect_create(&c, NULL, on_alert, &r, NULL, NULL);
    char line[160];
    ais_msg m;
    ais_meta meta;
    for (int i = 0; i < 2; i++) {
        tagged(line, sizeof line, 1700000000 + i * 60, s1);
        assert_true(ais_stream_line(st, line, strlen(line), &m, &meta));
        assert_true(meta.has_time);
        ais_detect_message(e, &m, &meta, meta.time_ms, 0);
    }
    ais_vessel *v = ais_tracker_find(ais_detect_tracker(e), 371798000);
    assert_non_null(v);
    assert_int_equal(v->last_seen_ms - v->first_seen_ms, 60000);
    assert_int_equal(v->last_line, 2);
    assert_int_equal(r.total, 0);
    /* an alert renders as ECS with the dataset, technique and line numbers */
    ais_alert a;
    memset(&a, 0, sizeof a);
    a.check = AIS_CHECK_CLONE;
    a.severity = SEV_HIGH;
    a.t_ms = 1700000000123;
    a.mmsi = 371798000;
    a.vessel = v;
    a.lines[0] = 7; a.lines[1] = 9; a.n_lines = 2;
    snprintf(a.message, sizeof a.message, "two \"places\"");
    strbuf sb;
    strbuf_init(&sb);
    ais_alert_render(&a, "feed.nmea", &sb);
    assert_non_null(strstr(sb.data, "\"@timestamp\":\"2023-11-14T22:13:20.123Z\""));
    assert_non_null(strstr(sb.data, "\"dataset\":\"seawall.ais\""));
    assert_non_null(strstr(sb.data, "\"id\":\"SW-AIS-CLONE\""));
    assert_non_null(strstr(sb.data, "\"technique\":{\"id\":[\"T0856\"]}"));
    assert_non_null(strstr(sb.data, "\"evidence\":{\"file\":\"feed.nmea\",\"lines\":[7,9]}"));
    assert_non_null(strstr(sb.data, "\"mmsi\":371798000"));
    assert_non_null(strstr(sb.data, "\"flag\":\"PA\""));
    assert_non_null(strstr(sb.data, "two \\\"places\\\""));
    strbuf_free(&sb);
    ais_detect_destroy(e);
    free(st);
}

/* Thresholds set by name: every field is reachable, values are range
 * checked, unknown names and cross-field contradictions are refused. */
static void test_config_set_by_name(void **state)
{
    (void)state;
    ais_detect_config c, d;
    ais_detect_config_default(&c);
    ais_detect_config_default(&d);
    sw_error err = { 0 };
    assert_int_equal(ais_detect_config_set(&c, "max_speed_kn=45.5", &err), SW_OK);
    assert_true(c.max_speed_kn == 45.5);
    assert_int_equal(ais_detect_config_set(&c, "jam_min_vessels=5", &err), SW_OK);
    assert_int_equal(c.jam_min_vessels, 5);
    assert_int_equal(ais_detect_config_set(&c, "dedup_window_s=0", &err), SW_OK);
    assert_int_equal(c.dedup_window_s, 0);
    /* refused, and the old value kept */
    assert_int_equal(ais_detect_config_set(&c, "jam_min_vessels=1", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "jam_min_vessels=2.5", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "jam_min_vessels=", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "jam_min_vessels=4x", &err), SW_ERR_USAGE);
    assert_int_equal(c.jam_min_vessels, 5);
    assert_int_equal(ais_detect_config_set(&c, "dark_factor=0", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "dark_factor=nan", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "dark_factor=inf", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "capacity=10", &err), SW_ERR_USAGE);
    assert_non_null(strstr(err.msg, "station_tolerance_m"));   /* the names are listed */
    assert_int_equal(ais_detect_config_set(&c, "max_speed_kn", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_set(&c, "max_speed_knx=3", &err), SW_ERR_USAGE);
    assert_int_equal(ais_detect_config_check(&c, &err), SW_OK);
    assert_int_equal(ais_detect_config_set(&c, "sog_min_dt_s=700", &err), SW_OK);
    assert_int_equal(ais_detect_config_check(&c, &err), SW_ERR_USAGE);
    /* the listing walks every settable field with its current value, and
     * setting each to its own value leaves the config unchanged */
    const char *name;
    double v;
    size_t n = 0;
    while (ais_detect_config_field(&d, n, &name, &v)) {
        char a[96];
        snprintf(a, sizeof a, "%s=%.17g", name, v);
        assert_int_equal(ais_detect_config_set(&d, a, &err), SW_OK);
        n++;
    }
    assert_int_equal(n, 20);
    ais_detect_config e;
    ais_detect_config_default(&e);
    assert_memory_equal(&d, &e, sizeof d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mid_table_matches_itu_csv),
        cmocka_unit_test(test_mmsi_forms),
        cmocka_unit_test(test_tracker_lru_eviction_and_index),
        cmocka_unit_test(test_tracker_state),
        cmocka_unit_test(test_mmsi_invalid),
        cmocka_unit_test(test_teleport_confirmed_and_glitch_ignored),
        cmocka_unit_test(test_sog_disagreement),
        cmocka_unit_test(test_clone),
        cmocka_unit_test(test_on_land),
        cmocka_unit_test(test_identity_change),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_fake_station),
        cmocka_unit_test(test_dark_and_reappear),
        cmocka_unit_test(test_dark_not_outside_vts_or_at_edge),
        cmocka_unit_test(test_jamming_not_dark),
        cmocka_unit_test(test_timeless_feed_skips_time_checks),
        cmocka_unit_test(test_bounded_memory),
        cmocka_unit_test(test_chain_from_sentences_and_render),
        cmocka_unit_test(test_config_set_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
