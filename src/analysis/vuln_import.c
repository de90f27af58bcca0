/* vuln_import.c - CVE JSON 5, NVD CVE API 2.0, CISA KEV and CSAF 2.0 into
 * vuln_records (vuln_import.h). Strict: a file either reads completely or
 * fails at the first problem, named by its JSON pointer. */
#include "analysis/vuln_import.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "model/cpe.h"

const char *vuln_format_name(vuln_format f)
{
    static const char *const names[] = { "cve5", "nvd", "kev", "csaf" };
    return (unsigned)f < 4 ? names[f] : "?";
}

typedef struct ictx {
    arena *mem;
    sw_error *err;
    vuln_doc *doc;
    char path[384];
    size_t plen;
    bool failed;
} ictx;

/* --- JSON pointer bookkeeping and errors ------------------------------------ */

static size_t push(ictx *c, const char *seg)
{
    size_t old = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, "/%s", seg);
    if (n > 0 && (size_t)n < sizeof c->path - c->plen) c->plen += (size_t)n;
    return old;
}

static size_t push_i(ictx *c, size_t i)
{
    char b[24];
    snprintf(b, sizeof b, "%zu", i);
    return push(c, b);
}

static void pop(ictx *c, size_t old) { c->plen = old; c->path[old] = '\0'; }

static sw_code bad(ictx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static sw_code bad(ictx *c, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->failed = true;
    return sw_fail(c->err, SW_ERR_PARSE, "at %s: %s", c->plen ? c->path : "/", msg);
}

static void *alloc(ictx *c, size_t n, size_t size)
{
    if (n == 0) return NULL;
    void *p = arena_alloc(c->mem, n * size);
    if (!p) { c->failed = true; sw_fail(c->err, SW_ERR_NOMEM, "out of memory"); }
    return p;
}

static const char *dup(ictx *c, const char *s) { return s ? arena_strdup(c->mem, s) : NULL; }

/* A member that must be a string when present: NULL when absent; fails on another type. */
static sw_code opt_str(ictx *c, json_t *o, const char *k, const char **out)
{
    json_t *v = json_object_get(o, k);
    *out = NULL;
    if (!v || json_is_null(v)) return SW_OK;
    if (!json_is_string(v)) {
        size_t old = push(c, k);
        sw_code rc = bad(c, "must be a string");
        pop(c, old);
        return rc;
    }
    *out = dup(c, json_string_value(v));
    return SW_OK;
}

static sw_code req_str(ictx *c, json_t *o, const char *k, const char **out)
{
    if (opt_str(c, o, k, out)) return SW_ERR_PARSE;
    if (!*out || !**out) return bad(c, "\"%s\" is missing", k);
    return SW_OK;
}

static sw_code opt_array(ictx *c, json_t *o, const char *k, json_t **out)
{
    json_t *v = json_object_get(o, k);
    *out = NULL;
    if (!v || json_is_null(v)) return SW_OK;
    if (!json_is_array(v)) {
        size_t old = push(c, k);
        sw_code rc = bad(c, "must be an array");
        pop(c, old);
        return rc;
    }
    *out = v;
    return SW_OK;
}

static sw_code opt_object(ictx *c, json_t *o, const char *k, json_t **out)
{
    json_t *v = json_object_get(o, k);
    *out = NULL;
    if (!v || json_is_null(v)) return SW_OK;
    if (!json_is_object(v)) {
        size_t old = push(c, k);
        sw_code rc = bad(c, "must be an object");
        pop(c, old);
        return rc;
    }
    *out = v;
    return SW_OK;
}

static bool valid_cve_id(const char *s)
{
    if (strncmp(s, "CVE-", 4) != 0) return false;
    size_t i = 4, d = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) d++;
    if (d != 4 || s[i] != '-') return false;
    i++;
    d = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) d++;
    return d >= 4 && s[i] == '\0';
}

static sw_code date_of(ictx *c, json_t *o, const char *k, int64_t *out)
{
    const char *s;
    *out = 0;
    if (opt_str(c, o, k, &s)) return SW_ERR_PARSE;
    if (!s) return SW_OK;
    if (!vuln_parse_date(s, out)) {
        size_t old = push(c, k);
        sw_code rc = bad(c, "\"%s\" is not a date (YYYY-MM-DD or RFC 3339)", s);
        pop(c, old);
        return rc;
    }
    return SW_OK;
}

/* --- CVSS ---------------------------------------------------------------------- */

/* 3.1 first, then 3.0, 4.0, 2.0: policies (BOD 22-01, most SLAs) are
 * written against v3 scores, so v4 is used only when it is all there is. */
static int cvss_rank(const char *version)
{
    if (!version) return 0;
    if (!strcmp(version, "3.1")) return 4;
    if (!strcmp(version, "3.0")) return 3;
    if (!strcmp(version, "4.0")) return 2;
    if (!strcmp(version, "2.0")) return 1;
    return 0;
}

/* Takes {version, vectorString, baseScore} when it ranks above what r holds. */
static sw_code take_cvss(ictx *c, json_t *data, bool primary, vuln_record *r, int *best)
{
    if (!json_is_object(data)) return bad(c, "a CVSS entry must be an object");
    const char *version, *vector;
    if (opt_str(c, data, "version", &version) || opt_str(c, data, "vectorString", &vector)) return SW_ERR_PARSE;
    json_t *score = json_object_get(data, "baseScore");
    if (!json_is_number(score)) return bad(c, "CVSS baseScore must be a number");
    double s = json_number_value(score);
    if (s < 0 || s > 10) return bad(c, "CVSS baseScore %.1f is outside 0..10", s);
    int rank = cvss_rank(version) * 2 + primary;
    if (rank > *best || (rank == *best && s > r->cvss_score)) {
        *best = rank;
        r->cvss_score = s;
        r->cvss_version = version;
        r->cvss_vector = vector;
    }
    return SW_OK;
}

/* CVE 5 metrics: [{cvssV3_1: {...}}, {cvssV4_0: {...}}, {other: ...}]. */
static sw_code cve5_metrics(ictx *c, json_t *container, vuln_record *r, int *best)
{
    json_t *metrics;
    if (opt_array(c, container, "metrics", &metrics)) return SW_ERR_PARSE;
    size_t old = push(c, "metrics"), i;
    json_t *m;
    json_array_foreach(metrics, i, m) {
        size_t o2 = push_i(c, i);
        static const char *const keys[] = { "cvssV3_1", "cvssV3_0", "cvssV4_0", "cvssV2_0" };
        for (size_t k = 0; k < 4; k++) {
            json_t *d = json_object_get(m, keys[k]);
            if (!d) continue;
            size_t o3 = push(c, keys[k]);
            if (take_cvss(c, d, true, r, best)) return SW_ERR_PARSE;
            pop(c, o3);
        }
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

/* NVD metrics: {cvssMetricV31: [{type, cvssData: {...}}], ...}. */
static sw_code nvd_metrics(ictx *c, json_t *cve, vuln_record *r)
{
    json_t *metrics;
    if (opt_object(c, cve, "metrics", &metrics)) return SW_ERR_PARSE;
    if (!metrics) return SW_OK;
    int best = -1;
    size_t old = push(c, "metrics");
    static const char *const keys[] = { "cvssMetricV31", "cvssMetricV30", "cvssMetricV40", "cvssMetricV2" };
    for (size_t k = 0; k < 4; k++) {
        json_t *arr;
        if (opt_array(c, metrics, keys[k], &arr)) return SW_ERR_PARSE;
        size_t o2 = push(c, keys[k]), i;
        json_t *m;
        json_array_foreach(arr, i, m) {
            size_t o3 = push_i(c, i);
            const char *type = json_string_value(json_object_get(m, "type"));
            size_t o4 = push(c, "cvssData");
            if (take_cvss(c, json_object_get(m, "cvssData"), type && !strcmp(type, "Primary"), r, &best)) return SW_ERR_PARSE;
            pop(c, o4);
            pop(c, o3);
        }
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

/* --- criteria -------------------------------------------------------------- */

static sw_code check_cpe(ictx *c, const char *cpe)
{
    char why[160];
    if (!cpe23_valid(cpe, why, sizeof why)) return bad(c, "\"%s\" is not a CPE 2.3 name: %s", cpe, why);
    return SW_OK;
}

static sw_code finish_criterion(ictx *c, vuln_criterion *cr)
{
    if (!vuln_criterion_keys(c->mem, cr)) {
        if (cr->cpe) return bad(c, "\"%s\" has no usable vendor and product", cr->cpe);
        return bad(c, "vendor and product are needed when there is no CPE");
    }
    return SW_OK;
}

/* NVD cpeMatch entry (also CVE 5 cpeApplicability). */
static sw_code nvd_criterion(ictx *c, json_t *m, vuln_criterion *cr)
{
    if (!json_is_object(m)) return bad(c, "a cpeMatch entry must be an object");
    json_t *vul = json_object_get(m, "vulnerable");
    if (!json_is_boolean(vul)) return bad(c, "\"vulnerable\" must be true or false");
    cr->vulnerable = json_is_true(vul);
    if (req_str(c, m, "criteria", &cr->cpe)) return SW_ERR_PARSE;
    size_t old = push(c, "criteria");
    if (check_cpe(c, cr->cpe)) return SW_ERR_PARSE;
    pop(c, old);
    const char *si, *se, *ei, *ee;
    if (opt_str(c, m, "versionStartIncluding", &si) || opt_str(c, m, "versionStartExcluding", &se) ||
        opt_str(c, m, "versionEndIncluding", &ei) || opt_str(c, m, "versionEndExcluding", &ee))
        return SW_ERR_PARSE;
    if (si && se) return bad(c, "both versionStartIncluding and versionStartExcluding");
    if (ei && ee) return bad(c, "both versionEndIncluding and versionEndExcluding");
    cr->range.start = si ? si : se;
    cr->range.start_incl = si != NULL;
    cr->range.end = ei ? ei : ee;
    cr->range.end_incl = ei != NULL;
    return finish_criterion(c, cr);
}

static sw_code operator_of(ictx *c, json_t *o, bool *and_op, bool *negate)
{
    const char *op;
    if (opt_str(c, o, "operator", &op)) return SW_ERR_PARSE;
    if (op && strcmp(op, "AND") && strcmp(op, "OR")) return bad(c, "operator \"%s\" is neither AND nor OR", op);
    *and_op = op && !strcmp(op, "AND");
    json_t *neg = json_object_get(o, "negate");
    if (neg && !json_is_boolean(neg)) return bad(c, "\"negate\" must be true or false");
    *negate = json_is_true(neg);
    return SW_OK;
}

static sw_code nvd_node(ictx *c, json_t *j, vuln_node *n)
{
    if (!json_is_object(j)) return bad(c, "a node must be an object");
    if (operator_of(c, j, &n->and_op, &n->negate)) return SW_ERR_PARSE;
    json_t *arr;
    if (opt_array(c, j, "cpeMatch", &arr)) return SW_ERR_PARSE;
    if (!arr || !json_array_size(arr)) return bad(c, "a node needs a non-empty cpeMatch");
    n->n_crit = json_array_size(arr);
    if (!(n->crit = alloc(c, n->n_crit, sizeof *n->crit))) return SW_ERR_NOMEM;
    size_t old = push(c, "cpeMatch"), i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        size_t o2 = push_i(c, i);
        if (nvd_criterion(c, m, &n->crit[i])) return SW_ERR_PARSE;
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

/* configurations: [{operator, negate, nodes: [...]}] -> one node each. */
static sw_code nvd_configurations(ictx *c, json_t *arr, vuln_record *r)
{
    r->n_config = json_array_size(arr);
    if (r->n_config && !(r->config = alloc(c, r->n_config, sizeof *r->config))) return SW_ERR_NOMEM;
    size_t i;
    json_t *cfg;
    json_array_foreach(arr, i, cfg) {
        size_t old = push_i(c, i);
        vuln_node *n = &r->config[i];
        if (!json_is_object(cfg)) return bad(c, "a configuration must be an object");
        if (operator_of(c, cfg, &n->and_op, &n->negate)) return SW_ERR_PARSE;
        json_t *nodes;
        if (opt_array(c, cfg, "nodes", &nodes)) return SW_ERR_PARSE;
        if (!nodes || !json_array_size(nodes)) return bad(c, "a configuration needs a non-empty nodes array");
        n->n_child = json_array_size(nodes);
        if (!(n->child = alloc(c, n->n_child, sizeof *n->child))) return SW_ERR_NOMEM;
        size_t o2 = push(c, "nodes"), k;
        json_t *nj;
        json_array_foreach(nodes, k, nj) {
            size_t o3 = push_i(c, k);
            if (nvd_node(c, nj, &n->child[k])) return SW_ERR_PARSE;
            pop(c, o3);
        }
        pop(c, o2);
        pop(c, old);
    }
    return SW_OK;
}

static const char *english(json_t *descriptions)
{
    size_t i;
    json_t *d;
    const char *first = NULL;
    json_array_foreach(descriptions, i, d) {
        const char *lang = json_string_value(json_object_get(d, "lang"));
        const char *v = json_string_value(json_object_get(d, "value"));
        if (!v) continue;
        if (!first) first = v;
        if (lang && !strncasecmp(lang, "en", 2)) return v;
    }
    return first;
}

/* --- CVE JSON 5 ------------------------------------------------------------- */

typedef struct crit_list { vuln_criterion *items; size_t len, cap; } crit_list;

static vuln_criterion *crit_add(ictx *c, crit_list *l)
{
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        vuln_criterion *n = alloc(c, cap, sizeof *n);
        if (!n) return NULL;
        if (l->len) memcpy(n, l->items, l->len * sizeof *n);
        l->items = n;
        l->cap = cap;
    }
    vuln_criterion *cr = &l->items[l->len++];
    memset(cr, 0, sizeof *cr);
    cr->vulnerable = true;
    return cr;
}

/* The criteria one affected entry names: its CPE 2.3 names, else its vendor and product. */
typedef struct target { const char *cpe, *vendor, *product; } target;

static sw_code add_range(ictx *c, crit_list *l, const target *t, const vuln_range *r)
{
    vuln_criterion *cr = crit_add(c, l);
    if (!cr) return SW_ERR_NOMEM;
    cr->cpe = t->cpe;
    cr->vendor = t->vendor;
    cr->product = t->product;
    cr->range = *r;
    return finish_criterion(c, cr);
}

typedef struct change { const char *at; bool affected; } change;

static int status_of(ictx *c, const char *s, bool *affected)
{
    if (!s) return bad(c, "\"status\" is missing"), -1;
    if (!strcmp(s, "affected")) { *affected = true; return 1; }
    if (!strcmp(s, "unaffected")) { *affected = false; return 1; }
    if (!strcmp(s, "unknown")) return 0;
    return bad(c, "status \"%s\" is not affected, unaffected or unknown", s), -1;
}

/* One versions[] entry: a single version, a range (lessThan /
 * lessThanOrEqual, "*" meaning no upper end), with `changes` splitting
 * the range into segments of differing status. */
static sw_code cve5_version(ictx *c, json_t *v, const target *t, crit_list *aff, crit_list *unaff)
{
    if (!json_is_object(v)) return bad(c, "a versions entry must be an object");
    const char *version, *status, *lt, *lte, *vtype;
    if (req_str(c, v, "version", &version) || opt_str(c, v, "status", &status) || opt_str(c, v, "lessThan", &lt) ||
        opt_str(c, v, "lessThanOrEqual", &lte) || opt_str(c, v, "versionType", &vtype))
        return SW_ERR_PARSE;
    if (lt && lte) return bad(c, "both lessThan and lessThanOrEqual");
    bool affected;
    int st = status_of(c, status, &affected);
    if (st < 0) return SW_ERR_PARSE;
    vuln_version_type type = vuln_version_type_parse(vtype);
    if (!lt && !lte) {
        json_t *changes = json_object_get(v, "changes");
        if (changes) return bad(c, "\"changes\" needs lessThan or lessThanOrEqual");
        if (st == 0) return SW_OK;
        vuln_range r = { 0 };
        unsigned blen = (unsigned)strlen(version) + 64;
        char *buf = alloc(c, blen, 1);
        if (!buf) return SW_ERR_NOMEM;
        /* Siemens and others write "All versions < V2.9.2" in `version`. */
        if (!vuln_range_parse_text(version, &r, buf, blen)) { memset(&r, 0, sizeof r); r.exact = version; }
        r.type = type;
        return add_range(c, affected ? aff : unaff, t, &r);
    }
    const char *end = lt ? lt : lte;
    vuln_range base = { .start = (vuln_version_is_any(version) || !strcmp(version, "0")) ? NULL : version,
                        .start_incl = true, .end = strcmp(end, "*") ? end : NULL, .end_incl = lte != NULL, .type = type };
    json_t *changes;
    if (opt_array(c, v, "changes", &changes)) return SW_ERR_PARSE;
    size_t nch = json_array_size(changes);
    change *ch = nch ? alloc(c, nch, sizeof *ch) : NULL;
    if (nch && !ch) return SW_ERR_NOMEM;
    size_t old = push(c, "changes"), i;
    json_t *cj;
    json_array_foreach(changes, i, cj) {
        size_t o2 = push_i(c, i);
        if (!json_is_object(cj)) return bad(c, "a change must be an object");
        const char *at, *cs;
        if (req_str(c, cj, "at", &at) || req_str(c, cj, "status", &cs)) return SW_ERR_PARSE;
        bool a;
        int s = status_of(c, cs, &a);
        if (s < 0) return SW_ERR_PARSE;
        if (s == 0) return bad(c, "a change to status unknown cannot be matched");
        ch[i] = (change){ at, a };
        pop(c, o2);
    }
    pop(c, old);
    /* Changes in version order (insertion sort: lists are short). */
    for (size_t a = 1; a < nch; a++)
        for (size_t b = a; b > 0 && vuln_version_cmp(ch[b - 1].at, ch[b].at, type) > 0; b--) {
            change tmp = ch[b];
            ch[b] = ch[b - 1];
            ch[b - 1] = tmp;
        }
    const char *seg_start = base.start;
    bool seg_incl = true, seg_aff = affected, seg_known = st != 0;
    for (size_t k = 0; k <= nch; k++) {
        vuln_range r = base;
        r.start = seg_start;
        r.start_incl = seg_incl;
        if (k < nch) { r.end = ch[k].at; r.end_incl = false; }
        if (seg_known && add_range(c, seg_aff ? aff : unaff, t, &r)) return SW_ERR_PARSE;
        if (k < nch) { seg_start = ch[k].at; seg_incl = true; seg_aff = ch[k].affected; seg_known = true; }
    }
    return SW_OK;
}

static bool is_na(const char *s) { return !s || !*s || !strcasecmp(s, "n/a"); }

/* Builds the node for an affected entry: OR(affected) AND NOT OR(unaffected). */
static sw_code cve5_affected(ictx *c, json_t *a, vuln_node *out, bool *usable)
{
    *usable = false;
    if (!json_is_object(a)) return bad(c, "an affected entry must be an object");
    const char *vendor, *product, *def;
    json_t *cpes, *versions;
    if (opt_str(c, a, "vendor", &vendor) || opt_str(c, a, "product", &product) ||
        opt_str(c, a, "defaultStatus", &def) || opt_array(c, a, "cpes", &cpes) || opt_array(c, a, "versions", &versions))
        return SW_ERR_PARSE;
    size_t ncpe = 0, i;
    json_t *cj;
    json_array_foreach(cpes, i, cj) {
        const char *s = json_string_value(cj);
        size_t old = push(c, "cpes"), o2 = push_i(c, i);
        if (!s) return bad(c, "a CPE must be a string");
        if (!strncmp(s, "cpe:/", 5)) { pop(c, old); continue; }    /* CPE 2.2 URIs: the names are used instead */
        if (check_cpe(c, s)) return SW_ERR_PARSE;
        pop(c, o2);
        pop(c, old);
        ncpe++;
    }
    size_t ntarget = ncpe ? ncpe : 1;
    target *targets = alloc(c, ntarget, sizeof *targets);
    if (!targets) return SW_ERR_NOMEM;
    if (ncpe) {
        size_t k = 0;
        json_array_foreach(cpes, i, cj) {
            const char *s = json_string_value(cj);
            if (strncmp(s, "cpe:/", 5)) targets[k++] = (target){ dup(c, s), NULL, NULL };
        }
    } else {
        if (is_na(vendor) || is_na(product)) return SW_OK;        /* "n/a": nothing to match on */
        targets[0] = (target){ NULL, vendor, product };
    }
    crit_list aff = { 0 }, unaff = { 0 };
    for (size_t t = 0; t < ntarget; t++) {
        size_t old = push(c, "versions"), k;
        json_t *v;
        json_array_foreach(versions, k, v) {
            size_t o2 = push_i(c, k);
            if (cve5_version(c, v, &targets[t], &aff, &unaff)) return SW_ERR_PARSE;
            pop(c, o2);
        }
        pop(c, old);
        /* Versions not listed take defaultStatus; with no versions at all
         * and no defaultStatus, the product as a whole is affected. */
        bool whole = json_array_size(versions) ? (def && !strcmp(def, "affected")) : (!def || !strcmp(def, "affected"));
        if (whole) {
            vuln_range any = { 0 };
            if (add_range(c, &aff, &targets[t], &any)) return SW_ERR_PARSE;
        }
    }
    if (!aff.len) return SW_OK;
    *usable = true;
    vuln_node yes = { .crit = aff.items, .n_crit = aff.len };
    if (!unaff.len) { *out = yes; return SW_OK; }
    vuln_node *two = alloc(c, 2, sizeof *two);
    if (!two) return SW_ERR_NOMEM;
    two[0] = yes;
    two[1] = (vuln_node){ .negate = true, .crit = unaff.items, .n_crit = unaff.len };
    *out = (vuln_node){ .and_op = true, .child = two, .n_child = 2 };
    return SW_OK;
}

static sw_code cve5_record(ictx *c, json_t *j)
{
    if (!json_is_object(j)) return bad(c, "a CVE record must be an object");
    json_t *meta, *containers, *cna;
    if (opt_object(c, j, "cveMetadata", &meta)) return SW_ERR_PARSE;
    if (!meta) return bad(c, "\"cveMetadata\" is missing");
    size_t old = push(c, "cveMetadata");
    const char *id, *state;
    if (req_str(c, meta, "cveId", &id) || opt_str(c, meta, "state", &state)) return SW_ERR_PARSE;
    if (!valid_cve_id(id)) return bad(c, "\"%s\" is not a CVE id (CVE-YYYY-NNNN)", id);
    if (state && strcmp(state, "PUBLISHED")) { pop(c, old); c->doc->skipped++; return SW_OK; }
    vuln_record *r = &c->doc->records[c->doc->n_records];
    memset(r, 0, sizeof *r);
    r->cve_id = id;
    r->source = "cve5";
    r->advisory = "";
    r->cvss_score = -1;
    if (date_of(c, meta, "datePublished", &r->published) || date_of(c, meta, "dateUpdated", &r->modified)) return SW_ERR_PARSE;
    pop(c, old);
    if (opt_object(c, j, "containers", &containers)) return SW_ERR_PARSE;
    if (!containers) return bad(c, "\"containers\" is missing");
    old = push(c, "containers");
    if (opt_object(c, containers, "cna", &cna)) return SW_ERR_PARSE;
    if (!cna) return bad(c, "\"cna\" is missing");
    json_t *adp;
    if (opt_array(c, containers, "adp", &adp)) return SW_ERR_PARSE;
    size_t o2 = push(c, "cna");
    const char *title;
    if (opt_str(c, cna, "title", &title)) return SW_ERR_PARSE;
    r->title = title ? title : dup(c, english(json_object_get(cna, "descriptions")));
    int best = -1;
    if (cve5_metrics(c, cna, r, &best)) return SW_ERR_PARSE;
    json_t *applic, *affected;
    if (opt_array(c, cna, "cpeApplicability", &applic) || opt_array(c, cna, "affected", &affected)) return SW_ERR_PARSE;
    if (applic && json_array_size(applic)) {
        size_t o3 = push(c, "cpeApplicability");
        if (nvd_configurations(c, applic, r)) return SW_ERR_PARSE;
        pop(c, o3);
    } else if (affected) {
        size_t n = json_array_size(affected), i, k = 0;
        r->config = alloc(c, n, sizeof *r->config);
        if (n && !r->config) return SW_ERR_NOMEM;
        size_t o3 = push(c, "affected");
        json_t *a;
        json_array_foreach(affected, i, a) {
            size_t o4 = push_i(c, i);
            bool usable;
            if (cve5_affected(c, a, &r->config[k], &usable)) return SW_ERR_PARSE;
            k += usable;
            pop(c, o4);
        }
        pop(c, o3);
        r->n_config = k;
    }
    pop(c, o2);
    /* ADP containers (CISA Vulnrichment) add scores and sometimes CPE applicability. */
    size_t i;
    json_t *ad;
    o2 = push(c, "adp");
    json_array_foreach(adp, i, ad) {
        size_t o3 = push_i(c, i);
        if (!json_is_object(ad)) return bad(c, "an adp container must be an object");
        if (cve5_metrics(c, ad, r, &best)) return SW_ERR_PARSE;
        json_t *aa;
        if (opt_array(c, ad, "cpeApplicability", &aa)) return SW_ERR_PARSE;
        if (!r->n_config && aa && json_array_size(aa)) {
            size_t o4 = push(c, "cpeApplicability");
            if (nvd_configurations(c, aa, r)) return SW_ERR_PARSE;
            pop(c, o4);
        }
        pop(c, o3);
    }
    pop(c, o2);
    pop(c, old);
    c->doc->n_records++;
    return SW_OK;
}

/* --- NVD ------------------------------------------------------------------------ */

static sw_code nvd_cve(ictx *c, json_t *cve)
{
    if (!json_is_object(cve)) return bad(c, "\"cve\" must be an object");
    const char *id, *status;
    if (req_str(c, cve, "id", &id) || opt_str(c, cve, "vulnStatus", &status)) return SW_ERR_PARSE;
    if (!valid_cve_id(id)) return bad(c, "\"%s\" is not a CVE id (CVE-YYYY-NNNN)", id);
    if (status && !strcmp(status, "Rejected")) { c->doc->skipped++; return SW_OK; }
    vuln_record *r = &c->doc->records[c->doc->n_records];
    memset(r, 0, sizeof *r);
    r->cve_id = id;
    r->source = "nvd";
    r->advisory = "";
    r->cvss_score = -1;
    if (date_of(c, cve, "published", &r->published) || date_of(c, cve, "lastModified", &r->modified)) return SW_ERR_PARSE;
    r->title = dup(c, english(json_object_get(cve, "descriptions")));
    if (nvd_metrics(c, cve, r)) return SW_ERR_PARSE;
    json_t *cfg;
    if (opt_array(c, cve, "configurations", &cfg)) return SW_ERR_PARSE;
    size_t old = push(c, "configurations");
    if (cfg && nvd_configurations(c, cfg, r)) return SW_ERR_PARSE;
    pop(c, old);
    c->doc->n_records++;
    return SW_OK;
}

static sw_code nvd_response(ictx *c, json_t *vulns)
{
    size_t n = json_array_size(vulns), i;
    if (n && !(c->doc->records = alloc(c, n, sizeof *c->doc->records))) return SW_ERR_NOMEM;
    size_t old = push(c, "vulnerabilities");
    json_t *v;
    json_array_foreach(vulns, i, v) {
        size_t o2 = push_i(c, i);
        if (!json_is_object(v)) return bad(c, "must be an object with \"cve\"");
        json_t *cve = json_object_get(v, "cve");
        if (!cve) return bad(c, "\"cve\" is missing");
        size_t o3 = push(c, "cve");
        if (nvd_cve(c, cve)) return SW_ERR_PARSE;
        pop(c, o3);
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

/* --- KEV ------------------------------------------------------------------------- */

static sw_code kev_catalog(ictx *c, json_t *top, json_t *vulns)
{
    size_t n = json_array_size(vulns), i;
    c->doc->label = dup(c, json_string_value(json_object_get(top, "catalogVersion")));
    if (n && !(c->doc->kev = alloc(c, n, sizeof *c->doc->kev))) return SW_ERR_NOMEM;
    size_t old = push(c, "vulnerabilities");
    json_t *v;
    json_array_foreach(vulns, i, v) {
        size_t o2 = push_i(c, i);
        if (!json_is_object(v)) return bad(c, "a catalog entry must be an object");
        vuln_kev *k = &c->doc->kev[c->doc->n_kev];
        memset(k, 0, sizeof *k);
        const char *ransom, *added;
        if (req_str(c, v, "cveID", &k->cve_id) || opt_str(c, v, "vendorProject", &k->vendor) ||
            opt_str(c, v, "product", &k->product) || opt_str(c, v, "vulnerabilityName", &k->name) ||
            opt_str(c, v, "knownRansomwareCampaignUse", &ransom) || req_str(c, v, "dateAdded", &added))
            return SW_ERR_PARSE;
        if (!valid_cve_id(k->cve_id)) return bad(c, "\"%s\" is not a CVE id (CVE-YYYY-NNNN)", k->cve_id);
        if (date_of(c, v, "dateAdded", &k->date_added) || date_of(c, v, "dueDate", &k->due_date)) return SW_ERR_PARSE;
        k->ransomware = ransom && !strcasecmp(ransom, "Known");
        c->doc->n_kev++;
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

/* --- CSAF -------------------------------------------------------------------------- */

typedef struct csaf_product {
    const char *id, *vendor, *name, *version, *cpe;
    bool version_is_range;
} csaf_product;

typedef struct csaf_ctx {
    csaf_product *items;
    size_t len, cap;
} csaf_ctx;

static sw_code csaf_add(ictx *c, csaf_ctx *p, json_t *prod, const char *vendor, const char *name,
                        const char *version, bool is_range)
{
    if (!json_is_object(prod)) return bad(c, "\"product\" must be an object");
    const char *id, *pname;
    if (req_str(c, prod, "product_id", &id) || opt_str(c, prod, "name", &pname)) return SW_ERR_PARSE;
    json_t *helper = json_object_get(prod, "product_identification_helper");
    const char *cpe = NULL;
    if (helper) {
        if (!json_is_object(helper)) return bad(c, "product_identification_helper must be an object");
        size_t old = push(c, "product_identification_helper");
        if (opt_str(c, helper, "cpe", &cpe)) return SW_ERR_PARSE;
        if (cpe && !strncmp(cpe, "cpe:/", 5)) cpe = NULL;        /* CPE 2.2: fall back to the names */
        if (cpe) {
            size_t o2 = push(c, "cpe");
            if (check_cpe(c, cpe)) return SW_ERR_PARSE;
            pop(c, o2);
        }
        pop(c, old);
    }
    for (size_t i = 0; i < p->len; i++)
        if (!strcmp(p->items[i].id, id)) return bad(c, "product_id \"%s\" is defined twice", id);
    if (p->len == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        csaf_product *n = alloc(c, cap, sizeof *n);
        if (!n) return SW_ERR_NOMEM;
        if (p->len) memcpy(n, p->items, p->len * sizeof *n);
        p->items = n;
        p->cap = cap;
    }
    p->items[p->len++] = (csaf_product){ id, vendor, name ? name : pname, version, cpe, is_range };
    return SW_OK;
}

static sw_code csaf_branches(ictx *c, csaf_ctx *p, json_t *branches, const char *vendor, const char *name,
                             const char *version, bool is_range, int depth)
{
    if (depth > 30) return bad(c, "branches nest deeper than 30");
    size_t old = push(c, "branches"), i;
    json_t *b;
    json_array_foreach(branches, i, b) {
        size_t o2 = push_i(c, i);
        if (!json_is_object(b)) return bad(c, "a branch must be an object");
        const char *cat, *bname;
        if (req_str(c, b, "category", &cat) || req_str(c, b, "name", &bname)) return SW_ERR_PARSE;
        const char *v = vendor, *n = name, *ver = version;
        bool rng = is_range;
        if (!strcmp(cat, "vendor")) v = bname;
        else if (!strcmp(cat, "product_name") || !strcmp(cat, "product_family")) n = bname;
        else if (!strcmp(cat, "product_version")) { ver = bname; rng = false; }
        else if (!strcmp(cat, "product_version_range")) { ver = bname; rng = true; }
        json_t *sub, *prod = json_object_get(b, "product");
        if (opt_array(c, b, "branches", &sub)) return SW_ERR_PARSE;
        if (prod) {
            size_t o3 = push(c, "product");
            if (csaf_add(c, p, prod, v, n, ver, rng)) return SW_ERR_PARSE;
            pop(c, o3);
        }
        if (sub && csaf_branches(c, p, sub, v, n, ver, rng, depth + 1)) return SW_ERR_PARSE;
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

static const csaf_product *csaf_find(const csaf_ctx *p, const char *id)
{
    for (size_t i = 0; i < p->len; i++)
        if (!strcmp(p->items[i].id, id)) return &p->items[i];
    return NULL;
}

static sw_code csaf_criterion(ictx *c, const csaf_product *pr, crit_list *l)
{
    vuln_criterion *cr = crit_add(c, l);
    if (!cr) return SW_ERR_NOMEM;
    cr->cpe = pr->cpe;
    cr->vendor = pr->vendor;
    cr->product = pr->name;
    if (!pr->cpe && (!pr->vendor || !pr->name))
        return bad(c, "product \"%s\" has neither a CPE nor a vendor and product name", pr->id);
    if (pr->version) {
        unsigned blen = (unsigned)strlen(pr->version) + 64;
        char *buf = alloc(c, blen, 1);
        if (!buf) return SW_ERR_NOMEM;
        if (!pr->version_is_range || !vuln_range_parse_text(pr->version, &cr->range, buf, blen)) {
            memset(&cr->range, 0, sizeof cr->range);
            if (pr->version_is_range) return bad(c, "product \"%s\": version range \"%s\" cannot be read", pr->id, pr->version);
            cr->range.exact = pr->version;
        }
    } else if (pr->cpe) {
        /* The CPE's own version attribute carries it. */
    }
    return finish_criterion(c, cr);
}

/* Criteria for the product ids listed under product_status[key]. */
static sw_code csaf_status(ictx *c, const csaf_ctx *p, json_t *status, const char *key, crit_list *l)
{
    json_t *ids;
    if (opt_array(c, status, key, &ids)) return SW_ERR_PARSE;
    size_t old = push(c, key), i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        size_t o2 = push_i(c, i);
        const char *s = json_string_value(id);
        if (!s) return bad(c, "a product id must be a string");
        const csaf_product *pr = csaf_find(p, s);
        if (!pr) return bad(c, "product id \"%s\" is not in the product_tree", s);
        if (csaf_criterion(c, pr, l)) return SW_ERR_PARSE;
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

static sw_code csaf_advisory(ictx *c, json_t *top, json_t *document)
{
    const char *version, *title;
    json_t *tracking, *tree, *vulns;
    size_t old = push(c, "document");
    if (req_str(c, document, "csaf_version", &version) || opt_str(c, document, "title", &title) ||
        opt_object(c, document, "tracking", &tracking))
        return SW_ERR_PARSE;
    if (strcmp(version, "2.0") && strcmp(version, "2.1")) return bad(c, "csaf_version \"%s\" is not 2.0", version);
    if (!tracking) return bad(c, "\"tracking\" is missing");
    size_t o2 = push(c, "tracking");
    const char *adv;
    int64_t published = 0, modified = 0;
    if (req_str(c, tracking, "id", &adv) || date_of(c, tracking, "initial_release_date", &published) ||
        date_of(c, tracking, "current_release_date", &modified))
        return SW_ERR_PARSE;
    pop(c, o2);
    pop(c, old);
    c->doc->label = adv;
    csaf_ctx p = { 0 };
    if (opt_object(c, top, "product_tree", &tree)) return SW_ERR_PARSE;
    if (tree) {
        old = push(c, "product_tree");
        json_t *branches, *full;
        if (opt_array(c, tree, "branches", &branches) || opt_array(c, tree, "full_product_names", &full)) return SW_ERR_PARSE;
        if (branches && csaf_branches(c, &p, branches, NULL, NULL, NULL, false, 0)) return SW_ERR_PARSE;
        size_t i;
        json_t *fp;
        o2 = push(c, "full_product_names");
        json_array_foreach(full, i, fp) {
            size_t o3 = push_i(c, i);
            if (csaf_add(c, &p, fp, NULL, NULL, NULL, false)) return SW_ERR_PARSE;
            pop(c, o3);
        }
        pop(c, o2);
        pop(c, old);
    }
    if (opt_array(c, top, "vulnerabilities", &vulns)) return SW_ERR_PARSE;
    size_t n = json_array_size(vulns), i;
    if (n && !(c->doc->records = alloc(c, n, sizeof *c->doc->records))) return SW_ERR_NOMEM;
    old = push(c, "vulnerabilities");
    json_t *v;
    json_array_foreach(vulns, i, v) {
        o2 = push_i(c, i);
        if (!json_is_object(v)) return bad(c, "a vulnerability must be an object");
        const char *cve, *vtitle;
        if (opt_str(c, v, "cve", &cve) || opt_str(c, v, "title", &vtitle)) return SW_ERR_PARSE;
        if (!cve) { c->doc->skipped++; pop(c, o2); continue; }
        if (!valid_cve_id(cve)) return bad(c, "\"%s\" is not a CVE id (CVE-YYYY-NNNN)", cve);
        vuln_record *r = &c->doc->records[c->doc->n_records];
        memset(r, 0, sizeof *r);
        r->cve_id = cve;
        r->source = "csaf";
        r->advisory = adv;
        r->title = vtitle ? vtitle : title;
        r->published = published;
        r->modified = modified;
        r->cvss_score = -1;
        json_t *scores, *status;
        if (opt_array(c, v, "scores", &scores) || opt_object(c, v, "product_status", &status)) return SW_ERR_PARSE;
        int best = -1;
        size_t o3 = push(c, "scores"), k;
        json_t *s;
        json_array_foreach(scores, k, s) {
            size_t o4 = push_i(c, k);
            static const char *const keys[] = { "cvss_v3", "cvss_v4", "cvss_v2" };
            for (size_t q = 0; q < 3; q++) {
                json_t *d = json_object_get(s, keys[q]);
                if (!d) continue;
                size_t o5 = push(c, keys[q]);
                if (take_cvss(c, d, true, r, &best)) return SW_ERR_PARSE;
                pop(c, o5);
            }
            pop(c, o4);
        }
        pop(c, o3);
        crit_list aff = { 0 }, fixed = { 0 };
        if (status) {
            o3 = push(c, "product_status");
            static const char *const yes[] = { "known_affected", "first_affected", "last_affected" };
            static const char *const no[] = { "fixed", "first_fixed", "known_not_affected" };
            for (size_t q = 0; q < 3; q++)
                if (csaf_status(c, &p, status, yes[q], &aff) || csaf_status(c, &p, status, no[q], &fixed)) return SW_ERR_PARSE;
            pop(c, o3);
        }
        if (aff.len) {
            r->config = alloc(c, 1, sizeof *r->config);
            if (!r->config) return SW_ERR_NOMEM;
            r->n_config = 1;
            vuln_node yes_node = { .crit = aff.items, .n_crit = aff.len };
            if (!fixed.len) r->config[0] = yes_node;
            else {
                vuln_node *two = alloc(c, 2, sizeof *two);
                if (!two) return SW_ERR_NOMEM;
                two[0] = yes_node;
                two[1] = (vuln_node){ .negate = true, .crit = fixed.items, .n_crit = fixed.len };
                r->config[0] = (vuln_node){ .and_op = true, .child = two, .n_child = 2 };
            }
        }
        c->doc->n_records++;
        pop(c, o2);
    }
    pop(c, old);
    return SW_OK;
}

/* --- detection ----------------------------------------------------------------------- */

static sw_code dispatch(ictx *c, json_t *top)
{
    if (json_is_array(top)) {
        /* An array of CVE JSON 5 records (a bundle some tools write). */
        size_t n = json_array_size(top), i;
        if (!n) return bad(c, "an empty array holds no CVE records");
        c->doc->format = VF_CVE5;
        if (!(c->doc->records = alloc(c, n, sizeof *c->doc->records))) return SW_ERR_NOMEM;
        json_t *r;
        json_array_foreach(top, i, r) {
            size_t old = push_i(c, i);
            if (!json_is_object(r) || !json_object_get(r, "cveMetadata")) return bad(c, "not a CVE JSON 5 record (no cveMetadata)");
            if (cve5_record(c, r)) return SW_ERR_PARSE;
            pop(c, old);
        }
        return SW_OK;
    }
    if (!json_is_object(top)) return bad(c, "not a JSON object or array");
    json_t *document = json_object_get(top, "document");
    if (json_is_object(document) && json_object_get(document, "csaf_version")) {
        c->doc->format = VF_CSAF;
        return csaf_advisory(c, top, document);
    }
    if (json_object_get(top, "cveMetadata")) {
        c->doc->format = VF_CVE5;
        if (!(c->doc->records = alloc(c, 1, sizeof *c->doc->records))) return SW_ERR_NOMEM;
        return cve5_record(c, top);
    }
    json_t *vulns = json_object_get(top, "vulnerabilities");
    if (json_is_array(vulns)) {
        json_t *first = json_array_get(vulns, 0);
        const char *fmt = json_string_value(json_object_get(top, "format"));
        if ((fmt && !strcmp(fmt, "NVD_CVE")) || (first && json_object_get(first, "cve"))) {
            c->doc->format = VF_NVD;
            return nvd_response(c, vulns);
        }
        if (json_object_get(top, "catalogVersion") || (first && json_object_get(first, "cveID"))) {
            c->doc->format = VF_KEV;
            return kev_catalog(c, top, vulns);
        }
        if (!first) return bad(c, "\"vulnerabilities\" is empty and nothing says whether this is NVD or KEV");
    }
    const char *id = json_string_value(json_object_get(top, "id"));
    if (id && !strncmp(id, "CVE-", 4) && (json_object_get(top, "configurations") || json_object_get(top, "sourceIdentifier"))) {
        /* One NVD "cve" object, as the NVD JSON data feeds split them. */
        c->doc->format = VF_NVD;
        if (!(c->doc->records = alloc(c, 1, sizeof *c->doc->records))) return SW_ERR_NOMEM;
        return nvd_cve(c, top);
    }
    return bad(c, "not a CVE JSON 5 record, an NVD CVE API 2.0 response, the CISA KEV catalog or a CSAF 2.0 advisory");
}

sw_code vuln_import_parse(const char *data, size_t len, arena *mem, vuln_doc *doc, sw_error *err)
{
    memset(doc, 0, sizeof *doc);
    json_error_t je;
    json_t *top = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!top) return sw_fail(err, SW_ERR_PARSE, "%d:%d: JSON syntax: %s", je.line, je.column, je.text);
    ictx c = { .mem = mem, .err = err, .doc = doc };
    c.path[0] = '\0';
    sw_code rc = dispatch(&c, top);
    json_decref(top);
    if (rc == SW_OK && c.failed) rc = SW_ERR_PARSE;
    return rc;
}
