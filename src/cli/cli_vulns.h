/* cli_vulns.h - the imported vulnerability records and KEV entries read
 * back from the store and matched against a port model, for the commands
 * that use them (vulns, exposure, risk, plan). */
#ifndef SW_CLI_VULNS_H
#define SW_CLI_VULNS_H
#include "analysis/vuln_assess.h"
#include "core/arena.h"
#include "store/store.h"

typedef struct cli_vuln_data {
    arena mem;
    vuln_record *recs; int64_t *first; size_t n, cap;
    vuln_kev *kev; size_t n_kev, cap_kev;
    sw_code rc;
    sw_error err;
} cli_vuln_data;

/* Reads every record and KEV entry into d (free with cli_vuln_data_free,
 * also on failure). */
sw_code cli_vuln_data_load(store *s, cli_vuln_data *d, sw_error *err);
void cli_vuln_data_free(cli_vuln_data *d);

/* Loads and assesses: the findings for m, which reference d (keep d until
 * vuln_assessment_free). */
sw_code cli_vuln_assess_store(store *s, const port_model *m, cli_vuln_data *d, vuln_assessment *out, sw_error *err);

#endif
