/* cli_vulns.c - reading the imported vulnerabilities back from the store
 * (cli_vulns.h): records with their applicability, KEV entries, then the
 * assessment against the port model. */
#include "cli/cli_vulns.h"
#include <stdlib.h>
#include <string.h>
#include "store/store_vulns.h"

static const char *keep(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

static int on_record(void *ctx, const store_vuln_row *r)
{
    cli_vuln_data *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        vuln_record *nr = realloc(l->recs, cap * sizeof *nr);
        int64_t *nf = nr ? realloc(l->first, cap * sizeof *nf) : NULL;
        if (nr) l->recs = nr;
        if (!nr || !nf) { l->rc = sw_fail(&l->err, SW_ERR_NOMEM, "out of memory"); return 1; }
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
    if ((l->rc = vuln_config_from_json(r->applicability, &l->mem, v, &l->err)) != SW_OK) return 1;
    l->first[l->n++] = r->first_imported / 1000000;
    return 0;
}

static int on_kev(void *ctx, const store_kev_row *k)
{
    cli_vuln_data *l = ctx;
    if (l->n_kev == l->cap_kev) {
        size_t cap = l->cap_kev ? l->cap_kev * 2 : 256;
        vuln_kev *nk = realloc(l->kev, cap * sizeof *nk);
        if (!nk) { l->rc = sw_fail(&l->err, SW_ERR_NOMEM, "out of memory"); return 1; }
        l->kev = nk;
        l->cap_kev = cap;
    }
    l->kev[l->n_kev++] = (vuln_kev){ keep(&l->mem, k->cve_id), keep(&l->mem, k->vendor), keep(&l->mem, k->product),
                                     keep(&l->mem, k->name), k->date_added / 1000000, k->due_date / 1000000, k->ransomware };
    return 0;
}

sw_code cli_vuln_data_load(store *s, cli_vuln_data *d, sw_error *err)
{
    memset(d, 0, sizeof *d);
    d->rc = SW_OK;
    arena_init(&d->mem, 256 * 1024);
    if (store_vuln_each(s, on_record, d, err) != SW_OK) return err->code ? err->code : SW_ERR_IO;
    if (d->rc != SW_OK) { *err = d->err; return d->rc; }
    if (store_kev_each(s, on_kev, d, err) != SW_OK) return err->code ? err->code : SW_ERR_IO;
    if (d->rc != SW_OK) { *err = d->err; return d->rc; }
    return SW_OK;
}

void cli_vuln_data_free(cli_vuln_data *d)
{
    free(d->recs);
    free(d->first);
    free(d->kev);
    arena_free(&d->mem);
    memset(d, 0, sizeof *d);
}

sw_code cli_vuln_assess_store(store *s, const port_model *m, cli_vuln_data *d, vuln_assessment *out, sw_error *err)
{
    sw_code rc = cli_vuln_data_load(s, d, err);
    if (rc != SW_OK) return rc;
    return vuln_assess(m, d->recs, d->first, d->n, d->kev, d->n_kev, out, err);
}
