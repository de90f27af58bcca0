/* flow.h - the bounded flow table: connections keyed by 5-tuple and VLAN,
 * oriented client to server, with TCP state, per-direction counters, idle
 * timeouts per protocol, eviction when full, and one end-of-flow callback. */
#ifndef SW_NET_FLOW_H
#define SW_NET_FLOW_H
#include <stdbool.h>
#include <stdint.h>
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "net/packet.h"
#include "net/tcp_reasm.h"

typedef enum net_dir { NET_DIR_TO_SERVER = 0, NET_DIR_TO_CLIENT = 1, NET_DIR_COUNT = 2 } net_dir;

typedef enum flow_tcp_state {
    FLOW_TCP_NONE,          /* not TCP, or nothing seen yet */
    FLOW_TCP_SYN_SENT,
    FLOW_TCP_SYN_RECEIVED,  /* SYN-ACK seen */
    FLOW_TCP_ESTABLISHED,   /* handshake done, or picked up mid-stream */
    FLOW_TCP_CLOSING,       /* one FIN */
    FLOW_TCP_CLOSED,        /* FIN both ways, or RST */
} flow_tcp_state;

typedef enum flow_end_reason {
    FLOW_END_TIMEOUT,       /* idle past its timeout */
    FLOW_END_CLOSED,        /* TCP closed and the closed timeout passed, or port reuse */
    FLOW_END_EVICTED,       /* the table was full */
    FLOW_END_SHUTDOWN,      /* the capture ended */
} flow_end_reason;

const char *flow_end_reason_name(flow_end_reason r);
const char *flow_tcp_state_name(flow_tcp_state s);

/* Idle timeout classes; a flow moves between them as its TCP state changes. */
typedef enum flow_timeout_class {
    FLOW_TC_TCP_OPENING, FLOW_TC_TCP_ESTABLISHED, FLOW_TC_TCP_CLOSING, FLOW_TC_TCP_CLOSED,
    FLOW_TC_UDP, FLOW_TC_ICMP, FLOW_TC_OTHER, FLOW_TC__COUNT
} flow_timeout_class;

typedef struct flow_key {
    uint8_t a[16], b[16];        /* the lower (address, port) endpoint is a */
    uint16_t port_a, port_b;
    uint32_t vlan;               /* outer << 12 | inner */
    uint8_t proto;
    uint8_t pad[3];              /* zeroed so keys compare with memcmp */
} flow_key;

typedef struct net_flow {
    /* Lookup and list fields first: a hash probe touches one cache line. */
    flow_key key;
    uint32_t hnext, lprev, lnext;
    uint8_t tclass;
    bool client_is_a;
    bool in_use;
    uint8_t tcp_state;           /* flow_tcp_state */

    /* per-packet counters next */
    uint64_t pkts[NET_DIR_COUNT], bytes[NET_DIR_COUNT], payload_bytes[NET_DIR_COUNT];
    sw_time_us first_ts, last_ts;
    uint64_t first_frame, last_frame;
    uint8_t tcp_flags_seen[NET_DIR_COUNT];

    /* who talks to whom, oriented by the initiator */
    bool initiator_from_handshake;  /* false: guessed from ports or the first packet */
    uint8_t ip_proto;
    uint16_t client_port, server_port;
    uint32_t vlan;
    ip_addr client, server;
    uint64_t id;                 /* 1, 2, 3... in order of creation */

    /* the application layer, owned by the engine */
    int16_t app;                 /* parser index, -1 when none */
    uint8_t app_status;
    uint8_t probe_tries;
    void *app_state;             /* from the engine's size-class pool, or NULL */
    tcp_stream stream[NET_DIR_COUNT];
} net_flow;

typedef struct flow_config {
    uint32_t capacity;
    sw_time_us timeout[FLOW_TC__COUNT];
    uint64_t hash_seed;          /* randomise in production: defeats bucket flooding */
    /* Optional: true when `port` is a known service port for the transport,
     * used to orient flows whose handshake was not seen. */
    bool (*is_service_port)(uint8_t ip_proto, uint16_t port);
} flow_config;

typedef void (*flow_end_fn)(void *user, net_flow *f, flow_end_reason why);

typedef struct flow_stats {
    uint64_t created, ended[4];
    uint64_t by_proto_tcp, by_proto_udp, by_proto_icmp, by_proto_other;
    uint32_t active, peak;
} flow_stats;

typedef struct flow_lookup {
    net_flow *flow;
    net_dir dir;                 /* direction of this packet within the flow */
    bool created;
} flow_lookup;

typedef struct flow_table flow_table;

void flow_config_default(flow_config *cfg);
flow_table *flow_table_create(const flow_config *cfg, flow_end_fn on_end, void *user);
void flow_table_destroy(flow_table *t);
/* Finds or creates the flow of an IP packet (fails for non-IP packets,
 * incomplete fragments and TCP/UDP headers that did not decode), then counts
 * the packet and tracks TCP state. */
bool flow_table_get(flow_table *t, const net_packet *p, flow_lookup *out);
/* Ends flows idle past their class timeout at time `now`. */
void flow_table_expire(flow_table *t, sw_time_us now);
/* Ends every flow (end of capture). */
void flow_table_flush(flow_table *t);
const flow_stats *flow_table_stats(const flow_table *t);
uint32_t flow_table_capacity(const flow_table *t);
/* Bytes the table allocated: bounded by capacity, for the memory proof. */
size_t flow_table_memory(const flow_table *t);

#endif
