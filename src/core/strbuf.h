/* strbuf.h - growable byte strings, always NUL-terminated, plus small
 * string helpers (edit distance for did-you-mean suggestions). */
#ifndef SW_STRBUF_H
#define SW_STRBUF_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *data;    /* NUL-terminated; "" until first append */
    size_t len, cap;
    bool oom;      /* sticky: an append failed, contents are truncated */
} strbuf;

void strbuf_init(strbuf *sb);
void strbuf_free(strbuf *sb);
void strbuf_reset(strbuf *sb);
void strbuf_append(strbuf *sb, const char *s, size_t n);
void strbuf_puts(strbuf *sb, const char *s);
void strbuf_putc(strbuf *sb, char c);
void strbuf_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);
const char *strbuf_cstr(const strbuf *sb);

/* Levenshtein distance, capped at max+1 to stay cheap. */
size_t str_edit_distance(const char *a, const char *b, size_t max);
/* The candidate closest to word within a distance that fits its length, or NULL. */
const char *str_suggest(const char *word, const char *const *candidates, size_t n);
bool str_has_prefix(const char *s, const char *prefix);

#endif
