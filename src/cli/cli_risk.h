/* cli_risk.h - what `seawall risk` and `seawall plan` share: the model, the
 * attack graph with its known vulnerabilities, the register and controls
 * files bound to them (ids resolved, losses from business impact), ready
 * for the pure analysis in analysis/risk*.h. */
#ifndef SW_CLI_RISK_H
#define SW_CLI_RISK_H
#include "analysis/exposure.h"
#include "analysis/risk.h"
#include "analysis/risk_load.h"
#include "analysis/risk_mc.h"
#include "analysis/risk_plan.h"
#include "cli/cli.h"
#include "cli/cli_attack.h"
#include "core/json.h"

typedef struct cli_risk_ctx {
    port_model *m;
    store *s;
    char *stored_model;
    cli_attack_input ai;
    exposure *x;
    arena mem;
    risk_register_file reg;
    control_file ctl;
    bool have_controls;
    /* the likelihood network */
    risk_net net;
    float *p_novuln;
    uint32_t *node_vuln_off, *node_vulns;
    double *vuln_p;
    /* per risk */
    risk_scen_model *sc;
    risk_range *loss;            /* money an event, as used */
    bool *flag_safety, *flag_env, *flag_reg;
    /* per candidate control */
    risk_effect *fx;
    double *cost;
} cli_risk_ctx;

/* Loads everything. The database is read when --db was given (db_given) or
 * the default one exists; the files default to risks.yaml and
 * controls.yaml beside the model; need_controls false skips the controls.
 * Prints why and returns an exit code other than EXIT_OK on failure; free
 * with cli_risk_ctx_free in any case. */
int cli_risk_ctx_load(const cli_command *cmd, cli_ctx *ctx, bool db_given, const char *model_path, const char *risks_path,
                      const char *controls_path, bool need_controls, cli_risk_ctx *r);
void cli_risk_ctx_free(cli_risk_ctx *r);

/* The simulated figures of the register with the candidate controls
 * chosen[i] bought (NULL: none): per risk, P(a threat event becomes a loss
 * event) before the controls in place, and the inherent (no controls in
 * place) and residual annual loss; and the totals, trial by trial sums. */
typedef struct cli_risk_figures {
    double *p;
    risk_stats *inherent, *residual;
    risk_stats total_inherent, total_residual;
} cli_risk_figures;

bool cli_risk_simulate(cli_risk_ctx *r, const bool *chosen, cli_risk_figures *f);
void cli_risk_figures_free(cli_risk_figures *f);
void cli_risk_stats_json(json_writer *w, const char *key, const risk_stats *st, bool curve);
/* The whole `seawall risk --json` document (wk from risk_work_new on r->net,
 * after risk_success with no controls). */
void cli_risk_report_jw(json_writer *w, cli_risk_ctx *r, const cli_risk_figures *f, risk_work *wk);
/* How many risks the residual placement or EAL puts over the appetite. */
size_t cli_risk_over_appetite(const cli_risk_ctx *r, const cli_risk_figures *f);
/* `seawall plan`: the controls to buy within budget and the simulated
 * figures before and after; false when out of memory (nothing to free). */
bool cli_plan_run(cli_risk_ctx *r, double budget, size_t exact_max, risk_plan_result *plan, cli_risk_figures *before,
                  cli_risk_figures *after);
/* The `seawall plan --json` document. */
void cli_plan_jw(json_writer *w, const cli_risk_ctx *r, double budget, const risk_plan_result *plan,
                 const cli_risk_figures *before, const cli_risk_figures *after);
#endif
