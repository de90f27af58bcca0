/* packet.h - one decoded packet: link, network and transport fields, layer
 * offsets and anomalies. Pointers refer to the frame (or the fragment buffer
 * after reassembly) and stay valid until the next decode call. */
#ifndef SW_NET_PACKET_H
#define SW_NET_PACKET_H
#include <stdbool.h>
#include <stdint.h>
#include "core/ipaddr.h"
#include "core/timeutil.h"

/* Link types the decoder understands; the capture front end maps libpcap's
 * DLT values onto these so that src/net does not depend on pcap.h. */
typedef enum net_link {
    NET_LINK_ETHERNET,   /* Ethernet II, 802.1Q, QinQ */
    NET_LINK_SLL,        /* Linux cooked v1 */
    NET_LINK_SLL2,       /* Linux cooked v2 */
    NET_LINK_NULL,       /* BSD loopback: 4-byte AF in host byte order */
    NET_LINK_LOOP,       /* OpenBSD loopback: 4-byte AF in network byte order */
    NET_LINK_RAW,        /* bare IPv4 or IPv6, version nibble decides */
    NET_LINK_IPV4,
    NET_LINK_IPV6,
    NET_LINK__COUNT
} net_link;

typedef enum net_l3 { NET_L3_NONE, NET_L3_IPV4, NET_L3_IPV6, NET_L3_ARP, NET_L3_OTHER } net_l3;

/* Decoding anomalies, one bit each in net_packet.anomalies and one counter
 * each in the decoder's statistics. Names are in net_anomaly_name(). */
typedef enum net_anomaly {
    NET_ANOM_LINK_TRUNCATED,
    NET_ANOM_LINK_UNKNOWN,       /* link type or AF the decoder does not know */
    NET_ANOM_VLAN_TOO_DEEP,      /* more tags than NET_MAX_VLAN */
    NET_ANOM_ARP_MALFORMED,
    NET_ANOM_IP_TRUNCATED,       /* caplen shorter than the header or total length */
    NET_ANOM_IP_BAD_VERSION,
    NET_ANOM_IP_BAD_HLEN,
    NET_ANOM_IP_BAD_LEN,         /* total length below the header, or beyond the frame */
    NET_ANOM_IP_BAD_CHECKSUM,
    NET_ANOM_IP_TTL_ZERO,
    NET_ANOM_IP_OPT_MALFORMED,
    NET_ANOM_IP6_EXT_MALFORMED,
    NET_ANOM_IP6_EXT_TOO_MANY,
    NET_ANOM_FRAG_OVERLAP,       /* bytes received twice, same content */
    NET_ANOM_FRAG_OVERLAP_CONFLICT, /* bytes received twice, different content: evasion */
    NET_ANOM_FRAG_TOO_BIG,       /* datagram beyond the per-datagram cap */
    NET_ANOM_FRAG_TABLE_FULL,    /* oldest fragment set dropped to make room */
    NET_ANOM_FRAG_TIMEOUT,       /* incomplete set expired */
    NET_ANOM_FRAG_BAD,           /* zero-length, misaligned or inconsistent fragment */
    NET_ANOM_TCP_TRUNCATED,
    NET_ANOM_TCP_BAD_HLEN,
    NET_ANOM_TCP_BAD_FLAGS,      /* SYN+FIN, SYN+RST, no flags at all */
    NET_ANOM_TCP_OPT_MALFORMED,
    NET_ANOM_UDP_TRUNCATED,
    NET_ANOM_UDP_BAD_LEN,
    NET_ANOM_ICMP_TRUNCATED,
    NET_ANOM__COUNT
} net_anomaly;

const char *net_anomaly_name(net_anomaly a);

#define NET_MAX_VLAN 2

enum {
    TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08,
    TCP_ACK = 0x10, TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80,
};

typedef struct net_tcp_opts {
    uint16_t mss;
    uint8_t wscale;
    bool has_mss, has_wscale, sack_permitted, has_timestamp;
    uint32_t ts_val, ts_ecr;
} net_tcp_opts;

typedef struct net_arp {
    uint16_t op;                 /* 1 request, 2 reply */
    uint8_t sender_mac[6], target_mac[6];
    ip_addr sender_ip, target_ip;
} net_arp;

typedef struct net_packet {
    sw_time_us ts;
    uint64_t frame;              /* 1-based position in the capture */
    const uint8_t *data;
    uint32_t caplen, wirelen;
    net_link link;

    /* link */
    bool has_mac;
    uint8_t src_mac[6], dst_mac[6];
    uint8_t n_vlan;
    uint16_t vlan[NET_MAX_VLAN]; /* outer first; 12-bit ids */
    uint16_t ethertype;

    /* network */
    net_l3 l3;
    uint32_t l3_off, l3_len;     /* within data */
    ip_addr src, dst;
    uint8_t ip_proto;            /* upper-layer protocol after IPv6 extension headers */
    uint8_t ttl;
    bool is_fragment;            /* a fragment that did not (yet) complete a datagram */
    bool reassembled;            /* l4 points into the fragment buffer */
    net_arp arp;

    /* transport: l4 points at the transport header, payload after it */
    bool has_l4;                 /* the TCP/UDP/ICMP header decoded: ports are real */
    const uint8_t *l4;
    uint32_t l4_len;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t tcp_flags;
    uint16_t window;
    net_tcp_opts tcp_opts;
    uint8_t icmp_type, icmp_code;
    const uint8_t *payload;
    uint32_t payload_len;

    uint32_t anomalies;          /* 1u << net_anomaly */
} net_packet;

static inline void net_packet_flag(net_packet *p, net_anomaly a) { p->anomalies |= 1u << a; }
static inline bool net_packet_has_anomaly(const net_packet *p, net_anomaly a) { return (p->anomalies >> a) & 1u; }

#endif
