/* fuzz_net_dns.c - arbitrary bytes through the DNS parsers: as datagrams
 * (probe, both directions) and as a TCP stream cut into deliveries of both
 * directions with gaps between them. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/dns.h"
#include "net/proto/proto.h"

static void check_observation(void *user, const net_observation *o)
{
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || m->cleartext_credentials) abort();
    for (size_t i = 0; i < m->n; i++)
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) >= DNS_NAME_TEXT_MAX + 24) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *udp = proto_find("dns"), *tcp = proto_find("dns-tcp");
    if (!udp || !tcp || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.server_port = pattern & 0x40 ? MDNS_PORT : DNS_PORT;
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };

    uint8_t *copy = malloc(size ? size : 1);
    memcpy(copy, data, size);
    void *state = calloc(1, tcp->state_size);
    udp->probe(copy, size, NET_DIR_TO_SERVER);
    tcp->probe(copy, size, NET_DIR_TO_CLIENT);
    udp->parse_to_server(state, &ctx, copy, size);
    udp->parse_to_client(state, &ctx, copy, size);
    free(copy);

    memset(state, 0, tcp->state_size);
    size_t pos = 0;
    unsigned k = 0;
    while (pos < size) {
        size_t step = 1 + ((pattern >> (k % 8)) & 7) * 37 + (data[pos] & 3);
        if (step > size - pos) step = size - pos;
        uint8_t *chunk = malloc(step);
        memcpy(chunk, data + pos, step);
        bool to_server = ((pattern >> (k % 3)) & 1) == 0;
        if (to_server) tcp->parse_to_server(state, &ctx, chunk, step);
        else tcp->parse_to_client(state, &ctx, chunk, step);
        free(chunk);
        if ((pattern & 0x80) && k % 5 == 4) tcp->gap(state, &ctx, to_server ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT, 3);
        pos += step;
        k++;
    }
    free(state);
    return 0;
}
