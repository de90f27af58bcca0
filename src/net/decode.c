/* decode.c - the decoder's entry point and the link layers: Ethernet with
 * 802.1Q/QinQ tags, Linux cooked v1/v2, BSD and OpenBSD loopback, raw IP. */
#include "net/decode_priv.h"
#include <string.h>

static const char *const anomaly_names[NET_ANOM__COUNT] = {
    [NET_ANOM_LINK_TRUNCATED] = "link_truncated",
    [NET_ANOM_LINK_UNKNOWN] = "link_unknown",
    [NET_ANOM_VLAN_TOO_DEEP] = "vlan_too_deep",
    [NET_ANOM_ARP_MALFORMED] = "arp_malformed",
    [NET_ANOM_IP_TRUNCATED] = "ip_truncated",
    [NET_ANOM_IP_BAD_VERSION] = "ip_bad_version",
    [NET_ANOM_IP_BAD_HLEN] = "ip_bad_header_length",
    [NET_ANOM_IP_BAD_LEN] = "ip_bad_total_length",
    [NET_ANOM_IP_BAD_CHECKSUM] = "ip_bad_checksum",
    [NET_ANOM_IP_TTL_ZERO] = "ip_ttl_zero",
    [NET_ANOM_IP_OPT_MALFORMED] = "ip_option_malformed",
    [NET_ANOM_IP6_EXT_MALFORMED] = "ipv6_ext_malformed",
    [NET_ANOM_IP6_EXT_TOO_MANY] = "ipv6_ext_too_many",
    [NET_ANOM_FRAG_OVERLAP] = "frag_overlap",
    [NET_ANOM_FRAG_OVERLAP_CONFLICT] = "frag_overlap_conflict",
    [NET_ANOM_FRAG_TOO_BIG] = "frag_too_big",
    [NET_ANOM_FRAG_TABLE_FULL] = "frag_table_full",
    [NET_ANOM_FRAG_TIMEOUT] = "frag_timeout",
    [NET_ANOM_FRAG_BAD] = "frag_malformed",
    [NET_ANOM_TCP_TRUNCATED] = "tcp_truncated",
    [NET_ANOM_TCP_BAD_HLEN] = "tcp_bad_header_length",
    [NET_ANOM_TCP_BAD_FLAGS] = "tcp_bad_flags",
    [NET_ANOM_TCP_OPT_MALFORMED] = "tcp_option_malformed",
    [NET_ANOM_UDP_TRUNCATED] = "udp_truncated",
    [NET_ANOM_UDP_BAD_LEN] = "udp_bad_length",
    [NET_ANOM_ICMP_TRUNCATED] = "icmp_truncated",
};

const char *net_anomaly_name(net_anomaly a)
{
    return (unsigned)a < NET_ANOM__COUNT ? anomaly_names[a] : "unknown";
}

const char *net_link_name(net_link link)
{
    static const char *const names[NET_LINK__COUNT] = {
        "ethernet", "linux-sll", "linux-sll2", "null", "loop", "raw", "ipv4", "ipv6",
    };
    return (unsigned)link < NET_LINK__COUNT ? names[link] : "unknown";
}

int net_decoder_init(net_decoder *d, const ipfrag_config *frag)
{
    memset(d, 0, sizeof *d);
    ipfrag_config def;
    if (!frag) { ipfrag_config_default(&def); frag = &def; }
    d->frags = ipfrag_create(frag);
    return d->frags ? 0 : -1;
}

void net_decoder_free(net_decoder *d)
{
    ipfrag_destroy(d->frags);
    d->frags = NULL;
}

void net_decode_ethertype(net_decoder *d, net_packet *p, uint16_t type, cursor c)
{
    /* Tags nest: 802.1ad (0x88a8, or the pre-standard 0x9100) outside 802.1Q. */
    while (type == ETH_P_VLAN || type == ETH_P_QINQ || type == ETH_P_QINQ_OLD) {
        uint16_t tci = cursor_be16(&c);
        type = cursor_be16(&c);
        if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED); return; }
        if (p->n_vlan == NET_MAX_VLAN) { net_anomaly_count(d, p, NET_ANOM_VLAN_TOO_DEEP); return; }
        p->vlan[p->n_vlan++] = tci & 0x0fff;
    }
    p->ethertype = type;
    p->l3_off = (uint32_t)(cursor_ptr(&c) - p->data);
    switch (type) {
    case ETH_P_IPV4: net_decode_ipv4(d, p, c); break;
    case ETH_P_IPV6: net_decode_ipv6(d, p, c); break;
    case ETH_P_ARP:  net_decode_arp(d, p, c); break;
    default:         p->l3 = NET_L3_OTHER; break;
    }
}

static void decode_ethernet(net_decoder *d, net_packet *p, cursor c)
{
    if (!cursor_copy(&c, p->dst_mac, 6) || !cursor_copy(&c, p->src_mac, 6)) {
        net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED);
        return;
    }
    p->has_mac = true;
    uint16_t type = cursor_be16(&c);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED); return; }
    if (type <= 1500) { p->l3 = NET_L3_OTHER; return; }   /* 802.3 length: LLC (STP, CDP...) */
    net_decode_ethertype(d, p, type, c);
}

/* Linux cooked v1: type(2) hatype(2) addr_len(2) addr(8) protocol(2). */
static void decode_sll(net_decoder *d, net_packet *p, cursor c)
{
    cursor_skip(&c, 2);
    uint16_t hatype = cursor_be16(&c), alen = cursor_be16(&c);
    uint8_t addr[8];
    cursor_copy(&c, addr, 8);
    uint16_t proto = cursor_be16(&c);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED); return; }
    if (hatype == 1 && alen == 6) { memcpy(p->src_mac, addr, 6); p->has_mac = true; }
    if (proto <= 1500) { p->l3 = NET_L3_OTHER; return; }
    net_decode_ethertype(d, p, proto, c);
}

/* Linux cooked v2: protocol(2) reserved(2) ifindex(4) hatype(2) pkttype(1) addr_len(1) addr(8). */
static void decode_sll2(net_decoder *d, net_packet *p, cursor c)
{
    uint16_t proto = cursor_be16(&c);
    cursor_skip(&c, 6);
    uint16_t hatype = cursor_be16(&c);
    cursor_skip(&c, 1);
    uint8_t alen = cursor_u8(&c), addr[8];
    cursor_copy(&c, addr, 8);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED); return; }
    if (hatype == 1 && alen == 6) { memcpy(p->src_mac, addr, 6); p->has_mac = true; }
    if (proto <= 1500) { p->l3 = NET_L3_OTHER; return; }
    net_decode_ethertype(d, p, proto, c);
}

/* The loopback header holds an address family whose value for IPv6 depends
 * on the capturing OS (Linux 10, BSDs 24, FreeBSD 28, Darwin 30). */
static void decode_loopback(net_decoder *d, net_packet *p, cursor c, bool network_order)
{
    uint32_t af = network_order ? cursor_be32(&c) : cursor_le32(&c);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED); return; }
    if (!network_order && af > 0xffff)   /* written on a big-endian host */
        af = (af >> 24) | ((af >> 8) & 0xff00) | ((af << 8) & 0xff0000) | (af << 24);
    p->l3_off = 4;
    switch (af) {
    case 2: net_decode_ipv4(d, p, c); break;
    case 10: case 24: case 28: case 30: net_decode_ipv6(d, p, c); break;
    default: p->l3 = NET_L3_OTHER; net_anomaly_count(d, p, NET_ANOM_LINK_UNKNOWN); break;
    }
}

static void decode_raw(net_decoder *d, net_packet *p, cursor c)
{
    uint8_t version = cursor_peek_u8(&c, 0) >> 4;
    if (version == 4) net_decode_ipv4(d, p, c);
    else if (version == 6) net_decode_ipv6(d, p, c);
    else if (cursor_left(&c) == 0) net_anomaly_count(d, p, NET_ANOM_LINK_TRUNCATED);
    else net_anomaly_count(d, p, NET_ANOM_IP_BAD_VERSION);
}

void net_decode(net_decoder *d, net_link link, sw_time_us ts, uint64_t frame,
                const uint8_t *data, uint32_t caplen, uint32_t wirelen, net_packet *p)
{
    memset(p, 0, sizeof *p);
    p->ts = ts;
    p->frame = frame;
    p->data = data;
    p->caplen = caplen;
    p->wirelen = wirelen < caplen ? caplen : wirelen;
    p->link = link;
    d->stats.packets++;
    d->stats.bytes += p->wirelen;

    cursor c = cursor_make(data, caplen);
    switch (link) {
    case NET_LINK_ETHERNET: decode_ethernet(d, p, c); break;
    case NET_LINK_SLL:      decode_sll(d, p, c); break;
    case NET_LINK_SLL2:     decode_sll2(d, p, c); break;
    case NET_LINK_NULL:     decode_loopback(d, p, c, false); break;
    case NET_LINK_LOOP:     decode_loopback(d, p, c, true); break;
    case NET_LINK_RAW:      decode_raw(d, p, c); break;
    case NET_LINK_IPV4:     net_decode_ipv4(d, p, c); break;
    case NET_LINK_IPV6:     net_decode_ipv6(d, p, c); break;
    default:                net_anomaly_count(d, p, NET_ANOM_LINK_UNKNOWN); break;
    }
    switch (p->l3) {
    case NET_L3_IPV4: d->stats.ipv4++; break;
    case NET_L3_IPV6: d->stats.ipv6++; break;
    case NET_L3_ARP:  d->stats.arp++; break;
    default:          d->stats.other_l3++; break;
    }
}
