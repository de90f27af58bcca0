/* json.c - streaming JSON writer (see json.h). */
#include "core/json.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(json_writer *w, strbuf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void jw_before_value(json_writer *w)
{
    if (w->after_key) { w->after_key = false; return; }
    if (w->need_comma[w->depth]) strbuf_putc(w->out, ',');
    w->need_comma[w->depth] = true;
}

static void jw_open(json_writer *w, char c)
{
    jw_before_value(w);
    strbuf_putc(w->out, c);
    if (w->depth < JSON_MAX_DEPTH) w->depth++;
    w->need_comma[w->depth] = false;
}

static void jw_close(json_writer *w, char c)
{
    strbuf_putc(w->out, c);
    if (w->depth > 0) w->depth--;
}

void jw_object_begin(json_writer *w) { jw_open(w, '{'); }
void jw_object_end(json_writer *w) { jw_close(w, '}'); }
void jw_array_begin(json_writer *w) { jw_open(w, '['); }
void jw_array_end(json_writer *w) { jw_close(w, ']'); }

/* Length of a valid UTF-8 sequence at p (n bytes left), or 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

void jw_escape(strbuf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) { i++; run++; continue; }
        strbuf_append(out, (const char *)p + i - run, run);
        run = 0;
        if (c >= 0x80) {
            size_t l = utf8_valid_len(p + i, n - i);
            if (l) strbuf_append(out, (const char *)p + i, l), i += l;
            else strbuf_puts(out, "\\ufffd"), i++;
            continue;
        }
        switch (c) {
        case '"': strbuf_puts(out, "\\\""); break;
        case '\\': strbuf_puts(out, "\\\\"); break;
        case '\n': strbuf_puts(out, "\\n"); break;
        case '\r': strbuf_puts(out, "\\r"); break;
        case '\t': strbuf_puts(out, "\\t"); break;
        case '\b': strbuf_puts(out, "\\b"); break;
        case '\f': strbuf_puts(out, "\\f"); break;
        default: {
            char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            strbuf_append(out, u, 6);
        }
        }
        i++;
    }
    strbuf_append(out, (const char *)p + i - run, run);
}

void jw_key(json_writer *w, const char *key)
{
    jw_before_value(w);
    strbuf_putc(w->out, '"');
    jw_escape(w->out, key, strlen(key));
    strbuf_append(w->out, "\":", 2);
    w->after_key = true;
}

void jw_string_n(json_writer *w, const char *s, size_t n)
{
    jw_before_value(w);
    strbuf_putc(w->out, '"');
    jw_escape(w->out, s, n);
    strbuf_putc(w->out, '"');
}

void jw_string(json_writer *w, const char *s)
{
    if (!s) { jw_null(w); return; }
    jw_string_n(w, s, strlen(s));
}

void jw_int(json_writer *w, int64_t v)
{
    jw_before_value(w);
    strbuf_printf(w->out, "%lld", (long long)v);
}

void jw_uint(json_writer *w, uint64_t v)
{
    jw_before_value(w);
    strbuf_printf(w->out, "%llu", (unsigned long long)v);
}

void jw_double(json_writer *w, double v, int decimals)
{
    if (!isfinite(v)) { jw_null(w); return; }
    jw_before_value(w);
    if (decimals < 0) strbuf_printf(w->out, "%.17g", v);
    else strbuf_printf(w->out, "%.*f", decimals, v);
}

void jw_bool(json_writer *w, bool v)
{
    jw_before_value(w);
    strbuf_puts(w->out, v ? "true" : "false");
}

void jw_null(json_writer *w)
{
    jw_before_value(w);
    strbuf_puts(w->out, "null");
}

void jw_raw(json_writer *w, const char *raw)
{
    jw_before_value(w);
    strbuf_puts(w->out, raw);
}

void jw_kv_string(json_writer *w, const char *k, const char *v) { jw_key(w, k); jw_string(w, v); }
void jw_kv_int(json_writer *w, const char *k, int64_t v) { jw_key(w, k); jw_int(w, v); }
void jw_kv_uint(json_writer *w, const char *k, uint64_t v) { jw_key(w, k); jw_uint(w, v); }
void jw_kv_double(json_writer *w, const char *k, double v, int d) { jw_key(w, k); jw_double(w, v, d); }
void jw_kv_bool(json_writer *w, const char *k, bool v) { jw_key(w, k); jw_bool(w, v); }
