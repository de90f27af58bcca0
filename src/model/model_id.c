/* model_id.c - the id rule shared by the port-model loader and the REST API
 * (model_id.h), and the words that explain a refused id. */
#include "model/model_id.h"
#include <string.h>

bool model_id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == ':' || c == '-';
}

bool model_id_valid(const char *s, size_t *bad_at)
{
    size_t i = 0;
    for (; s[i]; i++) {
        /* Stop at the limit: a megabyte-long value costs no more than a long id. */
        if (i == MODEL_ID_MAX || !model_id_char((unsigned char)s[i])) break;
    }
    if (i > 0 && !s[i]) return true;
    if (bad_at) *bad_at = i;
    return false;
}

/* The length of the well-formed UTF-8 sequence at s (2 to 4 bytes, no
 * overlong forms, no surrogates, at most U+10FFFF) and its code point, or 0. */
static size_t utf8_seq(const unsigned char *s, unsigned long *cp)
{
    size_t n = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
    if (!n) return 0;
    unsigned long v = s[0] & (0x7f >> n);
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xc0) != 0x80) return 0;   /* also stops at the NUL */
        v = v << 6 | (s[k] & 0x3f);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
    *cp = v;
    return n;
}

/* s, quoted, cut after MODEL_ID_MAX bytes, with what would not print escaped. */
static void put_quoted(strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    strbuf_putc(out, '"');
    size_t i = 0;
    while (p[i] && i < MODEL_ID_MAX) {
        unsigned char c = p[i];
        unsigned long cp;
        size_t n;
        if (c == '"' || c == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)c);
        } else if (c >= 0x20 && c < 0x7f) {
            strbuf_putc(out, (char)c);
        } else if (c == '\t') {
            strbuf_puts(out, "\\t");
        } else if (c == '\n') {
            strbuf_puts(out, "\\n");
        } else if (c == '\r') {
            strbuf_puts(out, "\\r");
        } else if (c >= 0x80 && (n = utf8_seq(p + i, &cp)) > 0) {
            strbuf_append(out, s + i, n);
            i += n;
            continue;
        } else {
            strbuf_printf(out, "\\x%02x", c);
        }
        i++;
    }
    if (p[i]) strbuf_puts(out, "...");
    strbuf_putc(out, '"');
}

/* The byte (or character) at s: ' ', '\t', 'ú' (U+00FA), byte 0xff. */
static void put_char(strbuf *out, const char *s)
{
    unsigned char c = (unsigned char)*s;
    unsigned long cp;
    size_t n;
    if (c == '\'' || c == '\\') strbuf_printf(out, "'\\%c'", c);
    else if (c >= 0x20 && c < 0x7f) strbuf_printf(out, "'%c'", c);
    else if (c == '\t') strbuf_puts(out, "'\\t'");
    else if (c == '\n') strbuf_puts(out, "'\\n'");
    else if (c == '\r') strbuf_puts(out, "'\\r'");
    else if (c >= 0x80 && (n = utf8_seq((const unsigned char *)s, &cp)) > 0) {
        strbuf_putc(out, '\'');
        strbuf_append(out, s, n);
        strbuf_printf(out, "' (U+%04lX)", cp);
    } else strbuf_printf(out, "byte 0x%02x", c);
}

void model_id_explain(strbuf *out, const char *s, size_t bad_at)
{
    if (!s[0]) {
        strbuf_puts(out, "is empty");
        return;
    }
    put_quoted(out, s);
    if (bad_at >= MODEL_ID_MAX) {
        strbuf_printf(out, " is %zu bytes long", strlen(s));
        return;
    }
    strbuf_puts(out, " has ");
    put_char(out, s + bad_at);
    /* Every byte before the first bad one is ASCII, so this counts characters too. */
    strbuf_printf(out, " at %zu", bad_at + 1);
}
