/* thirdparty.c - the third-party register of thirdparty.h: the file's
 * YAML merged with the model's vendors, each party's reach in the model,
 * and its exposure as one best path per crown jewel (xg_k_paths, k = 1). */
#include "analysis/thirdparty.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "core/strbuf.h"
#include "model/model_yaml.h"

static const char *const kinds[] = { "vendor", "crane-maker", "integrator", "software-vendor", "service-provider",
                                     "shipping-line", "trucking-firm", "customs-broker", "port-authority", NULL };

const char *const tp_mfa_kinds[] = { "none", "otp", "push", "phishing-resistant", NULL };

static void terr(diag_list *d, model_pos at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void terr(diag_list *d, model_pos at, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(d, DIAG_ERROR, at.line, at.col, "%s", msg);
}

static const ynode *deref(const ynode *n) { return n && n->origin ? n->origin : n; }

static const char *text(arena *mem, diag_list *d, const ynode *v, const char *field)
{
    v = deref(v);
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !v->text[0]) { terr(d, v->pos, "'%s' must be a non-empty string", field); return NULL; }
    return arena_strdup(mem, v->text);
}

static int vendor_index(const port_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_vendors; i++) if (!strcmp(m->vendors[i].id, id)) return (int)i;
    return -1;
}

static bool parse_party(tp_register *r, const port_model *m, const ynode *n, tp_party *p, diag_list *d)
{
    arena *mem = &r->mem;
    bool ok = true;
    p->score = -1;
    p->vendor = -1;
    p->in_file = true;
    p->pos = n->pos;
    for (size_t i = 0; i < n->n; i++) {
        const ynode *kn = deref(n->item[2 * i]), *v = deref(n->item[2 * i + 1]);
        const char *k = kn->text ? kn->text : "";
        if (!strcmp(k, "id")) ok &= (p->id = text(mem, d, v, k)) != NULL;
        else if (!strcmp(k, "name")) ok &= (p->name = text(mem, d, v, k)) != NULL;
        else if (!strcmp(k, "kind")) {
            if (!(p->kind = text(mem, d, v, k))) { ok = false; continue; }
            bool known = false;
            for (int j = 0; kinds[j]; j++) known |= !strcmp(kinds[j], p->kind);
            if (!known) { terr(d, v->pos, "unknown kind '%s' (vendor, crane-maker, integrator, software-vendor, service-provider, shipping-line, trucking-firm, customs-broker, port-authority)", p->kind); ok = false; }
        } else if (!strcmp(k, "remote_access")) ok &= (p->access_method = text(mem, d, v, k)) != NULL;
        else if (!strcmp(k, "mfa")) {
            if (!(p->mfa = text(mem, d, v, k))) { ok = false; continue; }
            bool known = false;
            for (int j = 0; tp_mfa_kinds[j]; j++) known |= !strcmp(tp_mfa_kinds[j], p->mfa);
            if (!known) { terr(d, v->pos, "unknown mfa '%s' (none, otp, push, phishing-resistant)", p->mfa); ok = false; }
        }
        else if (!strcmp(k, "entry_point")) {
            if (!(p->entry_point = text(mem, d, v, k))) { ok = false; continue; }
            bool found = false;
            for (size_t j = 0; j < m->n_entry_points; j++) found |= !strcmp(m->entry_points[j].id, p->entry_point);
            if (!found) { terr(d, v->pos, "no entry point '%s' in the port model", p->entry_point); ok = false; }
        } else if (!strcmp(k, "assets")) {
            if (v->kind != YNODE_SEQUENCE) { terr(d, v->pos, "'assets' must be a list of asset ids"); ok = false; continue; }
            p->assets = arena_alloc(mem, (v->n ? v->n : 1) * sizeof *p->assets);
            for (size_t j = 0; p->assets && j < v->n; j++) {
                const char *a = text(mem, d, v->item[j], "assets");
                if (!a) { ok = false; continue; }
                if (!model_asset_by_id(m, a)) { terr(d, deref(v->item[j])->pos, "no asset '%s' in the port model", a); ok = false; continue; }
                p->assets[p->n_assets++] = a;
            }
        } else if (!strcmp(k, "clauses")) {
            if (v->kind != YNODE_SEQUENCE) { terr(d, v->pos, "'clauses' must be a list of {id, summary}"); ok = false; continue; }
            p->clauses = arena_alloc(mem, (v->n ? v->n : 1) * sizeof *p->clauses);
            for (size_t j = 0; p->clauses && j < v->n; j++) {
                const ynode *c = deref(v->item[j]);
                tp_clause cl = { 0 };
                for (size_t q = 0; c->kind == YNODE_MAPPING && q < c->n; q++) {
                    const char *ck = deref(c->item[2 * q])->text ? deref(c->item[2 * q])->text : "";
                    if (!strcmp(ck, "id")) cl.id = text(mem, d, c->item[2 * q + 1], "clauses.id");
                    else if (!strcmp(ck, "summary")) cl.summary = text(mem, d, c->item[2 * q + 1], "clauses.summary");
                    else terr(d, deref(c->item[2 * q])->pos, "unknown clause field '%s' (id, summary)", ck);
                }
                if (!cl.id || !cl.summary) { terr(d, c->pos, "a clause needs an id and a summary in our own words"); ok = false; continue; }
                p->clauses[p->n_clauses++] = cl;
            }
        } else if (!strcmp(k, "questionnaire")) {
            if (v->kind != YNODE_MAPPING) { terr(d, v->pos, "'questionnaire' is {score: 0-100, assessed: YYYY-MM-DD}"); ok = false; continue; }
            for (size_t q = 0; q < v->n; q++) {
                const char *qk = deref(v->item[2 * q])->text ? deref(v->item[2 * q])->text : "";
                const ynode *qv = deref(v->item[2 * q + 1]);
                const char *s = qv->kind == YNODE_SCALAR ? qv->text : NULL;
                if (!strcmp(qk, "score")) {
                    char *end = NULL;
                    long sc = s ? strtol(s, &end, 10) : -1;
                    if (!s || *end || end == s || sc < 0 || sc > 100) { terr(d, qv->pos, "'score' must be 0 to 100"); ok = false; }
                    else p->score = (int)sc;
                } else if (!strcmp(qk, "assessed")) {
                    if (!ppl_parse_day(s, &p->assessed)) { terr(d, qv->pos, "'assessed' must be a date YYYY-MM-DD"); ok = false; }
                } else { terr(d, deref(v->item[2 * q])->pos, "unknown questionnaire field '%s' (score, assessed)", qk); ok = false; }
            }
        } else { terr(d, kn->pos, "unknown field '%s'", k); ok = false; }
    }
    if (!p->id) { terr(d, n->pos, "a third party needs an id"); return false; }
    p->vendor = vendor_index(m, p->id);
    if (p->vendor < 0 && !p->name) { terr(d, n->pos, "'%s' is not a vendor of the port model: give its name", p->id); ok = false; }
    if (p->vendor < 0 && !p->kind) { terr(d, n->pos, "'%s' is not a vendor of the port model: give its kind", p->id); ok = false; }
    if (p->vendor >= 0 && (p->n_assets || p->entry_point)) {
        terr(d, n->pos, "'%s' is a vendor of the port model: its assets and remote_access entry point come from there", p->id);
        ok = false;
    }
    return ok;
}

bool tp_load(tp_register *r, const port_model *m, const char *data, size_t len, diag_list *d)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->mem, 32 * 1024);
    size_t errs = d->errors;
    const ynode *root = NULL;
    arena tmp;
    arena_init(&tmp, 32 * 1024);
    size_t n_nodes = 0;
    if (data) {
        root = deref(ytree_parse(&tmp, data, len, d, &n_nodes));
        if (root && (root->kind != YNODE_MAPPING || root->n != 1 || strcmp(deref(root->item[0])->text ? deref(root->item[0])->text : "", "third_parties") ||
                     deref(root->item[1])->kind != YNODE_SEQUENCE)) {
            terr(d, root->pos, "the file is one mapping: third_parties: [list]");
            root = NULL;
        }
    }
    const ynode *list = root ? deref(root->item[1]) : NULL;
    size_t cap = m->n_vendors + (list ? list->n : 0);
    r->items = calloc(cap ? cap : 1, sizeof *r->items);
    if (!r->items) { arena_free(&tmp); return false; }
    for (size_t i = 0; i < m->n_vendors; i++) {
        const model_vendor *v = &m->vendors[i];
        r->items[r->n++] = (tp_party){ .id = v->id, .name = v->name, .kind = "vendor", .entry_point = v->remote_access,
                                       .score = -1, .vendor = (int)i, .pos = v->pos };
    }
    for (size_t i = 0; list && i < list->n; i++) {
        const ynode *n = deref(list->item[i]);
        if (n->kind != YNODE_MAPPING) { terr(d, n->pos, "each third party is a mapping"); continue; }
        tp_party p = { 0 };
        if (!parse_party(r, m, n, &p, d)) continue;
        if (p.vendor >= 0) {
            tp_party *v = &r->items[p.vendor];
            if (v->in_file) { terr(d, n->pos, "'%s' described twice", p.id); continue; }
            p.entry_point = v->entry_point;
            if (!p.name) p.name = v->name;
            if (!p.kind) p.kind = "vendor";
            *v = p;
        } else {
            if (tp_find(r, p.id)) { terr(d, n->pos, "'%s' described twice", p.id); continue; }
            r->items[r->n++] = p;
        }
    }
    arena_free(&tmp);
    return d->errors == errs;
}

void tp_free(tp_register *r)
{
    free(r->items);
    arena_free(&r->mem);
    memset(r, 0, sizeof *r);
}

const tp_party *tp_find(const tp_register *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++) if (!strcmp(r->items[i].id, id)) return &r->items[i];
    return NULL;
}

static bool has_zone(const char **zones, size_t n, const char *z)
{
    for (size_t i = 0; i < n; i++) if (!strcmp(zones[i], z)) return true;
    return false;
}

bool tp_reach_of(const tp_party *p, const port_model *m, tp_reach *out)
{
    memset(out, 0, sizeof *out);
    out->entry = -1;
    size_t na = p->vendor >= 0 ? m->vendors[p->vendor].assets.len : p->n_assets;
    out->assets = malloc((na ? na : 1) * sizeof *out->assets);
    out->zones = malloc((na + 1) * sizeof *out->zones);
    out->conduits = malloc((m->n_conduits ? m->n_conduits : 1) * sizeof *out->conduits);
    if (!out->assets || !out->zones || !out->conduits) { tp_reach_free(out); return false; }
    for (size_t i = 0; i < na; i++) {
        const char *id = p->vendor >= 0 ? m->vendors[p->vendor].assets.items[i] : p->assets[i];
        const model_asset *a = model_asset_by_id(m, id);
        if (!a) continue;
        out->assets[out->n_assets++] = (size_t)(a - m->assets);
        if (a->zone && !has_zone(out->zones, out->n_zones, a->zone)) out->zones[out->n_zones++] = a->zone;
    }
    for (size_t c = 0; c < m->n_conduits; c++) {
        const model_conduit *k = &m->conduits[c];
        if ((k->to && has_zone(out->zones, out->n_zones, k->to)) || (k->from && has_zone(out->zones, out->n_zones, k->from)))
            out->conduits[out->n_conduits++] = c;
    }
    for (size_t e = 0; p->entry_point && e < m->n_entry_points; e++)
        if (!strcmp(m->entry_points[e].id, p->entry_point)) out->entry = (int)e;
    return true;
}

void tp_reach_free(tp_reach *r)
{
    free(r->assets);
    free(r->zones);
    free(r->conduits);
    memset(r, 0, sizeof *r);
}

static int path_cmp(const void *a, const void *b)
{
    const tp_path *x = a, *y = b;
    if (x->p != y->p) return x->p > y->p ? -1 : 1;
    return x->target < y->target ? -1 : x->target > y->target;
}

bool tp_exposure(const exposure *x, const tp_party *p, const tp_reach *reach, tp_path **out, size_t *n)
{
    (void)p;
    *out = NULL;
    *n = 0;
    if (reach->entry < 0) return true;
    const port_model *m = x->m;
    xg_work *w = xg_work_new(&x->g);
    if (!w) return false;
    tp_path *paths = calloc(m->n_assets ? m->n_assets : 1, sizeof *paths);
    if (!paths) { xg_work_free(w); return false; }
    bool ok = true;
    for (size_t a = 0; ok && a < m->n_assets; a++) {
        if (m->assets[a].criticality != CRIT_CROWN_JEWEL) continue;
        xg_path best;
        int got = xg_k_paths(w, exposure_entry_node(x, (size_t)reach->entry), exposure_asset_node(x, a), 1, &best);
        if (got < 0) { ok = false; break; }
        if (got == 0) continue;
        strbuf sb;
        strbuf_init(&sb);
        bool own = false;
        for (uint32_t i = 0; i <= best.len; i++) {
            uint32_t node = best.nodes[i];
            strbuf_printf(&sb, "%s%s", i ? " > " : "", exposure_node_id(x, node));
            if (exposure_node_kind_of(x, node) == XN_ASSET)
                for (size_t k = 0; k < reach->n_assets; k++) own |= x->asset0 + reach->assets[k] == node;
        }
        paths[*n] = (tp_path){ a, exp(-best.cost), strdup(strbuf_cstr(&sb)), own };
        strbuf_free(&sb);
        xg_path_free(&best);
        if (!paths[*n].text) { ok = false; break; }
        (*n)++;
    }
    xg_work_free(w);
    if (!ok) { tp_paths_free(paths, *n); *n = 0; return false; }
    qsort(paths, *n, sizeof *paths, path_cmp);
    *out = paths;
    return true;
}

void tp_paths_free(tp_path *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) free(paths[i].text);
    free(paths);
}
