/* test_net_snmp.c - the SNMP parser on hand-made BER: a v2c get of the
 * system group and its response (sysDescr, sysName, sysObjectID giving the
 * agent's identity), a v1 set request flagged, the community as a cleartext
 * credential, a v3 USM user, truncated and bogus BER, the probe. */
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

/* v2c GetRequest, community "public", request id 1234: sysDescr.0, sysName.0, sysObjectID.0 */
static const char GET[] =
    "3043 020101 04067075626c6963 a036 020204d2 020100 020100 302a"
    "300c 06082b06010201010100 0500 300c 06082b06010201010500 0500 300c 06082b06010201010200 0500";
/* its Response: "Cisco IOS Software, Catalyst L3 Switch", "core-sw-01", 1.3.6.1.4.1.9.1.2494 */
static const char RESPONSE[] =
    "307c 020101 04067075626c6963 a26f 020204d2 020100 020100 3063"
    "3032 06082b06010201010100 0426436973636f20494f5320536f6674776172652c20436174616c797374204c3320537769746368"
    "3016 06082b06010201010500 040a636f72652d73772d3031"
    "3015 06082b06010201010200 06092b060104010901933e";
/* v1 SetRequest, community "private": sysLocation.0 = "quay" */
static const char SET[] =
    "302c 020100 040770726976617465 a31e 020204d2 020100 020100 3012 3010 06082b06010201010600 040471756179";
/* v3 GetRequest, noAuthNoPriv, USM user "nmsuser" */
static const char V3[] =
    "3044 020103 300e 020107 020300ffe3 040104 020103 041c 301a 040580001f8804 020101 020164 04076e6d7375736572"
    "0400 0400 3011 0400 0400 a00b 020101 020100 020100 3000";

static int setup(void **state) { return harness_setup(state, "snmp"); }

static size_t send_hex(harness_fixture *f, net_dir dir, const char *h)
{
    uint8_t b[512];
    size_t n = harness_hex(b, sizeof b, h);
    assert_int_equal(f->pp->probe(b, n, dir), PROTO_PROBE_YES);
    harness_feed(f, dir, b, n);
    return n;
}

static void test_get_and_response(void **state)
{
    harness_fixture *f = *state;
    send_hex(f, NET_DIR_TO_SERVER, GET);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "get_request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.version", 0), "2c");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.community", 0), "public");
    assert_true(f->seen.clear[0]);
    assert_string_equal(f->seen.default_id[0], "snmp-public");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.oid", 0), "1.3.6.1.2.1.1.1.0");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.oid", 2), "1.3.6.1.2.1.1.2.0");
    assert_int_equal(f->seen.n_ids, 0);             /* a request names no device */
    send_hex(f, NET_DIR_TO_CLIENT, RESPONSE);
    assert_string_equal(f->seen.event[1], "response");
    assert_string_equal(harness_meta_get(&f->seen, 1, "snmp.sys_name", 0), "core-sw-01");
    assert_string_equal(harness_meta_get(&f->seen, 1, "snmp.sys_descr", 0), "Cisco IOS Software, Catalyst L3 Switch");
    assert_int_equal(f->seen.n_ids, 1);
    assert_int_equal(f->seen.id_dir, NET_DIR_TO_CLIENT);
    assert_string_equal(f->seen.id.product, "Cisco IOS Software, Catalyst L3 Switch");
    assert_string_equal(f->seen.id.name, "core-sw-01");
    assert_string_equal(f->seen.id.vendor, "Cisco");
    assert_string_equal(f->seen.id.device_type, "1.3.6.1.4.1.9.1.2494");
}

static void test_set_and_v3(void **state)
{
    harness_fixture *f = *state;
    send_hex(f, NET_DIR_TO_SERVER, SET);
    assert_string_equal(f->seen.event[0], "set_request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.version", 0), "1");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.community", 0), "private");
    assert_string_equal(f->seen.default_id[0], "snmp-private");
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.oid", 0), "1.3.6.1.2.1.1.6.0");
    send_hex(f, NET_DIR_TO_SERVER, V3);
    assert_string_equal(f->seen.event[1], "get_request");
    assert_string_equal(harness_meta_get(&f->seen, 1, "snmp.version", 0), "3");
    assert_string_equal(harness_meta_get(&f->seen, 1, "user.name", 0), "nmsuser");
    assert_string_equal(harness_meta_get(&f->seen, 1, "snmp.security_level", 0), "noAuthNoPriv");
    assert_null(harness_meta_get(&f->seen, 1, "snmp.community", 0));
    assert_false(f->seen.clear[1]);
    assert_null(f->seen.default_id[1]);              /* v3 carries no community */
}

static void test_truncated(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    size_t n = harness_hex(b, sizeof b, RESPONSE);
    /* every prefix: the probe refuses it (the outer length no longer fits)
     * and the parser flags it without reading past the end */
    for (size_t k = 0; k < n; k++) {
        uint8_t *cut = malloc(k ? k : 1);
        memcpy(cut, b, k);
        assert_int_equal(f->pp->probe(cut, k, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
        harness_to_client(f, cut, k);
        free(cut);
    }
    assert_int_equal((size_t)f->seen.n_metas, n);
    for (int i = 0; i < HARNESS_MAX_METAS; i++) assert_string_equal(harness_meta_get(&f->seen, i, "snmp.malformed", 0), "true");
    assert_int_equal(f->seen.n_ids, 0);
}

static void test_bogus_ber_and_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    /* a varbind list that lies about its length inside a whole message */
    size_t n = harness_hex(b, sizeof b, "3019 020101 0403616263 a20f 020101 020100 020100 3004 3010 0600");
    harness_to_client(f, b, n);
    assert_string_equal(harness_meta_get(&f->seen, 0, "snmp.malformed", 0), "true");
    /* long-form lengths, a version 2 (never used), a non-PDU tag, an OID arc too long */
    n = harness_hex(b, sizeof b, "30 81 0c 020101 0401 61 a0 04 020101 00");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    n = harness_hex(b, sizeof b, "300a 020102 040161 a0020000");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = harness_hex(b, sizeof b, "300a 020101 040161 b0020000");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = harness_hex(b, sizeof b, "3018 020101 040161 a011 020101 020100 020100 3006 3004 0602 ffff");
    harness_to_server(f, b, n);
    assert_string_equal(harness_meta_get(&f->seen, 1, "snmp.malformed", 0), "true");
    assert_int_equal(f->pp->probe((const uint8_t *)"GET / HTTP/1.1", 14, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_get_and_response, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_set_and_v3, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_truncated, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bogus_ber_and_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
