/* graph.c - the attack graph from the port model: which zones a conduit
 * lets reach which, and how many conduit steps each zone is from every
 * crown jewel's zone (breadth-first, backwards from the jewel). */
#include <stdlib.h>
#include <string.h>
#include "correlate/correlate_internal.h"

static void bfs(const corr_engine *e, int target, int *dist)
{
    size_t n = e->n_zones;
    int *queue = malloc(n * sizeof *queue);
    for (size_t z = 0; z < n; z++) dist[z] = -1;
    if (!queue) return;
    size_t head = 0, tail = 0;
    dist[target] = 0;
    queue[tail++] = target;
    while (head < tail) {
        int to = queue[head++];
        for (size_t from = 0; from < n; from++)
            if (e->adjacent[from * n + (size_t)to] && dist[from] < 0) {
                dist[from] = dist[to] + 1;
                queue[tail++] = (int)from;
            }
    }
    free(queue);
}

bool corr_graph_build(corr_engine *e)
{
    const port_model *m = e->m;
    e->n_zones = m ? m->n_zones : 0;
    size_t n = e->n_zones;
    if (!n) return true;
    e->adjacent = calloc(n * n, 1);
    e->zone_mark = calloc(n, sizeof *e->zone_mark);
    e->jewel_zone = calloc(n, sizeof *e->jewel_zone);
    if (!e->adjacent || !e->zone_mark || !e->jewel_zone) return false;
    for (size_t i = 0; i < m->n_conduits; i++) {
        const model_conduit *c = &m->conduits[i];
        if (c->from_index < 0 || c->to_index < 0) continue;
        e->adjacent[(size_t)c->from_index * n + (size_t)c->to_index] = 1;
        if (c->bidirectional) e->adjacent[(size_t)c->to_index * n + (size_t)c->from_index] = 1;
    }
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        if (a->criticality != CRIT_CROWN_JEWEL || a->zone_index < 0) continue;
        bool seen = false;
        for (size_t k = 0; k < e->n_jewel_zones; k++) seen |= e->jewel_zone[k] == a->zone_index;
        if (!seen) e->jewel_zone[e->n_jewel_zones++] = a->zone_index;
    }
    if (!e->n_jewel_zones) return true;
    e->dist = malloc(e->n_jewel_zones * n * sizeof *e->dist);
    if (!e->dist) return false;
    for (size_t k = 0; k < e->n_jewel_zones; k++) bfs(e, e->jewel_zone[k], e->dist + k * n);
    for (size_t i = 0; i < n; i++) e->zone_mark[i].group = CORR_NONE;
    return true;
}

void corr_graph_free(corr_engine *e)
{
    free(e->adjacent);
    free(e->zone_mark);
    free(e->jewel_zone);
    free(e->dist);
}

bool corr_graph_closer(const corr_engine *e, int from, int to, int *jewel_zone)
{
    size_t n = e->n_zones;
    if (from < 0 || to < 0 || from == to || !e->dist || !e->adjacent[(size_t)from * n + (size_t)to]) return false;
    for (size_t k = 0; k < e->n_jewel_zones; k++) {
        const int *d = e->dist + k * n;
        if (d[from] > 0 && d[to] == d[from] - 1) {
            *jewel_zone = e->jewel_zone[k];
            return true;
        }
    }
    return false;
}

int corr_graph_hops(const corr_engine *e, int z)
{
    int best = -1;
    if (z < 0 || !e->dist) return -1;
    for (size_t k = 0; k < e->n_jewel_zones; k++) {
        int d = e->dist[k * e->n_zones + (size_t)z];
        if (d >= 0 && (best < 0 || d < best)) best = d;
    }
    return best;
}
