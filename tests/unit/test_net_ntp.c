/* test_net_ntp.c - the NTP parser on hand-made datagrams: client and
 * server modes with stratum and reference id (text for stratum 1, an
 * address above), a mode 6 control read, a mode 7 monlist request,
 * malformed lengths flagged, the probe against lookalikes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_harness.h"

static int setup(void **state) { return harness_setup(state, "ntp"); }

static void send_hex(harness_fixture *f, net_dir dir, const char *h)
{
    uint8_t b[512];
    size_t n = harness_hex(b, sizeof b, h);
    assert_int_equal(f->pp->probe(b, n, dir), PROTO_PROBE_YES);
    harness_feed(f, dir, b, n);
}

static void test_client_server(void **state)
{
    harness_fixture *f = *state;
    /* v4 client: stratum 0, poll 6, precision -23, all timestamps zero but transmit */
    send_hex(f, NET_DIR_TO_SERVER, "230006e9 00000000 00000000 00000000 0000000000000000 0000000000000000"
                                   "0000000000000000 e93c5f0012345678");
    /* v4 server, stratum 1, reference "GPS" */
    send_hex(f, NET_DIR_TO_CLIENT, "240106ec 00000000 00000010 47505300 e93c5ef000000000 e93c5f0012345678"
                                   "e93c5f0012400000 e93c5f0012500000");
    /* v3 server, stratum 3, reference id 10.23.0.20 */
    send_hex(f, NET_DIR_TO_CLIENT, "1c0306ec 00000000 00000010 0a170014 e93c5ef000000000 e93c5f0012345678"
                                   "e93c5f0012400000 e93c5f0012500000");
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[0], "client");
    assert_string_equal(harness_meta_get(&f->seen, 0, "ntp.version", 0), "4");
    assert_null(harness_meta_get(&f->seen, 0, "ntp.stratum", 0));
    assert_string_equal(f->seen.event[1], "server");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ntp.stratum", 0), "1");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ntp.refid", 0), "GPS");
    assert_string_equal(harness_meta_get(&f->seen, 2, "ntp.version", 0), "3");
    assert_string_equal(harness_meta_get(&f->seen, 2, "ntp.refid", 0), "10.23.0.20");
    assert_null(harness_meta_get(&f->seen, 2, "ntp.malformed", 0));
}

static void test_control_and_monlist(void **state)
{
    harness_fixture *f = *state;
    /* ntpq readvar (mode 6, opcode 2), association 0, no data */
    send_hex(f, NET_DIR_TO_SERVER, "16020001 00000000 00000000");
    /* ntpdc monlist: mode 7, version 2, implementation 3 (xntpd), request 42 */
    send_hex(f, NET_DIR_TO_SERVER, "1700032a 00000000" "00000000000000000000000000000000000000000000000000000000000000000000000000000000");
    /* the reply to monlist: response bit, 6 items */
    send_hex(f, NET_DIR_TO_CLIENT, "9700032a 00060048" "00000000000000000000000000000000000000000000000000000000000000000000000000000000");
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[0], "control");
    assert_string_equal(harness_meta_get(&f->seen, 0, "ntp.control", 0), "readvar");
    assert_string_equal(harness_meta_get(&f->seen, 0, "ntp.direction", 0), "request");
    assert_string_equal(f->seen.event[1], "private");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ntp.control", 0), "monlist");
    assert_string_equal(harness_meta_get(&f->seen, 2, "ntp.direction", 0), "response");
}

static void test_malformed_and_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[64];
    /* a 10-byte datagram claiming mode 4: parsed, flagged, no stratum */
    size_t n = harness_hex(b, sizeof b, "2401060000000000 0000");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(harness_meta_get(&f->seen, 0, "ntp.malformed", 0), "true");
    assert_null(harness_meta_get(&f->seen, 0, "ntp.stratum", 0));
    /* a control message whose count runs past the datagram */
    n = harness_hex(b, sizeof b, "16020001 00000000 0000 0040");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    harness_to_server(f, b, n);
    assert_string_equal(harness_meta_get(&f->seen, 1, "ntp.malformed", 0), "true");
    /* 48 bytes that are not NTP: version 0, then stratum 200, then a bad poll */
    memset(b, 0, 48);
    assert_int_equal(f->pp->probe(b, 48, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    b[0] = 0x23; b[1] = 200;
    assert_int_equal(f->pp->probe(b, 48, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    b[1] = 2; b[2] = 0x80;
    assert_int_equal(f->pp->probe(b, 48, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    b[2] = 10;
    assert_int_equal(f->pp->probe(b, 48, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 47, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe(b, 0, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_client_server, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_control_and_monlist, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_and_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
