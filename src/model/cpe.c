/* cpe.c - CPE 2.3 formatted-string validation (NISTIR 7695 section 6.2 and
 * the NVD dictionary schema's pattern). Works on indexes into the string so
 * an odd escape at the end can never step past the terminator. */
#include "model/cpe.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const attribute_names[CPE__COUNT] = {
    "part", "vendor", "product", "version", "update", "edition",
    "language", "sw_edition", "target_sw", "target_hw", "other",
};

const char *cpe23_attribute_name(int which)
{
    return which >= 0 && which < CPE__COUNT ? attribute_names[which] : "?";
}

typedef struct span { size_t start, len; } span;

static void say(char *why, size_t why_len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t why_len, const char *fmt, ...)
{
    if (!why || why_len == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

/* Splits the text after "cpe:2.3:" at unescaped colons. Returns the number
 * of attributes found (it may exceed CPE__COUNT; only the first are kept). */
static size_t split_attributes(const char *s, size_t len, span out[CPE__COUNT])
{
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i + 1 < len && s[i] == '\\') { i++; continue; }   /* the escaped char is never a separator */
        if (i == len || s[i] == ':') {
            if (count < CPE__COUNT) out[count] = (span){ start, (i < len ? i : len) - start };
            count++;
            start = i + 1;
        }
    }
    return count;
}

static bool is_plain_char(char c)
{
    return isascii((unsigned char)c) && (isalnum((unsigned char)c) || c == '-' || c == '.' || c == '_');
}

static bool is_escapable(char c)
{
    return isascii((unsigned char)c) && ispunct((unsigned char)c);
}

/* The attribute-value grammar: "*" or "-" alone (ANY, NA), or an optional
 * leading "*" or run of "?", one or more plain or escaped characters, and
 * an optional trailing "*" or run of "?". */
static bool value_valid(const char *v, size_t n, const char *name, char *why, size_t why_len)
{
    if (n == 0) { say(why, why_len, "%s is empty; write * for any or - for not applicable", name); return false; }
    if (n == 1 && (v[0] == '*' || v[0] == '-')) return true;
    size_t i = 0;
    if (v[i] == '*') i++;
    else while (i < n && v[i] == '?') i++;
    size_t body = 0;
    while (i < n) {
        if (is_plain_char(v[i])) { i++; body++; continue; }
        if (v[i] == '\\') {
            if (i + 1 >= n || !is_escapable(v[i + 1])) {
                say(why, why_len, "%s has a backslash that escapes nothing (only punctuation is escaped)", name);
                return false;
            }
            i += 2;
            body++;
            continue;
        }
        break;
    }
    size_t stop = i;   /* the first character the body could not take */
    if (i < n && v[i] == '*') i++;
    else while (i < n && v[i] == '?') i++;
    if (i == n && body > 0) return true;
    if (body == 0) { say(why, why_len, "%s is only wildcards", name); return false; }
    char c = v[stop];
    if (c == ' ') say(why, why_len, "%s has a space; CPE 2.3 writes spaces as underscores", name);
    else if (c == '*' || c == '?') say(why, why_len, "%s has a wildcard '%c' inside it; escape it as \\%c", name, c, c);
    else if (isascii((unsigned char)c) && isprint((unsigned char)c))
        say(why, why_len, "%s has '%c', which must be escaped as \\%c", name, c, c);
    else say(why, why_len, "%s has a character that is not printable ASCII", name);
    return false;
}

/* RFC 5646 shape as the CPE schema allows it: 2-3 letters, optionally "-"
 * and a 2-letter region or 3-digit area code. */
static bool language_valid(const char *v, size_t n)
{
    if (n == 1 && (v[0] == '*' || v[0] == '-')) return true;
    size_t i = 0;
    while (i < n && i < 3 && isascii((unsigned char)v[i]) && isalpha((unsigned char)v[i])) i++;
    if (i < 2) return false;
    if (i == n) return true;
    if (v[i] != '-') return false;
    size_t rest = n - i - 1;
    const char *r = v + i + 1;
    if (rest == 2) return isascii((unsigned char)r[0]) && isalpha((unsigned char)r[0]) &&
                          isascii((unsigned char)r[1]) && isalpha((unsigned char)r[1]);
    if (rest == 3) return isdigit((unsigned char)r[0]) && isdigit((unsigned char)r[1]) && isdigit((unsigned char)r[2]);
    return false;
}

static bool split_valid(const char *s, span attr[CPE__COUNT], char *why, size_t why_len)
{
    static const char prefix[] = "cpe:2.3:";
    if (!s) { say(why, why_len, "no CPE name"); return false; }
    if (strncmp(s, "cpe:/", 5) == 0) {
        say(why, why_len, "this is a CPE 2.2 URI; write the CPE 2.3 form cpe:2.3:part:vendor:product:version:...");
        return false;
    }
    if (strncmp(s, prefix, sizeof prefix - 1) != 0) {
        say(why, why_len, "a CPE 2.3 name starts with 'cpe:2.3:'");
        return false;
    }
    const char *rest = s + (sizeof prefix - 1);
    size_t count = split_attributes(rest, strlen(rest), attr);
    if (count != CPE__COUNT) {
        say(why, why_len, "a CPE 2.3 name has 13 colon-separated fields; this one has %zu", count + 2);
        return false;
    }
    const span *p = &attr[CPE_PART];
    if (p->len != 1 || !strchr("aho*-", rest[p->start])) {
        say(why, why_len, "part must be a (application), o (operating system) or h (hardware)");
        return false;
    }
    for (int i = CPE_VENDOR; i < CPE__COUNT; i++) {
        const char *v = rest + attr[i].start;
        if (i == CPE_LANGUAGE) {
            if (!language_valid(v, attr[i].len)) {
                say(why, why_len, "language must be * or - or a tag such as en or en-us");
                return false;
            }
        } else if (!value_valid(v, attr[i].len, attribute_names[i], why, why_len)) {
            return false;
        }
    }
    return true;
}

bool cpe23_valid(const char *s, char *why, size_t why_len)
{
    span attr[CPE__COUNT];
    return split_valid(s, attr, why, why_len);
}

bool cpe23_attribute(const char *s, int which, char *buf, size_t buf_len)
{
    span attr[CPE__COUNT];
    if (which < 0 || which >= CPE__COUNT || !split_valid(s, attr, NULL, 0)) return false;
    if (attr[which].len >= buf_len) return false;
    memcpy(buf, s + strlen("cpe:2.3:") + attr[which].start, attr[which].len);
    buf[attr[which].len] = '\0';
    return true;
}
