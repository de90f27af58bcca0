/* fuzz_net_dhcp.c - arbitrary datagrams through the DHCP probe and parser,
 * in both directions; the first byte picks the BOOTP op so most inputs get
 * past the fixed header and the magic cookie into the options. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || strcmp(m->protocol, "dhcp") || !m->event) abort();
    for (size_t i = 0; i < m->n; i++)
        if (!m->kv[i].value || strlen(m->kv[i].value) > 255) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_parser *pp = proto_find("dhcp");
    if (!pp || size < 1) return 0;
    /* a fixed BOOTP part with the cookie, then the input as options */
    size_t n = 240 + size - 1;
    uint8_t *m = calloc(1, n);
    m[0] = (data[0] & 1) ? 2 : 1; m[1] = 1; m[2] = 6;
    m[236] = 0x63; m[237] = 0x82; m[238] = 0x53; m[239] = 0x63;
    memcpy(m + 240, data + 1, size - 1);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = { check_observation, NULL, OBS_MASK_ALL };
    proto_ctx ctx = { &flow, 0, 1, &sink };
    proto_fuzz_deliver(pp, NULL, &ctx, NET_DIR_TO_SERVER, m, n);
    proto_fuzz_deliver(pp, NULL, &ctx, NET_DIR_TO_CLIENT, m, n);
    /* and the raw bytes as a whole datagram */
    pp->probe(data, size, NET_DIR_TO_CLIENT);
    proto_fuzz_deliver(pp, NULL, &ctx, NET_DIR_TO_SERVER, data, size);
    free(m);
    return 0;
}
