/* exposure_cut.c - choke points: the minimum vertex or edge cut between the
 * entry points and a target, by Dinic's max flow on a node-split network
 * (node u becomes in(u) -> out(u)); with unit capacities on the units that
 * may be cut and "infinite" ones elsewhere, max flow = min cut (Menger). */
#include <stdlib.h>
#include <string.h>
#include "analysis/exposure_work.h"

#define CAP_INF (1 << 29)

void xg_cut_free(xg_cut *c)
{
    free(c->nodes);
    free(c->edges);
    memset(c, 0, sizeof *c);
}

/* Arc pairs: pair u < n is node u's split arc, pair n + e is edge e, and
 * the pairs after those join the super source to the sources. Arc 2p is
 * forward, 2p + 1 its residual. */
static bool flow_alloc(xg_work *w)
{
    const xg_graph *g = w->g;
    if (w->head) return true;
    w->fn = 2 * g->n + 1;
    w->fa = 2 * (g->n + g->m + g->n);          /* room for every node as a source */
    w->head = malloc(w->fn * sizeof *w->head);
    w->iter = malloc(w->fn * sizeof *w->iter);
    w->level = malloc(w->fn * sizeof *w->level);
    w->queue = malloc(w->fn * sizeof *w->queue);
    w->stack = malloc(w->fn * sizeof *w->stack);
    w->next = malloc(w->fa * sizeof *w->next);
    w->ato = malloc(w->fa * sizeof *w->ato);
    w->cap = malloc(w->fa * sizeof *w->cap);
    w->cap0 = malloc(w->fa * sizeof *w->cap0);
    return w->head && w->iter && w->level && w->queue && w->stack && w->next && w->ato && w->cap && w->cap0;
}

static void arc_pair(xg_work *w, uint32_t pair, uint32_t from, uint32_t to, int32_t cap)
{
    uint32_t a = 2 * pair, r = a + 1;
    w->ato[a] = to; w->cap[a] = w->cap0[a] = cap; w->next[a] = w->head[from]; w->head[from] = a;
    w->ato[r] = from; w->cap[r] = w->cap0[r] = 0; w->next[r] = w->head[to]; w->head[to] = r;
}

static bool bfs_levels(xg_work *w, uint32_t s, uint32_t t)
{
    for (uint32_t i = 0; i < w->fn; i++) w->level[i] = -1;
    uint32_t qh = 0, qt = 0;
    w->level[s] = 0;
    w->queue[qt++] = s;
    while (qh < qt) {
        uint32_t u = w->queue[qh++];
        for (uint32_t a = w->head[u]; a != UINT32_MAX; a = w->next[a])
            if (w->cap[a] > 0 && w->level[w->ato[a]] < 0) {
                w->level[w->ato[a]] = w->level[u] + 1;
                w->queue[qt++] = w->ato[a];
            }
    }
    return w->level[t] >= 0;
}

/* One blocking flow, with an explicit stack of arcs instead of recursion:
 * attack paths in a large port can be long. Returns the flow pushed, capped
 * at `limit`. */
static int64_t blocking_flow(xg_work *w, uint32_t s, uint32_t t, int64_t limit)
{
    int64_t total = 0;
    for (uint32_t i = 0; i < w->fn; i++) w->iter[i] = w->head[i];
    uint32_t depth = 0;                       /* arcs on the stack */
    uint32_t u = s;
    while (total < limit) {
        if (u == t) {
            int32_t push = CAP_INF;
            for (uint32_t i = 0; i < depth; i++)
                if (w->cap[w->stack[i]] < push) push = w->cap[w->stack[i]];
            uint32_t cut_at = depth;
            for (uint32_t i = 0; i < depth; i++) {
                w->cap[w->stack[i]] -= push;
                w->cap[w->stack[i] ^ 1] += push;
                if (w->cap[w->stack[i]] == 0 && cut_at == depth) cut_at = i;
            }
            total += push;
            depth = cut_at;                   /* resume below the saturated arc */
            u = depth ? w->ato[w->stack[depth - 1]] : s;
            continue;
        }
        uint32_t a = w->iter[u];
        while (a != UINT32_MAX && !(w->cap[a] > 0 && w->level[w->ato[a]] == w->level[u] + 1)) a = w->next[a];
        w->iter[u] = a;
        if (a != UINT32_MAX) {
            w->stack[depth++] = a;
            u = w->ato[a];
            continue;
        }
        /* Dead end: nothing more passes through u in this phase. */
        w->level[u] = -1;
        if (depth == 0) break;
        depth--;
        u = depth ? w->ato[w->stack[depth - 1]] : s;
        w->iter[u] = w->next[w->iter[u]];
    }
    return total;
}

bool xg_min_cut(xg_work *w, const uint32_t *src, size_t n_src, uint32_t dst, xg_cut_mode mode, xg_cut *out)
{
    const xg_graph *g = w->g;
    memset(out, 0, sizeof *out);
    if (dst >= g->n || n_src == 0) { out->finite = true; return true; }
    if (!flow_alloc(w)) return false;
    uint32_t n = g->n, S = 2 * n;

    /* level[] doubles as the source marks until the first BFS resets it:
     * 1 a source, 2 a source already joined to the super source. */
    for (uint32_t u = 0; u < n; u++) w->level[u] = 0;
    size_t used_src = 0;
    for (size_t i = 0; i < n_src; i++)
        if (src[i] < n && src[i] != dst && !w->level[src[i]]) { w->level[src[i]] = 1; used_src++; }
    if (!used_src) { out->finite = true; return true; }

    for (uint32_t i = 0; i < w->fn; i++) w->head[i] = UINT32_MAX;
    for (uint32_t u = 0; u < n; u++) {
        bool cuttable = mode == XG_CUT_VERTEX ? (g->nflags[u] & XG_NODE_VERTEX_CUT) : (g->nflags[u] & XG_NODE_EDGE_CUT);
        if (u == dst || w->level[u]) cuttable = false;
        arc_pair(w, u, 2 * u, 2 * u + 1, cuttable ? 1 : CAP_INF);
    }
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++) {
            bool cuttable = mode == XG_CUT_EDGE && (g->eflags[e] & XG_EDGE_CUT);
            arc_pair(w, n + e, 2 * u + 1, 2 * g->to[e], cuttable ? 1 : CAP_INF);
        }
    uint32_t pair = n + g->m;
    for (size_t i = 0; i < n_src; i++)
        if (src[i] < n && src[i] != dst && w->level[src[i]] == 1) {
            arc_pair(w, pair++, S, 2 * src[i], CAP_INF);
            w->level[src[i]] = 2;
        }

    uint32_t T = 2 * dst;                      /* in(dst): the target is never cut */
    int64_t flow = 0;
    bool first = true;
    while (flow < CAP_INF && bfs_levels(w, S, T)) {
        if (first) { out->connected = true; first = false; }
        flow += blocking_flow(w, S, T, CAP_INF - flow);
    }
    if (!out->connected) { out->finite = true; return true; }
    if (flow >= CAP_INF) return true;          /* some path has no unit that may be cut */
    out->finite = true;

    /* The cut nearest the sources: arcs leaving what the residual reaches. */
    bfs_levels(w, S, T);
    size_t cn = 0, ce = 0;
    for (uint32_t p = 0; p < pair; p++)
        if (w->cap0[2 * p] == 1 && w->level[w->ato[2 * p + 1]] >= 0 && w->level[w->ato[2 * p]] < 0) {
            if (p < n) cn++;
            else if (p < n + g->m) ce++;
        }
    out->nodes = malloc((cn ? cn : 1) * sizeof *out->nodes);
    out->edges = malloc((ce ? ce : 1) * sizeof *out->edges);
    if (!out->nodes || !out->edges) { xg_cut_free(out); return false; }
    for (uint32_t p = 0; p < pair; p++)
        if (w->cap0[2 * p] == 1 && w->level[w->ato[2 * p + 1]] >= 0 && w->level[w->ato[2 * p]] < 0) {
            if (p < n) out->nodes[out->n_nodes++] = p;
            else if (p < n + g->m) out->edges[out->n_edges++] = p - n;
        }
    return true;
}
