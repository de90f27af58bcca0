/* proto_dhcp.c - DHCP DISCOVER builder for devices that join a segment
 * (the rogue-device scenario); BOOTP fixed fields, magic cookie, options. */
#include <string.h>
#include "sim/proto.h"

void dhcp_discover(sim_buf *b, uint32_t xid, uint16_t secs, const uint8_t mac[6], const char *hostname)
{
    size_t start = b->len;
    sim_buf_u8(b, 1);                   /* BOOTREQUEST */
    sim_buf_u8(b, 1);                   /* Ethernet */
    sim_buf_u8(b, 6);
    sim_buf_u8(b, 0);
    sim_buf_be32(b, xid);
    sim_buf_be16(b, secs);
    sim_buf_be16(b, 0x8000);            /* broadcast: no address to unicast a reply to yet */
    sim_buf_zero(b, 16);                /* ciaddr, yiaddr, siaddr, giaddr */
    sim_buf_put(b, mac, 6);
    sim_buf_zero(b, 10 + 64 + 128);     /* chaddr padding, sname, file */
    sim_buf_be32(b, 0x63825363);        /* magic cookie */
    sim_buf_u8(b, 53); sim_buf_u8(b, 1); sim_buf_u8(b, 1);         /* DHCPDISCOVER */
    sim_buf_u8(b, 61); sim_buf_u8(b, 7); sim_buf_u8(b, 1); sim_buf_put(b, mac, 6);
    size_t n = strlen(hostname);
    if (n > 63) n = 63;
    sim_buf_u8(b, 12); sim_buf_u8(b, (uint8_t)n); sim_buf_put(b, hostname, n);
    static const uint8_t prl[] = { 1, 3, 6, 15, 28, 42, 51, 58, 59 };
    sim_buf_u8(b, 55); sim_buf_u8(b, sizeof prl); sim_buf_put(b, prl, sizeof prl);
    sim_buf_u8(b, 255);
    if (b->len - start < 300) sim_buf_zero(b, 300 - (b->len - start));   /* BOOTP minimum message size */
}
