/* web_parse.c - the pure parts of reading a request: the target (path
 * segments, query parameters, percent-decoding), cookies, bearer tokens and
 * JSON bodies. Untrusted bytes only; fuzzed by fuzz/fuzz_web_request.c. */
#include <string.h>
#include "core/cursor.h"
#include "web/web.h"

/* The next byte without taking it, or -1 at the end. */
static int peek(const cursor *c)
{
    return cursor_left(c) ? *cursor_ptr(c) : -1;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one component from the cursor up to a stop byte into out (NUL
 * terminated). plus_space: '+' is a space (query strings). */
static sw_code decode_part(cursor *cur, const char *stops, bool plus_space, char *out, size_t cap, size_t *used,
                           sw_error *err)
{
    size_t n = 0;
    while (cursor_left(cur)) {
        uint8_t b = *cursor_ptr(cur);
        if (strchr(stops, b) && b) break;
        cursor_skip(cur, 1);
        if (b == '%') {
            if (cursor_left(cur) < 2)
                return sw_fail(err, SW_ERR_PARSE, "bad percent escape in the request target");
            uint8_t h = cursor_u8(cur), l = cursor_u8(cur);
            if (hexval(h) < 0 || hexval(l) < 0)
                return sw_fail(err, SW_ERR_PARSE, "bad percent escape in the request target");
            b = (uint8_t)(hexval(h) << 4 | hexval(l));
            if (b == 0) return sw_fail(err, SW_ERR_PARSE, "NUL byte in the request target");
        } else if (b == '+' && plus_space) {
            b = ' ';
        } else if (b < 0x20 || b == 0x7f) {
            return sw_fail(err, SW_ERR_PARSE, "control byte in the request target");
        }
        if (b < 0x20 || b == 0x7f) return sw_fail(err, SW_ERR_PARSE, "control byte in the request target");
        if (n + 1 >= cap) return sw_fail(err, SW_ERR_LIMIT, "request target too long");
        out[n++] = (char)b;
    }
    out[n] = '\0';
    *used = n + 1;
    return SW_OK;
}

sw_code web_parse_target(const char *uri, size_t len, web_target *t, sw_error *err)
{
    memset(t, 0, offsetof(web_target, params) + sizeof t->params);
    if (len > WEB_URI_MAX) return sw_fail(err, SW_ERR_LIMIT, "request target longer than %d bytes", WEB_URI_MAX);
    if (len == 0 || uri[0] != '/') return sw_fail(err, SW_ERR_PARSE, "the request target must start with '/'");
    cursor cur = cursor_make((const uint8_t *)uri, len);
    size_t used, pos = 0;
    char *buf = t->buf;
    size_t cap = sizeof t->buf;

    /* Path: segment by segment, so an encoded slash (%2f) stays inside its
     * segment and "." / ".." are refused whether written plain or encoded. */
    size_t plen = 0;
    while (peek(&cur) == '/') {
        cursor_skip(&cur, 1);
        if (!cursor_left(&cur) || peek(&cur) == '?' || peek(&cur) == '#') {
            if (t->nseg == 0) break;      /* "/" itself */
            return sw_fail(err, SW_ERR_PARSE, "empty path segment (trailing or doubled '/')");
        }
        if (t->nseg == WEB_MAX_SEGMENTS) return sw_fail(err, SW_ERR_PARSE, "too many path segments");
        if (decode_part(&cur, "/?#", false, buf + pos, cap - pos, &used, err)) return err ? err->code : SW_ERR_PARSE;
        const char *s = buf + pos;
        if (!*s) return sw_fail(err, SW_ERR_PARSE, "empty path segment (trailing or doubled '/')");
        if (!strcmp(s, ".") || !strcmp(s, ".."))
            return sw_fail(err, SW_ERR_PARSE, "'.' and '..' are not allowed in paths");
        if (strchr(s, '/') || strchr(s, '\\'))
            return sw_fail(err, SW_ERR_PARSE, "encoded '/' or '\\' in a path segment");
        t->seg[t->nseg++] = s;
        size_t sl = strlen(s);
        if (plen + 1 + sl >= sizeof t->path) return sw_fail(err, SW_ERR_LIMIT, "request target too long");
        t->path[plen++] = '/';
        memcpy(t->path + plen, s, sl);
        plen += sl;
        pos += used;
    }
    if (plen == 0) t->path[plen++] = '/';
    t->path[plen] = '\0';
    if (peek(&cur) >= 0 && peek(&cur) != '?' && peek(&cur) != '#')
        return sw_fail(err, SW_ERR_PARSE, "malformed request target");

    if (peek(&cur) == '?') {
        cursor_skip(&cur, 1);
        while (peek(&cur) >= 0 && peek(&cur) != '#') {
            if (peek(&cur) == '&') { cursor_skip(&cur, 1); continue; }
            if (t->nparams == WEB_MAX_PARAMS)
                return sw_fail(err, SW_ERR_PARSE, "more than %d query parameters", WEB_MAX_PARAMS);
            web_kv *kv = &t->params[t->nparams];
            if (decode_part(&cur, "=&#", true, buf + pos, cap - pos, &used, err)) return err ? err->code : SW_ERR_PARSE;
            kv->key = buf + pos;
            pos += used;
            if (!*kv->key) return sw_fail(err, SW_ERR_PARSE, "query parameter without a name");
            if (peek(&cur) == '=') {
                cursor_skip(&cur, 1);
                if (decode_part(&cur, "&#", true, buf + pos, cap - pos, &used, err))
                    return err ? err->code : SW_ERR_PARSE;
                kv->value = buf + pos;
                pos += used;
            } else {
                if (pos + 1 > cap) return sw_fail(err, SW_ERR_LIMIT, "request target too long");
                buf[pos] = '\0';
                kv->value = buf + pos++;
            }
            for (size_t i = 0; i < t->nparams; i++)
                if (!strcmp(t->params[i].key, kv->key))
                    return sw_fail(err, SW_ERR_PARSE, "query parameter '%s' given twice", kv->key);
            t->nparams++;
        }
    }
    return SW_OK;
}

const char *web_param(const web_target *t, const char *key)
{
    for (size_t i = 0; i < t->nparams; i++)
        if (!strcmp(t->params[i].key, key)) return t->params[i].value;
    return NULL;
}

bool web_cookie_get(const char *header, const char *name, char *out, size_t cap)
{
    if (!header || cap == 0) return false;
    size_t nl = strlen(name);
    cursor cur = cursor_make((const uint8_t *)header, strlen(header));
    while (cursor_left(&cur)) {
        while (cursor_left(&cur) && (peek(&cur) == ' ' || peek(&cur) == ';')) cursor_skip(&cur, 1);
        size_t start = cur.pos;
        while (peek(&cur) >= 0 && peek(&cur) != '=' && peek(&cur) != ';') cursor_skip(&cur, 1);
        size_t klen = cur.pos - start;
        if (!cursor_left(&cur) || peek(&cur) != '=') continue;
        cursor_skip(&cur, 1);
        size_t vstart = cur.pos;
        while (peek(&cur) >= 0 && peek(&cur) != ';') cursor_skip(&cur, 1);
        size_t vlen = cur.pos - vstart;
        if (klen == nl && !memcmp(header + start, name, nl)) {
            if (vlen >= 2 && header[vstart] == '"' && header[vstart + vlen - 1] == '"') vstart++, vlen -= 2;
            while (vlen && header[vstart + vlen - 1] == ' ') vlen--;
            if (vlen == 0 || vlen >= cap) return false;
            for (size_t i = 0; i < vlen; i++) {
                unsigned char ch = (unsigned char)header[vstart + i];
                if (ch <= 0x20 || ch >= 0x7f || ch == ',' || ch == '\\' || ch == '"') return false;
            }
            memcpy(out, header + vstart, vlen);
            out[vlen] = '\0';
            return true;
        }
    }
    return false;
}

const char *web_bearer(const char *authorization)
{
    if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0) return NULL;
    const char *tok = authorization + 7;
    while (*tok == ' ') tok++;
    return *tok ? tok : NULL;
}

json_t *web_parse_json_object(const char *body, size_t len, sw_error *err)
{
    if (!body || len == 0) {
        sw_fail(err, SW_ERR_PARSE, "a JSON object body is required");
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        sw_fail(err, SW_ERR_PARSE, "malformed JSON at line %d column %d: %s", je.line, je.column, je.text);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        sw_fail(err, SW_ERR_PARSE, "the body must be a JSON object");
        return NULL;
    }
    return v;
}

sw_code web_json_string(json_t *obj, const char *key, size_t max, bool required, const char **out, sw_error *err)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required) return sw_fail(err, SW_ERR_INVALID, "'%s' is required", key);
        return SW_OK;
    }
    if (!json_is_string(v)) return sw_fail(err, SW_ERR_INVALID, "'%s' must be a string", key);
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    if (n == 0) return sw_fail(err, SW_ERR_INVALID, "'%s' must not be empty", key);
    if (n > max) return sw_fail(err, SW_ERR_INVALID, "'%s' is longer than %zu bytes", key, max);
    if (strlen(s) != n) return sw_fail(err, SW_ERR_INVALID, "'%s' contains a NUL character", key);
    *out = s;
    return SW_OK;
}
