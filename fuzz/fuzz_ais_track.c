/* fuzz_ais_track.c - libFuzzer target for vessel tracking and the AIS
 * integrity checks. Inputs starting with 'S' are 12-byte records, each
 * one message built from its bytes (type, one of 32 MMSIs, position
 * around a test port, speed, static fields, a time step that may go
 * backwards or be missing), to reach every check's state machine; any
 * other input is NMEA text through the decoder first. One engine lives
 * across inputs with a small table so eviction and slot reuse are always
 * exercised. Invariants: the table never grows, alert line numbers are
 * ascending and non-zero, every alert renders as JSON jansson accepts. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ais/stream.h"
#include "core/strbuf.h"
#include "detect/ais_detect.h"

static ais_detect *engine;
static ais_stream stream;
static size_t memory0;
static strbuf out;
static int64_t clock_ms = 1700000000000;

static ais_surface f_surface(void *u, double lat, double lon, const char **where)
{
    *where = "fuzz-land";
    return lon > -8.95 ? AIS_SURFACE_LAND : lon < -9.5 ? AIS_SURFACE_UNKNOWN : AIS_SURFACE_WATER;
}
static bool f_vts(void *u, double lat, double lon, double *edge)
{
    *edge = 3000;
    return lat > 39.6 && lat < 40.0 && lon > -9.4 && lon < -8.9;
}
static bool f_station(void *u, uint32_t mmsi, ais_geo_station *o)
{
    memset(o, 0, sizeof *o);
    if (mmsi != 2633001 && mmsi != 992636001) return false;
    o->id = "declared";
    o->mmsi = mmsi;
    o->lat = 39.81;
    o->lon = -8.96;
    o->aton = mmsi == 992636001;
    return true;
}
static const ais_geo geo = { NULL, f_surface, f_vts, f_station, 1, 1 };

static void on_alert(void *user, const ais_alert *a)
{
    for (size_t i = 0; i < a->n_lines; i++) {
        if (a->lines[i] == 0) abort();
        if (i && a->lines[i] <= a->lines[i - 1]) abort();
    }
    strbuf_reset(&out);
    ais_alert_render(a, "fuzz", &out);
    json_error_t err;
    json_t *j = json_loadb(out.data, out.len, 0, &err);
    if (!j) abort();
    json_decref(j);
}

static void setup(void)
{
    ais_detect_config c;
    ais_detect_config_default(&c);
    c.capacity = 24;
    c.jam_min_vessels = 2;
    engine = ais_detect_create(&c, &geo, on_alert, NULL, NULL, NULL);
    if (!engine) abort();
    memory0 = ais_detect_get_stats(engine)->memory;
    ais_stream_init(&stream);
    strbuf_init(&out);
}

static const uint32_t mmsis[32] = {
    263123456, 263654321, 263000001, 263000002, 263000003, 263000004, 537411077, 123456789,
    2633001, 2633002, 992636001, 992636002, 111263001, 970123456, 982631234, 26312345,
    366000001, 366000002, 366000003, 366000004, 244000001, 244000002, 244000003, 244000004,
    311000001, 311000002, 311000003, 311000004, 0, 999999999, 1073741823, 826312345,
};

static void record(const uint8_t *r, uint64_t line)
{
    static const uint8_t types[8] = { 1, 3, 5, 18, 19, 24, 4, 21 };
    ais_msg m;
    memset(&m, 0, sizeof m);
    m.type = types[r[0] & 7];
    m.mmsi = mmsis[(r[0] >> 3) & 31];
    int32_t lat = (int32_t)((39.55 + r[1] / 510.0 + r[2] / 130000.0) * 600000.0);
    int32_t lon = (int32_t)((-9.45 + r[3] / 450.0 + r[4] / 110000.0) * 600000.0);
    if (r[1] == 255) lat = AIS_LAT_NOT_AVAILABLE;
    uint16_t speed = (uint16_t)(r[5] * 4 + (r[6] & 3));
    if (r[5] == 255) speed = AIS_SPEED_NOT_AVAILABLE;
    switch (m.type) {
    case 1: case 3:
        m.u.pos.lat = lat; m.u.pos.lon = lon; m.u.pos.speed = speed; m.u.pos.status = r[6] >> 4;
        m.u.pos.second = r[7] % 64; m.u.pos.course = (uint16_t)(r[8] * 15);
        break;
    case 18: case 19:
        m.u.classb.lat = lat; m.u.classb.lon = lon; m.u.classb.speed = speed; m.u.classb.cs = r[6] & 4;
        m.u.classb.assigned = r[6] & 8; m.u.classb.second = r[7] % 64; m.u.classb.shiptype = r[8];
        m.u.classb.to_bow = r[9]; m.u.classb.to_port = r[9] & 15;
        m.u.classb.shipname[0] = (char)('A' + r[8] % 26); m.u.classb.shipname[1] = (char)('A' + r[9] % 26);
        break;
    case 5:
        m.u.voyage.imo = (uint32_t)r[8] * 1000u;
        m.u.voyage.shiptype = r[9];
        m.u.voyage.to_bow = r[1]; m.u.voyage.to_stern = r[2]; m.u.voyage.to_port = r[3] & 63;
        m.u.voyage.to_starboard = r[4] & 63;
        m.u.voyage.shipname[0] = (char)('A' + r[8] % 26);
        m.u.voyage.callsign[0] = (char)('A' + r[9] % 26);
        break;
    case 24:
        m.u.static24.part = (ais24_part)(r[6] % 3);
        m.u.static24.shipname[0] = (char)('A' + r[8] % 26);
        m.u.static24.callsign[0] = (char)('A' + r[9] % 26);
        m.u.static24.shiptype = r[9];
        m.u.static24.to_bow = r[1];
        break;
    case 4:
        m.u.base.lat = lat; m.u.base.lon = lon; m.u.base.second = r[7] % 64;
        break;
    case 21:
        m.u.aton.lat = lat; m.u.aton.lon = lon; m.u.aton.virtual_aid = r[6] & 1;
        m.u.aton.name[0] = (char)('A' + r[8] % 26);
        break;
    default: break;
    }
    /* time step: mostly forward by 0..255 s in tenths, sometimes back, sometimes none */
    int64_t t = AIS_NO_TIME;
    uint8_t step = r[10], how = r[11];
    if (how < 200) { clock_ms += (int64_t)step * 100 * (1 + (how & 15)); t = clock_ms; }
    else if (how < 230) t = clock_ms - (int64_t)step * 1000;
    ais_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.line_first = meta.line_last = line;
    meta.has_time = t != AIS_NO_TIME;
    meta.time_ms = t;
    ais_detect_message(engine, &m, &meta, t, 1700000000000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine) setup();
    static uint64_t line;
    if (size && data[0] == 'S') {
        for (size_t off = 1; off + 12 <= size; off += 12) record(data + off, ++line);
        if (size % 7 == 0) ais_detect_finish(engine, clock_ms);
        else if (size % 5 == 0) ais_detect_tick(engine, clock_ms + 600000);
    } else {
        size_t pos = 0;
        while (pos < size) {
            const uint8_t *nl = memchr(data + pos, '\n', size - pos);
            size_t len = nl ? (size_t)(nl - (data + pos)) : size - pos;
            ais_msg m;
            ais_meta meta;
            if (ais_stream_line(&stream, (const char *)data + pos, len, &m, &meta))
                ais_detect_message(engine, &m, &meta, meta.has_time ? meta.time_ms : AIS_NO_TIME, 1700000000000);
            pos += len + 1;
        }
    }
    if (ais_detect_get_stats(engine)->memory != memory0) abort();
    if (ais_tracker_get_stats(ais_detect_tracker(engine))->live > 24) abort();
    return 0;
}
