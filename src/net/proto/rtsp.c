/* rtsp.c - RTSP 1.0 (RFC 2326) and 2.0 (RFC 7826) over TCP, recognised by
 * content: methods, URIs, User-Agent, status codes and Server (the camera's
 * product) as app meta; Basic credentials flagged, the user kept; bodies
 * and '$'-interleaved RTP frames skipped. Lines are parsed in a capped buffer. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/httplike.h"
#include "net/proto/text.h"

#define RTSP_PORT 554
#define RTSP_ALT_PORT 8554
#define RTSP_LINE_MAX 256        /* longer lines are cut to this */
#define RTSP_URI_MAX 160
#define RTSP_FIELD_MAX 96

enum { RTSP_START, RTSP_HEADERS, RTSP_BODY, RTSP_FRAME_HEADER, RTSP_FRAME };

typedef struct rtsp_half {
    char line[RTSP_LINE_MAX];
    uint16_t line_len;
    uint8_t phase;
    uint8_t frame_fill;          /* interleaved frame header bytes seen (after '$') */
    uint8_t frame_hdr[3];
    uint32_t left;               /* body or frame bytes still to skip */
    bool has_length;
    uint32_t length;
} rtsp_half;

typedef struct rtsp_state {
    rtsp_half half[NET_DIR_COUNT];
    char method[16], uri[RTSP_URI_MAX], agent[RTSP_FIELD_MAX], user[64];
    char status[4], server[RTSP_FIELD_MAX];
    bool basic, digest;
    const defcred *default_credential;   /* of the Basic credentials, or NULL */
    const defcred *awaiting;             /* the last request's vendor default, until its answer */
} rtsp_state;

static const char *const methods[] = { "OPTIONS", "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN",
                                       "GET_PARAMETER", "SET_PARAMETER", "REDIRECT", "RECORD", "PLAY_NOTIFY" };

/* username="..." in a Digest header (the response hash is no credential in clear). */
static void digest_user(const char *v, size_t n, char *user, size_t cap)
{
    for (size_t i = 0; i + 10 <= n; i++) {
        if (strncasecmp(v + i, "username=\"", 10) != 0 || (i && v[i - 1] != ' ' && v[i - 1] != ',')) continue;
        size_t s = i + 10, e = s;
        while (e < n && v[e] != '"') e++;
        proto_text_copy(user, cap, v + s, e - s);
        return;
    }
}

/* RTSP/x.y */
static bool rtsp_version(const char *v, size_t n)
{
    return n == 8 && !memcmp(v, "RTSP/", 5) && v[6] == '.';
}

static bool parse_request_line(rtsp_state *st, const char *l, size_t n)
{
    httplike_request req;
    if (!httplike_request_line(l, n, methods, sizeof methods / sizeof methods[0], rtsp_version, &req)) return false;
    proto_text_copy(st->method, sizeof st->method, req.method, req.method_len);
    proto_text_copy(st->uri, sizeof st->uri, req.uri, req.uri_len);
    return true;
}

static bool status_line(const char *l, size_t n)
{
    return n >= 12 && !memcmp(l, "RTSP/", 5) && l[6] == '.' && l[8] == ' ' && l[9] >= '1' && l[9] <= '5' &&
           l[10] >= '0' && l[10] <= '9' && l[11] >= '0' && l[11] <= '9';
}

static void header_line(rtsp_state *st, rtsp_half *h, net_dir dir, const char *l, size_t n)
{
    httplike_header hd;
    if (!httplike_header_split(l, n, &hd)) return;
    size_t nl = hd.name_len, vl = hd.value_len;
    const char *v = hd.value;
#define IS(name) (nl == sizeof name - 1 && !strncasecmp(l, name, nl))
    if (IS("User-Agent") && dir == NET_DIR_TO_SERVER) proto_text_copy(st->agent, sizeof st->agent, v, vl);
    else if (IS("Server") && dir == NET_DIR_TO_CLIENT) proto_text_copy(st->server, sizeof st->server, v, vl);
    else if (IS("Authorization") && dir == NET_DIR_TO_SERVER) {
        if (vl > 6 && !strncasecmp(v, "Basic ", 6)) st->basic = httplike_basic(v + 6, vl - 6, st->user, sizeof st->user, &st->default_credential);
        else if (vl > 7 && !strncasecmp(v, "Digest ", 7)) { st->digest = true; digest_user(v + 7, vl - 7, st->user, sizeof st->user); }
    } else if (IS("Content-Length")) {
        uint32_t x = 0;
        bool ok = vl > 0 && vl <= 9;
        for (size_t i = 0; i < vl && ok; i++) {
            ok = v[i] >= '0' && v[i] <= '9';
            x = x * 10 + (uint32_t)(v[i] - '0');
        }
        if (ok) { h->has_length = true; h->length = x; }
    }
#undef IS
}

static void headers_done(rtsp_state *st, const proto_ctx *ctx, net_dir dir)
{
    rtsp_half *h = &st->half[dir];
    net_observation o;
    if (dir == NET_DIR_TO_SERVER) {
        appmeta_init(&o, "rtsp", "request");
        appmeta_add(&o, "rtsp.method", st->method);
        appmeta_add(&o, "rtsp.uri", st->uri);
        if (st->agent[0]) appmeta_add(&o, "rtsp.user_agent", st->agent);
        if ((st->basic || st->digest) && st->user[0]) appmeta_add(&o, "user.name", st->user);
        if (st->basic) o.u.meta.cleartext_credentials = true;
        st->awaiting = st->basic ? st->default_credential : NULL;
        proto_emit(ctx, dir, &o);
    } else {
        appmeta_init(&o, "rtsp", "response");
        appmeta_add(&o, "rtsp.status", st->status);
        /* RTSP answers in order and clients rarely pipeline: the answer to
         * the last request shows whether its vendor default was taken. */
        if (st->awaiting && st->status[0] != '1' && strcmp(st->status, "401") && strcmp(st->status, "403")) {
            o.u.meta.default_credential = st->awaiting;
            o.u.meta.default_accepted = true;
        }
        if (st->status[0] != '1') st->awaiting = NULL;
        if (st->server[0]) appmeta_add(&o, "rtsp.server", st->server);
        proto_emit(ctx, dir, &o);
        if (st->server[0]) {
            memset(&o, 0, sizeof o);
            o.kind = OBS_IDENTITY;
            o.u.identity.protocol = "rtsp";
            o.u.identity.product = st->server;
            proto_emit(ctx, dir, &o);
        }
    }
    if (h->has_length && h->length) { h->left = h->length; h->phase = RTSP_BODY; }
    else h->phase = RTSP_START;
}

static void rtsp_line(rtsp_state *st, const proto_ctx *ctx, net_dir dir, const char *l, size_t n)
{
    rtsp_half *h = &st->half[dir];
    if (h->phase == RTSP_HEADERS) {
        if (n == 0) headers_done(st, ctx, dir);
        else header_line(st, h, dir, l, n);
        return;
    }
    if (n == 0) return;
    h->has_length = false;
    if (dir == NET_DIR_TO_SERVER) {
        st->method[0] = st->uri[0] = st->agent[0] = st->user[0] = '\0';
        st->basic = st->digest = false;
        st->default_credential = NULL;
        if (parse_request_line(st, l, n)) h->phase = RTSP_HEADERS;
    } else if (status_line(l, n)) {
        memcpy(st->status, l + 9, 3);
        st->status[3] = '\0';
        st->server[0] = '\0';
        h->phase = RTSP_HEADERS;
    }                                        /* anything else: skipped until a start line */
}

static void rtsp_feed(rtsp_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    rtsp_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->phase == RTSP_BODY || h->phase == RTSP_FRAME) {
            size_t take = h->left < cursor_left(&in) ? h->left : cursor_left(&in);
            cursor_skip(&in, take);
            h->left -= (uint32_t)take;
            if (h->left == 0) h->phase = RTSP_START;
            continue;
        }
        uint8_t ch = cursor_u8(&in);
        if (h->phase == RTSP_FRAME_HEADER) {
            h->frame_hdr[h->frame_fill++] = ch;
            if (h->frame_fill == 3) {
                h->left = (uint32_t)h->frame_hdr[1] << 8 | h->frame_hdr[2];
                h->phase = h->left ? RTSP_FRAME : RTSP_START;
            }
            continue;
        }
        /* RFC 2326 10.12: '$', channel, 16-bit length, then binary data */
        if (h->phase == RTSP_START && h->line_len == 0 && ch == '$') {
            h->phase = RTSP_FRAME_HEADER;
            h->frame_fill = 0;
            continue;
        }
        if (ch == '\n') {
            size_t n = h->line_len;
            if (n && h->line[n - 1] == '\r') n--;
            h->line_len = 0;
            rtsp_line(st, ctx, dir, h->line, n);
        } else if (h->line_len < RTSP_LINE_MAX) {
            h->line[h->line_len++] = (char)ch;
        }
    }
}

static void rtsp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    rtsp_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void rtsp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    rtsp_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Lost bytes: the partial line or message is dropped; reading resumes at
 * the next start line ('$' frames are only trusted after one). */
/* A vendor default the camera never answered is still reported. */
static void rtsp_end(void *state, const proto_ctx *ctx)
{
    rtsp_state *st = state;
    appmeta_default_unanswered(ctx, "rtsp", st->awaiting);
    st->awaiting = NULL;
}

static void rtsp_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    rtsp_state *st = state;
    st->half[dir].line_len = 0;
    st->half[dir].phase = RTSP_START;
    st->half[dir].left = 0;
}

/* A known method and a request line ending in RTSP/x.y, or "RTSP/" from
 * the server. */
static proto_probe_result rtsp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (dir == NET_DIR_TO_CLIENT) return httplike_probe_response(data, len, "RTSP/");
    return httplike_probe_request(data, len, methods, sizeof methods / sizeof methods[0], RTSP_LINE_MAX, rtsp_version);
}

const proto_parser proto_rtsp = {
    .name = "rtsp",
    .transport = 6,
    .ports = { RTSP_PORT, RTSP_ALT_PORT },
    .state_size = sizeof(rtsp_state),
    .probe = rtsp_probe,
    .parse_to_server = rtsp_to_server,
    .parse_to_client = rtsp_to_client,
    .gap = rtsp_gap,
    .end = rtsp_end,
};
