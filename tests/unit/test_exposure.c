/* test_exposure.c - attack paths and choke points with known answers: the
 * order of paths on hand-built graphs, Yen's k paths against brute-force
 * enumeration, minimum vertex and edge cuts against brute force on random
 * small graphs, and direction, service and may_write handling on a model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/exposure.h"
#include "core/prng.h"

/* --- hand-built graphs ------------------------------------------------------ */

static void build(xg_graph *g, uint32_t n, const uint8_t *nflags, const xg_edge_in *e, size_t m)
{
    xg_builder b;
    xg_builder_init(&b);
    for (size_t i = 0; i < m; i++) xg_builder_add(&b, e[i].from, e[i].to, e[i].p, e[i].means, e[i].flags, (uint32_t)i);
    assert_true(xg_build(g, n, nflags, &b));
}

/* 0 -> 1 -> 3 (0.5*0.5=0.25), 0 -> 2 -> 3 (0.9*0.9=0.81), 0 -> 3 (0.5),
 * 0 -> 1 -> 2 -> 3 (0.5*1*0.9=0.45). */
static void test_path_order(void **state)
{
    (void)state;
    const xg_edge_in e[] = {
        { 0, 1, 0.5f, 0, 0, 0 }, { 1, 3, 0.5f, 0, 0, 0 }, { 0, 2, 0.9f, 0, 0, 0 }, { 2, 3, 0.9f, 0, 0, 0 },
        { 0, 3, 0.5f, 0, 0, 0 }, { 1, 2, 1.0f, 0, 0, 0 },
    };
    xg_graph g;
    build(&g, 4, NULL, e, 6);
    xg_work *w = xg_work_new(&g);
    xg_path p[10];
    int n = xg_k_paths(w, 0, 3, 10, p);
    assert_int_equal(n, 4);
    static const double want[] = { 0.81, 0.5, 0.45, 0.25 };
    static const uint32_t len[] = { 2, 1, 3, 2 };
    for (int i = 0; i < n; i++) {
        assert_true(fabs(exp(-p[i].cost) - want[i]) < 1e-5);
        assert_int_equal(p[i].len, len[i]);
        assert_int_equal(p[i].nodes[0], 0);
        assert_int_equal(p[i].nodes[p[i].len], 3);
        xg_path_free(&p[i]);
    }
    /* Unreachable and k = 1. */
    assert_int_equal(xg_k_paths(w, 3, 0, 5, p), 0);
    assert_int_equal(xg_k_paths(w, 0, 3, 1, p), 1);
    assert_int_equal(p[0].nodes[1], 2);
    xg_path_free(&p[0]);
    xg_work_free(w);
    xg_free(&g);
}

/* Parallel edges merge into the most likely; self-loops are dropped. */
static void test_parallel_edges_merge(void **state)
{
    (void)state;
    const xg_edge_in e[] = { { 0, 1, 0.2f, 1, 0, 0 }, { 0, 1, 0.7f, 2, 0, 0 }, { 1, 1, 0.9f, 0, 0, 0 } };
    xg_graph g;
    build(&g, 2, NULL, e, 3);
    assert_int_equal(g.m, 1);
    assert_int_equal(g.means[0], 2);
    assert_true(fabs(g.p[0] - 0.7f) < 1e-6);
    xg_free(&g);
}

/* A diamond: s -> a, s -> b, a -> t, b -> t, plus a bridge c: s -> c -> t
 * through one cuttable node c and one cuttable edge. */
static void test_cut_known(void **state)
{
    (void)state;
    enum { S, A, B, C, T, N };
    uint8_t nf[N] = { 0, XG_NODE_VERTEX_CUT, XG_NODE_VERTEX_CUT, XG_NODE_VERTEX_CUT, XG_NODE_VERTEX_CUT };
    const xg_edge_in e[] = {
        { S, A, 0.5f, 0, XG_EDGE_CUT, 0 }, { S, B, 0.5f, 0, XG_EDGE_CUT, 0 }, { A, T, 0.5f, 0, XG_EDGE_CUT, 0 },
        { B, T, 0.5f, 0, XG_EDGE_CUT, 0 }, { A, C, 0.5f, 0, 0, 0 }, { B, C, 0.5f, 0, 0, 0 },
        { C, T, 0.5f, 0, XG_EDGE_CUT, 0 },
    };
    xg_graph g;
    build(&g, N, nf, e, 7);
    xg_work *w = xg_work_new(&g);
    uint32_t src = S;
    xg_cut c;
    assert_true(xg_min_cut(w, &src, 1, T, XG_CUT_VERTEX, &c));
    assert_true(c.connected && c.finite);
    assert_int_equal(c.n_nodes, 2);                    /* a and b */
    assert_true((c.nodes[0] == A && c.nodes[1] == B) || (c.nodes[0] == B && c.nodes[1] == A));
    xg_cut_free(&c);
    assert_true(xg_min_cut(w, &src, 1, T, XG_CUT_EDGE, &c));
    assert_true(c.finite);
    assert_int_equal(c.n_edges, 2);                    /* s->a and s->b */
    xg_cut_free(&c);
    /* The target is never cut; from a itself (a source) only b... is no
     * help: a -> t directly has no cuttable node, so no vertex cut exists. */
    src = A;
    assert_true(xg_min_cut(w, &src, 1, T, XG_CUT_VERTEX, &c));
    assert_true(c.connected);
    assert_false(c.finite);
    xg_cut_free(&c);
    /* Not connected: t reaches nothing. */
    src = T;
    assert_true(xg_min_cut(w, &src, 1, S, XG_CUT_VERTEX, &c));
    assert_false(c.connected);
    xg_cut_free(&c);
    xg_work_free(w);
    xg_free(&g);
}

/* --- brute force on random small graphs ------------------------------------- */

typedef struct brute {
    const xg_graph *g;
    double costs[4096];
    size_t n;
    bool on[16];
} brute;

static void all_paths(brute *b, uint32_t u, uint32_t dst, double cost)
{
    if (u == dst) {
        if (b->n < 4096) b->costs[b->n++] = cost;
        return;
    }
    b->on[u] = true;
    for (uint32_t e = b->g->off[u]; e < b->g->off[u + 1]; e++)
        if (!b->on[b->g->to[e]]) all_paths(b, b->g->to[e], dst, cost + (double)b->g->cost[e]);
    b->on[u] = false;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void random_graph(prng *r, xg_graph *g, uint32_t n, uint8_t *nflags, double density)
{
    xg_builder b;
    xg_builder_init(&b);
    for (uint32_t u = 0; u < n; u++) {
        nflags[u] = (uint8_t)((uint32_t)prng_next(r) % 4 == 0 ? XG_NODE_EDGE_CUT | XG_NODE_VERTEX_CUT : XG_NODE_VERTEX_CUT);
        for (uint32_t v = 0; v < n; v++)
            if (u != v && prng_unit(r) < density) {
                /* Few distinct probabilities, so that ties happen. */
                static const float ps[] = { 0.9f, 0.7f, 0.5f, 0.3f, 0.6f };
                uint8_t fl = (uint32_t)prng_next(r) % 3 ? XG_EDGE_CUT : 0;
                xg_builder_add(&b, u, v, ps[(uint32_t)prng_next(r) % 5], 0, fl, 0);
            }
    }
    assert_true(xg_build(g, n, nflags, &b));
}

static void test_k_paths_vs_brute_force(void **state)
{
    (void)state;
    prng r;
    prng_seed(&r, 6);
    for (int round = 0; round < 300; round++) {
        uint32_t n = 3 + (uint32_t)prng_next(&r) % 6;
        uint8_t nf[16];
        xg_graph g;
        random_graph(&r, &g, n, nf, 0.25 + 0.4 * prng_unit(&r));
        brute *b = calloc(1, sizeof *b);
        b->g = &g;
        all_paths(b, 0, n - 1, 0);
        qsort(b->costs, b->n, sizeof *b->costs, dbl_cmp);
        int k = 1 + (int)((uint32_t)prng_next(&r) % 12);
        xg_work *w = xg_work_new(&g);
        xg_path p[12];
        int got = xg_k_paths(w, 0, n - 1, k, p);
        assert_int_equal(got, (int)(b->n < (size_t)k ? b->n : (size_t)k));
        for (int i = 0; i < got; i++) {
            if (fabs(p[i].cost - b->costs[i]) > 1e-5)
                fail_msg("round %d path %d: cost %.6f, brute force %.6f", round, i, p[i].cost, b->costs[i]);
            /* Loopless and made of real edges. */
            for (uint32_t s = 0; s < p[i].len; s++) {
                assert_int_equal(g.to[p[i].edges[s]], p[i].nodes[s + 1]);
                for (uint32_t t = s + 1; t <= p[i].len; t++) assert_int_not_equal(p[i].nodes[s], p[i].nodes[t]);
            }
            for (int j = 0; j < i; j++)
                assert_false(p[j].len == p[i].len && memcmp(p[j].edges, p[i].edges, p[i].len * sizeof *p[i].edges) == 0);
        }
        for (int i = 0; i < got; i++) xg_path_free(&p[i]);
        xg_work_free(w);
        free(b);
        xg_free(&g);
    }
}

/* Does any source reach dst with the given nodes and edges removed? */
static bool reaches(const xg_graph *g, const uint32_t *src, size_t ns, uint32_t dst, const bool *dead_node, const bool *dead_edge)
{
    bool seen[16] = { 0 };
    uint32_t stack[16];
    size_t top = 0;
    for (size_t i = 0; i < ns; i++)
        if (!seen[src[i]]) { seen[src[i]] = true; stack[top++] = src[i]; }
    while (top) {
        uint32_t u = stack[--top];
        if (u == dst) return true;
        for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++) {
            uint32_t v = g->to[e];
            if (dead_edge[e] || dead_node[v] || seen[v]) continue;
            seen[v] = true;
            stack[top++] = v;
        }
    }
    return false;
}

/* The smallest number of units (bit i of a mask = unit i) that cuts, or -1. */
static int brute_cut(const xg_graph *g, const uint32_t *src, size_t ns, uint32_t dst, xg_cut_mode mode)
{
    uint32_t unit_node[64], unit_edge[64];
    int nu = 0;
    bool is_src[16] = { 0 };
    for (size_t i = 0; i < ns; i++) is_src[src[i]] = true;
    for (uint32_t u = 0; u < g->n; u++) {
        uint8_t want = mode == XG_CUT_VERTEX ? XG_NODE_VERTEX_CUT : XG_NODE_EDGE_CUT;
        if ((g->nflags[u] & want) && u != dst && !is_src[u]) { unit_node[nu] = u; unit_edge[nu++] = UINT32_MAX; }
    }
    if (mode == XG_CUT_EDGE)
        for (uint32_t e = 0; e < g->m; e++)
            if (g->eflags[e] & XG_EDGE_CUT) { unit_node[nu] = UINT32_MAX; unit_edge[nu++] = e; }
    assert_true(nu <= 24);
    bool dn[16], de[256];
    int best = -1;
    for (uint32_t mask = 0; mask < (1u << nu); mask++) {
        int bits = __builtin_popcount(mask);
        if (best >= 0 && bits >= best) continue;
        memset(dn, 0, sizeof dn);
        memset(de, 0, sizeof de);
        for (int i = 0; i < nu; i++)
            if (mask & (1u << i)) {
                if (unit_node[i] != UINT32_MAX) dn[unit_node[i]] = true;
                else de[unit_edge[i]] = true;
            }
        if (!reaches(g, src, ns, dst, dn, de)) best = bits;
    }
    return best;
}

static void check_cut(const xg_graph *g, xg_work *w, const uint32_t *src, size_t ns, uint32_t dst, xg_cut_mode mode, int round)
{
    xg_cut c;
    assert_true(xg_min_cut(w, src, ns, dst, mode, &c));
    bool none[256] = { 0 };
    bool connected = reaches(g, src, ns, dst, none, none);
    assert_int_equal(c.connected, connected);
    int want = connected ? brute_cut(g, src, ns, dst, mode) : 0;
    if (!connected) { xg_cut_free(&c); return; }
    if (want < 0) {
        if (c.finite) fail_msg("round %d: a cut of %u found where brute force finds none", round, c.n_nodes + c.n_edges);
    } else {
        if (!c.finite || (int)(c.n_nodes + c.n_edges) != want)
            fail_msg("round %d mode %d: cut of %u (finite %d), brute force %d", round, mode, c.n_nodes + c.n_edges, c.finite, want);
        /* And the cut returned really disconnects. */
        bool dn[16] = { 0 }, de[256] = { 0 };
        for (uint32_t i = 0; i < c.n_nodes; i++) dn[c.nodes[i]] = true;
        for (uint32_t i = 0; i < c.n_edges; i++) de[c.edges[i]] = true;
        assert_false(reaches(g, src, ns, dst, dn, de));
    }
    xg_cut_free(&c);
}

static void test_cuts_vs_brute_force(void **state)
{
    (void)state;
    prng r;
    prng_seed(&r, 62443);
    for (int round = 0; round < 400; round++) {
        uint32_t n = 3 + (uint32_t)prng_next(&r) % 6;
        uint8_t nf[16];
        xg_graph g;
        random_graph(&r, &g, n, nf, 0.15 + 0.2 * prng_unit(&r));
        if (g.m > 16) { xg_free(&g); continue; }      /* keeps 2^units small */
        xg_work *w = xg_work_new(&g);
        uint32_t src[2] = { 0, 1 };
        size_t ns = 1 + (round % 2);
        check_cut(&g, w, src, ns, n - 1, XG_CUT_VERTEX, round);
        check_cut(&g, w, src, ns, n - 1, XG_CUT_EDGE, round);
        xg_work_free(w);
        xg_free(&g);
    }
}

/* --- the port model: direction, services, may_write -------------------------- */

static const char model_yaml[] =
    "port: {name: Test}\n"
    "zones:\n"
    "  - {id: it, domain: it, security_level: 1, networks: [10.1.0.0/24]}\n"
    "  - {id: ot, domain: ot, security_level: 3, networks: [10.2.0.0/24]}\n"
    "  - {id: dmz, domain: it, security_level: 2, networks: [10.3.0.0/24]}\n"
    "conduits:\n"
    "  - {id: it-ot, from: it, to: ot, services: [rdp], justification: admins}\n"
    "  - {id: ot-dmz, from: ot, to: dmz, services: [syslog], justification: logs}\n"
    "assets:\n"
    "  - {id: ws, kind: workstation, zone: it, ip: 10.1.0.5}\n"
    "  - {id: hmi, kind: hmi, zone: ot, ip: 10.2.0.5}\n"
    "  - {id: plc, kind: plc, zone: ot, ip: 10.2.0.6, criticality: crown-jewel, may_write: [hmi]}\n"
    "  - {id: log, kind: server, zone: dmz, ip: 10.3.0.5}\n"
    "entry_points:\n"
    "  - {id: mail, kind: email, reaches: [it]}\n"
    "  - {id: dmzin, kind: internet, reaches: [dmz]}\n";

static port_model *load(void)
{
    diag_list d;
    diag_init(&d, "t.yaml");
    port_model *m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &d);
    assert_non_null(m);
    if (d.errors) { diag_print(&d, stderr); fail_msg("model has errors"); }
    diag_free(&d);
    return m;
}

static size_t asset_ix(const port_model *m, const char *id) { return (size_t)(model_asset_by_id(m, id) - m->assets); }

static void test_model_direction_and_services(void **state)
{
    (void)state;
    port_model *m = load();
    exposure_input in = { .m = m };
    sw_error err = { 0 };
    exposure *x = exposure_build(&in, &err);
    assert_non_null(x);
    size_t entries[] = { 0, 1 }, targets[] = { asset_ix(m, "plc") };
    exposure_report rep;
    assert_true(exposure_analyse(x, entries, 2, targets, 1, 5, &rep));
    const exposure_target_result *t = &rep.targets[0];
    assert_true(t->connected);
    /* Only from mail: the dmz conduit points away from ot. */
    for (size_t p = 0; p < t->n_paths; p++) assert_int_equal(t->path_entry[p], exposure_entry_node(x, 0));
    /* Best: mail -> [it] -> (rdp over it-ot) hmi -> (may_write, an HMI:
     * operator control) plc: 0.3 * 0.5 * 0.6. The PLC gets no rdp step: rdp
     * is no ICS service. */
    assert_true(t->n_paths >= 1);
    const xg_path *best = &t->paths[0];
    assert_true(fabs(exp(-best->cost) - 0.3 * 0.5 * 0.6) < 1e-5);
    assert_int_equal(best->nodes[best->len - 1], exposure_asset_node(x, asset_ix(m, "hmi")));
    assert_int_equal(x->g.means[best->edges[best->len - 1]], XM_ICS_OPERATOR);
    bool saw_rdp = false;
    for (uint32_t i = 0; i < best->len; i++) {
        const exposure_evidence *ev = &x->ev[x->g.evidence[best->edges[i]]];
        if (x->g.means[best->edges[i]] == XM_REMOTE_SERVICE) {
            saw_rdp = true;
            assert_string_equal(ev->service, "rdp");
            assert_string_equal(m->conduits[ev->conduit].id, "it-ot");
        }
    }
    assert_true(saw_rdp);
    /* Choke points: the hmi is the only asset between it and the plc (the
     * plc is not reachable over rdp), and the conduit it-ot is one edge unit. */
    assert_true(t->vertex_finite);
    assert_int_equal(t->n_vertex_cut, 1);
    assert_int_equal(t->vertex_cut[0].id, exposure_asset_node(x, asset_ix(m, "hmi")));
    assert_int_equal(t->vertex_cut[0].paths_cut, t->n_paths);
    assert_true(t->edge_finite);
    assert_int_equal(t->n_edge_cut, 1);
    assert_false(t->edge_cut[0].is_edge);
    assert_string_equal(exposure_node_id(x, t->edge_cut[0].id), "it-ot");
    exposure_report_free(&rep);

    /* The log server in the dmz never reaches ot: the conduit is ot -> dmz. */
    size_t from_dmz[] = { 1 };
    assert_true(exposure_analyse(x, from_dmz, 1, targets, 1, 3, &rep));
    assert_false(rep.targets[0].connected);
    assert_int_equal(rep.targets[0].n_paths, 0);
    exposure_report_free(&rep);
    exposure_free(x);
    model_free(m);
}

/* An observed flow no conduit allows is a policy-violation step; a known
 * vulnerability raises the step into its asset. */
static void test_model_observed_violation_and_vuln(void **state)
{
    (void)state;
    port_model *m = load();
    exposure_flow f[] = { {
        .src_ip = "10.3.0.5", .dst_ip = "10.2.0.6", .ip_proto = 6, .dst_port = 502, .service = "modbus",
        .flows = 7, .first_seen = 1700000000000000, .last_seen = 1700000360000000,
    } };
    exposure_vuln v[] = { { (int)asset_ix(m, "log"), "CVE-2099-0001", 0.95 } };
    exposure_input in = { .m = m, .flows = f, .n_flows = 1, .vulns = v, .n_vulns = 1 };
    sw_error err = { 0 };
    exposure *x = exposure_build(&in, &err);
    assert_non_null(x);
    size_t entries[] = { 1 }, targets[] = { asset_ix(m, "plc") };
    exposure_report rep;
    assert_true(exposure_analyse(x, entries, 1, targets, 1, 3, &rep));
    const exposure_target_result *t = &rep.targets[0];
    assert_true(t->connected);
    const xg_path *best = &t->paths[0];
    /* dmzin -> [dmz] -> log (vuln 0.95) -> plc (observed violation 0.8). */
    assert_true(fabs(exp(-best->cost) - 0.3 * 0.95 * 0.8) < 1e-5);
    uint32_t last = best->edges[best->len - 1];
    assert_int_equal(x->g.means[last], XM_OBSERVED_VIOLATION);
    assert_int_equal(x->ev[x->g.evidence[last]].flow, 0);
    assert_int_equal(x->ev[x->g.evidence[last]].conduit, -1);
    bool saw_vuln = false;
    for (uint32_t i = 0; i < best->len; i++)
        if (x->g.means[best->edges[i]] == XM_KNOWN_VULN) {
            saw_vuln = true;
            assert_string_equal(v[x->ev[x->g.evidence[best->edges[i]]].vuln].id, "CVE-2099-0001");
        }
    assert_true(saw_vuln);
    /* One choke point of each kind: the log server; and one edge, either
     * the way into the log server or the flow (the cut nearest the entry
     * point is reported: the vulnerable server's exposure in its zone). */
    assert_int_equal(t->n_vertex_cut, 1);
    assert_int_equal(t->vertex_cut[0].id, exposure_asset_node(x, asset_ix(m, "log")));
    assert_int_equal(t->n_edge_cut, 1);
    assert_true(t->edge_cut[0].is_edge);
    assert_int_equal(x->g.means[t->edge_cut[0].id], XM_KNOWN_VULN);
    assert_int_equal(t->edge_cut[0].paths_cut, t->n_paths);
    exposure_report_free(&rep);
    exposure_free(x);
    model_free(m);
}

/* --- who writes to a controller, what a host answers inside its zone --------- */

static const char zone_yaml[] =
    "port: {name: Test}\n"
    "zones:\n"
    "  - {id: ot, domain: ot, security_level: 3, networks: [10.2.0.0/24]}\n"
    "assets:\n"
    "  - {id: plc, kind: plc, zone: ot, ip: 10.2.0.6, criticality: crown-jewel, may_write: [hmi, ews-a, ews-b, srv]}\n"
    "  - {id: hmi, kind: hmi, zone: ot, ip: 10.2.0.5}\n"
    "  - {id: ews-a, kind: eng-workstation, zone: ot, ip: 10.2.0.11}\n"
    "  - {id: ews-b, kind: eng-workstation, zone: ot, ip: 10.2.0.12}\n"
    "  - {id: srv, kind: server, zone: ot, ip: 10.2.0.20}\n"
    "  - {id: cam, kind: camera, zone: ot, ip: 10.2.0.30}\n"
    "entry_points:\n"
    "  - {id: cab, kind: physical, reaches: [cam]}\n";

/* The edge from -> to (the built graph keeps one per pair), or UINT32_MAX. */
static uint32_t edge_between(const exposure *x, uint32_t from, uint32_t to)
{
    for (uint32_t e = x->g.off[from]; e < x->g.off[from + 1]; e++)
        if (x->g.to[e] == to) return e;
    return UINT32_MAX;
}

static void test_model_writers_and_in_zone_services(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d, "z.yaml");
    port_model *m = model_load_buffer(zone_yaml, sizeof zone_yaml - 1, "z.yaml", &d);
    assert_non_null(m);
    if (d.errors) { diag_print(&d, stderr); fail_msg("model has errors"); }
    diag_free(&d);
    exposure_input in = { .m = m };
    sw_error err = { 0 };
    exposure *x = exposure_build(&in, &err);
    assert_non_null(x);
    uint32_t zone = exposure_zone_node(x, 0);
    static const struct { const char *asset; exposure_means means; double p; const char *service; } in_zone[] = {
        { "plc", XM_ICS_UNAUTHORISED, 0.4, NULL },     /* no trust, no project */
        { "hmi", XM_CLEARTEXT_REMOTE, 0.7, "vnc" },
        { "ews-a", XM_REMOTE_SERVICE, 0.5, "smb" },    /* a PC runs SMB and RDP, not Telnet */
        { "srv", XM_REMOTE_SERVICE, 0.5, "smb" },
        { "cam", XM_CLEARTEXT_REMOTE, 0.7, "http" },   /* a device's web administration */
    };
    for (size_t i = 0; i < sizeof in_zone / sizeof in_zone[0]; i++) {
        uint32_t e = edge_between(x, zone, exposure_asset_node(x, asset_ix(m, in_zone[i].asset)));
        assert_true(e != UINT32_MAX);
        assert_int_equal(x->g.means[e], in_zone[i].means);
        assert_true(fabs(x->g.p[e] - in_zone[i].p) < 1e-6);
        if (in_zone[i].service) assert_string_equal(x->ev[x->g.evidence[e]].service, in_zone[i].service);
    }
    static const struct { const char *writer; exposure_means means; double p; } writers[] = {
        { "ews-a", XM_ICS_AUTHORISED, 0.9 }, { "hmi", XM_ICS_OPERATOR, 0.6 }, { "srv", XM_ICS_OPERATOR, 0.6 },
    };
    uint32_t plc = exposure_asset_node(x, asset_ix(m, "plc"));
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
        uint32_t e = edge_between(x, exposure_asset_node(x, asset_ix(m, writers[i].writer)), plc);
        assert_true(e != UINT32_MAX);
        assert_int_equal(x->g.means[e], writers[i].means);
        assert_true(fabs(x->g.p[e] - writers[i].p) < 1e-6);
    }

    /* From the camera: cab (0.2) -> cam -> [ot] -> ews-a or ews-b (smb 0.5)
     * -> plc (0.9) = 0.09, one route through two sibling workstations; then
     * hmi (vnc 0.7) -> plc (0.6) = 0.084; then the plc directly (0.4) =
     * 0.08; then srv (smb 0.5) -> plc (0.6) = 0.06. */
    size_t entries[] = { 0 }, targets[] = { asset_ix(m, "plc") };
    exposure_report rep;
    assert_true(exposure_analyse(x, entries, 1, targets, 1, 4, &rep));
    const exposure_target_result *t = &rep.targets[0];
    assert_int_equal(t->n_paths, 4);
    static const double want[] = { 0.09, 0.084, 0.08, 0.06 };
    static const char *const via[] = { "ews-", "hmi", "plc", "srv" };
    for (size_t i = 0; i < 4; i++) {
        const xg_path *p = &t->paths[i];
        assert_true(fabs(exp(-p->cost) - want[i]) < 1e-5);
        /* The first asset after the camera: the pivot, or the plc itself. */
        uint32_t pivot = plc;
        for (uint32_t j = 2; j <= p->len; j++)
            if (exposure_node_kind_of(x, p->nodes[j]) == XN_ASSET) { pivot = p->nodes[j]; break; }
        if (strncmp(exposure_node_id(x, pivot), via[i], strlen(via[i])) != 0)
            fail_msg("path %zu goes through %s, not %s", i + 1, exposure_node_id(x, pivot), via[i]);
    }
    assert_int_equal(t->path_variants[0], 1);       /* ews-a and ews-b: one route */
    assert_int_equal(t->path_variants[1], 0);
    exposure_report_free(&rep);
    exposure_free(x);
    model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_order),
        cmocka_unit_test(test_parallel_edges_merge),
        cmocka_unit_test(test_cut_known),
        cmocka_unit_test(test_k_paths_vs_brute_force),
        cmocka_unit_test(test_cuts_vs_brute_force),
        cmocka_unit_test(test_model_direction_and_services),
        cmocka_unit_test(test_model_observed_violation_and_vuln),
        cmocka_unit_test(test_model_writers_and_in_zone_services),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
