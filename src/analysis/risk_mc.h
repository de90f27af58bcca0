/* risk_mc.h - Monte Carlo of a year's loss (FAIR: loss event frequency x
 * loss magnitude): per trial, a threat event rate drawn from its range,
 * times the probability an event succeeds, gives a Poisson count of loss
 * events, each with a loss drawn from its range. Deterministic for a seed,
 * and coupled: the same seed with a lower probability never gives a higher
 * loss in any trial, so residual <= inherent trial by trial. */
#ifndef SW_RISK_MC_H
#define SW_RISK_MC_H
#include <stddef.h>
#include <stdint.h>
#include "analysis/risk_dist.h"

#define RISK_MC_MAX_TRIALS 1000000u

/* out[t] = loss of trial t, for trials t in [0, trials). */
void risk_mc_annual(const risk_range *freq, double p_success, const risk_range *loss, uint64_t seed,
                    uint32_t trials, double *out);

#define RISK_LEC_POINTS 20
typedef struct risk_lec_point { double loss, exceedance; } risk_lec_point;

typedef struct risk_stats {
    double mean, p50, p90, p99, max;
    double p_any;                  /* share of trials with a loss */
    risk_lec_point curve[RISK_LEC_POINTS];
    size_t n_curve;
} risk_stats;

/* Sorts samples in place and summarises them: nearest-rank percentiles,
 * and the loss-exceedance curve P(annual loss > x) at RISK_LEC_POINTS
 * losses spaced evenly in log between the smallest non-zero loss and the
 * largest. */
void risk_stats_of(double *samples, uint32_t n, risk_stats *out);

/* A stable 64-bit seed per scenario id, so adding a scenario never changes
 * another's draws. */
uint64_t risk_seed_for(uint64_t seed, const char *id);

#endif
