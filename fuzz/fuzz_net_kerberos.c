/* fuzz_net_kerberos.c - arbitrary bytes through the Kerberos parsers: as
 * datagrams (probe, both directions) and as a TCP stream of length-prefixed
 * records cut into deliveries of both directions with gaps between them;
 * every app meta value printable and bounded. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || !m->event || m->cleartext_credentials) abort();
    for (size_t i = 0; i < m->n; i++) {
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) >= 128) abort();
        for (const char *p = m->kv[i].value; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *udp = proto_find("kerberos"), *tcp = proto_find("kerberos-tcp");
    if (!udp || !tcp || size < 1) return 0;
    uint8_t pattern = data[0];
    data++; size--;
    const proto_fuzz_opts o = { check_observation, .stride = 29, .jitter = 3, .gap_jitter = 7, .server_port = 88 };
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.server_port = 88;
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    tcp->probe(data, size, NET_DIR_TO_SERVER);
    proto_fuzz_deliver(udp, NULL, &ctx, NET_DIR_TO_SERVER, data, size);
    proto_fuzz_deliver(udp, NULL, &ctx, NET_DIR_TO_CLIENT, data, size);
    proto_fuzz_run(tcp, pattern, data, size, &o);
    return 0;
}
