/* phys_jsonl.c - JSON lines exports: one object a line. Nested objects are
 * addressed by dotted paths ("Door.Name"); arrays are checked but not
 * mapped. The reader is strict RFC 8259 (a broken line is reported, not
 * guessed at) with a nesting limit, and allocates nothing. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "phys/phys.h"

#define JSON_MAX_DEPTH 16
#define JSON_PATH_MAX 256

typedef struct jreader {
    phys_decoder *d;
    cursor c;
    phys_slice *out;
    char path[JSON_PATH_MAX];
    size_t path_len;
    const char *err;
} jreader;

static void ws(jreader *r)
{
    for (;;) {
        uint8_t b = cursor_peek_u8(&r->c, 0);
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return;
        cursor_u8(&r->c);
    }
}

static bool fail(jreader *r, const char *why)
{
    if (!r->err) r->err = why;
    return false;
}

static int hexval(uint8_t b)
{
    if (b >= '0' && b <= '9') return b - '0';
    if (b >= 'a' && b <= 'f') return b - 'a' + 10;
    if (b >= 'A' && b <= 'F') return b - 'A' + 10;
    return -1;
}

static bool hex4(jreader *r, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(cursor_u8(&r->c));
        if (h < 0) return fail(r, "bad \\u escape");
        v = v << 4 | (uint32_t)h;
    }
    *out = v;
    return true;
}

static size_t put_utf8(char *dst, uint32_t cp)
{
    if (cp < 0x80) { dst[0] = (char)cp; return 1; }
    if (cp < 0x800) { dst[0] = (char)(0xC0 | cp >> 6); dst[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        dst[0] = (char)(0xE0 | cp >> 12); dst[1] = (char)(0x80 | (cp >> 6 & 0x3F)); dst[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (char)(0xF0 | cp >> 18); dst[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    dst[2] = (char)(0x80 | (cp >> 6 & 0x3F)); dst[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string (after its opening quote), unescaped into scratch. An escape never
 * yields more bytes than it took, so the rest of the line bounds the space. */
static bool string(jreader *r, phys_slice *s)
{
    size_t cap = cursor_left(&r->c) + 4;
    char *dst = phys_scratch_reserve(r->d, cap);
    if (!dst) return fail(r, "line too long to unescape");
    size_t n = 0;
    for (;;) {
        if (!cursor_left(&r->c)) return fail(r, "unterminated string");
        uint8_t b = cursor_u8(&r->c);
        if (b == '"') break;
        if (b < 0x20) return fail(r, "control character in a string");
        if (b != '\\') { dst[n++] = (char)b; continue; }
        uint8_t e = cursor_u8(&r->c);
        switch (e) {
        case '"': case '\\': case '/': dst[n++] = (char)e; break;
        case 'b': dst[n++] = '\b'; break;
        case 'f': dst[n++] = '\f'; break;
        case 'n': dst[n++] = '\n'; break;
        case 'r': dst[n++] = '\r'; break;
        case 't': dst[n++] = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (!hex4(r, &cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (cursor_u8(&r->c) != '\\' || cursor_u8(&r->c) != 'u' || !hex4(r, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return fail(r, "unpaired UTF-16 surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(r, "unpaired UTF-16 surrogate");
            }
            if (cp == 0) return fail(r, "NUL in a string");
            n += put_utf8(dst + n, cp);
            break;
        }
        default: return fail(r, "bad escape in a string");
        }
    }
    r->d->scratch_used -= cap - n;   /* this string was the last reservation: give back the rest */
    s->p = dst;
    s->n = n;
    s->set = true;
    return true;
}

static bool literal(jreader *r, const char *word)
{
    size_t n = strlen(word);
    if (!cursor_has(&r->c, n) || memcmp(cursor_ptr(&r->c), word, n)) return fail(r, "unexpected word");
    cursor_skip(&r->c, n);
    return true;
}

static bool number(jreader *r, phys_slice *s)
{
    const char *start = (const char *)cursor_ptr(&r->c);
    size_t n0 = r->c.pos;
    if (cursor_peek_u8(&r->c, 0) == '-') cursor_u8(&r->c);
    uint8_t b = cursor_peek_u8(&r->c, 0);
    if (b == '0') cursor_u8(&r->c);
    else if (b >= '1' && b <= '9') while (cursor_peek_u8(&r->c, 0) >= '0' && cursor_peek_u8(&r->c, 0) <= '9') cursor_u8(&r->c);
    else return fail(r, "bad number");
    if (cursor_peek_u8(&r->c, 0) == '.') {
        cursor_u8(&r->c);
        if (!(cursor_peek_u8(&r->c, 0) >= '0' && cursor_peek_u8(&r->c, 0) <= '9')) return fail(r, "bad number");
        while (cursor_peek_u8(&r->c, 0) >= '0' && cursor_peek_u8(&r->c, 0) <= '9') cursor_u8(&r->c);
    }
    if ((cursor_peek_u8(&r->c, 0) | 0x20) == 'e') {
        cursor_u8(&r->c);
        if (cursor_peek_u8(&r->c, 0) == '+' || cursor_peek_u8(&r->c, 0) == '-') cursor_u8(&r->c);
        if (!(cursor_peek_u8(&r->c, 0) >= '0' && cursor_peek_u8(&r->c, 0) <= '9')) return fail(r, "bad number");
        while (cursor_peek_u8(&r->c, 0) >= '0' && cursor_peek_u8(&r->c, 0) <= '9') cursor_u8(&r->c);
    }
    s->p = start;
    s->n = r->c.pos - n0;
    s->set = true;
    return true;
}

static bool value(jreader *r, int depth);

/* The current path names a mapped field: keep the scalar there. */
static void deliver(jreader *r, const phys_slice *s)
{
    for (int f = 0; f < PF__COUNT; f++)
        if (r->d->prof->field[f][0] && !r->out[f].set && !strcmp(r->d->prof->field[f], r->path)) r->out[f] = *s;
}

static bool object(jreader *r, int depth)
{
    if (depth > JSON_MAX_DEPTH) return fail(r, "objects nested deeper than 16");
    ws(r);
    if (cursor_peek_u8(&r->c, 0) == '}') { cursor_u8(&r->c); return true; }
    for (;;) {
        ws(r);
        if (cursor_u8(&r->c) != '"') return fail(r, "expected a key");
        phys_slice key;
        if (!string(r, &key)) return false;
        ws(r);
        if (cursor_u8(&r->c) != ':') return fail(r, "expected ':' after a key");
        size_t saved = r->path_len;
        char first = r->path[0];
        bool fits = saved + (saved ? 1 : 0) + key.n < JSON_PATH_MAX;
        if (fits) {
            if (saved) r->path[r->path_len++] = '.';
            memcpy(r->path + r->path_len, key.p, key.n);
            r->path_len += key.n;
            r->path[r->path_len] = '\0';
        } else {
            r->path[0] = '\x01';   /* too long to match any mapping */
        }
        if (!value(r, depth)) return false;
        r->path[0] = first;
        r->path_len = saved;
        r->path[saved] = '\0';
        ws(r);
        uint8_t b = cursor_u8(&r->c);
        if (b == '}') return true;
        if (b != ',') return fail(r, "expected ',' or '}' in an object");
    }
}

static bool array(jreader *r, int depth)
{
    if (depth > JSON_MAX_DEPTH) return fail(r, "arrays nested deeper than 16");
    ws(r);
    if (cursor_peek_u8(&r->c, 0) == ']') { cursor_u8(&r->c); return true; }
    char saved = r->path[0];
    r->path[0] = '\x01';   /* inside an array nothing is mapped */
    for (;;) {
        if (!value(r, depth)) return false;
        ws(r);
        uint8_t b = cursor_u8(&r->c);
        if (b == ']') break;
        if (b != ',') return fail(r, "expected ',' or ']' in an array");
    }
    r->path[0] = saved;
    return true;
}

static bool value(jreader *r, int depth)
{
    ws(r);
    phys_slice s = { 0 };
    uint8_t b = cursor_peek_u8(&r->c, 0);
    switch (b) {
    case '{': cursor_u8(&r->c); return object(r, depth + 1);
    case '[': cursor_u8(&r->c); return array(r, depth + 1);
    case '"': cursor_u8(&r->c); if (!string(r, &s)) return false; break;
    case 't': if (!literal(r, "true")) return false; s.p = "true"; s.n = 4; s.set = true; break;
    case 'f': if (!literal(r, "false")) return false; s.p = "false"; s.n = 5; s.set = true; break;
    case 'n': return literal(r, "null");   /* null is the same as absent */
    default: if (!number(r, &s)) return false; break;
    }
    deliver(r, &s);
    return true;
}

const char *phys_jsonl_fields(phys_decoder *d, const char *line, size_t len, phys_slice out[PF__COUNT])
{
    jreader r = { .d = d, .c = cursor_make(line, len), .out = out };
    r.path[0] = '\0';
    ws(&r);
    if (cursor_u8(&r.c) != '{') return "not a JSON object";
    if (!object(&r, 1)) return r.err ? r.err : "malformed JSON";
    ws(&r);
    if (cursor_left(&r.c)) return "text after the JSON object";
    if (!cursor_ok(&r.c)) return "truncated JSON";
    return NULL;
}
