/* decode_l4.c - TCP (with the options flow tracking needs: MSS, window
 * scale, SACK-permitted, timestamps), UDP, ICMP and ICMPv6 headers. */
#include "net/decode_priv.h"

/* Options are TLVs after EOL/NOP; a bad length ends the walk and is flagged. */
static bool tcp_parse_options(cursor o, net_tcp_opts *t)
{
    while (cursor_left(&o) > 0) {
        uint8_t kind = cursor_u8(&o);
        if (kind == 0) return true;
        if (kind == 1) continue;
        uint8_t len = cursor_u8(&o);
        if (!cursor_ok(&o) || len < 2) return false;
        cursor v = cursor_sub(&o, (size_t)len - 2);
        if (!cursor_ok(&o)) return false;
        switch (kind) {
        case 2: if (len != 4) return false; t->mss = cursor_be16(&v); t->has_mss = true; break;
        case 3: if (len != 3) return false; t->wscale = cursor_u8(&v); t->has_wscale = true; break;
        case 4: if (len != 2) return false; t->sack_permitted = true; break;
        case 8:
            if (len != 10) return false;
            t->ts_val = cursor_be32(&v); t->ts_ecr = cursor_be32(&v); t->has_timestamp = true;
            break;
        default: break;   /* SACK blocks, MPTCP, TFO...: not needed for tracking */
        }
    }
    return true;
}

static void decode_tcp(net_decoder *d, net_packet *p, cursor c)
{
    p->sport = cursor_be16(&c);
    p->dport = cursor_be16(&c);
    p->seq = cursor_be32(&c);
    p->ack = cursor_be32(&c);
    uint8_t off = cursor_u8(&c);
    p->tcp_flags = cursor_u8(&c);
    p->window = cursor_be16(&c);
    cursor_skip(&c, 4);   /* checksum, urgent pointer */
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_TCP_TRUNCATED); return; }
    d->stats.tcp++;
    size_t hlen = (size_t)(off >> 4) * 4;
    if (hlen < 20) { net_anomaly_count(d, p, NET_ANOM_TCP_BAD_HLEN); p->sport = p->dport = 0; return; }
    cursor opts = cursor_sub(&c, hlen - 20);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_TCP_TRUNCATED); p->sport = p->dport = 0; return; }
    if (!tcp_parse_options(opts, &p->tcp_opts)) net_anomaly_count(d, p, NET_ANOM_TCP_OPT_MALFORMED);
    p->has_l4 = true;
    uint8_t f = p->tcp_flags;
    if ((f & (TCP_SYN | TCP_FIN)) == (TCP_SYN | TCP_FIN) || (f & (TCP_SYN | TCP_RST)) == (TCP_SYN | TCP_RST) ||
        (f & 0x3f) == 0)
        net_anomaly_count(d, p, NET_ANOM_TCP_BAD_FLAGS);
    p->payload = cursor_ptr(&c);
    p->payload_len = (uint32_t)cursor_left(&c);
}

static void decode_udp(net_decoder *d, net_packet *p, cursor c)
{
    size_t avail = cursor_left(&c);
    p->sport = cursor_be16(&c);
    p->dport = cursor_be16(&c);
    uint16_t len = cursor_be16(&c);
    cursor_skip(&c, 2);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_UDP_TRUNCATED); p->sport = p->dport = 0; return; }
    d->stats.udp++;
    p->has_l4 = true;
    size_t plen = cursor_left(&c);
    if (len < 8) {
        net_anomaly_count(d, p, NET_ANOM_UDP_BAD_LEN);   /* 0 is legal only for IPv6 jumbograms */
    } else if (len > avail) {
        net_anomaly_count(d, p, NET_ANOM_UDP_TRUNCATED);
    } else {
        plen = (size_t)len - 8;                            /* trailing bytes are padding */
    }
    p->payload = cursor_ptr(&c);
    p->payload_len = (uint32_t)plen;
}

static void decode_icmp(net_decoder *d, net_packet *p, cursor c, bool v6)
{
    p->icmp_type = cursor_u8(&c);
    p->icmp_code = cursor_u8(&c);
    cursor_skip(&c, 2);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_ICMP_TRUNCATED); return; }
    if (v6) d->stats.icmp6++; else d->stats.icmp++;
    p->has_l4 = true;
    p->payload = cursor_ptr(&c);
    p->payload_len = (uint32_t)cursor_left(&c);
}

void net_decode_l4(net_decoder *d, net_packet *p, uint8_t proto, cursor c)
{
    p->l4 = cursor_ptr(&c);
    p->l4_len = (uint32_t)cursor_left(&c);
    switch (proto) {
    case IPP_TCP: decode_tcp(d, p, c); break;
    case IPP_UDP: decode_udp(d, p, c); break;
    case IPP_ICMP: if (p->l3 == NET_L3_IPV4) decode_icmp(d, p, c, false); else d->stats.other_l4++; break;
    case IPP_ICMPV6: if (p->l3 == NET_L3_IPV6) decode_icmp(d, p, c, true); else d->stats.other_l4++; break;
    default: d->stats.other_l4++; break;
    }
}
