/* fuzz_net_tls.c - arbitrary bytes through the TLS probe and parser, cut
 * into deliveries of both directions with gaps, and straight into the hello
 * decoder and the fingerprints. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "net/proto/tls.h"

static void check_observation(void *user, const net_observation *o)
{
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || strcmp(m->protocol, "tls")) abort();
    for (size_t i = 0; i < m->n; i++) {
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) >= TLS_JA3_MAX) abort();
        if (!strcmp(m->kv[i].key, "tls.ja4") && strlen(m->kv[i].value) != TLS_JA4_LEN - 1) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *pp = proto_find("tls");
    if (!pp || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    pp->probe(data, size, NET_DIR_TO_SERVER);
    pp->probe(data, size, NET_DIR_TO_CLIENT);
    tls_hello h;
    char ja3[TLS_JA3_MAX], ja4[TLS_JA4_LEN];
    if (tls_parse_hello(data, size, pattern & 1, &h)) {
        tls_ja3_string(&h, ja3, sizeof ja3);
        tls_ja4(&h, ja4);
        if (strlen(ja4) != TLS_JA4_LEN - 1) abort();
    }

    void *state = calloc(1, pp->state_size);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = 1 + ((pattern >> (k % 8)) & 7) * 53 + (data[pos] & 3);
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
