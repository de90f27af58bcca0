/* http.c - HTTP/1.x (RFC 9112) over TCP, recognised by content: request
 * and status lines, Host, User-Agent, Server and Basic credentials (the
 * user only) as app meta; bodies framed by Content-Length or chunks and
 * skipped, except an ONVIF GetDeviceInformation reply, read for identity. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/httplike.h"
#include "net/proto/text.h"

#define HTTP_LINE_MAX 1024           /* longer lines are cut to this */
#define HTTP_FIELD_MAX 256
#define HTTP_PENDING_MAX 8           /* requests awaiting their response */
#define HTTP_ONVIF_BODY 3072         /* the kept head of an ONVIF reply */

typedef enum http_phase {
    HTTP_START, HTTP_HEADERS, HTTP_BODY_LEN, HTTP_CHUNK_SIZE, HTTP_CHUNK_DATA, HTTP_CHUNK_END,
    HTTP_TRAILER, HTTP_BODY_CLOSE,
} http_phase;

typedef struct http_half {
    char line[HTTP_LINE_MAX + 1];
    uint16_t line_len;
    uint8_t phase;
    bool chunked, has_length;
    uint64_t left;                   /* body or chunk bytes still to skip */
    /* the message being read */
    char method[16], uri[HTTP_FIELD_MAX], host[HTTP_FIELD_MAX], agent[HTTP_FIELD_MAX], server[HTTP_FIELD_MAX];
    char user[128], status[4];
    bool basic, head_response, no_body, onvif;
    const defcred *default_credential;   /* of the Basic credentials, or NULL */
} http_half;

typedef struct http_state {
    http_half half[NET_DIR_COUNT];
    struct { bool head, onvif; const defcred *default_credential; } pending[HTTP_PENDING_MAX];
    uint8_t n_pending;
    uint8_t body[HTTP_ONVIF_BODY];
    uint16_t body_fill;
} http_state;

static const char *const methods[] = { "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT",
                                       "TRACE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK",
                                       "UNLOCK", "SEARCH", "REPORT", "SUBSCRIBE", "NOTIFY", "M-SEARCH" };

static void emit_request(const proto_ctx *ctx, const http_half *h)
{
    net_observation o;
    appmeta_init(&o, "http", "request");
    appmeta_add(&o, "http.method", h->method);
    appmeta_add(&o, "http.uri", h->uri);
    if (h->host[0]) appmeta_add(&o, "http.host", h->host);
    if (h->agent[0]) appmeta_add(&o, "http.user_agent", h->agent);
    if (h->basic) {
        appmeta_add(&o, "user.name", h->user);
        o.u.meta.cleartext_credentials = true;
    }
    proto_emit(ctx, NET_DIR_TO_SERVER, &o);
}

/* `taken`: the vendor default credentials of the request this answers, when
 * the answer shows the server took them (not 401, 403 or 407). */
static void emit_response(const proto_ctx *ctx, const http_half *h, const defcred *taken)
{
    net_observation o;
    appmeta_init(&o, "http", "response");
    o.u.meta.default_credential = taken;
    o.u.meta.default_accepted = taken != NULL;
    appmeta_add(&o, "http.status", h->status);
    if (h->server[0]) appmeta_add(&o, "http.server", h->server);
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

/* The text of the first opening element whose local name is `name`
 * ("<tds:Model>" or "<Model>"), printable, up to the next '<'. */
static bool xml_text(const uint8_t *b, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (size_t i = 1; i + nl + 1 <= n; i++) {
        if (memcmp(b + i, name, nl) || b[i + nl] != '>' || (b[i - 1] != ':' && b[i - 1] != '<')) continue;
        size_t s = i;
        while (s > 0 && b[s - 1] != '<' && b[s - 1] != '>' && i - s < 32) s--;
        if (s == 0 || b[s - 1] != '<' || b[s] == '/') continue;
        size_t v = i + nl + 1, e = v;
        while (e < n && b[e] != '<') e++;
        if (e == n) return false;
        proto_text_copy(out, cap, (const char *)b + v, e - v);
        return out[0] != '\0';
    }
    return false;
}

static void onvif_device_information(http_state *st, const proto_ctx *ctx)
{
    const uint8_t *b = st->body;
    size_t n = st->body_fill;
    static const char key[] = "GetDeviceInformationResponse";
    bool found = false;
    for (size_t i = 0; i + sizeof key - 1 <= n && !found; i++) found = !memcmp(b + i, key, sizeof key - 1);
    if (!found) return;
    char vendor[128], model[128], firmware[128], serial[128], hw[128];
    const char *v = xml_text(b, n, "Manufacturer", vendor, sizeof vendor) ? vendor : NULL;
    const char *m = xml_text(b, n, "Model", model, sizeof model) ? model : NULL;
    const char *f = xml_text(b, n, "FirmwareVersion", firmware, sizeof firmware) ? firmware : NULL;
    const char *s = xml_text(b, n, "SerialNumber", serial, sizeof serial) ? serial : NULL;
    const char *h = xml_text(b, n, "HardwareId", hw, sizeof hw) ? hw : NULL;
    if (!v && !m && !f && !s) return;
    net_observation o;
    appmeta_init(&o, "onvif", "device_information");
    appmeta_add(&o, "onvif.model", m);
    appmeta_add(&o, "onvif.manufacturer", v);
    appmeta_add(&o, "onvif.firmware", f);
    appmeta_add(&o, "onvif.serial", s);
    appmeta_add(&o, "onvif.hardware_id", h);
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "onvif";
    o.u.identity.vendor = v;
    o.u.identity.product = m;
    o.u.identity.model = m;
    o.u.identity.firmware = f;
    o.u.identity.serial = s;
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

static void message_done(http_state *st, const proto_ctx *ctx, net_dir dir)
{
    http_half *h = &st->half[dir];
    if (dir == NET_DIR_TO_CLIENT && h->onvif) onvif_device_information(st, ctx);
    h->phase = HTTP_START;
    st->body_fill = 0;
}

static void body_bytes(http_state *st, net_dir dir, const uint8_t *p, size_t n)
{
    if (dir != NET_DIR_TO_CLIENT || !st->half[dir].onvif) return;
    size_t room = HTTP_ONVIF_BODY - st->body_fill;
    if (n > room) n = room;
    memcpy(st->body + st->body_fill, p, n);
    st->body_fill = (uint16_t)(st->body_fill + n);
}

/* HTTP/1.x */
static bool http_version(const char *v, size_t n)
{
    return n >= 8 && !memcmp(v, "HTTP/1.", 7);
}

static bool parse_request_line(http_half *h, const char *l, size_t n)
{
    httplike_request req;
    if (!httplike_request_line(l, n, methods, sizeof methods / sizeof methods[0], http_version, &req)) return false;
    proto_text_copy(h->method, sizeof h->method, req.method, req.method_len);
    proto_text_copy(h->uri, sizeof h->uri, req.uri, req.uri_len);
    return true;
}

static void header_line(http_state *st, http_half *h, net_dir dir, const char *l, size_t n)
{
    httplike_header hd;
    if (!httplike_header_split(l, n, &hd)) return;
    size_t nl = hd.name_len, vl = hd.value_len;
    const char *v = hd.value, *end = v + vl;
#define IS(name) (nl == sizeof name - 1 && !strncasecmp(l, name, nl))
    if (IS("Host") && dir == NET_DIR_TO_SERVER) proto_text_copy(h->host, sizeof h->host, v, vl);
    else if (IS("User-Agent") && dir == NET_DIR_TO_SERVER) proto_text_copy(h->agent, sizeof h->agent, v, vl);
    else if (IS("Server") && dir == NET_DIR_TO_CLIENT) proto_text_copy(h->server, sizeof h->server, v, vl);
    else if (IS("Authorization") && dir == NET_DIR_TO_SERVER && vl > 6 && !strncasecmp(v, "Basic ", 6)) {
        h->basic = httplike_basic(v + 6, vl - 6, h->user, sizeof h->user, &h->default_credential);
    } else if (IS("Content-Length")) {
        uint64_t x = 0;
        bool ok = vl > 0;
        for (size_t i = 0; i < vl && ok; i++) {
            ok = v[i] >= '0' && v[i] <= '9' && x < (UINT64_MAX - 9) / 10;
            x = x * 10 + (uint64_t)(v[i] - '0');
        }
        if (ok) { h->has_length = true; h->left = x; }
    } else if (IS("Transfer-Encoding")) {
        h->chunked = vl >= 7 && !strncasecmp(end - 7, "chunked", 7);
    }
#undef IS
    (void)st;
}

/* The blank line after the headers: report, then choose the body framing. */
static void headers_done(http_state *st, const proto_ctx *ctx, net_dir dir)
{
    http_half *h = &st->half[dir];
    if (dir == NET_DIR_TO_SERVER) {
        emit_request(ctx, h);
        if (st->n_pending < HTTP_PENDING_MAX) {
            st->pending[st->n_pending].head = !strcmp(h->method, "HEAD");
            st->pending[st->n_pending].onvif = strstr(h->uri, "/onvif/") != NULL;
            st->pending[st->n_pending].default_credential = h->basic ? h->default_credential : NULL;
            st->n_pending++;
        }
        if (!strcmp(h->method, "CONNECT")) { h->phase = HTTP_BODY_CLOSE; return; }
    } else {
        unsigned code = (unsigned)(h->status[0] - '0') * 100 + (unsigned)(h->status[1] - '0') * 10 + (unsigned)(h->status[2] - '0');
        bool head = false;
        const defcred *taken = NULL;
        h->onvif = false;
        if (code >= 200 && st->n_pending) {     /* an interim 1xx keeps its request waiting */
            head = st->pending[0].head;
            h->onvif = st->pending[0].onvif;
            if (code != 401 && code != 403 && code != 407) taken = st->pending[0].default_credential;
            memmove(&st->pending[0], &st->pending[1], (size_t)(st->n_pending - 1) * sizeof st->pending[0]);
            st->n_pending--;
        }
        emit_response(ctx, h, taken);
        st->body_fill = 0;
        if (head || code < 200 || code == 204 || code == 304) { message_done(st, ctx, dir); return; }
        if (!h->chunked && !h->has_length) { h->phase = HTTP_BODY_CLOSE; return; }
    }
    if (h->chunked) h->phase = HTTP_CHUNK_SIZE;
    else if (h->has_length && h->left) h->phase = HTTP_BODY_LEN;
    else message_done(st, ctx, dir);
}

static void start_message(http_half *h)
{
    h->method[0] = h->uri[0] = h->host[0] = h->agent[0] = h->server[0] = h->user[0] = h->status[0] = '\0';
    h->basic = h->chunked = h->has_length = false;
    h->default_credential = NULL;
    h->left = 0;
}

/* One whole line (CRLF removed, cut to HTTP_LINE_MAX). */
static void http_line(http_state *st, const proto_ctx *ctx, net_dir dir, const char *l, size_t n)
{
    http_half *h = &st->half[dir];
    switch (h->phase) {
    case HTTP_START:
        if (n == 0) return;
        start_message(h);
        if (dir == NET_DIR_TO_SERVER) {
            if (parse_request_line(h, l, n)) h->phase = HTTP_HEADERS;
        } else if (n >= 12 && !memcmp(l, "HTTP/1.", 7) && l[8] == ' ' && l[9] >= '1' && l[9] <= '5' &&
                   l[10] >= '0' && l[10] <= '9' && l[11] >= '0' && l[11] <= '9') {
            memcpy(h->status, l + 9, 3);
            h->status[3] = '\0';
            h->phase = HTTP_HEADERS;
        }
        return;                          /* anything else: skipped until a start line */
    case HTTP_HEADERS:
        if (n == 0) headers_done(st, ctx, dir);
        else header_line(st, h, dir, l, n);
        return;
    case HTTP_CHUNK_SIZE: {
        uint64_t x = 0;
        size_t i = 0;
        for (; i < n && i < 16; i++) {
            char c = l[i];
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) break;
            x = x << 4 | (uint64_t)v;
        }
        if (i == 0) { h->phase = HTTP_START; return; }   /* not a chunk: resync on start lines */
        if (x == 0) h->phase = HTTP_TRAILER;
        else { h->left = x; h->phase = HTTP_CHUNK_DATA; }
        return;
    }
    case HTTP_CHUNK_END:
        h->phase = HTTP_CHUNK_SIZE;
        return;
    case HTTP_TRAILER:
        if (n == 0) message_done(st, ctx, dir);
        return;
    default:
        return;
    }
}

static void http_feed(http_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    http_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->phase == HTTP_BODY_CLOSE) {
            body_bytes(st, dir, cursor_ptr(&in), cursor_left(&in));
            return;
        }
        if (h->phase == HTTP_BODY_LEN || h->phase == HTTP_CHUNK_DATA) {
            size_t take = h->left < cursor_left(&in) ? (size_t)h->left : cursor_left(&in);
            body_bytes(st, dir, cursor_ptr(&in), take);
            cursor_skip(&in, take);
            h->left -= take;
            if (h->left == 0) {
                if (h->phase == HTTP_CHUNK_DATA) h->phase = HTTP_CHUNK_END;
                else message_done(st, ctx, dir);
            }
            continue;
        }
        uint8_t ch = cursor_u8(&in);
        if (ch == '\n') {
            size_t n = h->line_len;
            if (n && h->line[n - 1] == '\r') n--;
            h->line[n] = '\0';
            h->line_len = 0;
            http_line(st, ctx, dir, h->line, n);
        } else if (h->line_len < HTTP_LINE_MAX) {
            h->line[h->line_len++] = (char)ch;
        }
    }
}

static void http_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    http_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void http_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    http_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Lost bytes: the partial line and message are dropped; reading resumes
 * at the next line that is a start line. Pairing starts over. */
/* Requests whose answers will never be read: their vendor defaults are
 * still reported, not as accepted (each entry once). */
static void unanswered(http_state *st, const proto_ctx *ctx)
{
    for (uint8_t i = 0; i < st->n_pending; i++) {
        const defcred *d = st->pending[i].default_credential;
        bool again = false;
        for (uint8_t k = 0; k < i && !again; k++) again = st->pending[k].default_credential == d;
        if (!again) appmeta_default_unanswered(ctx, "http", d);
    }
    for (uint8_t i = 0; i < st->n_pending; i++) st->pending[i].default_credential = NULL;
}

static void http_end(void *state, const proto_ctx *ctx) { unanswered(state, ctx); }

static void http_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    http_state *st = state;
    unanswered(st, ctx);
    st->half[dir].line_len = 0;
    st->half[dir].phase = HTTP_START;
    st->n_pending = 0;
    st->body_fill = 0;
}

/* A known method and a space (the request line must end in HTTP/1.x once
 * it is whole), or "HTTP/1." from the server. */
static proto_probe_result http_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (dir == NET_DIR_TO_CLIENT) return httplike_probe_response(data, len, "HTTP/1.");
    return httplike_probe_request(data, len, methods, sizeof methods / sizeof methods[0], HTTP_LINE_MAX, http_version);
}

const proto_parser proto_http = {
    .name = "http",
    .transport = 6,
    .ports = { 80, 8080, 8000 },
    .state_size = sizeof(http_state),
    .probe = http_probe,
    .parse_to_server = http_parse_to_server,
    .parse_to_client = http_parse_to_client,
    .gap = http_gap,
    .end = http_end,
};
