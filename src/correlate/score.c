/* score.c - one number to sort candidates by: how bad the alerts are, how
 * close to a crown jewel, what the assets at stake carry (containers per
 * hour, safety), how far along the kill chain, how many domains. 0..100;
 * docs/correlate.md "Scoring" gives the weights and why. */
#include "correlate/correlate_internal.h"

static unsigned bits(uint32_t m)
{
    unsigned n = 0;
    for (; m; m &= m - 1) n++;
    return n;
}

unsigned corr_group_score(const corr_engine *e, const struct corr_group *g)
{
    static const unsigned severity_weight[4] = { 2, 5, 9, 14 };
    unsigned sev = 0, s;
    /* each distinct rule counts once: a thousand repeats of one scan are one finding */
    for (uint32_t i = 0; i < g->n_rules; i++) sev += severity_weight[g->rule_sev[i] & 3];
    s = sev > 40 ? 40 : sev;

    if (g->crown_jewel) s += 20;
    else if (g->hops >= 0 && g->hops < 3) s += 15 - 5 * (unsigned)g->hops;

    double teu = 0;
    bool safety = false;
    for (uint32_t i = 0; e->m && i < g->n_assets; i++) {
        const model_asset *a = &e->m->assets[g->assets[i]];
        if (a->impact.teu_per_hour > teu) teu = a->impact.teu_per_hour;
        safety |= a->impact.safety;
    }
    s += teu >= 50 ? 10 : (unsigned)(teu / 5);
    if (safety) s += 10;

    unsigned t = 3 * bits(g->tactics);
    s += t > 15 ? 15 : t;
    if (g->progressed) s += 5;
    if (g->domains) s += 5 * (bits(g->domains) - 1);
    return s > 100 ? 100 : s;
}
