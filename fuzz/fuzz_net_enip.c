/* fuzz_net_enip.c - arbitrary bytes through the EtherNet/IP probes and
 * parsers (TCP stream in random splits of both directions with gaps, the
 * same cuts as UDP datagrams, the CIP I/O probe). First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_ICS_OP) {
        const obs_ics_op *op = &o->u.ics;
        bool cip = strcmp(op->protocol, "cip") == 0;
        if (!cip && strcmp(op->protocol, "enip") != 0) abort();
        if (cip && op->function > 127) abort();
        if (!op->function_name) abort();
        if (op->cip.tag && strlen(op->cip.tag) > 63) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->model, id->name, id->url, id->serial, id->device_type };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
    }
}

static void run(const proto_parser *pp, uint8_t pattern, const uint8_t *data, size_t size)
{
    void *state = calloc(1, pp->state_size ? pp->state_size : 1);
    if (pp->init) pp->init(state);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = 1 + ((pattern >> (k % 8)) & 7) * 29 + (data[pos] & 15);
        if (step > size - pos) step = size - pos;
        uint8_t *chunk = malloc(step);   /* exact size: ASan sees any overread */
        memcpy(chunk, data + pos, step);
        bool to_server = ((pattern >> (k % 3)) & 1) == 0;
        if (pp->transport == 17) pp->probe(chunk, step, to_server ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT);
        if (to_server) { if (pp->parse_to_server) pp->parse_to_server(state, &ctx, chunk, step); }
        else if (pp->parse_to_client) pp->parse_to_client(state, &ctx, chunk, step);
        free(chunk);
        if (pp->gap && (pattern & 0x80) && k % 5 == 4)
            pp->gap(state, &ctx, to_server ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT, 3 + (data[pos - 1] & 0x3f));
        pos += step;
        k++;
    }
    if (pp->end) pp->end(state, &ctx);
    free(state);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *tcp = proto_find("enip"), *udp = proto_find("enip-udp"), *io = proto_find("cip-io");
    if (!tcp || !udp || !io || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    for (int d = 0; d < NET_DIR_COUNT; d++) {
        tcp->probe(data, size, (net_dir)d);
        udp->probe(data, size, (net_dir)d);
        io->probe(data, size, (net_dir)d);
    }
    run(tcp, pattern, data, size);
    run(udp, pattern, data, size);
    return 0;
}
