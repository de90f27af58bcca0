/* cli_vulns.c - the imported vulnerabilities read back from the store
 * (analysis/vuln_load.h) and assessed against the port model. */
#include "cli/cli_vulns.h"

sw_code cli_vuln_assess_store(store *s, const port_model *m, vuln_loaded *d, vuln_assessment *out, sw_error *err)
{
    sw_code rc = vuln_load_store(s, d, err);
    if (rc != SW_OK) return rc;
    return vuln_assess(m, d->recs, d->first, d->n, d->kev, d->n_kev, out, err);
}
