/* exposure_work.h - the scratch memory the path and cut queries share, sized
 * once per graph so that a query allocates only its result. Stamps replace
 * clearing: a mark is set when it equals the current stamp. */
#ifndef SW_EXPOSURE_WORK_H
#define SW_EXPOSURE_WORK_H
#include "analysis/exposure_graph.h"

typedef struct xg_heap_item { double cost; uint32_t node; } xg_heap_item;

struct xg_work {
    const xg_graph *g;
    /* shortest paths */
    double *dist;
    uint32_t *prev_edge, *seen, *node_ban, *edge_ban;
    uint32_t stamp;
    xg_heap_item *heap;
    size_t heap_len, heap_cap;
    /* max flow: the node-split network, built lazily on the first cut */
    uint32_t fn, fa;               /* flow nodes, arcs */
    uint32_t *head, *next, *ato, *iter;
    int32_t *cap, *cap0;
    int32_t *level;
    uint32_t *queue, *stack;
};

#endif
