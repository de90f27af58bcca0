/* decode_ip.c - IPv4 (header checks, options, fragments) and IPv6
 * (extension header walk, fragments). Both hand the upper-layer payload,
 * reassembled when needed, to the transport decoder. */
#include "net/decode_priv.h"
#include <string.h>

#define IP6_MAX_EXT_HEADERS 8   /* more than this is an evasion attempt or junk */

/* True when the header's one's-complement sum is all ones (RFC 1071). The
 * sum is taken 32 bits at a time in host order and folded: the all-ones
 * test does not depend on byte order, and a 20-byte header is five adds.
 * `len` is the header length, a multiple of 4. */
static bool ipv4_header_checksum_ok(const uint8_t *h, size_t len)
{
    uint64_t sum = 0;
    for (size_t i = 0; i + 4 <= len; i += 4) {
        uint32_t w;
        memcpy(&w, h + i, 4);
        sum += w;
    }
    sum = (sum & 0xffffffffu) + (sum >> 32);
    sum = (sum & 0xffffffffu) + (sum >> 32);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return sum == 0xffff;
}

/* Options are TLVs except EOL (0) and NOP (1); a length below 2 or past the
 * header is malformed. */
static bool ipv4_options_valid(cursor o)
{
    while (cursor_left(&o) > 0) {
        uint8_t type = cursor_u8(&o);
        if (type == 0) return true;
        if (type == 1) continue;
        uint8_t len = cursor_u8(&o);
        if (!cursor_ok(&o) || len < 2) return false;
        cursor_skip(&o, (size_t)len - 2);
        if (!cursor_ok(&o)) return false;
    }
    return true;
}

static void fragment_flags_to_anomalies(net_decoder *d, net_packet *p, unsigned flags)
{
    if (flags & IPFRAG_F_OVERLAP) net_anomaly_count(d, p, NET_ANOM_FRAG_OVERLAP);
    if (flags & IPFRAG_F_CONFLICT) net_anomaly_count(d, p, NET_ANOM_FRAG_OVERLAP_CONFLICT);
    if (flags & IPFRAG_F_TOO_BIG) net_anomaly_count(d, p, NET_ANOM_FRAG_TOO_BIG);
    if (flags & IPFRAG_F_EVICTED) net_anomaly_count(d, p, NET_ANOM_FRAG_TABLE_FULL);
    if (flags & IPFRAG_F_BAD) net_anomaly_count(d, p, NET_ANOM_FRAG_BAD);
}

/* Adds a fragment; on completion returns a cursor over the whole payload. */
static bool reassemble(net_decoder *d, net_packet *p, const ipfrag_key *key, uint32_t offset,
                       bool more, cursor payload, cursor *whole)
{
    const uint8_t *out = NULL;
    uint32_t out_len = 0;
    unsigned flags = 0;
    uint64_t timed_out_before = ipfrag_get_stats(d->frags)->timed_out;
    d->stats.fragments++;
    ipfrag_result r = ipfrag_add(d->frags, key, p->ts, offset, more, cursor_ptr(&payload),
                                 (uint32_t)cursor_left(&payload), &out, &out_len, &flags);
    uint64_t expired = ipfrag_get_stats(d->frags)->timed_out - timed_out_before;
    if (expired) { d->stats.anomalies[NET_ANOM_FRAG_TIMEOUT] += expired; net_packet_flag(p, NET_ANOM_FRAG_TIMEOUT); }
    fragment_flags_to_anomalies(d, p, flags);
    if (r != IPFRAG_COMPLETE) { p->is_fragment = true; return false; }
    d->stats.reassembled++;
    p->reassembled = true;
    *whole = cursor_make(out, out_len);
    return true;
}

void net_decode_ipv4(net_decoder *d, net_packet *p, cursor c)
{
    size_t avail = cursor_left(&c);
    const uint8_t *hdr = cursor_ptr(&c);
    uint8_t vihl = cursor_u8(&c);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_IP_TRUNCATED); return; }
    if (vihl >> 4 != 4) { net_anomaly_count(d, p, NET_ANOM_IP_BAD_VERSION); return; }
    size_t hlen = (size_t)(vihl & 0x0f) * 4;
    if (hlen < 20) { net_anomaly_count(d, p, NET_ANOM_IP_BAD_HLEN); return; }
    if (avail < hlen) { net_anomaly_count(d, p, NET_ANOM_IP_TRUNCATED); return; }
    cursor_skip(&c, 1);
    uint16_t total = cursor_be16(&c);
    uint16_t id = cursor_be16(&c);
    uint16_t frag = cursor_be16(&c);
    p->ttl = cursor_u8(&c);
    uint8_t proto = cursor_u8(&c);
    uint16_t csum = cursor_be16(&c);
    uint32_t src = cursor_be32(&c), dst = cursor_be32(&c);
    cursor opts = cursor_sub(&c, hlen - 20);

    p->l3 = NET_L3_IPV4;
    ip_from_v4(&p->src, src);
    ip_from_v4(&p->dst, dst);
    p->ip_proto = proto;
    if (p->ttl == 0) net_anomaly_count(d, p, NET_ANOM_IP_TTL_ZERO);
    /* A zero checksum is what senders with checksum offload hand to the capture. */
    if (csum != 0 && !ipv4_header_checksum_ok(hdr, hlen)) net_anomaly_count(d, p, NET_ANOM_IP_BAD_CHECKSUM);
    if (hlen > 20 && !ipv4_options_valid(opts)) net_anomaly_count(d, p, NET_ANOM_IP_OPT_MALFORMED);

    /* total covers header and payload; bytes past it are link padding. */
    if (total < hlen) { net_anomaly_count(d, p, NET_ANOM_IP_BAD_LEN); return; }
    size_t plen = total - hlen;
    if (plen > cursor_left(&c)) {
        net_anomaly_count(d, p, NET_ANOM_IP_TRUNCATED);   /* snaplen: decode what there is */
        plen = cursor_left(&c);
    }
    p->l3_len = (uint32_t)(hlen + plen);
    cursor payload = cursor_sub(&c, plen);

    bool more = frag & 0x2000;
    uint32_t offset = (uint32_t)(frag & 0x1fff) * 8;
    if (more || offset) {
        ipfrag_key key;
        memset(&key, 0, sizeof key);
        key.src = p->src; key.dst = p->dst; key.id = id; key.proto = proto;
        key.vlan = p->n_vlan ? p->vlan[p->n_vlan - 1] : 0;
        cursor whole;
        if (!reassemble(d, p, &key, offset, more, payload, &whole)) return;
        payload = whole;
    }
    net_decode_l4(d, p, proto, payload);
}

void net_decode_ipv6(net_decoder *d, net_packet *p, cursor c)
{
    uint32_t vtcfl = cursor_be32(&c);
    uint16_t plen = cursor_be16(&c);
    uint8_t next = cursor_u8(&c);
    p->ttl = cursor_u8(&c);
    cursor_copy(&c, p->src.b, 16);
    cursor_copy(&c, p->dst.b, 16);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_IP_TRUNCATED); return; }
    if (vtcfl >> 28 != 6) { net_anomaly_count(d, p, NET_ANOM_IP_BAD_VERSION); return; }
    p->l3 = NET_L3_IPV6;
    p->src.v4 = p->dst.v4 = false;
    if (plen > cursor_left(&c)) {
        net_anomaly_count(d, p, NET_ANOM_IP_TRUNCATED);
        plen = (uint16_t)cursor_left(&c);
    }
    p->l3_len = 40u + plen;
    cursor payload = cursor_sub(&c, plen);

    /* Walk extension headers until an upper-layer protocol. A fragment
     * header that completes a datagram restarts the walk over the
     * reassembled bytes, which begin with the fragment's next header. */
    for (int n = 0;; n++) {
        if (n == IP6_MAX_EXT_HEADERS) { net_anomaly_count(d, p, NET_ANOM_IP6_EXT_TOO_MANY); return; }
        if (next == IPP_HOPOPTS || next == IPP_ROUTING || next == IPP_DSTOPTS || next == IPP_MOBILITY) {
            uint8_t nh = cursor_u8(&payload);
            uint8_t len8 = cursor_u8(&payload);
            cursor_skip(&payload, (size_t)len8 * 8 + 6);
            if (!cursor_ok(&payload)) { net_anomaly_count(d, p, NET_ANOM_IP6_EXT_MALFORMED); return; }
            next = nh;
        } else if (next == IPP_AH) {
            uint8_t nh = cursor_u8(&payload);
            uint8_t len4 = cursor_u8(&payload);
            cursor_skip(&payload, ((size_t)len4 + 2) * 4 - 2);
            if (!cursor_ok(&payload)) { net_anomaly_count(d, p, NET_ANOM_IP6_EXT_MALFORMED); return; }
            next = nh;
        } else if (next == IPP_FRAGMENT) {
            uint8_t nh = cursor_u8(&payload);
            cursor_skip(&payload, 1);
            uint16_t offflags = cursor_be16(&payload);
            uint32_t id = cursor_be32(&payload);
            if (!cursor_ok(&payload)) { net_anomaly_count(d, p, NET_ANOM_IP6_EXT_MALFORMED); return; }
            uint32_t offset = (uint32_t)(offflags & 0xfff8);
            bool more = offflags & 1;
            next = nh;
            if (offset == 0 && !more) continue;   /* atomic fragment (RFC 6946) */
            ipfrag_key key;
            memset(&key, 0, sizeof key);
            key.src = p->src; key.dst = p->dst; key.id = id; key.proto = nh;
            key.vlan = p->n_vlan ? p->vlan[p->n_vlan - 1] : 0;
            cursor whole;
            if (!reassemble(d, p, &key, offset, more, payload, &whole)) { p->ip_proto = nh; return; }
            payload = whole;
        } else {
            break;
        }
    }
    p->ip_proto = next;
    net_decode_l4(d, p, next, payload);
}
