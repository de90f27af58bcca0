/* test_net_netbios.c - the NetBIOS name service (nbns) and datagram
 * service (nbdgm) parsers on hand-made datagrams: a registration naming
 * its host, a query, a node status reply listing names and the unit id,
 * a browser datagram; truncated names; the probes against plain DNS. */
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

/* Broadcast registration of WS-HQ-001<00> (unique) at 10.10.2.21, the
 * record's name a pointer to the question's. */
static const char REGISTRATION[] =
    "0001 2910 0001 0000 0000 0001"
    "20 46484644434e45494642434e44414441444243414341434143414341434141 41 00 0020 0001"
    "c00c 0020 0001 000493e0 0006 0000 0a0a0215";
/* Broadcast query for FS-01<20> */
static const char QUERY[] =
    "0002 0110 0001 0000 0000 0000"
    "20 45474644434e44414442434143414341434143414341434143414341434143 41 00 0020 0001";
/* Node status reply from FS-01: FS-01<00> unique, AURORA<00> group, unit id 00:1b:1b:01:02:03 */
static const char NODE_STATUS[] =
    "0003 8400 0000 0001 0000 0000"
    "20 434b41414141414141414141414141414141414141414141414141414141 4141 00 0021 0001 00000000 002b"
    "02 46532d303120202020202020202020 00 0400 4155524f524120202020202020202000 8400 001b1b010203";
/* Browser datagram (direct group) from WS-HQ-001<00> to AURORA<1d> */
static const char DATAGRAM[] =
    "11 02 0007 0a0a0215 008a 0064 0000"
    "20 46484644434e45494642434e44414441444243414341434143414341434141 41 00"
    "20 454246464643455046434542434143414341434143414341434143414341 424e 00"
    "ff534d4225000000000000000000000000000000000000000000";

static int setup_nbns(void **state) { return harness_setup(state, "nbns"); }
static int setup_nbdgm(void **state) { return harness_setup(state, "nbdgm"); }

static size_t send_hex(harness_fixture *f, net_dir dir, const char *h)
{
    uint8_t b[512];
    size_t n = harness_hex(b, sizeof b, h);
    assert_int_equal(f->pp->probe(b, n, dir), PROTO_PROBE_YES);
    harness_feed(f, dir, b, n);
    return n;
}

static void test_registration_and_query(void **state)
{
    harness_fixture *f = *state;
    send_hex(f, NET_DIR_TO_SERVER, REGISTRATION);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "registration");
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 0), "WS-HQ-001<00>");
    assert_null(harness_meta_get(&f->seen, 0, "netbios.name", 1));       /* the record repeats it */
    assert_string_equal(harness_meta_get(&f->seen, 0, "nbns.addr", 0), "10.10.2.21");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.id.name, "WS-HQ-001");
    assert_int_equal(f->seen.id_dir, NET_DIR_TO_SERVER);
    send_hex(f, NET_DIR_TO_SERVER, QUERY);
    assert_string_equal(f->seen.event[1], "query");
    assert_string_equal(harness_meta_get(&f->seen, 1, "netbios.name", 0), "FS-01<20>");
    assert_int_equal(f->seen.n_ids, 1);                                    /* a query names nobody */
}

static void test_node_status(void **state)
{
    harness_fixture *f = *state;
    send_hex(f, NET_DIR_TO_CLIENT, NODE_STATUS);
    assert_string_equal(f->seen.event[0], "node_status_response");
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 0), "*<00>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 1), "FS-01<00>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 2), "AURORA<00>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "nbns.unit_id", 0), "00:1b:1b:01:02:03");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.id.name, "FS-01");                         /* the unique <00>, not the group */
}

static void test_nbns_malformed_and_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    size_t n = harness_hex(b, sizeof b, REGISTRATION);
    /* cut inside the record: the question's name is kept, the cut flagged */
    harness_to_server(f, b, n - 8);
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 0), "WS-HQ-001<00>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "nbns.malformed", 0), "true");
    assert_int_equal(f->seen.n_ids, 0);
    /* a letter outside 'A'..'P' in the encoded name */
    b[20] = 'Z';
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    harness_to_server(f, b, n);
    assert_string_equal(harness_meta_get(&f->seen, 1, "nbns.malformed", 0), "true");
    /* a DNS query for www.example.com is not NetBIOS */
    n = harness_hex(b, sizeof b, "1234 0100 0001 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe(b, 5, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_datagram(void **state)
{
    harness_fixture *f = *state;
    size_t n = send_hex(f, NET_DIR_TO_SERVER, DATAGRAM);
    assert_string_equal(f->seen.event[0], "direct_group");
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 0), "WS-HQ-001<00>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "nbdgm.destination", 0), "AURORA<1d>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "nbdgm.source_ip", 0), "10.10.2.21");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.id.name, "WS-HQ-001");
    uint8_t b[512];
    harness_hex(b, sizeof b, DATAGRAM);
    harness_to_server(f, b, 40);                    /* cut in the source name */
    assert_string_equal(harness_meta_get(&f->seen, 1, "nbdgm.malformed", 0), "true");
    assert_int_equal(f->seen.n_ids, 1);
    b[0] = 0x20;                                    /* no such message type */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    harness_to_server(f, b, n);
    assert_string_equal(f->seen.event[2], "unknown");
    assert_int_equal(f->pp->probe(b, 3, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_registration_and_query, setup_nbns, harness_teardown),
        cmocka_unit_test_setup_teardown(test_node_status, setup_nbns, harness_teardown),
        cmocka_unit_test_setup_teardown(test_nbns_malformed_and_probe, setup_nbns, harness_teardown),
        cmocka_unit_test_setup_teardown(test_datagram, setup_nbdgm, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
