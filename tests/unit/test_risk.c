/* test_risk.c - the risk arithmetic with known answers: Monte Carlo means
 * and percentiles against analytic values for a fixed seed, coupling
 * (residual <= inherent trial by trial), 5x5 placement, best-path
 * likelihood under controls, and the investment choice against brute force
 * over all subsets on random small cases with interacting controls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/risk.h"
#include "analysis/risk_mc.h"
#include "analysis/risk_plan.h"
#include "core/prng.h"

#define N_TRIALS 200000u

static void test_pert_mean(void **state)
{
    (void)state;
    risk_range r = { 10, 20, 60, RD_PERT };
    assert_true(fabs(risk_range_mean(&r) - (10 + 80 + 60) / 6.0) < 1e-12);
    prng g;
    prng_seed(&g, 42);
    double sum = 0, lo = INFINITY, hi = -INFINITY;
    for (uint32_t i = 0; i < N_TRIALS; i++) {
        double x = risk_range_sample(&r, &g);
        sum += x;
        lo = fmin(lo, x);
        hi = fmax(hi, x);
    }
    /* sd of PERT(10,20,60) is about 8.5: the mean's standard error at
     * 200k draws is about 0.02; 0.1 is five of them. */
    assert_true(fabs(sum / N_TRIALS - 25.0) < 0.1);
    assert_true(lo >= 10 && hi <= 60);
}

static void test_lognormal(void **state)
{
    (void)state;
    risk_range r = { 1000, 0, 100000, RD_LOGNORMAL };
    double mu, s;
    risk_lognormal_params(1000, 100000, &mu, &s);
    double mean = exp(mu + s * s / 2);
    assert_true(fabs(risk_range_mean(&r) - mean) < 1e-6);
    prng g;
    prng_seed(&g, 7);
    double *x = malloc(N_TRIALS * sizeof *x);
    for (uint32_t i = 0; i < N_TRIALS; i++) x[i] = risk_range_sample(&r, &g);
    risk_stats st;
    risk_stats_of(x, N_TRIALS, &st);
    /* median exp(mu) = 10000; P95 = 100000 */
    assert_true(fabs(st.p50 / 10000 - 1) < 0.02);
    assert_true(fabs(x[(size_t)(0.95 * N_TRIALS)] / 100000 - 1) < 0.05);
    assert_true(fabs(st.mean / mean - 1) < 0.03);
    free(x);
}

static void test_poisson_inversion(void **state)
{
    (void)state;
    assert_int_equal(risk_poisson_inv(0, 0.99), 0);
    assert_int_equal(risk_poisson_inv(1, exp(-1.0) * 0.999), 0);
    assert_int_equal(risk_poisson_inv(1, exp(-1.0) * 1.001), 1);
    prng g;
    prng_seed(&g, 3);
    double sum = 0;
    for (uint32_t i = 0; i < N_TRIALS; i++) sum += risk_poisson_inv(3.5, prng_unit(&g));
    assert_true(fabs(sum / N_TRIALS - 3.5) < 0.03);
    for (double u = 0.01; u < 1; u += 0.01) assert_true(risk_poisson_inv(2, u) <= risk_poisson_inv(2.5, u));
}

/* Compound Poisson: E[annual] = E[rate] x p x E[loss]. */
static void test_mc_annual_mean_and_coupling(void **state)
{
    (void)state;
    risk_range f = { 1, 2, 6, RD_PERT }, l = { 1000, 5000, 30000, RD_PERT };
    double *a = malloc(N_TRIALS * sizeof *a), *b = malloc(N_TRIALS * sizeof *b);
    risk_mc_annual(&f, 0.5, &l, 99, N_TRIALS, a);
    risk_mc_annual(&f, 0.2, &l, 99, N_TRIALS, b);
    for (uint32_t i = 0; i < N_TRIALS; i++) assert_true(b[i] <= a[i]);
    double *a2 = malloc(N_TRIALS * sizeof *a2);
    risk_mc_annual(&f, 0.5, &l, 99, N_TRIALS, a2);
    assert_memory_equal(a, a2, N_TRIALS * sizeof *a);
    risk_stats st;
    risk_stats_of(a, N_TRIALS, &st);
    double want = risk_range_mean(&f) * 0.5 * risk_range_mean(&l);
    assert_true(fabs(st.mean / want - 1) < 0.02);
    assert_true(st.p50 <= st.p90 && st.p90 <= st.p99 && st.p99 <= st.max);
    /* P(no event) = E[exp(-0.5 rate)]; with the rate near 2.5 about 0.3 */
    assert_true(st.p_any > 0.55 && st.p_any < 0.8);
    assert_true(st.n_curve == RISK_LEC_POINTS);
    for (size_t k = 1; k < st.n_curve; k++) {
        assert_true(st.curve[k].loss > st.curve[k - 1].loss);
        assert_true(st.curve[k].exceedance <= st.curve[k - 1].exceedance);
    }
    assert_true(fabs(st.curve[0].exceedance - st.p_any) < 1e-12);
    free(a); free(b); free(a2);
}

static void test_matrix(void **state)
{
    (void)state;
    risk_matrix mx;
    risk_matrix_default(&mx);
    assert_int_equal(risk_band(mx.likelihood_bounds, 0.01), 1);
    assert_int_equal(risk_band(mx.likelihood_bounds, 0.05), 2);
    assert_int_equal(risk_band(mx.likelihood_bounds, 0.5), 3);
    assert_int_equal(risk_band(mx.likelihood_bounds, 1), 4);
    assert_int_equal(risk_band(mx.likelihood_bounds, 50), 5);
    assert_int_equal(risk_band(mx.impact_bounds, 99999), 1);
    assert_int_equal(risk_band(mx.impact_bounds, 2e6), 3);
    assert_int_equal(risk_matrix_level(&mx, 1, 1), RISK_LOW);
    assert_int_equal(risk_matrix_level(&mx, 2, 2), RISK_LOW);      /* 4 */
    assert_int_equal(risk_matrix_level(&mx, 3, 3), RISK_MEDIUM);   /* 9 */
    assert_int_equal(risk_matrix_level(&mx, 5, 3), RISK_HIGH);     /* 15 */
    assert_int_equal(risk_matrix_level(&mx, 4, 4), RISK_CRITICAL); /* 16 */
    assert_int_equal(risk_matrix_level(&mx, 5, 5), RISK_CRITICAL);
    mx.level[0][4] = RISK_HIGH;
    assert_int_equal(risk_matrix_level(&mx, 1, 5), RISK_HIGH);
    assert_int_equal(risk_level_by_name("high"), RISK_HIGH);
    assert_int_equal(risk_level_by_name("severe"), -1);
}

/* --- likelihood network and plan ---------------------------------------- */

typedef struct tnet {
    risk_net net;
    uint32_t off[17], to[64];
    float p[64], p0[64];
    uint32_t vo[17], vl[16];
    double vp[16];
} tnet;

/* Two routes 0 -> 1 -> 3 and 0 -> 2 -> 3; node 3 has a vulnerability that
 * raised both steps into it from 0.3 to 0.9. */
static void diamond(tnet *t)
{
    memset(t, 0, sizeof *t);
    uint32_t off[] = { 0, 2, 3, 4, 4 }, to[] = { 1, 2, 3, 3 };
    float p[] = { 0.8f, 0.5f, 0.9f, 0.9f }, p0[] = { 0.8f, 0.5f, 0.3f, 0.3f };
    memcpy(t->off, off, sizeof off); memcpy(t->to, to, sizeof to);
    memcpy(t->p, p, sizeof p); memcpy(t->p0, p0, sizeof p0);
    uint32_t vo[] = { 0, 0, 0, 0, 1 };
    memcpy(t->vo, vo, sizeof vo);
    t->vl[0] = 0;
    t->vp[0] = 0.9;
    t->net = (risk_net){ 4, 4, t->off, t->to, t->p, t->p0, t->vo, t->vl, t->vp, 1 };
}

static void test_likelihood_controls(void **state)
{
    (void)state;
    tnet t;
    diamond(&t);
    uint32_t src = 0;
    risk_scen_model sc = { &src, 1, 3, 0, 0.5, 2, 1000 };
    uint32_t n1 = 1, n2 = 2, v0 = 0;
    risk_effect fx[3] = {
        { .nodes = &n1, .n_nodes = 1, .node_factor = 0 },      /* cut route via 1 */
        { .nodes = &n2, .n_nodes = 1, .node_factor = 0 },      /* cut route via 2 */
        { .vulns = &v0, .n_vulns = 1 },                        /* patch */
    };
    risk_work *w = risk_work_new(&t.net, 1);
    double p;
    risk_success(w, &sc, 1, fx, 3, NULL, &p);
    assert_true(fabs(p - 0.8 * 0.9) < 1e-6);
    uint32_t edges[8];
    bool by_vuln[8];
    assert_int_equal(risk_best_path(w, &sc, edges, 8, by_vuln), 2);
    assert_int_equal(edges[0], 0);   /* 0 -> 1 */
    assert_int_equal(edges[1], 2);   /* 1 -> 3, through the vulnerability */
    assert_false(by_vuln[0]);
    assert_true(by_vuln[1]);
    bool c[3] = { true, false, false };
    risk_success(w, &sc, 1, fx, 3, c, &p);
    assert_true(fabs(p - 0.5 * 0.9) < 1e-6);
    c[1] = true;
    risk_success(w, &sc, 1, fx, 3, c, &p);
    assert_true(p == 0);
    bool patch[3] = { false, false, true };
    risk_success(w, &sc, 1, fx, 3, patch, &p);
    assert_true(fabs(p - 0.8 * 0.3) < 1e-6);
    assert_int_equal(risk_best_path(w, &sc, edges, 8, by_vuln), 2);
    assert_false(by_vuln[1]);        /* patched: the step is its own means */
    assert_int_equal(risk_best_path(w, &sc, edges, 1, by_vuln), 0);   /* longer than cap */
    double eal = risk_eal(w, &sc, 1, fx, 3, patch, NULL);
    assert_true(fabs(eal - 2 * 0.24 * 0.5 * 1000) < 1e-3);
    risk_work_free(w);
}

typedef struct plan_case {
    risk_work *w;
    risk_scen_model *sc; size_t n_sc;
    risk_effect *fx; size_t n_fx;
} plan_case;

static double case_eal(void *ctx, const bool *chosen)
{
    plan_case *c = ctx;
    return risk_eal(c->w, c->sc, c->n_sc, c->fx, c->n_fx, chosen, NULL);
}

/* Random layered graphs of 14 nodes, 3 scenarios, up to 12 controls that
 * harden random nodes (so they share paths: interactions), patch the one
 * vulnerability, or lower a scenario directly. */
static void test_plan_vs_brute_force(void **state)
{
    (void)state;
    prng g;
    prng_seed(&g, 2026);
    size_t heuristic_hits = 0, cases = 0;
    for (int round = 0; round < 60; round++) {
        tnet t;
        memset(&t, 0, sizeof t);
        uint32_t n = 14, m = 0;
        for (uint32_t u = 0; u < n; u++) {
            t.off[u] = m;
            for (uint32_t v = u + 1; v < n && m < 60; v++)
                if (prng_unit(&g) < 0.3) {
                    t.to[m] = v;
                    t.p[m] = (float)(0.2 + 0.8 * prng_unit(&g));
                    t.p0[m] = t.p[m];
                    if (v == n - 1 && prng_unit(&g) < 0.5) t.p0[m] = t.p[m] * 0.3f;
                    m++;
                }
        }
        t.off[n] = m;
        for (uint32_t v = 0; v <= n; v++) t.vo[v] = v == n ? 1 : 0;
        t.vl[0] = 0;
        t.vp[0] = 0.95;
        t.net = (risk_net){ n, m, t.off, t.to, t.p, t.p0, t.vo, t.vl, t.vp, 1 };
        uint32_t srcs[3] = { 0, 1, 2 };
        risk_scen_model sc[3];
        for (int s = 0; s < 3; s++)
            sc[s] = (risk_scen_model){ &srcs[s], 1, (uint32_t)(n - 1 - (s == 2)), 0, 0.3 + 0.7 * prng_unit(&g),
                                       0.5 + 5 * prng_unit(&g), 1e4 + 1e6 * prng_unit(&g) };
        size_t n_fx = 1 + prng_below(&g, 12);
        risk_effect fx[12];
        uint32_t nodes[12][3], vul = 0, sidx[12];
        double sf[12], cost[12], total = 0;
        for (size_t c = 0; c < n_fx; c++) {
            memset(&fx[c], 0, sizeof fx[c]);
            uint64_t kind = prng_below(&g, 4);
            if (kind <= 1) {
                size_t k = 1 + prng_below(&g, 3);
                for (size_t i = 0; i < k; i++) nodes[c][i] = 1 + (uint32_t)prng_below(&g, n - 1);
                fx[c].nodes = nodes[c];
                fx[c].n_nodes = k;
                fx[c].node_factor = kind == 0 ? 0 : 0.1 + 0.5 * prng_unit(&g);
            } else if (kind == 2) {
                fx[c].vulns = &vul;
                fx[c].n_vulns = 1;
            } else {
                sidx[c] = (uint32_t)prng_below(&g, 3);
                sf[c] = prng_unit(&g);
                fx[c].scen = &sidx[c];
                fx[c].scen_factor = &sf[c];
                fx[c].n_scen = 1;
            }
            cost[c] = 1 + (double)prng_below(&g, 100);
            total += cost[c];
        }
        double budget = total * (0.2 + 0.5 * prng_unit(&g));
        risk_work *w = risk_work_new(&t.net, 3);
        plan_case pc = { w, sc, 3, fx, n_fx };
        /* brute force */
        double best = INFINITY;
        bool set[12];
        for (uint32_t mask = 0; mask < (1u << n_fx); mask++) {
            double c = 0;
            for (size_t i = 0; i < n_fx; i++) { set[i] = mask >> i & 1; c += set[i] ? cost[i] : 0; }
            if (c > budget) continue;
            double e = case_eal(&pc, set);
            if (e < best) best = e;
        }
        risk_plan_result exact, heur;
        assert_true(risk_plan_choose(n_fx, cost, budget, case_eal, &pc, RISK_PLAN_EXACT_MAX, &exact));
        assert_true(exact.exact);
        assert_true(exact.cost <= budget);
        assert_true(fabs(exact.eal_after - best) <= 1e-9 * fmax(1, best));
        assert_true(fabs(case_eal(&pc, exact.chosen) - exact.eal_after) <= 1e-9 * fmax(1, best));
        /* the heuristic is feasible, never worse than nothing, and stated
         * as such: count how often it finds the optimum */
        assert_true(risk_plan_choose(n_fx, cost, budget, case_eal, &pc, 0, &heur));
        assert_false(heur.exact);
        assert_true(heur.cost <= budget);
        assert_true(heur.eal_after <= heur.eal_before + 1e-9);
        assert_true(heur.eal_after >= best - 1e-9 * fmax(1, best));
        heuristic_hits += fabs(heur.eal_after - best) <= 1e-9 * fmax(1, best);
        cases++;
        risk_plan_result_free(&exact);
        risk_plan_result_free(&heur);
        risk_work_free(w);
    }
    assert_true(heuristic_hits * 10 >= cases * 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pert_mean),
        cmocka_unit_test(test_lognormal),
        cmocka_unit_test(test_poisson_inversion),
        cmocka_unit_test(test_mc_annual_mean_and_coupling),
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_likelihood_controls),
        cmocka_unit_test(test_plan_vs_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
