/* vuln_exposure.h - the vulnerability facts the attack graph's "known
 * vulnerability" hook takes (analysis/exposure.h, exposure_input.vulns):
 * one exposure_vuln per asset and remotely exploitable, certain CVE, with
 * its step probability from KEV and CVSS (vuln_step_probability). */
#ifndef SW_VULN_EXPOSURE_H
#define SW_VULN_EXPOSURE_H
#include <stddef.h>
#include "analysis/exposure.h"
#include "analysis/vuln_assess.h"

/* Fills *out (malloc'd; the ids point into a, which must outlive it) and
 * *n. kev_only keeps only KEV-listed CVEs. False when out of memory. */
bool vuln_exposure_vulns(const vuln_assessment *a, bool kev_only, exposure_vuln **out, size_t *n);

#endif
