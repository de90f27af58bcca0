/* risk.c - matrix placement and the likelihood of each scenario under a set
 * of controls (risk.h): the best path by Dijkstra on -log p with every
 * chosen control applied to the steps it touches, so two controls on the
 * same path interact as they would: the second adds only what is left. */
#include "analysis/risk.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[RISK__LEVELS] = { "low", "medium", "high", "critical" };

const char *risk_level_name(int level) { return level >= 0 && level < RISK__LEVELS ? level_names[level] : "?"; }

int risk_level_by_name(const char *name)
{
    for (int i = 0; i < RISK__LEVELS; i++)
        if (!strcmp(name, level_names[i])) return i;
    return -1;
}

void risk_matrix_default(risk_matrix *mx)
{
    static const double lb[4] = { 0.05, 0.2, 1, 5 }, ib[4] = { 100e3, 1e6, 5e6, 20e6 };
    memcpy(mx->likelihood_bounds, lb, sizeof lb);
    memcpy(mx->impact_bounds, ib, sizeof ib);
    for (int l = 0; l < 5; l++)
        for (int i = 0; i < 5; i++) {
            int s = (l + 1) * (i + 1);
            mx->level[l][i] = s <= 4 ? RISK_LOW : s <= 9 ? RISK_MEDIUM : s <= 15 ? RISK_HIGH : RISK_CRITICAL;
        }
    mx->appetite_level = RISK_MEDIUM;
    mx->appetite_eal = 0;
}

int risk_band(const double bounds[4], double x)
{
    int b = 1;
    for (int k = 0; k < 4; k++)
        if (x >= bounds[k]) b = k + 2;
    return b;
}

int risk_matrix_level(const risk_matrix *mx, int lb, int ib)
{
    if (lb < 1) lb = 1;
    if (lb > 5) lb = 5;
    if (ib < 1) ib = 1;
    if (ib > 5) ib = 5;
    return mx->level[lb - 1][ib - 1];
}

/* --- likelihood ------------------------------------------------------------- */

typedef struct heap_item { double cost; uint32_t node; } heap_item;

struct risk_work {
    const risk_net *net;
    double *node_factor;        /* n */
    bool *patched;              /* n_vulns */
    double *scen_factor;        /* n_scen */
    double *dist;               /* n */
    bool *done;                 /* n */
    heap_item *heap;            /* m + n */
    uint32_t *pred;             /* n: the edge a node was reached by */
    size_t n_scen;
};

risk_work *risk_work_new(const risk_net *net, size_t n_scen)
{
    risk_work *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->net = net;
    w->n_scen = n_scen;
    w->node_factor = malloc((net->n + 1) * sizeof *w->node_factor);
    w->patched = malloc((net->n_vulns + 1) * sizeof *w->patched);
    w->scen_factor = malloc((n_scen + 1) * sizeof *w->scen_factor);
    w->dist = malloc((net->n + 1) * sizeof *w->dist);
    w->done = malloc((net->n + 1) * sizeof *w->done);
    w->heap = malloc(((size_t)net->m + net->n + 1) * sizeof *w->heap);
    w->pred = malloc((net->n + 1) * sizeof *w->pred);
    if (!w->node_factor || !w->patched || !w->scen_factor || !w->dist || !w->done || !w->heap || !w->pred) {
        risk_work_free(w);
        return NULL;
    }
    return w;
}

void risk_work_free(risk_work *w)
{
    if (!w) return;
    free(w->node_factor);
    free(w->patched);
    free(w->scen_factor);
    free(w->dist);
    free(w->done);
    free(w->heap);
    free(w->pred);
    free(w);
}

static void heap_push(heap_item *h, size_t *n, heap_item it)
{
    size_t i = (*n)++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (h[parent].cost <= it.cost) break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = it;
}

static heap_item heap_pop(heap_item *h, size_t *n)
{
    heap_item top = h[0], last = h[--*n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n) break;
        if (c + 1 < *n && h[c + 1].cost < h[c].cost) c++;
        if (last.cost <= h[c].cost) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = last;
    return top;
}

/* A step's probability under the current node factors and patches. */
static double step_p(const risk_work *w, uint32_t e)
{
    const risk_net *g = w->net;
    uint32_t v = g->to[e];
    double p = g->p[e];
    if (g->node_vuln_off && g->p_novuln && g->p_novuln[e] < g->p[e]) {
        /* A vulnerability made this step: without the patched ones it is
         * worth the best remaining vulnerability, or the step's own means. */
        double best = g->p_novuln[e];
        for (uint32_t k = g->node_vuln_off[v]; k < g->node_vuln_off[v + 1]; k++) {
            uint32_t vu = g->node_vulns[k];
            if (!w->patched[vu] && g->vuln_p[vu] > best) best = g->vuln_p[vu];
        }
        p = best;
    }
    return p * w->node_factor[v];
}

/* The most likely path's probability from any source to target. */
static double best_path(risk_work *w, const uint32_t *src, size_t n_src, uint32_t target)
{
    const risk_net *g = w->net;
    for (uint32_t i = 0; i < g->n; i++) { w->dist[i] = INFINITY; w->done[i] = false; w->pred[i] = UINT32_MAX; }
    size_t hn = 0;
    for (size_t i = 0; i < n_src; i++) {
        if (src[i] >= g->n) continue;
        w->dist[src[i]] = 0;
        heap_push(w->heap, &hn, (heap_item){ 0, src[i] });
    }
    while (hn) {
        heap_item it = heap_pop(w->heap, &hn);
        if (w->done[it.node]) continue;
        w->done[it.node] = true;
        if (it.node == target) return exp(-it.cost);
        for (uint32_t e = g->off[it.node]; e < g->off[it.node + 1]; e++) {
            double p = step_p(w, e);
            if (p <= 0) continue;
            double c = it.cost - log(p > 1 ? 1 : p);
            uint32_t v = g->to[e];
            if (c < w->dist[v] && !w->done[v]) {
                w->dist[v] = c;
                w->pred[v] = e;
                heap_push(w->heap, &hn, (heap_item){ c, v });
            }
        }
    }
    return 0;
}

void risk_success(risk_work *w, const risk_scen_model *sc, size_t n_scen, const risk_effect *effects, size_t n_effects,
                  const bool *chosen, double *p_out)
{
    const risk_net *g = w->net;
    for (uint32_t i = 0; i < g->n; i++) w->node_factor[i] = 1;
    for (size_t i = 0; i < g->n_vulns; i++) w->patched[i] = false;
    for (size_t s = 0; s < n_scen; s++) w->scen_factor[s] = 1;
    for (size_t c = 0; c < n_effects; c++) {
        if (!chosen || !chosen[c]) continue;
        const risk_effect *e = &effects[c];
        for (size_t k = 0; k < e->n_nodes; k++)
            if (e->nodes[k] < g->n) w->node_factor[e->nodes[k]] *= e->node_factor;
        for (size_t k = 0; k < e->n_vulns; k++)
            if (e->vulns[k] < g->n_vulns) w->patched[e->vulns[k]] = true;
        for (size_t k = 0; k < e->n_scen; k++)
            if (e->scen[k] < n_scen) w->scen_factor[e->scen[k]] *= e->scen_factor[k];
    }
    for (size_t s = 0; s < n_scen; s++) {
        double p = sc[s].n_sources ? best_path(w, sc[s].sources, sc[s].n_sources, sc[s].target) : sc[s].susceptibility;
        p_out[s] = p * w->scen_factor[s];
    }
}

double risk_eal(risk_work *w, const risk_scen_model *sc, size_t n_scen, const risk_effect *effects, size_t n_effects,
                const bool *chosen, double *per_scen)
{
    double total = 0;
    double local[64], *p = per_scen ? per_scen : (n_scen <= 64 ? local : malloc(n_scen * sizeof *p));
    if (!p) return NAN;
    risk_success(w, sc, n_scen, effects, n_effects, chosen, p);
    for (size_t s = 0; s < n_scen; s++) {
        double eal = sc[s].mean_freq * p[s] * sc[s].in_place * sc[s].mean_loss;
        if (per_scen) per_scen[s] = eal;
        total += eal;
    }
    if (!per_scen && p != local) free(p);
    return total;
}

static uint32_t edge_source(const risk_net *g, uint32_t e)
{
    uint32_t lo = 0, hi = g->n;         /* the u with off[u] <= e < off[u+1] */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->off[mid] <= e) lo = mid;
        else hi = mid;
    }
    return lo;
}

size_t risk_best_path(risk_work *w, const risk_scen_model *sc, uint32_t *edges, size_t cap, bool *by_vuln)
{
    if (!sc->n_sources || best_path(w, sc->sources, sc->n_sources, sc->target) <= 0) return 0;
    size_t len = 0;
    for (uint32_t v = sc->target; w->pred[v] != UINT32_MAX && len < w->net->n; v = edge_source(w->net, w->pred[v])) len++;
    if (len > cap) return 0;
    size_t i = len;
    for (uint32_t v = sc->target; i > 0; v = edge_source(w->net, w->pred[v])) {
        uint32_t e = w->pred[v];
        edges[--i] = e;
        const risk_net *g = w->net;
        by_vuln[i] = g->p_novuln && g->p_novuln[e] < g->p[e] && step_p(w, e) > g->p_novuln[e] * w->node_factor[g->to[e]];
    }
    return len;
}
