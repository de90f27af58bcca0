/* risk_plan.h - choosing the controls to buy: the set with the lowest
 * expected annual loss whose cost fits the budget. The loss of a set is
 * computed for the set as a whole (controls on the same path interact), so
 * gains are not added up. Exact by branch and bound up to exact_max
 * candidates; above, greedy by gain per cost recomputed after each pick,
 * then 1-opt (add, drop or swap one control) until nothing improves. */
#ifndef SW_RISK_PLAN_H
#define SW_RISK_PLAN_H
#include <stdbool.h>
#include <stddef.h>

/* The expected annual loss with the controls chosen[i]. Must not increase
 * when a control is added (the bound relies on it). */
typedef double (*risk_plan_eal_fn)(void *ctx, const bool *chosen);

#define RISK_PLAN_EXACT_MAX 24

typedef struct risk_plan_result {
    bool *chosen;               /* n */
    double eal_before, eal_after, cost;
    bool exact;
    size_t evaluations;
    double *alone;              /* n: EAL(none) - EAL({i}) */
    double *marginal;           /* n: for chosen i, EAL(chosen - i) - EAL(chosen); else 0 */
} risk_plan_result;

/* cost[i] > 0. False when out of memory. Ties in EAL go to the cheaper set. */
bool risk_plan_choose(size_t n, const double *cost, double budget, risk_plan_eal_fn eal, void *ctx, size_t exact_max,
                      risk_plan_result *out);
void risk_plan_result_free(risk_plan_result *r);

#endif
