/* test_net_tls.c - MD5 on the RFC 1321 vectors; the TLS parser on built
 * hellos: JA3 and JA4 of a published Chrome fingerprint (GREASE, ALPN,
 * supported_versions), hand-computed JA4 edge cases, ServerHello and JA3S,
 * hellos split across records and segments, gaps, truncation, the probe. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/md5.h"
#include "core/sha256.h"
#include "net/proto/proto.h"
#include "proto_harness.h"
#include "net/proto/tls.h"

static void test_md5_rfc1321(void **state)
{
    static const char *const in[] = {
        "", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
    };
    static const char *const out[] = {
        "d41d8cd98f00b204e9800998ecf8427e", "0cc175b9c0f1b6a831c399e269772661",
        "900150983cd24fb0d6963f7d28e17f72", "f96b697d7cb7938d525a2f31aaf161d0",
        "c3fcd3d76192e4007dfb496cca67e13b", "d174ab98d277d9f5a5611c2c9f419d9f",
        "57edf4a22be3c955ac49da2e2107b67a",
    };
    for (size_t i = 0; i < 7; i++) {
        char h[MD5_HEX_LEN];
        md5_hex(in[i], strlen(in[i]), h);
        assert_string_equal(h, out[i]);
    }
    /* 55, 56 and 64 bytes: the padding's edge cases */
    char h55[MD5_HEX_LEN], h56[MD5_HEX_LEN];
    md5_hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 55, h55);
    md5_hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 56, h56);
    assert_string_equal(h55, "ef1772b6dff9a122358552954ad0df65");
    assert_string_equal(h56, "3b0c8ac703f828b04c6c197006d17218");
}

/* --- building hellos ------------------------------------------------------ */
typedef struct buf { uint8_t b[8192]; size_t n; } buf;
static void u8(buf *b, unsigned v) { b->b[b->n++] = (uint8_t)v; }
static void u16(buf *b, unsigned v) { u8(b, v >> 8); u8(b, v & 0xff); }
static void bytes(buf *b, const void *p, size_t n) { memcpy(b->b + b->n, p, n); b->n += n; }
static void u16s(buf *b, const uint16_t *v, size_t n) { for (size_t i = 0; i < n; i++) u16(b, v[i]); }
/* patch a 16-bit (or 24-bit) length at `at` to cover up to the end */
static void len16(buf *b, size_t at) { size_t l = b->n - at - 2; b->b[at] = (uint8_t)(l >> 8); b->b[at + 1] = (uint8_t)l; }

typedef struct ext { uint16_t type; uint8_t data[256]; size_t len; } ext;

/* A ClientHello handshake message (header included). */
static size_t client_hello(uint8_t *out, uint16_t version, const uint16_t *ciphers, size_t nc, const ext *exts, size_t ne)
{
    buf b = { .n = 0 };
    u8(&b, 1); u8(&b, 0); u16(&b, 0);
    u16(&b, version);
    for (int i = 0; i < 32; i++) u8(&b, i);
    u8(&b, 32); for (int i = 0; i < 32; i++) u8(&b, 0x55);
    u16(&b, (unsigned)nc * 2); u16s(&b, ciphers, nc);
    u8(&b, 1); u8(&b, 0);
    size_t at = b.n;
    u16(&b, 0);
    for (size_t i = 0; i < ne; i++) { u16(&b, exts[i].type); u16(&b, (unsigned)exts[i].len); bytes(&b, exts[i].data, exts[i].len); }
    len16(&b, at);
    size_t body = b.n - 4;
    b.b[1] = (uint8_t)(body >> 16); b.b[2] = (uint8_t)(body >> 8); b.b[3] = (uint8_t)body;
    memcpy(out, b.b, b.n);
    return b.n;
}

/* Wraps a handshake message into records of at most `frag` bytes. */
static size_t records(uint8_t *out, const uint8_t *hs, size_t n, size_t frag)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += frag) {
        size_t k = n - i < frag ? n - i : frag;
        out[o++] = 22; out[o++] = 3; out[o++] = 1; out[o++] = (uint8_t)(k >> 8); out[o++] = (uint8_t)k;
        memcpy(out + o, hs + i, k);
        o += k;
    }
    return o;
}

static ext ext_u16list(uint16_t type, const uint16_t *v, size_t n, int lenbytes)
{
    ext e = { .type = type };
    buf b = { .n = 0 };
    if (lenbytes == 2) u16(&b, (unsigned)n * 2); else u8(&b, (unsigned)n * 2);
    u16s(&b, v, n);
    memcpy(e.data, b.b, b.n); e.len = b.n;
    return e;
}
static ext ext_raw(uint16_t type, const char *hexs)
{
    ext e = { .type = type };
    for (const char *p = hexs; p[0] && p[1]; p += 2) { unsigned v; sscanf(p, "%2x", &v); e.data[e.len++] = (uint8_t)v; }
    return e;
}
static ext ext_sni(const char *name)
{
    ext e = { .type = 0 };
    buf b = { .n = 0 };
    size_t n = strlen(name);
    u16(&b, (unsigned)n + 3); u8(&b, 0); u16(&b, (unsigned)n); bytes(&b, name, n);
    memcpy(e.data, b.b, b.n); e.len = b.n;
    return e;
}
static ext ext_alpn(const char *const *protos, size_t n)
{
    ext e = { .type = 0x10 };
    buf b = { .n = 0 };
    u16(&b, 0);
    for (size_t i = 0; i < n; i++) { u8(&b, (unsigned)strlen(protos[i])); bytes(&b, protos[i], strlen(protos[i])); }
    len16(&b, 0);
    memcpy(e.data, b.b, b.n); e.len = b.n;
    return e;
}

/* The Chrome hello behind a published fingerprint set (ja4_ro lists the
 * ciphers and extensions in wire order):
 *   ja3  98487aa16281980e7d1120d399efb6a4
 *   ja4  t13d1516h2_8daaf6152771_d8a2da3f94cd
 * GREASE is added in cipher, extension, group and version lists as Chrome
 * sends it; every fingerprint must ignore it. */
static size_t chrome_hello(uint8_t *out)
{
    static const uint16_t ciphers[] = { 0x3a3a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                                        0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035 };
    static const uint16_t groups[] = { 0x8a8a, 4588, 29, 23, 24 };
    static const uint16_t sigalgs[] = { 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601 };
    static const char *const alpn[] = { "h2", "http/1.1" };
    ext e[32];
    size_t n = 0;
    e[n++] = ext_raw(0x0a0a, "");
    e[n++] = ext_raw(0x002d, "0101");
    e[n++] = ext_raw(0x0033, "00269a9a00010000");
    e[n++] = ext_alpn(alpn, 2);
    e[n++] = ext_raw(0xfe0d, "0000010001");
    e[n++] = ext_raw(0x0017, "");
    e[n++] = ext_raw(0x44cd, "0003026832");
    e[n++] = ext_sni("tls-outer.browserleaks.com");
    e[n++] = ext_raw(0x000b, "0100");
    e[n++] = ext_u16list(0x000a, groups, 5, 2);
    e[n++] = ext_raw(0x002b, "06dada03040303");
    e[n++] = ext_raw(0xff01, "00");
    e[n++] = ext_raw(0x0023, "");
    e[n++] = ext_raw(0x0012, "");
    e[n++] = ext_raw(0x0005, "0100000000");
    e[n++] = ext_u16list(0x000d, sigalgs, 8, 2);
    e[n++] = ext_raw(0x001b, "000302");
    e[n++] = ext_raw(0xbaba, "00");
    return client_hello(out, 0x0303, ciphers, 16, e, n);
}

static void test_chrome_ja3_ja4(void **state)
{
    uint8_t hs[4096];
    size_t n = chrome_hello(hs);
    tls_hello h;
    assert_true(tls_parse_hello(hs + 4, n - 4, true, &h));
    assert_false(h.truncated);
    assert_string_equal(h.sni, "tls-outer.browserleaks.com");
    assert_int_equal(h.max_version, 0x0304);
    char ja3[TLS_JA3_MAX], md[MD5_HEX_LEN], ja4[TLS_JA4_LEN];
    tls_ja3_string(&h, ja3, sizeof ja3);
    assert_string_equal(ja3, "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
                             "45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0");
    md5_hex(ja3, strlen(ja3), md);
    assert_string_equal(md, "98487aa16281980e7d1120d399efb6a4");
    tls_ja4(&h, ja4);
    assert_string_equal(ja4, "t13d1516h2_8daaf6152771_d8a2da3f94cd");
}

/* Hand-computed: TLS 1.2 only, no SNI, no ALPN, no signature algorithms. */
static void test_ja4_edge_cases(void **state)
{
    static const uint16_t ciphers[] = { 0xc02f, 0x002f, 0x009c };
    static const uint16_t groups[] = { 23 };
    uint8_t hs[2048];
    ext e[4];
    e[0] = ext_u16list(0x000a, groups, 1, 2);
    e[1] = ext_raw(0x000b, "0100");
    size_t n = client_hello(hs, 0x0303, ciphers, 3, e, 2);
    tls_hello h;
    assert_true(tls_parse_hello(hs + 4, n - 4, true, &h));
    char ja4[TLS_JA4_LEN], hb[SHA256_HEX_LEN], hc[SHA256_HEX_LEN], want[TLS_JA4_LEN];
    tls_ja4(&h, ja4);
    sha256_hex("002f,009c,c02f", 14, hb);
    sha256_hex("000a,000b", 9, hc);      /* no signature algorithms: no '_' */
    snprintf(want, sizeof want, "t12i030200_%.12s_%.12s", hb, hc);
    assert_string_equal(ja4, want);
    /* no extensions at all, SSL 3.0: the extension hash is zeros */
    n = client_hello(hs, 0x0300, ciphers, 3, e, 0);
    assert_true(tls_parse_hello(hs + 4, n - 4, true, &h));
    tls_ja4(&h, ja4);
    snprintf(want, sizeof want, "ts3i030000_%.12s_000000000000", hb);
    assert_string_equal(ja4, want);
    /* a non-alphanumeric ALPN edge prints hex nibbles; one-letter ALPN doubles */
    static const char *const odd[] = { "\x01x\xfe" };
    e[0] = ext_alpn(odd, 1);
    n = client_hello(hs, 0x0303, ciphers, 3, e, 1);
    assert_true(tls_parse_hello(hs + 4, n - 4, true, &h));
    tls_ja4(&h, ja4);
    assert_memory_equal(ja4, "t12i03010e_", 11);
    static const char *const one[] = { "h" };
    e[0] = ext_alpn(one, 1);
    n = client_hello(hs, 0x0303, ciphers, 3, e, 1);
    assert_true(tls_parse_hello(hs + 4, n - 4, true, &h));
    tls_ja4(&h, ja4);
    assert_memory_equal(ja4, "t12i0301hh", 10);
}

/* --- through the parser --------------------------------------------------- */
static int setup(void **state) { return harness_setup(state, "tls"); }

static void test_split_across_records_and_segments(void **state)
{
    harness_fixture *f = *state;
    uint8_t hs[4096], rec[8192];
    size_t n = chrome_hello(hs);
    size_t rn = records(rec, hs, n, 100);        /* many records */
    assert_int_equal(f->pp->probe(rec, rn, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    for (size_t i = 0; i < rn; i += 7) harness_to_server(f, rec + i, rn - i < 7 ? rn - i : 7);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "client_hello");
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.sni", 0), "tls-outer.browserleaks.com");
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.ja3", 0), "98487aa16281980e7d1120d399efb6a4");
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.ja4", 0), "t13d1516h2_8daaf6152771_d8a2da3f94cd");
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.version", 0), "TLS 1.3");
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.alpn", 0), "h2");
    assert_null(harness_meta_get(&f->seen, 0, "tls.truncated", 0));
    /* the rest of the direction is not looked at */
    harness_to_server(f, rec, rn);
    assert_int_equal(f->seen.n_metas, 1);

    /* ServerHello: TLS 1.3 through supported_versions, one record */
    buf b = { .n = 0 };
    u8(&b, 22); u16(&b, 0x0303); u16(&b, 0);
    u8(&b, 2); u8(&b, 0); u16(&b, 0);
    u16(&b, 0x0303);
    for (int i = 0; i < 32; i++) u8(&b, i);
    u8(&b, 0); u16(&b, 0x1301); u8(&b, 0);
    u16(&b, 6 + 4 + 36);
    u16(&b, 0x002b); u16(&b, 2); u16(&b, 0x0304);
    u16(&b, 0x0033); u16(&b, 36); u16(&b, 29); u16(&b, 32); for (int i = 0; i < 32; i++) u8(&b, 7);
    b.b[3] = (uint8_t)((b.n - 5) >> 8); b.b[4] = (uint8_t)(b.n - 5);
    b.b[7] = (uint8_t)((b.n - 9) >> 8); b.b[8] = (uint8_t)(b.n - 9);
    assert_int_equal(f->pp->probe(b.b, b.n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b.b, b.n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    harness_to_client(f, b.b, b.n);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(f->seen.event[1], "server_hello");
    assert_string_equal(harness_meta_get(&f->seen, 1, "tls.version", 0), "TLS 1.3");
    assert_string_equal(harness_meta_get(&f->seen, 1, "tls.cipher", 0), "0x1301");
    assert_string_equal(harness_meta_get(&f->seen, 1, "tls.ja3s_full", 0), "771,4865,43-51");
    char md[MD5_HEX_LEN];
    md5_hex("771,4865,43-51", 14, md);
    assert_string_equal(harness_meta_get(&f->seen, 1, "tls.ja3s", 0), md);
}

static void test_gap_truncation_and_junk(void **state)
{
    harness_fixture *f = *state;
    uint8_t hs[4096], rec[8192];
    size_t n = chrome_hello(hs);
    size_t rn = records(rec, hs, n, 16384);
    /* a gap before the hello is whole: nothing reported */
    harness_to_server(f, rec, 50);
    harness_gap(f, NET_DIR_TO_SERVER, 10);
    harness_to_server(f, rec + 60, rn - 60);
    assert_int_equal(f->seen.n_metas, 0);

    /* a hello longer than the kept prefix (a 5000-byte padding extension):
     * reported from the prefix, flagged truncated */
    memset(f->state, 0, f->pp->state_size);
    static const uint16_t ciphers[] = { 0x1301 };
    uint8_t big[8192];
    ext e[1];
    e[0] = ext_sni("big.example");
    n = client_hello(big, 0x0303, ciphers, 1, e, 1);
    /* append a padding extension by hand after the SNI */
    size_t at = n;
    big[at++] = 0x00; big[at++] = 0x15; big[at++] = 0x13; big[at++] = 0x88;
    memset(big + at, 0, 5000);
    at += 5000;
    size_t body = at - 4, exts = at - (n - e[0].len - 4 - 2) ;
    (void)exts;
    big[1] = (uint8_t)(body >> 16); big[2] = (uint8_t)(body >> 8); big[3] = (uint8_t)body;
    size_t elen_at = n - e[0].len - 4 - 2, elen = at - elen_at - 2;
    big[elen_at] = (uint8_t)(elen >> 8); big[elen_at + 1] = (uint8_t)elen;
    rn = records(rec, big, at, 16384);
    harness_to_server(f, rec, rn);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.sni", 0), "big.example");
    assert_string_equal(harness_meta_get(&f->seen, 0, "tls.truncated", 0), "true");

    /* junk after a valid-looking record header; an alert first: no crash, nothing */
    memset(f->state, 0, f->pp->state_size);
    uint8_t junk[64] = { 22, 3, 1, 0, 40, 1, 0, 0, 36, 3, 3 };
    for (int i = 11; i < 64; i++) junk[i] = (uint8_t)(i * 37);
    harness_to_server(f, junk, sizeof junk);
    uint8_t alert[] = { 21, 3, 3, 0, 2, 2, 40 };
    harness_to_client(f, alert, sizeof alert);
    assert_int_equal(f->seen.n_metas, 1);
    /* truncated hello bodies never fail the parser's bounds */
    tls_hello h;
    for (size_t k = 0; k < 120; k++) tls_parse_hello(hs + 4, k, true, &h);
    assert_false(tls_parse_hello(hs + 4, 30, true, &h));
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const uint8_t ch[] = { 22, 3, 1, 0x02, 0x00, 1 };
    assert_int_equal(f->pp->probe(ch, 6, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(ch, 3, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(ch, 6, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    const uint8_t v2[] = { 0x80, 0x2e, 1, 0, 2 };
    assert_int_equal(f->pp->probe(v2, 5, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    const uint8_t badlen[] = { 22, 3, 1, 0xff, 0xff, 1 };
    assert_int_equal(f->pp->probe(badlen, 6, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    const uint8_t http[] = "GET / HTTP/1.1\r\n";
    assert_int_equal(f->pp->probe(http, 16, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_md5_rfc1321),
        cmocka_unit_test(test_chrome_ja3_ja4),
        cmocka_unit_test(test_ja4_edge_cases),
        cmocka_unit_test_setup_teardown(test_split_across_records_and_segments, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_gap_truncation_and_junk, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
