/* fuzz_net_http.c - arbitrary bytes through the HTTP probe and parser, cut
 * into deliveries of both directions with gaps between them, the way
 * reassembly hands a stream over. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"

static void check_observation(void *user, const net_observation *o)
{
    if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial };
        for (size_t i = 0; i < 4; i++)
            if (f[i] && strlen(f[i]) > 127) abort();
        return;
    }
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX) abort();
    for (size_t i = 0; i < m->n; i++) {
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) > 255) abort();
        for (const char *p = m->kv[i].value; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *pp = proto_find("http");
    if (!pp || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    pp->probe(data, size, NET_DIR_TO_SERVER);
    pp->probe(data, size, NET_DIR_TO_CLIENT);
    void *state = calloc(1, pp->state_size);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = 1 + ((pattern >> (k % 8)) & 7) * 41 + (data[pos] & 3);
        if (step > size - pos) step = size - pos;
        uint8_t *chunk = malloc(step);
        memcpy(chunk, data + pos, step);
        bool to_server = ((pattern >> (k % 3)) & 1) == 0;
        if (to_server) pp->parse_to_server(state, &ctx, chunk, step);
        else pp->parse_to_client(state, &ctx, chunk, step);
        free(chunk);
        if ((pattern & 0x80) && k % 5 == 4) pp->gap(state, &ctx, to_server ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT, 3);
        pos += step;
        k++;
    }
    free(state);
    return 0;
}
