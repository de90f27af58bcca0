/* pkt.h - builds complete Ethernet II frames (ARP, IPv4 with TCP or UDP)
 * into a caller's buffer with correct lengths and checksums; no state,
 * no allocation, so the simulator reuses one frame buffer for everything. */
#ifndef SW_SIM_PKT_H
#define SW_SIM_PKT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PKT_ETH_LEN   14
#define PKT_IP_LEN    20
#define PKT_TCP_LEN   20
#define PKT_UDP_LEN   8
#define PKT_MIN_FRAME 60           /* Ethernet minimum without FCS; shorter frames are zero padded */
#define PKT_MAX_FRAME 1514         /* 1500-byte MTU */
#define PKT_TCP_MSS   1460
#define PKT_UDP_MAX   (1500 - PKT_IP_LEN - PKT_UDP_LEN)

enum { PKT_ETH_IPV4 = 0x0800, PKT_ETH_ARP = 0x0806 };
enum { PKT_TCP_FIN = 0x01, PKT_TCP_SYN = 0x02, PKT_TCP_RST = 0x04, PKT_TCP_PSH = 0x08, PKT_TCP_ACK = 0x10 };
enum { PKT_ARP_REQUEST = 1, PKT_ARP_REPLY = 2 };

/* Who sends to whom at layers 2 and 3. Addresses are in host byte order. */
typedef struct pkt_ends {
    uint8_t dmac[6], smac[6];
    uint32_t sip, dip;
    uint8_t ttl;
    uint16_t ip_id;
    bool dont_fragment;
} pkt_ends;

typedef struct pkt_tcp {
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    uint16_t window;
    const uint8_t *options;        /* already padded to a multiple of 4 */
    size_t options_len;            /* 0..40 */
} pkt_tcp;

/* RFC 1071 one's-complement sum of `len` bytes added to `sum` (not folded). */
uint32_t pkt_sum(const void *data, size_t len, uint32_t sum);
/* Folds a running sum and complements it: the value that goes on the wire. */
uint16_t pkt_fold(uint32_t sum);

/* Each builder returns the frame length (padded to PKT_MIN_FRAME), or 0
 * when the payload does not fit one frame. `frame` holds PKT_MAX_FRAME. */
size_t pkt_build_tcp(uint8_t *frame, const pkt_ends *e, const pkt_tcp *t, const uint8_t *payload, size_t len);
size_t pkt_build_udp(uint8_t *frame, const pkt_ends *e, uint16_t sport, uint16_t dport,
                     const uint8_t *payload, size_t len);
/* ARP for IPv4 over Ethernet; eth_dst is the frame's destination (broadcast for requests). */
size_t pkt_build_arp(uint8_t *frame, const uint8_t eth_dst[6], uint16_t op,
                     const uint8_t sha[6], uint32_t spa, const uint8_t tha[6], uint32_t tpa);

#endif
