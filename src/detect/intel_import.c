/* intel_import.c - STIX 2.1 bundles (jansson) and plain indicator lists
 * into normalised indicators. STIX patterns are read by a small tokenizer
 * over the pattern text: comparisons joined by OR are supported, anything
 * whose meaning needs more than one object at once (AND, FOLLOWEDBY,
 * qualifiers) is reported unsupported rather than matched loosely. */
#include "detect/intel_import.h"
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"


typedef enum tok_kind { T_END, T_LBRACK, T_RBRACK, T_LPAREN, T_RPAREN, T_COMMA, T_STRING, T_OTHER_LITERAL,
                        T_EQ, T_CMP, T_WORD, T_BAD } tok_kind;

typedef struct token {
    tok_kind kind;
    const char *text;            /* T_WORD: the word; T_STRING: the unescaped value in `buf` */
    size_t len;
    char buf[DETECT_IOC_MAX];
} token;

typedef struct importer {
    const intel_import_sink *sink;
    intel_import_stats *st;
    char where[160];
    token tok;                   /* the pattern tokenizer's current token */
} importer;

static void problem(importer *im, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(importer *im, bool error, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (error) im->st->errors++;
    if (im->sink->problem) im->sink->problem(im->sink->user, im->where, error, msg);
}

static void emit(importer *im, detect_indicator *ind)
{
    im->st->indicators++;
    if (im->sink->indicator) im->sink->indicator(im->sink->user, ind);
}

/* Normalises and emits one value; a bad value is an error of its own. */
static bool emit_value(importer *im, const detect_indicator *tmpl, detect_ioc_type type, const char *v, size_t n)
{
    char norm[DETECT_IOC_MAX];
    const char *why = NULL;
    if (!detect_ioc_normalise(&type, v, n, norm, &why)) {
        problem(im, true, "%s '%.*s': %s", detect_ioc_type_name(type), (int)(n > 120 ? 120 : n), v, why);
        return false;
    }
    detect_indicator ind = *tmpl;
    ind.type = type;
    ind.value = norm;
    emit(im, &ind);
    return true;
}

/* --- STIX patterns ---------------------------------------------------------------- */

static bool word_char(uint8_t c) { return isalnum(c) || c == '_' || c == '-' || c == ':' || c == '.' || c == '*'; }

static void next_token(cursor *c, token *t)
{
    while (cursor_left(c) && isspace(*cursor_ptr(c))) cursor_skip(c, 1);
    t->text = NULL;
    t->len = 0;
    if (!cursor_left(c)) { t->kind = T_END; return; }
    uint8_t ch = *cursor_ptr(c);
    const char *start = (const char *)cursor_ptr(c);
    switch (ch) {
    case '[': cursor_skip(c, 1); t->kind = T_LBRACK; return;
    case ']': cursor_skip(c, 1); t->kind = T_RBRACK; return;
    case '(': cursor_skip(c, 1); t->kind = T_LPAREN; return;
    case ')': cursor_skip(c, 1); t->kind = T_RPAREN; return;
    case ',': cursor_skip(c, 1); t->kind = T_COMMA; return;
    case '=': cursor_skip(c, 1); t->kind = T_EQ; return;
    case '!': case '<': case '>':
        cursor_skip(c, 1);
        if (cursor_left(c) && *cursor_ptr(c) == '=') cursor_skip(c, 1);
        t->kind = ch == '!' && (const char *)cursor_ptr(c) - start == 1 ? T_BAD : T_CMP;
        return;
    default: break;
    }
    bool typed = (ch == 't' || ch == 'b' || ch == 'h') && cursor_left(c) >= 2 && cursor_ptr(c)[1] == '\'';
    if (ch == '\'' || typed) {
        if (typed) cursor_skip(c, 1);
        cursor_skip(c, 1);
        size_t n = 0;
        for (;;) {
            if (!cursor_left(c)) { t->kind = T_BAD; return; }
            uint8_t x = cursor_u8(c);
            if (x == '\'') break;
            if (x == '\\') {
                x = cursor_u8(c);
                if (!cursor_ok(c) || (x != '\\' && x != '\'')) { t->kind = T_BAD; return; }
            }
            if (n + 1 >= sizeof t->buf) { t->kind = T_BAD; return; }
            t->buf[n++] = (char)x;
        }
        t->buf[n] = '\0';
        t->text = t->buf;
        t->len = n;
        t->kind = typed ? T_OTHER_LITERAL : T_STRING;
        return;
    }
    if (word_char(ch)) {
        /* An object path; a key after '.' may be quoted: file:hashes.'SHA-256' */
        for (uint8_t prev = 0; cursor_left(c);) {
            uint8_t x = *cursor_ptr(c);
            if (x == '\'' && prev == '.') {
                cursor_skip(c, 1);
                while (cursor_left(c) && *cursor_ptr(c) != '\'') cursor_skip(c, 1);
                if (!cursor_left(c)) { t->kind = T_BAD; return; }
            } else if (!word_char(x)) {
                break;
            }
            cursor_skip(c, 1);
            prev = x;
        }
        t->text = start;
        t->len = (size_t)((const char *)cursor_ptr(c) - start);
        t->kind = T_WORD;
        return;
    }
    cursor_skip(c, 1);
    t->kind = T_BAD;
}

static bool path_is(const char *p, size_t n, const char *w) { return n == strlen(w) && !strncmp(p, w, n); }
static bool word_is(const token *t, const char *w) { return t->kind == T_WORD && path_is(t->text, t->len, w); }

/* The indicator type an object path compares, or -1 when Seawall cannot
 * see that property on the wire. */
static int path_type(const char *p, size_t n, const char *value)
{
    if (path_is(p, n, "domain-name:value")) return IOC_DOMAIN;
    if (path_is(p, n, "ipv4-addr:value")) return IOC_IPV4;
    if (path_is(p, n, "ipv6-addr:value")) return IOC_IPV6;
    if (path_is(p, n, "url:value")) return IOC_URL;
    if (path_is(p, n, "network-traffic:dst_ref.value") || path_is(p, n, "network-traffic:src_ref.value"))
        return value && strchr(value, ':') ? IOC_IPV6 : IOC_IPV4;
    return -1;
}

/* Walks a pattern. With `im` NULL it only checks it and returns why it
 * cannot be used (NULL: fine; *unsupported says whether that is a syntax
 * error or a construct Seawall does not match); with `im` set it emits the
 * supported comparisons and returns how many it emitted in *emitted. */
static const char *walk_pattern(const char *pattern, token *tk, importer *im, const detect_indicator *tmpl,
                                bool *unsupported, size_t *emitted)
{
#define t (*tk)
    cursor c = cursor_make(pattern, strlen(pattern));
    int depth = 0;
    bool in_obs = false;
    size_t supported = 0;
    *unsupported = false;
    if (emitted) *emitted = 0;
#define UNSUPPORTED(msg) do { *unsupported = true; return msg; } while (0)
    next_token(&c, &t);
    for (;;) {
        if (!in_obs) {
            while (t.kind == T_LPAREN) { depth++; next_token(&c, &t); }
            if (t.kind != T_LBRACK) return "expected '[' to open an observation expression";
            in_obs = true;
            next_token(&c, &t);
            continue;
        }
        /* one comparison */
        while (t.kind == T_LPAREN) { depth++; next_token(&c, &t); }
        if (t.kind != T_WORD || !memchr(t.text, ':', t.len)) return "expected an object path such as domain-name:value";
        const char *ptext = t.text;
        size_t plen = t.len;
        next_token(&c, &t);
        if (word_is(&t, "NOT")) UNSUPPORTED("NOT comparisons");
        if (t.kind == T_EQ || word_is(&t, "ISSUBSET") || word_is(&t, "IN")) {
            bool in = word_is(&t, "IN");
            next_token(&c, &t);
            if (in) {
                if (t.kind != T_LPAREN) return "IN wants a parenthesised list";
                next_token(&c, &t);
            }
            for (;;) {
                if (t.kind == T_OTHER_LITERAL) UNSUPPORTED("timestamp, binary or hex literals");
                if (t.kind != T_STRING) return "expected a quoted string";
                int type = path_type(ptext, plen, t.text);
                if (type >= 0) {
                    supported++;
                    if (im) {
                        if (emit_value(im, tmpl, (detect_ioc_type)type, t.text, t.len)) ++*emitted;
                    }
                }
                next_token(&c, &t);
                if (!in) break;
                if (t.kind == T_RPAREN) { next_token(&c, &t); break; }
                if (t.kind != T_COMMA) return "expected ',' or ')' in an IN list";
                next_token(&c, &t);
            }
        } else if (t.kind == T_CMP || word_is(&t, "LIKE") || word_is(&t, "MATCHES") || word_is(&t, "ISSUPERSET") ||
                   word_is(&t, "EXISTS")) {
            UNSUPPORTED("comparison operators other than =, IN and ISSUBSET");
        } else {
            return "expected a comparison operator";
        }
        while (t.kind == T_RPAREN) {
            if (--depth < 0) return "unbalanced ')'";
            next_token(&c, &t);
        }
        if (word_is(&t, "OR")) { next_token(&c, &t); continue; }
        if (word_is(&t, "AND")) UNSUPPORTED("comparisons joined by AND");
        if (t.kind != T_RBRACK) return "expected OR or ']'";
        in_obs = false;
        next_token(&c, &t);
        while (t.kind == T_RPAREN) {
            if (--depth < 0) return "unbalanced ')'";
            next_token(&c, &t);
        }
        if (t.kind == T_END) break;
        if (word_is(&t, "OR")) { next_token(&c, &t); continue; }
        if (word_is(&t, "AND") || word_is(&t, "FOLLOWEDBY")) UNSUPPORTED("observation expressions joined by AND or FOLLOWEDBY");
        if (word_is(&t, "WITHIN") || word_is(&t, "REPEATS") || word_is(&t, "START")) UNSUPPORTED("qualifiers (WITHIN, REPEATS, START/STOP)");
        return "unexpected text after ']'";
    }
#undef UNSUPPORTED
#undef t
    if (depth) return "unbalanced '('";
    if (!supported) { *unsupported = true; return "no comparison Seawall can match (domain-name, ipv4-addr, ipv6-addr, url, network-traffic addresses)"; }
    return NULL;
}

/* --- STIX objects ------------------------------------------------------------------ */

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool jtime(importer *im, json_t *o, const char *key, sw_time_us *out)
{
    *out = 0;
    json_t *v = json_object_get(o, key);
    if (!v) return true;
    if (!json_is_string(v) || !time_parse_rfc3339(json_string_value(v), out)) {
        problem(im, true, "%s is not an RFC 3339 timestamp", key);
        return false;
    }
    return true;
}

static void stix_indicator(importer *im, json_t *o)
{
    const char *pattern = jstr(o, "pattern"), *ptype = jstr(o, "pattern_type");
    if (!pattern) { problem(im, true, "indicator without a pattern string"); return; }
    if (ptype && strcmp(ptype, "stix")) {
        im->st->unsupported++;
        problem(im, false, "pattern_type '%.40s': only STIX patterns are read", ptype);
        return;
    }
    if (json_is_true(json_object_get(o, "revoked"))) {
        im->st->revoked++;
        problem(im, false, "revoked: skipped");
        return;
    }
    detect_indicator tmpl;
    memset(&tmpl, 0, sizeof tmpl);
    tmpl.name = jstr(o, "name");
    tmpl.description = jstr(o, "description");
    tmpl.ref = jstr(o, "id");
    if (!jtime(im, o, "valid_from", &tmpl.valid_from) || !jtime(im, o, "valid_until", &tmpl.valid_until)) return;
    if (tmpl.valid_until && tmpl.valid_until <= tmpl.valid_from) {
        problem(im, true, "valid_until is not after valid_from");
        return;
    }
    bool unsupported;
    const char *why = walk_pattern(pattern, &im->tok, NULL, &tmpl, &unsupported, NULL);
    if (why) {
        if (unsupported) im->st->unsupported++;
        problem(im, !unsupported, "pattern %s: %s", unsupported ? "not matchable" : "syntax", why);
        return;
    }
    size_t n;
    walk_pattern(pattern, &im->tok, im, &tmpl, &unsupported, &n);
}

static void stix_object(importer *im, json_t *o, size_t index)
{
    const char *type = json_is_object(o) ? jstr(o, "type") : NULL;
    const char *id = type ? jstr(o, "id") : NULL;
    snprintf(im->where, sizeof im->where, "objects[%zu]%s%.100s%s", index, id ? " (" : "", id ? id : "", id ? ")" : "");
    im->st->items++;
    if (!type) { problem(im, true, "not a STIX object (no \"type\")"); return; }
    if (!strcmp(type, "indicator")) { stix_indicator(im, o); return; }
    detect_ioc_type t;
    if (detect_ioc_type_parse(type, &t)) {
        const char *v = jstr(o, "value");
        if (!v) { problem(im, true, "%s without a value", type); return; }
        detect_indicator tmpl;
        memset(&tmpl, 0, sizeof tmpl);
        tmpl.ref = id;
        emit_value(im, &tmpl, t, v, strlen(v));
    }
    /* Other objects (identity, relationship, malware, marking-definition)
     * carry no indicator. */
}

static sw_code parse_stix(importer *im, const char *data, size_t len, sw_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(data, len, 0, &je);
    im->st->format = "stix";
    if (!root) return sw_fail(err, SW_ERR_PARSE, "line %d, column %d: %s", je.line, je.column, je.text);
    json_t *objects = NULL;
    if (json_is_array(root)) objects = root;
    else if (json_is_object(root) && jstr(root, "type") && !strcmp(jstr(root, "type"), "bundle")) {
        objects = json_object_get(root, "objects");
        if (objects && !json_is_array(objects)) {
            json_decref(root);
            return sw_fail(err, SW_ERR_PARSE, "the bundle's \"objects\" is not an array");
        }
    } else if (json_is_object(root) && jstr(root, "type")) {
        stix_object(im, root, 0);
        json_decref(root);
        return SW_OK;
    } else {
        json_decref(root);
        return sw_fail(err, SW_ERR_PARSE, "JSON but not a STIX bundle, object or array of objects");
    }
    for (size_t i = 0; objects && i < json_array_size(objects); i++) stix_object(im, json_array_get(objects, i), i);
    json_decref(root);
    return SW_OK;
}

/* --- plain lists -------------------------------------------------------------------- */

static bool address_like(const char *s, size_t n)
{
    if (memchr(s, ':', n)) return true;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((uint8_t)s[i]) && s[i] != '.' && s[i] != '/') return false;
    return true;
}

static void list_line(importer *im, const char *s, size_t n)
{
    /* "# comment" lines and " # comment" tails */
    for (size_t i = 0; i < n; i++)
        if (s[i] == '#' && (i == 0 || isspace((uint8_t)s[i - 1]))) { n = i; break; }
    while (n && isspace((uint8_t)s[n - 1])) n--;
    while (n && isspace((uint8_t)*s)) { s++; n--; }
    if (!n) return;
    im->st->items++;
    for (size_t i = 0; i < n; i++)
        if (isspace((uint8_t)s[i])) { problem(im, true, "one indicator a line (found '%.*s')", (int)(n > 80 ? 80 : n), s); return; }
    detect_indicator tmpl;
    memset(&tmpl, 0, sizeof tmpl);
    detect_ioc_type type = IOC_DOMAIN;
    bool url = false;
    for (size_t i = 0; i + 3 <= n && !url; i++) url = !memcmp(s + i, "://", 3);
    if (url) type = IOC_URL;
    else if (address_like(s, n)) type = memchr(s, ':', n) ? IOC_IPV6 : IOC_IPV4;
    emit_value(im, &tmpl, type, s, n);
}

static void parse_list(importer *im, const char *data, size_t len)
{
    im->st->format = "list";
    cursor c = cursor_make(data, len);
    for (size_t line = 1; cursor_left(&c); line++) {
        const char *s = (const char *)cursor_ptr(&c);
        const char *nl = memchr(s, '\n', cursor_left(&c));
        size_t n = nl ? (size_t)(nl - s) : cursor_left(&c);
        cursor_skip(&c, n + (nl ? 1 : 0));
        snprintf(im->where, sizeof im->where, "line %zu", line);
        if (memchr(s, '\0', n)) { im->st->items++; problem(im, true, "NUL byte in the line"); continue; }
        list_line(im, s, n);
    }
}

sw_code intel_import_parse(const char *data, size_t len, const intel_import_sink *sink, intel_import_stats *st,
                           sw_error *err)
{
    memset(st, 0, sizeof *st);
    importer im;
    memset(&im, 0, sizeof im);
    im.sink = sink;
    im.st = st;
    if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) { data += 3; len -= 3; }
    size_t i = 0;
    while (i < len && isspace((uint8_t)data[i])) i++;
    if (i < len && (data[i] == '{' || data[i] == '[')) return parse_stix(&im, data, len, err);
    parse_list(&im, data, len);
    return SW_OK;
}
