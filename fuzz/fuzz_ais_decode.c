/* fuzz_ais_decode.c - libFuzzer target for the AIS pipeline: arbitrary
 * multi-line buffers through line parsing, fragment assembly, decoding and
 * JSON/CSV rendering; inputs starting with 0xA5 are instead taken as a raw
 * bit buffer and decoded directly, to reach every message layout. One
 * stream lives across inputs so fragment floods accumulate: its memory is
 * fixed, so a leak or growth would show in RSS. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ais/ais_json.h"
#include "ais/stream.h"
#include "core/json.h"

static ais_stream stream;
static bool ready;

/* A strict JSON syntax check of the rendered objects: the renderer writes
 * members itself, so the fuzzer checks it never produces invalid JSON. */
static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
    while (*p == ' ') p++;
    return p;
}

static const char *json_string(const char *p)
{
    if (*p++ != '"') return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c >= 0x7f) return NULL;   /* the renderer escapes these */
        if (c == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdef", p[i]) || !p[i]) return NULL;
                p += 4;
            } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
                return NULL;
            }
        }
        p++;
    }
    return p + 1;
}

static const char *json_number(const char *p)
{
    const char *s = p;
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (*p >= '0' && *p <= '9') p++;
    else return NULL;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    return p > s ? p : NULL;
}

static const char *json_value(const char *p, int depth)
{
    if (depth > 8) return NULL;
    p = json_ws(p);
    if (*p == '"') return json_string(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = json_ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                p = json_string(json_ws(p));
                if (!p) return NULL;
                p = json_ws(p);
                if (*p++ != ':') return NULL;
            }
            p = json_value(p, depth + 1);
            if (!p) return NULL;
            p = json_ws(p);
            if (*p == ',') { p++; continue; }
            if (*p == close) return p + 1;
            return NULL;
        }
    }
    if (!strncmp(p, "true", 4)) return p + 4;
    if (!strncmp(p, "false", 5)) return p + 5;
    if (!strncmp(p, "null", 4)) return p + 4;
    return json_number(p);
}

static void render(const ais_msg *m, strbuf *out)
{
    ais_json_opts scaled = { true, "stdin" }, raw = { false, NULL };
    for (int i = 0; i < 2; i++) {
        strbuf_reset(out);
        ais_json_write(out, m, i ? &raw : &scaled);
        /* One valid JSON object and a newline. */
        const char *end = json_value(out->data, 0);
        if (!end || out->data[0] != '{' || end[0] != '\n' || end[1] != '\0') abort();
    }
    strbuf_reset(out);
    ais_csv_write(out, m);
    if (memchr(out->data, '\0', out->len) || memchr(out->data, '\n', out->len) != out->data + out->len - 1)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static strbuf out;
    ais_msg m;
    ais_meta meta;
    if (!ready) {
        ais_stream_init(&stream);
        strbuf_init(&out);
        ready = true;
    }
    if (size > 0 && data[0] == 0xA5) {
        ais_bits b;
        ais24_queue q;
        memset(&q, 0, sizeof q);
        size_t n = size - 1 > AIS_BITS_MAX / 8 ? AIS_BITS_MAX / 8 : size - 1;
        /* The last byte trims the bit length so every length is reachable. */
        unsigned nbits = (unsigned)n * 8;
        if (n > 0) nbits -= data[size - 1] % 8;
        ais_bits_load(&b, data + 1, nbits);
        if (ais_decode(&b, &m, &q) == AIS_OK) render(&m, &out);
        return 0;
    }
    size_t pos = 0;
    while (pos < size) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (data + pos)) : size - pos;
        if (ais_stream_line(&stream, (const char *)data + pos, len, &m, &meta)) render(&m, &out);
        pos += len + 1;
    }
    if (stream.nslots_used > AIS_FRAG_SLOTS) abort();
    return 0;
}
