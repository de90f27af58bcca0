/* dns.c - DNS (RFC 1035) over UDP and over TCP with its 2-byte length
 * prefix, mDNS on 5353: questions and the common answer types as app meta
 * (names, types, rcode), queries paired to responses by id. */
#include "net/proto/dns.h"
#include <stdio.h>
#include <string.h>
#include "core/ipaddr.h"
#include "net/proto/appmeta.h"

#define DNS_PENDING_MAX 16       /* outstanding query ids remembered per flow */
#define DNS_TCP_KEEP 1536        /* a longer TCP message is parsed from this prefix */
#define DNS_EMIT_QUESTIONS 4     /* questions reported per query message */
#define DNS_EMIT_ANSWERS 4       /* answers reported per response */
#define DNS_MAX_JUMPS 64

typedef struct dns_tcp_half {
    uint8_t buf[DNS_TCP_KEEP];
    uint8_t hdr[2];
    uint8_t hdr_fill;
    uint16_t msg_len, fill;      /* message length; bytes of it seen */
    bool lost;                   /* desynchronised: wait for the next delivery */
} dns_tcp_half;

typedef struct dns_pending {
    bool used;
    uint16_t id;
} dns_pending;

typedef struct dns_state {
    dns_pending pending[DNS_PENDING_MAX];
    uint8_t next_pending;
    dns_tcp_half half[NET_DIR_COUNT];   /* TCP only */
} dns_state;

typedef struct dns_header {
    uint16_t id, flags, qd, an, ns, ar;
} dns_header;

const char *dns_type_name(uint16_t type)
{
    switch (type) {
    case 1: return "A";
    case 2: return "NS";
    case 5: return "CNAME";
    case 6: return "SOA";
    case 12: return "PTR";
    case 13: return "HINFO";
    case 15: return "MX";
    case 16: return "TXT";
    case 28: return "AAAA";
    case 33: return "SRV";
    case 35: return "NAPTR";
    case 41: return "OPT";
    case 43: return "DS";
    case 46: return "RRSIG";
    case 47: return "NSEC";
    case 48: return "DNSKEY";
    case 64: return "SVCB";
    case 65: return "HTTPS";
    case 99: return "SPF";
    case 251: return "IXFR";
    case 252: return "AXFR";
    case 255: return "ANY";
    case 257: return "CAA";
    default: return NULL;
    }
}

const char *dns_rcode_name(uint8_t rcode)
{
    static const char *const names[] = { "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
                                         "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE" };
    return rcode < sizeof names / sizeof names[0] ? names[rcode] : "RCODE";
}

static void put_char(char *out, size_t cap, size_t *n, uint8_t ch)
{
    if (ch > 0x20 && ch < 0x7f && ch != '.' && ch != '\\') {
        if (*n + 1 < cap) out[(*n)++] = (char)ch;
    } else if (*n + 4 < cap) {
        *n += (size_t)snprintf(out + *n, cap - *n, "\\%03u", ch);
    }
}

bool dns_read_name(const uint8_t *msg, size_t len, cursor *c, char *out, size_t cap)
{
    size_t n = 0, wire = 0;
    unsigned labels = 0, jumps = 0;
    cursor at = *c;              /* where labels are read from now */
    bool jumped = false;
    if (cap) out[0] = '\0';
    for (;;) {
        size_t label_pos = (size_t)(cursor_ptr(&at) - msg);
        uint8_t l = cursor_u8(&at);
        if (!cursor_ok(&at)) return false;
        if ((l & 0xc0) == 0xc0) {
            uint8_t lo = cursor_u8(&at);
            if (!cursor_ok(&at)) return false;
            size_t target = (size_t)(l & 0x3f) << 8 | lo;
            /* strictly backwards: every jump lands before the last one */
            if (target >= label_pos || target >= len || ++jumps > DNS_MAX_JUMPS) return false;
            if (!jumped) { *c = at; jumped = true; }
            at = cursor_make(msg, len);
            cursor_skip(&at, target);
            continue;
        }
        if (l & 0xc0) return false;  /* extended label types (RFC 6891 obsoleted them) */
        wire += 1u + l;
        if (wire > DNS_NAME_MAX) return false;
        if (l == 0) break;
        if (++labels > DNS_LABELS_MAX) return false;
        cursor lab = cursor_sub(&at, l);
        if (!cursor_ok(&at)) return false;
        if (labels > 1 && n + 1 < cap) out[n++] = '.';
        while (cursor_left(&lab)) put_char(out, cap, &n, cursor_u8(&lab));
    }
    if (!jumped) *c = at;
    if (labels == 0 && n + 1 < cap) out[n++] = '.';
    if (cap) out[n < cap ? n : cap - 1] = '\0';
    return true;
}

static bool read_header(cursor *c, dns_header *h)
{
    h->id = cursor_be16(c);
    h->flags = cursor_be16(c);
    h->qd = cursor_be16(c);
    h->an = cursor_be16(c);
    h->ns = cursor_be16(c);
    h->ar = cursor_be16(c);
    return cursor_ok(c);
}

static bool header_plausible(const dns_header *h)
{
    unsigned opcode = h->flags >> 11 & 15;
    if (opcode == 3 || opcode > 6) return false;
    if (h->qd > 16 || h->an > 512 || h->ns > 512 || h->ar > 512) return false;
    if (h->qd == 0 && h->an == 0) return false;
    if (!(h->flags & 0x8000) && opcode == 0 && h->an > 32) return false;
    return true;
}

/* Walks every section; true when the message ends exactly after them. */
static bool dns_well_formed(const uint8_t *msg, size_t len)
{
    cursor c = cursor_make(msg, len);
    dns_header h;
    if (!read_header(&c, &h) || !header_plausible(&h)) return false;
    char name[DNS_NAME_TEXT_MAX];
    for (unsigned i = 0; i < h.qd; i++) {
        if (!dns_read_name(msg, len, &c, name, sizeof name)) return false;
        cursor_skip(&c, 4);
    }
    unsigned rrs = (unsigned)h.an + h.ns + h.ar;
    for (unsigned i = 0; i < rrs; i++) {
        if (!dns_read_name(msg, len, &c, name, sizeof name)) return false;
        cursor_skip(&c, 8);
        cursor_skip(&c, cursor_be16(&c));
    }
    return cursor_ok(&c) && cursor_left(&c) == 0;
}

static void remember_query(dns_state *st, uint16_t id)
{
    dns_pending *p = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % DNS_PENDING_MAX);
    p->used = true;
    p->id = id;
}

static bool pair_response(dns_state *st, uint16_t id)
{
    for (int k = 1; k <= DNS_PENDING_MAX; k++) {
        dns_pending *p = &st->pending[(st->next_pending + DNS_PENDING_MAX - k) % DNS_PENDING_MAX];
        if (p->used && p->id == id) { p->used = false; return true; }
    }
    return false;
}

static const char *type_text(uint16_t type, char *buf, size_t cap)
{
    const char *n = dns_type_name(type);
    if (n) return n;
    snprintf(buf, cap, "TYPE%u", type);
    return buf;
}

/* One answer's value as text, or NULL for a type not reported. */
static const char *answer_text(const uint8_t *msg, size_t len, uint16_t type, cursor rd, char *out, size_t cap)
{
    char ipb[IP_STR_MAX];
    ip_addr a;
    memset(&a, 0, sizeof a);
    switch (type) {
    case 1:
        if (cursor_left(&rd) != 4) return NULL;
        ip_from_v4(&a, cursor_be32(&rd));
        snprintf(out, cap, "%s", ip_fmt(&a, ipb));
        return out;
    case 28:
        if (cursor_left(&rd) != 16 || !cursor_copy(&rd, a.b, 16)) return NULL;
        snprintf(out, cap, "%s", ip_fmt(&a, ipb));
        return out;
    case 2: case 5: case 12:
        return dns_read_name(msg, len, &rd, out, cap) ? out : NULL;
    case 15: {
        cursor_skip(&rd, 2);
        return cursor_ok(&rd) && dns_read_name(msg, len, &rd, out, cap) ? out : NULL;
    }
    case 33: {
        uint16_t prio = cursor_be16(&rd), weight = cursor_be16(&rd), port = cursor_be16(&rd);
        char target[DNS_NAME_TEXT_MAX];
        if (!cursor_ok(&rd) || !dns_read_name(msg, len, &rd, target, sizeof target)) return NULL;
        snprintf(out, cap, "%u %u %u %s", prio, weight, port, target);
        return out;
    }
    case 16:
        snprintf(out, cap, "TXT(%zu)", cursor_left(&rd));
        return out;
    default:
        return NULL;
    }
}

/* One DNS message (a datagram, or a TCP message's kept prefix). */
static void dns_parse_message(dns_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *msg, size_t len)
{
    cursor c = cursor_make(msg, len);
    dns_header h;
    if (!read_header(&c, &h)) return;
    bool response = h.flags & 0x8000;
    const char *proto = ctx->flow && (ctx->flow->server_port == MDNS_PORT || ctx->flow->client_port == MDNS_PORT)
                        ? "mdns" : "dns";
    char qname[DNS_EMIT_QUESTIONS][DNS_NAME_TEXT_MAX], qtype[DNS_EMIT_QUESTIONS][12], idtext[8];
    const char *qt[DNS_EMIT_QUESTIONS];
    unsigned nq = 0;
    bool ok = true;
    for (unsigned i = 0; i < h.qd && ok; i++) {
        char tmp[DNS_NAME_TEXT_MAX];
        char *dst = nq < DNS_EMIT_QUESTIONS ? qname[nq] : tmp;
        ok = dns_read_name(msg, len, &c, dst, DNS_NAME_TEXT_MAX);
        uint16_t type = cursor_be16(&c);
        cursor_skip(&c, 2);
        ok = ok && cursor_ok(&c);
        if (ok && nq < DNS_EMIT_QUESTIONS) { qt[nq] = type_text(type, qtype[nq], sizeof qtype[nq]); nq++; }
    }
    snprintf(idtext, sizeof idtext, "%u", h.id);
    net_observation o;
    if (!response) {
        remember_query(st, h.id);
        for (unsigned i = 0; i < nq; i++) {
            appmeta_init(&o, proto, "query");
            appmeta_add(&o, "dns.query", qname[i]);
            appmeta_add(&o, "dns.qtype", qt[i]);
            appmeta_add(&o, "dns.id", idtext);
            if (!ok) appmeta_add(&o, "dns.malformed", "true");
            proto_emit(ctx, dir, &o);
        }
        if (nq == 0) {           /* no readable question: still a query */
            appmeta_init(&o, proto, "query");
            appmeta_add(&o, "dns.id", idtext);
            appmeta_add(&o, "dns.malformed", "true");
            proto_emit(ctx, dir, &o);
        }
        return;
    }
    appmeta_init(&o, proto, "response");
    if (nq) { appmeta_add(&o, "dns.query", qname[0]); appmeta_add(&o, "dns.qtype", qt[0]); }
    appmeta_add(&o, "dns.rcode", dns_rcode_name((uint8_t)(h.flags & 15)));
    appmeta_add(&o, "dns.paired", pair_response(st, h.id) ? "true" : "false");
    char ans[DNS_EMIT_ANSWERS][DNS_NAME_TEXT_MAX + 24];
    unsigned na = 0;
    for (unsigned i = 0; i < h.an && ok && na < DNS_EMIT_ANSWERS; i++) {
        char owner[DNS_NAME_TEXT_MAX];
        ok = dns_read_name(msg, len, &c, owner, sizeof owner);
        uint16_t type = cursor_be16(&c);
        cursor_skip(&c, 6);      /* class, TTL */
        uint16_t rdlen = cursor_be16(&c);
        cursor rd = cursor_sub(&c, rdlen);
        ok = ok && cursor_ok(&c);
        if (ok && answer_text(msg, len, type, rd, ans[na], sizeof ans[na]))
            appmeta_add(&o, "dns.answer", ans[na++]);
    }
    proto_emit(ctx, dir, &o);
}

static void dns_udp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dns_parse_message(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void dns_udp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dns_parse_message(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* TCP: each message behind a 2-byte length. The first DNS_TCP_KEEP bytes
 * are kept, the rest of a longer message is skipped; a length below a
 * header loses sync until the next delivery. */
static void dns_tcp_feed(dns_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    dns_tcp_half *h = &st->half[dir];
    if (h->lost) { memset(h->hdr, 0, sizeof h->hdr); h->hdr_fill = 0; h->fill = 0; h->lost = false; }
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->hdr_fill < 2) {
            h->hdr[h->hdr_fill++] = cursor_u8(&in);
            if (h->hdr_fill < 2) continue;
            h->msg_len = (uint16_t)(h->hdr[0] << 8 | h->hdr[1]);
            h->fill = 0;
            if (h->msg_len < DNS_HEADER_LEN) { h->lost = true; return; }
            continue;
        }
        size_t want = (size_t)h->msg_len - h->fill;
        size_t take = want < cursor_left(&in) ? want : cursor_left(&in);
        if (h->fill < DNS_TCP_KEEP) {
            size_t keep = DNS_TCP_KEEP - h->fill;
            if (keep > take) keep = take;
            memcpy(h->buf + h->fill, cursor_ptr(&in), keep);
        }
        cursor_skip(&in, take);
        h->fill = (uint16_t)(h->fill + take);
        if (h->fill == h->msg_len) {
            dns_parse_message(st, ctx, dir, h->buf, h->msg_len < DNS_TCP_KEEP ? h->msg_len : DNS_TCP_KEEP);
            h->hdr_fill = 0;
            h->fill = 0;
        }
    }
}

static void dns_tcp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dns_tcp_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void dns_tcp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dns_tcp_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

static void dns_tcp_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    dns_state *st = state;
    st->half[dir].lost = true;
}

/* A datagram is DNS when its header is plausible and every section walks
 * to exactly its end. */
static proto_probe_result dns_udp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len < DNS_HEADER_LEN) return PROTO_PROBE_NO;
    return dns_well_formed(data, len) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

/* TCP: the first message must be whole before it is judged, except a long
 * one, where a plausible header and readable first question suffice. */
static proto_probe_result dns_tcp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len < 2) return PROTO_PROBE_NEED_MORE;
    size_t mlen = (size_t)(data[0] << 8 | data[1]);
    if (mlen < DNS_HEADER_LEN) return PROTO_PROBE_NO;
    if (len - 2 >= mlen) return dns_well_formed(data + 2, mlen) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    if (len - 2 < DNS_HEADER_LEN) return PROTO_PROBE_NEED_MORE;
    cursor c = cursor_make(data + 2, len - 2);
    dns_header h;
    if (!read_header(&c, &h) || !header_plausible(&h)) return PROTO_PROBE_NO;
    if (len < 512) return PROTO_PROBE_NEED_MORE;
    char name[DNS_NAME_TEXT_MAX];
    return h.qd && dns_read_name(data + 2, len - 2, &c, name, sizeof name) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_dns = {
    .name = "dns",
    .transport = 17,
    .ports = { DNS_PORT, MDNS_PORT },
    .state_size = offsetof(dns_state, half),
    .probe = dns_udp_probe,
    .parse_to_server = dns_udp_to_server,
    .parse_to_client = dns_udp_to_client,
};

const proto_parser proto_dns_tcp = {
    .name = "dns-tcp",
    .transport = 6,
    .ports = { DNS_PORT },
    .state_size = sizeof(dns_state),
    .probe = dns_tcp_probe,
    .parse_to_server = dns_tcp_to_server,
    .parse_to_client = dns_tcp_to_client,
    .gap = dns_tcp_gap,
};
