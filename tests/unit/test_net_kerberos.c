/* test_net_kerberos.c - the Kerberos parser on hand-made DER messages
 * (RFC 4120; tshark 4 decodes each to the same cname, realm, msg-type and
 * error code): AS-REQ cname and realm as user.name and krb.realm, the
 * AS-REP's client, a TGS-REQ's service without a user, a KRB-ERROR's code,
 * a TCP record split anywhere, damaged lengths flagged, the probe. */
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

/* AS-REQ from rleaver@AURORA.LOCAL for krbtgt/AURORA.LOCAL, PA-PAC-REQUEST, etypes 18 17 23. */
static const char as_req[] = "6a81a230819fa103020105a20302010aa31530133011a10402020080a20904073005a0030101ffa47c307aa00703050040810010a1143012a003020101a10b30091b07726c6561766572a20e1b0c4155524f52412e4c4f43414ca321301fa003020102a11830161b066b72627467741b0c4155524f52412e4c4f43414ca511180f32303337303931333032343830355aa70602041234abcda80b3009020112020111020117";
/* AS-REP to rleaver (crealm AURORA.LOCAL), ticket and enc-part opaque. */
static const char as_rep[] = "6b81db3081d8a003020105a10302010ba30e1b0c4155524f52412e4c4f43414ca4143012a003020101a10b30091b07726c6561766572a571616f306da003020105a10e1b0c4155524f52412e4c4f43414ca221301fa003020102a11830161b066b72627467741b0c4155524f52412e4c4f43414ca3333031a003020112a22a042811111111111111111111111111111111111111111111111111111111111111111111111111111111a6333031a003020112a22a042822222222222222222222222222222222222222222222222222222222222222222222222222222222";
/* KRB-ERROR 24 (KDC_ERR_PREAUTH_FAILED) for rleaver. */
static const char krb_error[] = "7e8183308180a003020105a10302011ea411180f32303236303330323130313030305aa503020100a603020118a70e1b0c4155524f52412e4c4f43414ca8143012a003020101a10b30091b07726c6561766572a90e1b0c4155524f52412e4c4f43414caa21301fa003020102a11830161b066b72627467741b0c4155524f52412e4c4f43414c";
/* TGS-REQ for krbtgt/AURORA.LOCAL: no cname in the body (the client is in the ticket). */
static const char tgs_req[] = "6c818c308189a103020105a20302010ca31530133011a10402020080a20904073005a0030101ffa4663064a00703050040810010a20e1b0c4155524f52412e4c4f43414ca321301fa003020102a11830161b066b72627467741b0c4155524f52412e4c4f43414ca511180f32303337303931333032343830355aa70602041234abcda80b3009020112020111020117";

static int setup_udp(void **state) { return harness_setup(state, "kerberos"); }
static int setup_tcp(void **state) { return harness_setup(state, "kerberos-tcp"); }

static size_t bytes(uint8_t *b, size_t cap, const char *hex) { return harness_hex(b, cap, hex); }

static void test_udp_messages(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    const char *const msgs[] = { as_req, as_rep, krb_error, tgs_req };
    const net_dir dirs[] = { NET_DIR_TO_SERVER, NET_DIR_TO_CLIENT, NET_DIR_TO_CLIENT, NET_DIR_TO_SERVER };
    for (size_t i = 0; i < 4; i++) {
        size_t n = bytes(b, sizeof b, msgs[i]);
        assert_int_equal(f->pp->probe(b, n, dirs[i]), PROTO_PROBE_YES);
        harness_feed(f, dirs[i], b, n);
    }
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(f->seen.event[0], "as_request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "rleaver");
    assert_string_equal(harness_meta_get(&f->seen, 0, "krb.realm", 0), "AURORA.LOCAL");
    assert_string_equal(harness_meta_get(&f->seen, 0, "krb.service", 0), "krbtgt/AURORA.LOCAL");
    assert_null(harness_meta_get(&f->seen, 0, "krb.malformed", 0));
    assert_string_equal(f->seen.event[1], "as_reply");
    assert_string_equal(harness_meta_get(&f->seen, 1, "user.name", 0), "rleaver");
    assert_string_equal(f->seen.event[2], "error");
    assert_string_equal(harness_meta_get(&f->seen, 2, "krb.error_code", 0), "24");
    assert_string_equal(harness_meta_get(&f->seen, 2, "krb.error", 0), "KDC_ERR_PREAUTH_FAILED");
    assert_null(harness_meta_get(&f->seen, 2, "user.name", 0));          /* a failed login is no login */
    assert_string_equal(harness_meta_get(&f->seen, 2, "krb.cname", 0), "rleaver");
    assert_string_equal(f->seen.event[3], "tgs_request");
    assert_null(harness_meta_get(&f->seen, 3, "user.name", 0));
    assert_string_equal(harness_meta_get(&f->seen, 3, "krb.service", 0), "krbtgt/AURORA.LOCAL");
}

/* The AS-REQ as a TCP record (4-byte length), delivered one byte at a time,
 * then again in two pieces. */
static void test_tcp_record_split(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[600];
    size_t n = bytes(b + 4, sizeof b - 4, as_req);
    b[0] = 0; b[1] = 0; b[2] = (uint8_t)(n >> 8); b[3] = (uint8_t)n;
    assert_int_equal(f->pp->probe(b, 3, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(b, n + 4, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    for (size_t i = 0; i < n + 4; i++) harness_feed(f, NET_DIR_TO_SERVER, b + i, 1);
    harness_feed(f, NET_DIR_TO_SERVER, b, 17);
    harness_feed(f, NET_DIR_TO_SERVER, b + 17, n + 4 - 17);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "rleaver");
    assert_string_equal(harness_meta_get(&f->seen, 1, "user.name", 0), "rleaver");
}

/* Every truncation and a lying inner length: flagged, never a user. */
static void test_damaged(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    size_t n = bytes(b, sizeof b, as_req);
    for (size_t cut = 0; cut < n; cut++) harness_feed(f, NET_DIR_TO_SERVER, b, cut);
    assert_int_equal(f->seen.n_metas, (int)n);
    for (int i = 0; i < f->seen.n_metas && i < HARNESS_MAX_METAS; i++) {
        assert_null(harness_meta_get(&f->seen, i, "user.name", 0));
        assert_string_equal(harness_meta_get(&f->seen, i, "krb.malformed", 0), "true");
    }
    b[3] = 0xff;                                      /* the SEQUENCE's length byte now points far past the end */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_probe_lookalikes(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    /* DNS query, an SNMP get (a BER SEQUENCE, not an application tag), and an AS-REQ with pvno 4 */
    size_t n = bytes(b, sizeof b, "123401000001000000000000076578616d706c6503636f6d0000010001");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = bytes(b, sizeof b, "302602010104067075626c6963a01902040a0b0c0d020100020100300b300906052b060102010500");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = bytes(b, sizeof b, as_req);
    b[10] = 4;
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_udp_messages, setup_udp, harness_teardown),
        cmocka_unit_test_setup_teardown(test_tcp_record_split, setup_tcp, harness_teardown),
        cmocka_unit_test_setup_teardown(test_damaged, setup_udp, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe_lookalikes, setup_udp, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
