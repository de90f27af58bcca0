/* cmd_sim.c - `seawall sim`: generate the port's traffic from its model
 * into DIR/traffic.pcap, with injected scenarios listed in
 * DIR/ground-truth.json. Same model, seed and options: same bytes. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "core/json.h"
#include "core/log.h"
#include "sim/ais_sim.h"
#include "sim/scenario.h"
#include "sim/phys_sim.h"
#include "sim/converged.h"
#include "sim/sim.h"

enum { OPT_MODEL = 0x2000, OPT_SEED, OPT_DURATION, OPT_SCALE, OPT_OUT, OPT_START, OPT_SCENARIOS, OPT_NO_SCENARIOS, OPT_LIST, OPT_FEEDS };

/* mkdir -p: creates each missing parent. */
static bool make_dirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0') continue;
        char keep = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return false;
        buf[i] = keep;
    }
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (!s || !*s || *s == '-') return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max) return false;
    *out = v;
    return true;
}

static bool write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static void list_catalogue(void)
{
    printf("Profiles:\n");
    for (size_t i = 0; i < sim_profile_count(); i++) printf("  %-18s %s\n", sim_profile_name(i), sim_profile_summary(i));
    printf("\nScenarios:\n");
    for (size_t i = 0; i < sim_scenario_count(); i++) {
        const sim_scenario *s = sim_scenario_at(i);
        printf("  %-18s ", s->id);
        for (size_t k = 0; s->techniques[k]; k++) printf("%s%s", k ? "," : "", s->techniques[k]);
        printf("  %s\n", s->name);
    }
    printf("\nAIS scenarios (ais.nmea):\n");
    for (size_t i = 0; i < sim_ais_scenario_count(); i++) {
        const sim_ais_scenario *s = sim_ais_scenario_at(i);
        printf("  %-22s ", s->id);
        for (size_t k = 0; s->checks[k]; k++) printf("%s%s", k ? "," : "", s->checks[k]);
        printf("  %s\n", s->name);
    }
}

/* Writes the AIS feed as it comes; remembers the first write error. */
typedef struct ais_out { FILE *f; bool failed; } ais_out;

static void ais_file_sink(void *user, const char *text, size_t len)
{
    ais_out *o = user;
    if (!o->failed && fwrite(text, 1, len, o->f) != len) o->failed = true;
}

static void print_ais_human(const sim_ais_result *a, const char *path)
{
    printf("AIS feed %s: %" PRIu64 " sentences, %" PRIu64 " messages from %zu stations\n", path, a->sentences,
           a->messages, a->stations);
    if (!a->n_runs) return;
    static const char *const hdr[] = { "AIS scenario", "start", "end", "mmsis", "checks", "status" };
    cli_table t;
    cli_table_init(&t, 6, hdr);
    for (size_t i = 0; i < a->n_runs; i++) {
        const sim_ais_run *run = &a->runs[i];
        char s1[SW_TIME_STR_MAX] = "", s2[SW_TIME_STR_MAX] = "", mm[48] = "", ch[96] = "";
        if (!run->skipped && run->first >= 0) { time_fmt_rfc3339(run->first, 0, s1); time_fmt_rfc3339(run->last, 0, s2); }
        if (run->n_mmsis == 1) snprintf(mm, sizeof mm, "%09u", (unsigned)run->mmsis[0]);
        else if (run->n_mmsis) snprintf(mm, sizeof mm, "%zu", run->n_mmsis);
        for (size_t k = 0; run->def->checks[k]; k++) {
            size_t l = strlen(ch);
            snprintf(ch + l, sizeof ch - l, "%s%s", k ? "," : "", run->def->checks[k]);
        }
        const char *row[] = { run->def->id, s1, s2, mm, ch, run->skipped ? "skipped" : "injected" };
        cli_table_row(&t, row);
    }
    cli_table_print(&t, stdout);
    cli_table_free(&t);
    printf("\n");
}

static void print_human(const port_model *m, const sim_options *o, const sim_result *r, const char *pcap, const char *truth)
{
    char a[SW_TIME_STR_MAX], b[SW_TIME_STR_MAX];
    printf("%s: %s to %s, seed %" PRIu64 ", scale %u\n", m->port.name ? m->port.name : "port",
           time_fmt_rfc3339(o->start, 0, a), time_fmt_rfc3339(o->start + o->duration, 0, b), o->seed, o->scale);
    printf("  packets   %" PRIu64 "\n  bytes     %" PRIu64 "\n  sessions  %" PRIu64 "\n  flows     %" PRIu64
           "\n  hosts     %zu\n",
           r->packets, r->bytes, r->sessions, r->flows, r->hosts);
    size_t injected = 0;
    for (size_t i = 0; i < r->n_runs; i++) injected += !r->runs[i].skipped;
    printf("  scenarios %zu injected, %zu skipped\n\n", injected, r->n_runs - injected);
    if (r->n_runs) {
        static const char *const hdr[] = { "scenario", "start", "end", "packets", "techniques", "status" };
        cli_table t;
        cli_table_init(&t, 6, hdr);
        for (size_t i = 0; i < r->n_runs; i++) {
            const sim_scenario_run *run = &r->runs[i];
            char s1[SW_TIME_STR_MAX] = "", s2[SW_TIME_STR_MAX] = "", pk[24], tech[96] = "";
            if (run->first >= 0) { time_fmt_rfc3339(run->first, 3, s1); time_fmt_rfc3339(run->last, 3, s2); }
            snprintf(pk, sizeof pk, "%" PRIu64, run->packets);
            for (size_t k = 0; run->def->techniques[k]; k++) {
                size_t l = strlen(tech);
                snprintf(tech + l, sizeof tech - l, "%s%s", k ? "," : "", run->def->techniques[k]);
            }
            const char *row[] = { run->def->id, s1, s2, pk, tech, run->skipped ? "skipped" : "injected" };
            cli_table_row(&t, row);
        }
        cli_table_print(&t, stdout);
        cli_table_free(&t);
        printf("\n");
    }
    if (r->ais) print_ais_human(r->ais, r->ais_file);
    if (pcap) printf("Wrote %s and %s\n", pcap, truth);
    else printf("Wrote %s\n", truth);
}

static void print_json(const sim_result *r, const char *pcap, const char *truth)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_kv_string(&w, "pcap", pcap);
    jw_kv_string(&w, "ground_truth", truth);
    jw_kv_uint(&w, "packets", r->packets);
    jw_kv_uint(&w, "bytes", r->bytes);
    jw_kv_uint(&w, "sessions", r->sessions);
    jw_kv_uint(&w, "flows", r->flows);
    jw_kv_uint(&w, "hosts", r->hosts);
    if (r->ais) {
        jw_kv_string(&w, "ais", r->ais_file);
        jw_kv_uint(&w, "ais_sentences", r->ais->sentences);
        jw_kv_uint(&w, "ais_messages", r->ais->messages);
    }
    jw_key(&w, "scenarios");
    jw_array_begin(&w);
    for (size_t i = 0; i < r->n_runs; i++) {
        jw_object_begin(&w);
        jw_kv_string(&w, "id", r->runs[i].def->id);
        jw_kv_string(&w, "status", r->runs[i].skipped ? "skipped" : "injected");
        jw_kv_uint(&w, "packets", r->runs[i].packets);
        if (r->runs[i].skipped) jw_kv_string(&w, "reason", r->runs[i].reason);
        jw_object_end(&w);
    }
    for (size_t i = 0; r->ais && i < r->ais->n_runs; i++) {
        const sim_ais_run *run = &r->ais->runs[i];
        jw_object_begin(&w);
        jw_kv_string(&w, "id", run->def->id);
        jw_kv_string(&w, "status", run->skipped ? "skipped" : "injected");
        jw_kv_uint(&w, "sentences", run->sentences);
        if (run->skipped) jw_kv_string(&w, "reason", run->reason);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_object_end(&w);
    printf("%s\n", strbuf_cstr(&sb));
    strbuf_free(&sb);
}

/* The ids in a comma-separated list that name packet-simulator scenarios,
 * into `out` (empty when none fit or none are). */
static void net_scenario_ids(const char *ids, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = ids; *p;) {
        size_t len = strcspn(p, ",");
        bool net = false;
        for (size_t i = 0; i < sim_scenario_count() && !net; i++)
            net = strlen(sim_scenario_at(i)->id) == len && strncmp(sim_scenario_at(i)->id, p, len) == 0;
        if (net && n + len + 2 < cap) {
            if (n) out[n++] = ',';
            memcpy(out + n, p, len);
            n += len;
            out[n] = '\0';
        }
        p += len;
        if (*p) p++;
    }
}

static int run_sim(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "model", required_argument, NULL, OPT_MODEL },
        { "seed", required_argument, NULL, OPT_SEED },
        { "duration", required_argument, NULL, OPT_DURATION },
        { "scale", required_argument, NULL, OPT_SCALE },
        { "out", required_argument, NULL, OPT_OUT },
        { "start", required_argument, NULL, OPT_START },
        { "scenarios", required_argument, NULL, OPT_SCENARIOS },
        { "no-scenarios", no_argument, NULL, OPT_NO_SCENARIOS },
        { "list", no_argument, NULL, OPT_LIST },
        { "feeds", required_argument, NULL, OPT_FEEDS },
        { 0, 0, 0, 0 },
    };
    sim_options o;
    sim_options_default(&o);
    const char *model_path = NULL, *out = NULL, *feeds = NULL;
    bool list = false;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int r = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (r < 0) return rc;
        if (r > 0) continue;
        uint64_t v;
        switch (opt) {
        case OPT_MODEL: model_path = optarg; break;
        case OPT_OUT: out = optarg; break;
        case OPT_SEED:
            if (!parse_u64(optarg, UINT64_MAX, &v)) return cli_usage_error(cmd, "--seed wants a non-negative integer, not '%s'", optarg);
            o.seed = v;
            break;
        case OPT_SCALE:
            if (!parse_u64(optarg, 100000, &v) || v == 0) return cli_usage_error(cmd, "--scale wants 1..100000, not '%s'", optarg);
            o.scale = (unsigned)v;
            break;
        case OPT_DURATION:
            if (!duration_parse(optarg, &o.duration) || o.duration <= 0 || o.duration > SIM_S(86400) * 31)
                return cli_usage_error(cmd, "--duration wants a duration such as 90s, 15m or 1h (up to 31d), not '%s'", optarg);
            break;
        case OPT_START:
            if (!time_parse_rfc3339(optarg, &o.start))
                return cli_usage_error(cmd, "--start wants an RFC 3339 time such as 2026-11-28T06:00:00Z, not '%s'", optarg);
            break;
        case OPT_SCENARIOS: o.only = optarg; o.scenarios = true; break;
        case OPT_NO_SCENARIOS: o.scenarios = false; break;
        case OPT_LIST: list = true; break;
        case OPT_FEEDS: feeds = optarg; break;
        default: return cli_usage_error(cmd, "unexpected option");
        }
    }
    if (list) { list_catalogue(); return EXIT_OK; }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!model_path) return cli_usage_error(cmd, "--model FILE is required");
    if (!out) return cli_usage_error(cmd, "--out DIR is required");
    if (o.only) {
        for (const char *p = o.only; *p;) {
            const char *e = strchr(p, ',');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            bool known = false;
            for (size_t i = 0; i < sim_scenario_count() && !known; i++)
                known = strlen(sim_scenario_at(i)->id) == len && strncmp(sim_scenario_at(i)->id, p, len) == 0;
            for (size_t i = 0; i < sim_ais_scenario_count() && !known; i++)
                known = strlen(sim_ais_scenario_at(i)->id) == len && strncmp(sim_ais_scenario_at(i)->id, p, len) == 0;
            known = known || sim_phys_is_scenario(p, len);
            if (!known) return cli_usage_error(cmd, "unknown scenario '%.*s' (see 'seawall sim --list')", (int)len, p);
            p += len + (e ? 1 : 0);
        }
    }

    bool want_pcap = true, want_ais = true, ais_explicit = false;
    if (feeds) {
        want_pcap = want_ais = false;
        for (const char *p = feeds; *p;) {
            const char *e = strchr(p, ',');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len == 4 && strncmp(p, "pcap", 4) == 0) want_pcap = true;
            else if (len == 3 && strncmp(p, "ais", 3) == 0) want_ais = ais_explicit = true;
            else return cli_usage_error(cmd, "--feeds takes pcap and/or ais, not '%.*s'", (int)len, p);
            p += len + (e ? 1 : 0);
        }
        if (!want_pcap && !want_ais) return cli_usage_error(cmd, "--feeds needs pcap, ais or both");
    }

    diag_list diags;
    diag_init(&diags, model_path);
    port_model *m = model_load_file(model_path, &diags);
    if (!m) {
        diag_print(&diags, stderr);
        fprintf(stderr, "seawall sim: cannot read model '%s'\n", model_path);
        diag_free(&diags);
        return EXIT_INPUT;
    }
    if (diags.errors) {
        diag_sort(&diags);
        diag_print(&diags, stderr);
        fprintf(stderr, "seawall sim: %s has %zu error(s); fix them first ('seawall check %s')\n",
                model_path, diags.errors, model_path);
        diag_free(&diags);
        model_free(m);
        return EXIT_FINDINGS;
    }
    if (ctx->verbose) { diag_sort(&diags); diag_print(&diags, stderr); }
    diag_free(&diags);

    const char *why = NULL;
    if (want_ais && !sim_ais_possible(m, &why)) {
        if (ais_explicit) {
            fprintf(stderr, "seawall sim: no AIS feed: %s (see docs/port-model.md \"geography\")\n", why);
            model_free(m);
            return EXIT_FINDINGS;
        }
        want_ais = false;
        if (ctx->verbose) fprintf(stderr, "seawall sim: no AIS feed: %s\n", why);
    }

    char pcap_path[4200], truth_path[4200], ais_path[4200];
    snprintf(pcap_path, sizeof pcap_path, "%s/traffic.pcap", out);
    snprintf(truth_path, sizeof truth_path, "%s/ground-truth.json", out);
    snprintf(ais_path, sizeof ais_path, "%s/ais.nmea", out);
    sw_error err = { 0 };
    rc = EXIT_OK;
    sim_pcap *pc = NULL;
    if (!make_dirs(out)) {
        fprintf(stderr, "seawall sim: cannot create '%s': %s\n", out, strerror(errno));
        rc = EXIT_INPUT;
    } else if (want_pcap && !(pc = sim_pcap_open(pcap_path, &err))) {
        fprintf(stderr, "seawall sim: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    if (rc != EXIT_OK) { model_free(m); return rc; }

    sim_result res;
    memset(&res, 0, sizeof res);
    /* The packet simulator gets only its own scenario ids: AIS and
     * physical-security scenarios belong to their feeds. */
    char net_only[1024];
    const char *all_only = o.only;
    bool all_scenarios = o.scenarios;
    if (o.only) {
        net_scenario_ids(o.only, net_only, sizeof net_only);
        o.only = net_only;
        if (!net_only[0]) o.scenarios = false;
    }
    if (want_pcap) {
        sw_code sc = sim_run(m, &o, sim_pcap_sink, pc, &res, &err);
        sw_code cc = sim_pcap_close(pc, sc == SW_OK ? &err : NULL);
        if (sc != SW_OK || cc != SW_OK) {
            fprintf(stderr, "seawall sim: %s\n", err.msg);
            model_free(m);
            return sc == SW_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
        }
        for (size_t i = 0; i < res.n_runs; i++)
            if (res.runs[i].skipped)
                fprintf(stderr, "seawall sim: warning: scenario '%s' skipped: %s\n", res.runs[i].def->id, res.runs[i].reason);
    } else {
        res.first = res.last = -1;
    }
    o.only = all_only;
    o.scenarios = all_scenarios;

    static sim_ais_result ais_res;
    if (want_ais) {
        ais_out ao = { fopen(ais_path, "wb"), false };
        if (!ao.f) {
            fprintf(stderr, "seawall sim: cannot write '%s': %s\n", ais_path, strerror(errno));
            model_free(m);
            return EXIT_INPUT;
        }
        sim_ais_request req[SIM_MAX_RUNS];
        size_t n_req = sim_converged_ais_requests(&res, req, SIM_MAX_RUNS);
        sw_code sc = sim_ais_run_feed_with(m, &o, req, n_req, ais_file_sink, &ao, &ais_res, &err);
        bool closed = fclose(ao.f) == 0;
        if (sc != SW_OK || ao.failed || !closed) {
            fprintf(stderr, "seawall sim: %s\n", sc != SW_OK ? err.msg : "cannot write the AIS feed");
            model_free(m);
            return EXIT_INPUT;
        }
        for (size_t i = 0; i < ais_res.n_runs; i++)
            if (ais_res.runs[i].skipped)
                fprintf(stderr, "seawall sim: warning: AIS scenario '%s' skipped: %s\n", ais_res.runs[i].def->id,
                        ais_res.runs[i].reason);
        res.ais = &ais_res;
        res.ais_file = "ais.nmea";
    }

    sim_converged_windows(&res, res.ais);
    strbuf truth;
    strbuf_init(&truth);
    sim_truth_write(m, &o, &res, &truth);
    sim_phys *ps = sim_phys_create(m, &o);
    if (ps) {
        sim_phys_routine(ps);
        if (o.scenarios || o.only) sim_phys_scenarios(ps, o.only);
        sim_converged_phys(&res, ps);
        if (sim_phys_write(ps, out, &truth, &err) != SW_OK) {
            fprintf(stderr, "seawall sim: %s\n", err.msg);
            rc = EXIT_INPUT;
        }
        sim_phys_free(ps);
    }
    if (truth.oom || !write_file(truth_path, truth.data, truth.len)) {
        fprintf(stderr, "seawall sim: cannot write '%s'\n", truth_path);
        rc = EXIT_INPUT;
    } else if (ctx->json) {
        if (res.ais) res.ais_file = ais_path;
        print_json(&res, want_pcap ? pcap_path : NULL, truth_path);
    } else {
        if (res.ais) res.ais_file = ais_path;
        print_human(m, &o, &res, want_pcap ? pcap_path : NULL, truth_path);
    }
    strbuf_free(&truth);
    model_free(m);
    return rc;
}

const cli_command cmd_sim = {
    "sim", "generate the port's traffic (pcap) with injected attack scenarios",
    "Usage: seawall sim --model PORT.yaml --out DIR [options]\n"
    "\n"
    "Generates deterministic network traffic for the port described by the model:\n"
    "normal traffic from per-kind profiles (Modbus, S7comm, IEC 104, DNS, TLS, ...)\n"
    "that only crosses zones where a conduit allows it, plus injected attack\n"
    "scenarios. Writes DIR/traffic.pcap and DIR/ground-truth.json, replacing\n"
    "files of those names. When the model has a geography (a VTS area), also\n"
    "DIR/ais.nmea: the port's AIS traffic as !AIVDM sentences with NMEA 4.10 tag\n"
    "blocks, with labelled spoofing and jamming scenarios (see docs/sim.md).\n"
    "The same model, seed and options give the same bytes.\n"
    "\n"
    "Options:\n"
    "  --model FILE       the port model (port.yaml)\n"
    "  --out DIR          output folder, created if missing\n"
    "  --seed N           random seed (default 1)\n"
    "  --duration D       simulated time, e.g. 90s, 10m, 1h (default 1h)\n"
    "  --scale K          K replicas of every normal flow, for volume (default 1)\n"
    "  --start TIME       first timestamp, RFC 3339 (default 2026-01-01T00:00:00Z)\n"
    "  --scenarios LIST   inject only these scenario ids (comma-separated)\n"
    "  --no-scenarios     normal traffic only\n"
    "  --feeds LIST       pcap, ais or pcap,ais (default: both; ais only with a geography)\n"
    "  --list             list the profiles and scenarios, then exit\n",
    run_sim,
};
