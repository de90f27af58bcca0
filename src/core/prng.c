/* prng.c - xoshiro256** by Blackman and Vigna, seeded by splitmix64. */
#include "core/prng.h"
#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void prng_seed(prng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t prng_next(prng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t prng_below(prng *r, uint64_t bound)
{
    /* Rejection sampling removes modulo bias. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do x = prng_next(r); while (x >= limit);
    return x % bound;
}

double prng_unit(prng *r) { return (double)(prng_next(r) >> 11) * 0x1.0p-53; }

double prng_exp(prng *r, double mean) { return -mean * log(1.0 - prng_unit(r)); }

prng prng_fork(prng *r, uint64_t salt)
{
    prng child;
    prng_seed(&child, prng_next(r) ^ (salt * 0x9e3779b97f4a7c15ull));
    return child;
}
