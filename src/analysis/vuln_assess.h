/* vuln_assess.h - the vulnerabilities of each asset of a port model: the
 * records that apply (matched through vuln_match), merged per CVE across
 * sources, with CVSS, KEV status, whether an entry point reaches the asset,
 * and since when it has been open. Pure: the caller loads model and records. */
#ifndef SW_VULN_ASSESS_H
#define SW_VULN_ASSESS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis/vuln_match.h"
#include "analysis/vuln_record.h"
#include "model/model.h"

typedef struct vuln_finding {
    size_t asset;                  /* index into the model's assets */
    const char *cve_id;
    vuln_verdict verdict;          /* VM_YES or VM_POSSIBLE, the best over the sources */
    double cvss_score;             /* < 0: no source scored it */
    const char *cvss_version, *cvss_vector;
    const vuln_kev *kev;           /* NULL: not in the KEV catalog */
    int64_t published;             /* earliest publication over the sources, unix seconds; 0 unknown */
    int64_t first_imported;        /* earliest import, unix seconds */
    const char *sources;           /* "cve5,nvd,csaf" as they matched */
    const char *advisories;        /* CSAF tracking ids, comma-separated; "" none */
    const char *title;
    bool reachable;                /* an entry point reaches the asset (vuln_reachable_assets) */
} vuln_finding;

typedef struct vuln_assessment {
    vuln_finding *items;           /* by asset (model order), then CVE id */
    size_t n;
    bool *reachable;               /* per model asset */
    size_t n_unkeyed;              /* records tried on every asset (wildcard vendor/product) */
    arena mem;
} vuln_assessment;

/* first_imported[i] is when records[i] was first imported (unix seconds,
 * may be NULL); kev is sorted by cve_id. */
sw_code vuln_assess(const port_model *m, const vuln_record *records, const int64_t *first_imported, size_t n,
                    const vuln_kev *kev, size_t n_kev, vuln_assessment *out, sw_error *err);
void vuln_assessment_free(vuln_assessment *a);

/* Which assets an attacker can reach from some entry point, by the model
 * alone: an entry point's `reaches` (zones, or assets and so their zones),
 * then conduits from zone to zone (both ways when bidirectional). Observed
 * flows are not used here; `seawall exposure` has the full graph.
 * Returns a malloc'd array of m->n_assets flags, or NULL when out of memory. */
bool *vuln_reachable_assets(const port_model *m);

/* A finding's likelihood as an attack step, for the exposure graph's
 * "known vulnerability" means: 0 when it is not a remote step (CVSS
 * vector AV:L/AV:P) or only possible; KEV 0.95; CVSS >= 9 0.8, >= 7 0.6,
 * else 0.4; no CVSS 0.5. */
double vuln_step_probability(const vuln_finding *f);

#endif
