/* proto.h - the application parser interface. A protocol is one file in
 * src/net/proto/ defining a `const proto_parser`, plus one line in
 * parsers.def. Parsers are pure: bytes in, observations out via the ctx. */
#ifndef SW_NET_PROTO_H
#define SW_NET_PROTO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "net/observe.h"

typedef enum proto_probe_result {
    PROTO_PROBE_NO,              /* not this protocol */
    PROTO_PROBE_NEED_MORE,       /* too few bytes to tell */
    PROTO_PROBE_YES,
} proto_probe_result;

/* What a parser callback knows about where its bytes came from. */
typedef struct proto_ctx {
    const net_flow *flow;
    sw_time_us ts;
    uint64_t frame;
    const obs_sink *sink;
} proto_ctx;

#define PROTO_MAX_PORTS 4

typedef struct proto_parser {
    const char *name;            /* "modbus": also the conduit service name */
    uint8_t transport;           /* 6 TCP (a byte stream) or 17 UDP (datagrams) */
    uint16_t ports[PROTO_MAX_PORTS];  /* default server ports: probe order hint only */
    size_t state_size;           /* per-flow state, zeroed before init */
    /* Recognition by content: the first bytes of either direction. */
    proto_probe_result (*probe)(const uint8_t *data, size_t len, net_dir dir);
    void (*init)(void *state);   /* optional */
    /* In-order bytes of one direction: any split, any number of PDUs (TCP),
     * or exactly one datagram (UDP). */
    void (*parse_to_server)(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len);
    void (*parse_to_client)(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len);
    /* `len` bytes of this direction are lost: drop partial PDUs, resync. */
    void (*gap)(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len);
    void (*end)(void *state, const proto_ctx *ctx);   /* optional: flow ended */
} proto_parser;

/* The registry (registry.c, from parsers.def). */
extern const proto_parser *const proto_parsers[];
extern const size_t proto_n_parsers;
const proto_parser *proto_find(const char *name);
int proto_index(const char *name);          /* -1 when unknown */
size_t proto_max_state_size(void);
/* True when some parser lists `port` for this transport. */
bool proto_is_default_port(uint8_t transport, uint16_t port);

/* Fills the common fields of an observation and sends it to the sink. */
void proto_emit(const proto_ctx *ctx, net_dir dir, net_observation *o);

#endif
