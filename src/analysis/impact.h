/* impact.h - business impact of losing assets: what stops with them
 * (everything that depends on them, directly or through others), its TEU,
 * vessel delay, money, safety, environment and regulatory exposure summed
 * with each stopped asset counted once however many paths lead to it, and
 * the order to recover them in (dependencies first, then shortest RTO).
 * Pure: a graph in, figures out; dependency cycles are refused. */
#ifndef SW_IMPACT_H
#define SW_IMPACT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "model/model.h"

/* One asset's own impact per hour of outage: what stops because of this
 * asset alone, not what stops because its dependents stop (the roll-up
 * adds those). */
typedef struct impact_node {
    const char *id;
    double teu_per_hour, vessel_delay_per_hour, cost_per_hour;
    bool safety, environment, regulatory;
    const char *const *jurisdictions;   /* where it is reportable; none: the port's */
    size_t n_jurisdictions;
    double rto_hours;                    /* < 0: not set */
    const uint32_t *deps;                /* indexes of the nodes it depends on */
    size_t n_deps;
} impact_node;

typedef struct impact_graph {
    const impact_node *nodes;
    size_t n;
    const char *const *port_jurisdictions;
    size_t n_port_jurisdictions;
} impact_graph;

/* A dependency cycle as node indexes, first repeated at the end
 * (a, b, c, a); false when there is none. *cycle is malloc'd. */
bool impact_find_cycle(const impact_graph *g, uint32_t **cycle, size_t *len);

typedef struct impact_stop {
    uint32_t node;
    bool lost;                  /* lost directly, not through a dependency */
    uint32_t because;           /* for a dependent: the dependency it stops through (first found) */
    bool rto_breached;          /* down longer than its rto_hours */
} impact_stop;

typedef struct impact_result {
    impact_stop *stopped;       /* in recovery order */
    size_t n_stopped;
    double hours;
    double teu_per_hour, vessel_delay_per_hour, cost_per_hour;   /* summed, each stopped asset once */
    double teu_lost, vessel_delay_hours, cost;                   /* times hours */
    bool safety, environment, regulatory;
    const char **jurisdictions; /* union, sorted; the strings are the graph's */
    size_t n_jurisdictions;
} impact_result;

/* Losing `lost` for `hours`. SW_ERR_INVALID with the cycle in err when
 * the dependencies loop; SW_ERR_NOMEM. */
sw_code impact_outage(const impact_graph *g, const uint32_t *lost, size_t n_lost, double hours, impact_result *out,
                      sw_error *err);
void impact_result_free(impact_result *r);

/* The graph of a loaded model (own impacts, depends_on, rto_hours). The
 * nodes and their arrays are malloc'd in one block: free(g->nodes). */
bool impact_graph_from_model(const port_model *m, impact_graph *g);

#endif
