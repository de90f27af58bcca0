/* httplike.h - the message syntax HTTP/1.x (RFC 9112) and RTSP (RFC 2326,
 * 7826) share: request lines from a method table, "Name: value" header
 * lines, Basic credentials and the request-side probe. */
#ifndef SW_NET_PROTO_HTTPLIKE_H
#define SW_NET_PROTO_HTTPLIKE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "net/proto/defcred.h"
#include "net/proto/proto.h"
#include "net/proto/text.h"

/* The protocol's own check of the version token ending a request line. */
typedef bool (*httplike_version_ok)(const char *version, size_t len);

typedef struct httplike_request {
    const char *method, *uri;
    size_t method_len, uri_len;
} httplike_request;

/* "METHOD uri VERSION" with a method from the table; the URI runs to the
 * last space. Points into l; nothing is copied. */
static inline bool httplike_request_line(const char *l, size_t n, const char *const *methods, size_t n_methods,
                                         httplike_version_ok version_ok, httplike_request *req)
{
    const char *sp = memchr(l, ' ', n);
    if (!sp) return false;
    size_t ml = (size_t)(sp - l);
    bool known = false;
    for (size_t i = 0; i < n_methods && !known; i++) known = strlen(methods[i]) == ml && !memcmp(l, methods[i], ml);
    if (!known) return false;
    const char *u = sp + 1, *end = l + n, *sp2 = NULL;
    for (const char *q = end; q > u; q--) if (q[-1] == ' ') { sp2 = q - 1; break; }
    if (!sp2 || !version_ok(sp2 + 1, (size_t)(end - sp2 - 1))) return false;
    req->method = l;
    req->method_len = ml;
    req->uri = u;
    req->uri_len = (size_t)(sp2 - u);
    return true;
}

typedef struct httplike_header {
    const char *name, *value;
    size_t name_len, value_len;
} httplike_header;

/* "Name: value", the value without surrounding spaces and tabs. */
static inline bool httplike_header_split(const char *l, size_t n, httplike_header *hd)
{
    const char *colon = memchr(l, ':', n);
    if (!colon) return false;
    const char *v = colon + 1, *end = l + n;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t')) end--;
    hd->name = l;
    hd->name_len = (size_t)(colon - l);
    hd->value = v;
    hd->value_len = (size_t)(end - v);
    return true;
}

/* RFC 4648 base64 into out (cap bytes, NUL-terminated), up to '=' or the
 * first decoded byte equal to stop (pass -1 to decode all); false on a bad
 * digit before then. */
static inline bool httplike_base64(const char *s, size_t n, int stop, char *out, size_t cap, size_t *outlen)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        int v;
        if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
        else if (ch >= 'a' && ch <= 'z') v = ch - 'a' + 26;
        else if (ch >= '0' && ch <= '9') v = ch - '0' + 52;
        else if (ch == '+') v = 62;
        else if (ch == '/') v = 63;
        else if (ch == '=') break;
        else return false;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits < 8) continue;
        bits -= 8;
        char byte = (char)(acc >> bits & 0xff);
        if (stop >= 0 && (unsigned char)byte == (unsigned)stop) break;
        if (k + 1 < cap) out[k++] = byte;
    }
    out[k] = '\0';
    *outlen = k;
    return true;
}

/* An Authorization "Basic" value (RFC 7617: base64 of user:password):
 * the user into `user`, and the vendor default the pair equals into
 * *default_credential (NULL if none, or if the value was too long to judge).
 * The password is decoded only into a local buffer, wiped before return. */
static inline bool httplike_basic(const char *b64, size_t n, char *user, size_t cap,
                                  const defcred **default_credential)
{
    char dec[256];
    size_t dl;
    *default_credential = NULL;
    if (!httplike_base64(b64, n, -1, dec, sizeof dec, &dl)) return false;
    char *c = memchr(dec, ':', dl);
    size_t ul = c ? (size_t)(c - dec) : dl;
    proto_text_copy(user, cap, dec, ul);
    if (c && dl + 1 < sizeof dec) {
        char name[128];
        proto_text_copy(name, sizeof name, dec, ul);
        if (ul < sizeof name) *default_credential = defcred_match(DEFCRED_LOGIN, name, c + 1, dl - ul - 1);
    }
    volatile char *wipe = dec;
    for (size_t i = 0; i < sizeof dec; i++) wipe[i] = 0;
    return true;
}

/* Client side probe: a known method and a space, then (once the line is
 * whole, or line_max bytes say it never will be) a valid request line. */
static inline proto_probe_result httplike_probe_request(const uint8_t *data, size_t len, const char *const *methods,
                                                        size_t n_methods, size_t line_max, httplike_version_ok version_ok)
{
    bool prefix = false;
    for (size_t i = 0; i < n_methods; i++) {
        size_t ml = strlen(methods[i]);
        if (len <= ml) { prefix |= !memcmp(data, methods[i], len); continue; }
        if (memcmp(data, methods[i], ml) || data[ml] != ' ') continue;
        const uint8_t *eol = memchr(data, '\n', len);
        if (!eol) return len < line_max ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
        size_t n = (size_t)(eol - data);
        if (n && data[n - 1] == '\r') n--;
        httplike_request req;
        return httplike_request_line((const char *)data, n, methods, n_methods, version_ok, &req) ? PROTO_PROBE_YES
                                                                                                  : PROTO_PROBE_NO;
    }
    return prefix ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
}

/* Server side probe: the response starts with the protocol name. */
static inline proto_probe_result httplike_probe_response(const uint8_t *data, size_t len, const char *prefix)
{
    size_t pl = strlen(prefix), k = len < pl ? len : pl;
    if (memcmp(data, prefix, k)) return PROTO_PROBE_NO;
    return len < pl ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_YES;
}

#endif
