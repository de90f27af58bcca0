/* cmd_risk.c - `seawall risk`: the risk register with likelihood from the
 * attack graph and imported vulnerabilities, impact from business impact,
 * placement on the 5x5 matrix against the appetite, and inherent and
 * residual expected annual loss from a Monte Carlo with its percentiles and
 * loss-exceedance curve. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "analysis/exposure.h"
#include "cli/cli_risk.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "store/store_risk_history.h"

enum { OPT_MODEL = 1, OPT_RISKS, OPT_SEED, OPT_TRIALS, OPT_RECORD };

/* Likelihood band from loss events a year, impact band from the mean loss
 * an event; level from the matrix. */
typedef struct placement { int lb, ib, level; double lef; } placement;

static placement place(const risk_matrix *mx, double lef, double loss)
{
    placement p = { risk_band(mx->likelihood_bounds, lef), risk_band(mx->impact_bounds, loss), 0, lef };
    p.level = risk_matrix_level(mx, p.lb, p.ib);
    return p;
}

static bool within_appetite(const risk_matrix *mx, const placement *p, double eal)
{
    return p->level <= mx->appetite_level && (mx->appetite_eal <= 0 || eal <= mx->appetite_eal);
}

static void placement_json(json_writer *w, const char *key, const placement *p)
{
    jw_key(w, key);
    jw_object_begin(w);
    jw_kv_double(w, "loss_events_per_year", p->lef, 4);
    jw_kv_int(w, "likelihood", p->lb);
    jw_kv_int(w, "impact", p->ib);
    jw_kv_string(w, "level", risk_level_name(p->level));
    jw_object_end(w);
}

static void money(char *buf, size_t n, double v)
{
    if (v >= 1e6) snprintf(buf, n, "%.2fM", v / 1e6);
    else if (v >= 1e3) snprintf(buf, n, "%.0fk", v / 1e3);
    else snprintf(buf, n, "%.0f", v);
}

/* The most likely path with no new controls: the chain of node ids and,
 * for each step, its probability and the CVE that makes it, if any. */
static void best_path_json(json_writer *w, cli_risk_ctx *r, risk_work *wk, size_t i)
{
    uint32_t edges[256];
    bool by_vuln[256];
    size_t len = risk_best_path(wk, &r->sc[i], edges, 256, by_vuln);
    jw_key(w, "best_path");
    if (!len) { jw_null(w); return; }
    jw_array_begin(w);
    for (size_t k = 0; k < len; k++) {
        uint32_t e = edges[k], to = r->net.to[e];
        jw_object_begin(w);
        jw_kv_string(w, "to", exposure_node_id(r->x, to));
        jw_kv_double(w, "p", (double)r->net.p[e], 3);
        const char *cve = NULL;
        if (by_vuln[k]) {
            double best = -1;
            for (uint32_t q = r->net.node_vuln_off[to]; q < r->net.node_vuln_off[to + 1]; q++)
                if (r->net.vuln_p[r->net.node_vulns[q]] > best) {
                    best = r->net.vuln_p[r->net.node_vulns[q]];
                    cve = r->ai.in.vulns[r->net.node_vulns[q]].id;
                }
        }
        jw_kv_string(w, "vulnerability", cve);
        jw_object_end(w);
    }
    jw_array_end(w);
}

void cli_risk_report_jw(json_writer *w, cli_risk_ctx *r, const cli_risk_figures *f, risk_work *wk)
{
    const risk_matrix *mx = &r->reg.matrix;
    const char *cur = r->reg.currency ? r->reg.currency : r->m->port.currency ? r->m->port.currency : "";
    size_t over = 0;
    jw_object_begin(w);
    jw_kv_string(w, "port", r->m->port.name);
    jw_kv_string(w, "currency", cur);
    jw_key(w, "simulation");
    jw_object_begin(w);
    jw_kv_uint(w, "seed", r->reg.seed);
    jw_kv_uint(w, "trials", r->reg.trials);
    jw_object_end(w);
    jw_key(w, "appetite");
    jw_object_begin(w);
    jw_kv_string(w, "level", risk_level_name(mx->appetite_level));
    if (mx->appetite_eal > 0) jw_kv_double(w, "eal", mx->appetite_eal, 2);
    jw_object_end(w);
    jw_key(w, "risks");
    jw_array_begin(w);
    for (size_t i = 0; i < r->reg.n_risks; i++) {
        const risk_def *d = &r->reg.risks[i];
        double mean_loss = r->sc[i].mean_loss;
        placement inh = place(mx, r->sc[i].mean_freq * f->p[i], mean_loss);
        placement res = place(mx, r->sc[i].mean_freq * f->p[i] * r->sc[i].in_place, mean_loss);
        bool ok = within_appetite(mx, &res, f->residual[i].mean);
        over += !ok;
        jw_object_begin(w);
        jw_kv_string(w, "id", d->id);
        jw_kv_string(w, "title", d->title);
        jw_kv_string(w, "threat", d->threat);
        jw_kv_string(w, "target", d->target);
        jw_key(w, "entry_points");
        jw_array_begin(w);
        for (size_t k = 0; k < d->n_entries; k++) jw_string(w, d->entries[k]);
        jw_array_end(w);
        jw_kv_string(w, "owner", d->owner);
        jw_kv_string(w, "treatment", d->treatment);
        jw_kv_string(w, "due", d->due);
        jw_kv_string(w, "likelihood_source", r->sc[i].n_sources ? "attack-paths" : "susceptibility");
        jw_kv_double(w, "p_success", f->p[i], 6);
        best_path_json(w, r, wk, i);
        jw_kv_double(w, "threat_events_per_year", r->sc[i].mean_freq, 4);
        jw_kv_double(w, "controls_in_place_factor", r->sc[i].in_place, 4);
        jw_key(w, "controls_in_place");
        jw_array_begin(w);
        for (size_t k = 0; k < d->n_in_place; k++) {
            jw_object_begin(w);
            jw_kv_string(w, "name", d->in_place[k].name);
            jw_kv_double(w, "reduction", d->in_place[k].reduction, 4);
            jw_object_end(w);
        }
        jw_array_end(w);
        jw_key(w, "loss_per_event");
        jw_object_begin(w);
        jw_kv_string(w, "source", d->has_loss ? "stated" : "business-impact");
        jw_kv_string(w, "distribution", r->loss[i].kind == RD_LOGNORMAL ? "lognormal" : "pert");
        jw_kv_double(w, "min", r->loss[i].min, 2);
        jw_kv_double(w, "likely", r->loss[i].likely, 2);
        jw_kv_double(w, "max", r->loss[i].max, 2);
        jw_kv_double(w, "mean", mean_loss, 2);
        jw_kv_bool(w, "safety", r->flag_safety[i]);
        jw_kv_bool(w, "environment", r->flag_env[i]);
        jw_kv_bool(w, "regulatory", r->flag_reg[i]);
        jw_object_end(w);
        placement_json(w, "inherent", &inh);
        placement_json(w, "residual", &res);
        cli_risk_stats_json(w, "inherent_loss", &f->inherent[i], false);
        cli_risk_stats_json(w, "residual_loss", &f->residual[i], true);
        jw_kv_bool(w, "within_appetite", ok);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "total");
    jw_object_begin(w);
    cli_risk_stats_json(w, "inherent_loss", &f->total_inherent, true);
    cli_risk_stats_json(w, "residual_loss", &f->total_residual, true);
    jw_kv_uint(w, "risks_over_appetite", over);
    jw_object_end(w);
    jw_object_end(w);
}

size_t cli_risk_over_appetite(const cli_risk_ctx *r, const cli_risk_figures *f)
{
    const risk_matrix *mx = &r->reg.matrix;
    size_t over = 0;
    for (size_t i = 0; i < r->reg.n_risks; i++) {
        placement res = place(mx, r->sc[i].mean_freq * f->p[i] * r->sc[i].in_place, r->sc[i].mean_loss);
        over += !within_appetite(mx, &res, f->residual[i].mean);
    }
    return over;
}

static bool parse_u64(const char *s, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || end == s || v < 0 || v > max || v != floor(v)) return false;
    *out = v;
    return true;
}

/* The human table and totals. */
static void print_register(cli_risk_ctx *rp, const cli_risk_figures *fp)
{
    cli_risk_ctx r = *rp;
    const cli_risk_figures f = *fp;
    const risk_matrix *mx = &r.reg.matrix;
    const char *cur = r.reg.currency ? r.reg.currency : r.m->port.currency ? r.m->port.currency : "";
    size_t over = 0;
    printf("Risk register of %s: %zu risks, %u trials (seed %llu), appetite: %s%s\n\n", r.m->port.name ? r.m->port.name : "the port",
           r.reg.n_risks, r.reg.trials, (unsigned long long)r.reg.seed, risk_level_name(mx->appetite_level),
           mx->appetite_eal > 0 ? " and an EAL limit" : "");
    static const char *const headers[] = { "RISK", "TARGET", "OWNER", "P(SUCCESS)", "INHERENT", "RESIDUAL", "EAL", "P90", "P99", "APPETITE", "TREATMENT", "DUE" };
    cli_table t;
    cli_table_init(&t, 12, headers);
    for (size_t i = 0; i < r.reg.n_risks; i++) {
        const risk_def *d = &r.reg.risks[i];
        double mean_loss = r.sc[i].mean_loss;
        placement inh = place(mx, r.sc[i].mean_freq * f.p[i], mean_loss);
        placement res = place(mx, r.sc[i].mean_freq * f.p[i] * r.sc[i].in_place, mean_loss);
        bool ok = within_appetite(mx, &res, f.residual[i].mean);
        over += !ok;
        char p[24], ib[40], rb[40], eal[24], p90[24], p99[24];
        snprintf(p, sizeof p, "%.4f", f.p[i]);
        snprintf(ib, sizeof ib, "%s (L%d I%d)", risk_level_name(inh.level), inh.lb, inh.ib);
        snprintf(rb, sizeof rb, "%s (L%d I%d)", risk_level_name(res.level), res.lb, res.ib);
        money(eal, sizeof eal, f.residual[i].mean);
        money(p90, sizeof p90, f.residual[i].p90);
        money(p99, sizeof p99, f.residual[i].p99);
        const char *cells[] = { d->id, d->target, d->owner, p, ib, rb, eal, p90, p99, ok ? "within" : "OVER", d->treatment, d->due ? d->due : "-" };
        cli_table_row(&t, cells);
    }
    cli_table_print(&t, stdout);
    cli_table_free(&t);
    char a[24], b[24], c[24], e[24], ie[24];
    money(a, sizeof a, f.total_residual.mean);
    money(b, sizeof b, f.total_residual.p50);
    money(c, sizeof c, f.total_residual.p90);
    money(e, sizeof e, f.total_residual.p99);
    money(ie, sizeof ie, f.total_inherent.mean);
    printf("\nExpected annual loss (residual): %s %s (inherent %s); a year's loss: P50 %s, P90 %s, P99 %s.\n"
           "%zu of %zu risks over appetite. Method and limits: docs/risk.md.\n",
           a, cur, ie, b, c, e, over, r.reg.n_risks);
}

/* --record: today's totals into the store, for the trend. */
static bool record_totals(const cli_risk_ctx *r, const cli_risk_figures *f, size_t over)
{
    if (!r->s) {
        fprintf(stderr, "seawall risk: --record needs the database (--db, or a ./seawall.db made by 'seawall init')\n");
        return false;
    }
    char day[SW_TIME_STR_MAX];
    sw_time_us now = time_now_us();
    time_fmt_rfc3339(now, 0, day);
    day[10] = '\0';
    const char *cur = r->reg.currency ? r->reg.currency : r->m->port.currency;
    store_risk_point p = { day, now, f->total_inherent.mean, f->total_residual.mean, (int64_t)over,
                           (int64_t)r->reg.n_risks, cur };
    sw_error err = { 0 };
    if (store_risk_record(r->s, &p, &err) != SW_OK) {
        fprintf(stderr, "seawall risk: recording the totals: %s\n", err.msg);
        return false;
    }
    return true;
}

static int run_risk(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "model", required_argument, NULL, OPT_MODEL },
        { "risks", required_argument, NULL, OPT_RISKS },
        { "seed", required_argument, NULL, OPT_SEED },
        { "trials", required_argument, NULL, OPT_TRIALS },
        { "record", no_argument, NULL, OPT_RECORD },
        { NULL, 0, NULL, 0 },
    };
    const char *model_path = NULL, *risks = NULL;
    double seed = -1, trials = -1;
    bool db_given = false, record = false;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (c < 0) return rc;
        if (c > 0) { db_given |= opt == CLI_OPT_DB; continue; }
        switch (opt) {
        case OPT_MODEL: model_path = optarg; break;
        case OPT_RISKS: risks = optarg; break;
        case OPT_RECORD: record = true; break;
        case OPT_SEED:
            if (!parse_u64(optarg, 9007199254740991.0, &seed)) return cli_usage_error(cmd, "--seed must be a whole number, not '%s'", optarg);
            break;
        case OPT_TRIALS:
            if (!parse_u64(optarg, RISK_MC_MAX_TRIALS, &trials) || trials < 100)
                return cli_usage_error(cmd, "--trials must be a whole number from 100 to %u, not '%s'", RISK_MC_MAX_TRIALS, optarg);
            break;
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    cli_risk_ctx r;
    rc = cli_risk_ctx_load(cmd, ctx, db_given, model_path, risks, NULL, false, &r);
    if (rc != EXIT_OK) { cli_risk_ctx_free(&r); return rc; }
    if (seed >= 0) r.reg.seed = (uint64_t)seed;
    if (trials >= 0) r.reg.trials = (uint32_t)trials;
    cli_risk_figures f;
    if (!cli_risk_simulate(&r, NULL, &f)) {
        fprintf(stderr, "seawall risk: out of memory\n");
        cli_risk_ctx_free(&r);
        return EXIT_INPUT;
    }
    risk_work *wk = risk_work_new(&r.net, r.reg.n_risks);
    double *p_none = calloc(r.reg.n_risks + 1, sizeof *p_none);
    if (!wk || !p_none) {
        fprintf(stderr, "seawall risk: out of memory\n");
        risk_work_free(wk);
        free(p_none);
        cli_risk_figures_free(&f);
        cli_risk_ctx_free(&r);
        return EXIT_INPUT;
    }
    risk_success(wk, r.sc, r.reg.n_risks, NULL, 0, NULL, p_none);
    size_t over = cli_risk_over_appetite(&r, &f);
    if (record && !record_totals(&r, &f, over)) {
        risk_work_free(wk);
        free(p_none);
        cli_risk_figures_free(&f);
        cli_risk_ctx_free(&r);
        return EXIT_INPUT;
    }
    if (ctx->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        cli_risk_report_jw(&w, &r, &f, wk);
        fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
        putchar('\n');
        strbuf_free(&sb);
    } else {
        print_register(&r, &f);
    }
    risk_work_free(wk);
    free(p_none);
    cli_risk_figures_free(&f);
    cli_risk_ctx_free(&r);
    return over ? EXIT_FINDINGS : EXIT_OK;
}

const cli_command cmd_risk = {
    "risk", "risk register: likelihood, impact, 5x5 matrix, expected annual loss",
    "Usage: seawall risk [--model port.yaml] [--db PATH] [--risks risks.yaml]\n"
    "                    [--seed N] [--trials N] [--record] [--json]\n"
    "\n"
    "Reads the risk register (default: risks.yaml beside the model) and, for\n"
    "each scenario, takes the likelihood that a threat event succeeds from\n"
    "the most likely attack path from its entry points to its target (the\n"
    "flows and vulnerabilities in the database count, as in 'seawall\n"
    "exposure'), the loss an event from its stated range or from business\n"
    "impact (outage hours x TEU, vessel delay and money per hour, plus the\n"
    "safety, environment and regulatory amounts of the valuation), places\n"
    "it on the 5x5 matrix inherent (without the controls in place) and\n"
    "residual, and simulates a year's loss (PERT or lognormal ranges,\n"
    "Poisson events) for the expected annual loss, P50/P90/P99 and the\n"
    "loss-exceedance curve.\n"
    "\n"
    "  --model FILE   the port model (default: the one 'seawall init' loaded)\n"
    "  --risks FILE   the register (default: risks.yaml beside the model)\n"
    "  --seed N       the simulation seed (default: the file's, else 1)\n"
    "  --trials N     simulated years, 100..1000000 (default: the file's, else 10000)\n"
    "  --record       store today's totals (EAL inherent and residual, risks over\n"
    "                 appetite) in the database: the trend of the overview\n"
    "  --json         one JSON document with every figure and the curves\n"
    "\n"
    "The same seed gives the same output. Exits 1 when some risk is over\n"
    "the appetite, 0 when none is, 2 on a usage error, 3 when a file or the\n"
    "database cannot be read. Method: docs/risk.md.\n",
    run_risk,
};
