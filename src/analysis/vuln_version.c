/* vuln_version.c - version ordering and ranges for vulnerability matching
 * (vuln_version.h). Versions are split into number and word tokens; the
 * rules for what a trailing token means are in docs/vulns.md. */
#include "analysis/vuln_version.h"
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

vuln_version_type vuln_version_type_parse(const char *s)
{
    if (!s) return VT_GENERIC;
    if (!strcasecmp(s, "semver")) return VT_SEMVER;
    if (!strcasecmp(s, "git")) return VT_GIT;
    if (!strcasecmp(s, "custom")) return VT_CUSTOM;
    return VT_GENERIC;
}

bool vuln_version_is_any(const char *v)
{
    if (!v) return true;
    while (*v == ' ') v++;
    return !*v || !strcmp(v, "*") || !strcasecmp(v, "n/a") || !strcasecmp(v, "all versions") ||
           !strcasecmp(v, "all");
}

typedef struct vtok {
    const char *p;
    size_t n;
    bool num;
    bool pre;       /* a pre-release part: sorts before the release */
    int rank;       /* pre-release word order: dev < alpha < beta < pre < rc < other */
} vtok;

enum { VTOK_MAX = 48 };

static bool word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && !strncasecmp(p, w, n);
}

/* The rank of a pre-release word, or -1 when the word is no pre-release
 * marker. "a" and "b" count only when a number follows ("1.0a1"); a lone
 * trailing letter ("2.9.4a") is a later rebuild, as OpenSSL and Cisco use it. */
static int pre_rank(const char *p, size_t n, bool digit_follows)
{
    if (word_is(p, n, "dev") || word_is(p, n, "snapshot")) return 0;
    if (word_is(p, n, "alpha") || (digit_follows && word_is(p, n, "a"))) return 1;
    if (word_is(p, n, "beta") || (digit_follows && word_is(p, n, "b"))) return 2;
    if (word_is(p, n, "pre") || word_is(p, n, "preview")) return 3;
    if (word_is(p, n, "rc") || word_is(p, n, "cr")) return 4;
    return -1;
}

static size_t tokenize(const char *s, vuln_version_type type, vtok *out)
{
    size_t n = 0;
    bool in_semver_pre = false;
    const char *p = s;
    while (*p == ' ') p++;
    /* "V2.9.4", "v1.2": the letter only marks a version. */
    if ((*p == 'v' || *p == 'V') && isdigit((unsigned char)p[1])) p++;
    while (*p && n < VTOK_MAX) {
        unsigned char c = (unsigned char)*p;
        if (type == VT_SEMVER && c == '+') break;              /* build metadata does not order */
        if (type == VT_SEMVER && c == '-' && !in_semver_pre) { in_semver_pre = true; p++; continue; }
        if (isdigit(c)) {
            const char *b = p;
            while (isdigit((unsigned char)*p)) p++;
            out[n++] = (vtok){ b, (size_t)(p - b), true, in_semver_pre, 5 };
        } else if (isalpha(c)) {
            const char *b = p;
            while (isalpha((unsigned char)*p)) p++;
            size_t len = (size_t)(p - b);
            int r = pre_rank(b, len, isdigit((unsigned char)*p) || ((*p == '.' || *p == '-') && isdigit((unsigned char)p[1])));
            bool pre = in_semver_pre || r >= 0;
            out[n++] = (vtok){ b, len, false, pre, r >= 0 ? r : 5 };
        } else {
            p++;                                               /* separators: . - _ + space ( ) ... */
        }
    }
    return n;
}

static int cmp_num(const vtok *a, const vtok *b)
{
    const char *x = a->p, *y = b->p;
    size_t nx = a->n, ny = b->n;
    while (nx > 1 && *x == '0') { x++; nx--; }
    while (ny > 1 && *y == '0') { y++; ny--; }
    if (nx != ny) return nx < ny ? -1 : 1;
    int c = memcmp(x, y, nx);
    return c < 0 ? -1 : c > 0;
}

static int cmp_word(const vtok *a, const vtok *b)
{
    size_t n = a->n < b->n ? a->n : b->n;
    int c = strncasecmp(a->p, b->p, n);
    if (c) return c < 0 ? -1 : 1;
    return a->n == b->n ? 0 : (a->n < b->n ? -1 : 1);
}

static bool is_zero(const vtok *t)
{
    if (!t->num) return false;
    for (size_t i = 0; i < t->n; i++)
        if (t->p[i] != '0') return false;
    return true;
}

static int cmp_tok(const vtok *a, const vtok *b, vuln_version_type type)
{
    if (a->pre != b->pre) return a->pre ? -1 : 1;              /* 1.0-rc < 1.0-1, 1.0a1 < 1.0.1 */
    if (a->num && b->num) return cmp_num(a, b);
    if (a->num != b->num) {
        /* semver: numeric identifiers sort below alphanumeric ones;
         * elsewhere a number is a later release than a letter suffix. */
        if (type == VT_SEMVER && a->pre) return a->num ? -1 : 1;
        return a->num ? 1 : -1;
    }
    if (a->pre && a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    if (a->pre && a->rank < 5) return 0;                       /* "a" == "alpha", "b" == "beta" */
    return cmp_word(a, b);
}

/* What the tokens left over on the longer side mean: zeros change
 * nothing, a pre-release makes it earlier, anything else later. */
static int tail_sign(const vtok *t, size_t from, size_t n)
{
    /* Inside a pre-release, more identifiers mean later: alpha < alpha.1. */
    if (from > 0 && from < n && t[from - 1].pre) return 1;
    for (size_t i = from; i < n; i++) {
        if (is_zero(&t[i]) && !t[i].pre) continue;
        return t[i].pre ? -1 : 1;
    }
    return 0;
}

int vuln_version_cmp(const char *a, const char *b, vuln_version_type type)
{
    vtok ta[VTOK_MAX], tb[VTOK_MAX];
    size_t na = tokenize(a ? a : "", type, ta), nb = tokenize(b ? b : "", type, tb);
    size_t i = 0;
    for (; i < na && i < nb; i++) {
        int c = cmp_tok(&ta[i], &tb[i], type);
        if (c) return c;
    }
    if (na > nb) return tail_sign(ta, i, na);
    if (nb > na) return -tail_sign(tb, i, nb);
    return 0;
}

static bool bound_set(const char *b) { return b && !vuln_version_is_any(b); }

vuln_verdict vuln_range_contains(const vuln_range *r, const char *version)
{
    bool has_exact = r->exact && strcmp(r->exact, "*") != 0;
    bool has_start = bound_set(r->start), has_end = bound_set(r->end);
    bool constrained = has_exact || has_start || has_end;
    if (!constrained) return VM_YES;
    if (vuln_version_is_any(version)) return VM_POSSIBLE;
    if (!strcmp(version, "-")) return has_exact && !strcmp(r->exact, "-") ? VM_YES : VM_NO;
    if (has_exact && !strcmp(r->exact, "-")) return VM_NO;
    if (r->type == VT_GIT) {
        /* Commits have no order we can know offline: only equality is certain. */
        if (has_exact) return !strcasecmp(r->exact, version) ? VM_YES : VM_NO;
        if (has_start && r->start_incl && !strcasecmp(r->start, version)) return VM_YES;
        if (has_end && !r->end_incl && !strcasecmp(r->end, version)) return VM_NO;
        return VM_POSSIBLE;
    }
    if (has_exact) return vuln_version_cmp(version, r->exact, r->type) == 0 ? VM_YES : VM_NO;
    if (has_start) {
        int c = vuln_version_cmp(version, r->start, r->type);
        if (c < 0 || (c == 0 && !r->start_incl)) return VM_NO;
    }
    if (has_end) {
        int c = vuln_version_cmp(version, r->end, r->type);
        if (c > 0 || (c == 0 && !r->end_incl)) return VM_NO;
    }
    return VM_YES;
}

/* --- ranges written as text ---------------------------------------------- */

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

/* Reads one comparator at p: "<", "<=", ">", ">=", "=", "!=". */
static int read_op(const char **pp, char op[3])
{
    const char *p = *pp;
    int n = 0;
    if (*p == '<' || *p == '>' || *p == '=' || *p == '!') {
        op[n++] = *p++;
        if (*p == '=') op[n++] = *p++;
    }
    op[n] = '\0';
    *pp = p;
    return n;
}

/* Applies "op version" to r; false for what a range cannot hold (!=). */
static bool apply(vuln_range *r, const char *op, const char *v)
{
    if (!strcmp(op, "<")) { r->end = v; r->end_incl = false; return true; }
    if (!strcmp(op, "<=")) { r->end = v; r->end_incl = true; return true; }
    if (!strcmp(op, ">")) { r->start = v; r->start_incl = false; return true; }
    if (!strcmp(op, ">=")) { r->start = v; r->start_incl = true; return true; }
    if (!strcmp(op, "=") || !strcmp(op, "==")) { r->exact = v; return true; }
    return false;
}

bool vuln_range_parse_text(const char *text, vuln_range *r, char *buf, unsigned buf_len)
{
    memset(r, 0, sizeof *r);
    if (!text || !buf || buf_len == 0) return false;
    /* Copy with a space before each comparator, so every version ends at a
     * space or the end and can be cut there ("V2.0<V3" -> "V2.0 <V3"). */
    size_t o = 0;
    for (const char *t = text; *t; t++) {
        bool op = *t == '<' || *t == '>' || *t == '=' || *t == '!';
        bool prev_op = t > text && (t[-1] == '<' || t[-1] == '>' || t[-1] == '=' || t[-1] == '!');
        if (op && !prev_op && t > text && t[-1] != ' ') {
            if (o + 1 >= buf_len) return false;
            buf[o++] = ' ';
        }
        if (o + 1 >= buf_len) return false;
        buf[o++] = *t;
    }
    buf[o] = '\0';
    char *p = (char *)skip_spaces(buf);
    if (!strncasecmp(p, "vers:", 5)) {
        char *slash = strchr(p, '/');
        if (!slash) return false;
        *slash = '\0';
        r->type = vuln_version_type_parse(p + 5);
        if (!strcasecmp(p + 5, "semver") || !strcasecmp(p + 5, "npm")) r->type = VT_SEMVER;
        char *c = slash + 1;
        if (!strcmp(skip_spaces(c), "*")) return true;
        bool any = false;
        for (char *save = NULL, *tok = strtok_r(c, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
            const char *q = skip_spaces(tok);
            char op[3];
            if (!read_op(&q, op)) strcpy(op, "=");
            q = skip_spaces(q);
            char *end = (char *)q + strlen(q);
            while (end > q && end[-1] == ' ') *--end = '\0';
            if (!*q) return false;
            if (!apply(r, op, q)) continue;
            any = true;
        }
        return any;
    }
    static const char all[] = "all versions";
    bool all_versions = !strncasecmp(p, all, sizeof all - 1);
    if (all_versions) p = (char *)skip_spaces(p + sizeof all - 1);
    if (!*p) return all_versions;
    bool any = false;
    while (*p) {
        char op[3];
        const char *q = p;
        if (!read_op(&q, op)) return any ? true : false;
        q = skip_spaces(q);
        /* The version runs to the next comparator (or "and"/","). */
        char *v = (char *)q, *e = v;
        while (*e && !(*e == '<' || *e == '>' || *e == '=' || *e == '!' || *e == ',')) {
            if (e > v && e[-1] == ' ' && !strncasecmp(e, "and ", 4)) break;
            e++;
        }
        char *next = e;
        while (e > v && (e[-1] == ' ' || e[-1] == ',')) e--;
        bool at_end = !*next;
        if (!at_end) {
            if (!strncasecmp(next, "and ", 4)) next += 4;
            else if (*next == ',') next++;
        }
        if (e == v) return false;
        *e = '\0';
        if (!apply(r, op, v)) return false;
        any = true;
        p = at_end ? next : (char *)skip_spaces(next);
    }
    return any;
}
