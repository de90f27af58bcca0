/* fuzz_net_dnp3.c - arbitrary bytes through the DNP3 probe and the TCP or
 * UDP parser, cut into deliveries of both directions with gaps between them.
 * First byte: the cut pattern; bit 5 also writes good CRCs into the frames. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/dnp3.h"
#include "net/proto/proto.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_ICS_OP) {
        const obs_ics_op *op = &o->u.ics;
        if ((op->function > 255 && op->function != DNP3_FC_CRC_ERROR) || strcmp(op->protocol, "dnp3") != 0 || !op->function_name) abort();
        if (op->paired && !op->is_response) abort();
        if (op->function == DNP3_FC_CRC_ERROR && !op->malformed) abort();
        if (op->dnp3.has_iin && !op->is_response) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial, id->model, id->name, id->url };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && (strlen(f[i]) > 255 || !f[i][0])) abort();
    }
}

/* Rewrites the CRCs of every frame that starts at a 0x05 0x64 so the
 * fuzzer can reach the transport and application layers. */
static void fix_crcs(uint8_t *d, size_t n)
{
    for (size_t i = 0; i + 10 <= n; i++) {
        if (d[i] != 0x05 || d[i + 1] != 0x64 || d[i + 2] < 5) continue;
        uint16_t c = dnp3_crc(d + i, 8);
        d[i + 8] = (uint8_t)c;
        d[i + 9] = (uint8_t)(c >> 8);
        size_t user = (size_t)d[i + 2] - 5, pos = i + 10;
        while (user > 0 && pos < n) {
            size_t block = user < 16 ? user : 16;
            if (pos + block + 2 > n) break;
            c = dnp3_crc(d + pos, block);
            d[pos + block] = (uint8_t)c;
            d[pos + block + 1] = (uint8_t)(c >> 8);
            pos += block + 2;
            user -= block;
        }
        i = pos - 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t pattern = data[0];
    data++;
    size--;
    const proto_parser *pp = proto_find((pattern & 0x40) ? "dnp3-udp" : "dnp3");
    if (!pp) abort();
    uint8_t *copy = malloc(size ? size : 1);
    if (size) memcpy(copy, data, size);
    if (pattern & 0x20) fix_crcs(copy, size);
    pp->probe(copy, size, NET_DIR_TO_SERVER);
    pp->probe(copy, size, NET_DIR_TO_CLIENT);

    void *state = calloc(1, pp->state_size);
    if (pp->init) pp->init(state);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = 1 + ((pattern >> (k % 5)) & 7) * 37 + (copy[pos] & 3);
        if (step > size - pos) step = size - pos;
        uint8_t *chunk = malloc(step);   /* exact size: ASan sees any over-read */
        memcpy(chunk, copy + pos, step);
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
    free(copy);
    return 0;
}
