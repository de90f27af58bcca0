/* exposure_query.c - the analysis a CSO reads: per crown jewel, the most
 * likely paths from every entry point ranked together, and the choke points
 * (minimum vertex and edge cuts) with how many of those paths each cuts. */
#include <stdlib.h>
#include <string.h>
#include "analysis/exposure.h"

typedef struct ranked { xg_path path; uint32_t entry; uint32_t variants; uint32_t steps; size_t order; } ranked;

/* Most likely first; on equal likelihood the path with fewer steps (fewer
 * hosts to compromise, fewer chances to be seen), then the order found.
 * Edge costs are floats, so equal products of the priors differ by up to a
 * few 1e-7 in cost: anything closer than 1e-6 is a tie. */
static int ranked_cmp(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->path.cost < b->path.cost - 1e-6) return -1;
    if (a->path.cost > b->path.cost + 1e-6) return 1;
    if (a->steps != b->steps) return a->steps < b->steps ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static bool path_has_node(const xg_path *p, uint32_t node)
{
    for (uint32_t i = 0; i <= p->len; i++)
        if (p->nodes[i] == node) return true;
    return false;
}

static bool path_has_edge(const xg_path *p, uint32_t edge)
{
    for (uint32_t i = 0; i < p->len; i++)
        if (p->edges[i] == edge) return true;
    return false;
}

/* What a reader sees of a path: its entry point and assets, and the zones
 * an entry point lands in. Paths that differ only in helper nodes (which
 * conduit node, or a may_write edge beside the conduit it uses) read the
 * same, and only the most likely of them is kept. */
static bool reads_same(const exposure *x, const xg_path *a, const xg_path *b)
{
    uint32_t i = 0, j = 0;
    for (;;) {
        while (i <= a->len && exposure_node_kind_of(x, a->nodes[i]) != XN_ASSET && exposure_node_kind_of(x, a->nodes[i]) != XN_ENTRY &&
               !(i > 0 && x->g.means[a->edges[i - 1]] == XM_ENTRY)) i++;
        while (j <= b->len && exposure_node_kind_of(x, b->nodes[j]) != XN_ASSET && exposure_node_kind_of(x, b->nodes[j]) != XN_ENTRY &&
               !(j > 0 && x->g.means[b->edges[j - 1]] == XM_ENTRY)) j++;
        if (i > a->len || j > b->len) return i > a->len && j > b->len;
        if (a->nodes[i] != b->nodes[j]) return false;
        i++;
        j++;
    }
}

static bool is_bookkeeping(const exposure *x, uint32_t edge)
{
    return x->g.means[edge] == XM_FOOTHOLD || x->g.means[edge] == XM_ENTER_CONDUIT;
}

static uint32_t steps_of(const exposure *x, const xg_path *p)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < p->len; i++) n += !is_bookkeeping(x, p->edges[i]);
    return n;
}

/* Two steps a defender closes the same way: the same means over the same
 * conduit (or none), landing on the same node, or on two hosts of one zone
 * that are not the target. */
static bool same_step(const exposure *x, const xg_path *a, uint32_t i, const xg_path *b, uint32_t j, uint32_t target)
{
    uint32_t ea = a->edges[i], eb = b->edges[j], na = a->nodes[i + 1], nb = b->nodes[j + 1];
    if (x->g.means[ea] != x->g.means[eb]) return false;
    if (x->ev[x->g.evidence[ea]].conduit != x->ev[x->g.evidence[eb]].conduit) return false;
    if (na == nb) return true;
    if (na == target || nb == target) return false;
    if (exposure_node_kind_of(x, na) != XN_ASSET || exposure_node_kind_of(x, nb) != XN_ASSET) return false;
    int za = x->m->assets[na - x->asset0].zone_index, zb = x->m->assets[nb - x->asset0].zone_index;
    return za >= 0 && za == zb;
}

/* The same route through sibling hosts: step for step the same means and
 * conduits, only another host of the same zone as a stepping stone (ews-02
 * or ews-05; one operator station or the other). Hardening one sibling does
 * not close the route, and listing each sibling would crowd the other ways
 * in out of the top k: the most likely one is listed, with a count. */
static bool same_route(const exposure *x, const xg_path *a, const xg_path *b, uint32_t target)
{
    uint32_t i = 0, j = 0;
    for (;;) {
        while (i < a->len && is_bookkeeping(x, a->edges[i])) i++;
        while (j < b->len && is_bookkeeping(x, b->edges[j])) j++;
        if (i == a->len || j == b->len) return i == a->len && j == b->len;
        if (!same_step(x, a, i, b, j, target)) return false;
        i++;
        j++;
    }
}

static int choke_cmp(const void *pa, const void *pb)
{
    const exposure_choke *a = pa, *b = pb;
    if (a->paths_cut != b->paths_cut) return a->paths_cut > b->paths_cut ? -1 : 1;
    if (a->is_edge != b->is_edge) return a->is_edge ? 1 : -1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Turns a cut into choke points counted against the target's paths. */
static bool chokes_of(const xg_cut *c, const exposure_target_result *t, exposure_choke **out, size_t *n_out)
{
    size_t n = (size_t)c->n_nodes + c->n_edges;
    *out = calloc(n ? n : 1, sizeof **out);
    *n_out = 0;
    if (!*out) return false;
    for (uint32_t i = 0; i < c->n_nodes; i++) {
        exposure_choke ch = { false, c->nodes[i], 0 };
        for (size_t p = 0; p < t->n_paths; p++) ch.paths_cut += path_has_node(&t->paths[p], ch.id);
        (*out)[(*n_out)++] = ch;
    }
    for (uint32_t i = 0; i < c->n_edges; i++) {
        exposure_choke ch = { true, c->edges[i], 0 };
        for (size_t p = 0; p < t->n_paths; p++) ch.paths_cut += path_has_edge(&t->paths[p], ch.id);
        (*out)[(*n_out)++] = ch;
    }
    if (*n_out > 1) qsort(*out, *n_out, sizeof **out, choke_cmp);
    return true;
}

static bool analyse_target(exposure *x, xg_work *w, const uint32_t *src, size_t n_src, size_t asset, int k,
                           exposure_target_result *t)
{
    uint32_t dst = exposure_asset_node(x, asset);
    t->asset = asset;
    /* Yen is asked for 3k paths so that paths reading the same, and routes
     * through sibling hosts, can be folded and k distinct ones usually
     * remain. Where the 3k most likely are all siblings of fewer routes (a
     * zone of a hundred workstations), fewer are listed: asking for more
     * would multiply Yen's time and mostly find more siblings. */
    int ask = k * 3;
    ranked *all = calloc(n_src * (size_t)k + 1, sizeof *all);
    xg_path *found = calloc((size_t)ask, sizeof *found);
    if (!all || !found) { free(all); free(found); return false; }
    size_t n_all = 0;
    for (size_t s = 0; s < n_src; s++) {
        int got = xg_k_paths(w, src[s], dst, ask, found);
        if (got < 0) goto oom;
        size_t first = n_all;
        for (int i = 0; i < got; i++) {
            bool dup = false;
            for (size_t j = first; j < n_all && !dup; j++) dup = reads_same(x, &all[j].path, &found[i]);
            for (size_t j = first; j < n_all && !dup; j++)
                if (same_route(x, &all[j].path, &found[i], dst)) { all[j].variants++; dup = true; }
            if (dup || n_all - first >= (size_t)k) { xg_path_free(&found[i]); continue; }
            all[n_all] = (ranked){ found[i], src[s], 0, steps_of(x, &found[i]), n_all };
            n_all++;
        }
    }
    free(found);
    found = NULL;
    if (n_all > 1) qsort(all, n_all, sizeof *all, ranked_cmp);
    t->paths = calloc(n_all ? n_all : 1, sizeof *t->paths);
    t->path_entry = calloc(n_all ? n_all : 1, sizeof *t->path_entry);
    t->path_variants = calloc(n_all ? n_all : 1, sizeof *t->path_variants);
    if (!t->paths || !t->path_entry || !t->path_variants) goto oom;
    for (size_t i = 0; i < n_all; i++) {
        t->paths[i] = all[i].path;
        t->path_entry[i] = all[i].entry;
        t->path_variants[i] = all[i].variants;
    }
    t->n_paths = n_all;
    free(all);
    all = NULL;

    xg_cut cut;
    if (!xg_min_cut(w, src, n_src, dst, XG_CUT_VERTEX, &cut)) return false;
    t->connected = cut.connected;
    t->vertex_finite = cut.finite;
    bool ok = chokes_of(&cut, t, &t->vertex_cut, &t->n_vertex_cut);
    xg_cut_free(&cut);
    if (!ok || !xg_min_cut(w, src, n_src, dst, XG_CUT_EDGE, &cut)) return false;
    t->edge_finite = cut.finite;
    ok = chokes_of(&cut, t, &t->edge_cut, &t->n_edge_cut);
    xg_cut_free(&cut);
    return ok;
oom:
    if (all)
        for (size_t i = 0; i < n_all; i++) xg_path_free(&all[i].path);
    free(all);
    free(found);
    return false;
}

bool exposure_analyse(exposure *x, const size_t *entries, size_t n_entries, const size_t *targets,
                      size_t n_targets, int k, exposure_report *out)
{
    memset(out, 0, sizeof *out);
    xg_work *w = xg_work_new(&x->g);
    uint32_t *src = malloc((n_entries ? n_entries : 1) * sizeof *src);
    out->targets = calloc(n_targets ? n_targets : 1, sizeof *out->targets);
    bool ok = w && src && out->targets;
    for (size_t i = 0; ok && i < n_entries; i++) src[i] = exposure_entry_node(x, entries[i]);
    for (size_t t = 0; ok && t < n_targets; t++) {
        ok = analyse_target(x, w, src, n_entries, targets[t], k < 1 ? 1 : k, &out->targets[t]);
        out->n_targets = t + 1;
    }
    xg_work_free(w);
    free(src);
    if (!ok) exposure_report_free(out);
    return ok;
}

void exposure_report_free(exposure_report *r)
{
    for (size_t t = 0; r->targets && t < r->n_targets; t++) {
        exposure_target_result *tr = &r->targets[t];
        for (size_t p = 0; p < tr->n_paths; p++) xg_path_free(&tr->paths[p]);
        free(tr->paths);
        free(tr->path_entry);
        free(tr->path_variants);
        free(tr->vertex_cut);
        free(tr->edge_cut);
    }
    free(r->targets);
    memset(r, 0, sizeof *r);
}
