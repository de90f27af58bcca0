/* test_net_vnc.c - the RFB handshake parser on hand-made exchanges: 3.8
 * with VNC authentication, 3.8 with None (flagged), 3.3 where the server
 * chooses, a 3.3 client on a 3.8 server, failures with reasons, the
 * server's bytes arriving before the client's choice, byte-by-byte
 * delivery, hostile lengths, gaps, the probe. */
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

static int setup(void **state) { return harness_setup(state, "vnc"); }
static void cs(harness_fixture *f, const void *s, size_t n) { harness_to_server(f, s, n); }
static void sc(harness_fixture *f, const void *s, size_t n) { harness_to_client(f, s, n); }

/* ServerInit: width, height, a 32-bit pixel format, then the name. */
static size_t server_init(uint8_t *b, uint16_t w, uint16_t h, const char *name)
{
    uint8_t pf[16] = { 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0 };
    size_t n = strlen(name);
    b[0] = (uint8_t)(w >> 8); b[1] = (uint8_t)w; b[2] = (uint8_t)(h >> 8); b[3] = (uint8_t)h;
    memcpy(b + 4, pf, 16);
    b[20] = 0; b[21] = 0; b[22] = (uint8_t)(n >> 8); b[23] = (uint8_t)n;
    memcpy(b + 24, name, n);
    return 24 + n;
}

static void test_38_vnc_auth(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[256], zero16[16] = { 0 };
    sc(f, "RFB 003.008\n", 12);
    cs(f, "RFB 003.008\n", 12);
    sc(f, "\x02\x02\x10", 3);                           /* two types: VNC Authentication, Tight */
    cs(f, "\x02", 1);
    sc(f, zero16, 16);                                  /* the challenge */
    cs(f, zero16, 16);                                  /* the response */
    sc(f, "\0\0\0\0", 4);
    cs(f, "\x01", 1);                                   /* ClientInit: shared */
    size_t n = server_init(b, 1280, 1024, "PanelView Plus 7 - STS02");
    sc(f, b, n);
    sc(f, "\x00\x00\x00\x01", 4);                       /* the session: not read */
    assert_int_equal(f->seen.n_metas, 6);
    assert_string_equal(harness_meta_get(&f->seen, 0, "vnc.server_version", 0), "003.008");
    assert_string_equal(harness_meta_get(&f->seen, 1, "vnc.client_version", 0), "003.008");
    assert_string_equal(f->seen.event[2], "security_types");
    assert_string_equal(harness_meta_get(&f->seen, 2, "vnc.security_types", 0), "2,16");
    assert_string_equal(f->seen.event[3], "security_type");
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.security_type", 0), "VNC Authentication");
    assert_null(harness_meta_get(&f->seen, 3, "vnc.authentication", 0));
    assert_string_equal(harness_meta_get(&f->seen, 4, "vnc.auth_result", 0), "ok");
    assert_string_equal(f->seen.event[5], "server_init");
    assert_string_equal(harness_meta_get(&f->seen, 5, "vnc.desktop_name", 0), "PanelView Plus 7 - STS02");
    assert_string_equal(harness_meta_get(&f->seen, 5, "vnc.screen", 0), "1280x1024");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.name, "PanelView Plus 7 - STS02");
    for (int i = 0; i < f->seen.n_metas; i++) assert_false(f->seen.clear[i]);
}

static void test_38_none_server_first_bytewise(void **state)
{
    harness_fixture *f = *state;
    uint8_t s[256];
    size_t n = 0;
    memcpy(s, "RFB 003.008\n\x01\x01\0\0\0\0", 18);
    n = 18;
    n += server_init(s + n, 800, 600, "hmi-01");
    /* the server's result comes before the client's choice (capture order
     * across directions is not the protocol's): held, then released */
    sc(f, s, 12);
    cs(f, "RFB 003.008\n", 12);
    for (size_t i = 12; i < 18; i++) sc(f, s + i, 1);
    assert_int_equal(f->seen.n_metas, 3);
    cs(f, "\x01\x01", 2);
    assert_int_equal(f->seen.n_metas, 5);
    for (size_t i = 18; i < n; i++) sc(f, s + i, 1);
    assert_int_equal(f->seen.n_metas, 6);
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.security_type", 0), "None");
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.authentication", 0), "none");
    assert_string_equal(harness_meta_get(&f->seen, 4, "vnc.auth_result", 0), "ok");
    assert_string_equal(harness_meta_get(&f->seen, 5, "vnc.desktop_name", 0), "hmi-01");
}

static void test_33(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    sc(f, "RFB 003.003\n", 12);
    cs(f, "RFB 003.003\n", 12);
    sc(f, "\0\0\0\x01", 4);                             /* the server chooses None */
    cs(f, "\x00", 1);
    size_t n = server_init(b, 640, 480, "x11vnc");
    sc(f, b, n);
    assert_int_equal(f->seen.n_metas, 4);               /* no result message with None in 3.3 */
    assert_string_equal(harness_meta_get(&f->seen, 2, "vnc.security_type", 0), "None");
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.desktop_name", 0), "x11vnc");
}

static void test_33_client_on_38_server_and_failure(void **state)
{
    harness_fixture *f = *state;
    uint8_t z[16] = { 0 };
    sc(f, "RFB 003.008\n", 12);
    cs(f, "RFB 003.003\n", 12);
    sc(f, "\0\0\0\x02", 4);                             /* 3.3 form: VNC Authentication */
    sc(f, z, 16);
    cs(f, z, 16);
    sc(f, "\0\0\0\x01", 4);                             /* failed; 3.3 sends no reason */
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(harness_meta_get(&f->seen, 2, "vnc.security_type", 0), "VNC Authentication");
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.auth_result", 0), "failed");
    assert_int_equal(f->seen.n_ids, 0);
}

/* 3.3 with the security type and the challenge in one segment, as RFC 6143
 * frames them back to back (tshark 4.0 misreads this; see net_tshark_remote.sh). */
static void test_33_packed(void **state)
{
    harness_fixture *f = *state;
    uint8_t s[12 + 4 + 16], z[16] = { 0 };
    memcpy(s, "RFB 003.003\n\0\0\0\x02", 16);
    memset(s + 16, 0x42, 16);
    sc(f, s, 12);
    cs(f, "RFB 003.003\n", 12);
    sc(f, s + 12, 20);
    cs(f, z, 16);
    sc(f, "\0\0\0\0", 4);
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(harness_meta_get(&f->seen, 2, "vnc.security_type", 0), "VNC Authentication");
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.auth_result", 0), "ok");
}

static void test_refusal(void **state)
{
    harness_fixture *f = *state;
    /* 3.8: no types offered, a reason instead */
    sc(f, "RFB 003.008\n\0\0\0\0\x0bToo many us", 27);
    sc(f, "ers", 3);
    assert_int_equal(f->seen.n_metas, 1);
}

static void test_hostile_name_length(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[64];
    sc(f, "RFB 003.008\n", 12);
    cs(f, "RFB 003.008\n\x01\x01", 14);
    sc(f, "\x01\x01\0\0\0\0", 6);
    size_t n = server_init(b, 1, 1, "");
    b[20] = 0xff; b[21] = 0xff; b[22] = 0xff; b[23] = 0xff;
    sc(f, b, n);
    sc(f, "AAAA", 4);
    assert_int_equal(f->seen.n_metas, 5);               /* versions, types, choice, result; no init */
}

static void test_long_name(void **state)
{
    harness_fixture *f = *state;
    static uint8_t b[600];
    char name[500];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    sc(f, "RFB 003.007\n", 12);
    cs(f, "RFB 003.007\n", 12);
    sc(f, "\x01\x01", 2);
    cs(f, "\x01\x00", 2);
    size_t n = server_init(b, 1, 1, name);
    sc(f, b, n);
    assert_int_equal(f->seen.n_metas, 5);               /* 3.7 sends no result for None */
    assert_int_equal(strlen(harness_meta_get(&f->seen, 4, "vnc.desktop_name", 0)), 96);
}

static void test_vencrypt(void **state)
{
    harness_fixture *f = *state;
    sc(f, "RFB 003.008\n\x02\x13\x02", 15);
    cs(f, "RFB 003.008\n\x13", 13);
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(harness_meta_get(&f->seen, 3, "vnc.security_type", 0), "VeNCrypt");
    sc(f, "\x00\x02\x00\0\0\0\0", 7);                   /* VeNCrypt's own version exchange: not read */
    assert_int_equal(f->seen.n_metas, 4);
}

static void test_gap(void **state)
{
    harness_fixture *f = *state;
    sc(f, "RFB 003.0", 9);
    harness_gap(f, NET_DIR_TO_CLIENT, 3);
    sc(f, "\x01\x01\0\0\0\0", 6);
    cs(f, "RFB 003.008\n", 12);
    assert_int_equal(f->seen.n_metas, 1);               /* the client's version still read */
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const proto_parser *p = f->pp;
    assert_int_equal(p->probe((const uint8_t *)"RFB 003.008\n", 12, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(p->probe((const uint8_t *)"RFB 003.889\n", 12, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(p->probe((const uint8_t *)"RFB 0", 5, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(p->probe((const uint8_t *)"RF", 2, NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    assert_int_equal(p->probe((const uint8_t *)"RFB 004.000\n", 12, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(p->probe((const uint8_t *)"RFB 003.008 ", 12, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(p->probe((const uint8_t *)"SSH-2.0-", 8, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_38_vnc_auth, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_38_none_server_first_bytewise, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_33, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_33_client_on_38_server_and_failure, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_33_packed, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_refusal, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_hostile_name_length, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_long_name, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_vencrypt, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_gap, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
