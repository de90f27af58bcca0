/* cmd_impact.c - `seawall impact`: each asset's impact per hour rolled up
 * through depends_on, or "what if": losing some assets for N hours - what
 * stops, TEU and vessel delay lost, safety, environment and regulatory
 * exposure, and the order to recover in. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/impact.h"
#include "cli/cli_model.h"
#include "cli/cli_impact.h"
#include "cli/cli_store.h"

void cli_impact_result_jw(json_writer *w, const impact_graph *g, const port_model *m, const impact_result *r)
{
    jw_kv_double(w, "hours", r->hours, 2);
    jw_kv_double(w, "teu_per_hour", r->teu_per_hour, 1);
    jw_kv_double(w, "teu_lost", r->teu_lost, 1);
    jw_kv_double(w, "vessel_delay_hours_per_hour", r->vessel_delay_per_hour, 2);
    jw_kv_double(w, "vessel_delay_hours", r->vessel_delay_hours, 2);
    jw_kv_double(w, "cost_per_hour", r->cost_per_hour, 0);
    jw_kv_double(w, "cost", r->cost, 0);
    jw_kv_string(w, "currency", m->port.currency);
    jw_kv_bool(w, "safety", r->safety);
    jw_kv_bool(w, "environment", r->environment);
    jw_kv_bool(w, "regulatory", r->regulatory);
    jw_key(w, "jurisdictions");
    jw_array_begin(w);
    for (size_t i = 0; i < r->n_jurisdictions; i++) jw_string(w, r->jurisdictions[i]);
    jw_array_end(w);
    jw_key(w, "recovery_order");
    jw_array_begin(w);
    for (size_t i = 0; i < r->n_stopped; i++) {
        const impact_stop *s = &r->stopped[i];
        const impact_node *nd = &g->nodes[s->node];
        jw_object_begin(w);
        jw_kv_string(w, "asset", nd->id);
        jw_kv_string(w, "stops", s->lost ? "lost" : "depends");
        jw_kv_string(w, "through", s->lost ? NULL : g->nodes[s->because].id);
        if (nd->rto_hours >= 0) jw_kv_double(w, "rto_hours", nd->rto_hours, 2);
        else jw_kv_string(w, "rto_hours", NULL);
        jw_kv_bool(w, "rto_breached", s->rto_breached);
        jw_kv_double(w, "teu_per_hour", nd->teu_per_hour, 1);
        jw_kv_double(w, "cost_per_hour", nd->cost_per_hour, 0);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static int what_if(const cli_command *cmd, const cli_ctx *ctx, const port_model *m, const impact_graph *g,
                   const char *lose, double hours)
{
    uint32_t *lost = malloc((m->n_assets ? m->n_assets : 1) * sizeof *lost);
    char *copy = strdup(lose), *save = NULL;
    size_t n = 0;
    int rc = EXIT_OK;
    if (!lost || !copy) { free(lost); free(copy); fprintf(stderr, "seawall impact: out of memory\n"); return EXIT_INPUT; }
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        const model_asset *a = model_asset_by_id(m, tok);
        if (!a) { rc = cli_usage_error(cmd, "no asset '%s' in %s", tok, m->path ? m->path : "the model"); break; }
        if (n < m->n_assets) lost[n++] = (uint32_t)(a - m->assets);
    }
    free(copy);
    if (rc == EXIT_OK && !n) rc = cli_usage_error(cmd, "--lose wants asset ids");
    if (rc != EXIT_OK) { free(lost); return rc; }
    impact_result r;
    sw_error err = { 0 };
    if (impact_outage(g, lost, n, hours, &r, &err) != SW_OK) {
        free(lost);
        fprintf(stderr, "seawall impact: %s\n", err.msg);
        return err.code == SW_ERR_INVALID ? EXIT_FINDINGS : EXIT_INPUT;
    }
    free(lost);
    if (ctx->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        jw_object_begin(&w);
        cli_jw_csv_array(&w, "lost", lose);
        cli_impact_result_jw(&w, g, m, &r);
        jw_object_end(&w);
        strbuf_putc(&sb, '\n');
        cli_jw_flush(&sb);
        strbuf_free(&sb);
    } else {
        const char *cur = m->port.currency ? m->port.currency : "";
        printf("Losing %s for %g h stops %zu asset%s:\n", lose, hours, r.n_stopped, r.n_stopped == 1 ? "" : "s");
        printf("  TEU lost          %.0f (%.1f TEU/h)\n", r.teu_lost, r.teu_per_hour);
        printf("  vessel delay      %.1f h (%.2f h per hour)\n", r.vessel_delay_hours, r.vessel_delay_per_hour);
        printf("  cost              %.0f %s (%.0f per hour)\n", r.cost, cur, r.cost_per_hour);
        printf("  safety            %s\n  environment       %s\n", r.safety ? "yes" : "no", r.environment ? "yes" : "no");
        printf("  regulatory        %s", r.regulatory ? "yes" : "no");
        for (size_t i = 0; i < r.n_jurisdictions; i++) printf("%s%s", i ? ", " : " (", r.jurisdictions[i]);
        printf("%s\n\nRecovery order (dependencies first, then shortest RTO):\n", r.n_jurisdictions ? ")" : "");
        static const char *const headers[] = { "#", "ASSET", "STOPS", "THROUGH", "RTO H", "RTO BREACHED" };
        cli_table t;
        cli_table_init(&t, 6, headers);
        for (size_t i = 0; i < r.n_stopped; i++) {
            const impact_stop *s = &r.stopped[i];
            char num[24], rto[32];
            snprintf(num, sizeof num, "%zu", i + 1);
            snprintf(rto, sizeof rto, "%g", g->nodes[s->node].rto_hours);
            const char *cells[] = { num, g->nodes[s->node].id, s->lost ? "lost" : "depends",
                                    s->lost ? NULL : g->nodes[s->because].id, g->nodes[s->node].rto_hours >= 0 ? rto : NULL,
                                    s->rto_breached ? "yes" : "no" };
            cli_table_row(&t, cells);
        }
        cli_table_print(&t, stdout);
        cli_table_free(&t);
    }
    impact_result_free(&r);
    return rc;
}

void cli_impact_rollup_jw(json_writer *w, const char *asset, const impact_result *r)
{
    jw_object_begin(w);
    jw_kv_string(w, "asset", asset);
    jw_kv_uint(w, "stops", r->n_stopped);
    jw_kv_double(w, "teu_per_hour", r->teu_per_hour, 1);
    jw_kv_double(w, "vessel_delay_hours_per_hour", r->vessel_delay_per_hour, 2);
    jw_kv_double(w, "cost_per_hour", r->cost_per_hour, 0);
    jw_kv_bool(w, "safety", r->safety);
    jw_kv_bool(w, "environment", r->environment);
    jw_kv_bool(w, "regulatory", r->regulatory);
    jw_object_end(w);
}

/* Every asset's roll-up for one hour of outage, most costly first. */
int cli_impact_rollup_cmp(const void *a, const void *b)
{
    const cli_impact_rollup *x = a, *y = b;
    if (x->r.cost_per_hour != y->r.cost_per_hour) return x->r.cost_per_hour < y->r.cost_per_hour ? 1 : -1;
    if (x->r.teu_per_hour != y->r.teu_per_hour) return x->r.teu_per_hour < y->r.teu_per_hour ? 1 : -1;
    return (x->asset > y->asset) - (x->asset < y->asset);
}

static int per_asset(const cli_ctx *ctx, const port_model *m, const impact_graph *g)
{
    cli_impact_rollup *all = calloc(m->n_assets ? m->n_assets : 1, sizeof *all);
    if (!all) { fprintf(stderr, "seawall impact: out of memory\n"); return EXIT_INPUT; }
    int rc = EXIT_OK;
    size_t done = 0;
    for (size_t a = 0; a < m->n_assets; a++, done++) {
        sw_error err = { 0 };
        uint32_t one = (uint32_t)a;
        all[a].asset = one;
        if (impact_outage(g, &one, 1, 1, &all[a].r, &err) != SW_OK) {
            fprintf(stderr, "seawall impact: %s\n", err.msg);
            rc = err.code == SW_ERR_INVALID ? EXIT_FINDINGS : EXIT_INPUT;
            break;
        }
    }
    if (rc == EXIT_OK) {
        qsort(all, m->n_assets, sizeof *all, cli_impact_rollup_cmp);
        static const char *const headers[] = { "ASSET", "STOPS", "TEU/H", "DELAY H/H", "COST/H", "SAFETY", "ENV", "REGULATORY" };
        cli_listing l;
        cli_listing_begin(&l, ctx->json, 8, headers);
        for (size_t i = 0; i < m->n_assets; i++) {
            const impact_result *r = &all[i].r;
            if (l.json) {
                cli_impact_rollup_jw(&l.w, m->assets[all[i].asset].id, r);
                cli_listing_row(&l, NULL);
                continue;
            }
            char stops[24], teu[32], delay[32], cost[48];
            snprintf(stops, sizeof stops, "%zu", r->n_stopped);
            snprintf(teu, sizeof teu, "%.0f", r->teu_per_hour);
            snprintf(delay, sizeof delay, "%.2f", r->vessel_delay_per_hour);
            snprintf(cost, sizeof cost, "%.0f", r->cost_per_hour);
            const char *cells[] = { m->assets[all[i].asset].id, stops, teu, delay, cost, r->safety ? "yes" : "no",
                                    r->environment ? "yes" : "no", r->regulatory ? "yes" : "no" };
            cli_listing_row(&l, cells);
        }
        cli_listing_end(&l, true, "seawall impact: the model has no assets");
    }
    for (size_t a = 0; a < done; a++) impact_result_free(&all[a].r);
    free(all);
    return rc;
}

static int run_impact(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_LOSE = 0x2000, OPT_HOURS, OPT_MODEL };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "lose", required_argument, NULL, OPT_LOSE },
        { "hours", required_argument, NULL, OPT_HOURS },
        { "model", required_argument, NULL, OPT_MODEL },
        { 0, 0, 0, 0 },
    };
    const char *lose = NULL, *model = NULL;
    double hours = -1;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (common < 0) return rc;
        if (common > 0) continue;
        if (opt == OPT_LOSE) lose = optarg;
        else if (opt == OPT_MODEL) model = optarg;
        else if (opt == OPT_HOURS) {
            char *end;
            errno = 0;
            hours = strtod(optarg, &end);
            if (errno || *end || end == optarg || !isfinite(hours) || hours <= 0 || hours > 24 * 365)
                return cli_usage_error(cmd, "--hours wants a number of hours above 0 (at most a year), not '%s'", optarg);
        } else return cli_usage_error(cmd, "unknown option");
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (hours > 0 && !lose) return cli_usage_error(cmd, "--hours goes with --lose ASSET[,ASSET...]");
    if (lose && hours < 0) hours = 1;
    store *s = NULL;
    if (!model && !(s = cli_open_model_store(cmd, ctx, &rc))) return rc;
    port_model *m = cli_load_port_model(cmd, s, model, &rc);
    if (s) store_close(s);
    if (!m) return rc;
    impact_graph g;
    if (!impact_graph_from_model(m, &g)) { model_free(m); fprintf(stderr, "seawall impact: out of memory\n"); return EXIT_INPUT; }
    rc = lose ? what_if(cmd, ctx, m, &g, lose, hours) : per_asset(ctx, m, &g);
    free((void *)g.nodes);
    model_free(m);
    return rc;
}

const cli_command cmd_impact = {
    "impact", "business impact rolled up through depends_on; what if an asset is lost",
    "Usage: seawall impact [--model port.yaml] [--db PATH] [--json]\n"
    "       seawall impact --lose ASSET[,ASSET...] [--hours N] [--model port.yaml] [--db PATH] [--json]\n"
    "\n"
    "Without --lose, lists every asset with what one hour of its outage stops:\n"
    "its own impact plus that of every asset depending on it, directly or\n"
    "through others, each counted once (TEU/h, vessel delay hours per hour,\n"
    "cost per hour, safety, environment, regulatory), most costly first.\n"
    "\n"
    "With --lose, the assets are down for N hours (default 1): what stops and\n"
    "through which dependency, TEU lost, vessel delay, cost, safety,\n"
    "environment and regulatory exposure with the jurisdictions, and the\n"
    "recovery order - dependencies first, then shortest RTO (unset last) -\n"
    "with the assets whose RTO the outage exceeds. The figures are each\n"
    "asset's own impact (docs/port-model.md, impact); docs/vulns.md explains\n"
    "the roll-up.\n"
    "\n"
    "Exit: 0 ok, 1 depends_on has a cycle (named) or no port model, 2 usage,\n"
    "3 the model or database could not be read.\n",
    run_impact,
};
