/* cmd_exposure.c - `seawall exposure`: attack paths from the entry points to
 * the crown jewels, and their choke points, from the port model and the
 * flows the sensors stored. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analysis/exposure.h"
#include "cli/cli.h"
#include "cli/cli_attack.h"
#include "cli/cli_exposure.h"
#include "cli/cli_store.h"
#include "core/diag.h"
#include "core/timeutil.h"
#include "core/vec.h"
#include "store/store_query.h"

enum { OPT_MODEL = 1, OPT_FROM, OPT_TO, OPT_K, OPT_GRAPH_OUT };

/* Splits "a,b" into ids and finds each in the model; prints and fails on
 * the first unknown one. */
static bool pick(const cli_command *cmd, const char *list, const char *what, bool entries, const port_model *m,
                 size_t **out, size_t *n)
{
    size_t cap = entries ? m->n_entry_points : m->n_assets;
    *out = malloc((cap ? cap : 1) * sizeof **out);
    *n = 0;
    if (!*out) return false;
    char *copy = strdup(list), *save = NULL;
    if (!copy) return false;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        long idx = -1;
        if (entries) {
            for (size_t i = 0; i < m->n_entry_points; i++)
                if (strcmp(m->entry_points[i].id, tok) == 0) idx = (long)i;
        } else {
            const model_asset *a = model_asset_by_id(m, tok);
            if (a) idx = a - m->assets;
        }
        if (idx < 0) {
            cli_usage_error(cmd, "no %s '%s' in %s", what, tok, m->path ? m->path : "the model");
            free(copy);
            return false;
        }
        bool dup = false;
        for (size_t i = 0; i < *n; i++) dup |= (*out)[i] == (size_t)idx;
        if (!dup && *n < cap) (*out)[(*n)++] = (size_t)idx;
    }
    free(copy);
    if (*n == 0) { cli_usage_error(cmd, "%s: empty list", what); return false; }
    return true;
}

static int run_exposure(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "model", required_argument, NULL, OPT_MODEL },
        { "from", required_argument, NULL, OPT_FROM },
        { "to", required_argument, NULL, OPT_TO },
        { "k", required_argument, NULL, OPT_K },
        { "graph-out", required_argument, NULL, OPT_GRAPH_OUT },
        { NULL, 0, NULL, 0 },
    };
    const char *model_path = NULL, *from = NULL, *to = NULL, *graph_out = NULL;
    long k = 3;
    const char *env_db = getenv("SEAWALL_DB");
    bool db_given = env_db && *env_db;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (c < 0) return rc;
        if (c > 0) { db_given |= opt == CLI_OPT_DB; continue; }
        switch (opt) {
        case OPT_MODEL: model_path = optarg; break;
        case OPT_FROM: from = optarg; break;
        case OPT_TO: to = optarg; break;
        case OPT_GRAPH_OUT: graph_out = optarg; break;
        case OPT_K: {
            char *end;
            errno = 0;
            k = strtol(optarg, &end, 10);
            if (errno || *end || k < 1 || k > 100) return cli_usage_error(cmd, "--k must be a number from 1 to 100, not '%s'", optarg);
            break;
        }
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    /* The flows come from the database when there is one; without --db a
     * missing default database means the model alone is analysed. */
    store *s = NULL;
    bool have_db = db_given || access(ctx->db_path, F_OK) == 0;
    if (have_db && !(s = cli_open_model_store(cmd, ctx, &rc))) return rc;
    char *stored_model = NULL;
    if (!model_path && s) {
        store_summary sum;
        sw_error serr = { 0 };
        if (store_get_summary(s, &sum, &serr) == SW_OK) {
            stored_model = sum.model_path ? strdup(sum.model_path) : NULL;
            store_summary_free(&sum);
        }
        model_path = stored_model;
    }
    if (!model_path) {
        if (s) store_close(s);
        return cli_usage_error(cmd, "give the port model with --model port.yaml (or a database made by 'seawall init')");
    }

    diag_list diags;
    diag_init(&diags, model_path);
    port_model *m = model_load_file(model_path, &diags);
    if (!m || diags.errors) {
        diag_print(&diags, stderr);
        fprintf(stderr, "seawall exposure: %s %s\n", model_path, m ? "has errors; fix them first ('seawall check')" : "cannot be read");
        diag_free(&diags);
        int code = m ? EXIT_FINDINGS : EXIT_INPUT;
        model_free(m);
        free(stored_model);
        if (s) store_close(s);
        return code;
    }
    diag_free(&diags);

    cli_attack_input ai;
    memset(&ai, 0, sizeof ai);
    size_t *entries = NULL, *targets = NULL, n_entries = 0, n_targets = 0;
    exposure *x = NULL;
    exposure_report rep = { 0 };
    rc = EXIT_OK;
    {
        sw_error err = { 0 };
        if (cli_attack_input_load(s, m, &ai, &err) != SW_OK) {
            fprintf(stderr, "seawall exposure: %s\n", err.msg);
            rc = EXIT_INPUT;
            goto done;
        }
    }

    if (from) {
        if (!pick(cmd, from, "entry point", true, m, &entries, &n_entries)) { rc = EXIT_USAGE; goto done; }
    } else {
        entries = malloc((m->n_entry_points ? m->n_entry_points : 1) * sizeof *entries);
        if (!entries) { rc = EXIT_INPUT; goto done; }
        for (size_t i = 0; i < m->n_entry_points; i++) entries[n_entries++] = i;
    }
    if (to) {
        if (!pick(cmd, to, "asset", false, m, &targets, &n_targets)) { rc = EXIT_USAGE; goto done; }
    } else {
        targets = malloc((m->n_assets ? m->n_assets : 1) * sizeof *targets);
        if (!targets) { rc = EXIT_INPUT; goto done; }
        for (size_t i = 0; i < m->n_assets; i++)
            if (m->assets[i].criticality == CRIT_CROWN_JEWEL) targets[n_targets++] = i;
    }
    if (!n_entries || !n_targets) {
        fprintf(stderr, "seawall exposure: %s has no %s to analyse\n", model_path, !n_entries ? "entry points" : "crown jewels (use --to)");
        rc = EXIT_OK;
        if (ctx->json) printf("{\"port\":null,\"targets\":[]}\n");
        goto done;
    }

    const exposure_input *in = &ai.in;
    sw_error err = { 0 };
    sw_time_us t0 = time_now_us();
    if (!(x = exposure_build(in, &err))) {
        fprintf(stderr, "seawall exposure: %s\n", err.msg);
        rc = EXIT_INPUT;
        goto done;
    }
    sw_time_us t1 = time_now_us();
    if (graph_out) {
        FILE *gf = fopen(graph_out, "w");
        if (gf) cli_exposure_graph_tsv(gf, x);
        if (!gf || ferror(gf) | fclose(gf)) {
            fprintf(stderr, "seawall exposure: cannot write the graph to %s: %s\n", graph_out, strerror(errno));
            rc = EXIT_INPUT;
            goto done;
        }
        t1 = time_now_us();                   /* the dump is not analysis time */
    }
    if (!exposure_analyse(x, entries, n_entries, targets, n_targets, (int)k, &rep)) {
        fprintf(stderr, "seawall exposure: out of memory analysing the attack graph\n");
        rc = EXIT_INPUT;
        goto done;
    }
    sw_time_us t2 = time_now_us();
    /* -v: where the time goes, for bench/exposure. */
    if (ctx->verbose)
        fprintf(stderr, "seawall exposure: graph %u nodes %u edges built in %.3f s; %zu entry point(s) x %zu target(s) "
                "analysed (k=%ld paths, vertex and edge cuts) in %.3f s\n", x->g.n, x->g.m, (double)(t1 - t0) / 1e6,
                n_entries, n_targets, k, (double)(t2 - t1) / 1e6);
    if (ctx->json) cli_exposure_json(stdout, x, &rep, (int)k);
    else {
        size_t violations = 0;
        for (size_t i = 0; i < in->n_flows; i++) violations += in->flows[i].violation;
        printf("Exposure of %s: %zu target%s, %zu entry point%s, %zu observed flow%s (%zu named by a segmentation rule), "
               "%zu known vulnerabilit%s; attack graph of %u nodes and %u edges\n\n",
               m->port.name ? m->port.name : model_path, n_targets, n_targets == 1 ? "" : "s", n_entries,
               n_entries == 1 ? "" : "s", in->n_flows, in->n_flows == 1 ? "" : "s", violations, in->n_vulns,
               in->n_vulns == 1 ? "y" : "ies", x->g.n, x->g.m);
        cli_exposure_print(stdout, x, &rep, (size_t)k);
    }
    for (size_t t = 0; t < rep.n_targets; t++)
        if (rep.targets[t].connected) rc = EXIT_FINDINGS;
done:
    exposure_report_free(&rep);
    exposure_free(x);
    free(entries);
    free(targets);
    cli_attack_input_free(&ai);
    model_free(m);
    free(stored_model);
    if (s) store_close(s);
    return rc;
}

const cli_command cmd_exposure = {
    "exposure", "attack paths to the crown jewels and their choke points",
    "Usage: seawall exposure [--model port.yaml] [--db PATH] [--from ENTRY[,ENTRY...]]\n"
    "                        [--to ASSET[,ASSET...]] [--k N] [--json] [--graph-out FILE]\n"
    "\n"
    "Builds the attack graph of the port - entry points, zones, conduits and\n"
    "assets, plus the flows the sensors stored with 'seawall sense --store'\n"
    "and the vulnerabilities imported with 'seawall vulns import' (each\n"
    "certain, remotely exploitable CVE of an asset is a step into it) -\n"
    "and prints, for each crown jewel (or each --to asset), the most likely\n"
    "paths from each entry point (or each --from entry point), ranked by\n"
    "likelihood, each step with its means (remote service, ICS protocol,\n"
    "allowed conduit, observed policy violation, ...) and its evidence; then\n"
    "the choke points: the fewest assets, and separately the fewest conduits\n"
    "and flows, whose hardening cuts every path, with the paths each cuts.\n"
    "\n"
    "  --model FILE   the port model (default: the one 'seawall init' loaded)\n"
    "  --from IDS     entry points to start from (default: all)\n"
    "  --to IDS       target assets (default: every crown jewel)\n"
    "  --k N          paths per entry point and target, 1..100 (default 3)\n"
    "  --json         one JSON document: targets, ranked paths with steps,\n"
    "                 choke points (see docs/exposure.md)\n"
    "  --graph-out FILE  also write the attack graph as TSV (node and edge\n"
    "                 lines with probabilities and cut flags), for checking\n"
    "                 the analysis with another tool (bench/exposure)\n"
    "\n"
    "The method, the probability of each means and its limits are in\n"
    "docs/exposure.md. Exits 1 when some target is reachable (findings),\n"
    "0 when none is, 2 on a usage error, 3 when the model or database cannot\n"
    "be read.\n",
    run_exposure,
};
