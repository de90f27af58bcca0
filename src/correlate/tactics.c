/* tactics.c - ATT&CK for ICS tactics in kill-chain order, and the table
 * of which tactics each technique id serves (techniques.def). */
#include <string.h>
#include "correlate/correlate.h"

static const char *const tactic_names[TACTIC__COUNT] = {
#define CORR_TACTIC(e, name) name,
#include "correlate/tactics.def"
#undef CORR_TACTIC
};

const char *corr_tactic_name(corr_tactic t)
{
    return (unsigned)t < TACTIC__COUNT ? tactic_names[t] : "?";
}

#define T(e) (1u << TACTIC_##e)
static const struct { const char *id; uint32_t tactics; } techniques[] = {
#define CORR_TECHNIQUE(id, mask) { id, mask },
#include "correlate/techniques.def"
#undef CORR_TECHNIQUE
};
#undef T

/* Sub-techniques ("T1021.001") serve their parent's tactics. The table is
 * sorted by id, so a binary search. */
uint32_t corr_technique_tactics(const char *technique)
{
    char id[8];
    size_t n = strcspn(technique, ".");
    if (n != 5) return 0;
    memcpy(id, technique, 5);
    id[5] = 0;
    size_t lo = 0, hi = sizeof techniques / sizeof techniques[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(techniques[mid].id, id);
        if (!c) return techniques[mid].tactics;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return 0;
}
