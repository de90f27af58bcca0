/* strbuf.c - growable strings and small string helpers (see strbuf.h). */
#include "core/strbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char strbuf_empty[1];

void strbuf_init(strbuf *sb)
{
    sb->data = strbuf_empty;
    sb->len = sb->cap = 0;
    sb->oom = false;
}

void strbuf_free(strbuf *sb)
{
    if (sb->cap) free(sb->data);
    strbuf_init(sb);
}

void strbuf_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->cap) sb->data[0] = '\0';
    sb->oom = false;
}

static bool strbuf_reserve(strbuf *sb, size_t extra)
{
    if (sb->oom) return false;
    if (sb->len + extra < sb->cap) return true;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap <= sb->len + extra) {
        if (cap > ((size_t)-1) / 2) { sb->oom = true; return false; }
        cap *= 2;
    }
    char *d = realloc(sb->cap ? sb->data : NULL, cap);
    if (!d) { sb->oom = true; return false; }
    if (!sb->cap) d[0] = '\0';
    sb->data = d;
    sb->cap = cap;
    return true;
}

void strbuf_append(strbuf *sb, const char *s, size_t n)
{
    if (!strbuf_reserve(sb, n)) return;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void strbuf_puts(strbuf *sb, const char *s) { strbuf_append(sb, s, strlen(s)); }
void strbuf_putc(strbuf *sb, char c) { strbuf_append(sb, &c, 1); }

void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !strbuf_reserve(sb, (size_t)n)) return;
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

const char *strbuf_cstr(const strbuf *sb) { return sb->data; }

size_t str_edit_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return max + 1;
    if ((la > lb ? la - lb : lb - la) > max) return max + 1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = diag + cost;
            if (up + 1 < v) v = up + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best) best = v;
        }
        if (best > max) return max + 1;
    }
    return row[lb];
}

const char *str_suggest(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word);
    size_t max = len <= 3 ? 1 : len <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = max + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = str_edit_distance(word, candidates[i], max);
        if (d < best_d) { best_d = d; best = candidates[i]; }
    }
    return best;
}

bool str_has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}
