/* impact.c - outage roll-up through depends_on and the recovery order
 * (impact.h). Stopped assets are a set (a visited flag), so an asset that
 * depends on the lost one through several paths is counted once. */
#include "analysis/impact.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Depth-first search with colours; on a grey edge the stack holds the cycle. */
bool impact_find_cycle(const impact_graph *g, uint32_t **cycle, size_t *len)
{
    *cycle = NULL;
    *len = 0;
    size_t n = g->n;
    uint8_t *colour = calloc(n ? n : 1, 1);
    uint32_t *stack = malloc((n ? n : 1) * sizeof *stack);
    size_t *next = calloc(n ? n : 1, sizeof *next);
    bool found = false;
    if (!colour || !stack || !next) goto out;
    for (size_t root = 0; root < n && !found; root++) {
        if (colour[root]) continue;
        size_t sp = 0;
        stack[sp++] = (uint32_t)root;
        colour[root] = 1;
        while (sp && !found) {
            uint32_t v = stack[sp - 1];
            if (next[v] < g->nodes[v].n_deps) {
                uint32_t w = g->nodes[v].deps[next[v]++];
                if (w >= n) continue;
                if (colour[w] == 0) { colour[w] = 1; stack[sp++] = w; }
                else if (colour[w] == 1) {
                    size_t from = sp;
                    while (from > 0 && stack[from - 1] != w) from--;
                    from--;
                    *len = sp - from + 1;
                    *cycle = malloc(*len * sizeof **cycle);
                    if (*cycle) {
                        memcpy(*cycle, stack + from, (sp - from) * sizeof **cycle);
                        (*cycle)[*len - 1] = w;
                        found = true;
                    } else *len = 0;
                }
            } else {
                colour[v] = 2;
                sp--;
            }
        }
    }
out:
    free(colour);
    free(stack);
    free(next);
    return found;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

void impact_result_free(impact_result *r)
{
    free(r->stopped);
    free(r->jurisdictions);
    memset(r, 0, sizeof *r);
}

/* Recovery order: a dependency before what depends on it; among those
 * ready, the shortest RTO first (unset last), then id. Quadratic in the
 * stopped set, which is what one outage touches, not the whole port. */
static bool recovery_order(const impact_graph *g, impact_stop *st, size_t k, const int32_t *slot)
{
    uint32_t *missing = calloc(k ? k : 1, sizeof *missing);
    impact_stop *order = malloc((k ? k : 1) * sizeof *order);
    bool *done = calloc(k ? k : 1, sizeof *done);
    if (!missing || !order || !done) { free(missing); free(order); free(done); return false; }
    for (size_t i = 0; i < k; i++) {
        const impact_node *nd = &g->nodes[st[i].node];
        for (size_t d = 0; d < nd->n_deps; d++)
            if (nd->deps[d] < g->n && slot[nd->deps[d]] >= 0) missing[i]++;
    }
    for (size_t placed = 0; placed < k; placed++) {
        size_t best = k;
        for (size_t i = 0; i < k; i++) {
            if (done[i] || missing[i]) continue;
            if (best == k) { best = i; continue; }
            double ri = g->nodes[st[i].node].rto_hours, rb = g->nodes[st[best].node].rto_hours;
            bool ui = ri < 0, ub = rb < 0;
            if (ui != ub ? ub : (ri != rb ? ri < rb : strcmp(g->nodes[st[i].node].id, g->nodes[st[best].node].id) < 0))
                best = i;
        }
        if (best == k) { free(missing); free(order); free(done); return false; }   /* a cycle: refused earlier */
        done[best] = true;
        order[placed] = st[best];
        /* What waited on it may now be ready. */
        for (size_t i = 0; i < k; i++) {
            const impact_node *nd = &g->nodes[st[i].node];
            for (size_t d = 0; d < nd->n_deps; d++)
                if (nd->deps[d] == st[best].node) missing[i]--;
        }
    }
    memcpy(st, order, k * sizeof *st);
    free(missing);
    free(order);
    free(done);
    return true;
}

sw_code impact_outage(const impact_graph *g, const uint32_t *lost, size_t n_lost, double hours, impact_result *out,
                      sw_error *err)
{
    memset(out, 0, sizeof *out);
    out->hours = hours;
    uint32_t *cyc;
    size_t clen;
    if (impact_find_cycle(g, &cyc, &clen)) {
        char path[512];
        size_t o = 0;
        for (size_t i = 0; i < clen && o < sizeof path; i++) {
            int w = snprintf(path + o, sizeof path - o, "%s%s", i ? " -> " : "", g->nodes[cyc[i]].id);
            if (w < 0) break;
            o += (size_t)w;
        }
        free(cyc);
        return sw_fail(err, SW_ERR_INVALID, "depends_on has a cycle, so nothing can be recovered first: %s", path);
    }
    size_t n = g->n;
    /* Who depends on whom: the reverse edges, as CSR. */
    uint32_t *start = calloc(n + 1, sizeof *start), *rev = NULL, *fill = NULL, *queue = NULL;
    int32_t *slot = malloc((n ? n : 1) * sizeof *slot);
    size_t edges = 0;
    for (size_t v = 0; v < n; v++) edges += g->nodes[v].n_deps;
    rev = malloc((edges ? edges : 1) * sizeof *rev);
    fill = calloc(n + 1, sizeof *fill);
    queue = malloc((n ? n : 1) * sizeof *queue);
    out->stopped = malloc((n ? n : 1) * sizeof *out->stopped);
    if (!start || !slot || !rev || !fill || !queue || !out->stopped) goto oom;
    for (size_t v = 0; v < n; v++)
        for (size_t d = 0; d < g->nodes[v].n_deps; d++)
            if (g->nodes[v].deps[d] < n) start[g->nodes[v].deps[d] + 1]++;
    for (size_t v = 0; v < n; v++) start[v + 1] += start[v];
    for (size_t v = 0; v < n; v++)
        for (size_t d = 0; d < g->nodes[v].n_deps; d++) {
            uint32_t w = g->nodes[v].deps[d];
            if (w < n) rev[start[w] + fill[w]++] = (uint32_t)v;
        }
    for (size_t v = 0; v < n; v++) slot[v] = -1;
    size_t head = 0, tail = 0, k = 0;
    for (size_t i = 0; i < n_lost; i++) {
        uint32_t v = lost[i];
        if (v >= n || slot[v] >= 0) continue;
        slot[v] = (int32_t)k;
        out->stopped[k++] = (impact_stop){ v, true, v, false };
        queue[tail++] = v;
    }
    while (head < tail) {
        uint32_t v = queue[head++];
        for (uint32_t e = start[v]; e < start[v + 1]; e++) {
            uint32_t w = rev[e];
            if (slot[w] >= 0) continue;            /* already stopping: count it once */
            slot[w] = (int32_t)k;
            out->stopped[k++] = (impact_stop){ w, false, v, false };
            queue[tail++] = w;
        }
    }
    out->n_stopped = k;
    size_t nj = 0;
    for (size_t i = 0; i < k; i++) {
        const impact_node *nd = &g->nodes[out->stopped[i].node];
        out->teu_per_hour += nd->teu_per_hour;
        out->vessel_delay_per_hour += nd->vessel_delay_per_hour;
        out->cost_per_hour += nd->cost_per_hour;
        out->safety |= nd->safety;
        out->environment |= nd->environment;
        out->regulatory |= nd->regulatory;
        if (nd->regulatory) nj += nd->n_jurisdictions ? nd->n_jurisdictions : g->n_port_jurisdictions;
        out->stopped[i].rto_breached = nd->rto_hours >= 0 && hours > nd->rto_hours;
    }
    out->teu_lost = out->teu_per_hour * hours;
    out->vessel_delay_hours = out->vessel_delay_per_hour * hours;
    out->cost = out->cost_per_hour * hours;
    if (nj) {
        out->jurisdictions = malloc(nj * sizeof *out->jurisdictions);
        if (!out->jurisdictions) goto oom;
        size_t o = 0;
        for (size_t i = 0; i < k; i++) {
            const impact_node *nd = &g->nodes[out->stopped[i].node];
            if (!nd->regulatory) continue;
            const char *const *list = nd->n_jurisdictions ? nd->jurisdictions : g->port_jurisdictions;
            size_t ln = nd->n_jurisdictions ? nd->n_jurisdictions : g->n_port_jurisdictions;
            for (size_t j = 0; j < ln; j++) out->jurisdictions[o++] = list[j];
        }
        qsort(out->jurisdictions, o, sizeof *out->jurisdictions, cmp_str);
        size_t u = 0;
        for (size_t i = 0; i < o; i++)
            if (!u || strcmp(out->jurisdictions[u - 1], out->jurisdictions[i])) out->jurisdictions[u++] = out->jurisdictions[i];
        out->n_jurisdictions = u;
    }
    if (!recovery_order(g, out->stopped, k, slot)) goto oom;
    free(start); free(slot); free(rev); free(fill); free(queue);
    return SW_OK;
oom:
    free(start); free(slot); free(rev); free(fill); free(queue);
    impact_result_free(out);
    return sw_fail(err, SW_ERR_NOMEM, "impact: out of memory");
}

bool impact_graph_from_model(const port_model *m, impact_graph *g)
{
    size_t edges = 0;
    for (size_t a = 0; a < m->n_assets; a++) edges += m->assets[a].depends_on.len;
    size_t bytes = (m->n_assets ? m->n_assets : 1) * sizeof(impact_node) + (edges ? edges : 1) * sizeof(uint32_t);
    impact_node *nodes = calloc(1, bytes);
    if (!nodes) return false;
    uint32_t *deps = (uint32_t *)(nodes + (m->n_assets ? m->n_assets : 1));
    size_t o = 0;
    for (size_t a = 0; a < m->n_assets; a++) {
        const model_asset *as = &m->assets[a];
        impact_node *nd = &nodes[a];
        nd->id = as->id;
        nd->teu_per_hour = as->impact.has_teu ? as->impact.teu_per_hour : 0;
        nd->vessel_delay_per_hour = as->impact.has_delay ? as->impact.vessel_delay_hours : 0;
        nd->cost_per_hour = as->impact.has_cost ? as->impact.cost_per_hour : 0;
        nd->safety = as->impact.safety;
        nd->environment = as->impact.environment;
        nd->regulatory = as->impact.regulatory;
        nd->jurisdictions = as->impact.regulatory_in.items;
        nd->n_jurisdictions = as->impact.regulatory_in.len;
        nd->rto_hours = as->rto_hours;
        nd->deps = deps + o;
        for (size_t d = 0; d < as->depends_on.len; d++) {
            int idx = as->depends_on_index ? as->depends_on_index[d] : -1;
            if (idx >= 0) deps[o++] = (uint32_t)idx;
        }
        nd->n_deps = (size_t)(deps + o - nd->deps);
    }
    g->nodes = nodes;
    g->n = m->n_assets;
    g->port_jurisdictions = m->port.jurisdictions.items;
    g->n_port_jurisdictions = m->port.jurisdictions.len;
    return true;
}
