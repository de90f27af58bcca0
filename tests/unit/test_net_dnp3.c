/* test_net_dnp3.c - the DNP3 parser on hand-made frames: every function's
 * class, object headers, IIN and pairing, device attributes, transport
 * reassembly, CRC errors, split and packed frames, resync, probe and UDP. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/dnp3.h"
#include "net/proto/proto.h"

#define MAX_OBS 64
typedef struct seen {
    int n_ops, n_ids;
    obs_ics_op ops[MAX_OBS];
    char vendor[64], product[64], firmware[64], serial[64], name[64];
    uint32_t id_unit;
} seen;

static void copy(char *dst, size_t cap, const char *s) { snprintf(dst, cap, "%s", s ? s : ""); }

static void collect(void *user, const net_observation *o)
{
    seen *s = user;
    if (o->kind == OBS_ICS_OP && s->n_ops < MAX_OBS) s->ops[s->n_ops++] = o->u.ics;
    if (o->kind == OBS_IDENTITY) {
        s->n_ids++;
        s->id_unit = o->u.identity.unit_id;
        copy(s->vendor, sizeof s->vendor, o->u.identity.vendor);
        copy(s->product, sizeof s->product, o->u.identity.product);
        copy(s->firmware, sizeof s->firmware, o->u.identity.firmware);
        copy(s->serial, sizeof s->serial, o->u.identity.serial);
        copy(s->name, sizeof s->name, o->u.identity.name);
    }
}

typedef struct fixture {
    const proto_parser *pp;
    void *state;
    seen seen;
    net_flow flow;
    obs_sink sink;
    proto_ctx ctx;
} fixture;

static int setup_with(void **state, const char *name)
{
    fixture *f = calloc(1, sizeof *f);
    f->pp = proto_find(name);
    assert_non_null(f->pp);
    f->state = calloc(1, f->pp->state_size);
    f->sink = (obs_sink){ collect, &f->seen, OBS_MASK_ALL };
    f->ctx = (proto_ctx){ &f->flow, 0, 1, &f->sink };
    *state = f;
    return 0;
}
static int setup(void **state) { return setup_with(state, "dnp3"); }
static int setup_udp(void **state) { return setup_with(state, "dnp3-udp"); }
static int teardown(void **state) { fixture *f = *state; free(f->state); free(f); return 0; }

static size_t unhex(uint8_t *out, const char *hex)
{
    size_t n = 0;
    for (const char *p = hex; p[0] && p[1];) {
        if (*p == ' ') { p++; continue; }
        unsigned v;
        sscanf(p, "%2x", &v);
        out[n++] = (uint8_t)v;
        p += 2;
    }
    return n;
}

static void put_crc(uint8_t *p, size_t n)
{
    uint16_t c = dnp3_crc(p, n);
    p[n] = (uint8_t)c;
    p[n + 1] = (uint8_t)(c >> 8);
}

/* One link frame: header, then the user data in 16-byte blocks with CRCs. */
static size_t link_frame(uint8_t *out, uint8_t ctrl, uint16_t dst, uint16_t src, const uint8_t *user, size_t n)
{
    out[0] = 0x05; out[1] = 0x64; out[2] = (uint8_t)(n + 5); out[3] = ctrl;
    out[4] = (uint8_t)dst; out[5] = (uint8_t)(dst >> 8); out[6] = (uint8_t)src; out[7] = (uint8_t)(src >> 8);
    put_crc(out, 8);
    size_t pos = 10;
    for (size_t i = 0; i < n; i += 16) {
        size_t b = n - i < 16 ? n - i : 16;
        memcpy(out + pos, user + i, b);
        put_crc(out + pos, b);
        pos += b + 2;
    }
    return pos;
}

/* An application fragment in as many transport segments as it needs
 * (at most `seg` bytes each), master to outstation when `master`. */
static uint8_t tseq;
static size_t frames_seg(uint8_t *out, bool master, const uint8_t *app, size_t n, size_t seg)
{
    size_t pos = 0, done = 0;
    do {
        size_t take = n - done < seg ? n - done : seg;
        uint8_t tpdu[250];
        tpdu[0] = (uint8_t)((done == 0 ? 0x40 : 0) | (done + take == n ? 0x80 : 0) | (tseq++ & 0x3f));
        memcpy(tpdu + 1, app + done, take);
        pos += link_frame(out + pos, master ? 0xc4 : 0x44, master ? 4 : 3, master ? 3 : 4, tpdu, take + 1);
        done += take;
    } while (done < n);
    return pos;
}
static size_t frames(uint8_t *out, bool master, const char *app_hex)
{
    uint8_t app[1024];
    size_t n = unhex(app, app_hex);
    return frames_seg(out, master, app, n, 249);
}

static void to_server(fixture *f, const uint8_t *d, size_t n) { f->pp->parse_to_server(f->state, &f->ctx, d, n); }
static void to_client(fixture *f, const uint8_t *d, size_t n) { f->pp->parse_to_client(f->state, &f->ctx, d, n); }
static obs_ics_op *last(fixture *f) { assert_true(f->seen.n_ops > 0); return &f->seen.ops[f->seen.n_ops - 1]; }

static void test_request_classes(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *app;
        uint16_t fc;
        bool write, control;
        int n_objects, group, variation;
        bool range;
        uint32_t addr, qty;
    } cases[] = {
        { "c0 00", 0x00, false, false, 0, 0, 0, false, 0, 0 },
        { "c1 01 3c02 06 3c03 06 3c04 06 3c01 06", 0x01, false, false, 4, 60, 2, false, 0, 0 },
        { "c2 01 1e01 00 00 09", 0x01, false, false, 1, 30, 1, true, 0, 10 },
        { "c3 02 3201 07 01 000000000000", 0x02, true, false, 1, 50, 1, false, 0, 0 },
        { "c4 02 5001 00 07 07 00", 0x02, true, false, 1, 80, 1, true, 7, 1 },
        { "c5 03 0c01 28 0100 0500 03 01 64000000 64000000 00", 0x03, true, true, 1, 12, 1, true, 5, 1 },
        { "c6 04 0c01 28 0100 0500 03 01 64000000 64000000 00", 0x04, true, true, 1, 12, 1, true, 5, 1 },
        { "c7 05 0c01 17 01 02 41 01 64000000 00000000 00", 0x05, true, true, 1, 12, 1, true, 2, 1 },
        { "c8 06 2902 17 01 07 3412 00", 0x06, true, true, 1, 41, 2, true, 7, 1 },
        { "c9 05 2901 17 02 01 10000000 00 02 20000000 00", 0x05, true, true, 1, 41, 1, true, 1, 2 },
        { "ca 07 1400 06", 0x07, true, false, 1, 20, 0, false, 0, 0 },
        { "cb 08 1400 06", 0x08, true, false, 1, 20, 0, false, 0, 0 },
        { "cc 09 1400 01 0000 0300", 0x09, true, false, 1, 20, 0, true, 0, 4 },
        { "cd 0a 1400 06", 0x0a, true, false, 1, 20, 0, false, 0, 0 },
        { "ce 0b 3202 07 01 000000000000 10270000 1400 06", 0x0b, true, false, 2, 50, 2, false, 0, 0 },
        { "cf 0c 3202 07 01 000000000000 10270000 1400 06", 0x0c, true, false, 2, 50, 2, false, 0, 0 },
        { "c0 0d", 0x0d, false, true, 0, 0, 0, false, 0, 0 },
        { "c1 0e", 0x0e, false, true, 0, 0, 0, false, 0, 0 },
        { "c2 0f", 0x0f, true, true, 0, 0, 0, false, 0, 0 },
        { "c3 10 5a01 5b 01 0400 41424344", 0x10, false, true, 1, 90, 1, false, 0, 0 },
        { "c4 11 5a01 5b 01 0400 41424344", 0x11, false, true, 1, 90, 1, false, 0, 0 },
        { "c5 12 5a01 5b 01 0400 41424344", 0x12, false, true, 1, 90, 1, false, 0, 0 },
        { "c6 13", 0x13, true, false, 0, 0, 0, false, 0, 0 },
        { "c7 14 3c02 06 3c03 06", 0x14, true, false, 2, 60, 2, false, 0, 0 },
        { "c8 15 3c02 06 3c03 06 3c04 06", 0x15, true, false, 3, 60, 2, false, 0, 0 },
        { "c9 16 3c02 06 0100 00 00 0f", 0x16, true, false, 2, 60, 2, true, 0, 16 },
        { "ca 17", 0x17, false, false, 0, 0, 0, false, 0, 0 },
        { "cb 18", 0x18, false, false, 0, 0, 0, false, 0, 0 },
        /* g70v3 file command: offset, size, time, permissions, key, file size, mode 1 (read) */
        { "cc 19 4603 5b 01 1e00 1a00 0400 000000000000 ff01 00000000 00000000 0100 0004 0100 612e6366",
          0x19, false, false, 1, 70, 3, false, 0, 0 },
        /* ... mode 2 (write) */
        { "cd 19 4603 5b 01 1e00 1a00 0400 000000000000 ff01 00000000 00100000 0200 0004 0200 612e6366",
          0x19, true, false, 1, 70, 3, false, 0, 0 },
        { "ce 1a 4604 5b 01 0d00 01000000 00000000 0004 0300 00", 0x1a, false, false, 1, 70, 4, false, 0, 0 },
        { "cf 1b 4603 5b 01 1e00 1a00 0400 000000000000 0000 00000000 00000000 0000 0000 0400 612e6366",
          0x1b, true, false, 1, 70, 3, false, 0, 0 },
        { "c0 1c 4607 5b 01 0400 61626364", 0x1c, false, false, 1, 70, 7, false, 0, 0 },
        { "c1 1d 4602 5b 01 0400 61626364", 0x1d, false, false, 1, 70, 2, false, 0, 0 },
        { "c2 1e 4604 5b 01 0d00 01000000 00000000 0004 0500 00", 0x1e, false, false, 1, 70, 4, false, 0, 0 },
        { "c3 1f 4608 5b 01 0500 2f612e6366", 0x1f, true, true, 1, 70, 8, false, 0, 0 },
        { "c4 20 7804 07 01 0100", 0x20, false, false, 1, 120, 4, false, 0, 0 },
        { "c5 21 780a 5b 01 0400 01020304", 0x21, true, false, 1, 120, 10, false, 0, 0 },
    };
    uint8_t b[600];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = frames(b, true, cases[i].app);
        to_server(f, b, n);
        assert_int_equal(f->seen.n_ops, (int)i + 1);
        obs_ics_op *op = last(f);
        assert_string_equal(op->protocol, "dnp3");
        assert_int_equal(op->function, cases[i].fc);
        assert_string_not_equal(op->function_name, "unknown");
        assert_false(op->is_response);
        if (op->malformed) fail_msg("case %zu malformed", i);
        assert_int_equal(op->unit_id, 4);            /* the destination: the outstation */
        assert_int_equal(op->dnp3.source, 3);
        uint8_t app[300];
        unhex(app, cases[i].app);
        assert_int_equal(op->transaction, app[0] & 0x0f);
        if (op->is_write != cases[i].write || op->is_control != cases[i].control)
            fail_msg("case %zu: write %d control %d", i, op->is_write, op->is_control);
        assert_int_equal(op->dnp3.n_objects, cases[i].n_objects);
        if (cases[i].n_objects) {
            assert_int_equal(op->dnp3.objects[0].group, cases[i].group);
            assert_int_equal(op->dnp3.objects[0].variation, cases[i].variation);
        }
        assert_int_equal(op->has_range, cases[i].range);
        if (cases[i].range) { assert_int_equal(op->address, cases[i].addr); assert_int_equal(op->quantity, cases[i].qty); }
    }
    assert_int_equal(f->seen.ops[14].dnp3.objects[1].group, 20);   /* freeze at time: counters after the time */
    assert_int_equal(f->seen.ops[1].dnp3.objects[3].qualifier, 6);
}

static void test_malformed_requests(void **state)
{
    fixture *f = *state;
    static const char *const bad[] = {
        "c0 01 3c02 86",                        /* reserved qualifier bit */
        "c0 01 3c02 0c",                        /* range code 12 */
        "c0 01 1e01 00 09 01",                  /* stop before start */
        "c0 02 3201 07 01 0000",                /* a time cut short */
        "c0 01 3c",                             /* half a header */
        "80 01 3c02 06",                        /* a request must be one fragment: FIN missing */
        "c0 03 0c01 28 0100 0500 03",           /* CROB cut short */
        "c0 19 4603 5b 01 ff00 00",             /* size prefix beyond the fragment */
    };
    uint8_t b[600];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = frames(b, true, bad[i]);
        to_server(f, b, n);
        assert_int_equal(f->seen.n_ops, (int)i + 1);
        if (!last(f)->malformed) fail_msg("case %zu not flagged", i);
    }
    /* an unknown object size ends the listing without blame */
    size_t n = frames(b, true, "c0 02 c801 00 00 00 55 3c02 06");
    to_server(f, b, n);
    assert_false(last(f)->malformed);
    assert_int_equal(last(f)->dnp3.n_objects, 1);
    /* a response too short for its IIN */
    n = frames(b, false, "c0 81 00");
    to_client(f, b, n);
    assert_true(last(f)->malformed);
    assert_false(last(f)->dnp3.has_iin);
    /* function 0xff on the wire is an unknown function, not the CRC-error
     * marker (the fuzzer found the two confused when the marker was 0xff) */
    n = frames(b, false, "c0 ff 0000");
    to_client(f, b, n);
    assert_int_equal(last(f)->function, 0xff);
    assert_string_equal(last(f)->function_name, "unknown");
    assert_false(last(f)->malformed);
    /* a lone application control byte says nothing */
    int before = f->seen.n_ops;
    n = frames(b, true, "c0");
    to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, before);
}

static void test_responses_iin_and_pairing(void **state)
{
    fixture *f = *state;
    uint8_t b[600];
    size_t n = frames(b, true, "c3 01 1e01 00 00 01");                 /* read AI 0-1, seq 3 */
    to_server(f, b, n);
    n = frames(b, false, "c3 81 0000 1e01 00 00 01 01 10000000 01 20000000");
    to_client(f, b, n);
    obs_ics_op *rsp = last(f);
    assert_true(rsp->is_response);
    assert_int_equal(rsp->function, 0x81);
    assert_true(rsp->paired);
    assert_false(rsp->malformed);
    assert_false(rsp->exception);
    assert_true(rsp->dnp3.has_iin);
    assert_int_equal(rsp->unit_id, 4);                                  /* the source: the outstation */
    assert_int_equal(rsp->dnp3.objects[0].group, 30);
    assert_true(rsp->has_range);
    assert_int_equal(rsp->quantity, 2);

    /* a select answered with "parameter error": an exception, and the
     * response inherits the request's classes and point */
    n = frames(b, true, "c4 03 0c01 28 0100 0900 03 01 64000000 64000000 00");
    to_server(f, b, n);
    n = frames(b, false, "c4 81 8004 0c01 28 0100 0900 03 01 64000000 64000000 04");
    to_client(f, b, n);
    rsp = last(f);
    assert_true(rsp->paired);
    assert_true(rsp->exception);
    assert_int_equal(rsp->exception_code, 0x04);
    assert_int_equal(rsp->dnp3.iin, 0x8004);
    assert_true(rsp->is_write);
    assert_true(rsp->is_control);
    assert_int_equal(rsp->address, 9);

    /* unsolicited: a response nobody asked for, with the restart IIN */
    n = frames(b, false, "f0 82 8000");
    to_client(f, b, n);
    rsp = last(f);
    assert_int_equal(rsp->function, 0x82);
    assert_string_equal(rsp->function_name, "unsolicited_response");
    assert_false(rsp->paired);
    assert_false(rsp->exception);
    assert_int_equal(rsp->dnp3.app_control & 0x10, 0x10);

    /* no request with this sequence */
    n = frames(b, false, "c9 81 0000");
    to_client(f, b, n);
    assert_false(last(f)->paired);

    /* a response in two fragments: both answer the request */
    n = frames(b, true, "c5 01 3c01 06");
    to_server(f, b, n);
    n = frames(b, false, "85 81 0000 1e01 00 00 00 01 10000000");
    to_client(f, b, n);
    assert_true(last(f)->paired);
    n = frames(b, false, "46 81 0000 1e01 00 01 01 01 10000000");
    to_client(f, b, n);
    assert_true(last(f)->paired);
    n = frames(b, false, "c5 81 0000");                                 /* used up */
    to_client(f, b, n);
    assert_false(last(f)->paired);

    /* a no-ack request expects nothing */
    n = frames(b, true, "c6 06 0c01 17 01 02 41 01 64000000 00000000 00");
    to_server(f, b, n);
    n = frames(b, false, "c6 81 0000");
    to_client(f, b, n);
    assert_false(last(f)->paired);
}

static void test_device_attributes_identity(void **state)
{
    fixture *f = *state;
    uint8_t b[600];
    size_t n = frames(b, true, "c1 01 00fe 06");
    to_server(f, b, n);
    assert_int_equal(last(f)->dnp3.objects[0].variation, 254);
    n = frames(b, false, "c1 81 0000"
                         " 00fc 00 00 00 01 04 41636d65"               /* 252 manufacturer: Acme */
                         " 00fa 00 00 00 01 05 5254552d35"             /* 250 product: RTU-5 */
                         " 00f2 00 00 00 01 05 312e322e33"             /* 242 software: 1.2.3 */
                         " 00f8 00 00 00 01 05 534e313233"             /* 248 serial: SN123 */
                         " 00f7 00 00 00 01 04 67617465"               /* 247 device name: gate */
                         " 00f0 00 00 00 02 02 0008");                 /* 240 max tx fragment: a number */
    to_client(f, b, n);
    assert_false(last(f)->malformed);
    assert_int_equal(last(f)->dnp3.n_objects, 6);
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.vendor, "Acme");
    assert_string_equal(f->seen.product, "RTU-5");
    assert_string_equal(f->seen.firmware, "1.2.3");
    assert_string_equal(f->seen.serial, "SN123");
    assert_string_equal(f->seen.name, "gate");
    assert_int_equal(f->seen.id_unit, 4);
    /* an attribute running past the fragment yields what came before it */
    n = frames(b, false, "c2 81 0000 00fc 00 00 00 01 03 414243 00fa 00 00 00 01 40 4142");
    to_client(f, b, n);
    assert_int_equal(f->seen.n_ids, 2);
    assert_string_equal(f->seen.vendor, "ABC");
    assert_string_equal(f->seen.product, "");
    assert_true(last(f)->malformed);
    /* the same attribute again, empty or NUL-led, keeps the earlier value
     * (the fuzzer found an identity with an empty vendor this way) */
    n = frames(b, false, "c3 81 0000 00fc 00 00 00 01 04 41636d65 00fc 00 00 00 01 02 0041 00fc 00 00 00 01 00");
    to_client(f, b, n);
    assert_int_equal(f->seen.n_ids, 3);
    assert_string_equal(f->seen.vendor, "Acme");
    assert_false(last(f)->malformed);
    /* attributes in a request are not the device speaking */
    n = frames(b, true, "c3 02 00f5 00 00 00 01 04 41636d65");
    to_server(f, b, n);
    assert_int_equal(f->seen.n_ids, 3);
    assert_true(last(f)->is_write);
}

static void test_transport_reassembly_and_crc(void **state)
{
    fixture *f = *state;
    uint8_t app[1024], b[1400];
    /* an 809-byte response in four segments of at most 249 bytes */
    size_t n = unhex(app, "c0 81 0000 1e01 00 00 9f");
    for (int i = 0; i < 160; i++) { app[n++] = 1; app[n++] = (uint8_t)i; app[n++] = 0; app[n++] = 0; app[n++] = 0; }
    size_t fl = frames_seg(b, false, app, n, 249);
    to_client(f, b, fl);
    assert_int_equal(f->seen.n_ops, 1);
    assert_int_equal(last(f)->function, 0x81);
    assert_false(last(f)->malformed);                  /* cut by the kept prefix, not broken */
    assert_int_equal(last(f)->quantity, 160);
    /* the same, segment by segment in separate deliveries */
    size_t one = 10 + 250 + 2 * 16;
    for (size_t off = 0; off < fl; off += one) to_client(f, b + off, fl - off < one ? fl - off : one);
    assert_int_equal(f->seen.n_ops, 2);
    /* a lost middle segment: nothing is reported for the fragment */
    fl = frames_seg(b, false, app, n, 249);
    to_client(f, b, one);
    to_client(f, b + 2 * one, fl - 2 * one);
    assert_int_equal(f->seen.n_ops, 2);
    /* a FIR restarts: the fragment before it is dropped, the new one counts */
    fl = frames_seg(b, false, app, n, 249);
    to_client(f, b, one);
    n = frames(b, false, "c1 81 0000");
    to_client(f, b, n);
    assert_int_equal(f->seen.n_ops, 3);
    assert_int_equal(last(f)->transaction, 1);

    /* a data block whose CRC fails: flagged, and the fragment dropped */
    n = frames(b, true, "c2 01 3c02 06 3c03 06 3c04 06 3c01 06");
    b[12] ^= 0xff;
    to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 4);
    assert_int_equal(last(f)->function, DNP3_FC_CRC_ERROR);
    assert_string_equal(last(f)->function_name, "crc_error");
    assert_true(last(f)->malformed);
    assert_false(last(f)->is_response);                 /* DIR set: from the master */
    assert_int_equal(last(f)->unit_id, 4);
    /* link-only frames (reset link, link status) carry no operation */
    uint8_t hdr[16];
    n = link_frame(hdr, 0xc0, 4, 3, NULL, 0);
    to_server(f, hdr, n);
    n = link_frame(hdr, 0x0b, 3, 4, NULL, 0);
    to_client(f, hdr, n);
    assert_int_equal(f->seen.n_ops, 4);
}

static void test_split_and_packed_frames(void **state)
{
    fixture *f = *state;
    uint8_t b[600];
    size_t n = frames(b, true, "c1 01 3c02 06 3c03 06 3c04 06 3c01 06");
    n += frames(b + n, true, "c2 05 0c01 17 01 02 41 01 64000000 00000000 00");
    n += frames(b + n, true, "c3 0d");
    for (size_t cut = 1; cut < n; cut++) {
        memset(&f->seen, 0, sizeof f->seen);
        to_server(f, b, cut);
        to_server(f, b + cut, n - cut);
        assert_int_equal(f->seen.n_ops, 3);
        assert_int_equal(f->seen.ops[1].function, 5);
        assert_int_equal(f->seen.ops[1].address, 2);
        assert_int_equal(f->seen.ops[2].function, 13);
    }
    memset(&f->seen, 0, sizeof f->seen);
    for (size_t i = 0; i < n; i++) to_server(f, b + i, 1);
    assert_int_equal(f->seen.n_ops, 3);
}

static void test_resync(void **state)
{
    fixture *f = *state;
    uint8_t b[600], s[700];
    size_t n = frames(b, true, "c1 01 3c02 06 3c03 06 3c04 06 3c01 06");
    assert_true(n > 20);
    /* junk before a frame, including a false start, is skipped silently */
    static const uint8_t junk[] = { 0x00, 0x05, 0x05, 0x11, 0xc4, 0x05, 0x64, 0x0a, 0x05 };
    memcpy(s, junk, sizeof junk);
    memcpy(s + sizeof junk, b, n);
    to_server(f, s, sizeof junk + n);
    assert_int_equal(f->seen.n_ops, 1);
    assert_int_equal(last(f)->function, 1);
    /* a header whose CRC fails after good frames is reported once, then
     * the stream resynchronises at the next good header */
    memcpy(s, b, n);
    s[8] ^= 1;
    memcpy(s + n, s, n);
    memcpy(s + 2 * n, b, n);
    to_server(f, s, 3 * n);
    assert_int_equal(f->seen.n_ops, 3);
    assert_int_equal(f->seen.ops[1].function, DNP3_FC_CRC_ERROR);
    assert_true(f->seen.ops[1].malformed);
    assert_int_equal(f->seen.ops[2].function, 1);
    /* the same with the bad header arriving byte by byte */
    for (size_t i = 0; i < 3 * n; i++) to_server(f, s + i, 1);
    assert_int_equal(f->seen.n_ops, 5);
    assert_int_equal(f->seen.ops[3].function, DNP3_FC_CRC_ERROR);
    assert_int_equal(f->seen.ops[4].function, 1);
    /* a gap drops a half-read frame */
    to_server(f, b, 7);
    f->pp->gap(f->state, &f->ctx, NET_DIR_TO_SERVER, 100);
    to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 6);
    to_server(f, b, 15);
    f->pp->gap(f->state, &f->ctx, NET_DIR_TO_SERVER, 100);
    to_server(f, b + 20, n - 20);                       /* the tail of the lost frame */
    to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 7);
    assert_int_equal(last(f)->function, 1);
}

static void test_probe(void **state)
{
    fixture *f = *state;
    uint8_t b[64];
    size_t n = frames(b, true, "c1 01 3c02 06");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 10, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 5, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(b, 1, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    b[9] ^= 1;                                          /* header CRC */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    b[9] ^= 1;
    b[1] = 0x65;
    assert_int_equal(f->pp->probe(b, 2, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    static const char http[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    assert_int_equal(f->pp->probe((const uint8_t *)http, sizeof http - 1, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    /* length below 5 cannot hold control and addresses */
    uint8_t h[10] = { 0x05, 0x64, 0x04, 0xc0, 4, 0, 3, 0 };
    put_crc(h, 8);
    assert_int_equal(f->pp->probe(h, 10, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_udp_datagrams(void **state)
{
    fixture *f = *state;
    assert_int_equal(f->pp->transport, 17);
    uint8_t b[600];
    size_t n = frames(b, true, "c1 01 3c02 06");
    size_t m = n + frames(b + n, true, "c2 0e");
    f->pp->parse_to_server(f->state, &f->ctx, b, m);    /* two frames in one datagram */
    assert_int_equal(f->seen.n_ops, 2);
    assert_int_equal(last(f)->function, 0x0e);
    assert_true(last(f)->is_control);
    /* a frame cut at the end of a datagram is not joined with the next */
    f->pp->parse_to_server(f->state, &f->ctx, b, n - 4);
    f->pp->parse_to_server(f->state, &f->ctx, b + n - 4, 4);
    assert_int_equal(f->seen.n_ops, 2);
    n = frames(b, false, "c2 81 0000");
    f->pp->parse_to_client(f->state, &f->ctx, b, n);
    assert_true(last(f)->paired);
}

static void test_crc_and_names(void **state)
{
    (void)state;
    static const uint8_t hdr[] = { 0x05, 0x64, 0x0a, 0x44, 0x03, 0x00, 0x04, 0x00 };   /* from dnp3.pcap */
    assert_int_equal(dnp3_crc(hdr, sizeof hdr), 0xae7c);
    assert_string_equal(dnp3_function_name(0x0d), "cold_restart");
    assert_string_equal(dnp3_function_name(0x83), "authenticate_resp");
    assert_string_equal(dnp3_function_name(0x22), "unknown");
    assert_string_equal(dnp3_function_name(0xff), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_responses_iin_and_pairing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_attributes_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transport_reassembly_and_crc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_and_packed_frames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_udp_datagrams, setup_udp, teardown),
        cmocka_unit_test(test_crc_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
