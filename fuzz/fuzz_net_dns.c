/* fuzz_net_dns.c - arbitrary bytes through the DNS parsers: as datagrams
 * (probe, both directions) and as a TCP stream cut into deliveries of both
 * directions with gaps between them. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/dns.h"
#include "net/proto/proto.h"
#include "proto_fuzz.h"

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
    const proto_fuzz_opts o = { check_observation, .stride = 37, .jitter = 3,
                                .server_port = pattern & 0x40 ? MDNS_PORT : DNS_PORT };
    /* the input as one datagram each way, then as a TCP stream */
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.server_port = o.server_port;
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    void *state = calloc(1, tcp->state_size);
    tcp->probe(data, size, NET_DIR_TO_CLIENT);
    proto_fuzz_deliver(udp, state, &ctx, NET_DIR_TO_SERVER, data, size);
    proto_fuzz_deliver(udp, state, &ctx, NET_DIR_TO_CLIENT, data, size);
    free(state);
    proto_fuzz_run(tcp, pattern, data, size, &o);
    return 0;
}
