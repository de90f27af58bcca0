/* vuln_load.c - store rows to vuln_record and vuln_kev (vuln_load.h);
 * times go from the store's microseconds to the records' seconds. */
#include "analysis/vuln_load.h"
#include <stdlib.h>
#include <string.h>
#include "store/store_vulns.h"

typedef struct load_ctx { vuln_loaded *l; sw_code rc; sw_error err; } load_ctx;

static const char *keep(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

static int on_record(void *ctx, const store_vuln_row *r)
{
    load_ctx *x = ctx;
    vuln_loaded *l = x->l;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        vuln_record *nr = realloc(l->recs, cap * sizeof *nr);
        if (nr) l->recs = nr;
        int64_t *nf = nr ? realloc(l->first, cap * sizeof *nf) : NULL;
        if (!nr || !nf) { x->rc = sw_fail(&x->err, SW_ERR_NOMEM, "out of memory"); return 1; }
        l->first = nf;
        l->cap = cap;
    }
    vuln_record *v = &l->recs[l->n];
    memset(v, 0, sizeof *v);
    v->cve_id = keep(&l->mem, r->cve_id);
    v->source = keep(&l->mem, r->source);
    v->advisory = keep(&l->mem, r->advisory);
    v->title = keep(&l->mem, r->title);
    v->published = r->published / 1000000;
    v->modified = r->modified / 1000000;
    v->cvss_score = r->cvss_score;
    v->cvss_version = keep(&l->mem, r->cvss_version);
    v->cvss_vector = keep(&l->mem, r->cvss_vector);
    if ((x->rc = vuln_config_from_json(r->applicability, &l->mem, v, &x->err)) != SW_OK) return 1;
    l->first[l->n++] = r->first_imported / 1000000;
    return 0;
}

static int on_kev(void *ctx, const store_kev_row *k)
{
    load_ctx *x = ctx;
    vuln_loaded *l = x->l;
    if (l->n_kev == l->cap_kev) {
        size_t cap = l->cap_kev ? l->cap_kev * 2 : 256;
        vuln_kev *nk = realloc(l->kev, cap * sizeof *nk);
        if (!nk) { x->rc = sw_fail(&x->err, SW_ERR_NOMEM, "out of memory"); return 1; }
        l->kev = nk;
        l->cap_kev = cap;
    }
    l->kev[l->n_kev++] = (vuln_kev){ keep(&l->mem, k->cve_id), keep(&l->mem, k->vendor), keep(&l->mem, k->product),
                                     keep(&l->mem, k->name), k->date_added / 1000000, k->due_date / 1000000, k->ransomware };
    return 0;
}

sw_code vuln_load_store(store *s, vuln_loaded *out, sw_error *err)
{
    memset(out, 0, sizeof *out);
    arena_init(&out->mem, 256 * 1024);
    load_ctx x = { out, SW_OK, { 0 } };
    sw_code rc = store_vuln_each(s, on_record, &x, err);
    if (rc == SW_OK && x.rc == SW_OK) rc = store_kev_each(s, on_kev, &x, err);
    if (rc == SW_OK && x.rc != SW_OK) { rc = x.rc; if (err) *err = x.err; }
    if (rc) vuln_loaded_free(out);
    return rc;
}

void vuln_loaded_free(vuln_loaded *l)
{
    free(l->recs);
    free(l->first);
    free(l->kev);
    arena_free(&l->mem);
    memset(l, 0, sizeof *l);
}
