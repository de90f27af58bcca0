/* proto_fuzz.h - the driver the protocol fuzz targets share: arbitrary bytes
 * through a parser's probe and its two parse directions, cut into deliveries
 * the way reassembly hands a stream over (or into length-prefixed datagrams),
 * with gaps between them and the flow's end. First input byte: the cut pattern. */
#ifndef SEAWALL_FUZZ_PROTO_FUZZ_H
#define SEAWALL_FUZZ_PROTO_FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/defcred.h"
#include "net/proto/proto.h"

typedef struct proto_fuzz_opts {
    void (*check)(void *user, const net_observation *o);  /* the target's invariants, or NULL */
    unsigned stride;            /* a cut is 1 + (0..7) * stride + (byte & jitter) long */
    unsigned jitter;
    unsigned gap_jitter;        /* a gap is 3 + (byte & gap_jitter) long */
    bool datagrams;             /* the whole input as one datagram, then length-prefixed ones */
    uint16_t server_port;       /* the flow's, for parsers that look at it */
} proto_fuzz_opts;

#define PROTO_FUZZ_DEFAULTS .stride = 7, .jitter = 3

/* A copy of exactly n bytes, so ASan sees any overread. */
static inline uint8_t *proto_fuzz_copy(const uint8_t *d, size_t n)
{
    uint8_t *c = malloc(n ? n : 1);
    if (n) memcpy(c, d, n);
    return c;
}

static inline void proto_fuzz_deliver(const proto_parser *pp, void *state, const proto_ctx *ctx, net_dir dir,
                                      const uint8_t *d, size_t n)
{
    uint8_t *chunk = proto_fuzz_copy(d, n);
    if (pp->transport == 17) pp->probe(chunk, n, dir);    /* each datagram is probed on its own */
    if (dir == NET_DIR_TO_SERVER) { if (pp->parse_to_server) pp->parse_to_server(state, ctx, chunk, n); }
    else if (pp->parse_to_client) pp->parse_to_client(state, ctx, chunk, n);
    free(chunk);
}

/* One flow's life on a fresh state: the deliveries, gaps, then the end. */
static inline void proto_fuzz_run(const proto_parser *pp, uint8_t pattern, const uint8_t *data, size_t size,
                                  const proto_fuzz_opts *o)
{
    void *state = calloc(1, pp->state_size ? pp->state_size : 1);
    if (pp->init) pp->init(state);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.server_port = o->server_port;
    obs_sink sink = { o->check, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    if (o->datagrams) {
        uint8_t *whole = proto_fuzz_copy(data, size);
        pp->parse_to_server(state, &ctx, whole, size);
        free(whole);
    }
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step;
        net_dir dir;
        if (o->datagrams) {
            step = data[pos++];
            dir = ((pattern >> (k % 8)) & 1) ? NET_DIR_TO_CLIENT : NET_DIR_TO_SERVER;
        } else {
            step = 1 + ((pattern >> (k % 8)) & 7) * o->stride + (data[pos] & o->jitter);
            dir = ((pattern >> (k % 3)) & 1) == 0 ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT;
        }
        if (step > size - pos) step = size - pos;
        proto_fuzz_deliver(pp, state, &ctx, dir, data + pos, step);
        if (pp->gap && (pattern & 0x80) && k % 5 == 4)
            pp->gap(state, &ctx, dir, 3 + (pos ? data[pos - 1] & o->gap_jitter : 0));
        pos += step;
        k++;
    }
    if (pp->end) pp->end(state, &ctx);
    free(state);
}

/* The invariants of the parsers that report text: identity fields at most
 * 255 bytes; app meta within OBS_META_MAX, from `protocol` (or, when that
 * is NULL, with an event), every value at most 255 printable bytes. */
static inline void proto_fuzz_check_text(const net_observation *o, const char *protocol)
{
    if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial, id->name, id->device_type };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
        return;
    }
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || (protocol ? strcmp(m->protocol, protocol) != 0 : !m->event)) abort();
    /* A vendor default is named only by an entry of the table, and "accepted" only with one. */
    if (m->default_accepted && !m->default_credential) abort();
    if (m->default_credential) {
        size_t i = 0;
        while (i < defcred_count() && defcred_at(i) != m->default_credential) i++;
        if (i == defcred_count()) abort();
    }
    for (size_t i = 0; i < m->n; i++) {
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) > 255) abort();
        for (const char *p = m->kv[i].value; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) abort();
    }
}

/* The whole input through the named parser's probe, then one flow of it. */
static inline int proto_fuzz_one_with(const char *parser_name, const uint8_t *data, size_t size,
                                      const proto_fuzz_opts *o)
{
    const proto_parser *pp = proto_find(parser_name);
    if (!pp || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    for (int d = 0; d < NET_DIR_COUNT; d++) pp->probe(data, size, (net_dir)d);
    proto_fuzz_run(pp, pattern, data, size, o);
    return 0;
}

static inline int proto_fuzz_one(const char *parser_name, const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { PROTO_FUZZ_DEFAULTS };
    return proto_fuzz_one_with(parser_name, data, size, &o);
}

#endif
