/* cmd_baseline.c - `seawall baseline`: the OT baseline `seawall sense
 * --learn` stored (peers, services and ICS functions per asset), listed or
 * cleared. */
#include <stdio.h>
#include <string.h>
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_baseline.h"

typedef struct listing {
    bool json;
    strbuf sb;
    json_writer w;
    cli_table table;
    size_t rows;
    bool first_functions;
} listing;

static int talker_row(void *ctx, const store_talker_rec *r)
{
    listing *l = ctx;
    l->rows++;
    if (l->json) {
        jw_object_begin(&l->w);
        jw_kv_string(&l->w, "asset", r->asset_id);
        jw_kv_string(&l->w, "peer", r->peer_ip);
        jw_kv_string(&l->w, "role", r->asset_is_server ? "server" : "client");
        jw_kv_string(&l->w, "service", r->service);
        jw_kv_int(&l->w, "first_seen", r->first_seen);
        jw_kv_int(&l->w, "last_seen", r->last_seen);
        jw_object_end(&l->w);
        cli_jw_flush(&l->sb);
        return 0;
    }
    char first[SW_TIME_STR_MAX], last[SW_TIME_STR_MAX];
    const char *cells[] = { r->asset_id, r->asset_is_server ? "peer in" : "peer out", r->peer_ip, r->service, NULL,
                            time_fmt_rfc3339(r->first_seen, 0, first), time_fmt_rfc3339(r->last_seen, 0, last) };
    cli_table_row(&l->table, cells);
    return 0;
}

static int function_row(void *ctx, const store_function_rec *r)
{
    listing *l = ctx;
    l->rows++;
    if (l->json) {
        if (l->first_functions) {
            jw_array_end(&l->w);
            jw_key(&l->w, "functions");
            jw_array_begin(&l->w);
            l->first_functions = false;
        }
        jw_object_begin(&l->w);
        jw_kv_string(&l->w, "asset", r->asset_id);
        jw_kv_string(&l->w, "protocol", r->protocol);
        jw_kv_int(&l->w, "function", r->function);
        if (r->subfunction >= 0) jw_kv_int(&l->w, "subfunction", r->subfunction);
        else { jw_key(&l->w, "subfunction"); jw_null(&l->w); }
        jw_kv_string(&l->w, "function_name", r->function_name);
        jw_kv_int(&l->w, "first_seen", r->first_seen);
        jw_kv_int(&l->w, "last_seen", r->last_seen);
        jw_object_end(&l->w);
        cli_jw_flush(&l->sb);
        return 0;
    }
    char fn[96], first[SW_TIME_STR_MAX], last[SW_TIME_STR_MAX];
    if (r->subfunction >= 0)
        snprintf(fn, sizeof fn, "%d/%d %s", r->function, r->subfunction, r->function_name ? r->function_name : "");
    else
        snprintf(fn, sizeof fn, "%d %s", r->function, r->function_name ? r->function_name : "");
    const char *cells[] = { r->asset_id, "function", NULL, r->protocol, fn, time_fmt_rfc3339(r->first_seen, 0, first),
                            time_fmt_rfc3339(r->last_seen, 0, last) };
    cli_table_row(&l->table, cells);
    return 0;
}

static int list(store *s, const cli_ctx *ctx, const char *asset)
{
    static const char *const headers[] = { "ASSET", "KIND", "PEER", "SERVICE", "FUNCTION", "FIRST SEEN", "LAST SEEN" };
    listing l;
    memset(&l, 0, sizeof l);
    l.json = ctx->json;
    l.first_functions = true;
    strbuf_init(&l.sb);
    jw_init(&l.w, &l.sb);
    if (l.json) {
        jw_object_begin(&l.w);
        jw_key(&l.w, "talkers");
        jw_array_begin(&l.w);
    } else {
        cli_table_init(&l.table, 7, headers);
    }
    sw_error err = { 0 };
    int rc = EXIT_OK;
    if (store_baseline_each(s, asset, talker_row, function_row, &l, &err) != SW_OK) {
        fprintf(stderr, "seawall baseline: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    if (l.json) {
        if (l.first_functions) {
            jw_array_end(&l.w);
            jw_key(&l.w, "functions");
            jw_array_begin(&l.w);
        }
        jw_array_end(&l.w);
        jw_object_end(&l.w);
        strbuf_putc(&l.sb, '\n');
        cli_jw_flush(&l.sb);
    } else {
        if (rc == EXIT_OK && !l.rows)
            fprintf(stderr, "seawall baseline: %s; learn one with 'seawall sense --model port.yaml --learn --pcap ...'\n",
                    asset ? "nothing learned for this asset" : "no baseline learned yet");
        else if (rc == EXIT_OK) cli_table_print(&l.table, stdout);
        cli_table_free(&l.table);
    }
    strbuf_free(&l.sb);
    return rc;
}

static int clear(store *s, const char *asset)
{
    sw_error err = { 0 };
    int64_t removed;
    if (store_baseline_clear(s, asset, &removed, &err) != SW_OK) {
        fprintf(stderr, "seawall baseline: %s\n", err.msg);
        return EXIT_INPUT;
    }
    printf("removed %lld baseline rows%s%s\n", (long long)removed, asset ? " of " : "", asset ? asset : "");
    return EXIT_OK;
}

static int run_baseline(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ASSET = 0x2000 };
    static const struct option opts[] = { CLI_COMMON_OPTIONS, { "asset", required_argument, NULL, OPT_ASSET }, { 0, 0, 0, 0 } };
    /* `seawall baseline [list|clear] [options]` */
    const char *action = "list";
    if (argc > 1 && (!strcmp(argv[1], "list") || !strcmp(argv[1], "clear"))) {
        action = argv[1];
        argv++;
        argc--;
    }
    const char *asset = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        if (opt == OPT_ASSET) { asset = optarg; continue; }
        int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (common < 0) return rc;
        if (common == 0) return cli_usage_error(cmd, "unknown option");
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s' (list or clear come first)", argv[optind]);
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    rc = !strcmp(action, "clear") ? clear(s, asset) : list(s, ctx, asset);
    store_close(s);
    return rc;
}

const cli_command cmd_baseline = {
    "baseline", "the learned OT baseline: list it or clear it",
    "Usage: seawall baseline [list] [--db PATH] [--json] [--asset ID]\n"
    "       seawall baseline clear [--db PATH] [--asset ID]\n"
    "\n"
    "What 'seawall sense --model port.yaml --learn' recorded for each OT asset:\n"
    "the peers it talked with (peer in: the peer opened the flow; peer out: the\n"
    "asset did) and over which service, and the ICS functions it received.\n"
    "'seawall sense --store' (or --baseline) then alerts on anything new\n"
    "(SW-BASE-NEW-TALKER, SW-BASE-NEW-FUNCTION; docs/rules.md).\n"
    "\n"
    "  --asset ID   only this asset\n"
    "  --json       {\"talkers\": [...], \"functions\": [...]}\n"
    "\n"
    "'clear' drops the baseline (of one asset with --asset); learn again after.\n"
    "Exit: 0 ok, 1 no port model in the database, 2 usage, 3 database missing.\n",
    run_baseline,
};
