/* decode_priv.h - the hand-offs between the decoder's layer files. Each
 * function decodes the bytes left in the cursor as its layer. */
#ifndef SW_NET_DECODE_PRIV_H
#define SW_NET_DECODE_PRIV_H
#include "core/cursor.h"
#include "net/decode.h"

/* Protocol numbers and ethertypes the decoder dispatches on. */
enum {
    ETH_P_IPV4 = 0x0800, ETH_P_ARP = 0x0806, ETH_P_VLAN = 0x8100,
    ETH_P_IPV6 = 0x86dd, ETH_P_QINQ = 0x88a8, ETH_P_QINQ_OLD = 0x9100,
};
enum { IPP_HOPOPTS = 0, IPP_ICMP = 1, IPP_TCP = 6, IPP_UDP = 17, IPP_ROUTING = 43,
       IPP_FRAGMENT = 44, IPP_ESP = 50, IPP_AH = 51, IPP_ICMPV6 = 58, IPP_NONE = 59,
       IPP_DSTOPTS = 60, IPP_MOBILITY = 135 };

void net_decode_ethertype(net_decoder *d, net_packet *p, uint16_t type, cursor c);
void net_decode_arp(net_decoder *d, net_packet *p, cursor c);
void net_decode_ipv4(net_decoder *d, net_packet *p, cursor c);
void net_decode_ipv6(net_decoder *d, net_packet *p, cursor c);
/* Transport layer from a cursor over exactly the IP payload. */
void net_decode_l4(net_decoder *d, net_packet *p, uint8_t proto, cursor c);

static inline void net_anomaly_count(net_decoder *d, net_packet *p, net_anomaly a)
{
    if (!net_packet_has_anomaly(p, a)) d->stats.anomalies[a]++;
    net_packet_flag(p, a);
}

#endif
