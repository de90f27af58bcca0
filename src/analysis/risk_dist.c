/* risk_dist.c - sampling PERT, lognormal and Poisson for the loss model
 * (risk_dist.h). Gamma by Marsaglia and Tsang (2000), "A simple method for
 * generating gamma variables", ACM TOMS 26(3); Beta as G(a)/(G(a)+G(b)). */
#include "analysis/risk_dist.h"
#include <math.h>

/* z for the 95th percentile of the standard normal */
#define Z95 1.6448536269514722

void risk_lognormal_params(double p5, double p95, double *mu, double *sigma)
{
    *mu = (log(p5) + log(p95)) / 2;
    *sigma = (log(p95) - log(p5)) / (2 * Z95);
}

double risk_range_mean(const risk_range *r)
{
    if (r->kind == RD_LOGNORMAL) {
        double mu, s;
        risk_lognormal_params(r->min, r->max, &mu, &s);
        return exp(mu + s * s / 2);
    }
    return (r->min + 4 * r->likely + r->max) / 6;
}

double risk_normal(prng *g)
{
    double u1 = 1.0 - prng_unit(g);      /* (0, 1]: log is finite */
    double u2 = prng_unit(g);
    return sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

double risk_gamma(prng *g, double shape)
{
    double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = risk_normal(g);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = 1.0 - prng_unit(g);
        if (u < 1 - 0.0331 * x * x * x * x) return d * v;
        if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
    }
}

double risk_beta(prng *g, double a, double b)
{
    double x = risk_gamma(g, a), y = risk_gamma(g, b);
    return x / (x + y);
}

double risk_range_sample(const risk_range *r, prng *g)
{
    if (r->kind == RD_LOGNORMAL) {
        double mu, s;
        risk_lognormal_params(r->min, r->max, &mu, &s);
        return exp(mu + s * risk_normal(g));
    }
    double span = r->max - r->min;
    if (span <= 0) return r->min;
    double a = 1 + 4 * (r->likely - r->min) / span, b = 1 + 4 * (r->max - r->likely) / span;
    return r->min + span * risk_beta(g, a, b);
}

uint32_t risk_poisson_inv(double lambda, double u)
{
    if (lambda <= 0) return 0;
    if (lambda > RISK_MAX_RATE) lambda = RISK_MAX_RATE;
    double p = exp(-lambda), cdf = p;
    uint32_t k = 0;
    /* The tail beyond lambda + 40 sqrt(lambda) + 40 is below double precision. */
    uint32_t cap = (uint32_t)(lambda + 40 * sqrt(lambda) + 40);
    while (u > cdf && k < cap) {
        k++;
        p *= lambda / k;
        cdf += p;
    }
    return k;
}
