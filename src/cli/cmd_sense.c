/* cmd_sense.c - `seawall sense`: the passive network sensor over pcap or
 * pcapng files and live interfaces; prints what it saw. */
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "core/strbuf.h"
#include "core/json.h"
#include "core/vec.h"
#include "detect/detect.h"
#include "model/model.h"
#include "sense/alerts_out.h"
#include "sense/pipeline.h"
#include "sense/store_out.h"
#include "sense/summary.h"

typedef struct report_ctx {
    const sense_summary *summary;
    const sense_alerts *alerts;  /* NULL without --model */
    bool json;
} report_ctx;

/* The summary object with an "alerts" member added before its closing brace. */
static void splice_alerts(strbuf *sb, const sense_alerts *alerts)
{
    size_t end = sb->len;
    while (end && (sb->data[end - 1] == '\n' || sb->data[end - 1] == ' ')) end--;
    if (!end || sb->data[end - 1] != '}') return;
    sb->len = end - 1;
    strbuf tail;
    strbuf_init(&tail);
    json_writer w;
    jw_init(&w, &tail);
    jw_object_begin(&w);
    sense_alerts_json(alerts, &w);
    jw_object_end(&w);
    strbuf_putc(sb, ',');
    strbuf_append(sb, tail.data + 1, tail.len - 1);   /* drop the wrapper's '{' */
    strbuf_putc(sb, '\n');
    strbuf_free(&tail);
}

static void print_report(void *user, const net_engine_stats *st, const sense_run_info *ri)
{
    report_ctx *r = user;
    if (r->json) {
        strbuf sb;
        strbuf_init(&sb);
        sense_summary_json(r->summary, st, ri, &sb);
        if (r->alerts) splice_alerts(&sb, r->alerts);
        fwrite(sb.data, 1, sb.len, stdout);
        strbuf_free(&sb);
    } else {
        sense_summary_print(r->summary, st, ri, stdout);
        if (r->alerts) sense_alerts_print(r->alerts, stdout);
    }
}

static bool parse_count(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '\0' || *s == '-') return false;
    if (*end == 'k' || *end == 'K') { v *= 1000; end++; }
    else if (*end == 'm' || *end == 'M') { v *= 1000000; end++; }
    if (*end || v < lo || v > hi) return false;
    *out = (uint32_t)v;
    return true;
}

enum { OPT_PCAP = 0x2000, OPT_IFACE, OPT_BPF, OPT_FLOWS, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_STREAM_MEMCAP, OPT_APP_MEMCAP, OPT_MODEL, OPT_EVE, OPT_STORE };

static int run_sense(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "pcap", required_argument, NULL, OPT_PCAP },
        { "iface", required_argument, NULL, OPT_IFACE },
        { "bpf", required_argument, NULL, OPT_BPF },
        { "flows", required_argument, NULL, OPT_FLOWS },
        { "stream-memcap", required_argument, NULL, OPT_STREAM_MEMCAP },
        { "app-memcap", required_argument, NULL, OPT_APP_MEMCAP },
        { "progress", no_argument, NULL, OPT_PROGRESS },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "model", required_argument, NULL, OPT_MODEL },
        { "eve", required_argument, NULL, OPT_EVE },
        { "store", no_argument, NULL, OPT_STORE },
        { NULL, 0, NULL, 0 },
    };
    sense_options so;
    memset(&so, 0, sizeof so);
    so.progress = -1;
    net_engine_config_default(&so.engine);
    VEC(const char *) pcaps = { 0 };
    bool saw_pcap = false;
    const char *model_path = NULL, *eve_path = NULL;
    bool want_store = false;
    int opt, rc = EXIT_OK;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (common < 0) { vec_free(&pcaps); return rc; }
        if (common > 0) continue;
        uint32_t n;
        switch (opt) {
        case OPT_PCAP: saw_pcap = true; vec_push(&pcaps, optarg); break;
        case OPT_IFACE: so.iface = optarg; break;
        case OPT_BPF: so.bpf = optarg; break;
        case OPT_FLOWS:
            if (!parse_count(optarg, 16, 1u << 30, &n)) { vec_free(&pcaps); return cli_usage_error(cmd, "--flows wants a count from 16, got '%s'", optarg); }
            so.engine.flow.capacity = n;
            break;
        case OPT_STREAM_MEMCAP:
            if (!parse_count(optarg, 0, 65536, &n)) { vec_free(&pcaps); return cli_usage_error(cmd, "--stream-memcap wants megabytes, got '%s'", optarg); }
            so.engine.tcp.memcap = (size_t)n << 20;
            break;
        case OPT_APP_MEMCAP:
            if (!parse_count(optarg, 1, 65536, &n)) { vec_free(&pcaps); return cli_usage_error(cmd, "--app-memcap wants megabytes from 1, got '%s'", optarg); }
            so.engine.app_memcap = (size_t)n << 20;
            break;
        case OPT_PROGRESS: so.progress = 1; break;
        case OPT_NO_PROGRESS: so.progress = 0; break;
        case OPT_MODEL: model_path = optarg; break;
        case OPT_EVE: eve_path = optarg; break;
        case OPT_STORE: want_store = true; break;
        default: vec_free(&pcaps); return cli_usage_error(cmd, "unknown option");
        }
    }
    /* `--pcap A B C`: the files after the first are operands. */
    for (int i = optind; i < argc; i++) {
        if (!saw_pcap) { vec_free(&pcaps); return cli_usage_error(cmd, "unexpected argument '%s' (files go after --pcap)", argv[i]); }
        vec_push(&pcaps, argv[i]);
    }
    if (pcaps.len == 0 && !so.iface) { vec_free(&pcaps); return cli_usage_error(cmd, "give --pcap FILE... or --iface IF"); }
    if (eve_path && !model_path) { vec_free(&pcaps); return cli_usage_error(cmd, "--eve needs --model: detection judges flows against the port model"); }
    if (want_store && !model_path) { vec_free(&pcaps); return cli_usage_error(cmd, "--store needs --model: zones and alerts come from the port model"); }
    so.pcaps = pcaps.items;
    so.n_pcaps = pcaps.len;

    port_model *model = NULL;
    if (model_path) {
        diag_list diags;
        diag_init(&diags, model_path);
        model = model_load_file(model_path, &diags);
        if (!model || diags.errors) {
            diag_sort(&diags);
            diag_print(&diags, stderr);
            fprintf(stderr, "seawall sense: %s %s\n", model_path,
                    model ? "has errors; fix them first ('seawall check')" : "cannot be read");
            diag_free(&diags);
            vec_free(&pcaps);
            int code = model ? EXIT_FINDINGS : EXIT_INPUT;
            model_free(model);
            return code;
        }
        diag_free(&diags);
    }
    /* The database must hold a model (seawall init): views join what was
     * seen to the declared assets and zones. */
    store *db = NULL;
    if (want_store && !(db = cli_open_model_store(cmd, ctx, &rc))) {
        model_free(model);
        vec_free(&pcaps);
        return rc;
    }
    FILE *eve = NULL;
    if (eve_path) {
        eve = strcmp(eve_path, "-") == 0 ? stdout : fopen(eve_path, "w");
        if (!eve) {
            fprintf(stderr, "seawall sense: cannot write %s\n", eve_path);
            store_close(db);
            model_free(model);
            vec_free(&pcaps);
            return EXIT_INPUT;
        }
    }

    sense_summary *summary = malloc(sizeof *summary);
    if (!summary) { store_close(db); vec_free(&pcaps); fprintf(stderr, "seawall sense: out of memory\n"); return EXIT_INPUT; }
    sense_summary_init(summary);
    sense_consumers consumers = { .n = 0 };
    sense_consumers_add(&consumers, sense_summary_sink(summary));
    sense_alerts *alerts = NULL;
    detect_engine *det = NULL;
    sense_store *sstore = NULL;
    if (model) {
        alerts = malloc(sizeof *alerts);
        if (alerts) sense_alerts_init(alerts, eve);
        sw_error serr = { 0 };
        if (alerts && db && !(sstore = sense_store_create(db, model, alerts, 0, &serr)))
            fprintf(stderr, "seawall sense: %s\n", serr.msg);
        detect_config dc;
        detect_config_default(&dc);
        if (sstore) det = detect_create(model, &dc, sense_store_alert, sstore);
        else if (alerts && !db) det = detect_create(model, &dc, sense_alerts_emit, alerts);
        if (!det) {
            if (!db || sstore) fprintf(stderr, "seawall sense: out of memory\n");
            sense_store_destroy(sstore);
            store_close(db);
            if (alerts) sense_alerts_free(alerts);
            free(alerts);
            free(summary);
            model_free(model);
            if (eve && eve != stdout) fclose(eve);
            vec_free(&pcaps);
            return EXIT_INPUT;
        }
        sense_consumers_add(&consumers, detect_sink(det));
        if (sstore) sense_consumers_add(&consumers, sense_store_sink(sstore));
        so.on_source = sense_alerts_source;
        so.source_user = alerts;
        so.alerts = &alerts->total;
    }
    report_ctx rep = { summary, alerts, ctx->json };
    sw_error err = { 0 };
    sw_code code = sense_run(&so, &consumers, print_report, &rep, &err);
    bool store_failed = false;
    if (sstore) {
        sw_error serr = { 0 };
        store_failed = sense_store_finish(sstore, &serr) != SW_OK;
        const store_obs_stats *ss = sense_store_stats(sstore);
        if (store_failed) fprintf(stderr, "seawall sense: storing observations failed: %s\n", serr.msg);
        else
            fprintf(stderr, "stored in %s: %" PRIu64 " alerts, %" PRIu64 " flow summaries, %" PRIu64 " host rows, %" PRIu64
                            " ICS operation rows, %" PRIu64 " identities (%" PRIu64 " transactions)\n",
                    store_path(db), ss->alerts, ss->flows, ss->hosts, ss->ics, ss->identities, ss->batches);
    }
    bool eve_failed = false;
    if (eve && eve != stdout) eve_failed = fclose(eve) != 0;
    else if (eve) eve_failed = fflush(eve) != 0;
    if (alerts && alerts->write_errors) eve_failed = true;
    if (eve_failed) fprintf(stderr, "seawall sense: writing %s failed\n", eve_path);
    detect_destroy(det);
    sense_store_destroy(sstore);
    store_close(db);
    if (alerts) sense_alerts_free(alerts);
    free(alerts);
    model_free(model);
    free(summary);
    vec_free(&pcaps);
    if (code == SW_ERR_USAGE) return cli_usage_error(cmd, "%s", err.msg);
    if (code != SW_OK || eve_failed || store_failed) return EXIT_INPUT;
    return EXIT_OK;
}

const cli_command cmd_sense = {
    "sense", "passive network sensor: decode captures or a live interface",
    "Usage: seawall sense --pcap FILE... [--iface IF] [--bpf FILTER] [--json]\n"
    "                     [--flows N] [--stream-memcap MB] [--app-memcap MB]\n"
    "                     [--progress|--no-progress]\n"
    "                     [--model port.yaml [--eve alerts.jsonl] [--store [--db PATH]]]\n"
    "\n"
    "Reads pcap or pcapng files (and/or a live interface) through the decoder,\n"
    "flow table, TCP reassembly and the ICS parsers, and prints a summary:\n"
    "packets, decode anomalies, flows by transport and application, ICS\n"
    "operations by function code and device identities. Ctrl-C stops a live\n"
    "capture cleanly; every flow is flushed before the summary.\n"
    "\n"
    "  --pcap FILE...      capture files; every operand after it is a file too\n"
    "  --iface IF          live capture (after the files, if both are given)\n"
    "  --bpf FILTER        a BPF filter, as tcpdump takes\n"
    "  --flows N           flow table capacity (default 262144; 10k, 1M accepted)\n"
    "  --stream-memcap MB  memory for out-of-order TCP segments (default 64)\n"
    "  --app-memcap MB     memory for parser state, per flow as each parser needs\n"
    "                      (default 256); a flow recognised when it is used up\n"
    "                      goes on unparsed and is counted\n"
    "  --progress          show progress on stderr: percentage, packets, rate and\n"
    "                      alerts so far (default: when stderr is a terminal)\n"
    "  --model FILE        judge every flow against this port model and run the\n"
    "                      detectors (docs/rules.md); the summary counts alerts\n"
    "  --eve FILE          write alerts as ECS JSON lines ('-': stdout)\n"
    "  --store             also write hosts, flow summaries, ICS operations,\n"
    "                      identities and alerts to the database (--db, SEAWALL_DB,\n"
    "                      ./seawall.db), which 'seawall init' must have created;\n"
    "                      read them with 'seawall alerts', 'flows' and 'hosts'\n"
    "  --json              the summary as one JSON object\n"
    "\n"
    "Exit: 0 ok, 1 --store and the database holds no port model, 2 usage, 3 an\n"
    "input (or the database) could not be read or written.\n",
    run_sense,
};
