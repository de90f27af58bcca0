/* vnc.c - VNC's RFB handshake (RFC 6143, and version 3.3's form): both
 * ProtocolVersions, the security types offered and the one chosen (None
 * flagged), the result of authentication, and ServerInit's desktop name
 * as the server's identity; the session after the handshake is not read. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/text.h"

#define VNC_TYPES_KEEP 48            /* offered types as text, "1,2,16" */
#define VNC_NAME_KEEP 96             /* the part of a desktop name kept */
#define VNC_PENDING 32               /* server bytes held while the client's choice is awaited */
#define VNC_STRING_MAX (1u << 20)    /* longer reasons or names are not RFB */

enum { SEC_INVALID = 0, SEC_NONE = 1, SEC_VNC_AUTH = 2 };

typedef enum vnc_server_stage {
    VS_VERSION, VS_SECURITY_33, VS_TYPE_COUNT, VS_TYPES, VS_AWAIT_CHOICE, VS_CHALLENGE, VS_RESULT,
    VS_REASON_LEN, VS_REASON, VS_INIT, VS_NAME, VS_DONE,
} vnc_server_stage;

typedef enum vnc_client_stage { VC_VERSION, VC_CHOICE, VC_RESPONSE, VC_INIT, VC_DONE } vnc_client_stage;

typedef struct vnc_half {
    uint8_t stage;
    uint8_t acc_len;                 /* bytes of a fixed field gathered in acc */
    uint8_t acc[24];
} vnc_half;

typedef struct vnc_state {
    vnc_half half[NET_DIR_COUNT];
    uint8_t minor;                   /* the version both speak: 3, 7 or 8 (of 3.x) */
    uint8_t server_minor, client_minor;
    uint16_t choice;                 /* the security type in force, once has_choice */
    bool has_choice;
    uint8_t n_types, types_len, name_len, pending_len;
    uint32_t str_left;               /* bytes of a reason or name still to read */
    uint16_t width, height;          /* of the framebuffer, from ServerInit */
    char types[VNC_TYPES_KEEP + 1];
    char name[VNC_NAME_KEEP + 1];
    uint8_t pending[VNC_PENDING];
} vnc_state;

static const char *security_name(unsigned t, char *buf, size_t cap)
{
    switch (t) {
    case 0: return "Invalid";
    case 1: return "None";
    case 2: return "VNC Authentication";
    case 5: return "RA2";
    case 6: return "RA2ne";
    case 16: return "Tight";
    case 17: return "Ultra";
    case 18: return "TLS";
    case 19: return "VeNCrypt";
    case 20: return "SASL";
    case 21: return "MD5";
    case 22: return "xvp";
    case 30: return "Apple Remote Desktop";
    case 113: return "MSLogon II";
    default: snprintf(buf, cap, "%u", t); return buf;
    }
}

/* Gathers n bytes of a fixed field; true once they are all in h->acc. */
static bool gather(vnc_half *h, cursor *in, size_t n)
{
    while (h->acc_len < n && cursor_left(in) > 0) h->acc[h->acc_len++] = cursor_u8(in);
    if (h->acc_len < n) return false;
    h->acc_len = 0;
    return true;
}

static uint32_t acc_be32(const vnc_half *h)
{
    return (uint32_t)h->acc[0] << 24 | (uint32_t)h->acc[1] << 16 | (uint32_t)h->acc[2] << 8 | h->acc[3];
}

/* "RFB 003.008\n": the minor version, or -1 when this is not one. */
static int version_minor(const uint8_t *v)
{
    if (memcmp(v, "RFB ", 4) || v[7] != '.' || v[11] != '\n') return -1;
    for (int i = 4; i < 11; i++)
        if (i != 7 && (v[i] < '0' || v[i] > '9')) return -1;
    int major = (v[4] - '0') * 100 + (v[5] - '0') * 10 + (v[6] - '0');
    int minor = (v[8] - '0') * 100 + (v[9] - '0') * 10 + (v[10] - '0');
    if (major != 3) return -1;
    /* RFC 6143 7.1.1: unknown minors are 3.3; Apple's 3.889 speaks 3.8 */
    return minor >= 8 ? 8 : minor == 7 ? 7 : 3;
}

static void emit_version(const proto_ctx *ctx, net_dir dir, const uint8_t *v)
{
    char text[8];
    proto_text_copy(text, sizeof text, v + 4, 7);
    net_observation o;
    appmeta_init(&o, "vnc", dir == NET_DIR_TO_CLIENT ? "server_version" : "client_version");
    appmeta_add(&o, dir == NET_DIR_TO_CLIENT ? "vnc.server_version" : "vnc.client_version", text);
    proto_emit(ctx, dir, &o);
}

static void emit_security(vnc_state *st, const proto_ctx *ctx, net_dir dir, unsigned type)
{
    char num[12];
    net_observation o;
    appmeta_init(&o, "vnc", "security_type");
    appmeta_add(&o, "vnc.security_type", security_name(type, num, sizeof num));
    /* no authentication at all: anyone reaching the port has the desktop */
    if (type == SEC_NONE) appmeta_add(&o, "vnc.authentication", "none");
    proto_emit(ctx, dir, &o);
    st->choice = (uint16_t)type;
    st->has_choice = true;
}

static void emit_result(const proto_ctx *ctx, bool ok)
{
    net_observation o;
    appmeta_init(&o, "vnc", "security_result");
    appmeta_add(&o, "vnc.auth_result", ok ? "ok" : "failed");
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

static void emit_server_init(vnc_state *st, const proto_ctx *ctx)
{
    char size[24];
    snprintf(size, sizeof size, "%ux%u", (unsigned)st->width, (unsigned)st->height);
    net_observation o;
    appmeta_init(&o, "vnc", "server_init");
    appmeta_add(&o, "vnc.desktop_name", st->name);
    appmeta_add(&o, "vnc.screen", size);
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
    if (!st->name[0]) return;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "vnc";
    o.u.identity.name = st->name;
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

/* What the server sends after security negotiation, by the type in force. */
static uint8_t after_choice(const vnc_state *st)
{
    if (st->choice == SEC_VNC_AUTH) return VS_CHALLENGE;
    if (st->choice == SEC_NONE) return st->minor >= 8 ? VS_RESULT : VS_INIT;
    return VS_DONE;                  /* Tight, VeNCrypt, ...: their own sub-protocols follow */
}

static void server_bytes(vnc_state *st, const proto_ctx *ctx, cursor *in)
{
    vnc_half *h = &st->half[NET_DIR_TO_CLIENT];
    while (cursor_left(in) > 0) {
        switch (h->stage) {
        case VS_VERSION: {
            if (!gather(h, in, 12)) return;
            int m = version_minor(h->acc);
            if (m < 0) { h->stage = VS_DONE; return; }
            emit_version(ctx, NET_DIR_TO_CLIENT, h->acc);
            st->server_minor = (uint8_t)m;
            /* RFC 6143 7.1.1: the client answers with a version no higher than the server's */
            st->minor = st->client_minor && st->client_minor < m ? st->client_minor : (uint8_t)m;
            h->stage = m == 3 ? VS_SECURITY_33 : VS_TYPE_COUNT;
            break;
        }
        case VS_SECURITY_33: {                       /* 3.3: the server decides, as a u32 */
            if (!gather(h, in, 4)) return;
            uint32_t t = acc_be32(h);
            if (t == SEC_INVALID) { h->stage = VS_REASON_LEN; break; }
            snprintf(st->types, sizeof st->types, "%u", t > 255 ? 255u : t);
            emit_security(st, ctx, NET_DIR_TO_CLIENT, t > 0xffff ? 0xffff : t);
            h->stage = after_choice(st);
            break;
        }
        case VS_TYPE_COUNT:
            /* a 3.3 client makes a newer server speak 3.3 */
            if (st->minor == 3) { h->stage = VS_SECURITY_33; break; }
            st->n_types = cursor_u8(in);
            st->types_len = 0;
            st->types[0] = '\0';
            if (st->n_types == 0) h->stage = VS_REASON_LEN;
            else h->stage = VS_TYPES;
            break;
        case VS_TYPES: {
            char num[8];
            int n = snprintf(num, sizeof num, "%s%u", st->types_len ? "," : "", cursor_u8(in));
            if (n > 0 && st->types_len + (size_t)n <= VNC_TYPES_KEEP) {
                memcpy(st->types + st->types_len, num, (size_t)n + 1);
                st->types_len = (uint8_t)(st->types_len + n);
            }
            if (--st->n_types) break;
            net_observation o;
            appmeta_init(&o, "vnc", "security_types");
            appmeta_add(&o, "vnc.security_types", st->types);
            proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
            h->stage = st->has_choice ? after_choice(st) : VS_AWAIT_CHOICE;
            break;
        }
        case VS_AWAIT_CHOICE: {                      /* held until the client's choice arrives */
            size_t take = cursor_left(in);
            if (st->pending_len + take > VNC_PENDING) { h->stage = VS_DONE; return; }
            cursor_copy(in, st->pending + st->pending_len, take);
            st->pending_len = (uint8_t)(st->pending_len + take);
            return;
        }
        case VS_CHALLENGE:
            if (!gather(h, in, 16)) return;
            h->stage = VS_RESULT;
            break;
        case VS_RESULT: {
            if (!gather(h, in, 4)) return;
            uint32_t r = acc_be32(h);
            emit_result(ctx, r == 0);
            if (r == 0) h->stage = VS_INIT;
            else if (st->minor >= 8) h->stage = VS_REASON_LEN;
            else h->stage = VS_DONE;
            break;
        }
        case VS_REASON_LEN:
            if (!gather(h, in, 4)) return;
            st->str_left = acc_be32(h);
            h->stage = st->str_left && st->str_left <= VNC_STRING_MAX ? VS_REASON : VS_DONE;
            break;
        case VS_REASON: {                            /* the reason is skipped: the result said enough */
            size_t take = st->str_left < cursor_left(in) ? st->str_left : cursor_left(in);
            cursor_skip(in, take);
            st->str_left -= (uint32_t)take;
            if (!st->str_left) h->stage = VS_DONE;
            break;
        }
        case VS_INIT: {                              /* width, height, pixel format, name length */
            if (!gather(h, in, 24)) return;
            st->width = (uint16_t)(h->acc[0] << 8 | h->acc[1]);
            st->height = (uint16_t)(h->acc[2] << 8 | h->acc[3]);
            st->str_left = (uint32_t)h->acc[20] << 24 | (uint32_t)h->acc[21] << 16 | (uint32_t)h->acc[22] << 8 | h->acc[23];
            st->name_len = 0;
            st->name[0] = '\0';
            if (st->str_left > VNC_STRING_MAX) { h->stage = VS_DONE; return; }
            if (!st->str_left) { emit_server_init(st, ctx); h->stage = VS_DONE; }
            else h->stage = VS_NAME;
            break;
        }
        case VS_NAME:
            proto_text_put(st->name, &st->name_len, sizeof st->name, cursor_u8(in));
            if (--st->str_left) break;
            emit_server_init(st, ctx);
            h->stage = VS_DONE;
            break;
        default:
            return;                                  /* the session itself is not read */
        }
    }
}

static void vnc_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    cursor in = cursor_make(data, len);
    server_bytes(state, ctx, &in);
}

static void vnc_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    vnc_state *st = state;
    vnc_half *h = &st->half[NET_DIR_TO_SERVER];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        switch (h->stage) {
        case VC_VERSION: {
            if (!gather(h, &in, 12)) return;
            int m = version_minor(h->acc);
            if (m < 0) { h->stage = VC_DONE; return; }
            emit_version(ctx, NET_DIR_TO_SERVER, h->acc);
            st->client_minor = (uint8_t)m;
            if (st->server_minor && m < st->server_minor) st->minor = (uint8_t)m;
            else if (!st->server_minor) st->minor = (uint8_t)m;
            h->stage = VC_CHOICE;
            break;
        }
        case VC_CHOICE: {
            if (st->minor == 3) {                        /* 3.3: the server chose; the client does not answer */
                h->stage = st->choice == SEC_VNC_AUTH ? VC_RESPONSE : st->choice == SEC_NONE ? VC_INIT : VC_DONE;
                break;
            }
            uint8_t t = cursor_u8(&in);
            emit_security(st, ctx, NET_DIR_TO_SERVER, t);
            h->stage = t == SEC_VNC_AUTH ? VC_RESPONSE : t == SEC_NONE ? VC_INIT : VC_DONE;
            vnc_half *sv = &st->half[NET_DIR_TO_CLIENT];
            if (sv->stage == VS_AWAIT_CHOICE) {          /* release what the server sent meanwhile */
                uint8_t held[VNC_PENDING];
                size_t n = st->pending_len;
                memcpy(held, st->pending, n);
                st->pending_len = 0;
                sv->stage = after_choice(st);
                cursor c = cursor_make(held, n);
                server_bytes(st, ctx, &c);
            }
            break;
        }
        case VC_RESPONSE:                              /* the DES response to the challenge */
            if (!gather(h, &in, 16)) return;
            h->stage = VC_INIT;
            break;
        case VC_INIT:                                  /* ClientInit: the shared-desktop flag */
            cursor_u8(&in);
            h->stage = VC_DONE;
            break;
        default:
            return;
        }
    }
}

/* The handshake has no framing to find again: a gap ends the reading of
 * that direction (the session after the handshake is not read anyway). */
static void vnc_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    vnc_state *st = state;
    st->half[dir].stage = dir == NET_DIR_TO_CLIENT ? VS_DONE : VC_DONE;
}

/* "RFB " opens both directions (RFC 6143 7.1.1). */
static proto_probe_result vnc_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    size_t k = len < 4 ? len : 4;
    if (memcmp(data, "RFB ", k)) return PROTO_PROBE_NO;
    if (len < 12) return len < 4 ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_YES;
    return version_minor(data) < 0 ? PROTO_PROBE_NO : PROTO_PROBE_YES;
}

const proto_parser proto_vnc = {
    .name = "vnc",
    .transport = 6,
    .ports = { 5900, 5901 },
    .state_size = sizeof(vnc_state),
    .probe = vnc_probe,
    .parse_to_server = vnc_parse_to_server,
    .parse_to_client = vnc_parse_to_client,
    .gap = vnc_gap,
};
