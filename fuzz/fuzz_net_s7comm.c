/* fuzz_net_s7comm.c - arbitrary bytes through the S7comm probe and parser
 * (TPKT/COTP framing, S7comm, S7comm-Plus, SZL identity), cut into
 * deliveries of both directions with gaps between them. First byte: the cut. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_ICS_OP) {
        const obs_ics_op *op = &o->u.ics;
        bool plus = strcmp(op->protocol, "s7comm-plus") == 0;
        if (!plus && strcmp(op->protocol, "s7comm") != 0) abort();
        if (!plus && op->function > 255) abort();
        if (!op->function_name) abort();
        if (op->s7.service && strlen(op->s7.service) > 16) abort();
        if (op->s7.has_block && strlen(op->s7.block_type) > 3) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial, id->model, id->name, id->plant };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 33) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *pp = proto_find("s7comm");
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
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = 1 + ((pattern >> (k % 8)) & 7) * 11 + (data[pos] & 3);
        if (step > size - pos) step = size - pos;
        uint8_t *chunk = malloc(step);     /* exact size: ASan sees any overread */
        memcpy(chunk, data + pos, step);
        bool to_server = ((pattern >> (k % 3)) & 1) == 0;
        if (to_server) pp->parse_to_server(state, &ctx, chunk, step);
        else pp->parse_to_client(state, &ctx, chunk, step);
        free(chunk);
        if ((pattern & 0x80) && k % 5 == 4) pp->gap(state, &ctx, to_server ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT, 3);
        pos += step;
        k++;
    }
    if (pp->end) pp->end(state, &ctx);
    free(state);
    return 0;
}
