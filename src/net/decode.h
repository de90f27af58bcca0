/* decode.h - turns one captured frame into a net_packet: link layer, ARP,
 * IPv4/IPv6 (with fragment reassembly), TCP, UDP, ICMP. Pure: no I/O, no
 * allocation after net_decoder_create. */
#ifndef SW_NET_DECODE_H
#define SW_NET_DECODE_H
#include <stdint.h>
#include "net/ipfrag.h"
#include "net/packet.h"

typedef struct net_decode_stats {
    uint64_t packets, bytes;           /* bytes on the wire */
    uint64_t ipv4, ipv6, arp, other_l3;
    uint64_t tcp, udp, icmp, icmp6, other_l4;
    uint64_t fragments, reassembled;
    uint64_t anomalies[NET_ANOM__COUNT];
} net_decode_stats;

typedef struct net_decoder {
    ipfrag_table *frags;
    net_decode_stats stats;
} net_decoder;

/* Returns 0, or -1 when the fragment table cannot be allocated. */
int  net_decoder_init(net_decoder *d, const ipfrag_config *frag);
void net_decoder_free(net_decoder *d);
/* Decodes `caplen` captured bytes of a `wirelen`-byte frame. Always fills
 * *p (l3 NONE when nothing could be decoded) and counts anomalies. */
void net_decode(net_decoder *d, net_link link, sw_time_us ts, uint64_t frame,
                const uint8_t *data, uint32_t caplen, uint32_t wirelen, net_packet *p);
const char *net_link_name(net_link link);

#endif
