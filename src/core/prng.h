/* prng.h - deterministic pseudo-random numbers (xoshiro256**, seeded by
 * splitmix64) so the simulator gives the same bytes for the same seed on
 * every machine; never use rand() where output must be reproducible. */
#ifndef SW_PRNG_H
#define SW_PRNG_H
#include <stdint.h>

typedef struct prng { uint64_t s[4]; } prng;

void     prng_seed(prng *r, uint64_t seed);
uint64_t prng_next(prng *r);
uint64_t prng_below(prng *r, uint64_t bound);      /* uniform in [0, bound), bound > 0 */
double   prng_unit(prng *r);                       /* uniform in [0, 1) */
double   prng_exp(prng *r, double mean);           /* exponential inter-arrival */
/* A child stream, independent of the parent's later draws. */
prng     prng_fork(prng *r, uint64_t salt);

#endif
