/* fuzz_net_bacnet.c - arbitrary bytes through the BACnet/IP probe and
 * parser as datagrams of both directions (a length byte before each, so
 * one input is a short exchange), with gaps and the flow's end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_ICS_OP) {
        const obs_ics_op *op = &o->u.ics;
        if (strcmp(op->protocol, "bacnet") != 0 || !op->function_name || op->function > 0x4ff) abort();
        if (op->bacnet.pdu_type > 15) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->model, id->name, id->url };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *pp = proto_find("bacnet");
    if (!pp || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    pp->probe(data, size, NET_DIR_TO_SERVER);
    pp->probe(data, size, NET_DIR_TO_CLIENT);

    void *state = calloc(1, pp->state_size);
    if (pp->init) pp->init(state);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    /* the whole input as one datagram first, then cut by length bytes */
    uint8_t *whole = malloc(size ? size : 1);
    memcpy(whole, data, size);
    pp->parse_to_server(state, &ctx, whole, size);
    free(whole);
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = data[pos++];
        if (step > size - pos) step = size - pos;
        uint8_t *dgram = malloc(step ? step : 1);
        memcpy(dgram, data + pos, step);
        net_dir dir = ((pattern >> (k % 8)) & 1) ? NET_DIR_TO_CLIENT : NET_DIR_TO_SERVER;
        pp->probe(dgram, step, dir);
        if (dir == NET_DIR_TO_SERVER) pp->parse_to_server(state, &ctx, dgram, step);
        else pp->parse_to_client(state, &ctx, dgram, step);
        free(dgram);
        if ((pattern & 0x80) && k % 5 == 4) pp->gap(state, &ctx, dir, 3);
        pos += step;
        k++;
    }
    if (pp->end) pp->end(state, &ctx);
    free(state);
    return 0;
}
