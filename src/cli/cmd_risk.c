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
#include "cli/cli_register.h"
#include "cli/cli_store.h"
#include "cli/cli_risk.h"
#include "analysis/people.h"
#include "core/timeutil.h"
#include "store/store_risk.h"
#include "core/strbuf.h"

enum { OPT_MODEL = 1, OPT_RISKS, OPT_SEED, OPT_TRIALS, OPT_CONTROLS, OPT_RECORD, OPT_AT, OPT_HISTORY };

static void placement_json(json_writer *w, const char *key, const cli_placement *p)
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

/* The finding behind a known-vulnerability step: KEV status and CVSS. */
static const vuln_finding *finding_of(const cli_risk_ctx *r, uint32_t node, const char *cve)
{
    if (!r->ai.assessed || node < r->x->asset0) return NULL;
    size_t asset = node - r->x->asset0;
    for (size_t i = 0; i < r->ai.assessment.n; i++)
        if (r->ai.assessment.items[i].asset == asset && !strcmp(r->ai.assessment.items[i].cve_id, cve)) return &r->ai.assessment.items[i];
    return NULL;
}

static void vuln_facts_json(json_writer *w, const cli_risk_ctx *r, uint32_t node, const char *cve)
{
    const vuln_finding *f = finding_of(r, node, cve);
    if (!f) return;
    jw_kv_bool(w, "kev", f->kev != NULL);
    jw_key(w, "cvss");
    if (f->cvss_score >= 0) jw_double(w, f->cvss_score, 1);
    else jw_null(w);
}

/* The cited path of a generated scenario, for people: "vendor-vpn ->
 * vendor-dmz -> sts-t1-02-plc [CVE-2016-8562 KEV, CVSS 7.5]". */
static void cited_path(cli_risk_ctx *r, risk_work *wk, size_t i, strbuf *sb)
{
    uint32_t edges[256];
    bool by_vuln[256];
    size_t len = risk_best_path(wk, &r->sc[i], edges, 256, by_vuln);
    strbuf_reset(sb);
    if (!len || !r->sc[i].n_sources) return;
    uint32_t from = r->sc[i].sources[0];
    strbuf_puts(sb, exposure_node_id(r->x, from));
    for (size_t k = 0; k < len; k++) {
        uint32_t to = r->net.to[edges[k]];
        /* As `seawall exposure` writes chains: conduits are how a step is
         * taken, not a place, and a zone is a position "[zone]". */
        exposure_node_kind kind = exposure_node_kind_of(r->x, to);
        if (kind == XN_CONDUIT) continue;
        strbuf_printf(sb, kind == XN_ZONE ? " -> [%s]" : " -> %s", exposure_node_id(r->x, to));
        if (!by_vuln[k]) continue;
        const char *cve = NULL;
        double best = -1;
        for (uint32_t q = r->net.node_vuln_off[to]; q < r->net.node_vuln_off[to + 1]; q++)
            if (r->net.vuln_p[r->net.node_vulns[q]] > best) {
                best = r->net.vuln_p[r->net.node_vulns[q]];
                cve = r->ai.in.vulns[r->net.node_vulns[q]].id;
            }
        const vuln_finding *f = cve ? finding_of(r, to, cve) : NULL;
        strbuf_printf(sb, " [%s%s", cve ? cve : "known vulnerability", f && f->kev ? " KEV" : "");
        if (f && f->cvss_score >= 0) strbuf_printf(sb, ", CVSS %.1f", f->cvss_score);
        strbuf_putc(sb, ']');
    }
}

/* After the table: each generated risk with its P(success) p[i] and its
 * cited path (no new controls). Prints nothing when none was generated. */
static void print_generated(cli_risk_ctx *r, const double *p)
{
    size_t n_gen = 0;
    for (size_t i = 0; i < r->reg.n_risks; i++) n_gen += r->reg.risks[i].generated;
    if (!n_gen) return;
    risk_work *wk = risk_work_new(&r->net, r->reg.n_risks);
    double *p_now = calloc(r->reg.n_risks + 1, sizeof *p_now);
    if (!wk || !p_now) {
        fprintf(stderr, "seawall risk: out of memory citing the generated risks' paths\n");
        risk_work_free(wk);
        free(p_now);
        return;
    }
    risk_success(wk, r->sc, r->reg.n_risks, NULL, 0, NULL, p_now);
    printf("\n%zu risk%s generated from attack paths (entry point to crown jewel; no treatment decided yet), each with its most likely path:\n",
           n_gen, n_gen == 1 ? "" : "s");
    strbuf path;
    strbuf_init(&path);
    for (size_t i = 0; i < r->reg.n_risks; i++) {
        if (!r->reg.risks[i].generated) continue;
        cited_path(r, wk, i, &path);
        printf("  %-34s p=%.4f  %s\n", r->reg.risks[i].id, p[i], strbuf_cstr(&path));
    }
    strbuf_free(&path);
    risk_work_free(wk);
    free(p_now);
}

/* The most likely path with no new controls: the chain of node ids and,
 * for each step, its probability and the CVE that makes it, if any. */
static void best_path_json(json_writer *w, cli_risk_ctx *r, risk_work *wk, size_t i)
{
    uint32_t edges[256];
    bool by_vuln[256];
    size_t len = risk_best_path(wk, &r->sc[i], edges, 256, by_vuln);
    /* Whether the path made the scenario (risk_gen.h) belongs with it. */
    jw_kv_bool(w, "generated", r->reg.risks[i].generated);
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
        if (cve) vuln_facts_json(w, r, to, cve);
        jw_object_end(w);
    }
    jw_array_end(w);
}

/* --record: the snapshot of the day, replacing one recorded that day. */
static int risk_record(cli_register *g)
{
    const cli_risk_ctx *r = &g->r;
    size_t n = r->reg.n_risks;
    store_risk_item *items = calloc(n + 1, sizeof *items);
    strbuf done;
    strbuf_init(&done);
    if (!items) return EXIT_INPUT;
    for (size_t k = 0; g->done && k < r->ctl.n; k++)
        if (g->done[k]) {
            if (done.len) strbuf_putc(&done, ',');
            strbuf_puts(&done, r->ctl.controls[k].id);
        }
    for (size_t i = 0; i < n; i++) {
        const risk_def *d = &r->reg.risks[i];
        items[i] = (store_risk_item){
            .risk = d->id, .title = d->title, .target = d->target, .owner = d->owner, .treatment = d->treatment, .due = d->due,
            .inh_likelihood = g->inh[i].lb, .inh_impact = g->inh[i].ib, .inh_level = risk_level_name(g->inh[i].level),
            .res_likelihood = g->res[i].lb, .res_impact = g->res[i].ib, .res_level = risk_level_name(g->res[i].level),
            .inherent_eal = g->f.inherent[i].mean, .residual_eal = g->f.residual[i].mean,
            .residual_p90 = g->f.residual[i].p90, .within_appetite = g->within[i],
        };
    }
    store_risk_snapshot snap = {
        .day = g->day, .recorded_at = time_now_us(), .currency = g->currency, .seed = (int64_t)r->reg.seed,
        .trials = r->reg.trials, .inherent_eal = g->f.total_inherent.mean, .residual_eal = g->f.total_residual.mean,
        .residual_p90 = g->f.total_residual.p90, .over_appetite = (int64_t)g->over, .controls_done = strbuf_cstr(&done),
    };
    sw_error err = { 0 };
    sw_code rc = store_risk_snapshot_put(r->s, &snap, items, n, &err);
    free(items);
    strbuf_free(&done);
    if (rc != SW_OK) { fprintf(stderr, "seawall risk: recording the snapshot: %s\n", err.msg); return EXIT_INPUT; }
    return EXIT_OK;
}

typedef struct hist { json_writer *w; cli_table *t; bool json; double prev; bool have_prev; } hist;

static int hist_row(void *ctx, const store_risk_snapshot *sn)
{
    hist *h = ctx;
    char day[11];
    ppl_fmt_day(sn->day, day);
    if (h->json) {
        jw_object_begin(h->w);
        jw_kv_string(h->w, "date", day);
        jw_kv_string(h->w, "currency", sn->currency);
        jw_kv_double(h->w, "inherent_eal", sn->inherent_eal, 2);
        jw_kv_double(h->w, "residual_eal", sn->residual_eal, 2);
        jw_kv_double(h->w, "residual_p90", sn->residual_p90, 2);
        jw_kv_int(h->w, "risks_over_appetite", sn->over_appetite);
        jw_key(h->w, "controls_done");
        jw_array_begin(h->w);
        for (const char *p = sn->controls_done; p && *p;) {
            const char *c = strchr(p, ',');
            size_t len = c ? (size_t)(c - p) : strlen(p);
            char id[128];
            snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id ? len : sizeof id - 1), p);
            jw_string(h->w, id);
            p = c ? c + 1 : p + len;
        }
        jw_array_end(h->w);
        if (h->have_prev) jw_kv_double(h->w, "residual_change", sn->residual_eal - h->prev, 2);
        else { jw_key(h->w, "residual_change"); jw_null(h->w); }
        jw_object_end(h->w);
    } else {
        char ie[24], re[24], p90[24], over[24], chg[32] = "-";
        money(ie, sizeof ie, sn->inherent_eal);
        money(re, sizeof re, sn->residual_eal);
        money(p90, sizeof p90, sn->residual_p90);
        snprintf(over, sizeof over, "%lld", (long long)sn->over_appetite);
        if (h->have_prev) {
            char m[24];
            money(m, sizeof m, fabs(sn->residual_eal - h->prev));
            snprintf(chg, sizeof chg, "%s%s", sn->residual_eal < h->prev ? "-" : "+", m);
        }
        const char *cells[] = { day, ie, re, chg, p90, over, sn->controls_done && *sn->controls_done ? sn->controls_done : "-" };
        cli_table_row(h->t, cells);
    }
    h->prev = sn->residual_eal;
    h->have_prev = true;
    return 0;
}

/* --history: the recorded snapshots, oldest first. Reads the store only. */
static int risk_history(const cli_command *cmd, cli_ctx *ctx)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    static const char *const headers[] = { "DATE", "INHERENT EAL", "RESIDUAL EAL", "CHANGE", "RESIDUAL P90", "OVER APPETITE", "CONTROLS DONE" };
    cli_table t;
    cli_table_init(&t, 7, headers);
    hist h = { &w, &t, ctx->json, 0, false };
    if (ctx->json) {
        jw_object_begin(&w);
        jw_key(&w, "snapshots");
        jw_array_begin(&w);
    }
    sw_error err = { 0 };
    sw_code sc = store_risk_snapshots(s, hist_row, &h, &err);
    if (sc != SW_OK) {
        fprintf(stderr, "seawall risk: %s\n", err.msg);
        rc = EXIT_INPUT;
    } else if (ctx->json) {
        jw_array_end(&w);
        jw_object_end(&w);
        fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
        putchar('\n');
        rc = EXIT_OK;
    } else {
        if (h.have_prev) cli_table_print(&t, stdout);
        else printf("No snapshots recorded yet: seawall risk --record.\n");
        rc = EXIT_OK;
    }
    cli_table_free(&t);
    strbuf_free(&sb);
    store_close(s);
    return rc;
}

risk_work *cli_register_paths(cli_register *g)
{
    cli_risk_ctx *r = &g->r;
    risk_work *wk = risk_work_new(&r->net, r->reg.n_risks);
    double *p_today = calloc(r->reg.n_risks + 1, sizeof *p_today);
    if (!wk || !p_today) {
        risk_work_free(wk);
        free(p_today);
        return NULL;
    }
    /* The best path shown is the one an attacker has today: with the
     * programme's done controls in place. */
    risk_success(wk, r->sc, r->reg.n_risks, r->fx, r->have_controls ? r->ctl.n : 0, g->done, p_today);
    free(p_today);
    return wk;
}

void cli_register_json(json_writer *w, cli_register *g, risk_work *wk)
{
    cli_risk_ctx *r = &g->r;
    const cli_risk_figures *f = &g->f;
    const risk_matrix *mx = &r->reg.matrix;
    jw_object_begin(w);
    jw_kv_string(w, "port", r->m->port.name);
    jw_kv_string(w, "currency", g->currency);
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
    jw_key(w, "programme_controls_credited");
    jw_array_begin(w);
    for (size_t k = 0; g->done && k < r->ctl.n; k++)
        if (g->done[k]) jw_string(w, r->ctl.controls[k].id);
    jw_array_end(w);
    jw_key(w, "risks");
    jw_array_begin(w);
    for (size_t i = 0; i < r->reg.n_risks; i++) {
        const risk_def *d = &r->reg.risks[i];
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
        jw_kv_double(w, "p_success_inherent", f->p_inherent[i], 6);
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
        jw_kv_double(w, "mean", r->sc[i].mean_loss, 2);
        jw_kv_bool(w, "safety", r->flag_safety[i]);
        jw_kv_bool(w, "environment", r->flag_env[i]);
        jw_kv_bool(w, "regulatory", r->flag_reg[i]);
        jw_object_end(w);
        placement_json(w, "inherent", &g->inh[i]);
        placement_json(w, "residual", &g->res[i]);
        cli_risk_stats_json(w, "inherent_loss", &f->inherent[i], false);
        cli_risk_stats_json(w, "residual_loss", &f->residual[i], true);
        jw_kv_bool(w, "within_appetite", g->within[i]);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "total");
    jw_object_begin(w);
    cli_risk_stats_json(w, "inherent_loss", &f->total_inherent, true);
    cli_risk_stats_json(w, "residual_loss", &f->total_residual, true);
    jw_kv_uint(w, "risks_over_appetite", g->over);
    jw_object_end(w);
    jw_object_end(w);
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

static int run_risk(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "model", required_argument, NULL, OPT_MODEL },
        { "risks", required_argument, NULL, OPT_RISKS },
        { "seed", required_argument, NULL, OPT_SEED },
        { "trials", required_argument, NULL, OPT_TRIALS },
        { "controls", required_argument, NULL, OPT_CONTROLS },
        { "record", no_argument, NULL, OPT_RECORD },
        { "at", required_argument, NULL, OPT_AT },
        { "history", no_argument, NULL, OPT_HISTORY },
        { NULL, 0, NULL, 0 },
    };
    const char *model_path = NULL, *risks = NULL, *controls = NULL, *at = NULL;
    bool record = false, history = false;
    double seed = -1, trials = -1;
    bool db_given = false;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (c < 0) return rc;
        if (c > 0) { db_given |= opt == CLI_OPT_DB; continue; }
        switch (opt) {
        case OPT_MODEL: model_path = optarg; break;
        case OPT_RISKS: risks = optarg; break;
        case OPT_CONTROLS: controls = optarg; break;
        case OPT_RECORD: record = true; break;
        case OPT_HISTORY: history = true; break;
        case OPT_AT: at = optarg; break;
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

    int32_t day;
    if (!cli_day_arg(at, &day)) return cli_usage_error(cmd, "--at wants a date YYYY-MM-DD, not '%s'", at);
    if (history && (record || at)) return cli_usage_error(cmd, "--history shows the recorded snapshots; it takes no --record or --at");
    if (history) return risk_history(cmd, ctx);
    cli_register_opts ro = { .db_given = db_given, .model = model_path, .risks = risks, .controls = controls,
                             .seed = seed, .trials = trials, .day = day };
    cli_register g;
    rc = cli_register_eval(cmd, ctx, &ro, &g);
    if (rc != EXIT_OK) { cli_register_free(&g); return rc; }
    if (record && !g.r.s) {
        cli_register_free(&g);
        fprintf(stderr, "seawall risk: --record needs the database (seawall init, or --db PATH)\n");
        return EXIT_INPUT;
    }
    cli_risk_ctx r = g.r;
    cli_risk_figures f = g.f;
    risk_work *wk = cli_register_paths(&g);
    if (!wk) {
        fprintf(stderr, "seawall risk: out of memory\n");
        cli_register_free(&g);
        return EXIT_INPUT;
    }
    const risk_matrix *mx = &r.reg.matrix;
    const char *cur = g.currency;
    size_t over = g.over;
    if (ctx->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        cli_register_json(&w, &g, wk);
        fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
        putchar('\n');
        strbuf_free(&sb);
    } else {
        printf("Risk register of %s: %zu risks, %u trials (seed %llu), appetite: %s%s\n\n", r.m->port.name ? r.m->port.name : "the port",
               r.reg.n_risks, r.reg.trials, (unsigned long long)r.reg.seed, risk_level_name(mx->appetite_level),
               mx->appetite_eal > 0 ? " and an EAL limit" : "");
        static const char *const headers[] = { "RISK", "TARGET", "OWNER", "P(SUCCESS)", "INHERENT", "RESIDUAL", "EAL", "P90", "P99", "APPETITE", "TREATMENT", "DUE" };
        cli_table t;
        cli_table_init(&t, 12, headers);
        for (size_t i = 0; i < r.reg.n_risks; i++) {
            const risk_def *d = &r.reg.risks[i];
            const cli_placement inh = g.inh[i], res = g.res[i];
            char p[24], ib[40], rb[40], eal[24], p90[24], p99[24];
            snprintf(p, sizeof p, "%.4f", f.p[i]);
            snprintf(ib, sizeof ib, "%s (L%d I%d)", risk_level_name(inh.level), inh.lb, inh.ib);
            snprintf(rb, sizeof rb, "%s (L%d I%d)", risk_level_name(res.level), res.lb, res.ib);
            money(eal, sizeof eal, f.residual[i].mean);
            money(p90, sizeof p90, f.residual[i].p90);
            money(p99, sizeof p99, f.residual[i].p99);
            const char *cells[] = { d->id, d->target, d->owner, p, ib, rb, eal, p90, p99, g.within[i] ? "within" : "OVER", d->treatment, d->due ? d->due : "-" };
            cli_table_row(&t, cells);
        }
        cli_table_print(&t, stdout);
        cli_table_free(&t);
        print_generated(&r, f.p);
        char a[24], b[24], c[24], e[24];
        money(a, sizeof a, f.total_residual.mean);
        money(b, sizeof b, f.total_residual.p50);
        money(c, sizeof c, f.total_residual.p90);
        money(e, sizeof e, f.total_residual.p99);
        char ie[24];
        money(ie, sizeof ie, f.total_inherent.mean);
        printf("\nExpected annual loss (residual): %s %s (inherent %s); a year's loss: P50 %s, P90 %s, P99 %s.\n"
               "%zu of %zu risks over appetite. Method and limits: docs/risk.md.\n",
               a, cur, ie, b, c, e, over, r.reg.n_risks);
    }
    if (g.n_done && !ctx->json) printf("Residual risk credits %zu done programme control%s (seawall plan progress).\n", g.n_done, g.n_done == 1 ? "" : "s");
    risk_work_free(wk);
    if (record) {
        rc = risk_record(&g);
        if (rc == EXIT_OK && !ctx->json) {
            char d[11];
            ppl_fmt_day(day, d);
            printf("Recorded the register as of %s.\n", d);
        }
    }
    cli_register_free(&g);
    if (rc != EXIT_OK) return rc;
    return over ? EXIT_FINDINGS : EXIT_OK;
}

const cli_command cmd_risk = {
    "risk", "risk register: likelihood, impact, 5x5 matrix, expected annual loss",
    "Usage: seawall risk [--model port.yaml] [--db PATH] [--risks risks.yaml]\n"
    "                    [--controls controls.yaml] [--seed N] [--trials N]\n"
    "                    [--record [--at YYYY-MM-DD]] [--json]\n"
    "       seawall risk --history [--db PATH] [--json]\n"
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
    "  --controls FILE the candidate controls (default: controls.yaml beside the model),\n"
    "                 read when a programme was adopted (seawall plan --adopt)\n"
    "  --record       store the register as a dated snapshot (one a day: the\n"
    "                 same day again replaces it)\n"
    "  --at DATE      the day to evaluate and record: programme controls done\n"
    "                 by then are credited (default: today, UTC)\n"
    "  --history      the recorded snapshots and the trend of residual EAL\n"
    "  --json         one JSON document with every figure and the curves\n"
    "\n"
    "Residual risk credits the adopted programme's controls that are done\n"
    "(seawall plan set CONTROL --status done), never planned or in-progress ones.\n"
    "\n"
    "The same seed gives the same output. Exits 1 when some risk is over\n"
    "the appetite, 0 when none is, 2 on a usage error, 3 when a file or the\n"
    "database cannot be read. Method: docs/risk.md.\n",
    run_risk,
};
