/* exposure_graph.h - the attack graph as compact adjacency (CSR arrays), and
 * the two questions asked of it: the k most likely loopless paths (Yen on
 * -log p) and the minimum cut (Dinic on a node-split flow network). Knows
 * nothing of ports: exposure_build.c fills it from the model and flows. */
#ifndef SW_EXPOSURE_GRAPH_H
#define SW_EXPOSURE_GRAPH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    XG_NODE_VERTEX_CUT = 1 << 0,   /* may be cut in a vertex cut (an asset) */
    XG_NODE_EDGE_CUT = 1 << 1,     /* counts as one unit in an edge cut (a conduit) */
};
enum {
    XG_EDGE_CUT = 1 << 0,          /* may be cut in an edge cut */
};

/* An edge as added: p is the step's probability of success, 0 < p <= 1. */
typedef struct xg_edge_in {
    uint32_t from, to;
    float p;
    uint8_t means;                 /* the caller's step kind, carried through */
    uint8_t flags;                 /* XG_EDGE_* */
    uint32_t evidence;             /* the caller's index, carried through */
} xg_edge_in;

/* The built graph. Edges of node u are [off[u], off[u+1]), sorted by target;
 * parallel edges are merged, keeping the most likely. */
typedef struct xg_graph {
    uint32_t n, m;
    uint32_t *off;                 /* n + 1 */
    uint32_t *to;                  /* m */
    float *cost;                   /* m: -log p */
    float *p;                      /* m */
    uint8_t *means, *eflags;       /* m */
    uint32_t *evidence;            /* m */
    uint8_t *nflags;               /* n */
} xg_graph;

/* Edges are collected in one growing array (no allocation per edge). */
typedef struct xg_builder {
    xg_edge_in *e;
    size_t len, cap;
    bool oom;
} xg_builder;

void xg_builder_init(xg_builder *b);
void xg_builder_add(xg_builder *b, uint32_t from, uint32_t to, double p, uint8_t means, uint8_t flags, uint32_t evidence);
void xg_builder_free(xg_builder *b);
/* Builds the CSR graph of n nodes (node flags copied from nflags, may be
 * NULL) and frees the builder's edges. False when out of memory or an
 * edge names a node >= n. */
bool xg_build(xg_graph *g, uint32_t n, const uint8_t *nflags, xg_builder *b);
void xg_free(xg_graph *g);

/* A path: nodes[0..len] and the edge index taken at each step (len edges). */
typedef struct xg_path {
    uint32_t *nodes, *edges;
    uint32_t len;                  /* number of edges */
    double cost;                   /* sum of -log p */
} xg_path;

/* Workspace reused across queries so a query allocates only its result. */
typedef struct xg_work xg_work;
xg_work *xg_work_new(const xg_graph *g);
void xg_work_free(xg_work *w);

/* The k most likely loopless paths from src to dst, most likely first (ties
 * in the order found). Returns how many were found (<= k), or -1 when out of
 * memory. The caller frees each path with xg_path_free. */
int xg_k_paths(xg_work *w, uint32_t src, uint32_t dst, int k, xg_path *out);
void xg_path_free(xg_path *p);

/* Minimum cut between a set of sources and one target. In a vertex cut the
 * units are nodes flagged XG_NODE_VERTEX_CUT; in an edge cut they are edges
 * flagged XG_EDGE_CUT and nodes flagged XG_NODE_EDGE_CUT. Sources and the
 * target are never cut. */
typedef enum { XG_CUT_VERTEX, XG_CUT_EDGE } xg_cut_mode;

typedef struct xg_cut {
    bool connected;                /* some path exists at all */
    bool finite;                   /* a cut of the allowed units exists */
    uint32_t n_nodes, n_edges;     /* the cut: nodes and/or edge indexes */
    uint32_t *nodes, *edges;
} xg_cut;

/* Returns false only when out of memory. */
bool xg_min_cut(xg_work *w, const uint32_t *src, size_t n_src, uint32_t dst, xg_cut_mode mode, xg_cut *out);
void xg_cut_free(xg_cut *c);

#endif
