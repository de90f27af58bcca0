/* web_api_risk.c - the risk register and the investment plan:
 * GET /api/v1/risks (seawall risk --json) and GET /api/v1/plan?budget=
 * (seawall plan --json), loaded and simulated by the same cli_risk code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_risk.h"
#include "web/web_api.h"

extern const cli_command cmd_risk, cmd_plan;

#define WEB_RISK_MAX_TRIALS 100000   /* a request may not ask for a CLI-sized million trials */

/* Loads model, attack graph and register (and controls); false after answering. */
static bool load(web_call *c, const cli_command *cmd, bool controls, cli_risk_ctx *r)
{
    if (!web_require_model(c)) return false;
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    int rc = cli_risk_ctx_load(cmd, &ctx, true, NULL, NULL, NULL, controls, r);
    if (rc == EXIT_OK) return true;
    cli_risk_ctx_free(r);
    if (rc == EXIT_USAGE) web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
    else
        web_fail(c, 503, "analysis_unavailable", "the model, the risk register%s could not be loaded (the server's log says why)",
                 controls ? " or the candidate controls" : "");
    return false;
}

bool web_risk_totals(web_call *c, web_risk_summary *out)
{
    memset(out, 0, sizeof *out);
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    cli_risk_ctx r;
    if (cli_risk_ctx_load(&cmd_risk, &ctx, true, NULL, NULL, NULL, false, &r) != EXIT_OK) {
        cli_risk_ctx_free(&r);
        return false;
    }
    if (r.reg.trials > WEB_RISK_MAX_TRIALS) r.reg.trials = WEB_RISK_MAX_TRIALS;
    cli_risk_figures f;
    bool ok = cli_risk_simulate(&r, NULL, &f);
    if (ok) {
        out->inherent_eal = f.total_inherent.mean;
        out->residual_eal = f.total_residual.mean;
        out->above_appetite = cli_risk_over_appetite(&r, &f);
        out->risks = r.reg.n_risks;
        const char *cur = r.reg.currency ? r.reg.currency : r.m->port.currency;
        snprintf(out->currency, sizeof out->currency, "%s", cur ? cur : "");
        cli_risk_figures_free(&f);
    }
    cli_risk_ctx_free(&r);
    return ok;
}

void web_h_risks(web_call *c)
{
    double seed = 0, trials = 0;
    bool has_seed, has_trials;
    if (!web_param_number(c, "seed", 0, 9007199254740991.0, true, &seed, &has_seed) ||
        !web_param_number(c, "trials", 100, WEB_RISK_MAX_TRIALS, true, &trials, &has_trials))
        return;
    cli_risk_ctx r;
    if (!load(c, &cmd_risk, false, &r)) return;
    if (has_seed) r.reg.seed = (uint64_t)seed;
    if (has_trials) r.reg.trials = (uint32_t)trials;
    if (r.reg.trials > WEB_RISK_MAX_TRIALS) r.reg.trials = WEB_RISK_MAX_TRIALS;
    cli_risk_figures f;
    risk_work *wk = NULL;
    double *p_none = NULL;
    if (!cli_risk_simulate(&r, NULL, &f)) {
        cli_risk_ctx_free(&r);
        return web_fail(c, 503, "busy", "out of memory simulating the register");
    }
    wk = risk_work_new(&r.net, r.reg.n_risks);
    p_none = calloc(r.reg.n_risks + 1, sizeof *p_none);
    if (wk && p_none) {
        risk_success(wk, r.sc, r.reg.n_risks, NULL, 0, NULL, p_none);
        json_writer w;
        cli_risk_report_jw(web_json(c, 200, &w), &r, &f, wk);
    } else {
        web_fail(c, 503, "busy", "out of memory");
    }
    free(p_none);
    risk_work_free(wk);
    cli_risk_figures_free(&f);
    cli_risk_ctx_free(&r);
}

void web_h_plan(web_call *c)
{
    double budget = 0, exact = RISK_PLAN_EXACT_MAX;
    bool has_budget, has_exact;
    if (!web_param_number(c, "budget", 0, 1e13, false, &budget, &has_budget) ||
        !web_param_number(c, "exact_max", 0, 30, true, &exact, &has_exact))
        return;
    if (!has_budget) return web_fail(c, 400, "bad_parameter", "budget is required: the amount of money to spend");
    cli_risk_ctx r;
    if (!load(c, &cmd_plan, true, &r)) return;
    if (r.reg.trials > WEB_RISK_MAX_TRIALS) r.reg.trials = WEB_RISK_MAX_TRIALS;
    risk_plan_result plan;
    cli_risk_figures before, after;
    if (!cli_plan_run(&r, budget, (size_t)exact, &plan, &before, &after)) {
        cli_risk_ctx_free(&r);
        return web_fail(c, 503, "busy", "out of memory choosing the plan");
    }
    json_writer w;
    cli_plan_jw(web_json(c, 200, &w), &r, budget, &plan, &before, &after);
    risk_plan_result_free(&plan);
    cli_risk_figures_free(&before);
    cli_risk_figures_free(&after);
    cli_risk_ctx_free(&r);
}
