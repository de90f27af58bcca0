/* decode_arp.c - ARP over Ethernet and IPv4 (RFC 826): who claims which
 * address is what the asset inventory learns MAC-to-IP bindings from. */
#include "net/decode_priv.h"

void net_decode_arp(net_decoder *d, net_packet *p, cursor c)
{
    p->l3 = NET_L3_ARP;
    uint16_t htype = cursor_be16(&c), ptype = cursor_be16(&c);
    uint8_t hlen = cursor_u8(&c), plen = cursor_u8(&c);
    p->arp.op = cursor_be16(&c);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_ARP_MALFORMED); return; }
    if (htype != 1 || ptype != ETH_P_IPV4 || hlen != 6 || plen != 4) return;   /* other media: not decoded */
    cursor_copy(&c, p->arp.sender_mac, 6);
    uint32_t sip = cursor_be32(&c);
    cursor_copy(&c, p->arp.target_mac, 6);
    uint32_t tip = cursor_be32(&c);
    if (!cursor_ok(&c)) { net_anomaly_count(d, p, NET_ANOM_ARP_MALFORMED); return; }
    ip_from_v4(&p->arp.sender_ip, sip);
    ip_from_v4(&p->arp.target_ip, tip);
}
