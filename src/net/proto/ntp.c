/* ntp.c - NTP (RFC 5905, RFC 1305 mode 6 control, ntpd mode 7 private) over
 * UDP: mode, version, stratum and reference id as app meta; control and
 * private requests (the monlist amplification query among them) flagged. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "core/ipaddr.h"
#include "net/proto/appmeta.h"

#define NTP_PORT 123
#define NTP_HEADER_LEN 48        /* modes 1..5 without extensions or MAC */
#define NTP_CONTROL_HEADER 12    /* mode 6 */
#define NTP_PRIVATE_HEADER 8     /* mode 7 */
#define NTP_PRIVATE_MONLIST 20   /* REQ_MON_GETLIST */
#define NTP_PRIVATE_MONLIST_1 42 /* REQ_MON_GETLIST_1 */

static const char *const mode_events[] = { "reserved", "symmetric_active", "symmetric_passive", "client",
                                           "server", "broadcast", "control", "private" };

static const char *control_opcode_name(uint8_t op)
{
    static const char *const names[] = { "unspec", "readstat", "readvar", "writevar", "readclock", "writeclock",
                                         "setrap", "asyncmsg", "configure", "saveconfig", "readmru",
                                         "readordlist", "reqnonce" };
    if (op < sizeof names / sizeof names[0]) return names[op];
    return op == 31 ? "unsetrap" : "control_other";
}

static const char *private_request_name(uint8_t code)
{
    switch (code) {
    case 0: return "peer_list";
    case 1: return "peer_list_sum";
    case 2: return "peer_info";
    case 3: return "peer_stats";
    case 4: return "sys_info";
    case 5: return "sys_stats";
    case 6: return "io_stats";
    case 7: return "mem_stats";
    case 8: return "loop_info";
    case 9: return "timer_stats";
    case 10: return "config";
    case 11: return "unconfig";
    case NTP_PRIVATE_MONLIST: case NTP_PRIVATE_MONLIST_1: return "monlist";
    default: return "private_other";
    }
}

/* Lengths a mode 1..5 packet may have: the header, plus RFC 7822
 * extension fields (multiples of 4, at least 16) and/or a MAC of a key id
 * and an MD5 (16) or SHA-1 (20) digest. */
static bool plausible_length(size_t len)
{
    return len >= NTP_HEADER_LEN && len <= 1024 && len % 4 == 0;
}

/* The reference id as RFC 5905 7.3 reads it: four ASCII characters for
 * stratum 0 (kiss code) and 1 (reference source), else an IPv4 address. */
static const char *refid_text(uint8_t stratum, const uint8_t id[4], char *out, size_t cap)
{
    if (stratum <= 1) {
        size_t k = 0;
        for (size_t i = 0; i < 4 && id[i] && k + 1 < cap; i++) out[k++] = id[i] >= 0x20 && id[i] < 0x7f ? (char)id[i] : '?';
        out[k] = '\0';
        return out;
    }
    ip_addr a;
    ip_from_v4(&a, (uint32_t)id[0] << 24 | (uint32_t)id[1] << 16 | (uint32_t)id[2] << 8 | id[3]);
    return ip_fmt(&a, out);
}

static void ntp_parse(const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor c = cursor_make(data, len);
    uint8_t b0 = cursor_u8(&c);
    uint8_t version = (uint8_t)(b0 >> 3 & 7), mode = (uint8_t)(b0 & 7);
    char ver[4], strat[4], ref[IP_STR_MAX], ctl[24];
    snprintf(ver, sizeof ver, "%u", version);
    net_observation o;
    appmeta_init(&o, "ntp", mode_events[mode]);
    appmeta_add(&o, "ntp.version", ver);
    if (mode == 6) {
        uint8_t b1 = cursor_u8(&c);
        cursor_skip(&c, 8);
        uint16_t count = cursor_be16(&c);
        bool response = b1 & 0x80;
        snprintf(ctl, sizeof ctl, "%s", control_opcode_name(b1 & 0x1f));
        appmeta_add(&o, "ntp.control", ctl);
        appmeta_add(&o, "ntp.direction", response ? "response" : "request");
        if (!cursor_ok(&c) || count > cursor_left(&c)) appmeta_add(&o, "ntp.malformed", "true");
    } else if (mode == 7) {
        bool response = b0 & 0x80;
        cursor_skip(&c, 2);                      /* auth/sequence, implementation */
        uint8_t code = cursor_u8(&c);
        snprintf(ctl, sizeof ctl, "%s", private_request_name(code));
        appmeta_add(&o, "ntp.control", ctl);
        appmeta_add(&o, "ntp.direction", response ? "response" : "request");
        if (!cursor_ok(&c) || len < NTP_PRIVATE_HEADER) appmeta_add(&o, "ntp.malformed", "true");
    } else {
        uint8_t stratum = cursor_u8(&c);
        cursor_skip(&c, 1 + 1 + 4 + 4);          /* poll, precision, root delay, root dispersion */
        uint8_t id[4];
        bool have = cursor_copy(&c, id, sizeof id);
        if (!have || !plausible_length(len)) appmeta_add(&o, "ntp.malformed", "true");
        /* a client's stratum and reference id say nothing about a clock */
        if (have && mode != 3) {
            snprintf(strat, sizeof strat, "%u", stratum);
            appmeta_add(&o, "ntp.stratum", strat);
            appmeta_add(&o, "ntp.refid", refid_text(stratum, id, ref, sizeof ref));
        }
    }
    proto_emit(ctx, dir, &o);
}

static void ntp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    ntp_parse(ctx, NET_DIR_TO_SERVER, data, len);
}

static void ntp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    ntp_parse(ctx, NET_DIR_TO_CLIENT, data, len);
}

/* A whole datagram: version 1..4 and, per mode, a length and fields that
 * fit it. Many UDP payloads are 48 bytes long, so a packet of modes 1..5
 * must also carry a stratum of at most 16 and a sane poll exponent. */
static proto_probe_result ntp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len < NTP_PRIVATE_HEADER) return PROTO_PROBE_NO;
    uint8_t version = (uint8_t)(data[0] >> 3 & 7), mode = (uint8_t)(data[0] & 7);
    if (version < 1 || version > 4 || mode == 0) return PROTO_PROBE_NO;
    if (mode == 6) {
        if (len < NTP_CONTROL_HEADER || (data[0] & 0xc0)) return PROTO_PROBE_NO;
        uint8_t op = data[1] & 0x1f;
        size_t count = (size_t)data[10] << 8 | data[11];
        return (op <= 12 || op == 31) && count <= len - NTP_CONTROL_HEADER ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    }
    if (mode == 7) {
        uint8_t impl = data[2];                  /* univ 0, xntpd_old 2, xntpd 3 */
        size_t nitems = (size_t)(data[4] & 0x0f) << 8 | data[5];
        return (impl == 0 || impl == 2 || impl == 3) && data[3] <= 45 && (data[4] >> 4) <= 7 && nitems <= 500
                   ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    }
    if (!plausible_length(len)) return PROTO_PROBE_NO;
    int8_t poll = (int8_t)data[2];
    return data[1] <= 16 && poll >= 0 && poll <= 17 ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_ntp = {
    .name = "ntp",
    .transport = 17,
    .ports = { NTP_PORT },
    .state_size = 0,
    .probe = ntp_probe,
    .parse_to_server = ntp_to_server,
    .parse_to_client = ntp_to_client,
};
