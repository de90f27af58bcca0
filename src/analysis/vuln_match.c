/* vuln_match.c - applying vulnerability records to assets (vuln_match.h).
 * Attribute comparison follows NISTIR 7696 (CPE name matching): the
 * criterion is the source, the asset's name the target; where the asset
 * leaves an attribute ANY the answer is "possible", never "yes". */
#include "analysis/vuln_match.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/hashmap.h"
#include "model/cpe.h"

enum { ATTR_MAX = 256 };

/* The 11 attributes of a CPE 2.3 name, still escaped, split at unescaped colons. */
typedef struct cpe_split {
    char buf[1024];
    const char *attr[CPE__COUNT];
    bool ok;
} cpe_split;

static void split_cpe(const char *s, cpe_split *out)
{
    out->ok = false;
    if (!s || strncmp(s, "cpe:2.3:", 8) != 0) return;
    size_t len = strlen(s + 8);
    if (len >= sizeof out->buf) return;
    memcpy(out->buf, s + 8, len + 1);
    int n = 0;
    char *start = out->buf;
    for (size_t i = 0; i <= len; i++) {
        if (out->buf[i] == '\\' && i + 1 < len) { i++; continue; }
        if (out->buf[i] == ':' || out->buf[i] == '\0') {
            if (n >= CPE__COUNT) return;
            out->buf[i] = '\0';
            out->attr[n++] = start;
            start = out->buf + i + 1;
        }
    }
    out->ok = n == CPE__COUNT;
}

static bool has_wildcard(const char *raw)
{
    for (size_t i = 0; raw[i]; i++) {
        if (raw[i] == '\\' && raw[i + 1]) { i++; continue; }
        if (raw[i] == '*' || raw[i] == '?') return true;
    }
    return false;
}

/* A criterion value with wildcards against a literal (unescaped) target:
 * '*' any run, '?' one character, '\x' the literal x; case does not count. */
static bool glob(const char *pat, const char *t)
{
    const char *star = NULL, *resume = NULL;
    while (*t) {
        if (*pat == '*') { star = pat++; resume = t; continue; }
        if (*pat == '?') { pat++; t++; continue; }
        char pc = *pat;
        const char *next = pat + 1;
        if (pc == '\\' && pat[1]) { pc = pat[1]; next = pat + 2; }
        if (pc && tolower((unsigned char)pc) == tolower((unsigned char)*t)) { pat = next; t++; continue; }
        if (!star) return false;
        pat = star + 1;
        t = ++resume;
    }
    while (*pat == '*') pat++;
    return *pat == '\0';
}

static vuln_verdict attr_match(const char *src_raw, const char *tgt_raw, bool is_version)
{
    if (!strcmp(src_raw, "*")) return VM_YES;                           /* SUPERSET or EQUAL */
    if (!strcmp(tgt_raw, "*")) return VM_POSSIBLE;                      /* SUBSET: the asset did not say */
    if (!strcmp(src_raw, "-")) return strcmp(tgt_raw, "-") ? VM_NO : VM_YES;
    if (!strcmp(tgt_raw, "-")) return VM_NO;
    if (has_wildcard(tgt_raw)) return VM_NO;                           /* UNDEFINED in NISTIR 7696 */
    char tgt[ATTR_MAX], src[ATTR_MAX];
    if (!vuln_cpe_unescape(tgt_raw, tgt, sizeof tgt)) return VM_NO;
    if (has_wildcard(src_raw)) return glob(src_raw, tgt) ? VM_YES : VM_NO;
    if (!vuln_cpe_unescape(src_raw, src, sizeof src)) return VM_NO;
    if (is_version) return vuln_version_cmp(tgt, src, VT_GENERIC) == 0 ? VM_YES : VM_NO;
    return strcmp(src, tgt) ? VM_NO : VM_YES;
}

static vuln_verdict vmin(vuln_verdict a, vuln_verdict b) { return a < b ? a : b; }
static vuln_verdict vmax(vuln_verdict a, vuln_verdict b) { return a > b ? a : b; }

static bool range_set(const vuln_range *r) { return r->exact || r->start || r->end; }

/* fallback_version: the asset's declared version, used when its CPE says ANY. */
static vuln_verdict cpe_match_split(const cpe_split *c, const vuln_range *range, const cpe_split *a,
                                    const char *fallback_version)
{
    vuln_verdict v = VM_YES;
    for (int i = 0; i < CPE__COUNT && v != VM_NO; i++) {
        const char *tgt = a->attr[i];
        if (i == CPE_VERSION) {
            char unesc[ATTR_MAX];
            const char *ver = NULL;
            if (!strcmp(tgt, "*") && fallback_version && *fallback_version) ver = fallback_version;
            else if (vuln_cpe_unescape(tgt, unesc, sizeof unesc)) ver = unesc;
            if (range && range_set(range)) {
                if (strcmp(c->attr[i], "*") != 0 && strcmp(c->attr[i], "-") != 0)
                    v = vmin(v, attr_match(c->attr[i], tgt, true));
                v = vmin(v, vuln_range_contains(range, ver ? ver : "*"));
            } else if (ver == fallback_version && ver) {
                v = vmin(v, !strcmp(c->attr[i], "*") ? VM_YES : (has_wildcard(c->attr[i]) ? (glob(c->attr[i], ver) ? VM_YES : VM_NO)
                                                        : (vuln_version_cmp(ver, c->attr[i], VT_GENERIC) == 0 ? VM_YES : VM_NO)));
            } else {
                v = vmin(v, attr_match(c->attr[i], tgt, true));
            }
            continue;
        }
        v = vmin(v, attr_match(c->attr[i], tgt, false));
    }
    return v;
}

vuln_verdict vuln_cpe_match(const char *criteria, const vuln_range *range, const char *asset_cpe)
{
    cpe_split c, a;
    split_cpe(criteria, &c);
    split_cpe(asset_cpe, &a);
    if (!c.ok || !a.ok) return VM_NO;
    return cpe_match_split(&c, range, &a, NULL);
}

/* --- records against an asset -------------------------------------------------- */

typedef struct asset_ctx {
    const vuln_asset_view *a;
    cpe_split cpes[8];
    size_t n;
    char vendor_key[256], product_key[512];
    bool has_names;
} asset_ctx;

static void key_into(char *out, size_t cap, const char *key)
{
    size_t n = strlen(key);
    if (n >= cap) n = cap - 1;
    memcpy(out, key, n);
    out[n] = '\0';
}

static void asset_prepare(asset_ctx *x, const vuln_asset_view *a)
{
    x->a = a;
    x->n = 0;
    for (size_t i = 0; i < a->n_cpes && x->n < sizeof x->cpes / sizeof x->cpes[0]; i++) {
        split_cpe(a->cpes[i], &x->cpes[x->n]);
        if (x->cpes[x->n].ok) x->n++;
    }
    x->has_names = false;
    if (a->vendor && a->product) {
        arena tmp;
        arena_init(&tmp, 1024);
        const char *vk = vuln_vendor_key(&tmp, a->vendor), *pk = vuln_product_key(&tmp, a->product, NULL);
        if (vk && pk && *vk && *pk) {
            key_into(x->vendor_key, sizeof x->vendor_key, vk);
            key_into(x->product_key, sizeof x->product_key, pk);
            x->has_names = true;
        }
        arena_free(&tmp);
    }
}

static vuln_verdict criterion_eval(const vuln_criterion *cr, const asset_ctx *x)
{
    if (cr->cpe) {
        cpe_split c;
        split_cpe(cr->cpe, &c);
        if (!c.ok) return VM_NO;
        vuln_verdict best = VM_NO;
        bool same_part = false;
        for (size_t i = 0; i < x->n && best != VM_YES; i++) {
            same_part |= !strcmp(x->cpes[i].attr[CPE_PART], c.attr[CPE_PART]);
            best = vmax(best, cpe_match_split(&c, &cr->range, &x->cpes[i], i == 0 && !x->a->no_main_cpe ? x->a->version : NULL));
        }
        for (size_t i = 0; i < x->n; i++) same_part |= !strcmp(x->cpes[i].attr[CPE_PART], c.attr[CPE_PART]);
        /* A platform (say the hardware a firmware runs on) the model does not
         * declare at all: the record may apply, we cannot tell. */
        if (best == VM_NO && !cr->vulnerable && !same_part) return VM_POSSIBLE;
        return best;
    }
    if (!x->has_names || !cr->vendor_key || !cr->product_key) return VM_NO;
    if (strcmp(cr->vendor_key, x->vendor_key) != 0) return VM_NO;
    size_t pl = strlen(cr->product_key);
    bool named = !strcmp(cr->product_key, x->product_key) ||
                 (cr->family && !strncmp(cr->product_key, x->product_key, pl) && x->product_key[pl] == '_');
    if (!named) return VM_NO;
    return vuln_range_contains(&cr->range, x->a->version);
}

static vuln_verdict node_eval(const vuln_node *n, const asset_ctx *x, bool counting, bool *vulnerable_seen, int depth)
{
    if (depth > 32) return VM_NO;
    bool count_here = counting && !n->negate;
    vuln_verdict v = n->and_op ? VM_YES : VM_NO;
    bool any = false;
    for (size_t i = 0; i < n->n_crit; i++) {
        vuln_verdict c = criterion_eval(&n->crit[i], x);
        if (count_here && n->crit[i].vulnerable && c != VM_NO) *vulnerable_seen = true;
        v = n->and_op ? vmin(v, c) : vmax(v, c);
        any = true;
    }
    for (size_t i = 0; i < n->n_child; i++) {
        vuln_verdict c = node_eval(&n->child[i], x, count_here, vulnerable_seen, depth + 1);
        v = n->and_op ? vmin(v, c) : vmax(v, c);
        any = true;
    }
    if (!any) v = VM_NO;
    if (n->negate) v = v == VM_YES ? VM_NO : v == VM_NO ? VM_YES : VM_POSSIBLE;
    return v;
}

static vuln_verdict record_eval(const vuln_record *r, const asset_ctx *x)
{
    vuln_verdict best = VM_NO;
    for (size_t i = 0; i < r->n_config && best != VM_YES; i++) {
        bool seen = false;
        vuln_verdict v = node_eval(&r->config[i], x, true, &seen, 0);
        if (seen) best = vmax(best, v);
    }
    return best;
}

vuln_verdict vuln_record_applies(const vuln_record *r, const vuln_asset_view *a)
{
    asset_ctx *x = malloc(sizeof *x);
    if (!x) return VM_NO;
    asset_prepare(x, a);
    vuln_verdict v = record_eval(r, x);
    free(x);
    return v;
}

/* --- the index --------------------------------------------------------------------- */

typedef struct bucket { uint32_t *ids; uint32_t len, cap; } bucket;

struct vuln_index {
    const vuln_record *records;
    size_t n;
    arena keys;
    hashmap exact, family;        /* "vendor\x1fproduct" -> 1-based bucket */
    hashmap by_vendor;            /* vendor -> bucket of criteria whose product has wildcards */
    bucket *buckets;
    size_t n_buckets, cap_buckets;
    uint32_t *unkeyed;
    size_t n_unkeyed, cap_unkeyed;
    uint32_t *stamp;              /* last asset serial that saw each record */
    uint32_t serial;
    asset_ctx *scratch;
};

static bool bucket_push(vuln_index *ix, hashmap *m, const char *key, uint32_t rec)
{
    uintptr_t b = (uintptr_t)hashmap_get(m, key);
    if (!b) {
        if (ix->n_buckets == ix->cap_buckets) {
            size_t cap = ix->cap_buckets ? ix->cap_buckets * 2 : 1024;
            bucket *nb = realloc(ix->buckets, cap * sizeof *nb);
            if (!nb) return false;
            ix->buckets = nb;
            ix->cap_buckets = cap;
        }
        char *k = arena_strdup(&ix->keys, key);
        if (!k) return false;
        ix->buckets[ix->n_buckets] = (bucket){ 0 };
        b = ++ix->n_buckets;
        if (!hashmap_put(m, k, (void *)b)) return false;
    }
    bucket *bk = &ix->buckets[b - 1];
    if (bk->len && bk->ids[bk->len - 1] == rec) return true;          /* one record, many criteria */
    if (bk->len == bk->cap) {
        uint32_t cap = bk->cap ? bk->cap * 2 : 4;
        uint32_t *n = realloc(bk->ids, cap * sizeof *n);
        if (!n) return false;
        bk->ids = n;
        bk->cap = cap;
    }
    bk->ids[bk->len++] = rec;
    return true;
}

static bool make_key(char *out, size_t cap, const char *vendor_key, const char *product_key)
{
    size_t v = strlen(vendor_key), p = strlen(product_key);
    if (v + p + 2 > cap) return false;
    memcpy(out, vendor_key, v);
    out[v] = '\x1f';
    memcpy(out + v + 1, product_key, p + 1);
    return true;
}

/* Keys every vulnerable, non-negated criterion of a node. */
static bool index_node(vuln_index *ix, const vuln_node *n, uint32_t rec, bool *unkeyed, int depth)
{
    if (n->negate || depth > 32) return true;
    for (size_t i = 0; i < n->n_crit; i++) {
        const vuln_criterion *c = &n->crit[i];
        if (!c->vulnerable) continue;
        char key[800];
        if (c->cpe) {
            cpe_split s;
            split_cpe(c->cpe, &s);
            if (!s.ok) continue;
            if (has_wildcard(s.attr[CPE_VENDOR]) || !c->vendor_key) { *unkeyed = true; continue; }
            if (has_wildcard(s.attr[CPE_PRODUCT])) {
                if (!bucket_push(ix, &ix->by_vendor, c->vendor_key, rec)) return false;
                continue;
            }
            if (!make_key(key, sizeof key, c->vendor_key, c->product_key)) continue;
            if (!bucket_push(ix, &ix->exact, key, rec)) return false;
        } else if (c->vendor_key && c->product_key) {
            if (!make_key(key, sizeof key, c->vendor_key, c->product_key)) continue;
            if (!bucket_push(ix, c->family ? &ix->family : &ix->exact, key, rec)) return false;
        }
    }
    for (size_t i = 0; i < n->n_child; i++)
        if (!index_node(ix, &n->child[i], rec, unkeyed, depth + 1)) return false;
    return true;
}

vuln_index *vuln_index_build(const vuln_record *records, size_t n, sw_error *err)
{
    vuln_index *ix = calloc(1, sizeof *ix);
    if (!ix) { sw_fail(err, SW_ERR_NOMEM, "vulnerability index: out of memory"); return NULL; }
    ix->records = records;
    ix->n = n;
    arena_init(&ix->keys, 64 * 1024);
    hashmap_init(&ix->exact);
    hashmap_init(&ix->family);
    hashmap_init(&ix->by_vendor);
    ix->stamp = calloc(n ? n : 1, sizeof *ix->stamp);
    ix->scratch = malloc(sizeof *ix->scratch);
    if (!ix->stamp || !ix->scratch) goto oom;
    for (size_t r = 0; r < n; r++) {
        bool unkeyed = false;
        for (size_t c = 0; c < records[r].n_config; c++)
            if (!index_node(ix, &records[r].config[c], (uint32_t)r, &unkeyed, 0)) goto oom;
        if (unkeyed) {
            if (ix->n_unkeyed == ix->cap_unkeyed) {
                size_t cap = ix->cap_unkeyed ? ix->cap_unkeyed * 2 : 64;
                uint32_t *nu = realloc(ix->unkeyed, cap * sizeof *nu);
                if (!nu) goto oom;
                ix->unkeyed = nu;
                ix->cap_unkeyed = cap;
            }
            ix->unkeyed[ix->n_unkeyed++] = (uint32_t)r;
        }
    }
    return ix;
oom:
    vuln_index_free(ix);
    sw_fail(err, SW_ERR_NOMEM, "vulnerability index: out of memory");
    return NULL;
}

void vuln_index_free(vuln_index *ix)
{
    if (!ix) return;
    for (size_t i = 0; i < ix->n_buckets; i++) free(ix->buckets[i].ids);
    free(ix->buckets);
    free(ix->unkeyed);
    free(ix->stamp);
    free(ix->scratch);
    hashmap_free(&ix->exact);
    hashmap_free(&ix->family);
    hashmap_free(&ix->by_vendor);
    arena_free(&ix->keys);
    free(ix);
}

size_t vuln_index_unkeyed(const vuln_index *ix) { return ix->n_unkeyed; }

typedef struct hit_out { vuln_hit **hits; size_t *cap, len; bool oom; } hit_out;

static void try_records(vuln_index *ix, const uint32_t *ids, size_t n, hit_out *o)
{
    for (size_t i = 0; i < n && !o->oom; i++) {
        uint32_t r = ids[i];
        if (ix->stamp[r] == ix->serial) continue;
        ix->stamp[r] = ix->serial;
        vuln_verdict v = record_eval(&ix->records[r], ix->scratch);
        if (v == VM_NO) continue;
        if (o->len == *o->cap) {
            size_t cap = *o->cap ? *o->cap * 2 : 16;
            vuln_hit *nh = realloc(*o->hits, cap * sizeof *nh);
            if (!nh) { o->oom = true; return; }
            *o->hits = nh;
            *o->cap = cap;
        }
        (*o->hits)[o->len++] = (vuln_hit){ r, v };
    }
}

static void try_key(vuln_index *ix, hashmap *m, const char *key, hit_out *o)
{
    uintptr_t b = (uintptr_t)hashmap_get(m, key);
    if (b) try_records(ix, ix->buckets[b - 1].ids, ix->buckets[b - 1].len, o);
}

size_t vuln_index_match(vuln_index *ix, const vuln_asset_view *a, vuln_hit **hits, size_t *cap)
{
    if (++ix->serial == 0) {            /* wrapped: clear the stamps once in 4 billion assets */
        memset(ix->stamp, 0, (ix->n ? ix->n : 1) * sizeof *ix->stamp);
        ix->serial = 1;
    }
    asset_ctx *x = ix->scratch;
    asset_prepare(x, a);
    hit_out o = { hits, cap, 0, false };
    char key[800];
    arena tmp;
    arena_init(&tmp, 1024);
    for (size_t i = 0; i < x->n; i++) {
        char v[ATTR_MAX], p[ATTR_MAX];
        if (!vuln_cpe_unescape(x->cpes[i].attr[CPE_VENDOR], v, sizeof v) ||
            !vuln_cpe_unescape(x->cpes[i].attr[CPE_PRODUCT], p, sizeof p))
            continue;
        const char *vk = vuln_vendor_key(&tmp, v);
        if (vk && make_key(key, sizeof key, vk, p)) try_key(ix, &ix->exact, key, &o);
        if (vk) try_key(ix, &ix->by_vendor, vk, &o);
    }
    arena_free(&tmp);
    if (x->has_names && make_key(key, sizeof key, x->vendor_key, x->product_key)) {
        try_key(ix, &ix->exact, key, &o);
        /* Families: every prefix of the product that ends at a word. */
        char *sep = strchr(key, '\x1f');
        for (char *q = sep + 1; *q && !o.oom; q++) {
            if (*q != '_') continue;
            *q = '\0';
            try_key(ix, &ix->family, key, &o);
            *q = '_';
        }
        try_key(ix, &ix->family, key, &o);
    }
    try_records(ix, ix->unkeyed, ix->n_unkeyed, &o);
    return o.oom ? (size_t)-1 : o.len;
}
