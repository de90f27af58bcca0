/* fuzz_web_request.c - the pure parts of HTTP request handling: the request
 * target (path segments, percent-decoding, query parameters) and its route,
 * the query parameter check dispatch runs, the Cookie and Authorization
 * headers, and the JSON body. Input is three parts split at the first two
 * newlines: target, cookie header, body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "model/model_id.h"
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
        /* Dispatch's parameter check, against the matched route's specs and
         * against one spec of every type: it never overruns its message, and
         * an accepted identifier is one by model_id_valid's own rule. */
        static const char all_types[] = "id:id:i|e:enum=low,high:e|n:integer=1..1000:n|b:boolean:b|t:time:t|"
                                        "d:datetime=now,latest:d|cursor:cursor:c|q:text:q|ids:ids:l|"
                                        "x:number=-5..10:x|day:date:y";
        char msg[300];
        const web_route *r;
        const char *var = NULL;
        if (web_route_find("GET", &t, &r, &var) == WEB_MATCH_OK) {
            msg[0] = '\0';
            if (!web_params_check(r->params, &t, msg, sizeof msg) && !msg[0]) abort();
        }
        msg[0] = '\0';
        bool ok = web_params_check(all_types, &t, msg, sizeof msg);
        if (!ok && !msg[0]) abort();
        const char *id = web_param(&t, "id");
        if (ok && id && !model_id_valid(id, NULL)) abort();
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
