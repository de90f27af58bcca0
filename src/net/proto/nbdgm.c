/* nbdgm.c - NetBIOS datagram service (RFC 1002 4.4) over UDP 138: message
 * type, source and destination names (the browser's host announcements
 * and domain traffic); the sender's own name becomes its identity. */
#include <stdio.h>
#include <string.h>
#include "core/ipaddr.h"
#include "net/proto/appmeta.h"
#include "net/proto/netbios.h"

#define NBDGM_PORT 138
#define NBDGM_HEADER_LEN 10

static const char *event_name(uint8_t type)
{
    switch (type) {
    case 0x10: return "direct_unique";
    case 0x11: return "direct_group";
    case 0x12: return "broadcast";
    case 0x13: return "error";
    case 0x14: return "query_request";
    case 0x15: return "positive_query_response";
    case 0x16: return "negative_query_response";
    default: return NULL;
    }
}

static void nbdgm_parse(const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor c = cursor_make(data, len);
    uint8_t type = cursor_u8(&c);
    cursor_skip(&c, 1 + 2);                      /* flags, datagram id */
    uint32_t src_ip = cursor_be32(&c);
    cursor_skip(&c, 2);                          /* source port */
    const char *event = event_name(type);
    char src[NETBIOS_NAME_TEXT], dst[NETBIOS_NAME_TEXT], ip[IP_STR_MAX], host[NETBIOS_NAME_TEXT];
    uint8_t src16[16], dst16[16];
    bool has_src = false, has_dst = false, malformed = !cursor_ok(&c) || !event;
    if (!malformed && type <= 0x12) {
        cursor_skip(&c, 4);                      /* datagram length, packet offset */
        has_src = netbios_read_name(&c, src16, src, sizeof src);
        has_dst = has_src && netbios_read_name(&c, dst16, dst, sizeof dst);
        malformed = !has_dst;
    } else if (!malformed && type >= 0x14) {
        has_dst = netbios_read_name(&c, dst16, dst, sizeof dst);
        malformed = !has_dst;
    } else if (!malformed) {
        cursor_u8(&c);                           /* error code */
        malformed = !cursor_ok(&c);
    }
    ip_addr a;
    ip_from_v4(&a, src_ip);
    net_observation o;
    appmeta_init(&o, "nbdgm", event ? event : "unknown");
    if (has_src) appmeta_add(&o, "netbios.name", src);
    if (has_dst) appmeta_add(&o, "nbdgm.destination", dst);
    if (!malformed || event) appmeta_add(&o, "nbdgm.source_ip", ip_fmt(&a, ip));
    if (malformed) appmeta_add(&o, "nbdgm.malformed", "true");
    proto_emit(ctx, dir, &o);
    /* The source name is the sender's own (its workstation name, <00>). */
    if (has_src && netbios_host_name(src16, host, sizeof host)) {
        memset(&o, 0, sizeof o);
        o.kind = OBS_IDENTITY;
        o.u.identity.protocol = "nbdgm";
        o.u.identity.name = host;
        proto_emit(ctx, dir, &o);
    }
}

static void nbdgm_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    nbdgm_parse(ctx, NET_DIR_TO_SERVER, data, len);
}

static void nbdgm_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    nbdgm_parse(ctx, NET_DIR_TO_CLIENT, data, len);
}

/* A known message type, then (for the data messages) the source name in
 * NetBIOS encoding at offset 14; query messages carry only a destination. */
static proto_probe_result nbdgm_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len < NBDGM_HEADER_LEN + 1 || !event_name(data[0]) || data[0] == 0x13) return PROTO_PROBE_NO;
    size_t at = data[0] <= 0x12 ? 14 : 10;
    if (len < at + 34) return PROTO_PROBE_NO;
    cursor c = cursor_make(data + at, len - at);
    uint8_t name16[16];
    char text[NETBIOS_NAME_TEXT];
    return netbios_read_name(&c, name16, text, sizeof text) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_nbdgm = {
    .name = "nbdgm",
    .transport = 17,
    .ports = { NBDGM_PORT },
    .state_size = 0,
    .probe = nbdgm_probe,
    .parse_to_server = nbdgm_to_server,
    .parse_to_client = nbdgm_to_client,
};
