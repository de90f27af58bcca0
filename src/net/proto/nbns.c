/* nbns.c - NetBIOS name service (RFC 1001/1002) over UDP 137: queries,
 * registrations, releases, refreshes and node status, their names as
 * netbios.name "NAME<type>"; a host's registered unique name and the
 * names a node status reply lists become its identity. */
#include <stdio.h>
#include <string.h>
#include "core/ipaddr.h"
#include "net/proto/appmeta.h"
#include "net/proto/netbios.h"

#define NBNS_PORT 137
#define NBNS_HEADER_LEN 12
#define NBNS_TYPE_NB 0x20
#define NBNS_TYPE_NBSTAT 0x21
#define NBNS_EMIT_NAMES 5        /* names reported per message */

enum { OP_QUERY = 0, OP_REGISTRATION = 5, OP_RELEASE = 6, OP_WACK = 7, OP_REFRESH = 8, OP_REFRESH_ALT = 9,
       OP_MULTIHOMED = 15 };

static const char *event_name(uint8_t opcode, bool response, bool node_status)
{
    switch (opcode) {
    case OP_QUERY:
        if (node_status) return response ? "node_status_response" : "node_status";
        return response ? "query_response" : "query";
    case OP_REGISTRATION: case OP_MULTIHOMED: return response ? "registration_response" : "registration";
    case OP_RELEASE: return response ? "release_response" : "release";
    case OP_WACK: return "wack";
    case OP_REFRESH: case OP_REFRESH_ALT: return response ? "refresh_response" : "refresh";
    default: return "unknown";
    }
}

typedef struct nbns_view {
    size_t n_names;
    char names[NBNS_EMIT_NAMES][NETBIOS_NAME_TEXT];
    char addr[IP_STR_MAX], host[NETBIOS_NAME_TEXT], mac[18];
    bool has_addr, has_host, has_mac, node_status, malformed;
} nbns_view;

static void add_name(nbns_view *v, const char *text)
{
    for (size_t i = 0; i < v->n_names; i++)
        if (!strcmp(v->names[i], text)) return;
    if (v->n_names < NBNS_EMIT_NAMES) snprintf(v->names[v->n_names++], NETBIOS_NAME_TEXT, "%s", text);
}

/* A resource record's owner: an encoded name, or a pointer to one (the
 * question's, at offset 12, in practice). */
static bool rr_name(const uint8_t *msg, size_t len, cursor *c, uint8_t name16[16], char *text)
{
    if ((cursor_peek_u8(c, 0) & 0xc0) == 0xc0) {
        uint16_t ptr = cursor_be16(c) & 0x3fff;
        if (!cursor_ok(c) || ptr >= len) return false;
        cursor at = cursor_make(msg + ptr, len - ptr);
        return netbios_read_name(&at, name16, text, NETBIOS_NAME_TEXT);
    }
    return netbios_read_name(c, name16, text, NETBIOS_NAME_TEXT);
}

/* NODE STATUS RESPONSE rdata (RFC 1002 4.2.18): the name table, then
 * the statistics, whose first six bytes are the unit id (a MAC). */
static void node_status_rdata(cursor rd, nbns_view *v)
{
    uint8_t n = cursor_u8(&rd);
    for (uint8_t i = 0; i < n; i++) {
        uint8_t name16[16];
        if (!cursor_copy(&rd, name16, 16)) { v->malformed = true; return; }
        uint16_t flags = cursor_be16(&rd);
        char text[NETBIOS_NAME_TEXT];
        netbios_name_text(name16, text, sizeof text);
        add_name(v, text);
        if (!v->has_host && !(flags & 0x8000)) v->has_host = netbios_host_name(name16, v->host, sizeof v->host);
    }
    uint8_t mac[6];
    if (cursor_copy(&rd, mac, 6)) v->has_mac = mac_fmt(mac, v->mac) != NULL;
}

static void nbns_parse(const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor c = cursor_make(data, len);
    cursor_skip(&c, 2);
    uint16_t flags = cursor_be16(&c);
    uint16_t qd = cursor_be16(&c), an = cursor_be16(&c), ns = cursor_be16(&c), ar = cursor_be16(&c);
    bool response = flags & 0x8000;
    uint8_t opcode = (uint8_t)(flags >> 11 & 0xf), rcode = (uint8_t)(flags & 0xf);
    nbns_view v;
    memset(&v, 0, sizeof v);
    v.malformed = !cursor_ok(&c);
    bool registers = !response && (opcode == OP_REGISTRATION || opcode == OP_MULTIHOMED || opcode == OP_REFRESH ||
                                   opcode == OP_REFRESH_ALT);
    for (uint16_t i = 0; i < qd && !v.malformed; i++) {
        uint8_t name16[16];
        char text[NETBIOS_NAME_TEXT];
        if (!netbios_read_name(&c, name16, text, sizeof text)) { v.malformed = true; break; }
        uint16_t type = cursor_be16(&c);
        cursor_skip(&c, 2);
        if (!cursor_ok(&c)) { v.malformed = true; break; }
        if (type == NBNS_TYPE_NBSTAT) v.node_status = true;
        add_name(&v, text);
    }
    uint32_t rrs = (uint32_t)an + ns + ar;
    for (uint32_t i = 0; i < rrs && !v.malformed; i++) {
        uint8_t name16[16];
        char text[NETBIOS_NAME_TEXT];
        if (!rr_name(data, len, &c, name16, text)) { v.malformed = true; break; }
        uint16_t type = cursor_be16(&c);
        cursor_skip(&c, 2 + 4);                      /* class, ttl */
        uint16_t rdlen = cursor_be16(&c);
        cursor rd = cursor_sub(&c, rdlen);
        if (!cursor_ok(&c)) { v.malformed = true; break; }
        add_name(&v, text);
        if (type == NBNS_TYPE_NBSTAT && response) {
            v.node_status = true;
            node_status_rdata(rd, &v);
            continue;
        }
        if (type != NBNS_TYPE_NB || rdlen < 6) continue;
        uint16_t nb_flags = cursor_be16(&rd);
        uint32_t ip = cursor_be32(&rd);
        if (!v.has_addr && cursor_ok(&rd)) {
            ip_addr a;
            ip_from_v4(&a, ip);
            v.has_addr = ip_fmt(&a, v.addr) != NULL;
        }
        /* the host names itself when it registers a unique name */
        if (registers && !v.has_host && !(nb_flags & 0x8000)) v.has_host = netbios_host_name(name16, v.host, sizeof v.host);
    }
    net_observation o;
    appmeta_init(&o, "nbns", event_name(opcode, response, v.node_status));
    for (size_t i = 0; i < v.n_names; i++) appmeta_add(&o, "netbios.name", v.names[i]);
    if (v.has_addr) appmeta_add(&o, "nbns.addr", v.addr);
    if (v.has_mac) appmeta_add(&o, "nbns.unit_id", v.mac);
    static const char *const rcodes[] = { "ok", "format_error", "server_failure", "name_error", "unsupported",
                                          "refused", "active", "conflict" };
    if (response && rcode) appmeta_add(&o, "nbns.rcode", rcode < 8 ? rcodes[rcode] : "other");
    if (v.malformed) appmeta_add(&o, "nbns.malformed", "true");
    proto_emit(ctx, dir, &o);
    if (v.has_host) {
        memset(&o, 0, sizeof o);
        o.kind = OBS_IDENTITY;
        o.u.identity.protocol = "nbns";
        o.u.identity.name = v.host;
        proto_emit(ctx, dir, &o);
    }
}

static void nbns_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    nbns_parse(ctx, NET_DIR_TO_SERVER, data, len);
}

static void nbns_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    nbns_parse(ctx, NET_DIR_TO_CLIENT, data, len);
}

/* A header with a known opcode and small counts, and the first name
 * (question or record) in NetBIOS encoding: DNS on other ports never
 * carries 32-letter 'A'..'P' labels as its first name. */
static proto_probe_result nbns_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len < NBNS_HEADER_LEN + 34) return PROTO_PROBE_NO;
    cursor c = cursor_make(data, len);
    cursor_skip(&c, 2);
    uint16_t flags = cursor_be16(&c), qd = cursor_be16(&c), an = cursor_be16(&c);
    uint8_t opcode = (uint8_t)(flags >> 11 & 0xf);
    if (opcode != OP_QUERY && (opcode < OP_REGISTRATION || opcode > OP_REFRESH_ALT) && opcode != OP_MULTIHOMED)
        return PROTO_PROBE_NO;
    if (qd + an == 0 || qd > 16 || an > 16) return PROTO_PROBE_NO;
    cursor_skip(&c, 4);
    uint8_t name16[16];
    char text[NETBIOS_NAME_TEXT];
    return netbios_read_name(&c, name16, text, sizeof text) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_nbns = {
    .name = "nbns",
    .transport = 17,
    .ports = { NBNS_PORT },
    .state_size = 0,
    .probe = nbns_probe,
    .parse_to_server = nbns_to_server,
    .parse_to_client = nbns_to_client,
};
