/* cli_attack.h - the attack graph's input read from the store: the observed
 * flows and the known, remotely exploitable vulnerabilities of the model's
 * assets, for `seawall exposure`, `seawall risk` and `seawall plan`. */
#ifndef SW_CLI_ATTACK_H
#define SW_CLI_ATTACK_H
#include "analysis/exposure.h"
#include "cli/cli_vulns.h"
#include "core/arena.h"
#include "store/store.h"

typedef struct cli_attack_input {
    arena mem;                      /* the flows' strings */
    exposure_flow *flows; size_t n_flows, cap_flows;
    bool oom;
    vuln_loaded vdata;
    vuln_assessment assessment;
    bool assessed;
    exposure_vuln *vulns; size_t n_vulns;
    exposure_input in;              /* ready for exposure_build */
} cli_attack_input;

/* s may be NULL (model alone: no flows, no vulnerabilities). Free with
 * cli_attack_input_free, also on failure. */
sw_code cli_attack_input_load(store *s, const port_model *m, cli_attack_input *a, sw_error *err);
void cli_attack_input_free(cli_attack_input *a);

#endif
