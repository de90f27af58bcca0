/* vuln_record.c - name keys, CPE unescaping, dates, and the applicability
 * tree's JSON form for the store (vuln_record.h). */
#include "analysis/vuln_record.h"
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "core/json.h"
#include "model/cpe.h"

const char *vuln_vendor_key(arena *mem, const char *vendor)
{
    if (!vendor) return NULL;
    size_t n = strlen(vendor), o = 0;
    char *out = arena_alloc(mem, n + 1);
    if (!out) return NULL;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)vendor[i];
        if (c == '(') { depth++; continue; }
        if (c == ')') { if (depth) depth--; continue; }
        if (c == '\\') continue;
        if (!depth && isascii(c) && isalnum(c)) out[o++] = (char)tolower(c);
    }
    out[o] = '\0';
    return out;
}

const char *vuln_product_key(arena *mem, const char *product, bool *family)
{
    if (family) *family = false;
    if (!product) return NULL;
    size_t n = strlen(product), o = 0;
    char *out = arena_alloc(mem, n + 1);
    if (!out) return NULL;
    int depth = 0;
    bool gap = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)product[i];
        if (c == '(') { depth++; gap = true; continue; }
        if (c == ')') { if (depth) depth--; continue; }
        if (depth || c == '\\') continue;
        if (c == ' ' || c == '_' || c == '\t') { gap = true; continue; }
        if (gap && o > 0) out[o++] = '_';
        gap = false;
        out[o++] = (char)(isascii(c) ? tolower(c) : c);
    }
    out[o] = '\0';
    static const char *const groups[] = { "_family", "_series", "_families" };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        size_t gl = strlen(groups[g]);
        if (o > gl && !strcmp(out + o - gl, groups[g])) {
            out[o - gl] = '\0';
            if (family) *family = true;
            break;
        }
    }
    return out;
}

bool vuln_cpe_unescape(const char *v, char *buf, size_t buf_len)
{
    size_t o = 0;
    for (size_t i = 0; v[i]; i++) {
        char c = v[i];
        if (c == '\\' && v[i + 1]) c = v[++i];
        if (o + 1 >= buf_len) return false;
        buf[o++] = (char)tolower((unsigned char)c);
    }
    buf[o] = '\0';
    return true;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

bool vuln_parse_date(const char *s, int64_t *out)
{
    if (!s) return false;
    struct tm tm = { 0 };
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    const char *p = s + 10;
    long offset = 0;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        if (strlen(p) < 9 || !digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi) || p[6] != ':' ||
            !digits(p + 7, 2, &se) || h > 23 || mi > 59 || se > 60)
            return false;
        p += 9;
        if (*p == '.') { p++; while (isdigit((unsigned char)*p)) p++; }
        if (*p == 'Z' || *p == 'z') p++;
        else if (*p == '+' || *p == '-') {
            int oh, om;
            if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om)) return false;
            offset = (long)(oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
            p += 6;
        }
    }
    if (*p) return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    *out = (int64_t)timegm(&tm) - offset;
    return true;
}

bool vuln_criterion_keys(arena *mem, vuln_criterion *c)
{
    if (c->cpe) {
        char v[256], p[256], uv[256], up[256];
        if (!cpe23_attribute(c->cpe, CPE_VENDOR, v, sizeof v) || !cpe23_attribute(c->cpe, CPE_PRODUCT, p, sizeof p) ||
            !vuln_cpe_unescape(v, uv, sizeof uv) || !vuln_cpe_unescape(p, up, sizeof up))
            return false;
        c->vendor = arena_strdup(mem, uv);
        c->product = arena_strdup(mem, up);
        c->vendor_key = vuln_vendor_key(mem, uv);
        c->product_key = c->product;   /* CPE products are already lower case with underscores */
        c->family = false;
        return c->vendor && c->vendor_key && c->product;
    }
    if (!c->vendor || !c->product) return false;
    c->vendor_key = vuln_vendor_key(mem, c->vendor);
    c->product_key = vuln_product_key(mem, c->product, &c->family);
    return c->vendor_key && c->product_key && *c->vendor_key && *c->product_key;
}

/* --- the tree as JSON ------------------------------------------------------ */

static void range_json(json_writer *w, const vuln_range *r)
{
    if (r->exact) jw_kv_string(w, "exact", r->exact);
    if (r->start) { jw_kv_string(w, "start", r->start); jw_kv_bool(w, "si", r->start_incl); }
    if (r->end) { jw_kv_string(w, "end", r->end); jw_kv_bool(w, "ei", r->end_incl); }
    static const char *const types[] = { "generic", "semver", "git", "custom" };
    if (r->type != VT_GENERIC) jw_kv_string(w, "type", types[r->type]);
}

static void node_json(json_writer *w, const vuln_node *n)
{
    jw_object_begin(w);
    if (n->and_op) jw_kv_bool(w, "and", true);
    if (n->negate) jw_kv_bool(w, "neg", true);
    if (n->n_crit) {
        jw_key(w, "m");
        jw_array_begin(w);
        for (size_t i = 0; i < n->n_crit; i++) {
            const vuln_criterion *c = &n->crit[i];
            jw_object_begin(w);
            if (c->cpe) jw_kv_string(w, "cpe", c->cpe);
            else { jw_kv_string(w, "vendor", c->vendor); jw_kv_string(w, "product", c->product); }
            if (!c->vulnerable) jw_kv_bool(w, "vuln", false);
            range_json(w, &c->range);
            jw_object_end(w);
        }
        jw_array_end(w);
    }
    if (n->n_child) {
        jw_key(w, "ch");
        jw_array_begin(w);
        for (size_t i = 0; i < n->n_child; i++) node_json(w, &n->child[i]);
        jw_array_end(w);
    }
    jw_object_end(w);
}

void vuln_config_to_json(const vuln_record *r, strbuf *out)
{
    json_writer w;
    jw_init(&w, out);
    jw_array_begin(&w);
    for (size_t i = 0; i < r->n_config; i++) node_json(&w, &r->config[i]);
    jw_array_end(&w);
}

static const char *str_of(arena *mem, json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? arena_strdup(mem, s) : NULL;
}


static sw_code node_from(json_t *j, arena *mem, vuln_node *n, int depth, sw_error *err)
{
    if (!json_is_object(j) || depth > 16) return sw_fail(err, SW_ERR_PARSE, "stored applicability: bad node");
    n->and_op = json_is_true(json_object_get(j, "and"));
    n->negate = json_is_true(json_object_get(j, "neg"));
    json_t *m = json_object_get(j, "m"), *ch = json_object_get(j, "ch");
    n->n_crit = json_array_size(m);
    n->n_child = json_array_size(ch);
    if (n->n_crit && !(n->crit = arena_alloc(mem, n->n_crit * sizeof *n->crit))) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    if (n->n_child && !(n->child = arena_alloc(mem, n->n_child * sizeof *n->child))) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n->n_crit; i++) {
        json_t *o = json_array_get(m, i);
        vuln_criterion *c = &n->crit[i];
        c->cpe = str_of(mem, o, "cpe");
        c->vendor = str_of(mem, o, "vendor");
        c->product = str_of(mem, o, "product");
        c->vulnerable = !json_is_false(json_object_get(o, "vuln"));
        c->range.exact = str_of(mem, o, "exact");
        c->range.start = str_of(mem, o, "start");
        c->range.end = str_of(mem, o, "end");
        c->range.start_incl = json_is_true(json_object_get(o, "si"));
        c->range.end_incl = json_is_true(json_object_get(o, "ei"));
        c->range.type = vuln_version_type_parse(json_string_value(json_object_get(o, "type")));
        if (!vuln_criterion_keys(mem, c)) return sw_fail(err, SW_ERR_PARSE, "stored applicability: bad criterion");
    }
    for (size_t i = 0; i < n->n_child; i++)
        if (node_from(json_array_get(ch, i), mem, &n->child[i], depth + 1, err)) return SW_ERR_PARSE;
    return SW_OK;
}

sw_code vuln_config_from_json(const char *text, arena *mem, vuln_record *r, sw_error *err)
{
    json_error_t je;
    json_t *j = json_loads(text ? text : "", 0, &je);
    if (!json_is_array(j)) { json_decref(j); return sw_fail(err, SW_ERR_PARSE, "stored applicability is not a JSON array"); }
    r->n_config = json_array_size(j);
    r->config = r->n_config ? arena_alloc(mem, r->n_config * sizeof *r->config) : NULL;
    sw_code rc = r->n_config && !r->config ? sw_fail(err, SW_ERR_NOMEM, "out of memory") : SW_OK;
    for (size_t i = 0; rc == SW_OK && i < r->n_config; i++) rc = node_from(json_array_get(j, i), mem, &r->config[i], 0, err);
    json_decref(j);
    return rc;
}
