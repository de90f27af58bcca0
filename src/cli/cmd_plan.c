/* cmd_plan.c - `seawall plan --budget AMOUNT`: which candidate controls to
 * buy to lower the port's expected annual loss the most within a budget,
 * with the before and after figures and what each control contributes. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/risk_plan.h"
#include "cli/cli.h"
#include "cli/cli_risk.h"
#include "core/strbuf.h"

enum { OPT_MODEL = 1, OPT_RISKS, OPT_CONTROLS, OPT_BUDGET, OPT_EXACT_MAX };

typedef struct plan_eval { cli_risk_ctx *r; risk_work *w; } plan_eval;

/* The objective: residual EAL analytically (mean rate x P x in place x
 * mean loss), exact and cheap, so thousands of sets can be compared; the
 * chosen set is then simulated for the board's percentiles. */
static double plan_eal(void *ctx, const bool *chosen)
{
    plan_eval *pe = ctx;
    return risk_eal(pe->w, pe->r->sc, pe->r->reg.n_risks, pe->r->fx, pe->r->ctl.n, chosen, NULL);
}

static void money(char *buf, size_t n, double v)
{
    if (fabs(v) >= 1e6) snprintf(buf, n, "%.2fM", v / 1e6);
    else if (fabs(v) >= 1e3) snprintf(buf, n, "%.0fk", v / 1e3);
    else snprintf(buf, n, "%.0f", v);
}

void cli_plan_jw(json_writer *w, const cli_risk_ctx *r, double budget, const risk_plan_result *plan,
                 const cli_risk_figures *before, const cli_risk_figures *after)
{
    const char *cur = r->reg.currency ? r->reg.currency : r->m->port.currency ? r->m->port.currency : "";
    jw_object_begin(w);
    jw_kv_string(w, "currency", cur);
    jw_kv_double(w, "budget", budget, 2);
    jw_kv_double(w, "cost", plan->cost, 2);
    jw_kv_string(w, "method", plan->exact ? "exact (branch and bound over sets)" : "greedy by gain per cost, then 1-opt");
    jw_kv_bool(w, "exact", plan->exact);
    jw_kv_uint(w, "sets_evaluated", plan->evaluations);
    jw_key(w, "eal_analytic");
    jw_object_begin(w);
    jw_kv_double(w, "before", plan->eal_before, 2);
    jw_kv_double(w, "after", plan->eal_after, 2);
    jw_kv_double(w, "reduction", plan->eal_before - plan->eal_after, 2);
    jw_object_end(w);
    jw_key(w, "before");
    jw_object_begin(w);
    cli_risk_stats_json(w, "residual_loss", &before->total_residual, true);
    jw_object_end(w);
    jw_key(w, "after");
    jw_object_begin(w);
    cli_risk_stats_json(w, "residual_loss", &after->total_residual, true);
    jw_object_end(w);
    jw_key(w, "controls");
    jw_array_begin(w);
    for (size_t i = 0; i < r->ctl.n; i++) {
        const control_def *c = &r->ctl.controls[i];
        jw_object_begin(w);
        jw_kv_string(w, "id", c->id);
        jw_kv_string(w, "title", c->title);
        jw_kv_double(w, "cost", r->cost[i], 2);
        jw_kv_bool(w, "chosen", plan->chosen[i]);
        jw_kv_double(w, "eal_reduction_alone", plan->alone[i], 2);
        if (plan->chosen[i]) jw_kv_double(w, "eal_reduction_marginal", plan->marginal[i], 2);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "risks");
    jw_array_begin(w);
    for (size_t i = 0; i < r->reg.n_risks; i++) {
        jw_object_begin(w);
        jw_kv_string(w, "id", r->reg.risks[i].id);
        jw_kv_double(w, "p_success_before", before->p[i], 6);
        jw_kv_double(w, "p_success_after", after->p[i], 6);
        jw_kv_double(w, "eal_before", before->residual[i].mean, 2);
        jw_kv_double(w, "eal_after", after->residual[i].mean, 2);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

bool cli_plan_run(cli_risk_ctx *r, double budget, size_t exact_max, risk_plan_result *plan, cli_risk_figures *before,
                  cli_risk_figures *after)
{
    plan_eval pe = { r, risk_work_new(&r->net, r->reg.n_risks) };
    bool ok = pe.w && risk_plan_choose(r->ctl.n, r->cost, budget, plan_eal, &pe, exact_max, plan);
    risk_work_free(pe.w);
    if (!ok) return false;
    if (!cli_risk_simulate(r, NULL, before)) { risk_plan_result_free(plan); return false; }
    if (!cli_risk_simulate(r, plan->chosen, after)) {
        risk_plan_result_free(plan);
        cli_risk_figures_free(before);
        return false;
    }
    return true;
}

static int run_plan(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "model", required_argument, NULL, OPT_MODEL },
        { "risks", required_argument, NULL, OPT_RISKS },
        { "controls", required_argument, NULL, OPT_CONTROLS },
        { "budget", required_argument, NULL, OPT_BUDGET },
        { "exact-max", required_argument, NULL, OPT_EXACT_MAX },
        { NULL, 0, NULL, 0 },
    };
    const char *model_path = NULL, *risks = NULL, *controls = NULL;
    double budget = -1;
    long exact_max = RISK_PLAN_EXACT_MAX;
    bool db_given = false;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (c < 0) return rc;
        if (c > 0) { db_given |= opt == CLI_OPT_DB; continue; }
        char *end;
        errno = 0;
        switch (opt) {
        case OPT_MODEL: model_path = optarg; break;
        case OPT_RISKS: risks = optarg; break;
        case OPT_CONTROLS: controls = optarg; break;
        case OPT_BUDGET:
            budget = strtod(optarg, &end);
            if (errno || *end || end == optarg || !isfinite(budget) || budget < 0 || budget > 1e13)
                return cli_usage_error(cmd, "--budget must be an amount of money from 0, not '%s'", optarg);
            break;
        case OPT_EXACT_MAX:
            exact_max = strtol(optarg, &end, 10);
            if (errno || *end || exact_max < 0 || exact_max > 30)
                return cli_usage_error(cmd, "--exact-max must be a number from 0 to 30, not '%s'", optarg);
            break;
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (budget < 0) return cli_usage_error(cmd, "give the budget with --budget AMOUNT");

    cli_risk_ctx r;
    rc = cli_risk_ctx_load(cmd, ctx, db_given, model_path, risks, controls, true, &r);
    if (rc != EXIT_OK) { cli_risk_ctx_free(&r); return rc; }
    risk_plan_result plan;
    cli_risk_figures before, after;
    if (!cli_plan_run(&r, budget, (size_t)exact_max, &plan, &before, &after)) {
        fprintf(stderr, "seawall plan: out of memory\n");
        cli_risk_ctx_free(&r);
        return EXIT_INPUT;
    }
    const char *cur = r.reg.currency ? r.reg.currency : r.m->port.currency ? r.m->port.currency : "";
    size_t n_chosen = 0;
    for (size_t i = 0; i < r.ctl.n; i++) n_chosen += plan.chosen[i];
    if (ctx->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        cli_plan_jw(&w, &r, budget, &plan, &before, &after);
        fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
        putchar('\n');
        strbuf_free(&sb);
    } else {
        char b[24], c[24], e0[24], e1[24], p0[24], p1[24];
        money(b, sizeof b, budget);
        money(c, sizeof c, plan.cost);
        money(e0, sizeof e0, before.total_residual.mean);
        money(e1, sizeof e1, after.total_residual.mean);
        money(p0, sizeof p0, before.total_residual.p90);
        money(p1, sizeof p1, after.total_residual.p90);
        printf("Investment plan for %s: budget %s %s, %zu of %zu controls chosen for %s %s (%s, %zu sets evaluated)\n\n",
               r.m->port.name ? r.m->port.name : "the port", b, cur, n_chosen, r.ctl.n, c, cur,
               plan.exact ? "exact: branch and bound" : "greedy by gain per cost, then 1-opt", plan.evaluations);
        static const char *const headers[] = { "CONTROL", "COST", "CHOSEN", "EAL CUT ALONE", "EAL CUT IN PLAN", "TITLE" };
        cli_table t;
        cli_table_init(&t, 6, headers);
        for (size_t i = 0; i < r.ctl.n; i++) {
            char cost[24], alone[24], marg[24] = "-";
            money(cost, sizeof cost, r.cost[i]);
            money(alone, sizeof alone, plan.alone[i]);
            if (plan.chosen[i]) money(marg, sizeof marg, plan.marginal[i]);
            const char *cells[] = { r.ctl.controls[i].id, cost, plan.chosen[i] ? "yes" : "no", alone, marg, r.ctl.controls[i].title };
            cli_table_row(&t, cells);
        }
        cli_table_print(&t, stdout);
        cli_table_free(&t);
        printf("\nExpected annual loss: %s -> %s %s; P90 of a year's loss: %s -> %s.\n"
               "\"EAL cut in plan\" is what dropping the control from the plan would give back;\n"
               "controls on the same paths overlap, so the cuts do not add up. Method: docs/risk.md.\n",
               e0, e1, cur, p0, p1);
    }
    risk_plan_result_free(&plan);
    cli_risk_figures_free(&before);
    cli_risk_figures_free(&after);
    cli_risk_ctx_free(&r);
    return EXIT_OK;
}

const cli_command cmd_plan = {
    "plan", "investment plan: controls that cut expected annual loss most within a budget",
    "Usage: seawall plan --budget AMOUNT [--model port.yaml] [--db PATH]\n"
    "                    [--risks risks.yaml] [--controls controls.yaml]\n"
    "                    [--exact-max N] [--json]\n"
    "\n"
    "Chooses among the candidate controls (default: controls.yaml beside\n"
    "the model; cost = capex + opex) the set whose cost fits the budget and\n"
    "leaves the lowest expected annual loss of the risk register, each set\n"
    "valued as a whole: controls that harden the same attack path are not\n"
    "counted twice. Exact (branch and bound) up to --exact-max candidates\n"
    "(default 24), above that greedy by loss cut per unit cost with a 1-opt\n"
    "pass (add, drop or swap one control). Prints the loss before and after\n"
    "(simulated, as 'seawall risk') and each control's cut alone and in the\n"
    "plan.\n"
    "\n"
    "  --budget AMOUNT  money available, in the register's currency\n"
    "  --controls FILE  the candidates (default: controls.yaml beside the model)\n"
    "  --exact-max N    largest candidate count solved exactly, 0..30\n"
    "\n"
    "Exits 0, 2 on a usage error, 1 when a file has errors, 3 when a file or\n"
    "the database cannot be read. Method: docs/risk.md.\n",
    run_plan,
};
