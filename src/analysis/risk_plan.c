/* risk_plan.c - the investment choice (risk_plan.h). Branch and bound: a
 * subtree can do no better than taking every undecided control that still
 * fits on its own, since the loss never rises when a control is added; the
 * subtree is cut when even that is no better than the best set found. */
#include "analysis/risk_plan.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct planner {
    size_t n;
    const double *cost;
    double budget;
    risk_plan_eal_fn eal;
    void *ctx;
    bool *cur, *best, *probe;
    double best_eal, best_cost;
    size_t evals;
} planner;

static double eval(planner *P, const bool *set)
{
    P->evals++;
    return P->eal(P->ctx, set);
}

/* Relative tolerance for "the same loss", so floating-point noise between
 * two evaluation orders never decides a tie. */
static bool better(double eal, double cost, double best_eal, double best_cost)
{
    double tol = 1e-9 * fmax(1, fabs(best_eal));
    if (eal < best_eal - tol) return true;
    return eal <= best_eal + tol && cost < best_cost;
}

static void consider(planner *P, const bool *set, double eal, double cost)
{
    if (better(eal, cost, P->best_eal, P->best_cost)) {
        memcpy(P->best, set, P->n * sizeof *set);
        P->best_eal = eal;
        P->best_cost = cost;
    }
}

static void branch(planner *P, size_t i, double spent)
{
    if (i == P->n) return;
    /* Bound: everything undecided that fits on its own. */
    memcpy(P->probe, P->cur, P->n * sizeof *P->probe);
    bool any = false;
    for (size_t k = i; k < P->n; k++)
        if (spent + P->cost[k] <= P->budget) { P->probe[k] = true; any = true; }
    if (!any) return;
    double bound = eval(P, P->probe);
    /* Even the bound cannot lower the loss further: prune. */
    if (bound >= P->best_eal - 1e-9 * fmax(1, fabs(P->best_eal))) return;
    if (spent + P->cost[i] <= P->budget) {
        P->cur[i] = true;
        double e = eval(P, P->cur);
        consider(P, P->cur, e, spent + P->cost[i]);
        branch(P, i + 1, spent + P->cost[i]);
        P->cur[i] = false;
    }
    branch(P, i + 1, spent);
}

static double set_cost(const planner *P, const bool *set)
{
    double c = 0;
    for (size_t i = 0; i < P->n; i++)
        if (set[i]) c += P->cost[i];
    return c;
}

/* Greedy by loss reduction per unit cost, each step recomputed on the set
 * so far, then 1-opt moves until none lowers the loss. */
static void heuristic(planner *P, double eal_none)
{
    memset(P->cur, 0, P->n * sizeof *P->cur);
    double cur_eal = eal_none, spent = 0;
    for (;;) {
        size_t pick = P->n;
        double pick_ratio = 0, pick_eal = cur_eal;
        for (size_t i = 0; i < P->n; i++) {
            if (P->cur[i] || spent + P->cost[i] > P->budget) continue;
            P->cur[i] = true;
            double e = eval(P, P->cur);
            P->cur[i] = false;
            double ratio = (cur_eal - e) / P->cost[i];
            if (cur_eal - e > 1e-12 * fmax(1, cur_eal) && ratio > pick_ratio) { pick = i; pick_ratio = ratio; pick_eal = e; }
        }
        if (pick == P->n) break;
        P->cur[pick] = true;
        spent += P->cost[pick];
        cur_eal = pick_eal;
    }
    consider(P, P->cur, cur_eal, spent);
    /* 1-opt: add one, drop one, or swap one in for one out. */
    for (size_t round = 0; round < 4 * P->n + 4; round++) {
        bool improved = false;
        for (size_t out = 0; out <= P->n && !improved; out++) {
            if (out < P->n && !P->best[out]) continue;
            for (size_t in = 0; in <= P->n && !improved; in++) {
                if (in == out || (in < P->n && P->best[in])) continue;
                if (in == P->n && out == P->n) continue;
                memcpy(P->probe, P->best, P->n * sizeof *P->probe);
                if (out < P->n) P->probe[out] = false;
                if (in < P->n) P->probe[in] = true;
                double c = set_cost(P, P->probe);
                if (c > P->budget) continue;
                double e = eval(P, P->probe);
                if (better(e, c, P->best_eal, P->best_cost)) {
                    memcpy(P->cur, P->probe, P->n * sizeof *P->cur);
                    consider(P, P->cur, e, c);
                    improved = true;
                }
            }
        }
        if (!improved) break;
    }
}

bool risk_plan_choose(size_t n, const double *cost, double budget, risk_plan_eal_fn eal, void *ctx, size_t exact_max,
                      risk_plan_result *out)
{
    memset(out, 0, sizeof *out);
    planner P = { .n = n, .cost = cost, .budget = budget, .eal = eal, .ctx = ctx };
    size_t sz = (n ? n : 1);
    P.cur = calloc(sz, sizeof *P.cur);
    P.best = calloc(sz, sizeof *P.best);
    P.probe = calloc(sz, sizeof *P.probe);
    out->chosen = calloc(sz, sizeof *out->chosen);
    out->alone = calloc(sz, sizeof *out->alone);
    out->marginal = calloc(sz, sizeof *out->marginal);
    if (!P.cur || !P.best || !P.probe || !out->chosen || !out->alone || !out->marginal) {
        free(P.cur); free(P.best); free(P.probe);
        risk_plan_result_free(out);
        return false;
    }
    double none = eval(&P, P.cur);
    P.best_eal = none;
    P.best_cost = 0;
    out->exact = n <= exact_max;
    if (out->exact) branch(&P, 0, 0);
    else heuristic(&P, none);
    memcpy(out->chosen, P.best, n * sizeof *P.best);
    out->eal_before = none;
    out->eal_after = P.best_eal;
    out->cost = P.best_cost;
    /* For the board: what each control does alone, and what dropping it
     * from the chosen set would cost; neither adds up to the total when
     * controls interact. */
    for (size_t i = 0; i < n; i++) {
        memset(P.probe, 0, n * sizeof *P.probe);
        P.probe[i] = true;
        out->alone[i] = none - eval(&P, P.probe);
        if (P.best[i]) {
            memcpy(P.probe, P.best, n * sizeof *P.probe);
            P.probe[i] = false;
            out->marginal[i] = eval(&P, P.probe) - P.best_eal;
        }
    }
    out->evaluations = P.evals;
    free(P.cur);
    free(P.best);
    free(P.probe);
    return true;
}

void risk_plan_result_free(risk_plan_result *r)
{
    free(r->chosen);
    free(r->alone);
    free(r->marginal);
    memset(r, 0, sizeof *r);
}
