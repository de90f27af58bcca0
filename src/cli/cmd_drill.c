/* cmd_drill.c - `seawall drill run|list|show`: incident-response
 * exercises played from simulator scenarios, scored against the
 * playbooks and kept on record for the compliance drill requirement. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_drill.h"
#include "cli/cli_store.h"
#include "core/json.h"
#include "store/store_drills.h"

static const char *jstr(const json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "-";
}

void drill_print_items(const char *result_json)
{
    json_t *doc = json_loads(result_json, 0, NULL);
    json_t *items = json_object_get(doc, "items");
    static const char *const headers[] = { "WHAT", "ID", "OUTCOME", "BY", "ROLE NEEDED", "DUE", "DONE", "LATE BY", "NOTE" };
    cli_table t;
    cli_table_init(&t, 9, headers);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        char late[32] = "";
        json_int_t ls = json_integer_value(json_object_get(it, "late_s"));
        if (ls > 0) drill_fmt_offset((sw_time_us)ls * SW_US_PER_SEC, late);
        const char *cells[] = { jstr(it, "kind"), jstr(it, "id"), jstr(it, "outcome"), jstr(it, "by"), jstr(it, "role"),
                                jstr(it, "due_offset"), jstr(it, "at_offset"), late[0] ? late : NULL, jstr(it, "note") };
        cli_table_row(&t, cells);
    }
    cli_table_print(&t, stdout);
    cli_table_free(&t);
    printf("Missed:");
    size_t missed = 0;
    json_array_foreach(items, i, it) {
        const char *o = jstr(it, "outcome");
        if (!strcmp(o, "missed") || !strcmp(o, "wrong-role")) printf("%s %s %s (%s)", missed++ ? "," : "", jstr(it, "kind"), jstr(it, "id"), o);
    }
    printf("%s\n", missed ? "" : " nothing");
    json_decref(doc);
}

void drill_list_fields_jw(json_writer *w, const store_drill_rec *r)
{
    char held[SW_TIME_STR_MAX];
    jw_kv_int(w, "id", r->id);
    jw_kv_string(w, "scenario", r->scenario);
    jw_kv_string(w, "playbook", r->playbook);
    jw_kv_string(w, "kind", r->kind ? r->kind : "drill");
    jw_kv_string(w, "held", time_fmt_rfc3339(r->held_at, 0, held));
    if (r->detect_us >= 0) jw_kv_int(w, "detect_s", r->detect_us / SW_US_PER_SEC);
    else jw_kv_string(w, "detect_s", NULL);
    jw_kv_double(w, "points", r->points, 1);
    jw_kv_int(w, "scored", r->scored);
    jw_kv_int(w, "missed", r->missed);
}

static int list_row(void *ctx, const store_drill_rec *r)
{
    cli_listing *l = ctx;
    char id[24], held[SW_TIME_STR_MAX], det[32] = "never", score[48], missed[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    time_fmt_rfc3339(r->held_at, 0, held);
    if (r->detect_us >= 0) drill_fmt_offset(r->detect_us, det);
    snprintf(score, sizeof score, "%.1f/%lld", r->points, (long long)r->scored);
    snprintf(missed, sizeof missed, "%lld", (long long)r->missed);
    if (l->json) {
        jw_object_begin(&l->w);
        drill_list_fields_jw(&l->w, r);
        jw_object_end(&l->w);
        cli_listing_row(l, NULL);
    } else {
        const char *cells[] = { id, held, r->kind ? r->kind : "drill", r->scenario, r->playbook, det, score, missed };
        cli_listing_row(l, cells);
    }
    return 0;
}

static int show_row(void *ctx, const store_drill_rec *r)
{
    const cli_ctx *c = ctx;
    if (c->json) { printf("{\"id\":%lld,\"result\":%s}\n", (long long)r->id, r->result); return 1; }
    char held[SW_TIME_STR_MAX];
    json_t *doc = json_loads(r->result, 0, NULL);
    printf("%s %lld held %s: %s on playbook %s\nClock start %s, attack start %s, end %s\nScore %.1f of %lld, %lld missed; tasks done %lld of %lld\n\n",
           r->kind && !strcmp(r->kind, "exercise") ? "Exercise" : "Drill", (long long)r->id, time_fmt_rfc3339(r->held_at, 0, held), r->scenario, r->playbook, jstr(doc, "clock_start"),
           jstr(doc, "attack_start"), jstr(doc, "end"), r->points, (long long)r->scored, (long long)r->missed,
           (long long)json_integer_value(json_object_get(doc, "tasks_done")), (long long)json_integer_value(json_object_get(doc, "tasks_total")));
    json_decref(doc);
    drill_print_items(r->result);
    return 1;
}

static bool parse_minutes(const char *s, sw_time_us *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v <= 0 || v > 60L * 24 * 62) return false;
    *out = (sw_time_us)v * 60 * SW_US_PER_SEC;
    return true;
}

static int run_drill(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ANSWERS = 0x2000, OPT_SPEED, OPT_START, OPT_PLAYBOOK, OPT_SEED, OPT_MINUTES, OPT_DETECT, OPT_DECIDE, OPT_PROMPT, OPT_KIND };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "answers", required_argument, NULL, OPT_ANSWERS }, { "speed", required_argument, NULL, OPT_SPEED },
        { "start", required_argument, NULL, OPT_START }, { "playbook", required_argument, NULL, OPT_PLAYBOOK },
        { "seed", required_argument, NULL, OPT_SEED }, { "minutes", required_argument, NULL, OPT_MINUTES },
        { "detect-within", required_argument, NULL, OPT_DETECT }, { "decide-within", required_argument, NULL, OPT_DECIDE },
        { "prompt-within", required_argument, NULL, OPT_PROMPT }, { "kind", required_argument, NULL, OPT_KIND },
        { 0, 0, 0, 0 },
    };
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) { cli_print_usage(cmd, stdout); return EXIT_OK; }
        return cli_usage_error(cmd, "give a subcommand: run, list, show");
    }
    const char *sub = argv[1];
    argv++;
    argc--;
    drill_run_opts o = { .speed = 60, .duration = 4 * 3600 * SW_US_PER_SEC, .seed = 1 };
    drill_rules_default(&o.rules);
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        char *end;
        switch (opt) {
        case OPT_ANSWERS: o.answers = optarg; break;
        case OPT_PLAYBOOK: o.playbook = optarg; break;
        case OPT_KIND:
            if (strcmp(optarg, "drill") && strcmp(optarg, "exercise")) return cli_usage_error(cmd, "--kind is drill or exercise, not '%s'", optarg);
            o.exercise = !strcmp(optarg, "exercise");
            break;
        case OPT_SPEED:
            errno = 0;
            o.speed = strtod(optarg, &end);
            if (errno || *end || end == optarg || !(o.speed >= 0.01 && o.speed <= 100000)) return cli_usage_error(cmd, "--speed is a factor from 0.01 to 100000, not '%s'", optarg);
            break;
        case OPT_START:
            if (!time_parse_rfc3339(optarg, &o.start)) return cli_usage_error(cmd, "--start wants an RFC 3339 time such as 2026-03-29T00:30:00Z, not '%s'", optarg);
            break;
        case OPT_SEED:
            errno = 0;
            o.seed = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-') return cli_usage_error(cmd, "--seed is a whole number, not '%s'", optarg);
            break;
        case OPT_MINUTES: case OPT_DETECT: case OPT_DECIDE: case OPT_PROMPT: {
            sw_time_us *dst = opt == OPT_MINUTES ? &o.duration : opt == OPT_DETECT ? &o.rules.detect_within
                            : opt == OPT_DECIDE ? &o.rules.decide_within : &o.rules.prompt_within;
            if (!parse_minutes(optarg, dst)) return cli_usage_error(cmd, "minutes are a whole number from 1 to 89280, not '%s'", optarg);
            break;
        }
        default: {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (!common) return cli_usage_error(cmd, "unknown option");
        }
        }
    }
    int nargs = argc - optind;
    char **args = argv + optind;
    if (!strcmp(sub, "run")) {
        if (nargs != 1) return cli_usage_error(cmd, "run wants one SCENARIO (seawall sim --list names them)");
        o.scenario = args[0];
        return drill_run(cmd, ctx, &o);
    }
    if (strcmp(sub, "list") && strcmp(sub, "show")) return cli_usage_error(cmd, "unknown subcommand '%s' (run, list, show)", sub);
    if (!strcmp(sub, "list") && nargs) return cli_usage_error(cmd, "list takes no argument");
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    sw_error err = { 0 };
    if (!strcmp(sub, "list")) {
        static const char *const headers[] = { "ID", "HELD", "KIND", "SCENARIO", "PLAYBOOK", "DETECTED", "SCORE", "MISSED" };
        cli_listing l;
        cli_listing_begin(&l, ctx->json, 8, headers);
        rc = store_drill_list(s, list_row, &l, &err) == SW_OK ? EXIT_OK : EXIT_INPUT;
        if (rc != EXIT_OK) fprintf(stderr, "seawall drill: %s\n", err.msg);
        cli_listing_end(&l, rc == EXIT_OK, "seawall drill: no drill yet (seawall drill run SCENARIO)");
        store_close(s);
        return rc;
    }
    if (nargs != 1) { store_close(s); return cli_usage_error(cmd, "show wants one drill id"); }
    char *end;
    errno = 0;
    long long id = strtoll(args[0], &end, 10);
    if (errno || *end || end == args[0] || id <= 0) { store_close(s); return cli_usage_error(cmd, "a drill id is a number, not '%s'", args[0]); }
    bool found = false;
    rc = store_drill_get(s, id, show_row, ctx, &found, &err) == SW_OK ? EXIT_OK : EXIT_INPUT;
    if (rc != EXIT_OK) fprintf(stderr, "seawall drill: %s\n", err.msg);
    else if (!found) { fprintf(stderr, "seawall drill: no drill %lld\n", id); rc = EXIT_FINDINGS; }
    store_close(s);
    return rc;
}

const cli_command cmd_drill = {
    "drill", "incident-response exercises: play a scenario, score the team, keep the record",
    "Usage: seawall drill run SCENARIO [--answers FILE] [--speed N] [--start TIME] [--playbook ID]\n"
    "                         [--minutes M] [--detect-within M] [--decide-within M] [--prompt-within M] [--seed N]\n"
    "                         [--kind drill|exercise]\n"
    "       seawall drill list [--json]\n"
    "       seawall drill show ID [--json]\n"
    "\n"
    "run injects SCENARIO (a simulator scenario, converged ones too: seawall sim\n"
    "--list) into the port model's traffic from --start (the simulator's start,\n"
    "default 2026-01-01T00:00:00Z) and every feed its story uses, runs the\n"
    "sensors of seawall sense over them (network, access control, video, AIS),\n"
    "and plays what the team would see as timed injects: their alerts on the\n"
    "scenario's hosts, readers, cameras, badges and AIS stations, access-control\n"
    "and video events, the AIS feed turning.\n"
    "The drill clock opens a minute before the first inject and runs --minutes\n"
    "(default 240). The team answers, one command a line:\n"
    "  detect WHAT                  an asset, rule id or feed object the scenario touched\n"
    "  decide ACTION by PERSON      a decision of the playbook\n"
    "  notify DUTY [by PERSON]      a reporting duty (uscg-nrc, nis2-early-warning, ...)\n"
    "  task done N                  a playbook step, numbered as incident tasks are\n"
    "At the prompt (stdin) each line is stamped with the simulated clock, which\n"
    "runs --speed times wall time (default 60); 'end' stops. With --answers FILE\n"
    "each line is '+H:MM[:SS] COMMAND' (from the clock's start) or 'RFC3339 COMMAND'.\n"
    "The playbook is the best match for the scenario's assets and tactics\n"
    "(as for an incident opened from its candidate) unless --playbook.\n"
    "Scoring: detection within --detect-within minutes of the attack's first\n"
    "event (default 15); each playbook decision within --decide-within of\n"
    "detection (default 60) by someone holding its role (a wrong role is not\n"
    "counted); each reporting duty of the port's jurisdictions by its clock,\n"
    "started at detection (\"without delay\" duties within --prompt-within,\n"
    "default 60). On time 1 point, late 0.5, missed 0; duties due after the\n"
    "drill ends are pending and not scored. Every drill is stored and counts\n"
    "toward the drill requirement in seawall compliance assess. With --kind\n"
    "exercise it is recorded as the yearly exercise (ISPS B/18.6, 33 CFR\n"
    "101.635(c) and 105.220(c)) when it tested the whole plan: detected, every\n"
    "decision taken by its role, every duty due in it sent, and a PFSO deciding\n"
    "or notifying;\n"
    "otherwise it is recorded as a drill, the gaps are listed and the exit is 1.\n"
    "Details in docs/ir.md.\n"
    "\n"
    "Exit: 0 ok, 1 a bad answers file, no answers at all (not recorded), an\n"
    "exercise that fell short (recorded as a drill) or no such drill, 2 usage,\n"
    "3 unreadable.\n",
    run_drill,
};
