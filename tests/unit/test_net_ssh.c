/* test_net_ssh.c - the SSH parser on hand-made handshakes: both banners
 * (server software as identity), KEXINIT preferred algorithms, NEWKEYS
 * ending the cleartext, pre-banner lines, SSH-1, byte-by-byte and packed
 * delivery, bad packet lengths, gaps, the probe. */
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

static int setup(void **state) { return harness_setup(state, "ssh"); }

typedef struct bytes { uint8_t b[2048]; size_t n; } bytes;

static void put(bytes *o, const void *p, size_t n) { memcpy(o->b + o->n, p, n); o->n += n; }
static void put32(bytes *o, uint32_t v) { uint8_t b[4] = { v >> 24, v >> 16, v >> 8, v }; put(o, b, 4); }
static void puts_(bytes *o, const char *s) { put(o, s, strlen(s)); }

/* One binary packet (RFC 4253 6) around payload, padded to 8 bytes. */
static void packet(bytes *o, const uint8_t *payload, size_t n)
{
    size_t pad = 4;
    while ((n + 5 + pad) % 8) pad++;
    put32(o, (uint32_t)(n + pad + 1));
    uint8_t p = (uint8_t)pad;
    put(o, &p, 1);
    put(o, payload, n);
    uint8_t zeros[16] = { 0 };
    put(o, zeros, pad);
}

static void kexinit(bytes *o, const char *const lists[10])
{
    bytes p = { .n = 0 };
    uint8_t code = 20, cookie[16];
    memset(cookie, 0xab, sizeof cookie);
    put(&p, &code, 1);
    put(&p, cookie, 16);
    for (int i = 0; i < 10; i++) { put32(&p, (uint32_t)strlen(lists[i])); puts_(&p, lists[i]); }
    uint8_t tail[5] = { 0 };
    put(&p, tail, 5);
    packet(o, p.b, p.n);
}

static const char *const client_lists[10] = {
    "curve25519-sha256,curve25519-sha256@libssh.org,ext-info-c", "ssh-ed25519,rsa-sha2-512",
    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com", "aes128-ctr", "umac-64-etm@openssh.com,hmac-sha2-256",
    "hmac-sha1", "none,zlib@openssh.com", "none", "", "",
};

static void test_handshake(void **state)
{
    harness_fixture *f = *state;
    bytes c = { .n = 0 }, s = { .n = 0 };
    puts_(&c, "SSH-2.0-OpenSSH_9.6\r\n");
    kexinit(&c, client_lists);
    uint8_t dh[40] = { 30 };
    packet(&c, dh, sizeof dh);
    uint8_t newkeys = 21;
    packet(&c, &newkeys, 1);
    uint8_t secret[64];
    memset(secret, 0x5a, sizeof secret);
    put(&c, secret, sizeof secret);                  /* encrypted: never read */
    harness_to_server(f, c.b, c.n);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[0], "client_version");
    assert_string_equal(harness_meta_get(&f->seen, 0, "ssh.client", 0), "SSH-2.0-OpenSSH_9.6");
    assert_string_equal(f->seen.event[1], "kexinit");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ssh.kex", 0), "curve25519-sha256");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ssh.host_key", 0), "ssh-ed25519");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ssh.cipher", 0), "chacha20-poly1305@openssh.com");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ssh.mac", 0), "umac-64-etm@openssh.com");
    assert_string_equal(harness_meta_get(&f->seen, 1, "ssh.compression", 0), "none");
    assert_string_equal(f->seen.event[2], "newkeys");
    assert_int_equal(f->seen.n_ids, 0);              /* the client is no identity */

    /* the server, with a line before its banner, delivered byte by byte */
    puts_(&s, "Welcome to the EDI gateway\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
    kexinit(&s, client_lists);
    packet(&s, &newkeys, 1);
    for (size_t i = 0; i < s.n; i++) harness_to_client(f, s.b + i, 1);
    assert_int_equal(f->seen.n_metas, 6);
    assert_string_equal(f->seen.event[3], "server_version");
    assert_string_equal(harness_meta_get(&f->seen, 3, "ssh.server", 0), "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.product, "OpenSSH_9.2p1 Debian-2+deb12u3");
    assert_string_equal(harness_meta_get(&f->seen, 4, "ssh.kex", 0), "curve25519-sha256");
    assert_string_equal(f->seen.event[5], "newkeys");
    for (int i = 0; i < f->seen.n_metas; i++) assert_false(f->seen.clear[i]);
}

static void test_long_names_and_empty_lists(void **state)
{
    harness_fixture *f = *state;
    static const char *const lists[10] = {
        "sntrup761x25519-sha512@openssh.com-with-a-name-far-too-long-to-keep", "", "aes128-ctr", "", "", "", "", "", "", "",
    };
    bytes c = { .n = 0 };
    puts_(&c, "SSH-2.0-PuTTY_Release_0.80\r\n");
    kexinit(&c, lists);
    harness_to_server(f, c.b, c.n);
    assert_int_equal(f->seen.n_metas, 2);
    assert_int_equal(strlen(harness_meta_get(&f->seen, 1, "ssh.kex", 0)), 32);
    assert_null(harness_meta_get(&f->seen, 1, "ssh.host_key", 0));
    assert_string_equal(harness_meta_get(&f->seen, 1, "ssh.cipher", 0), "aes128-ctr");
}

static void test_bad_input(void **state)
{
    harness_fixture *f = *state;
    /* SSH-1 is reported, its packets are not read */
    const char *v1 = "SSH-1.5-Cisco-1.25\n\x00\x00\x00\x10garbage";
    harness_to_client(f, (const uint8_t *)v1, 30);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.product, "Cisco-1.25");
    /* a packet length beyond 256 KiB stops the direction */
    bytes c = { .n = 0 };
    puts_(&c, "SSH-2.0-x\r\n");
    put32(&c, 0x7fffffff);
    uint8_t rest[8] = { 4, 20 };
    put(&c, rest, sizeof rest);
    kexinit(&c, client_lists);
    harness_to_server(f, c.b, c.n);
    assert_int_equal(f->seen.n_metas, 2);
}

static void test_overlong_banner_and_gap(void **state)
{
    harness_fixture *f = *state;
    char line[400];
    memset(line, 'a', sizeof line);
    memcpy(line, "SSH-2.0-", 8);
    harness_to_client(f, (const uint8_t *)line, sizeof line);     /* over 255 without a LF */
    harness_to_client(f, (const uint8_t *)"\r\n", 2);
    assert_int_equal(f->seen.n_metas, 0);
    /* a gap in the client's banner spoils the line only */
    harness_to_server(f, (const uint8_t *)"SSH-2.0-Open", 12);
    harness_gap(f, NET_DIR_TO_SERVER, 10);
    harness_to_server(f, (const uint8_t *)"SSH_9\r\nSSH-2.0-Tectia\r\n", 23);
    assert_int_equal(f->seen.n_metas, 0);            /* a client's only line was spoilt: the rest is not trusted */
    /* the server side was given up on above */
    harness_to_client(f, (const uint8_t *)"SSH-2.0-dropbear_2022.83\r\n", 26);
    assert_int_equal(f->seen.n_metas, 0);
}

static void test_gap_in_packets(void **state)
{
    harness_fixture *f = *state;
    bytes s = { .n = 0 };
    puts_(&s, "SSH-2.0-dropbear_2022.83\r\n");
    kexinit(&s, client_lists);
    harness_to_client(f, s.b, 40);
    harness_gap(f, NET_DIR_TO_CLIENT, 100);
    harness_to_client(f, s.b + 40, s.n - 40);
    assert_int_equal(f->seen.n_metas, 1);            /* the banner; the cut KEXINIT is not guessed at */
    assert_string_equal(f->seen.product, "dropbear_2022.83");
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    assert_int_equal(f->pp->probe((const uint8_t *)"SSH-2.0-x\r\n", 11, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe((const uint8_t *)"SSH-2.0-x\r\n", 11, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe((const uint8_t *)"SS", 2, NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe((const uint8_t *)"SMTP", 4, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"GET / HTTP/1.1", 14, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handshake, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_long_names_and_empty_lists, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bad_input, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_overlong_banner_and_gap, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_gap_in_packets, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
