/* risk_mc.c - the annual loss simulation and its summary (risk_mc.h). */
#include "analysis/risk_mc.h"
#include <math.h>
#include <stdlib.h>

void risk_mc_annual(const risk_range *freq, double p_success, const risk_range *loss, uint64_t seed,
                    uint32_t trials, double *out)
{
    prng root;
    prng_seed(&root, seed);
    for (uint32_t t = 0; t < trials; t++) {
        /* One stream for the rate and count, another for the losses, both
         * fixed by the trial number: this is what couples two runs. */
        prng rate = prng_fork(&root, 2 * (uint64_t)t + 1), mags = prng_fork(&root, 2 * (uint64_t)t + 2);
        double lambda = risk_range_sample(freq, &rate) * p_success;
        uint32_t events = risk_poisson_inv(lambda, prng_unit(&rate));
        double sum = 0;
        for (uint32_t e = 0; e < events; e++) sum += risk_range_sample(loss, &mags);
        out[t] = sum;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(const double *s, uint32_t n, double q)
{
    size_t idx = (size_t)ceil(q * n);
    if (idx < 1) idx = 1;
    if (idx > n) idx = n;
    return s[idx - 1];
}

void risk_stats_of(double *samples, uint32_t n, risk_stats *out)
{
    *out = (risk_stats){ 0 };
    if (!n) return;
    qsort(samples, n, sizeof *samples, cmp_double);
    double sum = 0;
    uint32_t first_nonzero = n;
    for (uint32_t i = 0; i < n; i++) {
        sum += samples[i];
        if (samples[i] > 0 && first_nonzero == n) first_nonzero = i;
    }
    out->mean = sum / n;
    out->p50 = pct(samples, n, 0.50);
    out->p90 = pct(samples, n, 0.90);
    out->p99 = pct(samples, n, 0.99);
    out->max = samples[n - 1];
    out->p_any = (double)(n - first_nonzero) / n;
    if (first_nonzero == n) return;
    double lo = samples[first_nonzero], hi = samples[n - 1];
    size_t pts = hi > lo ? RISK_LEC_POINTS : 1;
    uint32_t j = 0;
    for (size_t k = 0; k < pts; k++) {
        double x = pts == 1 ? lo : exp(log(lo) + (log(hi) - log(lo)) * (double)k / (double)(pts - 1));
        /* Exceedance is P(loss >= x): the first point is the chance of any loss. */
        while (j < n && samples[j] < x * (1 - 1e-12)) j++;
        out->curve[k] = (risk_lec_point){ x, (double)(n - j) / n };
    }
    out->n_curve = pts;
}

uint64_t risk_seed_for(uint64_t seed, const char *id)
{
    uint64_t h = 1469598103934665603ull;     /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) h = (h ^ *p) * 1099511628211ull;
    return seed ^ h;
}
