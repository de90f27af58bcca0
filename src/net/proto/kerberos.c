/* kerberos.c - Kerberos 5 (RFC 4120) on port 88, as UDP datagrams and as TCP
 * records (a 4-byte length before each, section 7.2.2): the client principal
 * and realm of an AS-REQ and of the AS-REP answering it as user.name and
 * krb.realm (so the account reaches its person), the service a TGS-REQ asks
 * for, and KRB-ERROR codes. DER read through the cursor. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"

#define KRB_PORT 88
#define KRB_TCP_KEEP 1536        /* a longer record is parsed from this prefix */
#define KRB_TCP_MAX (1u << 20)   /* longer records are not Kerberos (the top bit is reserved) */
#define KRB_TEXT_MAX 128

enum {
    KRB_AS_REQ = 0x6a, KRB_AS_REP = 0x6b, KRB_TGS_REQ = 0x6c, KRB_TGS_REP = 0x6d, KRB_ERROR = 0x7e,
    DER_INTEGER = 0x02, DER_SEQUENCE = 0x30, DER_GENERAL_STRING = 0x1b,
};

typedef struct krb_tcp_half {
    uint8_t buf[KRB_TCP_KEEP];
    uint8_t hdr[4];
    uint8_t hdr_fill;
    uint32_t msg_len, fill;      /* record length; bytes of it seen */
    bool lost;                   /* desynchronised: wait for the next delivery */
} krb_tcp_half;

typedef struct krb_state {
    krb_tcp_half half[NET_DIR_COUNT];
} krb_state;

/* One element: a single-byte tag (Kerberos uses no high tag numbers) and a
 * definite length. `cut`: the element may run past the bytes kept (a long
 * TCP record's prefix); its value is then what there is. */
static bool der_next(cursor *c, uint8_t *tag, cursor *value, bool cut)
{
    *tag = cursor_u8(c);
    uint8_t l0 = cursor_u8(c);
    size_t len = l0;
    if (l0 & 0x80) {
        uint8_t n = l0 & 0x7f;
        if (n == 0 || n > 4) return false;       /* indefinite (not DER) or absurd */
        len = 0;
        for (uint8_t i = 0; i < n; i++) len = len << 8 | cursor_u8(c);
    }
    if (!cursor_ok(c) || (*tag & 0x1f) == 0x1f) return false;
    if (cut && len > cursor_left(c)) len = cursor_left(c);
    *value = cursor_sub(c, len);
    return cursor_ok(c);
}

static bool der_expect(cursor *c, uint8_t want, cursor *value, bool cut)
{
    uint8_t tag;
    return der_next(c, &tag, value, cut) && tag == want;
}

/* The value of context field [n] of a SEQUENCE's contents (fields are in
 * tag order; unknown ones are skipped). */
static bool der_field(cursor seq, unsigned n, cursor *inner, bool cut)
{
    while (cursor_left(&seq)) {
        uint8_t tag;
        cursor v;
        if (!der_next(&seq, &tag, &v, cut)) return false;
        if (tag == (0xa0 | n)) { *inner = v; return true; }
        if ((tag & 0xe0) == 0xa0 && (tag & 0x1f) > n) return false;
    }
    return false;
}

static bool der_int(cursor v, int64_t *out)
{
    cursor i;
    if (!der_expect(&v, DER_INTEGER, &i, false)) return false;
    size_t n = cursor_left(&i);
    if (n == 0 || n > 8) return false;
    uint64_t x = (cursor_peek_u8(&i, 0) & 0x80) ? UINT64_MAX : 0;
    while (cursor_left(&i)) x = x << 8 | cursor_u8(&i);
    *out = (int64_t)x;
    return true;
}

/* Appends a KerberosString, printable ASCII only; false when it does not fit. */
static bool put_string(cursor s, char *out, size_t *k, size_t cap)
{
    while (cursor_left(&s)) {
        uint8_t ch = cursor_u8(&s);
        if (*k + 1 >= cap) return false;
        out[(*k)++] = ch > 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    out[*k] = '\0';
    return true;
}

/* A Realm (GeneralString) as text. */
static bool realm_text(cursor v, char *out, size_t cap)
{
    cursor s;
    size_t k = 0;
    out[0] = '\0';
    return der_expect(&v, DER_GENERAL_STRING, &s, false) && cursor_left(&s) && put_string(s, out, &k, cap);
}

/* A PrincipalName (name-type [0], name-string [1] SEQUENCE OF KerberosString)
 * as its components joined by '/': "jdoe", "krbtgt/AURORA.LOCAL". */
static bool principal_text(cursor v, char *out, size_t cap)
{
    cursor seq, names, list;
    size_t k = 0;
    out[0] = '\0';
    if (!der_expect(&v, DER_SEQUENCE, &seq, false) || !der_field(seq, 1, &names, false) ||
        !der_expect(&names, DER_SEQUENCE, &list, false))
        return false;
    while (cursor_left(&list)) {
        cursor s;
        if (!der_expect(&list, DER_GENERAL_STRING, &s, false)) return false;
        if (k && k + 1 < cap) out[k++] = '/';
        if (!put_string(s, out, &k, cap)) return false;
    }
    return k > 0;
}

static const char *error_name(int64_t code)
{
    switch (code) {
    case 6: return "KDC_ERR_C_PRINCIPAL_UNKNOWN";
    case 7: return "KDC_ERR_S_PRINCIPAL_UNKNOWN";
    case 12: return "KDC_ERR_POLICY";
    case 14: return "KDC_ERR_ETYPE_NOSUPP";
    case 18: return "KDC_ERR_CLIENT_REVOKED";
    case 23: return "KDC_ERR_KEY_EXPIRED";
    case 24: return "KDC_ERR_PREAUTH_FAILED";
    case 25: return "KDC_ERR_PREAUTH_REQUIRED";
    case 32: return "KRB_AP_ERR_TKT_EXPIRED";
    case 37: return "KRB_AP_ERR_SKEW";
    case 41: return "KRB_AP_ERR_MODIFIED";
    case 68: return "KDC_ERR_WRONG_REALM";
    default: return NULL;
    }
}

static void krb_message(const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len, bool cut)
{
    cursor c = cursor_make(data, len), body, seq;
    uint8_t tag;
    char cname[KRB_TEXT_MAX], realm[KRB_TEXT_MAX], sname[KRB_TEXT_MAX], code[24];
    const char *event;
    switch (len ? data[0] : 0) {
    case KRB_AS_REQ: event = "as_request"; break;
    case KRB_AS_REP: event = "as_reply"; break;
    case KRB_TGS_REQ: event = "tgs_request"; break;
    case KRB_TGS_REP: event = "tgs_reply"; break;
    case KRB_ERROR: event = "error"; break;
    default: event = "unknown"; break;
    }
    net_observation o;
    appmeta_init(&o, "kerberos", event);
    bool ok = len && der_next(&c, &tag, &body, cut) && der_expect(&body, DER_SEQUENCE, &seq, cut);
    cursor f, req;
    int64_t n;
    if (ok && (tag == KRB_AS_REQ || tag == KRB_TGS_REQ)) {
        /* KDC-REQ: pvno [1], msg-type [2], padata [3], req-body [4]:
         * kdc-options [0], cname [1], realm [2], sname [3], ... */
        ok = der_field(seq, 1, &f, cut) && der_int(f, &n) && n == 5 && der_field(seq, 4, &f, cut) &&
             der_expect(&f, DER_SEQUENCE, &req, cut);
        if (ok && der_field(req, 1, &f, cut) && principal_text(f, cname, sizeof cname) && tag == KRB_AS_REQ)
            appmeta_add(&o, "user.name", cname);
        if (ok && der_field(req, 2, &f, cut) && realm_text(f, realm, sizeof realm)) appmeta_add(&o, "krb.realm", realm);
        if (ok && der_field(req, 3, &f, cut) && principal_text(f, sname, sizeof sname)) appmeta_add(&o, "krb.service", sname);
    } else if (ok && (tag == KRB_AS_REP || tag == KRB_TGS_REP)) {
        /* KDC-REP: pvno [0], msg-type [1], padata [2], crealm [3], cname [4], ticket [5], enc-part [6] */
        ok = der_field(seq, 0, &f, cut) && der_int(f, &n) && n == 5;
        if (ok && der_field(seq, 3, &f, cut) && realm_text(f, realm, sizeof realm)) appmeta_add(&o, "krb.realm", realm);
        if (ok && der_field(seq, 4, &f, cut) && principal_text(f, cname, sizeof cname) && tag == KRB_AS_REP)
            appmeta_add(&o, "user.name", cname);
    } else if (ok && tag == KRB_ERROR) {
        /* KRB-ERROR: pvno [0], msg-type [1], ..., error-code [6], crealm [7], cname [8], realm [9], sname [10] */
        ok = der_field(seq, 0, &f, cut) && der_int(f, &n) && n == 5 && der_field(seq, 6, &f, cut) && der_int(f, &n);
        if (ok) {
            const char *name = error_name(n);
            snprintf(code, sizeof code, "%lld", (long long)(n < 0 ? -1 : n > 99999 ? 99999 : n));
            appmeta_add(&o, "krb.error_code", code);
            appmeta_add(&o, "krb.error", name ? name : "other");
        }
        if (ok && der_field(seq, 8, &f, cut) && principal_text(f, cname, sizeof cname)) appmeta_add(&o, "krb.cname", cname);
        if (ok && der_field(seq, 9, &f, cut) && realm_text(f, realm, sizeof realm)) appmeta_add(&o, "krb.realm", realm);
    } else {
        ok = false;
    }
    /* A record longer than the prefix kept may hold its fields past it
     * (large padata before the request body): unread, not malformed. */
    if (!ok) appmeta_add(&o, cut ? "krb.truncated" : "krb.malformed", "true");
    proto_emit(ctx, dir, &o);
}

static void krb_udp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    krb_message(ctx, NET_DIR_TO_SERVER, data, len, false);
}

static void krb_udp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    krb_message(ctx, NET_DIR_TO_CLIENT, data, len, false);
}

/* TCP: each record behind a 4-byte length. The first KRB_TCP_KEEP bytes are
 * kept and a longer record is read from them; a length with the reserved
 * top bit set (or absurd) loses sync until the next delivery. */
static void krb_tcp_feed(krb_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    krb_tcp_half *h = &st->half[dir];
    if (h->lost) { h->hdr_fill = 0; h->fill = 0; h->lost = false; }
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->hdr_fill < 4) {
            h->hdr[h->hdr_fill++] = cursor_u8(&in);
            if (h->hdr_fill < 4) continue;
            h->msg_len = (uint32_t)h->hdr[0] << 24 | (uint32_t)h->hdr[1] << 16 | (uint32_t)h->hdr[2] << 8 | h->hdr[3];
            h->fill = 0;
            if (h->msg_len < 2 || h->msg_len > KRB_TCP_MAX) { h->lost = true; return; }
            continue;
        }
        size_t want = h->msg_len - h->fill;
        size_t take = want < cursor_left(&in) ? want : cursor_left(&in);
        if (h->fill < KRB_TCP_KEEP) {
            size_t keep = KRB_TCP_KEEP - h->fill;
            if (keep > take) keep = take;
            memcpy(h->buf + h->fill, cursor_ptr(&in), keep);
        }
        cursor_skip(&in, take);
        h->fill += (uint32_t)take;
        if (h->fill == h->msg_len) {
            bool cut = h->msg_len > KRB_TCP_KEEP;
            krb_message(ctx, dir, h->buf, cut ? KRB_TCP_KEEP : h->msg_len, cut);
            h->hdr_fill = 0;
            h->fill = 0;
        }
    }
}

static void krb_tcp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    krb_tcp_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void krb_tcp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    krb_tcp_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

static void krb_tcp_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx;
    (void)len;
    krb_state *st = state;
    st->half[dir].lost = true;
}

/* A message starts with one of the five application tags, then a SEQUENCE
 * holding pvno 5 as its first field ([1] in requests, [0] otherwise). */
static bool looks_like_message(const uint8_t *data, size_t len)
{
    if (len < 12) return false;
    uint8_t t = data[0];
    if (t != KRB_AS_REQ && t != KRB_AS_REP && t != KRB_TGS_REQ && t != KRB_TGS_REP && t != KRB_ERROR) return false;
    cursor c = cursor_make(data, len), body, seq, f;
    uint8_t tag;
    int64_t pvno;
    if (!der_next(&c, &tag, &body, true) || !der_expect(&body, DER_SEQUENCE, &seq, true)) return false;
    unsigned first = (t == KRB_AS_REQ || t == KRB_TGS_REQ) ? 1 : 0;
    return der_field(seq, first, &f, true) && der_int(f, &pvno) && pvno == 5;
}

static proto_probe_result krb_udp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    return looks_like_message(data, len) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

static proto_probe_result krb_tcp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len < 4 + 12) return len >= 4 && data[0] ? PROTO_PROBE_NO : PROTO_PROBE_NEED_MORE;
    uint32_t n = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 | (uint32_t)data[2] << 8 | data[3];
    if (n < 12 || n > KRB_TCP_MAX) return PROTO_PROBE_NO;
    return looks_like_message(data + 4, len - 4 < n ? len - 4 : n) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_kerberos = {
    .name = "kerberos",
    .transport = 17,
    .ports = { KRB_PORT },
    .state_size = 0,
    .probe = krb_udp_probe,
    .parse_to_server = krb_udp_to_server,
    .parse_to_client = krb_udp_to_client,
};

const proto_parser proto_kerberos_tcp = {
    .name = "kerberos-tcp",
    .transport = 6,
    .ports = { KRB_PORT },
    .state_size = sizeof(krb_state),
    .probe = krb_tcp_probe,
    .parse_to_server = krb_tcp_to_server,
    .parse_to_client = krb_tcp_to_client,
    .gap = krb_tcp_gap,
};
