/* pkt.c - Ethernet/IPv4/TCP/UDP/ARP frame builder (see pkt.h). Checksums
 * follow RFC 1071; TCP and UDP include the RFC 793/768 pseudo-header. */
#include "sim/pkt.h"
#include <string.h>

static inline void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

uint32_t pkt_sum(const void *data, size_t len, uint32_t sum)
{
    const uint8_t *p = data;
    /* 64-bit accumulator so a jumbo-sized buffer cannot overflow before folding. */
    uint64_t s = sum;
    for (; len >= 2; p += 2, len -= 2) s += (uint32_t)p[0] << 8 | p[1];
    if (len) s += (uint32_t)p[0] << 8;     /* odd byte is padded with zero on the right */
    while (s >> 32) s = (s & 0xffffffffu) + (s >> 32);
    return (uint32_t)s;
}

uint16_t pkt_fold(uint32_t sum)
{
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static size_t pad_frame(uint8_t *frame, size_t len)
{
    if (len < PKT_MIN_FRAME) {
        memset(frame + len, 0, PKT_MIN_FRAME - len);
        len = PKT_MIN_FRAME;
    }
    return len;
}

static void put_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
    memcpy(f, dst, 6);
    memcpy(f + 6, src, 6);
    put16(f + 12, type);
}

/* Writes the IPv4 header for an L4 segment of l4_len bytes. */
static void put_ipv4(uint8_t *ip, const pkt_ends *e, uint8_t proto, size_t l4_len)
{
    ip[0] = 0x45;                          /* version 4, IHL 5: no options */
    ip[1] = 0;                             /* DSCP/ECN */
    put16(ip + 2, (uint16_t)(PKT_IP_LEN + l4_len));
    put16(ip + 4, e->ip_id);
    put16(ip + 6, e->dont_fragment ? 0x4000 : 0);
    ip[8] = e->ttl;
    ip[9] = proto;
    put16(ip + 10, 0);
    put32(ip + 12, e->sip);
    put32(ip + 16, e->dip);
    put16(ip + 10, pkt_fold(pkt_sum(ip, PKT_IP_LEN, 0)));
}

static uint32_t pseudo_sum(const pkt_ends *e, uint8_t proto, size_t l4_len)
{
    uint8_t ph[12];
    put32(ph, e->sip);
    put32(ph + 4, e->dip);
    ph[8] = 0;
    ph[9] = proto;
    put16(ph + 10, (uint16_t)l4_len);
    return pkt_sum(ph, sizeof ph, 0);
}

size_t pkt_build_tcp(uint8_t *frame, const pkt_ends *e, const pkt_tcp *t, const uint8_t *payload, size_t len)
{
    size_t hl = PKT_TCP_LEN + t->options_len;
    if (t->options_len > 40 || t->options_len % 4 || PKT_IP_LEN + hl + len > 1500) return 0;
    put_eth(frame, e->dmac, e->smac, PKT_ETH_IPV4);
    uint8_t *ip = frame + PKT_ETH_LEN, *tcp = ip + PKT_IP_LEN;
    put_ipv4(ip, e, 6, hl + len);
    put16(tcp, t->sport);
    put16(tcp + 2, t->dport);
    put32(tcp + 4, t->seq);
    put32(tcp + 8, t->ack);
    tcp[12] = (uint8_t)((hl / 4) << 4);
    tcp[13] = t->flags;
    put16(tcp + 14, t->window);
    put16(tcp + 16, 0);
    put16(tcp + 18, 0);                    /* urgent pointer: never used */
    if (t->options_len) memcpy(tcp + PKT_TCP_LEN, t->options, t->options_len);
    if (len) memcpy(tcp + hl, payload, len);
    put16(tcp + 16, pkt_fold(pkt_sum(tcp, hl + len, pseudo_sum(e, 6, hl + len))));
    return pad_frame(frame, PKT_ETH_LEN + PKT_IP_LEN + hl + len);
}

size_t pkt_build_udp(uint8_t *frame, const pkt_ends *e, uint16_t sport, uint16_t dport,
                     const uint8_t *payload, size_t len)
{
    if (len > PKT_UDP_MAX) return 0;
    put_eth(frame, e->dmac, e->smac, PKT_ETH_IPV4);
    uint8_t *ip = frame + PKT_ETH_LEN, *udp = ip + PKT_IP_LEN;
    size_t l4 = PKT_UDP_LEN + len;
    put_ipv4(ip, e, 17, l4);
    put16(udp, sport);
    put16(udp + 2, dport);
    put16(udp + 4, (uint16_t)l4);
    put16(udp + 6, 0);
    if (len) memcpy(udp + PKT_UDP_LEN, payload, len);
    uint16_t ck = pkt_fold(pkt_sum(udp, l4, pseudo_sum(e, 17, l4)));
    put16(udp + 6, ck ? ck : 0xffff);      /* RFC 768: a computed zero is sent as all ones */
    return pad_frame(frame, PKT_ETH_LEN + PKT_IP_LEN + l4);
}

size_t pkt_build_arp(uint8_t *frame, const uint8_t eth_dst[6], uint16_t op,
                     const uint8_t sha[6], uint32_t spa, const uint8_t tha[6], uint32_t tpa)
{
    put_eth(frame, eth_dst, sha, PKT_ETH_ARP);
    uint8_t *a = frame + PKT_ETH_LEN;
    put16(a, 1);                           /* hardware: Ethernet */
    put16(a + 2, PKT_ETH_IPV4);
    a[4] = 6;
    a[5] = 4;
    put16(a + 6, op);
    memcpy(a + 8, sha, 6);
    put32(a + 14, spa);
    memcpy(a + 18, tha, 6);
    put32(a + 24, tpa);
    return pad_frame(frame, PKT_ETH_LEN + 28);
}
