/* engine.h - the pure packet pipeline: decode, flow table, TCP reassembly,
 * application parser dispatch, observations out to a sink. The capture
 * front end (src/sense) feeds it frames; tests and fuzzers feed it bytes. */
#ifndef SW_NET_ENGINE_H
#define SW_NET_ENGINE_H
#include <stddef.h>
#include <stdint.h>
#include "net/app_pool.h"
#include "net/decode.h"
#include "net/flow.h"
#include "net/ipfrag.h"
#include "net/observe.h"
#include "net/tcp_reasm.h"

typedef struct net_engine_config {
    flow_config flow;
    ipfrag_config frag;
    tcp_reasm_config tcp;
    uint32_t app_slots;          /* flows that can hold parser state at once; 0: capacity */
    size_t app_memcap;           /* bytes for parser state, all size classes together */
    uint8_t probe_max_tries;     /* deliveries probed before a flow is left unparsed */
} net_engine_config;

typedef struct net_engine_stats {
    const net_decode_stats *decode;
    const flow_stats *flows;
    const tcp_reasm_stats *tcp;
    const ipfrag_stats *frag;
    const uint64_t *app_flows;   /* per parser index: flows recognised */
    uint64_t app_unrecognised;   /* flows with payload no parser claimed */
    uint64_t app_slots_exhausted;  /* flows a parser recognised but the state pool refused */
    const app_pool_stats *app_state;
    size_t memory;               /* bytes allocated at creation: the bound */
} net_engine_stats;

typedef struct net_engine net_engine;

void net_engine_config_default(net_engine_config *cfg);
/* NULL when the tables cannot be allocated. The sink is copied. */
net_engine *net_engine_create(const net_engine_config *cfg, const obs_sink *sink);
void net_engine_destroy(net_engine *e);
void net_engine_packet(net_engine *e, net_link link, sw_time_us ts, uint64_t frame,
                       const uint8_t *data, uint32_t caplen, uint32_t wirelen);
/* Ends every flow (delivering what reassembly holds) as at end of capture. */
void net_engine_flush(net_engine *e);
void net_engine_get_stats(const net_engine *e, net_engine_stats *out);

#endif
