/* exposure_graph.c - building the attack graph's CSR arrays from an edge
 * list: a counting sort by source, then each row sorted by target so that
 * parallel edges can be merged into the most likely one. */
#include "analysis/exposure_graph.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void xg_builder_init(xg_builder *b)
{
    memset(b, 0, sizeof *b);
}

void xg_builder_add(xg_builder *b, uint32_t from, uint32_t to, double p, uint8_t means, uint8_t flags, uint32_t evidence)
{
    if (b->oom || from == to || !(p > 0)) return;
    if (b->len == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        xg_edge_in *e = realloc(b->e, cap * sizeof *e);
        if (!e) { b->oom = true; return; }
        b->e = e;
        b->cap = cap;
    }
    b->e[b->len++] = (xg_edge_in){ from, to, (float)(p > 1 ? 1 : p), means, flags, evidence };
}

void xg_builder_free(xg_builder *b)
{
    free(b->e);
    memset(b, 0, sizeof *b);
}

/* Within a row: by target, then most likely first, then the caller's order
 * (evidence) so that the build is deterministic. */
static int edge_row_cmp(const void *pa, const void *pb)
{
    const xg_edge_in *a = pa, *b = pb;
    if (a->to != b->to) return a->to < b->to ? -1 : 1;
    if (a->p != b->p) return a->p > b->p ? -1 : 1;
    if (a->means != b->means) return a->means < b->means ? -1 : 1;
    return a->evidence < b->evidence ? -1 : a->evidence > b->evidence;
}

void xg_free(xg_graph *g)
{
    free(g->off); free(g->to); free(g->cost); free(g->p);
    free(g->means); free(g->eflags); free(g->evidence); free(g->nflags);
    memset(g, 0, sizeof *g);
}

bool xg_build(xg_graph *g, uint32_t n, const uint8_t *nflags, xg_builder *b)
{
    memset(g, 0, sizeof *g);
    if (b->oom || b->len > UINT32_MAX - 1) { xg_builder_free(b); return false; }
    for (size_t i = 0; i < b->len; i++)
        if (b->e[i].from >= n || b->e[i].to >= n) { xg_builder_free(b); return false; }

    size_t m = b->len;
    uint32_t *count = calloc((size_t)n + 1, sizeof *count);
    xg_edge_in *sorted = m ? malloc(m * sizeof *sorted) : NULL;
    g->nflags = calloc(n ? n : 1, 1);
    if (!count || (m && !sorted) || !g->nflags) goto oom;
    if (nflags) memcpy(g->nflags, nflags, n);

    /* Counting sort by source keeps the pass linear; rows are short. */
    for (size_t i = 0; i < m; i++) count[b->e[i].from + 1]++;
    for (uint32_t u = 0; u < n; u++) count[u + 1] += count[u];
    for (size_t i = 0; i < m; i++) sorted[count[b->e[i].from]++] = b->e[i];
    xg_builder_free(b);
    /* count[u] now holds the end of row u; rebuild the starts. */
    for (uint32_t u = n; u > 0; u--) count[u] = count[u - 1];
    count[0] = 0;

    g->off = calloc((size_t)n + 1, sizeof *g->off);
    g->to = malloc((m ? m : 1) * sizeof *g->to);
    g->cost = malloc((m ? m : 1) * sizeof *g->cost);
    g->p = malloc((m ? m : 1) * sizeof *g->p);
    g->means = malloc(m ? m : 1);
    g->eflags = malloc(m ? m : 1);
    g->evidence = malloc((m ? m : 1) * sizeof *g->evidence);
    if (!g->off || !g->to || !g->cost || !g->p || !g->means || !g->eflags || !g->evidence) goto oom;

    uint32_t out = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint32_t lo = count[u], hi = count[u + 1];
        if (hi - lo > 1) qsort(sorted + lo, hi - lo, sizeof *sorted, edge_row_cmp);
        g->off[u] = out;
        for (uint32_t i = lo; i < hi; i++) {
            if (i > lo && sorted[i].to == sorted[i - 1].to) continue;   /* merged: the first is the most likely */
            g->to[out] = sorted[i].to;
            g->p[out] = sorted[i].p;
            g->cost[out] = (float)-log((double)sorted[i].p);
            g->means[out] = sorted[i].means;
            g->eflags[out] = sorted[i].flags;
            g->evidence[out] = sorted[i].evidence;
            out++;
        }
    }
    g->off[n] = out;
    g->n = n;
    g->m = out;
    free(count);
    free(sorted);
    return true;
oom:
    free(count);
    free(sorted);
    xg_builder_free(b);
    xg_free(g);
    return false;
}
