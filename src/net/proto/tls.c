/* tls.c - TLS (RFC 5246, RFC 8446) handshake start over TCP, recognised by
 * content: the record layer is followed until the ClientHello and the
 * ServerHello are whole (across records and segments, bounded), then SNI,
 * ALPN, versions and the JA3, JA3S and JA4 fingerprints go out as app meta. */
#include "net/proto/tls.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/cursor.h"
#include "core/md5.h"
#include "core/sha256.h"
#include "net/proto/appmeta.h"

#define TLS_RECORD_HDR 5
#define TLS_RECORD_MAX (16384 + 2048)     /* TLSCiphertext limit */
#define TLS_HS_HDR 4
#define TLS_CLIENT_KEEP 4096               /* a longer ClientHello is read from its prefix */
#define TLS_SERVER_KEEP 1024

typedef struct tls_half {
    uint8_t rec_hdr[TLS_RECORD_HDR];
    uint8_t rec_fill;
    uint16_t rec_left;           /* body bytes of the current record still to come */
    uint8_t rec_type;
    uint32_t hs_len, hs_fill;    /* the first handshake message: length, bytes seen (header included) */
    bool done;                   /* hello parsed, or given up: the rest is not looked at */
} tls_half;

typedef struct tls_state {
    tls_half half[NET_DIR_COUNT];
    uint8_t client_buf[TLS_CLIENT_KEEP];
    uint8_t server_buf[TLS_SERVER_KEEP];
} tls_state;

bool tls_grease(uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }

const char *tls_version_name(uint16_t v)
{
    switch (v) {
    case 0x0002: return "SSL 2.0";
    case 0x0300: return "SSL 3.0";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case 0x0303: return "TLS 1.2";
    case 0x0304: return "TLS 1.3";
    case 0xfeff: return "DTLS 1.0";
    case 0xfefd: return "DTLS 1.2";
    case 0xfefc: return "DTLS 1.3";
    default: return NULL;
    }
}

static void list_add(tls_list *l, uint16_t v)
{
    if (l->n < TLS_LIST_MAX) l->v[l->n++] = v;
    else l->cut = true;
}

/* A 16-bit list behind a length of `lenbytes` octets. */
static void read_u16_list(cursor *c, size_t lenbytes, tls_list *l)
{
    size_t len = lenbytes == 1 ? cursor_u8(c) : cursor_be16(c);
    cursor s = cursor_sub(c, len);
    while (cursor_left(&s) >= 2) list_add(l, cursor_be16(&s));
}

static void read_extension(tls_hello *h, uint16_t type, cursor e)
{
    switch (type) {
    case 0x0000: {               /* server_name: list of (type, name) */
        if (!h->client) return;
        h->has_sni = true;
        cursor list = cursor_sub(&e, cursor_be16(&e));
        while (cursor_left(&list) >= 3) {
            uint8_t nt = cursor_u8(&list);
            uint16_t nl = cursor_be16(&list);
            cursor name = cursor_sub(&list, nl);
            if (!cursor_ok(&list) || nt != 0) continue;
            size_t n = 0;
            while (cursor_left(&name) && n + 1 < sizeof h->sni) {
                uint8_t ch = cursor_u8(&name);
                h->sni[n++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
            }
            h->sni[n] = '\0';
            break;
        }
        break;
    }
    case 0x000a: read_u16_list(&e, 2, &h->groups); break;
    case 0x000b: {
        uint8_t n = cursor_u8(&e);
        for (unsigned i = 0; i < n && cursor_left(&e); i++) {
            uint8_t pf = cursor_u8(&e);
            if (h->n_point_formats < TLS_LIST_MAX) h->point_formats[h->n_point_formats++] = pf;
        }
        break;
    }
    case 0x000d: if (h->client) read_u16_list(&e, 2, &h->sigalgs); break;
    case 0x0010: {               /* ALPN: list of length-prefixed names */
        h->has_alpn = true;
        cursor list = cursor_sub(&e, cursor_be16(&e));
        uint8_t n = cursor_u8(&list);
        if (cursor_ok(&list) && cursor_copy(&list, h->alpn, n)) h->alpn_len = n;
        break;
    }
    case 0x002b:                 /* supported_versions: a list (client), one value (server) */
        h->has_supported_versions = true;
        if (h->client) {
            uint8_t n = cursor_u8(&e);
            cursor list = cursor_sub(&e, n);
            while (cursor_left(&list) >= 2) {
                uint16_t v = cursor_be16(&list);
                if (!tls_grease(v) && v > h->max_version) h->max_version = v;
            }
        } else {
            uint16_t v = cursor_be16(&e);
            if (cursor_ok(&e)) h->max_version = v;
        }
        break;
    default: break;
    }
}

bool tls_parse_hello(const uint8_t *body, size_t len, bool client, tls_hello *h)
{
    memset(h, 0, sizeof *h);
    h->client = client;
    cursor c = cursor_make(body, len);
    h->version = cursor_be16(&c);
    cursor_skip(&c, 32);                          /* random */
    cursor_skip(&c, cursor_u8(&c));               /* session id */
    if (client) {
        read_u16_list(&c, 2, &h->ciphers);
        cursor_skip(&c, cursor_u8(&c));           /* compression methods */
    } else {
        list_add(&h->ciphers, cursor_be16(&c));
        cursor_skip(&c, 1);                       /* compression method */
    }
    if (!cursor_ok(&c)) return false;
    if (cursor_left(&c) >= 2) {
        size_t block = cursor_be16(&c);
        if (block > cursor_left(&c)) { block = cursor_left(&c); h->truncated = true; }   /* cut: read what is here */
        cursor exts = cursor_sub(&c, block);
        while (cursor_left(&exts) >= 4) {
            uint16_t type = cursor_be16(&exts), elen = cursor_be16(&exts);
            cursor e = cursor_sub(&exts, elen);
            if (!cursor_ok(&exts)) { h->truncated = true; break; }
            list_add(&h->extensions, type);
            read_extension(h, type, e);
        }
    }
    if (!h->has_supported_versions || !h->max_version) h->max_version = h->version;
    return true;
}

static size_t put(char *out, size_t cap, size_t n, const char *fmt, unsigned v)
{
    if (n >= cap) return n;
    int k = snprintf(out + n, cap - n, fmt, v);
    return k < 0 ? n : n + (size_t)k;
}

static size_t put_list(char *out, size_t cap, size_t n, const tls_list *l)
{
    bool first = true;
    for (unsigned i = 0; i < l->n; i++) {
        if (tls_grease(l->v[i])) continue;
        n = put(out, cap, n, first ? "%u" : "-%u", l->v[i]);
        first = false;
    }
    return n;
}

void tls_ja3_string(const tls_hello *h, char *out, size_t cap)
{
    size_t n = put(out, cap, 0, "%u,", h->version);
    if (!h->client) {
        n = put(out, cap, n, "%u,", h->ciphers.n ? h->ciphers.v[0] : 0);
        put_list(out, cap, n, &h->extensions);
        return;
    }
    n = put_list(out, cap, n, &h->ciphers);
    n = put(out, cap, n, ",", 0);
    n = put_list(out, cap, n, &h->extensions);
    n = put(out, cap, n, ",", 0);
    n = put_list(out, cap, n, &h->groups);
    n = put(out, cap, n, ",", 0);
    for (unsigned i = 0; i < h->n_point_formats; i++) n = put(out, cap, n, i ? "-%u" : "%u", h->point_formats[i]);
}

static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return (x > y) - (x < y);
}

/* The first 12 hex digits of the SHA-256 of `text`, or twelve zeros when
 * the list behind it was empty. */
static void hash12(const char *text, size_t len, bool empty, char out[13])
{
    if (empty) { memcpy(out, "000000000000", 13); return; }
    char hex[SHA256_HEX_LEN];
    sha256_hex(text, len, hex);
    memcpy(out, hex, 12);
    out[12] = '\0';
}

static bool alnum(uint8_t ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }

static const char *ja4_version(uint16_t v)
{
    switch (v) {
    case 0x0304: return "13";
    case 0x0303: return "12";
    case 0x0302: return "11";
    case 0x0301: return "10";
    case 0x0300: return "s3";
    case 0x0002: return "s2";
    case 0xfeff: return "d1";
    case 0xfefd: return "d2";
    case 0xfefc: return "d3";
    default: return "00";
    }
}

void tls_ja4(const tls_hello *h, char out[TLS_JA4_LEN])
{
    uint16_t ciphers[TLS_LIST_MAX], exts[TLS_LIST_MAX];
    unsigned nc = 0, ne_all = 0, ne = 0;
    for (unsigned i = 0; i < h->ciphers.n; i++)
        if (!tls_grease(h->ciphers.v[i])) ciphers[nc++] = h->ciphers.v[i];
    for (unsigned i = 0; i < h->extensions.n; i++) {
        uint16_t e = h->extensions.v[i];
        if (tls_grease(e)) continue;
        ne_all++;
        if (e != 0x0000 && e != 0x0010) exts[ne++] = e;
    }
    qsort(ciphers, nc, sizeof ciphers[0], cmp_u16);
    qsort(exts, ne, sizeof exts[0], cmp_u16);

    char alpn[3] = "00";
    if (h->alpn_len) {
        uint8_t a = h->alpn[0], z = h->alpn[h->alpn_len - 1];
        static const char hx[] = "0123456789abcdef";
        if (alnum(a) && alnum(z)) { alpn[0] = (char)a; alpn[1] = (char)z; }
        else { alpn[0] = hx[a >> 4]; alpn[1] = hx[z & 15]; }
    }
    char text[TLS_LIST_MAX * 5 * 2 + 8];
    size_t n = 0;
    for (unsigned i = 0; i < nc; i++) n = put(text, sizeof text, n, i ? ",%04x" : "%04x", ciphers[i]);
    char b[13], c[13];
    hash12(text, n, nc == 0, b);
    n = 0;
    for (unsigned i = 0; i < ne; i++) n = put(text, sizeof text, n, i ? ",%04x" : "%04x", exts[i]);
    bool first = true;
    for (unsigned i = 0; i < h->sigalgs.n; i++) {
        if (tls_grease(h->sigalgs.v[i])) continue;
        n = put(text, sizeof text, n, first ? "_%04x" : ",%04x", h->sigalgs.v[i]);
        first = false;
    }
    hash12(text, n, ne == 0, c);
    snprintf(out, TLS_JA4_LEN, "t%s%c%02u%02u%s_%s_%s", ja4_version(h->max_version), h->has_sni ? 'd' : 'i',
             nc > 99 ? 99 : nc, ne_all > 99 ? 99 : ne_all, alpn, b, c);
}

static void emit_client_hello(const proto_ctx *ctx, const tls_hello *h)
{
    char ja3[TLS_JA3_MAX], ja3_md5[MD5_HEX_LEN], ja4[TLS_JA4_LEN], alpn[TLS_NAME_MAX];
    tls_ja3_string(h, ja3, sizeof ja3);
    md5_hex(ja3, strlen(ja3), ja3_md5);
    tls_ja4(h, ja4);
    size_t n = 0;
    for (unsigned i = 0; i < h->alpn_len && n + 1 < sizeof alpn; i++)
        alpn[n++] = h->alpn[i] >= 0x20 && h->alpn[i] < 0x7f ? (char)h->alpn[i] : '?';
    alpn[n] = '\0';
    net_observation o;
    appmeta_init(&o, "tls", "client_hello");
    if (h->has_sni && h->sni[0]) appmeta_add(&o, "tls.sni", h->sni);
    appmeta_add(&o, "tls.version", tls_version_name(h->max_version));
    appmeta_add(&o, "tls.ja3", ja3_md5);
    appmeta_add(&o, "tls.ja3_full", ja3);
    appmeta_add(&o, "tls.ja4", ja4);
    if (h->has_alpn && h->alpn_len) appmeta_add(&o, "tls.alpn", alpn);
    if (h->truncated || h->ciphers.cut || h->extensions.cut) appmeta_add(&o, "tls.truncated", "true");
    proto_emit(ctx, NET_DIR_TO_SERVER, &o);
}

static void emit_server_hello(const proto_ctx *ctx, const tls_hello *h)
{
    char ja3s[TLS_JA3_MAX], ja3s_md5[MD5_HEX_LEN], cipher[8];
    tls_ja3_string(h, ja3s, sizeof ja3s);
    md5_hex(ja3s, strlen(ja3s), ja3s_md5);
    snprintf(cipher, sizeof cipher, "0x%04x", h->ciphers.n ? h->ciphers.v[0] : 0);
    net_observation o;
    appmeta_init(&o, "tls", "server_hello");
    appmeta_add(&o, "tls.version", tls_version_name(h->max_version));
    appmeta_add(&o, "tls.cipher", cipher);
    appmeta_add(&o, "tls.ja3s", ja3s_md5);
    appmeta_add(&o, "tls.ja3s_full", ja3s);
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

/* The first handshake message of a direction is whole (or its kept prefix
 * is): decode it if it is the hello this direction sends. */
static void hello_complete(tls_state *st, const proto_ctx *ctx, net_dir dir)
{
    bool client = dir == NET_DIR_TO_SERVER;
    const uint8_t *buf = client ? st->client_buf : st->server_buf;
    size_t cap = client ? TLS_CLIENT_KEEP : TLS_SERVER_KEEP;
    tls_half *h = &st->half[dir];
    h->done = true;
    if (buf[0] != (client ? 1 : 2)) return;
    size_t have = h->hs_fill < cap ? h->hs_fill : cap;
    tls_hello hello;
    if (!tls_parse_hello(buf + TLS_HS_HDR, have - TLS_HS_HDR, client, &hello)) return;
    if (client) emit_client_hello(ctx, &hello);
    else emit_server_hello(ctx, &hello);
}

/* Handshake bytes: gathered into the direction's buffer up to its size,
 * counted beyond it, until the first message's length is reached. */
static void handshake_bytes(tls_state *st, const proto_ctx *ctx, net_dir dir, cursor *rec)
{
    tls_half *h = &st->half[dir];
    uint8_t *buf = dir == NET_DIR_TO_SERVER ? st->client_buf : st->server_buf;
    size_t cap = dir == NET_DIR_TO_SERVER ? TLS_CLIENT_KEEP : TLS_SERVER_KEEP;
    while (cursor_left(rec) && !h->done) {
        uint32_t want = h->hs_fill < TLS_HS_HDR ? TLS_HS_HDR - h->hs_fill : h->hs_len + TLS_HS_HDR - h->hs_fill;
        size_t take = want < cursor_left(rec) ? want : cursor_left(rec);
        if (h->hs_fill < cap) {
            size_t keep = cap - h->hs_fill < take ? cap - h->hs_fill : take;
            memcpy(buf + h->hs_fill, cursor_ptr(rec), keep);
        }
        cursor_skip(rec, take);
        h->hs_fill += (uint32_t)take;
        if (h->hs_fill == TLS_HS_HDR) h->hs_len = (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
        if (h->hs_fill >= TLS_HS_HDR && h->hs_fill == h->hs_len + TLS_HS_HDR) hello_complete(st, ctx, dir);
    }
}

static void tls_feed(tls_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    tls_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0 && !h->done) {
        if (h->rec_fill < TLS_RECORD_HDR) {
            h->rec_hdr[h->rec_fill++] = cursor_u8(&in);
            if (h->rec_fill < TLS_RECORD_HDR) continue;
            h->rec_type = h->rec_hdr[0];
            h->rec_left = (uint16_t)(h->rec_hdr[3] << 8 | h->rec_hdr[4]);
            /* not a record: not TLS, or lost; nothing more is read here */
            if (h->rec_type < 20 || h->rec_type > 24 || h->rec_hdr[1] != 3 || h->rec_left > TLS_RECORD_MAX) {
                h->done = true;
                return;
            }
            /* anything but handshake before the hello is whole: give up */
            if (h->rec_type != 22) { h->done = true; return; }
            if (h->rec_left == 0) h->rec_fill = 0;
            continue;
        }
        size_t take = h->rec_left < cursor_left(&in) ? h->rec_left : cursor_left(&in);
        cursor rec = cursor_sub(&in, take);
        h->rec_left = (uint16_t)(h->rec_left - take);
        handshake_bytes(st, ctx, dir, &rec);
        if (h->rec_left == 0) h->rec_fill = 0;
    }
}

static void tls_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    tls_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void tls_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    tls_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Bytes lost before the hello was whole: the hello is not reported. */
static void tls_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    tls_state *st = state;
    st->half[dir].done = true;
}

/* A handshake record (TLS 1.0..1.3 record versions, SSL 3.0) carrying a
 * ClientHello to the server or a ServerHello to the client. */
static proto_probe_result tls_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len >= 1 && data[0] != 22) return PROTO_PROBE_NO;
    if (len >= 2 && data[1] != 3) return PROTO_PROBE_NO;
    if (len >= 3 && data[2] > 4) return PROTO_PROBE_NO;
    if (len >= 5) {
        size_t rl = (size_t)(data[3] << 8 | data[4]);
        if (rl < TLS_HS_HDR || rl > TLS_RECORD_MAX) return PROTO_PROBE_NO;
    }
    if (len < 6) return PROTO_PROBE_NEED_MORE;
    return data[5] == (dir == NET_DIR_TO_SERVER ? 1 : 2) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_tls = {
    .name = "tls",
    .transport = 6,
    .ports = { 443, 8443, 993, 636 },
    .state_size = sizeof(tls_state),
    .probe = tls_probe,
    .parse_to_server = tls_parse_to_server,
    .parse_to_client = tls_parse_to_client,
    .gap = tls_gap,
};
