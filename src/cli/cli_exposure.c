/* cli_exposure.c - how `seawall exposure` shows its answer: each crown
 * jewel's ranked paths as chains with the means and evidence of each step,
 * then its choke points with the number of listed paths each one cuts. */
#include "cli/cli_exposure.h"
#include <stdio.h>
#include <string.h>
#include "cli/cli_store.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "core/timeutil.h"

static const char *asset_id(const exposure *x, size_t a) { return x->m->assets[a].id; }

/* Steps that only move between the graph's helper nodes (a foothold in a
 * zone, entering a conduit) are folded into the next step. */
static bool step_shown(const exposure *x, const xg_path *p, uint32_t i)
{
    uint8_t means = x->g.means[p->edges[i]];
    return means != XM_FOOTHOLD && means != XM_ENTER_CONDUIT;
}

static void node_label(const exposure *x, uint32_t node, strbuf *sb)
{
    exposure_node_kind k = exposure_node_kind_of(x, node);
    const char *id = exposure_node_id(x, node);
    if (k == XN_ZONE) strbuf_printf(sb, "[%s]", id);
    else if (k == XN_CONDUIT) strbuf_printf(sb, "conduit %s", id);
    else strbuf_puts(sb, id);
    if (k == XN_ASSET && x->m->assets[node - x->asset0].criticality == CRIT_CROWN_JEWEL) strbuf_puts(sb, " (crown jewel)");
}

static void chain(const exposure *x, const xg_path *p, strbuf *sb)
{
    node_label(x, p->nodes[0], sb);
    for (uint32_t i = 0; i < p->len; i++) {
        if (!step_shown(x, p, i)) continue;
        strbuf_puts(sb, " -> ");
        node_label(x, p->nodes[i + 1], sb);
    }
}

/* The node a shown step starts from: the last entry, asset or zone reached
 * by a shown step (a foothold's zone is its asset). */
static uint32_t step_from(const exposure *x, const xg_path *p, uint32_t i)
{
    while (i > 0 && !step_shown(x, p, i - 1)) i--;
    (void)x;
    return p->nodes[i];
}

static void service_text(const exposure_evidence *e, char *buf, size_t n)
{
    if (e->service) snprintf(buf, n, "%s", e->service);
    else if (e->port) snprintf(buf, n, "%s/%u", e->ip_proto == 17 ? "udp" : "tcp", (unsigned)e->port);
    else buf[0] = 0;
}

/* One sentence of evidence for a step. */
static void step_evidence(const exposure *x, uint32_t edge, uint32_t to, strbuf *sb)
{
    const port_model *m = x->m;
    const exposure_evidence *e = &x->ev[x->g.evidence[edge]];
    uint8_t means = x->g.means[edge];
    char svc[64];
    service_text(e, svc, sizeof svc);
    if (means == XM_ENTRY) {
        const model_entry_point *ep = &m->entry_points[e->entry];
        strbuf_printf(sb, "entry point %s (%s) reaches %s", ep->id, ep->kind ? ep->kind : "?", exposure_node_id(x, to));
        return;
    }
    if (svc[0]) strbuf_printf(sb, "%s; ", svc);
    if (e->vuln >= 0) strbuf_printf(sb, "vulnerability %s; ", x->in->vulns[e->vuln].id);
    if (e->flow >= 0) {
        const exposure_flow *f = &x->in->flows[e->flow];
        char first[SW_TIME_STR_MAX], last[SW_TIME_STR_MAX];
        strbuf_printf(sb, "seen %lld flow%s %s .. %s", (long long)f->flows, f->flows == 1 ? "" : "s",
                      time_fmt_rfc3339(f->first_seen, 0, first), time_fmt_rfc3339(f->last_seen, 0, last));
        if (e->conduit < 0 && means == XM_OBSERVED_VIOLATION) strbuf_puts(sb, ", no conduit allows it");
        strbuf_puts(sb, "; ");
    }
    if (e->conduit >= 0) {
        const model_conduit *c = &m->conduits[e->conduit];
        strbuf_printf(sb, "conduit %s: %s", c->id, c->justification ? c->justification : "(no justification)");
    } else if (means == XM_ICS_AUTHORISED || means == XM_ICS_OPERATOR) {
        strbuf_puts(sb, "in the controller's may_write, same zone");
    } else if (e->flow < 0) {
        exposure_node_kind k = exposure_node_kind_of(x, to);
        if (k == XN_ASSET && x->m->assets[to - x->asset0].zone_index >= 0)
            strbuf_printf(sb, "same zone %s", m->zones[x->m->assets[to - x->asset0].zone_index].id);
    }
    /* Trim a trailing "; ". */
    if (sb->len >= 2 && sb->data[sb->len - 2] == ';') { sb->len -= 2; sb->data[sb->len] = 0; }
}

static void choke_label(const exposure *x, const exposure_choke *c, strbuf *sb)
{
    if (!c->is_edge) {
        node_label(x, c->id, sb);
        return;
    }
    uint32_t e = c->id, from = 0;
    for (uint32_t u = 0; u < x->g.n; u++)
        if (x->g.off[u] <= e && e < x->g.off[u + 1]) { from = u; break; }
    uint8_t means = x->g.means[e];
    strbuf_printf(sb, "%s ", exposure_means_table[means].label);
    node_label(x, from, sb);
    strbuf_puts(sb, " -> ");
    node_label(x, x->g.to[e], sb);
}

static double likelihood(const xg_path *p, const exposure *x)
{
    double l = 1;
    for (uint32_t i = 0; i < p->len; i++) l *= (double)x->g.p[p->edges[i]];
    return l;
}

void cli_exposure_print(FILE *out, const exposure *x, const exposure_report *r, size_t show)
{
    strbuf sb;
    strbuf_init(&sb);
    for (size_t t = 0; t < r->n_targets; t++) {
        const exposure_target_result *tr = &r->targets[t];
        const model_asset *a = &x->m->assets[tr->asset];
        fprintf(out, "%s%s  %s (%s)\n", t ? "\n" : "", a->id, a->name ? a->name : "", model_criticality_name(a->criticality));
        if (!tr->connected) {
            fprintf(out, "  not reachable from the entry points analysed\n");
            continue;
        }
        size_t n = tr->n_paths < show ? tr->n_paths : show;
        fprintf(out, "  %zu path%s found; the %zu most likely:\n", tr->n_paths, tr->n_paths == 1 ? "" : "s", n);
        for (size_t p = 0; p < n; p++) {
            const xg_path *path = &tr->paths[p];
            strbuf_reset(&sb);
            chain(x, path, &sb);
            fprintf(out, "  %2zu. %.4f  %s\n", p + 1, likelihood(path, x), strbuf_cstr(&sb));
            if (tr->path_variants[p])
                fprintf(out, "        (the same route through %u other host%s of the same zones: not listed)\n",
                        tr->path_variants[p], tr->path_variants[p] == 1 ? "" : "s");
            for (uint32_t i = 0; i < path->len; i++) {
                if (!step_shown(x, path, i)) continue;
                uint32_t e = path->edges[i];
                strbuf_reset(&sb);
                node_label(x, step_from(x, path, i), &sb);
                strbuf_puts(&sb, " -> ");
                node_label(x, path->nodes[i + 1], &sb);
                fprintf(out, "        %-52s %-32s p=%.2f\n", strbuf_cstr(&sb), exposure_means_table[x->g.means[e]].label,
                        (double)x->g.p[e]);
                strbuf_reset(&sb);
                step_evidence(x, e, path->nodes[i + 1], &sb);
                if (sb.len) fprintf(out, "            %s\n", strbuf_cstr(&sb));
            }
        }
        fprintf(out, "  choke points, assets to harden (minimum vertex cut):");
        if (!tr->vertex_finite) fprintf(out, " none - an entry point reaches the target's zone with no asset in between\n");
        else {
            fprintf(out, " %zu\n", tr->n_vertex_cut);
            for (size_t c = 0; c < tr->n_vertex_cut; c++) {
                strbuf_reset(&sb);
                choke_label(x, &tr->vertex_cut[c], &sb);
                fprintf(out, "    %-60s cuts %u of %zu paths\n", strbuf_cstr(&sb), tr->vertex_cut[c].paths_cut, tr->n_paths);
            }
        }
        fprintf(out, "  choke points, conduits and flows to close (minimum edge cut):");
        if (!tr->edge_finite) fprintf(out, " none\n");
        else {
            fprintf(out, " %zu\n", tr->n_edge_cut);
            for (size_t c = 0; c < tr->n_edge_cut; c++) {
                strbuf_reset(&sb);
                choke_label(x, &tr->edge_cut[c], &sb);
                fprintf(out, "    %-60s cuts %u of %zu paths\n", strbuf_cstr(&sb), tr->edge_cut[c].paths_cut, tr->n_paths);
            }
        }
    }
    strbuf_free(&sb);
}

static void json_step(json_writer *w, const exposure *x, const xg_path *p, uint32_t i)
{
    uint32_t e = p->edges[i], to = p->nodes[i + 1];
    const exposure_evidence *ev = &x->ev[x->g.evidence[e]];
    static const char *const kinds[] = { "entry", "zone", "conduit", "asset" };
    jw_object_begin(w);
    jw_kv_string(w, "from", exposure_node_id(x, step_from(x, p, i)));
    jw_kv_string(w, "to", exposure_node_id(x, to));
    jw_kv_string(w, "to_kind", kinds[exposure_node_kind_of(x, to)]);
    jw_kv_string(w, "means", exposure_means_table[x->g.means[e]].name);
    jw_kv_double(w, "p", (double)x->g.p[e], 3);
    char svc[64];
    service_text(ev, svc, sizeof svc);
    if (svc[0]) jw_kv_string(w, "service", svc);
    if (ev->entry >= 0) jw_kv_string(w, "entry_point", x->m->entry_points[ev->entry].id);
    if (ev->conduit >= 0) {
        jw_kv_string(w, "conduit", x->m->conduits[ev->conduit].id);
        jw_kv_string(w, "justification", x->m->conduits[ev->conduit].justification);
    }
    if (ev->vuln >= 0) jw_kv_string(w, "vulnerability", x->in->vulns[ev->vuln].id);
    if (ev->flow >= 0) {
        const exposure_flow *f = &x->in->flows[ev->flow];
        char t[SW_TIME_STR_MAX];
        jw_key(w, "observed");
        jw_object_begin(w);
        jw_kv_string(w, "src_ip", f->src_ip);
        jw_kv_string(w, "dst_ip", f->dst_ip);
        jw_kv_int(w, "dst_port", f->dst_port);
        jw_kv_int(w, "flows", f->flows);
        jw_kv_string(w, "first_seen", time_fmt_rfc3339(f->first_seen, 0, t));
        jw_kv_string(w, "last_seen", time_fmt_rfc3339(f->last_seen, 0, t));
        jw_kv_bool(w, "policy_violation", x->g.means[e] == XM_OBSERVED_VIOLATION);
        jw_object_end(w);
    }
    jw_object_end(w);
}

static void json_chokes(json_writer *w, const exposure *x, const char *key, bool finite, const exposure_choke *c, size_t n)
{
    strbuf sb;
    strbuf_init(&sb);
    jw_key(w, key);
    jw_object_begin(w);
    jw_kv_bool(w, "cut_exists", finite);
    jw_key(w, "items");
    jw_array_begin(w);
    for (size_t i = 0; finite && i < n; i++) {
        jw_object_begin(w);
        if (!c[i].is_edge) {
            exposure_node_kind k = exposure_node_kind_of(x, c[i].id);
            jw_kv_string(w, "kind", k == XN_CONDUIT ? "conduit" : "asset");
            jw_kv_string(w, "id", exposure_node_id(x, c[i].id));
        } else {
            uint32_t from = 0;
            for (uint32_t u = 0; u < x->g.n; u++)
                if (x->g.off[u] <= c[i].id && c[i].id < x->g.off[u + 1]) { from = u; break; }
            jw_kv_string(w, "kind", "edge");
            jw_kv_string(w, "from", exposure_node_id(x, from));
            jw_kv_string(w, "to", exposure_node_id(x, x->g.to[c[i].id]));
            jw_kv_string(w, "means", exposure_means_table[x->g.means[c[i].id]].name);
        }
        strbuf_reset(&sb);
        choke_label(x, &c[i], &sb);
        jw_kv_string(w, "label", strbuf_cstr(&sb));
        jw_kv_uint(w, "paths_cut", c[i].paths_cut);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
    strbuf_free(&sb);
}

void cli_exposure_json(FILE *out, const exposure *x, const exposure_report *r, int k)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_kv_string(&w, "port", x->m->port.name);
    jw_kv_int(&w, "k", k);
    jw_key(&w, "graph");
    jw_object_begin(&w);
    jw_kv_uint(&w, "nodes", x->g.n);
    jw_kv_uint(&w, "edges", x->g.m);
    jw_kv_uint(&w, "observed_flows", x->in->n_flows);
    jw_object_end(&w);
    jw_key(&w, "targets");
    jw_array_begin(&w);
    for (size_t t = 0; t < r->n_targets; t++) {
        const exposure_target_result *tr = &r->targets[t];
        const model_asset *a = &x->m->assets[tr->asset];
        jw_object_begin(&w);
        jw_kv_string(&w, "asset", asset_id(x, tr->asset));
        jw_kv_string(&w, "name", a->name);
        jw_kv_string(&w, "criticality", model_criticality_name(a->criticality));
        jw_kv_bool(&w, "reachable", tr->connected);
        jw_key(&w, "paths");
        jw_array_begin(&w);
        for (size_t p = 0; p < tr->n_paths; p++) {
            const xg_path *path = &tr->paths[p];
            jw_object_begin(&w);
            jw_kv_uint(&w, "rank", p + 1);
            jw_kv_string(&w, "entry_point", exposure_node_id(x, tr->path_entry[p]));
            jw_kv_double(&w, "likelihood", likelihood(path, x), 6);
            jw_kv_uint(&w, "variants", tr->path_variants[p]);
            strbuf chain_sb;
            strbuf_init(&chain_sb);
            chain(x, path, &chain_sb);
            jw_kv_string(&w, "chain_text", strbuf_cstr(&chain_sb));
            strbuf_free(&chain_sb);
            jw_key(&w, "chain");
            jw_array_begin(&w);
            jw_string(&w, exposure_node_id(x, path->nodes[0]));
            for (uint32_t i = 0; i < path->len; i++)
                if (step_shown(x, path, i)) jw_string(&w, exposure_node_id(x, path->nodes[i + 1]));
            jw_array_end(&w);
            jw_key(&w, "steps");
            jw_array_begin(&w);
            for (uint32_t i = 0; i < path->len; i++)
                if (step_shown(x, path, i)) json_step(&w, x, path, i);
            jw_array_end(&w);
            jw_object_end(&w);
            cli_jw_flush_to(&sb, out);
        }
        jw_array_end(&w);
        jw_key(&w, "choke_points");
        jw_object_begin(&w);
        json_chokes(&w, x, "assets", tr->vertex_finite && tr->connected, tr->vertex_cut, tr->n_vertex_cut);
        json_chokes(&w, x, "edges", tr->edge_finite && tr->connected, tr->edge_cut, tr->n_edge_cut);
        jw_object_end(&w);
        jw_object_end(&w);
        cli_jw_flush_to(&sb, out);
    }
    jw_array_end(&w);
    jw_object_end(&w);
    strbuf_puts(&sb, "\n");
    cli_jw_flush_to(&sb, out);
    strbuf_free(&sb);
}

/* The graph as TSV, for an independent check (bench/exposure/nx_peer.py):
 * every node with its kind, id and cut flags (v: may be cut in a vertex cut,
 * u: one unit of an edge cut), then every edge after merging, with its
 * probability, cost (-log p), whether an edge cut may cut it, and its means. */
void cli_exposure_graph_tsv(FILE *out, const exposure *x)
{
    static const char *const kinds[] = { "entry", "zone", "conduit", "asset" };
    const xg_graph *g = &x->g;
    fprintf(out, "# seawall attack graph: %u nodes, %u edges\n", g->n, g->m);
    for (uint32_t u = 0; u < g->n; u++) {
        char flags[3] = { 0 };
        size_t f = 0;
        if (g->nflags[u] & XG_NODE_VERTEX_CUT) flags[f++] = 'v';
        if (g->nflags[u] & XG_NODE_EDGE_CUT) flags[f++] = 'u';
        fprintf(out, "node\t%u\t%s\t%s\t%s\n", u, kinds[exposure_node_kind_of(x, u)], exposure_node_id(x, u), f ? flags : "-");
    }
    for (uint32_t u = 0; u < g->n; u++)
        for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++)
            fprintf(out, "edge\t%u\t%u\t%.9g\t%.9g\t%d\t%s\n", u, g->to[e], (double)g->p[e], (double)g->cost[e],
                    (g->eflags[e] & XG_EDGE_CUT) ? 1 : 0, exposure_means_table[g->means[e]].name);
}
