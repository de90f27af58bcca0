/* cmd_incident.c - `seawall incident`: open an incident from a correlation
 * candidate or by hand, and record its life - tasks, decisions (refused
 * without the role the playbook requires), notes, communications, evidence
 * and state changes - on its hash-chained timeline; verify that timeline. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli_incident.h"
#include "cli/cli_model.h"
#include "cli/cli_store.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ir/clocks.h"
#include "ir/incident_log.h"
#include "ir/incident_state.h"
#include "ir/playbook_check.h"
#include "store/store_candidates.h"
#include "store/store_incidents.h"

static int get_row(void *ctx, const store_incident_rec *r)
{
    inc_ctx *ic = ctx;
    snprintf(ic->title, sizeof ic->title, "%s", r->title);
    snprintf(ic->severity, sizeof ic->severity, "%s", r->severity);
    snprintf(ic->state, sizeof ic->state, "%s", r->state);
    snprintf(ic->playbook_id, sizeof ic->playbook_id, "%s", r->playbook ? r->playbook : "");
    snprintf(ic->candidate, sizeof ic->candidate, "%s", r->candidate ? r->candidate : "");
    ic->assets = strdup(r->assets ? r->assets : "");
    ic->detected = r->detected_at;
    ic->opened = r->opened_at;
    ic->entries = r->entries;
    return 1;
}

playbook *inc_load_playbook(const cli_command *cmd, const char *id, int *rc)
{
    char buf[4096], path[8192];
    const char *dir = playbook_default_dir(buf, sizeof buf);
    if (!dir) { fprintf(stderr, "seawall %s: no playbook folder found (set SEAWALL_DATA)\n", cmd->name); *rc = EXIT_INPUT; return NULL; }
    snprintf(path, sizeof path, "%s/%s.yaml", dir, id);
    diag_list d;
    diag_init(&d, path);
    playbook *pb = access(path, R_OK) == 0 ? playbook_load_file(path, &d) : NULL;
    if (!pb || d.errors) {
        if (!pb && !d.len) fprintf(stderr, "seawall %s: no playbook '%s' in %s (seawall playbooks lists them)\n", cmd->name, id, dir);
        diag_print(&d, stderr);
        playbook_free(pb);
        pb = NULL;
        *rc = EXIT_FINDINGS;
    }
    diag_free(&d);
    return pb;
}

int inc_load(inc_ctx *ic, const char *id_text)
{
    char *end;
    errno = 0;
    long long id = strtoll(id_text ? id_text : "", &end, 10);
    if (!id_text || errno || *end || end == id_text || id <= 0) return cli_usage_error(ic->cmd, "an incident id is a number, not '%s'", id_text ? id_text : "");
    ic->id = id;
    int rc;
    if (!(ic->s = cli_open_model_store(ic->cmd, ic->cli, &rc))) return rc;
    bool found;
    sw_error err = { 0 };
    if (store_incident_get(ic->s, id, get_row, ic, &found, &err) != SW_OK) { fprintf(stderr, "seawall incident: %s\n", err.msg); return EXIT_INPUT; }
    if (!found) { fprintf(stderr, "seawall incident: no incident %lld\n", id); return EXIT_FINDINGS; }
    if (!(ic->m = cli_load_port_model(ic->cmd, ic->s, NULL, &rc))) return rc;
    if (ic->playbook_id[0] && !(ic->pb = inc_load_playbook(ic->cmd, ic->playbook_id, &rc))) return rc;
    return EXIT_OK;
}

void inc_free(inc_ctx *ic)
{
    playbook_free(ic->pb);
    model_free(ic->m);
    if (ic->s) store_close(ic->s);
    free(ic->assets);
}

/* Prints an outcome the way the command always has: usage errors with the
 * help hint, refusals and failures as "seawall incident: ...". */
static int report(const cli_command *cmd, const inc_outcome *out)
{
    if (out->exit_code == EXIT_OK || !out->msg[0]) return out->exit_code;
    if (out->exit_code == EXIT_USAGE) return cli_usage_error(cmd, "%s", out->msg);
    fprintf(stderr, "seawall incident: %s\n", out->msg);
    return out->exit_code;
}

const model_person *inc_person(inc_ctx *ic, const char *id)
{
    inc_outcome out;
    const model_person *p = inc_person_check(ic, id, &out);
    if (!p) report(ic->cmd, &out);
    return p;
}

int inc_append(inc_ctx *ic, sw_time_us ts, const char *kind, const char *actor, const char *body)
{
    sw_error err = { 0 };
    if (store_begin(ic->s, &err) != SW_OK || ir_log_append(ic->s, ic->id, ts, kind, actor, body, &err) != SW_OK ||
        store_commit(ic->s, &err) != SW_OK) {
        store_rollback(ic->s);
        fprintf(stderr, "seawall incident: %s\n", err.msg);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

/* --- open ------------------------------------------------------------------ */

static int open_incident(const cli_command *cmd, cli_ctx *ctx, const inc_opts *o)
{
    inc_opened res;
    inc_outcome out;
    int rc = inc_do_open(cmd, ctx, o, &res, &out);
    if (rc != EXIT_OK) return report(cmd, &out);
    bool pb = res.playbook[0] != '\0';
    if (ctx->json) printf("{\"id\":%lld,\"playbook\":%s%s%s,\"tasks\":%zu}\n", (long long)res.id, pb ? "\"" : "", pb ? res.playbook : "null", pb ? "\"" : "", res.tasks);
    else printf("opened incident %lld (%s, %s)%s%s with %zu tasks\n", (long long)res.id, res.severity, res.assets, pb ? " on playbook " : "", res.playbook, res.tasks);
    return EXIT_OK;
}

/* --- list ------------------------------------------------------------------ */

void inc_list_row_jw(json_writer *w, const store_incident_rec *r)
{
    char det[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_int(w, "id", r->id);
    jw_kv_string(w, "title", r->title);
    jw_kv_string(w, "severity", r->severity);
    jw_kv_string(w, "state", r->state);
    jw_kv_string(w, "playbook", r->playbook);
    jw_kv_string(w, "candidate", r->candidate);
    cli_jw_csv_array(w, "assets", r->assets);
    jw_kv_string(w, "detected", time_fmt_rfc3339(r->detected_at, 0, det));
    jw_kv_int(w, "entries", r->entries);
    jw_object_end(w);
}

static int list_row(void *ctx, const store_incident_rec *r)
{
    cli_listing *l = ctx;
    char id[24], det[SW_TIME_STR_MAX], n[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(n, sizeof n, "%lld", (long long)r->entries);
    time_fmt_rfc3339(r->detected_at, 0, det);
    if (l->json) {
        inc_list_row_jw(&l->w, r);
        cli_listing_row(l, NULL);
    } else {
        const char *cells[] = { id, r->state, r->severity, det, r->playbook, r->assets, n, r->title };
        cli_listing_row(l, cells);
    }
    return 0;
}

static int list_incidents(const cli_command *cmd, cli_ctx *ctx)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "ID", "STATE", "SEVERITY", "DETECTED", "PLAYBOOK", "ASSETS", "ENTRIES", "TITLE" };
    cli_listing l;
    cli_listing_begin(&l, ctx->json, 8, headers);
    sw_error err = { 0 };
    rc = store_incident_list(s, list_row, &l, &err) == SW_OK ? EXIT_OK : EXIT_INPUT;
    if (rc != EXIT_OK) fprintf(stderr, "seawall incident: %s\n", err.msg);
    cli_listing_end(&l, rc == EXIT_OK, "seawall incident: no incident yet (seawall incident open)");
    store_close(s);
    return rc;
}

/* --- recording ------------------------------------------------------------- */

static int task_done(inc_ctx *ic, const inc_opts *o, const char *verb, const char *num)
{
    if (strcmp(verb, "done")) return cli_usage_error(ic->cmd, "task takes: ID done N --by PERSON");
    char *end;
    long long n = strtoll(num, &end, 10);
    if (*end || end == num || n <= 0) return cli_usage_error(ic->cmd, "a task number is a positive number, not '%s'", num);
    inc_outcome out;
    if (inc_do_task_done(ic, o, n, &out) != EXIT_OK) return report(ic->cmd, &out);
    printf("%s\n", out.msg);
    return EXIT_OK;
}

static int decide(inc_ctx *ic, const inc_opts *o)
{
    inc_outcome out;
    if (inc_do_decide(ic, o, &out) != EXIT_OK) return report(ic->cmd, &out);
    printf("%s\n", out.msg);
    return EXIT_OK;
}

static int note_or_comms(inc_ctx *ic, const inc_opts *o, const char *kind, const char *text)
{
    inc_outcome out;
    if (inc_do_note(ic, o, kind, text, &out) != EXIT_OK) return report(ic->cmd, &out);
    printf("%s\n", out.msg);
    return EXIT_OK;
}

static int change_state(inc_ctx *ic, const inc_opts *o, const char *to_text)
{
    inc_outcome out;
    if (inc_do_state(ic, o, to_text, &out) != EXIT_OK) return report(ic->cmd, &out);
    printf("%s\n", out.msg);
    return EXIT_OK;
}

/* Copies the file into <db folder>/evidence/<sha256> while hashing it, so
 * the stored copy is exactly what was hashed. */
static int add_evidence(inc_ctx *ic, const inc_opts *o, const char *file)
{
    const model_person *p = inc_person(ic, o->by);
    if (!p) return EXIT_FINDINGS;
    FILE *in = fopen(file, "rb");
    if (!in) { fprintf(stderr, "seawall incident: cannot read %s: %s\n", file, strerror(errno)); return EXIT_INPUT; }
    char dir[4096], tmp[4200], final[4200];
    const char *db = store_path(ic->s), *slash = strrchr(db, '/');
    snprintf(dir, sizeof dir, "%.*s%sevidence", slash ? (int)(slash - db) : 0, db, slash ? "/" : "");
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) { fprintf(stderr, "seawall incident: cannot create %s: %s\n", dir, strerror(errno)); fclose(in); return EXIT_INPUT; }
    snprintf(tmp, sizeof tmp, "%s/.incoming-%ld", dir, (long)getpid());
    FILE *out = fopen(tmp, "wb");
    if (!out) { fprintf(stderr, "seawall incident: cannot write %s: %s\n", tmp, strerror(errno)); fclose(in); return EXIT_INPUT; }
    sha256_ctx c;
    sha256_init(&c);
    char buf[65536];
    size_t n;
    int64_t size = 0;
    bool bad = false;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        sha256_update(&c, buf, n);
        size += (int64_t)n;
        if (fwrite(buf, 1, n, out) != n) { bad = true; break; }
    }
    bad |= ferror(in) != 0;
    fclose(in);
    bad |= fclose(out) != 0;
    if (bad) { unlink(tmp); fprintf(stderr, "seawall incident: copying %s failed\n", file); return EXIT_INPUT; }
    uint8_t d[SHA256_LEN];
    char hex[SHA256_HEX_LEN];
    sha256_final(&c, d);
    sha256_to_hex(d, hex);
    snprintf(final, sizeof final, "%s/%s", dir, hex);
    if (rename(tmp, final) != 0) { unlink(tmp); fprintf(stderr, "seawall incident: cannot store %s: %s\n", final, strerror(errno)); return EXIT_INPUT; }
    chmod(final, 0440);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    sw_time_us at = o->at ? o->at : time_now_us();
    store_evidence_rec e = { ic->id, hex, base, final, p->id, size, at };
    strbuf body;
    strbuf_init(&body);
    json_writer w;
    jw_init(&w, &body);
    jw_object_begin(&w);
    jw_kv_string(&w, "file", base);
    jw_kv_string(&w, "sha256", hex);
    jw_kv_int(&w, "size", size);
    jw_object_end(&w);
    sw_error err = { 0 };
    bool added = false;
    int rc = EXIT_OK;
    if (store_begin(ic->s, &err) != SW_OK || store_evidence_insert(ic->s, &e, &added, &err) != SW_OK ||
        (added && ir_log_append(ic->s, ic->id, at, "evidence", p->id, body.data, &err) != SW_OK) || store_commit(ic->s, &err) != SW_OK) {
        store_rollback(ic->s);
        fprintf(stderr, "seawall incident: %s\n", err.msg);
        rc = EXIT_INPUT;
    } else if (ic->cli->json) printf("{\"sha256\":\"%s\",\"size\":%lld,\"path\":\"%s\",\"added\":%s}\n", hex, (long long)size, final, added ? "true" : "false");
    else printf("%s  %s%s\n", hex, base, added ? "" : " (already held)");
    strbuf_free(&body);
    return rc;
}

static int verify(inc_ctx *ic)
{
    ir_chain_walk w;
    int64_t entries = 0;
    bool found;
    sw_error err = { 0 };
    if (ir_log_verify(ic->s, ic->id, &w, &entries, &found, &err) != SW_OK) { fprintf(stderr, "seawall incident: %s\n", err.msg); return EXIT_INPUT; }
    if (w.broken) {
        printf("incident %lld: timeline BROKEN at entry %lld: it %s\n", (long long)ic->id, (long long)w.broken_seq, w.why);
        return EXIT_FINDINGS;
    }
    printf("incident %lld: timeline intact, %lld entries, head %s\n", (long long)ic->id, (long long)entries, w.prev);
    return EXIT_OK;
}

/* --- dispatch -------------------------------------------------------------- */

static bool parse_time(const char *s, sw_time_us *out) { return time_parse_rfc3339(s, out); }

static int run_incident(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_BY = 0x2000, OPT_WHY, OPT_ACTION, OPT_TO, OPT_DUTY, OPT_TITLE, OPT_SEVERITY, OPT_ASSETS, OPT_PLAYBOOK,
           OPT_CAND, OPT_DRAFT, OPT_DIRECTORY, OPT_AT, OPT_NOW };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "by", required_argument, NULL, OPT_BY }, { "why", required_argument, NULL, OPT_WHY },
        { "action", required_argument, NULL, OPT_ACTION }, { "to", required_argument, NULL, OPT_TO },
        { "duty", required_argument, NULL, OPT_DUTY }, { "title", required_argument, NULL, OPT_TITLE },
        { "severity", required_argument, NULL, OPT_SEVERITY }, { "assets", required_argument, NULL, OPT_ASSETS },
        { "playbook", required_argument, NULL, OPT_PLAYBOOK }, { "from-candidate", required_argument, NULL, OPT_CAND },
        { "draft", required_argument, NULL, OPT_DRAFT }, { "directory", required_argument, NULL, OPT_DIRECTORY },
        { "at", required_argument, NULL, OPT_AT }, { "now", required_argument, NULL, OPT_NOW }, { 0, 0, 0, 0 },
    };
    static const char *const subs = "open, list, show, task, decide, note, comms, evidence, state, clocks, verify";
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) { cli_print_usage(cmd, stdout); return EXIT_OK; }
        return cli_usage_error(cmd, "give a subcommand: %s", subs);
    }
    const char *sub = argv[1];
    argv++;
    argc--;
    inc_opts o = { 0 };
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_BY: o.by = optarg; break;
        case OPT_WHY: o.why = optarg; break;
        case OPT_ACTION: o.action = optarg; break;
        case OPT_TO: o.to = optarg; break;
        case OPT_DUTY: o.duty = optarg; break;
        case OPT_TITLE: o.title = optarg; break;
        case OPT_SEVERITY: o.severity = optarg; break;
        case OPT_ASSETS: o.assets = optarg; break;
        case OPT_PLAYBOOK: o.playbook = optarg; break;
        case OPT_CAND: o.candidate = optarg; break;
        case OPT_DRAFT: o.draft = optarg; break;
        case OPT_DIRECTORY: o.directory = optarg; break;
        case OPT_AT:
        case OPT_NOW:
            if (!parse_time(optarg, opt == OPT_AT ? &o.at : &o.now))
                return cli_usage_error(cmd, "--%s wants an RFC 3339 time such as 2026-03-29T00:30:00Z, not '%s'", opt == OPT_AT ? "at" : "now", optarg);
            break;
        default: {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (!common) return cli_usage_error(cmd, "unknown option");
        }
        }
    }
    int nargs = argc - optind;
    char **args = argv + optind;
    if (!strcmp(sub, "open")) { if (nargs) return cli_usage_error(cmd, "open takes options only"); return open_incident(cmd, ctx, &o); }
    if (!strcmp(sub, "list")) { if (nargs) return cli_usage_error(cmd, "list takes no argument"); return list_incidents(cmd, ctx); }
    static const struct { const char *name; int args; } need[] = {
        { "show", 1 }, { "task", 3 }, { "decide", 1 }, { "note", 2 }, { "comms", 2 }, { "evidence", 2 }, { "state", 2 },
        { "clocks", 1 }, { "verify", 1 },
    };
    int want = -1;
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (!strcmp(sub, need[i].name)) want = need[i].args;
    if (want < 0) return cli_usage_error(cmd, "unknown subcommand '%s' (%s)", sub, subs);
    if (nargs != want) return cli_usage_error(cmd, "%s wants %d argument%s (see seawall incident --help)", sub, want, want == 1 ? "" : "s");
    inc_ctx ic = { .cmd = cmd, .cli = ctx };
    rc = inc_load(&ic, args[0]);
    if (rc == EXIT_OK) {
        if (!strcmp(sub, "show")) rc = inc_show(&ic, &o);
        else if (!strcmp(sub, "task")) rc = task_done(&ic, &o, args[1], args[2]);
        else if (!strcmp(sub, "decide")) rc = decide(&ic, &o);
        else if (!strcmp(sub, "note") || !strcmp(sub, "comms")) rc = note_or_comms(&ic, &o, sub, args[1]);
        else if (!strcmp(sub, "evidence")) rc = add_evidence(&ic, &o, args[1]);
        else if (!strcmp(sub, "state")) rc = change_state(&ic, &o, args[1]);
        else if (!strcmp(sub, "clocks")) rc = inc_clocks(&ic, &o);
        else rc = verify(&ic);
    }
    inc_free(&ic);
    return rc;
}

const cli_command cmd_incident = {
    "incident", "open and run incidents: tasks, decisions, comms, evidence, clocks, verify",
    "Usage: seawall incident open --from-candidate ID [--playbook P] [--by PERSON]\n"
    "       seawall incident open --title T --severity S --assets A,B [--playbook P] [--at TIME] [--by PERSON]\n"
    "       seawall incident list [--json]\n"
    "       seawall incident show ID [--now TIME] [--json]\n"
    "       seawall incident task ID done N --by PERSON [--at TIME]\n"
    "       seawall incident decide ID --action DECISION --by PERSON --why TEXT [--at TIME]\n"
    "       seawall incident note ID TEXT --by PERSON [--at TIME]\n"
    "       seawall incident comms ID TEXT --by PERSON --to WHOM [--duty DUTY] [--at TIME]\n"
    "       seawall incident evidence ID FILE --by PERSON\n"
    "       seawall incident state ID STATE --by PERSON\n"
    "       seawall incident clocks ID [--now TIME] [--draft AGENCY] [--directory FILE] [--json]\n"
    "       seawall incident verify ID\n"
    "\n"
    "An incident is opened from a correlation candidate (its assets, severity\n"
    "and first alert time; the best-matching playbook unless --playbook) or by\n"
    "hand (--at is when the port became aware, default now). Tasks come from\n"
    "the playbook's steps, each assigned to the first active holder of its role.\n"
    "decide records a playbook decision and is refused (exit 1) when PERSON\n"
    "lacks the role the playbook requires for it. comms --duty marks a\n"
    "reporting duty met (see clocks). evidence copies FILE into evidence/ next\n"
    "to the database under its SHA-256. state moves along the lifecycle\n"
    "detected > analysing > containing > (eradicating >) recovering > closed;\n"
    "other moves are refused. Every change is an entry on a SHA-256 hash\n"
    "chain; verify recomputes it and names the first entry that does not fit.\n"
    "clocks lists the reporting duties of the port's jurisdictions with\n"
    "deadline and status; --draft prints a draft report for that contact.\n"
    "Details in docs/ir.md.\n"
    "\n"
    "Exit: 0 ok, 1 refused, not found or timeline broken, 2 usage, 3 unreadable.\n",
    run_incident,
};
