/* rdp.c - the start of RDP (MS-RDPBCGR 2.2.1.1-2.2.1.2): the X.224
 * Connection Request in TPKT (RFC 1006) with its mstshash cookie as the
 * user name and the security protocols asked for, and the Connection
 * Confirm's choice, standard RDP security (no TLS, no NLA) flagged. What
 * follows is TLS or RDP-encrypted and not read. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/text.h"

#define RDP_HEAD_KEEP 96             /* the head of a connection PDU: where the cookie is */
#define RDP_PDU_MAX 4096             /* a longer connection PDU is not one */

enum { X224_CR = 0xe0, X224_CC = 0xd0 };
enum { NEG_REQ = 1, NEG_RSP = 2, NEG_FAILURE = 3 };
enum { PROTO_SSL = 1, PROTO_HYBRID = 2, PROTO_RDSTLS = 4, PROTO_HYBRID_EX = 8, PROTO_RDSAAD = 16 };

typedef struct rdp_half {
    bool done;
    uint8_t hdr_len;
    uint8_t hdr[4];                  /* TPKT header */
    uint16_t pdu_len, got;           /* the TPKT's length and the bytes of it read */
    uint8_t tail[8];                 /* the last 8 bytes: a negotiation structure ends the PDU */
    uint8_t head[RDP_HEAD_KEEP];
} rdp_half;

typedef struct rdp_state {
    rdp_half half[NET_DIR_COUNT];
} rdp_state;

/* The protocols flags name, as MS-RDPBCGR 2.2.1.1.1 spells them; 0 is standard RDP security. */
static void protocols_text(uint32_t p, char *out, size_t cap)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        { PROTO_SSL, "SSL" }, { PROTO_HYBRID, "HYBRID" }, { PROTO_RDSTLS, "RDSTLS" },
        { PROTO_HYBRID_EX, "HYBRID_EX" }, { PROTO_RDSAAD, "RDSAAD" },
    };
    size_t n = 0;
    out[0] = '\0';
    if (p == 0) { snprintf(out, cap, "RDP"); return; }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (p & names[i].bit) {
            int w = snprintf(out + n, cap - n, "%s%s", n ? "," : "", names[i].name);
            if (w < 0 || (size_t)w >= cap - n) return;
            n += (size_t)w;
            p &= ~names[i].bit;
        }
    if (p) snprintf(out + n, cap - n, "%s0x%x", n ? "," : "", (unsigned)p);
}

static const char *failure_name(uint32_t code, char *buf, size_t cap)
{
    switch (code) {
    case 1: return "SSL_REQUIRED_BY_SERVER";
    case 2: return "SSL_NOT_ALLOWED_BY_SERVER";
    case 3: return "SSL_CERT_NOT_ON_SERVER";
    case 4: return "INCONSISTENT_FLAGS";
    case 5: return "HYBRID_REQUIRED_BY_SERVER";
    case 6: return "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER";
    default: snprintf(buf, cap, "%u", (unsigned)code); return buf;
    }
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The negotiation structure that ends the PDU, when the X.224 variable part
 * holds one: type, flags, length 8, a 32-bit value. */
static bool negotiation(const rdp_half *h, size_t var_len, uint8_t type, uint32_t *value)
{
    if (var_len < 8 || h->tail[0] != type || h->tail[2] != 8 || h->tail[3] != 0) return false;
    *value = le32(h->tail + 4);
    return true;
}

/* "Cookie: mstshash=NAME\r\n" at the start of a request's variable part. */
static bool cookie_user(const rdp_half *h, size_t kept, char *out, size_t cap)
{
    static const char key[] = "Cookie: mstshash=";
    const size_t at = 11, kl = sizeof key - 1;
    if (kept < at + kl || memcmp(h->head + at, key, kl)) return false;
    size_t e = at + kl;
    while (e < kept && h->head[e] != '\r') e++;
    if (e == kept) return false;                     /* not ended within the kept head */
    proto_text_copy(out, cap, h->head + at + kl, e - at - kl);
    return true;
}

static void connection_request(rdp_half *h, const proto_ctx *ctx, size_t kept, size_t var_len)
{
    char user[64], protos[64];
    uint32_t req = 0;
    bool has_neg = negotiation(h, var_len, NEG_REQ, &req);
    protocols_text(has_neg ? req : 0, protos, sizeof protos);
    net_observation o;
    appmeta_init(&o, "rdp", "connection_request");
    if (cookie_user(h, kept, user, sizeof user) && user[0]) appmeta_add(&o, "user.name", user);
    appmeta_add(&o, "rdp.requested_protocols", protos);
    proto_emit(ctx, NET_DIR_TO_SERVER, &o);
}

static void connection_confirm(rdp_half *h, const proto_ctx *ctx, size_t var_len)
{
    char text[64];
    uint32_t v = 0;
    net_observation o;
    if (negotiation(h, var_len, NEG_FAILURE, &v)) {
        appmeta_init(&o, "rdp", "negotiation_failure");
        appmeta_add(&o, "rdp.failure_code", failure_name(v, text, sizeof text));
        proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
        return;
    }
    /* no negotiation response: a server that only knows standard RDP security */
    if (!negotiation(h, var_len, NEG_RSP, &v)) v = 0;
    protocols_text(v, text, sizeof text);
    appmeta_init(&o, "rdp", "connection_confirm");
    appmeta_add(&o, "rdp.selected_protocol", text);
    /* RC4 with a server key sent in clear: no server authentication (MS-RDPBCGR 5.3) */
    appmeta_add(&o, "rdp.security", v == 0 ? "standard" : "enhanced");
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

/* A whole connection PDU: its X.224 header checked, then reported. */
static void pdu_done(rdp_half *h, const proto_ctx *ctx, net_dir dir)
{
    size_t kept = h->pdu_len < RDP_HEAD_KEEP ? h->pdu_len : RDP_HEAD_KEEP;
    h->done = true;
    if (kept < 11) return;
    uint8_t li = h->head[4], code = h->head[5] & 0xf0;
    if ((size_t)li + 5 != h->pdu_len || h->head[10] != 0) return;   /* class 0, the X.224 header fills the TPKT */
    size_t var_len = h->pdu_len - 11;
    if (dir == NET_DIR_TO_SERVER && code == X224_CR) connection_request(h, ctx, kept, var_len);
    else if (dir == NET_DIR_TO_CLIENT && code == X224_CC) connection_confirm(h, ctx, var_len);
}

static void rdp_feed(rdp_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    rdp_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (!h->done && cursor_left(&in) > 0) {
        uint8_t ch = cursor_u8(&in);
        if (h->hdr_len < 4) {
            h->hdr[h->hdr_len] = ch;
            h->head[h->hdr_len++] = ch;
            if (h->hdr_len < 4) continue;
            h->pdu_len = (uint16_t)(h->hdr[2] << 8 | h->hdr[3]);
            h->got = 4;
            if (h->hdr[0] != 3 || h->pdu_len < 11 || h->pdu_len > RDP_PDU_MAX) h->done = true;
            continue;
        }
        if (h->got < RDP_HEAD_KEEP) h->head[h->got] = ch;
        memmove(h->tail, h->tail + 1, sizeof h->tail - 1);
        h->tail[sizeof h->tail - 1] = ch;
        if (++h->got == h->pdu_len) pdu_done(h, ctx, dir);
    }
}

static void rdp_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    rdp_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void rdp_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    rdp_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Only the first PDU of each direction is read: a gap within it loses it. */
static void rdp_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    ((rdp_state *)state)->half[dir].done = true;
}

/* TPKT version 3 holding an X.224 Connection Request (class 0) whose
 * variable part is RDP's (a cookie or a negotiation request), or a
 * Connection Confirm carrying a negotiation response or failure. ISO
 * transport users such as S7comm and MMS carry TSAP parameters instead. */
static proto_probe_result rdp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    static const uint8_t tpkt[] = { 3, 0 };
    size_t k = len < 2 ? len : 2;
    if (memcmp(data, tpkt, k)) return PROTO_PROBE_NO;
    if (len < 11) return PROTO_PROBE_NEED_MORE;
    size_t pdu = (size_t)data[2] << 8 | data[3];
    if (pdu < 11 || pdu > RDP_PDU_MAX || (size_t)data[4] + 5 != pdu || data[10] != 0) return PROTO_PROBE_NO;
    uint8_t code = data[5] & 0xf0;
    if (dir == NET_DIR_TO_SERVER && code == X224_CR) {
        if (pdu == 19 && len >= 12 && data[11] == NEG_REQ) return PROTO_PROBE_YES;
        static const char cookie[] = "Cookie: ";
        size_t n = len - 11 < sizeof cookie - 1 ? len - 11 : sizeof cookie - 1;
        if (pdu - 11 < sizeof cookie - 1) return PROTO_PROBE_NO;
        if (memcmp(data + 11, cookie, n)) return PROTO_PROBE_NO;
        return n < sizeof cookie - 1 ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_YES;
    }
    if (dir == NET_DIR_TO_CLIENT && code == X224_CC && pdu == 19 && len >= 12 &&
        (data[11] == NEG_RSP || data[11] == NEG_FAILURE))
        return PROTO_PROBE_YES;
    return PROTO_PROBE_NO;
}

const proto_parser proto_rdp = {
    .name = "rdp",
    .transport = 6,
    .ports = { 3389 },
    .state_size = sizeof(rdp_state),
    .probe = rdp_probe,
    .parse_to_server = rdp_parse_to_server,
    .parse_to_client = rdp_parse_to_client,
    .gap = rdp_gap,
};
