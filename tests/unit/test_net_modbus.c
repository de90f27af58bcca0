/* test_net_modbus.c - the Modbus/TCP parser on hand-made ADUs (function
 * codes, pairing, exceptions, FC 43/14 identity, split PDUs, resync, probe),
 * then end to end through the engine from frames with reordered segments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/engine.h"
#include "net/proto/modbus.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

static int setup(void **state) { return harness_setup(state, "modbus"); }

/* An ADU from a hex PDU: MBAP with this transaction and unit 1. */
static size_t adu(uint8_t *out, uint16_t tid, const char *pdu_hex)
{
    uint8_t pdu[256];
    size_t n = harness_hex(pdu, sizeof pdu, pdu_hex);
    out[0] = (uint8_t)(tid >> 8); out[1] = (uint8_t)tid; out[2] = 0; out[3] = 0;
    out[4] = (uint8_t)((n + 1) >> 8); out[5] = (uint8_t)(n + 1); out[6] = 1;
    memcpy(out + 7, pdu, n);
    return n + 7;
}

static void test_requests_ranges_and_classes(void **state)
{
    harness_fixture *f = *state;
    static const struct { const char *pdu; uint16_t fc; uint32_t addr, qty; bool write, control, range; } cases[] = {
        { "01 0013 0025", 1, 0x13, 0x25, false, false, true },
        { "02 00c4 0016", 2, 0xc4, 0x16, false, false, true },
        { "03 006b 0003", 3, 0x6b, 3, false, false, true },
        { "04 0008 0001", 4, 8, 1, false, false, true },
        { "05 00ac ff00", 5, 0xac, 1, true, false, true },
        { "06 0001 0003", 6, 1, 1, true, false, true },
        { "0f 0013 000a 02 cd01", 15, 0x13, 10, true, false, true },
        { "10 0001 0002 04 000a 0102", 16, 1, 2, true, false, true },
        { "16 0004 00f2 0025", 22, 4, 1, true, false, true },
        { "17 0003 0006 000e 0003 06 00ff 00ff 00ff", 23, 0x0e, 3, true, false, true },
        { "08 0001 0000", 8, 0, 0, false, true, false },   /* restart communications */
        { "08 0004 0000", 8, 0, 0, false, true, false },   /* force listen only */
        { "08 0000 a537", 8, 0, 0, false, false, false },  /* echo */
        { "07", 7, 0, 0, false, false, false },
        { "11", 17, 0, 0, false, false, false },
        { "2b 0e 01 00", 43, 0, 0, false, false, false },
        { "5a 00 41", 90, 0, 0, false, true, false },      /* UMAS stop */
    };
    uint8_t b[300];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = adu(b, (uint16_t)i, cases[i].pdu);
        harness_to_server(f, b, n);
        assert_int_equal(f->seen.n_ops, (int)i + 1);
        obs_ics_op *op = &f->seen.ops[i];
        assert_string_equal(op->protocol, "modbus");
        assert_int_equal(op->function, cases[i].fc);
        assert_int_equal(op->transaction, i);
        assert_int_equal(op->unit_id, 1);
        assert_false(op->is_response);
        assert_false(op->malformed);
        assert_int_equal(op->has_range, cases[i].range);
        if (cases[i].range) { assert_int_equal(op->address, cases[i].addr); assert_int_equal(op->quantity, cases[i].qty); }
        assert_int_equal(op->is_write, cases[i].write);
        assert_int_equal(op->is_control, cases[i].control);
    }
    assert_int_equal(f->seen.ops[9].read_address, 3);     /* FC 23 read half */
    assert_int_equal(f->seen.ops[9].read_quantity, 6);
    assert_int_equal(f->seen.ops[15].subfunction, 14);    /* MEI type */
    /* a write whose byte count disagrees with its quantity */
    size_t n = adu(b, 99, "10 0001 0002 03 000a 01");
    harness_to_server(f, b, n);
    assert_true(f->seen.ops[f->seen.n_ops - 1].malformed);
}

static void test_responses_pair_and_exceptions(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[300];
    size_t n = adu(b, 7, "03 006b 0003");
    harness_to_server(f, b, n);
    n = adu(b, 7, "03 06 022b 0000 0064");
    harness_to_client(f, b, n);
    obs_ics_op *rsp = &f->seen.ops[1];
    assert_true(rsp->is_response);
    assert_true(rsp->paired);
    assert_int_equal(rsp->address, 0x6b);                 /* taken from the request */
    assert_int_equal(rsp->quantity, 3);
    n = adu(b, 8, "05 00ac ff00");
    harness_to_server(f, b, n);
    n = adu(b, 8, "85 02");                               /* illegal data address */
    harness_to_client(f, b, n);
    obs_ics_op *ex = &f->seen.ops[3];
    assert_true(ex->exception);
    assert_int_equal(ex->function, 5);
    assert_int_equal(ex->exception_code, 2);
    assert_true(ex->paired);
    assert_false(ex->malformed);
    n = adu(b, 9, "01 01 00");                            /* nothing asked for transaction 9 */
    harness_to_client(f, b, n);
    assert_false(f->seen.ops[4].paired);
}

static void test_device_identification(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[300];
    size_t n = adu(b, 1, "2b 0e 01 00");
    harness_to_server(f, b, n);
    /* basic category, conformity 0x81, no more, 3 objects + ModelName */
    n = adu(b, 1, "2b 0e 01 81 00 00 04"
                  " 00 12 536368 6e65 6964 6572 2045 6c65 6374 7269 63"   /* Schneider Electric */
                  " 01 0a 4243 4d2d 3130 3030 5844"                       /* BCM-1000XD */
                  " 02 04 7632 2e34"                                      /* v2.4 */
                  " 05 06 4d31 3538 3430");                               /* M15840 */
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.vendor, "Schneider Electric");
    assert_string_equal(f->seen.product, "BCM-1000XD");
    assert_string_equal(f->seen.firmware, "v2.4");
    assert_string_equal(f->seen.model, "M15840");
    obs_ics_op *rsp = &f->seen.ops[1];
    assert_int_equal(rsp->function, 43);
    assert_int_equal(rsp->subfunction, 14);
    assert_true(rsp->paired);

    /* an object running past the PDU yields what came before it, no more */
    n = adu(b, 2, "2b 0e 01 81 00 00 02 00 03 414243 01 40 4142");
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_ids, 2);
    assert_string_equal(f->seen.vendor, "ABC");

    /* FC 17: the readable part of the server id names the device */
    n = adu(b, 3, "11 12 00 ff 57696e6770617468204c696d69746564");
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_ids, 3);
    assert_string_equal(f->seen.product, "Wingpath Limited");
}

static void test_split_and_packed_pdus(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[600];
    size_t n = adu(b, 1, "03 0000 000a");
    n += adu(b + n, 2, "10 0001 0002 04 000a 0102");
    n += adu(b + n, 3, "01 0013 0025");
    /* every split point of three ADUs in one stream, byte by byte too */
    for (size_t cut = 1; cut < n; cut++) {
        memset(&f->seen, 0, sizeof f->seen);
        harness_to_server(f, b, cut);
        harness_to_server(f, b + cut, n - cut);
        assert_int_equal(f->seen.n_ops, 3);
        assert_int_equal(f->seen.ops[1].function, 16);
        assert_int_equal(f->seen.ops[2].address, 0x13);
    }
    memset(&f->seen, 0, sizeof f->seen);
    for (size_t i = 0; i < n; i++) harness_to_server(f, b + i, 1);
    assert_int_equal(f->seen.n_ops, 3);
}

static void test_bad_header_resyncs_at_next_delivery(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[300], junk[32];
    size_t n = adu(b, 1, "03 0000 000a");
    memcpy(junk, b, n);
    junk[2] = 0x88;                                       /* protocol id not 0 */
    harness_to_server(f, junk, n);
    assert_int_equal(f->seen.n_ops, 0);
    harness_to_server(f, b, n);                           /* next segment starts clean */
    assert_int_equal(f->seen.n_ops, 1);
    /* a gap drops a half-read ADU */
    harness_to_server(f, b, 5);
    harness_gap(f, NET_DIR_TO_SERVER, 100);
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 2);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[300];
    size_t n = adu(b, 1, "03 0000 000a");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 5, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    n = adu(b, 1, "83 02");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    static const char http[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    assert_int_equal(f->pp->probe((const uint8_t *)http, sizeof http - 1, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = adu(b, 1, "2a 00");                               /* function 42 is not Modbus */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    b[4] = 1; b[5] = 0;                                   /* length 256: beyond the 253-byte PDU */
    assert_int_equal(f->pp->probe(b, 8, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

/* ---- end to end through the engine ------------------------------------ */
typedef struct fb { uint8_t b[1600]; size_t n; } fb;
static void put(fb *f, const void *p, size_t n) { if (n) memcpy(f->b + f->n, p, n); f->n += n; }
static void put16(fb *f, unsigned v) { f->b[f->n++] = (uint8_t)(v >> 8); f->b[f->n++] = (uint8_t)v; }
static void put32(fb *f, uint32_t v) { put16(f, v >> 16); put16(f, v & 0xffff); }

static fb tcp_frame(bool from_client, uint32_t seq, uint32_t ack, uint8_t flags, const uint8_t *payload, size_t n)
{
    fb f = { .n = 0 };
    static const uint8_t mac[12] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 };
    put(&f, mac, 12); put16(&f, 0x0800);
    put16(&f, 0x4500); put16(&f, (unsigned)(40 + n)); put32(&f, 0); put16(&f, 0x4006); put16(&f, 0);
    put32(&f, from_client ? 0x0a280301 : 0x0a28010b);
    put32(&f, from_client ? 0x0a28010b : 0x0a280301);
    put16(&f, from_client ? 50123 : 502); put16(&f, from_client ? 502 : 50123);
    put32(&f, seq); put32(&f, ack); put16(&f, 0x5000 | flags); put16(&f, 8192); put32(&f, 0);
    put(&f, payload, n);
    return f;
}

static void test_engine_end_to_end_with_reordering(void **state)
{
    harness_seen s;
    memset(&s, 0, sizeof s);
    obs_sink sink = harness_sink(&s);
    net_engine_config cfg;
    net_engine_config_default(&cfg);
    cfg.flow.capacity = 64;
    cfg.tcp.memcap = 1 << 20;
    net_engine *e = net_engine_create(&cfg, &sink);
    assert_non_null(e);
    uint8_t r1[64], r2[64], rsp[64];
    size_t n1 = adu(r1, 1, "03 0000 000a"), n2 = adu(r2, 2, "06 0010 00ff");
    size_t nr = adu(rsp, 1, "03 02 0001");
    uint8_t both[128];
    memcpy(both, r1, n1);
    memcpy(both + n1, r2, n2);
    fb frames[6];
    frames[0] = tcp_frame(true, 100, 0, 0x02, NULL, 0);             /* SYN */
    frames[1] = tcp_frame(false, 900, 101, 0x12, NULL, 0);          /* SYN-ACK */
    /* the two requests, split mid-ADU, second half first */
    frames[2] = tcp_frame(true, 101 + 9, 901, 0x18, both + 9, n1 + n2 - 9);
    frames[3] = tcp_frame(true, 101, 901, 0x18, both, 9);
    frames[4] = tcp_frame(false, 901, 101 + (uint32_t)(n1 + n2), 0x18, rsp, nr);
    frames[5] = tcp_frame(true, 101, 901, 0x18, both, 9);            /* a retransmission */
    for (int i = 0; i < 6; i++)
        net_engine_packet(e, NET_LINK_ETHERNET, (sw_time_us)(i + 1) * 1000, (uint64_t)i + 1, frames[i].b,
                          (uint32_t)frames[i].n, (uint32_t)frames[i].n);
    net_engine_flush(e);
    assert_int_equal(s.n_detected, 1);
    assert_int_equal(s.n_ops, 3);
    assert_int_equal(s.ops[0].function, 3);
    assert_int_equal(s.dirs[0], NET_DIR_TO_SERVER);
    assert_int_equal(s.ops[1].function, 6);
    assert_true(s.ops[1].is_write);
    assert_true(s.ops[2].is_response);
    assert_true(s.ops[2].paired);
    assert_int_equal(s.n_flows_ended, 1);
    net_engine_stats st;
    net_engine_get_stats(e, &st);
    assert_int_equal(st.app_flows[proto_index("modbus")], 1);
    assert_int_equal(st.tcp->out_of_order, 1);
    assert_int_equal(st.tcp->retransmissions, 1);
    assert_int_equal(st.tcp->chunks_in_use, 0);
    net_engine_destroy(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_requests_ranges_and_classes, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_responses_pair_and_exceptions, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_device_identification, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_and_packed_pdus, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bad_header_resyncs_at_next_delivery, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
        cmocka_unit_test(test_engine_end_to_end_with_reordering),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
