/* fuzz_net_dhcp.c - arbitrary datagrams through the DHCP probe and parser,
 * in both directions; the first byte picks the BOOTP op so most inputs get
 * past the fixed header and the magic cookie into the options. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"

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
    pp->probe(m, n, NET_DIR_TO_SERVER);
    pp->parse_to_server(NULL, &ctx, m, n);
    pp->parse_to_client(NULL, &ctx, m, n);
    /* and the raw bytes as a whole datagram */
    uint8_t *raw = malloc(size);
    memcpy(raw, data, size);
    pp->probe(raw, size, NET_DIR_TO_CLIENT);
    pp->parse_to_server(NULL, &ctx, raw, size);
    free(raw);
    free(m);
    return 0;
}
