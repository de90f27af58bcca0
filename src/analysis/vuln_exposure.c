/* vuln_exposure.c - assessment findings as exposure_vuln hooks (vuln_exposure.h). */
#include "analysis/vuln_exposure.h"
#include <stdlib.h>

bool vuln_exposure_vulns(const vuln_assessment *a, bool kev_only, exposure_vuln **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!a->n) return true;
    exposure_vuln *v = malloc(a->n * sizeof *v);
    if (!v) return false;
    size_t k = 0;
    for (size_t i = 0; i < a->n; i++) {
        const vuln_finding *f = &a->items[i];
        double p = vuln_step_probability(f);
        if (p <= 0 || (kev_only && !f->kev)) continue;
        v[k++] = (exposure_vuln){ (int)f->asset, f->cve_id, p };
    }
    *out = v;
    *n = k;
    return true;
}
