/* fuzz_web_request.c - the pure parts of HTTP request handling: the request
 * target (path segments, percent-decoding, query parameters) and its route,
 * the Cookie and Authorization headers, and the JSON body. Input is three
 * parts split at the first two newlines: target, cookie header, body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl1 = memchr(data, '\n', size);
    size_t tlen = nl1 ? (size_t)(nl1 - data) : size;
    static web_target t;
    sw_error err;
    if (web_parse_target((const char *)data, tlen, &t, &err) == SW_OK) {
        static const char *const methods[] = { "GET", "POST", "DELETE", "HEAD", "PUT" };
        for (size_t m = 0; m < 5; m++) {
            const web_route *r;
            const char *var = NULL;
            if (web_route_find(methods[m], &t, &r, &var) == WEB_MATCH_OK && strchr(r->pattern, '{') && !var) abort();
        }
        for (size_t i = 0; i < t.nparams; i++)
            if (web_param(&t, t.params[i].key) != t.params[i].value) abort();
    }
    if (!nl1) return 0;
    const uint8_t *rest = nl1 + 1;
    size_t rlen = size - tlen - 1;
    const uint8_t *nl2 = memchr(rest, '\n', rlen);
    size_t clen = nl2 ? (size_t)(nl2 - rest) : rlen;
    char *cookie = malloc(clen + 1);
    if (!cookie) return 0;
    memcpy(cookie, rest, clen);
    cookie[clen] = '\0';
    char out[96];
    if (web_cookie_get(cookie, "sw_session", out, sizeof out) && strlen(out) >= sizeof out) abort();
    (void)web_bearer(cookie);
    free(cookie);
    if (!nl2) return 0;
    const char *body = (const char *)nl2 + 1;
    size_t blen = rlen - clen - 1;
    json_t *o = web_parse_json_object(body, blen, &err);
    if (o) {
        const char *s;
        (void)web_json_string(o, "username", 63, true, &s, &err);
        json_decref(o);
    }
    return 0;
}
