/* test_net_rdp.c - the RDP connection parser on hand-made X.224 PDUs:
 * cookie user and requested protocols, the confirm's choice (HYBRID, and
 * standard RDP security flagged), negotiation failure, a legacy confirm
 * without negotiation, split delivery, bad TPKT and X.224 headers, gaps,
 * the probe against S7comm's COTP. */
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

static int setup(void **state) { return harness_setup(state, "rdp"); }

/* TPKT + X.224 CR, optional cookie, optional RDP_NEG_REQ (MS-RDPBCGR 2.2.1.1). */
static size_t request(uint8_t *b, const char *cookie, bool neg, uint32_t protocols)
{
    size_t n = 4;
    b[n++] = 0;                                      /* LI, set below */
    b[n++] = 0xe0;
    b[n++] = 0; b[n++] = 0; b[n++] = 0; b[n++] = 0; b[n++] = 0;
    if (cookie) { memcpy(b + n, cookie, strlen(cookie)); n += strlen(cookie); }
    if (neg) {
        b[n++] = 1; b[n++] = 0; b[n++] = 8; b[n++] = 0;
        b[n++] = (uint8_t)protocols; b[n++] = (uint8_t)(protocols >> 8); b[n++] = (uint8_t)(protocols >> 16); b[n++] = (uint8_t)(protocols >> 24);
    }
    b[0] = 3; b[1] = 0; b[2] = (uint8_t)(n >> 8); b[3] = (uint8_t)n;
    b[4] = (uint8_t)(n - 5);
    return n;
}

static size_t confirm(uint8_t *b, uint8_t type, uint32_t value)
{
    const uint8_t h[] = { 3, 0, 0, 19, 14, 0xd0, 0, 0, 0x12, 0x34, 0, type, 0x1f, 8, 0,
                          (uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16), (uint8_t)(value >> 24) };
    memcpy(b, h, sizeof h);
    return sizeof h;
}

static void test_nla(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    size_t n = request(b, "Cookie: mstshash=AURORA\\jsilva\r\n", true, 0x0b);
    harness_to_server(f, b, 7);                      /* split inside the X.224 header */
    harness_to_server(f, b + 7, n - 7);
    harness_to_server(f, (const uint8_t *)"\x16\x03\x01\x02\x00\x01", 6);   /* TLS follows: not read */
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "connection_request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "AURORA\\jsilva");
    assert_string_equal(harness_meta_get(&f->seen, 0, "rdp.requested_protocols", 0), "SSL,HYBRID,HYBRID_EX");
    n = confirm(b, 2, 2);
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(f->seen.event[1], "connection_confirm");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rdp.selected_protocol", 0), "HYBRID");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rdp.security", 0), "enhanced");
    assert_false(f->seen.clear[0]);
}

static void test_standard_security(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    size_t n = request(b, "Cookie: mstshash=operator\r\n", true, 0);
    for (size_t i = 0; i < n; i++) harness_to_server(f, b + i, 1);
    n = confirm(b, 2, 0);
    for (size_t i = 0; i < n; i++) harness_to_client(f, b + i, 1);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(harness_meta_get(&f->seen, 0, "rdp.requested_protocols", 0), "RDP");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rdp.selected_protocol", 0), "RDP");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rdp.security", 0), "standard");
}

static void test_legacy_and_failure(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    /* a request with a cookie and no negotiation; a bare confirm */
    size_t n = request(b, "Cookie: mstshash=eng\r\n", false, 0);
    harness_to_server(f, b, n);
    const uint8_t bare[] = { 3, 0, 0, 11, 6, 0xd0, 0, 0, 0x12, 0x34, 0 };
    harness_to_client(f, bare, sizeof bare);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "eng");
    assert_string_equal(harness_meta_get(&f->seen, 0, "rdp.requested_protocols", 0), "RDP");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rdp.security", 0), "standard");
}

static void test_failure_and_unknown_bits(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    size_t n = request(b, NULL, true, 0x31);
    harness_to_server(f, b, n);
    n = confirm(b, 3, 5);
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_metas, 2);
    assert_null(harness_meta_get(&f->seen, 0, "user.name", 0));
    assert_string_equal(harness_meta_get(&f->seen, 0, "rdp.requested_protocols", 0), "SSL,RDSAAD,0x20");
    assert_string_equal(f->seen.event[1], "negotiation_failure");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rdp.failure_code", 0), "HYBRID_REQUIRED_BY_SERVER");
}

static void test_bad_headers(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    /* LI disagreeing with the TPKT length; a TPKT too short; version 2 */
    size_t n = request(b, "Cookie: mstshash=x\r\n", true, 1);
    b[4]++;
    harness_to_server(f, b, n);
    const uint8_t shortp[] = { 3, 0, 0, 5, 0 };
    harness_to_client(f, shortp, sizeof shortp);
    assert_int_equal(f->seen.n_metas, 0);
}

static void test_wrong_version(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[32];
    size_t n = confirm(b, 2, 2);
    b[0] = 2;
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_metas, 0);
}

static void test_long_cookie_and_gap(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[400];
    char cookie[200];
    memset(cookie, 'u', sizeof cookie);
    memcpy(cookie, "Cookie: mstshash=", 17);
    memcpy(cookie + 197, "\r\n", 3);
    size_t n = request(b, cookie, true, 3);
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_metas, 1);
    assert_null(harness_meta_get(&f->seen, 0, "user.name", 0));
    assert_string_equal(harness_meta_get(&f->seen, 0, "rdp.requested_protocols", 0), "SSL,HYBRID");
    /* a gap in the confirm loses it */
    n = confirm(b, 2, 1);
    harness_to_client(f, b, 10);
    harness_gap(f, NET_DIR_TO_CLIENT, 4);
    harness_to_client(f, b + 10, n - 10);
    assert_int_equal(f->seen.n_metas, 1);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const proto_parser *p = f->pp;
    uint8_t b[128];
    size_t n = request(b, "Cookie: mstshash=a\r\n", true, 3);
    assert_int_equal(p->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(p->probe(b, 14, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(p->probe(b, 5, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(p->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    n = request(b, NULL, true, 3);
    assert_int_equal(p->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    n = confirm(b, 2, 2);
    assert_int_equal(p->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    /* S7comm's COTP connection request: TSAP parameters, not RDP */
    const uint8_t s7[] = { 3, 0, 0, 22, 17, 0xe0, 0, 0, 0, 1, 0, 0xc0, 1, 0x0a, 0xc1, 2, 1, 0, 0xc2, 2, 1, 2 };
    assert_int_equal(p->probe(s7, sizeof s7, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    const uint8_t tls[] = { 0x16, 3, 1, 0, 5 };
    assert_int_equal(p->probe(tls, sizeof tls, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nla, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_standard_security, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_legacy_and_failure, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_failure_and_unknown_bits, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bad_headers, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_wrong_version, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_long_cookie_and_gap, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
