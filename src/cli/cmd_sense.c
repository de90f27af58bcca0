/* cmd_sense.c - `seawall sense`: the passive network sensor over pcap or
 * pcapng files and live interfaces; prints what it saw. */
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include "cli/cli.h"
#include "cli/cli_ais.h"
#include "cli/cli_store.h"
#include "core/strbuf.h"
#include "core/json.h"
#include "core/vec.h"
#include "detect/detect.h"
#include "model/model.h"
#include "sense/alerts_out.h"
#include "sense/detect_db.h"
#include "detect/phys_detect.h"
#include "cli/cli_correlate.h"
#include "sense/phys_feed.h"
#include "sense/pipeline.h"
#include "sense/store_out.h"
#include "sense/summary.h"

#define SENSE_MAX_PHYS_FEEDS 16

/* One --access or --vms input and what reading it found. */
typedef struct phys_input {
    const char *spec, *what;     /* what: "access" or "vms" */
    phys_profile *profile;
    phys_feed_result res;
    bool done;
} phys_input;

typedef struct report_ctx {
    const sense_summary *summary;
    const sense_alerts *alerts;  /* NULL without --model */
    bool json;
    const phys_input *phys;
    size_t n_phys;
} report_ctx;

static void phys_summary_print(const phys_input *in, size_t n, FILE *out)
{
    for (size_t i = 0; i < n; i++) {
        const phys_stats *st = &in[i].res.stats;
        if (!in[i].done) continue;
        fprintf(out, "\n%s feed %s (profile %s): %" PRIu64 " lines, %" PRIu64 " events, %" PRIu64 " malformed (skipped), %" PRIu64
                     " unmapped, %" PRIu64 " blank or header\n",
                in[i].what, in[i].spec, in[i].profile->name, st->lines, st->events, st->malformed, st->unmapped, st->skipped);
        for (int k = 1; k < PHYS__COUNT; k++)
            if (st->by_kind[k]) fprintf(out, "  %-16s %8" PRIu64 "\n", phys_kind_name((phys_kind)k), st->by_kind[k]);
    }
}

/* "phys": [{feed, kind, profile, lines, events, malformed, unmapped, skipped, by_kind}] as one member. */
static void phys_summary_json(const phys_input *in, size_t n, json_writer *w)
{
    jw_key(w, "phys");
    jw_array_begin(w);
    for (size_t i = 0; i < n; i++) {
        if (!in[i].done) continue;
        const phys_stats *st = &in[i].res.stats;
        jw_object_begin(w);
        jw_kv_string(w, "feed", in[i].spec);
        jw_kv_string(w, "kind", in[i].what);
        jw_kv_string(w, "profile", in[i].profile->name);
        jw_kv_uint(w, "lines", st->lines);
        jw_kv_uint(w, "events", st->events);
        jw_kv_uint(w, "malformed", st->malformed);
        jw_kv_uint(w, "unmapped", st->unmapped);
        jw_kv_uint(w, "skipped", st->skipped);
        jw_key(w, "by_kind");
        jw_object_begin(w);
        for (int k = 1; k < PHYS__COUNT; k++)
            if (st->by_kind[k]) jw_kv_uint(w, phys_kind_name((phys_kind)k), st->by_kind[k]);
        jw_object_end(w);
        jw_object_end(w);
    }
    jw_array_end(w);
}

/* The summary object with an "alerts" member added before its closing brace. */
static void splice_alerts(strbuf *sb, const sense_alerts *alerts, const phys_input *phys, size_t n_phys)
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
    if (alerts) sense_alerts_json(alerts, &w);
    if (n_phys) phys_summary_json(phys, n_phys, &w);
    jw_object_end(&w);
    if (sb->len > 1) strbuf_putc(sb, ',');   /* "{}" gets no comma */
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
        if (r->alerts || r->n_phys) splice_alerts(&sb, r->alerts, r->phys, r->n_phys);
        fwrite(sb.data, 1, sb.len, stdout);
        strbuf_free(&sb);
    } else {
        sense_summary_print(r->summary, st, ri, stdout);
        phys_summary_print(r->phys, r->n_phys, stdout);
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

/* sense_store_tick_fn: refresh the stored candidates at the input's clock.
 * A failure is reported once; the end of the run puts the candidates right. */
static void live_tick(void *user, int64_t now)
{
    cli_live_corr *live = user;
    sw_error err = { 0 };
    if (cli_live_corr_refresh(live, now, &err) != SW_OK)
        fprintf(stderr, "seawall sense: refreshing the incident candidates failed (%s); they are correlated again at the end\n", err.msg);
}

static sw_code live_finish(const cli_command *cmd, cli_live_corr *live)
{
    cli_correlate_counts cc;
    bool exact;
    sw_error err = { 0 };
    sw_code rc = cli_live_corr_finish(live, &cc, &exact, &err);
    if (rc != SW_OK) fprintf(stderr, "seawall %s: correlating the stored alerts failed: %s\n", cmd->name, err.msg);
    else
        fprintf(stderr, "correlated %" PRIu64 " stored alerts%s: %" PRIu64 " incident candidates%s\n", cc.alerts,
                exact ? " as they came" : " again (some came late)", cc.candidates,
                cc.malformed ? " (some stored alerts could not be read)" : "");
    return rc;
}

enum { OPT_PCAP = 0x2000, OPT_IFACE, OPT_BPF, OPT_FLOWS, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_STREAM_MEMCAP, OPT_APP_MEMCAP, OPT_MODEL, OPT_EVE, OPT_STORE,
       OPT_LEARN, OPT_BASELINE, OPT_INTEL, OPT_BASELINE_CAPACITY, OPT_INTEL_CAPACITY,
       OPT_AIS, OPT_ACCESS, OPT_VMS, OPT_ACCESS_PROFILE, OPT_VMS_PROFILE, OPT_TRAVEL_SPEED, OPT_CAMERA_SILENCE,
       OPT_AIS_SET, OPT_CORRELATE_EVERY };

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
        { "learn", no_argument, NULL, OPT_LEARN },
        { "baseline", no_argument, NULL, OPT_BASELINE },
        { "intel", no_argument, NULL, OPT_INTEL },
        { "baseline-capacity", required_argument, NULL, OPT_BASELINE_CAPACITY },
        { "intel-capacity", required_argument, NULL, OPT_INTEL_CAPACITY },
        { "ais", required_argument, NULL, OPT_AIS },
        { "ais-set", required_argument, NULL, OPT_AIS_SET },
        { "access", required_argument, NULL, OPT_ACCESS },
        { "vms", required_argument, NULL, OPT_VMS },
        { "access-profile", required_argument, NULL, OPT_ACCESS_PROFILE },
        { "vms-profile", required_argument, NULL, OPT_VMS_PROFILE },
        { "travel-speed", required_argument, NULL, OPT_TRAVEL_SPEED },
        { "camera-silence", required_argument, NULL, OPT_CAMERA_SILENCE },
        { "correlate-every", required_argument, NULL, OPT_CORRELATE_EVERY },
        { NULL, 0, NULL, 0 },
    };
    sense_options so;
    memset(&so, 0, sizeof so);
    so.progress = -1;
    net_engine_config_default(&so.engine);
    VEC(const char *) pcaps = { 0 };
    VEC(const char *) ais = { 0 };
    VEC(const char *) ais_sets = { 0 };
    bool saw_pcap = false;
    const char *model_path = NULL, *eve_path = NULL;
    bool want_store = false, learn = false, use_baseline = false, use_intel = false, phys_failed = false;
    detect_config dc;
    detect_config_default(&dc);
    phys_input phys[SENSE_MAX_PHYS_FEEDS];
    size_t n_phys = 0;
    const char *access_profile = "generic-csv", *vms_profile = "milestone-syslog";
    uint32_t correlate_every = 60;   /* seconds of input time between live candidate refreshes */
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
        case OPT_LEARN: learn = true; break;
        case OPT_BASELINE: use_baseline = true; break;
        case OPT_INTEL: use_intel = true; break;
        case OPT_BASELINE_CAPACITY:
            if (!parse_count(optarg, 16, 1u << 28, &dc.baseline_capacity)) { vec_free(&pcaps); return cli_usage_error(cmd, "--baseline-capacity wants a count from 16 to 268M, got '%s'", optarg); }
            break;
        case OPT_INTEL_CAPACITY:
            if (!parse_count(optarg, 16, 1u << 28, &dc.intel_capacity)) { vec_free(&pcaps); return cli_usage_error(cmd, "--intel-capacity wants a count from 16 to 268M, got '%s'", optarg); }
            break;
        case OPT_AIS: vec_push(&ais, optarg); break;
        case OPT_AIS_SET: vec_push(&ais_sets, optarg); break;
        case OPT_ACCESS: case OPT_VMS:
            if (n_phys == SENSE_MAX_PHYS_FEEDS) { vec_free(&pcaps); return cli_usage_error(cmd, "at most %d --access/--vms feeds", SENSE_MAX_PHYS_FEEDS); }
            phys[n_phys].spec = optarg;
            phys[n_phys].what = opt == OPT_ACCESS ? "access" : "vms";
            phys[n_phys].done = false;
            n_phys++;
            break;
        case OPT_ACCESS_PROFILE: access_profile = optarg; break;
        case OPT_VMS_PROFILE: vms_profile = optarg; break;
        case OPT_TRAVEL_SPEED: {
            char *end;
            double v = strtod(optarg, &end);
            if (*end || !(v > 0.1 && v < 1000)) { vec_free(&pcaps); return cli_usage_error(cmd, "--travel-speed wants metres per second (0.1 to 1000), got '%s'", optarg); }
            dc.phys_max_speed = v;
            break;
        }
        case OPT_CAMERA_SILENCE: {
            uint32_t secs;
            if (!parse_count(optarg, 0, 86400, &secs)) { vec_free(&pcaps); return cli_usage_error(cmd, "--camera-silence wants seconds from 0 (off) to 86400, got '%s'", optarg); }
            dc.phys_camera_silence = (sw_time_us)secs * 1000000;
            break;
        }
        case OPT_CORRELATE_EVERY:
            if (!parse_count(optarg, 0, 86400, &correlate_every)) { vec_free(&pcaps); return cli_usage_error(cmd, "--correlate-every wants seconds from 0 (only at the end) to 86400, got '%s'", optarg); }
            break;
        default: vec_free(&pcaps); return cli_usage_error(cmd, "unknown option");
        }
    }
    /* `--pcap A B C`: the files after the first are operands. */
    for (int i = optind; i < argc; i++) {
        if (!saw_pcap) { vec_free(&pcaps); return cli_usage_error(cmd, "unexpected argument '%s' (files go after --pcap)", argv[i]); }
        vec_push(&pcaps, argv[i]);
    }
    if (ais.len) {
        /* The AIS sensor: NMEA feeds, not packets (seawall ais track). */
        int arc;
        if (pcaps.len || so.iface || n_phys) arc = cli_usage_error(cmd, "--ais runs on its own: not with --pcap, --iface, --access or --vms");
        else {
            cli_ais_opts ao = { .model_path = model_path, .eve_path = eve_path, .store = want_store,
                                .sets = ais_sets.items, .n_sets = ais_sets.len };
            arc = cli_ais_track(cmd, ctx, ais.items, ais.len, &ao);
        }
        vec_free(&ais);
        vec_free(&ais_sets);
        vec_free(&pcaps);
        return arc;
    }
    if (pcaps.len == 0 && !so.iface && !n_phys) { vec_free(&pcaps); return cli_usage_error(cmd, "give --pcap FILE..., --iface IF, --access FEED or --vms FEED"); }
    /* Profiles are checked before anything runs: a typo is a usage error, not a half-read feed. */
    static phys_profile profiles[2];
    for (int k = 0; k < 2 && n_phys; k++) {
        sw_error perr = { 0 };
        sw_code prc = phys_profile_load(k ? vms_profile : access_profile, &profiles[k], &perr);
        bool used = false;
        for (size_t i = 0; i < n_phys; i++) used |= !strcmp(phys[i].what, k ? "vms" : "access");
        if (!used) continue;
        if (prc != SW_OK) {
            vec_free(&pcaps);
            fprintf(stderr, "seawall sense: %s\n", perr.msg);
            return prc == SW_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
        }
    }
    for (size_t i = 0; i < n_phys; i++) phys[i].profile = &profiles[strcmp(phys[i].what, "vms") == 0];
    if (eve_path && !model_path) { vec_free(&pcaps); return cli_usage_error(cmd, "--eve needs --model: detection judges flows against the port model"); }
    if (want_store && !model_path) { vec_free(&pcaps); return cli_usage_error(cmd, "--store needs --model: zones and alerts come from the port model"); }
    if ((learn || use_baseline || use_intel) && !model_path) { vec_free(&pcaps); return cli_usage_error(cmd, "--learn, --baseline and --intel need --model: the baseline is kept per model asset"); }
    /* --store runs with everything the database knows. */
    if (want_store) use_baseline = use_intel = true;
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
    if ((want_store || learn || use_baseline || use_intel) && !(db = cli_open_model_store(cmd, ctx, &rc))) {
        model_free(model);
        vec_free(&pcaps);
        return rc;
    }
    detect_baseline *baseline = NULL;
    detect_intel *intel = NULL;
    sense_learner *learner = NULL;
    if (db) {
        sw_error lerr = { 0 };
        store_baseline_counts bc;
        sw_code lrc = SW_OK;
        if (learn || use_baseline) {
            lrc = sense_load_baseline(db, dc.baseline_capacity, learn, &baseline, &bc, &lerr);
            if (lrc == SW_OK && baseline)
                fprintf(stderr, "baseline: %lld talkers and %lld ICS functions on %lld assets (%zu of %u items)%s\n",
                        (long long)bc.talkers, (long long)bc.functions, (long long)bc.assets,
                        detect_baseline_size(baseline), dc.baseline_capacity, learn ? ", learning" : "");
            else if (lrc == SW_OK && !learn)
                fprintf(stderr, "baseline: none learned yet (seawall sense --learn); SW-BASE rules are off\n");
        }
        if (lrc == SW_OK && use_intel) {
            lrc = sense_load_intel(db, dc.intel_capacity, &intel, &lerr);
            if (lrc == SW_OK && intel)
                fprintf(stderr, "intel: %zu indicators (%zu KiB)\n", detect_intel_count(intel),
                        detect_intel_memory(intel) / 1024);
        }
        if (lrc == SW_OK && learn && !(learner = sense_learner_create(db, &lerr))) lrc = SW_ERR_DB;
        if (lrc != SW_OK) {
            fprintf(stderr, "seawall sense: %s\n", lerr.msg);
            detect_baseline_destroy(baseline);
            detect_intel_destroy(intel);
            store_close(db);
            model_free(model);
            vec_free(&pcaps);
            return lrc == SW_ERR_LIMIT ? EXIT_USAGE : EXIT_INPUT;
        }
    }
    FILE *eve = NULL;
    if (eve_path) {
        eve = strcmp(eve_path, "-") == 0 ? stdout : fopen(eve_path, "w");
        if (!eve) {
            fprintf(stderr, "seawall sense: cannot write %s\n", eve_path);
            sense_learner_destroy(learner);
            detect_baseline_destroy(baseline);
            detect_intel_destroy(intel);
            store_close(db);
            model_free(model);
            vec_free(&pcaps);
            return EXIT_INPUT;
        }
    }

    sense_summary *summary = malloc(sizeof *summary);
    if (!summary) {
        sense_learner_destroy(learner);
        detect_baseline_destroy(baseline);
        detect_intel_destroy(intel);
        store_close(db);
        model_free(model);
        vec_free(&pcaps);
        if (eve && eve != stdout) fclose(eve);
        fprintf(stderr, "seawall sense: out of memory\n");
        return EXIT_INPUT;
    }
    sense_summary_init(summary);
    sense_consumers consumers = { .n = 0 };
    sense_consumers_add(&consumers, sense_summary_sink(summary));
    sense_alerts *alerts = NULL;
    detect_engine *det = NULL;
    sense_store *sstore = NULL;
    cli_live_corr *live = NULL;
    if (model) {
        alerts = malloc(sizeof *alerts);
        if (alerts) sense_alerts_init(alerts, eve);
        sw_error serr = { 0 };
        if (alerts && want_store && !(sstore = sense_store_create(db, model, alerts, 0, &serr)))
            fprintf(stderr, "seawall sense: %s\n", serr.msg);
        if (sstore) det = detect_create(model, &dc, sense_store_alert, sstore);
        else if (alerts && !want_store) det = detect_create(model, &dc, sense_alerts_emit, alerts);
        if (!det) {
            if (!want_store || sstore) fprintf(stderr, "seawall sense: out of memory\n");
            sense_store_destroy(sstore);
            sense_learner_destroy(learner);
            detect_baseline_destroy(baseline);
            detect_intel_destroy(intel);
            store_close(db);
            if (alerts) sense_alerts_free(alerts);
            free(alerts);
            free(summary);
            model_free(model);
            if (eve && eve != stdout) fclose(eve);
            vec_free(&pcaps);
            return EXIT_INPUT;
        }
        if (sstore && !(live = cli_live_corr_create(db, model, &serr)))
            fprintf(stderr, "seawall sense: live correlation is off (%s); the stored alerts are correlated at the end\n", serr.msg);
        if (live) sense_store_set_tick(sstore, (int64_t)correlate_every * 1000000, !(pcaps.len || so.iface), live_tick, live);
        if (baseline) detect_set_baseline(det, baseline, learner ? sense_learner_item : NULL, learner);
        if (intel) detect_set_intel(det, intel);
        sense_consumers_add(&consumers, detect_sink(det));
        if (sstore) sense_consumers_add(&consumers, sense_store_sink(sstore));
        so.on_source = sense_alerts_source;
        so.source_user = alerts;
        so.alerts = &alerts->total;
    }
    report_ctx rep = { summary, alerts, ctx->json, phys, n_phys };
    sw_error err = { 0 };
    sw_code code = SW_OK;
    arena tz_mem;
    arena_init(&tz_mem, 0);
    const sw_tz *port_tz = NULL;
    if (model && model->port.timezone && n_phys) {
        sw_error terr = { 0 };
        port_tz = tz_load(&tz_mem, model->port.timezone, &terr);
        if (!port_tz) fprintf(stderr, "seawall sense: time zone %s: %s; shifts are read as UTC\n", model->port.timezone, terr.msg);
    }
    if (det) detect_phys_set_tz(det, port_tz);
    /* File feeds first, so the summary counts them; the detectors join
     * badge, video and network evidence in either order. */
    bool live_phys = false;
    for (size_t i = 0; i < n_phys && code == SW_OK; i++) {
        if (!strncmp(phys[i].spec, "udp://", 6)) { live_phys = true; continue; }
        sw_error ferr = { 0 };
        sw_code frc = phys_feed_run(phys[i].spec, phys[i].profile, port_tz, det, stderr, &phys[i].res, &ferr);
        phys[i].done = frc == SW_OK;
        if (frc != SW_OK) {
            fprintf(stderr, "seawall sense: %s\n", ferr.msg);
            code = frc == SW_ERR_USAGE ? SW_ERR_USAGE : SW_OK;
            if (frc != SW_ERR_USAGE) phys_failed = true;
            if (frc == SW_ERR_USAGE) snprintf(err.msg, sizeof err.msg, "%s", ferr.msg);
        }
    }
    if (code == SW_OK && (pcaps.len || so.iface)) code = sense_run(&so, &consumers, print_report, &rep, &err);
    for (size_t i = 0; i < n_phys && code == SW_OK && live_phys; i++) {
        if (strncmp(phys[i].spec, "udp://", 6)) continue;
        sw_error ferr = { 0 };
        sw_code frc = phys_feed_run(phys[i].spec, phys[i].profile, port_tz, det, stderr, &phys[i].res, &ferr);
        phys[i].done = frc == SW_OK;
        if (frc == SW_ERR_USAGE) {   /* a bad udp:// spec is a bad option, as for file feeds */
            code = SW_ERR_USAGE;
            snprintf(err.msg, sizeof err.msg, "%s", ferr.msg);
        } else if (frc != SW_OK) {
            fprintf(stderr, "seawall sense: %s\n", ferr.msg);
            phys_failed = true;
        }
    }
    if (code == SW_OK && (!(pcaps.len || so.iface) || live_phys)) {
        if (ctx->json) {
            strbuf sb;
            strbuf_init(&sb);
            strbuf_puts(&sb, "{}\n");
            splice_alerts(&sb, alerts, phys, n_phys);
            fwrite(sb.data, 1, sb.len, stdout);
            strbuf_free(&sb);
        } else {
            phys_summary_print(phys, n_phys, stdout);
            if (alerts) sense_alerts_print(alerts, stdout);
        }
    }
    arena_free(&tz_mem);
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
        /* Candidates follow the alerts: every stored alert, this run's and
         * earlier runs' (another feed's), is correlated; live when it could
         * be, else in one pass now. */
        if (!store_failed && live) store_failed = live_finish(cmd, live) != SW_OK;
        else if (!store_failed && cli_sense_correlate(cmd, db, model) != SW_OK) store_failed = true;
    }
    if (learner) {
        sw_error lerr = { 0 };
        if (sense_learner_finish(learner, &lerr) != SW_OK) {
            fprintf(stderr, "seawall sense: storing the baseline failed: %s\n", lerr.msg);
            store_failed = true;
        } else {
            fprintf(stderr, "learned into %s: %zu new talkers, %zu new ICS functions (%zu of %u baseline items used)\n",
                    store_path(db), sense_learner_talkers(learner), sense_learner_functions(learner),
                    detect_baseline_size(baseline), dc.baseline_capacity);
        }
        if (det && detect_get_stats(det)->baseline_full)
            fprintf(stderr, "seawall sense: the baseline set is full; raise --baseline-capacity (all items were still stored)\n");
    }
    bool eve_failed = false;
    if (eve && eve != stdout) eve_failed = fclose(eve) != 0;
    else if (eve) eve_failed = fflush(eve) != 0;
    if (alerts && alerts->write_errors) eve_failed = true;
    if (eve_failed) fprintf(stderr, "seawall sense: writing %s failed\n", eve_path);
    detect_destroy(det);
    cli_live_corr_destroy(live);
    sense_store_destroy(sstore);
    sense_learner_destroy(learner);
    detect_baseline_destroy(baseline);
    detect_intel_destroy(intel);
    store_close(db);
    if (alerts) sense_alerts_free(alerts);
    free(alerts);
    model_free(model);
    free(summary);
    vec_free(&pcaps);
    if (code == SW_ERR_USAGE) return cli_usage_error(cmd, "%s", err.msg);
    if (code != SW_OK || eve_failed || store_failed || phys_failed) return EXIT_INPUT;
    return EXIT_OK;
}

const cli_command cmd_sense = {
    "sense", "passive network sensor: decode captures or a live interface",
    "Usage: seawall sense --pcap FILE... [--iface IF] [--bpf FILTER] [--json]\n"
    "                     [--access FEED [--access-profile P]] [--vms FEED [--vms-profile P]]\n"
    "                     [--flows N] [--stream-memcap MB] [--app-memcap MB]\n"
    "                     [--progress|--no-progress] [--correlate-every S]\n"
    "                     [--model port.yaml [--eve alerts.jsonl] [--store [--db PATH]]\n"
    "                      [--learn] [--baseline] [--intel]\n"
    "                      [--baseline-capacity N] [--intel-capacity N]]\n"
    "       seawall sense --ais SOURCE... [--model port.yaml] [--eve FILE] [--store]\n"
    "                     [--ais-set NAME=VALUE...]\n"
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
    "                      read them with 'seawall alerts', 'flows' and 'hosts';\n"
    "                      the stored baseline and indicators are used too\n"
    "  --learn             add what OT assets do (peers, services, ICS functions)\n"
    "                      to the database's baseline; SW-BASE rules stay quiet\n"
    "  --baseline          without --store: alert on what the stored baseline lacks\n"
    "                      (SW-BASE-NEW-TALKER, SW-BASE-NEW-FUNCTION)\n"
    "  --intel             without --store: match the stored indicators\n"
    "                      (seawall intel import) as SW-INTEL-DOMAIN/ADDRESS\n"
    "  --baseline-capacity N  baseline items held in memory (default 262144)\n"
    "  --intel-capacity N  indicators held in memory (default 1048576)\n"
    "  --access FEED       access-control events: a file, '-' or udp://[HOST]:PORT\n"
    "                      (repeatable); bad lines are reported by number and\n"
    "                      skipped; alerts SW-PHYS-* need --model (docs/phys.md)\n"
    "  --vms FEED          video (VMS) events, the same way\n"
    "  --access-profile P  mapping profile: a name in data/phys-profiles\n"
    "                      (generic-csv, lenel-csv, genetec-jsonl) or a file\n"
    "  --vms-profile P     likewise (default milestone-syslog)\n"
    "  --travel-speed M    impossible travel above M metres per second (12)\n"
    "  --camera-silence S  a camera covering a high or crown-jewel asset whose\n"
    "                      RTSP stream stops on the wire for S seconds is down\n"
    "                      (120; 0 turns it off)\n"
    "  --correlate-every S with --store: refresh the stored incident candidates\n"
    "                      each S seconds of input time (packet time; alert time\n"
    "                      without a capture), default 60; 0: only at the end\n"
    "  --json              the summary as one JSON object\n"
    "  --ais SOURCE        run the AIS sensor instead (repeatable): a file, '-',\n"
    "                      udp://[HOST]:PORT or tcp://HOST:PORT; as 'seawall ais\n"
    "                      track' (see its help and docs/ais.md)\n"
    "  --ais-set NAME=VALUE  an AIS check threshold or track retention setting\n"
    "                      (repeatable), as 'seawall ais track --set'\n"
    "                      (docs/rules.md \"AIS integrity\", docs/ais.md)\n"
    "\n"
    "Exit: 0 ok, 1 --store and the database holds no port model, 2 usage, 3 an\n"
    "input (or the database) could not be read or written.\n",
    run_sense,
};
