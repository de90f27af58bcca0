/* vuln_assess.c - per-asset vulnerabilities from matched records
 * (vuln_assess.h): match through the index, merge per CVE, join KEV,
 * reachability from the model's entry points. */
#include "analysis/vuln_assess.h"
#include <stdlib.h>
#include <string.h>
#include "core/strbuf.h"

bool *vuln_reachable_assets(const port_model *m)
{
    bool *asset_hit = calloc(m->n_assets ? m->n_assets : 1, sizeof *asset_hit);
    bool *zone_hit = calloc(m->n_zones ? m->n_zones : 1, sizeof *zone_hit);
    size_t *queue = malloc((m->n_zones ? m->n_zones : 1) * sizeof *queue);
    if (!asset_hit || !zone_hit || !queue) { free(asset_hit); free(zone_hit); free(queue); return NULL; }
    size_t head = 0, tail = 0;
    for (size_t e = 0; e < m->n_entry_points; e++) {
        const model_strlist *r = &m->entry_points[e].reaches;
        for (size_t i = 0; i < r->len; i++) {
            const model_zone *z = model_zone_by_id(m, r->items[i]);
            const model_asset *a = z ? NULL : model_asset_by_id(m, r->items[i]);
            if (a) {
                asset_hit[a - m->assets] = true;
                z = a->zone_index >= 0 ? &m->zones[a->zone_index] : NULL;
            }
            if (z && !zone_hit[z - m->zones]) { zone_hit[z - m->zones] = true; queue[tail++] = (size_t)(z - m->zones); }
        }
    }
    while (head < tail) {
        size_t z = queue[head++];
        for (size_t c = 0; c < m->n_conduits; c++) {
            const model_conduit *k = &m->conduits[c];
            int next = -1;
            if (k->from_index == (int)z) next = k->to_index;
            else if (k->bidirectional && k->to_index == (int)z) next = k->from_index;
            if (next >= 0 && !zone_hit[next]) { zone_hit[next] = true; queue[tail++] = (size_t)next; }
        }
    }
    for (size_t a = 0; a < m->n_assets; a++)
        if (m->assets[a].zone_index >= 0 && zone_hit[m->assets[a].zone_index]) asset_hit[a] = true;
    free(zone_hit);
    free(queue);
    return asset_hit;
}

double vuln_step_probability(const vuln_finding *f)
{
    if (f->verdict != VM_YES) return 0;
    if (f->cvss_vector && (strstr(f->cvss_vector, "AV:L") || strstr(f->cvss_vector, "AV:P"))) return 0;
    if (f->kev) return 0.95;
    if (f->cvss_score < 0) return 0.5;
    return f->cvss_score >= 9 ? 0.8 : f->cvss_score >= 7 ? 0.6 : 0.4;
}

static const vuln_kev *kev_find(const vuln_kev *kev, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(kev[mid].cve_id, id);
        if (!c) return &kev[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static const vuln_record *g_records;   /* for the qsort comparator only */

static int hit_by_cve(const void *a, const void *b)
{
    const vuln_hit *x = a, *y = b;
    int c = strcmp(g_records[x->record].cve_id, g_records[y->record].cve_id);
    return c ? c : (x->record > y->record) - (x->record < y->record);
}

static int cvss_rank(const char *v)
{
    if (!v) return 0;
    return !strcmp(v, "3.1") ? 4 : !strcmp(v, "3.0") ? 3 : !strcmp(v, "4.0") ? 2 : !strcmp(v, "2.0") ? 1 : 0;
}

static void add_csv(strbuf *sb, const char *s)
{
    if (!s || !*s) return;
    const char *p = strbuf_cstr(sb);
    size_t n = strlen(s);
    for (const char *q = p; (q = strstr(q, s)); q += n)
        if ((q == p || q[-1] == ',') && (q[n] == ',' || q[n] == '\0')) return;
    if (sb->len) strbuf_putc(sb, ',');
    strbuf_puts(sb, s);
}

sw_code vuln_assess(const port_model *m, const vuln_record *records, const int64_t *first_imported, size_t n,
                    const vuln_kev *kev, size_t n_kev, vuln_assessment *out, sw_error *err)
{
    memset(out, 0, sizeof *out);
    arena_init(&out->mem, 64 * 1024);
    out->reachable = vuln_reachable_assets(m);
    vuln_index *ix = vuln_index_build(records, n, err);
    if (!out->reachable || !ix) {
        vuln_index_free(ix);
        vuln_assessment_free(out);
        return err && err->code ? err->code : sw_fail(err, SW_ERR_NOMEM, "out of memory");
    }
    out->n_unkeyed = vuln_index_unkeyed(ix);
    vuln_hit *hits = NULL;
    size_t cap_hits = 0, cap = 0;
    strbuf sources, advisories;
    strbuf_init(&sources);
    strbuf_init(&advisories);
    sw_code rc = SW_OK;
    g_records = records;
    for (size_t a = 0; a < m->n_assets && rc == SW_OK; a++) {
        const model_asset *as = &m->assets[a];
        const char *cpes[9];
        size_t nc = 0;
        if (as->cpe) cpes[nc++] = as->cpe;
        for (size_t i = 0; i < as->cpes.len && nc < 9; i++) cpes[nc++] = as->cpes.items[i];
        vuln_asset_view v = { as->vendor, as->product, as->version, cpes, nc, !as->cpe };
        size_t nh = vuln_index_match(ix, &v, &hits, &cap_hits);
        if (nh == (size_t)-1) { rc = sw_fail(err, SW_ERR_NOMEM, "out of memory matching"); break; }
        if (nh > 1) qsort(hits, nh, sizeof *hits, hit_by_cve);
        for (size_t i = 0; i < nh;) {
            size_t j = i;
            vuln_finding f = { .asset = a, .cve_id = records[hits[i].record].cve_id, .cvss_score = -1,
                               .reachable = out->reachable[a] };
            int best_rank = -1;
            strbuf_reset(&sources);
            strbuf_reset(&advisories);
            for (; j < nh && !strcmp(records[hits[j].record].cve_id, f.cve_id); j++) {
                const vuln_record *r = &records[hits[j].record];
                if (hits[j].verdict > f.verdict) f.verdict = hits[j].verdict;
                int rank = r->cvss_score >= 0 ? cvss_rank(r->cvss_version) * 2 + (!strcmp(r->source, "nvd")) : -1;
                if (rank > best_rank || (rank == best_rank && r->cvss_score > f.cvss_score)) {
                    best_rank = rank;
                    f.cvss_score = r->cvss_score;
                    f.cvss_version = r->cvss_version;
                    f.cvss_vector = r->cvss_vector;
                }
                if (r->published && (!f.published || r->published < f.published)) f.published = r->published;
                int64_t fi = first_imported ? first_imported[hits[j].record] : 0;
                if (fi && (!f.first_imported || fi < f.first_imported)) f.first_imported = fi;
                if (!f.title && r->title) f.title = r->title;
                add_csv(&sources, r->source);
                add_csv(&advisories, r->advisory);
            }
            f.kev = kev_find(kev, n_kev, f.cve_id);
            f.sources = arena_strdup(&out->mem, strbuf_cstr(&sources));
            f.advisories = arena_strdup(&out->mem, strbuf_cstr(&advisories));
            if (out->n == cap) {
                size_t nc2 = cap ? cap * 2 : 64;
                vuln_finding *nf = realloc(out->items, nc2 * sizeof *nf);
                if (!nf) { rc = sw_fail(err, SW_ERR_NOMEM, "out of memory"); break; }
                out->items = nf;
                cap = nc2;
            }
            out->items[out->n++] = f;
            i = j;
        }
    }
    g_records = NULL;
    strbuf_free(&sources);
    strbuf_free(&advisories);
    free(hits);
    vuln_index_free(ix);
    if (rc != SW_OK) vuln_assessment_free(out);
    return rc;
}

void vuln_assessment_free(vuln_assessment *a)
{
    free(a->items);
    free(a->reachable);
    arena_free(&a->mem);
    a->items = NULL;
    a->reachable = NULL;
    a->n = 0;
}
