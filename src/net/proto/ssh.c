/* ssh.c - SSH (RFC 4253) up to the end of its cleartext: both version
 * banners (the server's software as its identity), each side's KEXINIT
 * preferred algorithms, and NEWKEYS, after which a direction is encrypted
 * and nothing more of it is read. */
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/text.h"

#define SSH_LINE_MAX 255             /* RFC 4253 4.2: the banner with its CRLF */
#define SSH_LINE_KEEP 160            /* the part of a banner kept */
#define SSH_PRE_BANNER_MAX 8192      /* server lines before the banner, then give up */
#define SSH_PACKET_MAX (256u * 1024) /* larger lengths are not SSH in the clear */
#define SSH_ALG_KEEP 32              /* an algorithm name kept (longer ones are cut) */
#define SSH_N_ALGS 5

enum { SSH_MSG_KEXINIT = 20, SSH_MSG_NEWKEYS = 21 };

typedef enum ssh_phase {
    SSH_BANNER,      /* lines until "SSH-" */
    SSH_HEADER,      /* packet_length, padding_length, message code */
    SSH_BODY,        /* the rest of a packet: payload walked or skipped, then padding */
    SSH_ENCRYPTED,   /* after NEWKEYS: nothing is read */
    SSH_LOST,        /* not SSH framing, SSH-1, or bytes lost mid-packet */
} ssh_phase;

/* The lists KEXINIT names, in order; which ones are kept (index into alg). */
static const int8_t kexinit_keep[10] = { 0, 1, 2, -1, 3, -1, 4, -1, -1, -1 };
static const char *const alg_keys[SSH_N_ALGS] = { "ssh.kex", "ssh.host_key", "ssh.cipher", "ssh.mac",
                                                  "ssh.compression" };

typedef struct ssh_half {
    uint8_t phase;
    uint8_t hdr_len;
    uint8_t hdr[6];
    uint8_t code;                    /* message code of the packet being read */
    uint32_t payload_left, pad_left; /* of the packet being read */
    uint16_t line_len;               /* bytes of the current line, kept or not */
    uint16_t pre_banner;             /* bytes of lines before the banner */
    /* KEXINIT walk: field 0 is the cookie, 1..10 the name-lists */
    uint8_t kx_field, kx_len_bytes;
    bool kx_first;                   /* still in the list's first name */
    uint8_t alg_len[SSH_N_ALGS];
    uint32_t kx_left;
    union {                          /* the banner line, then the algorithm names */
        char line[SSH_LINE_KEEP + 1];
        char alg[SSH_N_ALGS][SSH_ALG_KEEP + 1];
    } u;
} ssh_half;

typedef struct ssh_state {
    ssh_half half[NET_DIR_COUNT];
} ssh_state;

/* "SSH-2.0-OpenSSH_9.2p1 Debian-2" names its software after the second '-'. */
static const char *banner_software(const char *banner)
{
    const char *p = strchr(banner + 4, '-');
    return p && p[1] ? p + 1 : NULL;
}

static void emit_banner(ssh_half *h, const proto_ctx *ctx, net_dir dir)
{
    const char *b = h->u.line;
    net_observation o;
    appmeta_init(&o, "ssh", dir == NET_DIR_TO_SERVER ? "client_version" : "server_version");
    appmeta_add(&o, dir == NET_DIR_TO_SERVER ? "ssh.client" : "ssh.server", b);
    proto_emit(ctx, dir, &o);
    const char *sw = banner_software(b);
    if (dir == NET_DIR_TO_CLIENT && sw) {
        memset(&o, 0, sizeof o);
        o.kind = OBS_IDENTITY;
        o.u.identity.protocol = "ssh";
        o.u.identity.product = sw;
        proto_emit(ctx, dir, &o);
    }
    /* SSH-2.0, or SSH-1.99 which speaks 2.0; SSH-1 packets are framed otherwise. */
    bool v2 = !strncmp(b, "SSH-2.0-", 8) || !strncmp(b, "SSH-1.99-", 9);
    h->phase = v2 ? SSH_HEADER : SSH_LOST;
    h->hdr_len = 0;
}

static void banner_byte(ssh_half *h, const proto_ctx *ctx, net_dir dir, uint8_t ch)
{
    if (ch == '\n') {
        size_t n = h->line_len < SSH_LINE_KEEP ? h->line_len : SSH_LINE_KEEP;
        if (n && h->u.line[n - 1] == '\r') n--;
        h->u.line[n] = '\0';
        for (size_t i = 0; i < n; i++)
            if (h->u.line[i] == '\r') h->u.line[i] = '?';
        h->line_len = 0;
        if (n >= 4 && !memcmp(h->u.line, "SSH-", 4)) { emit_banner(h, ctx, dir); return; }
        /* RFC 4253 4.2: a server may send other lines first; a client may not */
        if (dir == NET_DIR_TO_SERVER || (h->pre_banner = (uint16_t)(h->pre_banner + n + 1)) > SSH_PRE_BANNER_MAX)
            h->phase = SSH_LOST;
        return;
    }
    if (h->line_len < SSH_LINE_KEEP) h->u.line[h->line_len] = (char)(ch == '\r' || (ch >= 0x20 && ch < 0x7f) ? ch : '?');
    if (++h->line_len > SSH_LINE_MAX) h->phase = SSH_LOST;
}

static void emit_kexinit(ssh_half *h, const proto_ctx *ctx, net_dir dir)
{
    net_observation o;
    appmeta_init(&o, "ssh", "kexinit");
    for (int i = 0; i < SSH_N_ALGS; i++)
        if (h->alg_len[i]) appmeta_add(&o, alg_keys[i], h->u.alg[i]);
    proto_emit(ctx, dir, &o);
}

/* One payload byte of a KEXINIT after the message code. */
static void kexinit_byte(ssh_half *h, uint8_t ch)
{
    if (h->kx_field > 10) return;
    if (h->kx_field == 0) {                          /* the 16-byte cookie */
        if (++h->kx_left == 16) { h->kx_field = 1; h->kx_left = 0; h->kx_len_bytes = 0; }
        return;
    }
    if (h->kx_len_bytes < 4) {
        h->kx_left = h->kx_left << 8 | ch;
        if (++h->kx_len_bytes < 4) return;
        h->kx_first = true;
        if (h->kx_left) return;
    } else {
        int k = kexinit_keep[h->kx_field - 1];
        if (ch == ',') h->kx_first = false;
        else if (h->kx_first && k >= 0) proto_text_put(h->u.alg[k], &h->alg_len[k], sizeof h->u.alg[k], ch);
        if (--h->kx_left) return;
    }
    h->kx_field++;                                   /* the list is done (or empty) */
    h->kx_len_bytes = 0;
    h->kx_left = 0;
}

static void packet_start(ssh_half *h)
{
    uint32_t len = (uint32_t)h->hdr[0] << 24 | (uint32_t)h->hdr[1] << 16 | (uint32_t)h->hdr[2] << 8 | h->hdr[3];
    uint8_t pad = h->hdr[4];
    /* RFC 4253 6: at least 4 bytes of padding, and a message code in the payload */
    if (len > SSH_PACKET_MAX || pad < 4 || (uint32_t)pad + 2 > len) { h->phase = SSH_LOST; return; }
    h->code = h->hdr[5];
    h->payload_left = len - pad - 2;
    h->pad_left = pad;
    h->phase = SSH_BODY;
    if (h->code == SSH_MSG_KEXINIT) {
        h->kx_field = 0;
        h->kx_left = 0;
        h->kx_len_bytes = 0;
        memset(h->alg_len, 0, sizeof h->alg_len);
        memset(&h->u, 0, sizeof h->u);
    }
}

static void packet_done(ssh_half *h, const proto_ctx *ctx, net_dir dir)
{
    h->phase = SSH_HEADER;
    h->hdr_len = 0;
    if (h->code == SSH_MSG_KEXINIT) emit_kexinit(h, ctx, dir);
    else if (h->code == SSH_MSG_NEWKEYS) {
        net_observation o;
        appmeta_init(&o, "ssh", "newkeys");
        proto_emit(ctx, dir, &o);
        h->phase = SSH_ENCRYPTED;
    }
}

static void ssh_feed(ssh_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    ssh_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        switch (h->phase) {
        case SSH_BANNER:
            banner_byte(h, ctx, dir, cursor_u8(&in));
            break;
        case SSH_HEADER:
            h->hdr[h->hdr_len++] = cursor_u8(&in);
            if (h->hdr_len == sizeof h->hdr) packet_start(h);
            break;
        case SSH_BODY:
            if (h->payload_left) {
                if (h->code == SSH_MSG_KEXINIT) { kexinit_byte(h, cursor_u8(&in)); h->payload_left--; break; }
                size_t take = h->payload_left < cursor_left(&in) ? h->payload_left : cursor_left(&in);
                cursor_skip(&in, take);
                h->payload_left -= (uint32_t)take;
                break;
            }
            if (h->pad_left) {
                size_t take = h->pad_left < cursor_left(&in) ? h->pad_left : cursor_left(&in);
                cursor_skip(&in, take);
                h->pad_left -= (uint32_t)take;
            }
            if (!h->pad_left) packet_done(h, ctx, dir);
            break;
        default:
            return;                                  /* encrypted or lost: nothing more to read */
        }
    }
    /* a packet whose payload and padding ended exactly with this delivery */
    if (h->phase == SSH_BODY && !h->payload_left && !h->pad_left) packet_done(h, ctx, dir);
}

static void ssh_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    ssh_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void ssh_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    ssh_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Before the banner a lost piece only spoils a line; binary packets carry
 * no marker to find the next one by, so a gap there ends the reading of
 * that direction (after NEWKEYS nothing was read anyway). */
static void ssh_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    ssh_half *h = &((ssh_state *)state)->half[dir];
    if (h->phase == SSH_BANNER) h->line_len = 0;
    else if (h->phase != SSH_ENCRYPTED) h->phase = SSH_LOST;
}

/* "SSH-" opens both directions (RFC 4253 4.2). */
static proto_probe_result ssh_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    size_t k = len < 4 ? len : 4;
    if (memcmp(data, "SSH-", k)) return PROTO_PROBE_NO;
    return len < 4 ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_YES;
}

const proto_parser proto_ssh = {
    .name = "ssh",
    .transport = 6,
    .ports = { 22, 2222 },
    .state_size = sizeof(ssh_state),
    .probe = ssh_probe,
    .parse_to_server = ssh_parse_to_server,
    .parse_to_client = ssh_parse_to_client,
    .gap = ssh_gap,
};
