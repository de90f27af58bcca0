/* cli_risk_sim.c - the register's Monte Carlo (cli_risk.h): each risk
 * simulated from its own seed (the file's seed and the risk id), inherent
 * and residual coupled, and the port's total as the trial-by-trial sum. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli_risk.h"

bool cli_risk_simulate(cli_risk_ctx *r, const bool *chosen, cli_risk_figures *f)
{
    size_t n = r->reg.n_risks;
    uint32_t trials = r->reg.trials;
    memset(f, 0, sizeof *f);
    f->p = calloc(n + 1, sizeof *f->p);
    f->p_inherent = calloc(n + 1, sizeof *f->p_inherent);
    f->inherent = calloc(n + 1, sizeof *f->inherent);
    f->residual = calloc(n + 1, sizeof *f->residual);
    double *one = malloc((size_t)trials * sizeof *one), *ti = calloc(trials, sizeof *ti), *tr = calloc(trials, sizeof *tr);
    risk_work *w = risk_work_new(&r->net, n);
    bool ok = f->p && f->p_inherent && f->inherent && f->residual && one && ti && tr && w;
    if (ok) {
        size_t n_fx = r->have_controls ? r->ctl.n : 0;
        risk_success(w, r->sc, n, r->fx, n_fx, NULL, f->p_inherent);
        risk_success(w, r->sc, n, r->fx, n_fx, chosen, f->p);
        for (size_t i = 0; i < n; i++) {
            const risk_def *d = &r->reg.risks[i];
            uint64_t seed = risk_seed_for(r->reg.seed, d->id);
            /* Same seed for both: coupled, so residual <= inherent trial by trial. */
            risk_mc_annual(&d->freq, f->p_inherent[i], &r->loss[i], seed, trials, one);
            for (uint32_t t = 0; t < trials; t++) ti[t] += one[t];
            risk_stats_of(one, trials, &f->inherent[i]);
            risk_mc_annual(&d->freq, f->p[i] * r->sc[i].in_place, &r->loss[i], seed, trials, one);
            for (uint32_t t = 0; t < trials; t++) tr[t] += one[t];
            risk_stats_of(one, trials, &f->residual[i]);
        }
        risk_stats_of(ti, trials, &f->total_inherent);
        risk_stats_of(tr, trials, &f->total_residual);
    }
    risk_work_free(w);
    free(one);
    free(ti);
    free(tr);
    if (!ok) cli_risk_figures_free(f);
    return ok;
}

void cli_risk_figures_free(cli_risk_figures *f)
{
    free(f->p);
    free(f->p_inherent);
    free(f->inherent);
    free(f->residual);
    memset(f, 0, sizeof *f);
}

void cli_risk_stats_json(json_writer *w, const char *key, const risk_stats *st, bool curve)
{
    jw_key(w, key);
    jw_object_begin(w);
    jw_kv_double(w, "eal", st->mean, 2);
    jw_kv_double(w, "p50", st->p50, 2);
    jw_kv_double(w, "p90", st->p90, 2);
    jw_kv_double(w, "p99", st->p99, 2);
    jw_kv_double(w, "max", st->max, 2);
    jw_kv_double(w, "p_any_loss", st->p_any, 4);
    if (curve) {
        jw_key(w, "exceedance_curve");
        jw_array_begin(w);
        for (size_t k = 0; k < st->n_curve; k++) {
            jw_object_begin(w);
            jw_kv_double(w, "loss", st->curve[k].loss, 2);
            jw_kv_double(w, "p", st->curve[k].exceedance, 4);
            jw_object_end(w);
        }
        jw_array_end(w);
    }
    jw_object_end(w);
}
