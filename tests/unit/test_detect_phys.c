/* test_detect_phys.c - the SW-PHYS rules on a hand-built model: each fires
 * on its case and stays quiet on the neighbouring benign one; wire user
 * names join badges; alerts render as seawall.phys ECS; model errors in
 * the physical-security fields point at their line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect/phys_detect.h"
#include "net/proto/proto.h"

static const char model_yaml[] =
    "port: {name: Testport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: vendor, domain: ot, security_level: 2, networks: [10.15.0.0/24]}\n"
    "  - {id: phys, domain: phys, security_level: 2, networks: [10.51.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "entry_points:\n"
    "  - {id: vpn, kind: remote-access, reaches: [vendor]}\n"
    "areas:\n"
    "  - {id: gate, kind: gate}\n"
    "  - {id: eroom, kind: electrical-room, zone: crane, assets: [plc-01], hours: \"Mon-Fri 07:00-19:00\"}\n"
    "assets:\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21, criticality: crown-jewel}\n"
    "  - {id: hmi-01, kind: hmi, zone: crane, ip: 10.31.0.22, criticality: low}\n"
    "  - {id: rdr-gate, name: Main gate reader, kind: badge-reader, zone: phys, ip: 10.51.0.31, area: gate, position: {lat: 38.7000, lon: -9.1500}}\n"
    "  - {id: rdr-far, kind: badge-reader, zone: phys, ip: 10.51.0.32, area: gate, position: {lat: 38.7300, lon: -9.1500}}\n"
    "  - {id: rdr-eroom, kind: badge-reader, zone: phys, area: eroom, position: {lat: 38.7001, lon: -9.1500}}\n"
    "  - {id: cam-1, kind: camera, zone: phys, ip: 10.51.0.61, covers: [plc-01]}\n"
    "  - {id: cam-2, kind: camera, zone: phys, ip: 10.51.0.62, covers: [hmi-01]}\n"
    "  - {id: cam-3, kind: camera, zone: phys, ip: 10.51.0.63, area: eroom}\n"
    "  - {id: cam-4, kind: camera, zone: phys, ip: 10.51.0.64, area: gate}\n"
    "people:\n"
    "  - {id: ann, name: Ann, badge: \"100\", shift: \"Mon-Fri 08:00-16:00\", areas: [gate, eroom], accounts: [ann.k]}\n"
    "  - {id: bob, name: Bob, badge: \"200\", status: left, accounts: [bob]}\n"
    "  - {id: cat, name: Cat, badge: \"300\", status: leave}\n"
    "  - {id: dan, name: Dan, badge: \"400\", shift: \"daily 00:00-24:00\", areas: [gate]}\n";

typedef struct fixture {
    port_model *m;
    detect_engine *e;
    detect_alert got[64];
    size_t n;
} fixture;

static void collect(void *user, const detect_alert *a)
{
    fixture *f = user;
    if (f->n < 64) f->got[f->n++] = *a;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    diag_list d;
    diag_init(&d, "t.yaml");
    f->m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &d);
    if (d.errors) diag_print(&d, stderr);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    f->e = detect_create(f->m, NULL, collect, f);
    assert_non_null(f->e);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    detect_destroy(f->e);
    model_free(f->m);
    free(f);
    return 0;
}

/* 2026-11-30 is a Monday. */
#define MON_0900 (INT64_C(1796029200) * 1000000)
#define MIN (INT64_C(60) * 1000000)

static void event(fixture *f, phys_kind k, sw_time_us ts, const char *badge, const char *reader, const char *camera)
{
    static uint64_t line;
    phys_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = k;
    ev.ts = ts;
    ev.line = ++line;
    snprintf(ev.value[PF_BADGE], PHYS_VALUE_MAX, "%s", badge ? badge : "");
    snprintf(ev.value[PF_READER], PHYS_VALUE_MAX, "%s", reader ? reader : "");
    snprintf(ev.value[PF_CAMERA], PHYS_VALUE_MAX, "%s", camera ? camera : "");
    detect_phys_event(f->e, &ev, "feed.csv");
}

static size_t count(const fixture *f, detect_rule_id r)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++) n += f->got[i].rule == r;
    return n;
}

static void test_inactive(void **state)
{
    fixture *f = *state;
    event(f, PHYS_GRANTED, MON_0900, "100", "rdr-gate", NULL);
    assert_int_equal(f->n, 0);
    event(f, PHYS_DENIED, MON_0900, "200", "Main gate reader", NULL);   /* a reader named by its name */
    assert_int_equal(count(f, RULE_PHYS_BADGE_INACTIVE), 1);
    assert_int_equal(f->got[0].severity, SEV_HIGH);
    assert_string_equal(f->got[0].person->id, "bob");
    assert_string_equal(f->got[0].reader->id, "rdr-gate");
    event(f, PHYS_GRANTED, MON_0900 + MIN, "300", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_BADGE_INACTIVE), 2);
    assert_int_equal(f->got[1].severity, SEV_MEDIUM);
}

static void test_travel(void **state)
{
    fixture *f = *state;
    /* rdr-gate to rdr-far is 3.3 km: 10 minutes is 5.6 m/s (fine), 2 minutes is 28 m/s. */
    event(f, PHYS_GRANTED, MON_0900, "400", "rdr-gate", NULL);
    event(f, PHYS_GRANTED, MON_0900 + 10 * MIN, "400", "rdr-far", NULL);
    assert_int_equal(count(f, RULE_PHYS_IMPOSSIBLE_TRAVEL), 0);
    event(f, PHYS_GRANTED, MON_0900 + 12 * MIN, "400", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_IMPOSSIBLE_TRAVEL), 1);
    assert_int_equal(f->got[0].n_lines, 2);
    /* 11 m apart is under the minimum distance, whatever the time. */
    event(f, PHYS_GRANTED, MON_0900 + 20 * MIN, "100", "rdr-gate", NULL);
    event(f, PHYS_GRANTED, MON_0900 + 20 * MIN + 1, "100", "rdr-eroom", NULL);
    assert_int_equal(count(f, RULE_PHYS_IMPOSSIBLE_TRAVEL), 1);
}

static void test_off_shift_and_area(void **state)
{
    fixture *f = *state;
    event(f, PHYS_GRANTED, MON_0900, "100", "rdr-eroom", NULL);           /* on shift, authorised */
    event(f, PHYS_GRANTED, MON_0900 - 7 * 60 * MIN, "100", "rdr-gate", NULL);   /* off shift, but a gate */
    assert_int_equal(count(f, RULE_PHYS_OT_ROOM_OFF_SHIFT), 0);
    event(f, PHYS_GRANTED, MON_0900 + 14 * 60 * MIN, "100", "rdr-eroom", NULL);   /* 23:00 Monday */
    assert_int_equal(count(f, RULE_PHYS_OT_ROOM_OFF_SHIFT), 1);
    assert_non_null(strstr(f->got[0].message, "outside shift"));
    event(f, PHYS_GRANTED, MON_0900, "400", "rdr-eroom", NULL);           /* always on shift, not authorised */
    assert_int_equal(count(f, RULE_PHYS_OT_ROOM_OFF_SHIFT), 2);
    assert_non_null(strstr(f->got[1].message, "not an authorised area"));
}

static void test_forced(void **state)
{
    fixture *f = *state;
    event(f, PHYS_FORCED, MON_0900, NULL, "rdr-gate", NULL);
    assert_int_equal(f->n, 0);
    event(f, PHYS_FORCED, MON_0900, NULL, "rdr-eroom", NULL);
    assert_int_equal(count(f, RULE_PHYS_DOOR_FORCED_OT), 1);
    assert_string_equal(f->got[0].area->id, "eroom");
}

static void test_held_and_tamper(void **state)
{
    fixture *f = *state;
    event(f, PHYS_HELD_OPEN, MON_0900, NULL, "rdr-gate", NULL);       /* a gate: counted, not alerted */
    event(f, PHYS_TAMPER, MON_0900, NULL, "rdr-gate", NULL);
    event(f, PHYS_HELD_OPEN, MON_0900, NULL, "rdr-unknown", NULL);    /* not in the model */
    assert_int_equal(f->n, 0);
    event(f, PHYS_HELD_OPEN, MON_0900, NULL, "rdr-eroom", NULL);
    assert_int_equal(count(f, RULE_PHYS_DOOR_HELD_OT), 1);
    assert_int_equal(f->got[0].severity, SEV_MEDIUM);
    assert_string_equal(f->got[0].area->id, "eroom");
    assert_string_equal(f->got[0].reader->id, "rdr-eroom");
    assert_non_null(strstr(f->got[0].message, "door held open at rdr-eroom (eroom, electrical-room), housing zone crane"));
    event(f, PHYS_HELD_OPEN, MON_0900 + MIN, NULL, "rdr-eroom", NULL); /* the same door within the dedup window */
    assert_int_equal(count(f, RULE_PHYS_DOOR_HELD_OT), 1);
    event(f, PHYS_TAMPER, MON_0900 + 2 * MIN, NULL, "rdr-eroom", NULL);
    assert_int_equal(count(f, RULE_PHYS_READER_TAMPER_OT), 1);
    assert_int_equal(f->got[1].severity, SEV_HIGH);
    assert_string_equal(f->got[1].area->id, "eroom");
}

static void test_anti_passback(void **state)
{
    fixture *f = *state;
    event(f, PHYS_ANTI_PASSBACK, MON_0900, "400", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_ANTI_PASSBACK), 1);
    assert_int_equal(f->got[0].severity, SEV_MEDIUM);
    assert_string_equal(f->got[0].person->id, "dan");
    event(f, PHYS_ANTI_PASSBACK, MON_0900 + MIN, "100", "rdr-eroom", NULL);
    assert_int_equal(count(f, RULE_PHYS_ANTI_PASSBACK), 2);
    assert_int_equal(f->got[1].severity, SEV_HIGH);                  /* a sensitive room */
    assert_non_null(strstr(f->got[1].message, "a sensitive room"));
    /* a leaver's badge refused for anti-passback is both */
    event(f, PHYS_ANTI_PASSBACK, MON_0900 + 2 * MIN, "200", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_BADGE_INACTIVE), 1);
    assert_int_equal(count(f, RULE_PHYS_ANTI_PASSBACK), 3);
    /* a badge the model does not know still names the badge */
    event(f, PHYS_ANTI_PASSBACK, MON_0900 + 3 * MIN, "999", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_ANTI_PASSBACK), 4);
    assert_null(f->got[f->n - 1].person);
    assert_non_null(strstr(f->got[f->n - 1].message, "badge 999"));
}

static void test_motion_hours(void **state)
{
    fixture *f = *state;
    event(f, PHYS_MOTION, MON_0900, NULL, NULL, "cam-3");            /* in the room's hours */
    event(f, PHYS_MOTION, MON_0900 + 12 * 60 * MIN, NULL, NULL, "cam-4");   /* 21:00 at a gate: no hours, not sensitive */
    event(f, PHYS_MOTION, MON_0900 + 12 * 60 * MIN, NULL, NULL, "cam-1");   /* a camera in no area */
    assert_int_equal(f->n, 0);
    event(f, PHYS_MOTION, MON_0900 + 12 * 60 * MIN, NULL, NULL, "cam-3");   /* 21:00: outside 07:00-19:00 */
    assert_int_equal(count(f, RULE_PHYS_MOTION_OFF_HOURS), 1);
    assert_string_equal(f->got[0].camera->id, "cam-3");
    assert_string_equal(f->got[0].area->id, "eroom");
    assert_non_null(strstr(f->got[0].message, "outside its hours Mon-Fri 07:00-19:00"));
    event(f, PHYS_MOTION, MON_0900 + 5 * 24 * 60 * MIN, NULL, NULL, "cam-3");   /* Saturday 09:00 */
    assert_int_equal(count(f, RULE_PHYS_MOTION_OFF_HOURS), 2);
}

static void test_camera(void **state)
{
    fixture *f = *state;
    event(f, PHYS_CAMERA_OFFLINE, MON_0900, NULL, NULL, "cam-2");   /* covers a low asset */
    event(f, PHYS_CAMERA_ONLINE, MON_0900, NULL, NULL, "cam-1");
    assert_int_equal(f->n, 0);
    event(f, PHYS_VIDEO_LOSS, MON_0900, NULL, NULL, "cam-1");
    assert_int_equal(count(f, RULE_PHYS_CAMERA_DOWN), 1);
    assert_int_equal(f->got[0].severity, SEV_CRITICAL);
    assert_string_equal(f->got[0].camera->id, "cam-1");
}

static void meta_login(fixture *f, const char *client, const char *user, sw_time_us ts)
{
    net_flow fl;
    memset(&fl, 0, sizeof fl);
    assert_true(ip_parse(client, &fl.client));
    assert_true(ip_parse("10.15.0.5", &fl.server));
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_APP_META;
    o.ts = ts;
    o.frame = 42;
    o.flow = &fl;
    o.u.meta.protocol = "http";
    o.u.meta.n = 1;
    o.u.meta.kv[0].key = "user.name";
    o.u.meta.kv[0].value = user;
    detect_observe(f->e, &o);
}

/* One packet at `ts`: camera `cam` (an address, or NULL for other traffic)
 * sending on its RTSP session to the recorder. */
static void wire_packet(fixture *f, const char *cam, sw_time_us ts)
{
    net_flow fl;
    memset(&fl, 0, sizeof fl);
    assert_true(ip_parse("10.51.0.10", &fl.client));
    assert_true(ip_parse(cam ? cam : "10.31.0.22", &fl.server));
    fl.app = (int16_t)(cam ? proto_index("rtsp") : -1);
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_PACKET;
    o.ts = ts;
    o.frame = 7;
    o.flow = &fl;
    o.dir = NET_DIR_TO_CLIENT;
    detect_observe(f->e, &o);
}

#define SEC (INT64_C(1000000))

static void test_camera_wire_silence(void **state)
{
    fixture *f = *state;
    assert_true(proto_index("rtsp") >= 0);
    /* Both cameras stream for a minute, then stop; other traffic goes on. */
    for (int s = 0; s < 60; s++) {
        wire_packet(f, "10.51.0.61", MON_0900 + s * SEC);
        wire_packet(f, "10.51.0.62", MON_0900 + s * SEC);
    }
    for (int s = 60; s < 300; s++) {
        wire_packet(f, NULL, MON_0900 + s * SEC);
        if (s < 59 + 120) assert_int_equal(f->n, 0);
    }
    /* Only the camera covering the crown jewel, once, 120-130 s after its last packet. */
    assert_int_equal(f->n, 1);
    assert_int_equal(f->got[0].rule, RULE_PHYS_CAMERA_DOWN);
    assert_string_equal(f->got[0].camera->id, "cam-1");
    assert_true(f->got[0].ts >= MON_0900 + 179 * SEC && f->got[0].ts <= MON_0900 + 190 * SEC);
    assert_non_null(strstr(f->got[0].message, "RTSP stream stopped"));
}

static void test_camera_wire_gap(void **state)
{
    fixture *f = *state;
    /* It streams, then the whole capture pauses 10 min (a rotated file): a gap, not an outage. */
    for (int s = 0; s < 60; s++) wire_packet(f, "10.51.0.61", MON_0900 + s * SEC);
    for (int s = 660; s < 770; s++) wire_packet(f, NULL, MON_0900 + s * SEC);
    assert_int_equal(f->n, 0);
    /* After the gap it is watched again: silent two minutes on, it is down. */
    for (int s = 770; s < 800; s++) wire_packet(f, NULL, MON_0900 + s * SEC);
    assert_int_equal(f->n, 1);
    assert_true(f->got[0].ts >= MON_0900 + 780 * SEC);
}

static void test_camera_wire_silence_off(void **state)
{
    fixture *f = *state;
    detect_destroy(f->e);
    detect_config cfg;
    detect_config_default(&cfg);
    cfg.phys_camera_silence = 0;
    f->e = detect_create(f->m, &cfg, collect, f);
    for (int s = 0; s < 60; s++) wire_packet(f, "10.51.0.61", MON_0900 + s * SEC);
    for (int s = 60; s < 600; s++) wire_packet(f, NULL, MON_0900 + s * SEC);
    assert_int_equal(f->n, 0);
}

static void test_badge_and_remote(void **state)
{
    fixture *f = *state;
    meta_login(f, "10.31.0.22", "ann.k", MON_0900);              /* from inside the port: not remote */
    event(f, PHYS_GRANTED, MON_0900 + MIN, "100", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_BADGE_AND_REMOTE), 0);
    meta_login(f, "203.0.113.9", "AURORA\\Ann.K", MON_0900 + 30 * MIN);   /* remote, 29 min after the badge */
    assert_int_equal(count(f, RULE_PHYS_BADGE_AND_REMOTE), 1);
    const detect_alert *a = &f->got[f->n - 1];
    assert_string_equal(a->person->id, "ann");
    assert_string_equal(a->user_name, "AURORA\\Ann.K");
    assert_int_equal(a->frames[0], 42);
    /* Remote first, then the badge, too far apart. */
    meta_login(f, "10.15.0.9", "bob@aurora.local", MON_0900);
    event(f, PHYS_DENIED, MON_0900 + 3 * 60 * MIN, "200", "rdr-gate", NULL);
    assert_int_equal(count(f, RULE_PHYS_BADGE_AND_REMOTE), 1);
}

/* A leaver's account on the wire, from inside the port as from outside:
 * a network alert naming the person; an active person's login is quiet. */
static void test_account_inactive(void **state)
{
    fixture *f = *state;
    meta_login(f, "10.31.0.22", "ann.k", MON_0900);
    assert_int_equal(count(f, RULE_PHYS_ACCOUNT_INACTIVE), 0);
    meta_login(f, "10.31.0.22", "AURORA\\Bob", MON_0900 + MIN);
    assert_int_equal(count(f, RULE_PHYS_ACCOUNT_INACTIVE), 1);
    const detect_alert *a = &f->got[f->n - 1];
    assert_int_equal(a->rule, RULE_PHYS_ACCOUNT_INACTIVE);
    assert_false(a->phys);                                           /* seawall.net: it is wire evidence */
    assert_string_equal(a->person->id, "bob");
    assert_string_equal(a->user_name, "AURORA\\Bob");
    assert_int_equal(a->severity, SEV_HIGH);
    assert_string_equal(a->protocol, "http");
    assert_int_equal(a->frames[0], 42);
    assert_non_null(a->zone_src);
    assert_string_equal(a->zone_src->id, "crane");
    meta_login(f, "10.31.0.22", "bob", MON_0900 + 2 * MIN);          /* the same pair again: one alert per dedup window */
    assert_int_equal(count(f, RULE_PHYS_ACCOUNT_INACTIVE), 1);
}

static void test_render(void **state)
{
    fixture *f = *state;
    event(f, PHYS_DENIED, MON_0900, "200", "rdr-gate", NULL);
    assert_int_equal(f->n, 1);
    strbuf sb;
    strbuf_init(&sb);
    detect_alert_render(&f->got[0], NULL, NULL, 0, &sb);
    const char *s = strbuf_cstr(&sb);
    assert_non_null(strstr(s, "\"dataset\":\"seawall.phys\""));
    assert_non_null(strstr(s, "\"user\":{\"id\":\"bob\""));
    assert_non_null(strstr(s, "\"phys\":{\"badge\":\"200\""));
    assert_non_null(strstr(s, "\"feed\":\"feed.csv\",\"lines\":["));
    assert_non_null(strstr(s, "\"T0859\""));
    strbuf_free(&sb);
}

static void test_model_errors(void **state)
{
    (void)state;
    static const char bad[] =
        "zones:\n  - {id: z, domain: phys, networks: [10.0.0.0/24]}\n"
        "areas:\n  - {id: a1, kind: ot-roon, hours: \"Mon-Fri 07:00-31:00\"}\n"
        "assets:\n  - {id: r, kind: badge-reader, zone: z, area: nope, position: {lat: 91, lon: 0}}\n"
        "people:\n  - {id: p, shift: \"Mon-Fri 25:00-26:00\", areas: [a2]}\n";
    diag_list d;
    diag_init(&d, "b.yaml");
    port_model *m = model_load_buffer(bad, sizeof bad - 1, "b.yaml", &d);
    assert_non_null(m);
    bool shift = false, area = false, lat = false, kind = false, person_area = false, hours = false;
    for (size_t i = 0; i < d.len; i++) {
        const char *msg = d.items[i].message;
        if (strstr(msg, "shift 'Mon-Fri 25:00-26:00'") && d.items[i].line == 8) shift = true;
        if (strstr(msg, "unknown area 'nope'") && d.items[i].line == 6) area = true;
        if (strstr(msg, "lat 91")) lat = true;
        if (strstr(msg, "unknown area kind 'ot-roon'") && strstr(msg, "ot-room")) kind = true;
        if (strstr(msg, "unknown area 'a2'")) person_area = true;
        if (strstr(msg, "hours 'Mon-Fri 07:00-31:00'") && d.items[i].line == 4) hours = true;
    }
    if (!(shift && area && lat && kind && person_area && hours)) diag_print(&d, stderr);
    assert_true(shift && area && lat && kind && person_area && hours);
    diag_free(&d);
    model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_inactive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_travel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_off_shift_and_area, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_held_and_tamper, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anti_passback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_motion_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_camera, setup, teardown),
        cmocka_unit_test_setup_teardown(test_camera_wire_silence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_camera_wire_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_camera_wire_silence_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_badge_and_remote, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_inactive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_render, setup, teardown),
        cmocka_unit_test(test_model_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
