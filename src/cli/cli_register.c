/* cli_register.c - evaluating the register with the programme's done
 * controls credited (cli_register.h). */
#include "cli/cli_register.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cli_placement place(const risk_matrix *mx, double lef, double loss)
{
    cli_placement p = { risk_band(mx->likelihood_bounds, lef), risk_band(mx->impact_bounds, loss), 0, lef };
    p.level = risk_matrix_level(mx, p.lb, p.ib);
    return p;
}

int cli_register_eval(const cli_command *cmd, cli_ctx *ctx, const cli_register_opts *o, cli_register *g)
{
    memset(g, 0, sizeof *g);
    g->day = o->day;
    int rc = cli_risk_ctx_load(cmd, ctx, o->db_given, o->model, o->risks, NULL, false, &g->r);
    if (rc != EXIT_OK) return rc;
    cli_risk_ctx *r = &g->r;
    if (o->seed >= 0) r->reg.seed = (uint64_t)o->seed;
    if (o->trials >= 0) r->reg.trials = (uint32_t)o->trials;
    if (o->max_trials && r->reg.trials > o->max_trials) r->reg.trials = o->max_trials;
    sw_error err = { 0 };
    if (cli_prog_load(r->s, &g->prog, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        return EXIT_INPUT;
    }
    /* Only a programme makes the candidate controls matter here: without
     * one the register stands alone and controls.yaml need not exist. */
    if (g->prog.n) {
        if ((rc = cli_risk_ctx_load_controls(r, o->controls)) != EXIT_OK) return rc;
        if (!(g->done = calloc(r->ctl.n + 1, sizeof *g->done))) return EXIT_INPUT;
        g->n_done = cli_prog_done_mask(&g->prog, r, g->day, g->done, stderr);
    }
    size_t n = r->reg.n_risks;
    g->inh = calloc(n + 1, sizeof *g->inh);
    g->res = calloc(n + 1, sizeof *g->res);
    g->within = calloc(n + 1, sizeof *g->within);
    if (!g->inh || !g->res || !g->within || !cli_risk_simulate(r, g->done, &g->f)) {
        fprintf(stderr, "seawall %s: out of memory\n", cmd->name);
        return EXIT_INPUT;
    }
    const risk_matrix *mx = &r->reg.matrix;
    for (size_t i = 0; i < n; i++) {
        double mean_loss = r->sc[i].mean_loss;
        g->inh[i] = place(mx, r->sc[i].mean_freq * g->f.p_inherent[i], mean_loss);
        g->res[i] = place(mx, r->sc[i].mean_freq * g->f.p[i] * r->sc[i].in_place, mean_loss);
        g->within[i] = g->res[i].level <= mx->appetite_level && (mx->appetite_eal <= 0 || g->f.residual[i].mean <= mx->appetite_eal);
        g->over += !g->within[i];
    }
    g->currency = r->reg.currency ? r->reg.currency : r->m->port.currency ? r->m->port.currency : "";
    return EXIT_OK;
}

void cli_register_free(cli_register *g)
{
    cli_risk_figures_free(&g->f);
    cli_prog_free(&g->prog);
    free(g->done);
    free(g->inh);
    free(g->res);
    free(g->within);
    cli_risk_ctx_free(&g->r);
    memset(g, 0, sizeof *g);
}
