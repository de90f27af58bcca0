/* cli_vulns.h - the imported vulnerability records and KEV entries read
 * back from the store (vuln_load.h) and matched against a port model, for
 * the commands that use them (exposure, risk, plan). */
#ifndef SW_CLI_VULNS_H
#define SW_CLI_VULNS_H
#include "analysis/vuln_assess.h"
#include "analysis/vuln_load.h"
#include "core/arena.h"
#include "core/json.h"
#include "store/store.h"

/* Loads and assesses: the findings for m, which reference d (keep d until
 * vuln_assessment_free). */
sw_code cli_vuln_assess_store(store *s, const port_model *m, vuln_loaded *d, vuln_assessment *out, sw_error *err);

/* One finding as `seawall vulns --json` writes it; now in unix seconds (days open). */
void cli_vuln_finding_jw(json_writer *w, const port_model *m, const vuln_finding *f, int64_t now);

#endif
