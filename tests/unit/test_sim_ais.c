/* test_sim_ais.c - the simulator's AIS side: every message type the encoder
 * writes decodes back (through src/ais, the decoder that matches gpsd) to
 * the values encoded; sentences, fragments and tag blocks are well formed;
 * the sample port's feed keeps ITU-R M.1371-5 reporting intervals, keeps its
 * ships on water, is deterministic by seed, and labels its scenarios. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ais/stream.h"
#include "model/land.h"
#include "sim/ais_enc.h"
#include "sim/ais_sim.h"
#include "sim/ais_world.h"

/* ---- encoder round trips --------------------------------------------------- */

typedef struct decoded {
    ais_msg msg[8];
    ais_meta meta[8];
    size_t n;
    ais_stream st;
} decoded;

static void decode_text(decoded *d, const char *text)
{
    memset(d, 0, sizeof *d);
    ais_stream_init(&d->st);
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p + 1) : strlen(p);
        if (d->n < 8 && ais_stream_line(&d->st, p, len, &d->msg[d->n], &d->meta[d->n])) d->n++;
        p += len;
    }
    assert_int_equal(d->st.stats.line_kind[AIS_LINE_BAD_CHECKSUM], 0);
    assert_int_equal(d->st.stats.line_kind[AIS_LINE_BAD_TAG], 0);
    assert_int_equal(d->st.stats.line_kind[AIS_LINE_MALFORMED], 0);
}

static void encode(const ais_enc *e, int64_t t, strbuf *out)
{
    ais_nmea_writer w = { .source = "TEST" };
    strbuf_reset(out);
    ais_nmea_write(&w, e, t, 'A', 60, out);
}

static int32_t units(double deg) { return (int32_t)lround(deg * 600000.0); }

static void test_position_reports(void **state)
{
    (void)state;
    strbuf sb;
    strbuf_init(&sb);
    ais_enc e;
    decoded d;
    ais_pos_report r = { .type = 1, .mmsi = 636019825, .status = 5, .rot = -12, .sog_kn = 12.3, .cog_deg = 271.4,
                         .heading = 270, .lat = 39.80315, .lon = -8.99, .accuracy = true, .second = 42, .radio = 12345 };
    ais_enc_position(&e, &r);
    assert_int_equal(e.n, 168);
    encode(&e, 1767225600, &sb);
    assert_non_null(strstr(strbuf_cstr(&sb), "\\s:TEST,c:1767225600*"));
    decode_text(&d, strbuf_cstr(&sb));
    assert_int_equal(d.n, 1);
    const ais_msg *m = &d.msg[0];
    assert_int_equal(m->type, 1);
    assert_int_equal(m->mmsi, 636019825);
    assert_int_equal(m->u.pos.status, 5);
    assert_int_equal(m->u.pos.turn, -12);
    assert_int_equal(m->u.pos.speed, 123);
    assert_int_equal(m->u.pos.course, 2714);
    assert_int_equal(m->u.pos.heading, 270);
    assert_int_equal(m->u.pos.lat, units(39.80315));
    assert_int_equal(m->u.pos.lon, units(-8.99));
    assert_true(m->u.pos.accuracy);
    assert_int_equal(m->u.pos.second, 42);
    assert_int_equal(m->u.pos.radio, 12345);
    assert_true(d.meta[0].has_time);
    assert_int_equal(d.meta[0].time_ms, 1767225600000LL);
    assert_string_equal(d.meta[0].source, "TEST");

    /* Class B, and the "not available" values. */
    ais_pos_report b = { .type = 18, .mmsi = 263900222, .sog_kn = AIS_SOG_NA, .cog_deg = AIS_SOG_NA,
                         .heading = AIS_HEADING_NA, .lat = -33.5, .lon = 151.25, .second = 60 };
    ais_enc_position(&e, &b);
    encode(&e, 1767225601, &sb);
    decode_text(&d, strbuf_cstr(&sb));
    assert_int_equal(d.n, 1);
    m = &d.msg[0];
    assert_int_equal(m->type, 18);
    assert_int_equal(m->u.classb.speed, 1023);
    assert_int_equal(m->u.classb.course, 3600);
    assert_int_equal(m->u.classb.heading, 511);
    assert_int_equal(m->u.classb.lat, units(-33.5));
    assert_int_equal(m->u.classb.lon, units(151.25));
    assert_true(m->u.classb.cs);
    strbuf_free(&sb);
}

static void test_base_station_and_aton(void **state)
{
    (void)state;
    strbuf sb;
    strbuf_init(&sb);
    ais_enc e;
    decoded d;
    ais_enc_base_station(&e, 2631001, 1767225600 + 3600 + 61, 39.80629, -8.98064);   /* 2026-01-01T01:01:01Z */
    encode(&e, 1767229261, &sb);
    decode_text(&d, strbuf_cstr(&sb));
    assert_int_equal(d.n, 1);
    const ais_msg *m = &d.msg[0];
    assert_int_equal(m->type, 4);
    assert_int_equal(m->mmsi, 2631001);
    assert_int_equal(m->u.base.year, 2026);
    assert_int_equal(m->u.base.month, 1);
    assert_int_equal(m->u.base.day, 1);
    assert_int_equal(m->u.base.hour, 1);
    assert_int_equal(m->u.base.minute, 1);
    assert_int_equal(m->u.base.second, 1);
    assert_int_equal(m->u.base.lat, units(39.80629));
    assert_int_equal(m->u.base.lon, units(-8.98064));
    assert_int_equal(m->u.base.epfd, 7);

    ais_enc_aton(&e, 992631001, 29, "Aurora landfall buoy", 39.77302, -9.0953, 17, true, false);
    assert_int_equal(e.n, 272);
    encode(&e, 1767225600, &sb);
    decode_text(&d, strbuf_cstr(&sb));
    assert_int_equal(d.n, 1);
    m = &d.msg[0];
    assert_int_equal(m->type, 21);
    assert_int_equal(m->u.aton.aid_type, 29);
    assert_string_equal(m->u.aton.name, "AURORA LANDFALL BUOY");
    assert_int_equal(m->u.aton.lat, units(39.77302));
    assert_int_equal(m->u.aton.lon, units(-9.0953));
    assert_true(m->u.aton.virtual_aid);
    assert_false(m->u.aton.off_position);
    assert_int_equal(m->u.aton.second, 17);
    strbuf_free(&sb);
}

static void test_static_messages_and_fragments(void **state)
{
    (void)state;
    strbuf sb;
    strbuf_init(&sb);
    ais_enc e;
    decoded d;
    ais_static s = { .mmsi = 341234560, .imo = 9133571, .callsign = "V4AG2", .shipname = "AMBER GLORY",
                     .destination = "PT AUR", .shiptype = 80, .to_bow = 122, .to_stern = 61, .to_port = 16,
                     .to_starboard = 16, .draught_m = 11.0, .eta_month = 1, .eta_day = 2, .eta_hour = 6,
                     .eta_minute = 30, .vendorid = "SWL" };
    ais_enc_static_voyage(&e, &s);
    assert_int_equal(e.n, 424);
    ais_nmea_writer w = { .source = "TEST", .group = 7 };
    ais_nmea_write(&w, &e, 1767225600, 'B', 60, &sb);
    /* Two fragments sharing a sequence id and a tag-block group. */
    const char *text = strbuf_cstr(&sb);
    assert_non_null(strstr(text, "\\g:1-2-7,s:TEST,c:1767225600*"));
    assert_non_null(strstr(text, "\\g:2-2-7*"));
    assert_non_null(strstr(text, "!AIVDM,2,1,0,B,"));
    assert_non_null(strstr(text, "!AIVDM,2,2,0,B,"));
    assert_int_equal(w.sentences, 2);
    assert_int_equal(w.seq, 1);
    decode_text(&d, text);
    assert_int_equal(d.n, 1);
    const ais_msg *m = &d.msg[0];
    assert_int_equal(m->type, 5);
    assert_int_equal(m->u.voyage.imo, 9133571);
    assert_string_equal(m->u.voyage.callsign, "V4AG2");
    assert_string_equal(m->u.voyage.shipname, "AMBER GLORY");
    assert_string_equal(m->u.voyage.destination, "PT AUR");
    assert_int_equal(m->u.voyage.shiptype, 80);
    assert_int_equal(m->u.voyage.to_bow, 122);
    assert_int_equal(m->u.voyage.to_stern, 61);
    assert_int_equal(m->u.voyage.to_port, 16);
    assert_int_equal(m->u.voyage.to_starboard, 16);
    assert_int_equal(m->u.voyage.draught, 110);
    assert_int_equal(m->u.voyage.month, 1);
    assert_int_equal(m->u.voyage.day, 2);
    assert_int_equal(m->u.voyage.hour, 6);
    assert_int_equal(m->u.voyage.minute, 30);
    assert_int_equal(d.meta[0].sentences, 2);

    /* Type 24 parts A and B. */
    s.mmsi = 263900222;
    s.shipname = "SEA WIND";
    s.shiptype = 36;
    strbuf_reset(&sb);
    ais_enc_static_b(&e, &s, 0);
    assert_int_equal(e.n, 160);
    ais_nmea_write(&w, &e, 1767225600, 'A', 60, &sb);
    ais_enc_static_b(&e, &s, 1);
    assert_int_equal(e.n, 168);
    ais_nmea_write(&w, &e, 1767225600, 'A', 60, &sb);
    decode_text(&d, strbuf_cstr(&sb));
    assert_int_equal(d.n, 2);
    assert_int_equal(d.msg[0].type, 24);
    assert_string_equal(d.msg[0].u.static24.shipname, "SEA WIND");
    assert_int_equal(d.msg[1].u.static24.shiptype, 36);
    assert_memory_equal(d.msg[1].u.static24.vendorid, "SWL", 3);   /* gpsd reads 7 characters: vendor, model, serial */
    assert_string_equal(d.msg[1].u.static24.callsign, "V4AG2");
    assert_int_equal(d.msg[1].u.static24.to_bow, 122);

    /* Characters outside the six-bit table are sent as '?'. */
    ais_enc_reset(&e);
    ais_enc_text(&e, 4, "a{b");
    char armoured[AIS_ENC_MAX_CHARS + 1];
    size_t len;
    assert_int_equal(ais_enc_armour(&e, armoured, &len), 0);
    assert_int_equal(len, 4);
    assert_string_equal(armoured, "1w20");   /* 'A' = 1, '?' = 63, 'B' = 2, '@' = 0 */
    strbuf_free(&sb);
}

static void test_imo_check_digit(void **state)
{
    (void)state;
    /* IMO 9074729: 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139, check digit 9. */
    assert_int_equal(ais_imo_with_check(907472), 9074729);
}

/* ---- the sample port's feed ------------------------------------------------- */

static port_model *sample_port(void)
{
    const char *src = getenv("SEAWALL_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/aurora/port.yaml", src ? src : ".");
    diag_list d;
    diag_init(&d, path);
    port_model *m = model_load_file(path, &d);
    assert_non_null(m);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    return m;
}

static void collect(void *user, const char *text, size_t len) { strbuf_append(user, text, len); }

static void run_feed(const port_model *m, uint64_t seed, bool scenarios, sw_time_us dur, strbuf *out, sim_ais_result *res)
{
    sim_options o;
    sim_options_default(&o);
    o.seed = seed;
    o.duration = dur;
    o.scenarios = scenarios;
    sw_error err = { 0 };
    strbuf_init(out);
    assert_int_equal(sim_ais_run_feed(m, &o, collect, out, res, &err), SW_OK);
    assert_false(out->oom);
}

#define MAX_TRACKED 64
typedef struct track {
    uint32_t mmsi;
    unsigned type;                       /* of its position reports */
    int64_t last_ms, last_static_ms;
    int64_t gaps[8];                     /* how many gaps of: 2,3-4,6,10,30,180,360, other */
    uint8_t status;
    bool status_changed;
} track;

static track *track_of(track *t, size_t *n, uint32_t mmsi)
{
    for (size_t i = 0; i < *n; i++) if (t[i].mmsi == mmsi) return &t[i];
    assert_true(*n < MAX_TRACKED);
    memset(&t[*n], 0, sizeof t[*n]);
    t[*n].mmsi = mmsi;
    t[*n].last_ms = t[*n].last_static_ms = -1;
    return &t[(*n)++];
}

static int gap_class(int64_t ms)
{
    static const int64_t classes[] = { 2000, 4000, 6000, 10000, 30000, 180000, 360000 };
    for (int i = 0; i < 7; i++)
        if (ms <= classes[i]) return i;
    return 7;
}

/* Benign traffic: every sentence decodes, reports come at the ITU-R M.1371-5
 * intervals (a lost report doubles a gap, never more than twice in a row),
 * and no ship is on land. */
static void test_benign_feed(void **state)
{
    (void)state;
    port_model *m = sample_port();
    char lpath[4096];
    const char *src = getenv("SEAWALL_SRC");
    snprintf(lpath, sizeof lpath, "%s/data/%s", src ? src : ".", LAND_FILE_NAME);
    sw_error err = { 0 };
    land_layer *land = land_load_file(lpath, &err);
    assert_non_null(land);
    strbuf feed;
    sim_ais_result res;
    run_feed(m, 1, false, SIM_S(3600), &feed, &res);
    assert_int_equal(res.n_runs, 0);
    assert_true(res.stations >= 20);
    assert_true(res.messages > 2000);

    ais_stream *st = calloc(1, sizeof *st);
    ais_stream_init(st);
    track t[MAX_TRACKED];
    size_t nt = 0;
    uint64_t messages = 0, positions = 0;
    const char *p = feed.data, *end = feed.data + feed.len;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        size_t len = e ? (size_t)(e - p + 1) : (size_t)(end - p);
        ais_msg msg;
        ais_meta meta;
        if (ais_stream_line(st, p, len, &msg, &meta)) {
            messages++;
            assert_true(meta.has_time);
            track *k = track_of(t, &nt, msg.mmsi);
            bool pos = msg.type <= 4 || msg.type == 18 || msg.type == 21;
            if (msg.type == 5) {
                if (k->last_static_ms >= 0) assert_true((meta.time_ms - k->last_static_ms) % 360000 <= 1000);
                k->last_static_ms = meta.time_ms;
            }
            if (pos) {
                if (k->last_ms >= 0) k->gaps[gap_class(meta.time_ms - k->last_ms)]++;
                k->last_ms = meta.time_ms;
                k->type = msg.type;
            }
            if (msg.type == 1 || msg.type == 18) {
                positions++;
                int32_t la = msg.type == 1 ? msg.u.pos.lat : msg.u.classb.lat, lo = msg.type == 1 ? msg.u.pos.lon : msg.u.classb.lon;
                geo_point g = { la / 600000.0, lo / 600000.0 };
                if (model_geo_surface_at(m, g) == MODEL_GEO_LAND || land_contains_inland(land, g, LAND_110M_ACCURACY_M))
                    fail_msg("MMSI %u on land at %.5f, %.5f", (unsigned)msg.mmsi, g.lat, g.lon);
                if (msg.type == 1 && k->status != msg.u.pos.status) { k->status_changed = k->last_ms >= 0; k->status = msg.u.pos.status; }
            }
        }
        p += len;
    }
    assert_int_equal(messages, res.messages);
    assert_true(positions > 1500);
    assert_int_equal(st->stats.line_kind[AIS_LINE_BAD_CHECKSUM] + st->stats.line_kind[AIS_LINE_BAD_TAG] +
                     st->stats.line_kind[AIS_LINE_MALFORMED] + st->stats.bad_payload, 0);
    /* Per station kind, the gaps are the rates of ITU-R M.1371-5 (Table 1 and 2). */
    for (size_t i = 0; i < nt; i++) {
        const track *k = &t[i];
        int64_t total = 0;
        for (int c = 0; c < 8; c++) total += k->gaps[c];
        if (k->mmsi == 2631001) {              /* base station: 10 s, heard by wire */
            assert_int_equal(k->gaps[3], total);
        } else if (k->type == 21) {            /* AtoN: 3 min */
            assert_true(k->gaps[5] + k->gaps[6] == total && k->gaps[5] >= total - 1);
        } else if (k->mmsi == 538007131 || k->mmsi == 477123400) {   /* alongside, at anchor: 3 min */
            assert_true(k->gaps[5] + k->gaps[6] == total && k->gaps[5] >= total - 2);
        } else if (k->mmsi == 263900222) {     /* class B under sail: 30 s */
            assert_true(k->gaps[4] + k->gaps[5] == total && k->gaps[4] >= total * 9 / 10);
        } else if (k->mmsi == 263811000) {     /* trawler at 3.5 kn: 10 s, 3 1/3 s turning */
            assert_int_equal(k->gaps[5] + k->gaps[6] + k->gaps[7], 0);
            assert_true(k->gaps[3] >= total * 8 / 10);
        }
    }
    free(st);
    strbuf_free(&feed);
    land_free(land);
    model_free(m);
}

static void test_deterministic_by_seed(void **state)
{
    (void)state;
    port_model *m = sample_port();
    strbuf a, b, c;
    sim_ais_result ra, rb, rc;
    run_feed(m, 7, true, SIM_S(3600), &a, &ra);
    run_feed(m, 7, true, SIM_S(3600), &b, &rb);
    run_feed(m, 8, true, SIM_S(3600), &c, &rc);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    assert_true(a.len != c.len || memcmp(a.data, c.data, a.len) != 0);
    strbuf_free(&a);
    strbuf_free(&b);
    strbuf_free(&c);
    model_free(m);
}

static void test_scenarios_are_labelled(void **state)
{
    (void)state;
    static const char *const ids[] = { "ais-ghost-vessel", "ais-teleport", "ais-cloned-mmsi", "ais-track-over-land",
                                       "ais-identity-swap", "ais-dark-near-berth", "ais-fake-base-station", "ais-jamming" };
    port_model *m = sample_port();
    strbuf feed;
    sim_ais_result res;
    sw_time_us start = 1767225600000000LL, dur = SIM_S(3600);
    run_feed(m, 1, true, dur, &feed, &res);
    assert_int_equal(res.n_runs, 8);
    for (size_t i = 0; i < 8; i++) {
        const sim_ais_run *r = &res.runs[i];
        assert_string_equal(r->def->id, ids[i]);
        if (r->skipped) fail_msg("%s skipped: %s", r->def->id, r->reason);
        assert_non_null(r->def->checks[0]);
        assert_true(r->n_mmsis >= 1);
        assert_true(r->first >= start && r->last > r->first && r->last <= start + dur);
    }
    assert_int_equal(res.runs[0].mmsis[0], 299112233);
    assert_true(res.runs[7].n_mmsis >= 5);                 /* jamming silences many */
    assert_true(res.runs[7].suppressed > 10);
    assert_true(res.runs[5].suppressed >= 30);             /* 20 minutes dark: 10 s under way, 3 min alongside */
    strbuf_free(&feed);
    /* Too short a run: every scenario is skipped, with the reason. */
    run_feed(m, 1, true, SIM_S(600), &feed, &res);
    for (size_t i = 0; i < res.n_runs; i++) {
        assert_true(res.runs[i].skipped);
        assert_non_null(strstr(res.runs[i].reason, "needs a run of at least"));
    }
    strbuf_free(&feed);
    assert_true(sim_ais_selected("a,ais-teleport", "ais-teleport"));
    assert_false(sim_ais_selected("ais-teleport-x", "ais-teleport"));
    assert_true(sim_ais_selected(NULL, "x"));
    model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_position_reports),
        cmocka_unit_test(test_base_station_and_aton),
        cmocka_unit_test(test_static_messages_and_fragments),
        cmocka_unit_test(test_imo_check_digit),
        cmocka_unit_test(test_benign_feed),
        cmocka_unit_test(test_deterministic_by_seed),
        cmocka_unit_test(test_scenarios_are_labelled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
