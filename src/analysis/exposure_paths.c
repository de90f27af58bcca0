/* exposure_paths.c - the k most likely attack paths: Dijkstra on -log p
 * (so the shortest path is the most likely one) and Yen's algorithm for
 * the next k-1 loopless paths. */
#include <stdlib.h>
#include <string.h>
#include "analysis/exposure_work.h"

xg_work *xg_work_new(const xg_graph *g)
{
    xg_work *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    size_t n = g->n ? g->n : 1, m = g->m ? g->m : 1;
    w->g = g;
    w->dist = malloc(n * sizeof *w->dist);
    w->prev_edge = malloc(n * sizeof *w->prev_edge);
    w->seen = calloc(n, sizeof *w->seen);
    w->node_ban = calloc(n, sizeof *w->node_ban);
    w->edge_ban = calloc(m, sizeof *w->edge_ban);
    if (!w->dist || !w->prev_edge || !w->seen || !w->node_ban || !w->edge_ban) {
        xg_work_free(w);
        return NULL;
    }
    return w;
}

void xg_work_free(xg_work *w)
{
    if (!w) return;
    free(w->dist); free(w->prev_edge); free(w->seen); free(w->node_ban); free(w->edge_ban);
    free(w->heap);
    free(w->head); free(w->next); free(w->ato); free(w->iter);
    free(w->cap); free(w->cap0); free(w->level); free(w->queue); free(w->stack);
    free(w);
}

void xg_path_free(xg_path *p)
{
    free(p->nodes);
    free(p->edges);
    memset(p, 0, sizeof *p);
}

/* A new stamp invalidates every mark; on wrap-around the marks are cleared. */
static uint32_t next_stamp(xg_work *w)
{
    if (++w->stamp == 0) {
        memset(w->seen, 0, (w->g->n ? w->g->n : 1) * sizeof *w->seen);
        memset(w->node_ban, 0, (w->g->n ? w->g->n : 1) * sizeof *w->node_ban);
        memset(w->edge_ban, 0, (w->g->m ? w->g->m : 1) * sizeof *w->edge_ban);
        w->stamp = 1;
    }
    return w->stamp;
}

static bool heap_push(xg_work *w, double cost, uint32_t node)
{
    if (w->heap_len == w->heap_cap) {
        size_t cap = w->heap_cap ? w->heap_cap * 2 : 1024;
        xg_heap_item *h = realloc(w->heap, cap * sizeof *h);
        if (!h) return false;
        w->heap = h;
        w->heap_cap = cap;
    }
    size_t i = w->heap_len++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (w->heap[parent].cost <= cost) break;
        w->heap[i] = w->heap[parent];
        i = parent;
    }
    w->heap[i] = (xg_heap_item){ cost, node };
    return true;
}

static xg_heap_item heap_pop(xg_work *w)
{
    xg_heap_item top = w->heap[0], last = w->heap[--w->heap_len];
    size_t i = 0, n = w->heap_len;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && w->heap[c + 1].cost < w->heap[c].cost) c++;
        if (w->heap[c].cost >= last.cost) break;
        w->heap[i] = w->heap[c];
        i = c;
    }
    if (n) w->heap[i] = last;
    return top;
}

/* Dijkstra from src to dst avoiding nodes and edges marked with `ban`
 * (0: none).
 * Returns 1 found, 0 unreachable, -1 out of memory. Stops at dst. */
static int shortest(xg_work *w, uint32_t src, uint32_t dst, uint32_t ban)
{
    const xg_graph *g = w->g;
    uint32_t visit = next_stamp(w);
    w->heap_len = 0;
    w->seen[src] = visit;
    w->dist[src] = 0;
    w->prev_edge[src] = UINT32_MAX;
    if (!heap_push(w, 0, src)) return -1;
    while (w->heap_len) {
        xg_heap_item it = heap_pop(w);
        if (it.cost > w->dist[it.node]) continue;
        if (it.node == dst) return 1;
        for (uint32_t e = g->off[it.node]; e < g->off[it.node + 1]; e++) {
            uint32_t v = g->to[e];
            if (ban && (w->edge_ban[e] == ban || w->node_ban[v] == ban)) continue;
            double d = it.cost + (double)g->cost[e];
            if (w->seen[v] != visit || d < w->dist[v]) {
                w->seen[v] = visit;
                w->dist[v] = d;
                w->prev_edge[v] = e;
                if (!heap_push(w, d, v)) return -1;
            }
        }
    }
    return 0;
}

/* The source of edge e: the row that holds it (binary search on off). */
static uint32_t edge_source(const xg_graph *g, uint32_t e)
{
    uint32_t lo = 0, hi = g->n;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->off[mid] <= e) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* Builds root (the first `root_len` edges of `root`, may be NULL) followed by
 * the spur path just found by shortest() ending at dst. */
static bool make_path(xg_work *w, const xg_path *root, uint32_t root_len, uint32_t spur, uint32_t dst, xg_path *out)
{
    const xg_graph *g = w->g;
    uint32_t spur_len = 0;
    for (uint32_t v = dst; v != spur; v = edge_source(g, w->prev_edge[v])) spur_len++;
    uint32_t len = root_len + spur_len;
    out->nodes = malloc(((size_t)len + 1) * sizeof *out->nodes);
    out->edges = malloc((len ? len : 1) * sizeof *out->edges);
    if (!out->nodes || !out->edges) { xg_path_free(out); return false; }
    out->len = len;
    if (root_len) {
        memcpy(out->nodes, root->nodes, root_len * sizeof *out->nodes);
        memcpy(out->edges, root->edges, root_len * sizeof *out->edges);
    }
    out->nodes[len] = dst;
    uint32_t i = len;
    for (uint32_t v = dst; v != spur; ) {
        uint32_t e = w->prev_edge[v];
        out->edges[--i] = e;
        v = edge_source(g, e);
        out->nodes[i] = v;
    }
    out->nodes[root_len] = spur;
    double cost = 0;
    for (uint32_t k = 0; k < len; k++) cost += (double)g->cost[out->edges[k]];
    out->cost = cost;
    return true;
}

static bool same_path(const xg_path *a, const xg_path *b)
{
    return a->len == b->len && memcmp(a->edges, b->edges, a->len * sizeof *a->edges) == 0 &&
           a->nodes[0] == b->nodes[0];
}

/* True when p starts with the first i edges of root (and so the same nodes). */
static bool shares_root(const xg_path *p, const xg_path *root, uint32_t i)
{
    return p->len > i && p->nodes[0] == root->nodes[0] && memcmp(p->edges, root->edges, i * sizeof *p->edges) == 0;
}

int xg_k_paths(xg_work *w, uint32_t src, uint32_t dst, int k, xg_path *out)
{
    const xg_graph *g = w->g;
    if (k <= 0 || src >= g->n || dst >= g->n || src == dst) return 0;
    int r = shortest(w, src, dst, 0);
    if (r <= 0) return r;
    if (!make_path(w, NULL, 0, src, dst, &out[0])) return -1;
    int found = 1;

    xg_path *cand = NULL;
    size_t n_cand = 0, cap_cand = 0;
    bool oom = false;
    while (found < k && !oom) {
        const xg_path *last = &out[found - 1];
        for (uint32_t i = 0; i < last->len && !oom; i++) {
            uint32_t spur = last->nodes[i];
            uint32_t ban = next_stamp(w);
            for (int a = 0; a < found; a++)
                if (shares_root(&out[a], last, i)) w->edge_ban[out[a].edges[i]] = ban;
            for (uint32_t j = 0; j < i; j++) w->node_ban[last->nodes[j]] = ban;
            /* shortest() takes a fresh stamp for its own marks; the bans
             * must survive it, so they are checked against `ban`. */
            r = shortest(w, spur, dst, ban);
            if (r < 0) { oom = true; break; }
            if (r == 0) continue;
            xg_path p = { 0 };
            if (!make_path(w, last, i, spur, dst, &p)) { oom = true; break; }
            bool dup = false;
            for (size_t c = 0; c < n_cand && !dup; c++) dup = same_path(&cand[c], &p);
            for (int a = 0; a < found && !dup; a++) dup = same_path(&out[a], &p);
            if (dup) { xg_path_free(&p); continue; }
            if (n_cand == cap_cand) {
                size_t cap = cap_cand ? cap_cand * 2 : 16;
                xg_path *nc = realloc(cand, cap * sizeof *nc);
                if (!nc) { xg_path_free(&p); oom = true; break; }
                cand = nc;
                cap_cand = cap;
            }
            cand[n_cand++] = p;
        }
        if (oom || n_cand == 0) break;
        size_t best = 0;
        for (size_t c = 1; c < n_cand; c++)
            if (cand[c].cost < cand[best].cost - 1e-12) best = c;
        out[found++] = cand[best];
        memmove(&cand[best], &cand[best + 1], (n_cand - best - 1) * sizeof *cand);
        n_cand--;
    }
    for (size_t c = 0; c < n_cand; c++) xg_path_free(&cand[c]);
    free(cand);
    if (oom) {
        for (int a = 0; a < found; a++) xg_path_free(&out[a]);
        return -1;
    }
    return found;
}
