/* risk_dist.h - the distributions the risk model draws from: a three-point
 * range read as PERT (min, most likely, max) or lognormal (min and max as
 * the 5th and 95th percentiles), and Poisson event counts by inversion so
 * that a lower rate never gives more events for the same uniform draw. */
#ifndef SW_RISK_DIST_H
#define SW_RISK_DIST_H
#include <stdbool.h>
#include <stdint.h>
#include "core/prng.h"

typedef enum { RD_PERT, RD_LOGNORMAL } risk_dist_kind;

typedef struct risk_range {
    double min, likely, max;        /* min <= likely <= max; lognormal: 0 < min < max */
    risk_dist_kind kind;
} risk_range;

/* Analytic mean: PERT (min + 4 likely + max) / 6; lognormal exp(mu + s^2/2). */
double risk_range_mean(const risk_range *r);
/* One draw. The number of uniforms used depends only on the range and the
 * stream (never on anything the caller scales afterwards). */
double risk_range_sample(const risk_range *r, prng *g);
/* lognormal parameters from the 90% interval [min, max] */
void risk_lognormal_params(double p5, double p95, double *mu, double *sigma);

double risk_normal(prng *g);                   /* standard normal, Box-Muller */
double risk_gamma(prng *g, double shape);      /* shape >= 1, Marsaglia-Tsang */
double risk_beta(prng *g, double a, double b); /* a, b >= 1 */

/* The smallest k with P(N <= k) >= u for N ~ Poisson(lambda); monotone in
 * lambda for a fixed u. lambda is capped by RISK_MAX_RATE. */
#define RISK_MAX_RATE 500.0
uint32_t risk_poisson_inv(double lambda, double u);

#endif
