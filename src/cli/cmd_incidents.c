/* cmd_incidents.c - `seawall incidents --candidates`: the incident
 * candidates `seawall correlate` stored, best score first. */
#include <stdio.h>
#include <string.h>
#include "cli/cli_store.h"
#include "store/store_candidates.h"

static int candidate_row(void *ctx, const store_candidate_rec *c)
{
    cli_listing *o = ctx;
    if (o->json) {
        jw_raw(&o->w, c->doc);
        cli_listing_row(o, NULL);
        return 0;
    }
    char score[12], first[SW_TIME_STR_MAX], why[400];
    snprintf(score, sizeof score, "%d", c->score);
    time_fmt_rfc3339(c->first_ts, 0, first);
    const char *nl = strchr(c->explanation, '\n');
    snprintf(why, sizeof why, "%.*s", nl ? (int)(nl - c->explanation) : (int)strlen(c->explanation), c->explanation);
    const char *cells[] = { score, c->id, first, c->severity, c->domains, c->tactics, c->assets, why };
    cli_listing_row(o, cells);
    return 0;
}

static int run_incidents(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_CANDIDATES = 0x2000 };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "candidates", no_argument, NULL, OPT_CANDIDATES },
        { 0, 0, 0, 0 },
    };
    bool candidates = false;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        if (opt == OPT_CANDIDATES) candidates = true;
        else if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!candidates)
        return cli_usage_error(cmd, "only --candidates is available: incidents are opened from candidates, listed "
                                    "and run with 'seawall incident'");
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "SCORE", "ID", "FIRST", "SEVERITY", "DOMAINS", "TACTICS", "ASSETS AT STAKE",
                                           "WHY (first link)" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 8, headers);
    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_candidates(s, candidate_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall incidents: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, "seawall incidents: no incident candidate (run 'seawall correlate')");
    store_close(s);
    return rc;
}

const cli_command cmd_incidents = {
    "incidents", "list incident candidates from the correlation engine",
    "Usage: seawall incidents --candidates [--db PATH] [--json]\n"
    "\n"
    "Lists the incident candidates 'seawall correlate' stored, highest score\n"
    "first: score (0-100), id, first alert, highest severity, domains, ATT&CK\n"
    "for ICS tactics in kill-chain order, assets at stake (most critical\n"
    "first) and why the first alerts were linked. --json prints each whole\n"
    "candidate: evidence alerts, assets with their business impact and every\n"
    "link explained (docs/correlate.md).\n"
    "\n"
    "Exits 0 even when there is none, 1 when the database holds no port model,\n"
    "2 on a bad option, 3 when the database is missing or cannot be read.\n",
    run_incidents,
};
