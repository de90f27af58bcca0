/* dhcp.c - DHCP (RFC 2131, options RFC 2132) over UDP 67/68: the BOOTP
 * header, the magic cookie and the options that name a client (message
 * type, hostname, vendor class, requested address, client id, parameter
 * request list) as app meta, with the client's MAC from chaddr. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "core/ipaddr.h"
#include "net/proto/appmeta.h"

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define BOOTP_FIXED_LEN 236          /* op .. file */
#define DHCP_MAGIC 0x63825363u
#define DHCP_TEXT_MAX 256

static const char *dhcp_message_name(uint8_t t)
{
    static const char *const names[] = { NULL, "discover", "offer", "request", "decline", "ack", "nak",
                                         "release", "inform", "forcerenew", "leasequery", "leaseunassigned",
                                         "leaseunknown", "leaseactive" };
    return t < sizeof names / sizeof names[0] ? names[t] : NULL;
}

/* Option text up to a NUL, made printable: other octets become '?'. */
static const char *text_of(cursor v, char *out)
{
    size_t n = 0;
    while (cursor_left(&v) && n + 1 < DHCP_TEXT_MAX) {
        uint8_t ch = cursor_u8(&v);
        if (ch == 0) break;                      /* the C string some clients send */
        out[n++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    out[n] = '\0';
    return out;
}

static const char *hex_of(cursor v, char *out)
{
    static const char hx[] = "0123456789abcdef";
    size_t n = 0;
    while (cursor_left(&v) && n + 3 < DHCP_TEXT_MAX) {
        uint8_t b = cursor_u8(&v);
        if (n) out[n++] = ':';
        out[n++] = hx[b >> 4];
        out[n++] = hx[b & 15];
    }
    out[n] = '\0';
    return out;
}

static void dhcp_parse(void *state, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor c = cursor_make(data, len);
    uint8_t op = cursor_u8(&c), htype = cursor_u8(&c), hlen = cursor_u8(&c);
    cursor_skip(&c, 1 + 4 + 2 + 2 + 4);          /* hops, xid, secs, flags, ciaddr */
    uint32_t yiaddr = cursor_be32(&c);
    cursor_skip(&c, 8);                          /* siaddr, giaddr */
    uint8_t chaddr[16];
    cursor_copy(&c, chaddr, sizeof chaddr);
    cursor_skip(&c, 64 + 128);                   /* sname, file */
    uint32_t magic = cursor_be32(&c);
    if (!cursor_ok(&c) || magic != DHCP_MAGIC || (op != 1 && op != 2)) return;

    char host[DHCP_TEXT_MAX], vendor[DHCP_TEXT_MAX], cid[DHCP_TEXT_MAX], params[DHCP_TEXT_MAX];
    char req[IP_STR_MAX], yi[IP_STR_MAX], mac[18];
    const char *v_host = NULL, *v_vendor = NULL, *v_cid = NULL, *v_params = NULL, *v_req = NULL;
    uint8_t type = 0;
    bool malformed = false;
    while (cursor_left(&c)) {
        uint8_t code = cursor_u8(&c);
        if (code == 0) continue;                 /* pad */
        if (code == 255) break;                  /* end */
        uint8_t olen = cursor_u8(&c);
        cursor v = cursor_sub(&c, olen);
        if (!cursor_ok(&c)) { malformed = true; break; }
        switch (code) {
        case 53: if (olen == 1) type = cursor_u8(&v); break;
        case 12: v_host = text_of(v, host); break;
        case 60: v_vendor = text_of(v, vendor); break;
        case 61: v_cid = hex_of(v, cid); break;
        case 50:
            if (olen == 4) {
                ip_addr a;
                ip_from_v4(&a, cursor_be32(&v));
                v_req = ip_fmt(&a, req);
            }
            break;
        case 55: {
            size_t n = 0;
            while (cursor_left(&v) && n + 5 < sizeof params) n += (size_t)snprintf(params + n, sizeof params - n, n ? ",%u" : "%u", cursor_u8(&v));
            params[n] = '\0';
            v_params = params;
            break;
        }
        default: break;
        }
    }
    const char *event = dhcp_message_name(type);
    net_observation o;
    appmeta_init(&o, "dhcp", event ? event : (op == 1 ? "bootp_request" : "bootp_reply"));
    if (htype == 1 && hlen == 6) appmeta_add(&o, "dhcp.client_mac", mac_fmt(chaddr, mac));
    appmeta_add(&o, "dhcp.hostname", v_host);
    appmeta_add(&o, "dhcp.vendor_class", v_vendor);
    appmeta_add(&o, "dhcp.requested_ip", v_req);
    appmeta_add(&o, "dhcp.client_id", v_cid);
    appmeta_add(&o, "dhcp.params", v_params);
    if (op == 2 && yiaddr) {
        ip_addr a;
        ip_from_v4(&a, yiaddr);
        appmeta_add(&o, "dhcp.assigned_ip", ip_fmt(&a, yi));
    }
    if (malformed) appmeta_add(&o, "dhcp.malformed", "true");
    proto_emit(ctx, dir, &o);
}

static void dhcp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dhcp_parse(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void dhcp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dhcp_parse(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* BOOTP request or reply with the DHCP magic cookie after the fixed part. */
static proto_probe_result dhcp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len >= 1 && data[0] != 1 && data[0] != 2) return PROTO_PROBE_NO;
    if (len >= 3 && data[2] > 16) return PROTO_PROBE_NO;
    if (len < BOOTP_FIXED_LEN + 4) return PROTO_PROBE_NO;   /* a datagram comes whole */
    cursor c = cursor_make(data + BOOTP_FIXED_LEN, 4);
    return cursor_be32(&c) == DHCP_MAGIC ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_dhcp = {
    .name = "dhcp",
    .transport = 17,
    .ports = { DHCP_SERVER_PORT, DHCP_CLIENT_PORT },
    .state_size = 0,
    .probe = dhcp_probe,
    .parse_to_server = dhcp_to_server,
    .parse_to_client = dhcp_to_client,
};
