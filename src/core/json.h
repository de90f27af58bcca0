/* json.h - streaming JSON writer for hot paths (alerts, decoded AIS).
 * Writes into a strbuf; commas and nesting are tracked here so callers
 * cannot produce malformed output, and strings are escaped per RFC 8259
 * (invalid UTF-8 is replaced by U+FFFD so output is always valid JSON). */
#ifndef SW_JSON_H
#define SW_JSON_H
#include <stdbool.h>
#include <stdint.h>
#include "core/strbuf.h"

#define JSON_MAX_DEPTH 32

typedef struct json_writer {
    strbuf *out;
    int depth;
    bool need_comma[JSON_MAX_DEPTH + 1];
    bool after_key;
    bool pretty;
} json_writer;

void jw_init(json_writer *w, strbuf *out);
void jw_object_begin(json_writer *w);
void jw_object_end(json_writer *w);
void jw_array_begin(json_writer *w);
void jw_array_end(json_writer *w);
void jw_key(json_writer *w, const char *key);
void jw_string(json_writer *w, const char *s);
void jw_string_n(json_writer *w, const char *s, size_t n);
void jw_int(json_writer *w, int64_t v);
void jw_uint(json_writer *w, uint64_t v);
void jw_double(json_writer *w, double v, int decimals);  /* non-finite -> null */
void jw_bool(json_writer *w, bool v);
void jw_null(json_writer *w);
/* Writes pre-rendered JSON (caller guarantees validity). */
void jw_raw(json_writer *w, const char *raw);

/* Key-value shorthands. */
void jw_kv_string(json_writer *w, const char *k, const char *v);   /* NULL -> null */
void jw_kv_int(json_writer *w, const char *k, int64_t v);
void jw_kv_uint(json_writer *w, const char *k, uint64_t v);
void jw_kv_double(json_writer *w, const char *k, double v, int decimals);
void jw_kv_bool(json_writer *w, const char *k, bool v);

/* Appends s escaped (without quotes). */
void jw_escape(strbuf *out, const char *s, size_t n);

#endif
