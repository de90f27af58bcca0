/* cmd_incident.c - `seawall incident`: open an incident from a correlation
 * candidate or by hand, and record its life - tasks, decisions (refused
 * without the role the playbook requires), notes, communications, evidence
 * and state changes - on its hash-chained timeline; verify that timeline. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

const model_person *inc_person(inc_ctx *ic, const char *id)
{
    if (!id) { cli_usage_error(ic->cmd, "say who with --by PERSON"); return NULL; }
    const model_person *p = model_person_by_id(ic->m, id);
    if (!p) { fprintf(stderr, "seawall incident: no person '%s' in the port model\n", id); return NULL; }
    if (!person_active(p)) { fprintf(stderr, "seawall incident: %s is not active (status %s)\n", id, p->status); return NULL; }
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

typedef struct cand_find { const char *id; char *assets, *tactics, *severity; sw_time_us first; bool found; } cand_find;

static int find_cand(void *ctx, const store_candidate_rec *c)
{
    cand_find *f = ctx;
    if (strcmp(c->id, f->id)) return 0;
    f->found = true;
    f->assets = strdup(c->assets);
    f->tactics = strdup(c->tactics);
    f->severity = strdup(c->severity);
    f->first = c->first_ts;
    return 1;
}

/* "a, b,c" -> "a,b,c" in place. */
static void squeeze_csv(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++)
        if (*r != ' ') *w++ = *r;
    *w = '\0';
}

char *inc_suggest_playbook(const port_model *m, const char *assets, const char *tactics)
{
    char buf[4096], path[8192];
    const char *dir = playbook_default_dir(buf, sizeof buf);
    static const char *const ids[] = { "tos-ransomware", "crane-plc-compromise", "ais-vts-spoofing", "gnss-jamming",
                                       "cctv-access-compromise", "phishing-bec", "vendor-remote-access", "data-breach" };
    int best = 0;
    char *pick = NULL;
    for (size_t i = 0; dir && i < sizeof ids / sizeof ids[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.yaml", dir, ids[i]);
        diag_list d;
        diag_init(&d, path);
        playbook *pb = playbook_load_file(path, &d);
        int score = 0;
        for (size_t t = 0; pb && !d.errors && t < pb->tactics.len; t++)
            if (strstr(tactics, pb->tactics.items[t])) score += 2;
        char *copy = strdup(assets), *save = NULL;
        for (char *a = copy ? strtok_r(copy, ",", &save) : NULL; pb && !d.errors && a; a = strtok_r(NULL, ",", &save)) {
            const model_asset *as = model_asset_by_id(m, a);
            for (size_t k = 0; as && k < pb->asset_kinds.len; k++)
                if (as->kind && !strcmp(as->kind, pb->asset_kinds.items[k])) score += 3;
        }
        free(copy);
        if (score > best) { best = score; free(pick); pick = strdup(ids[i]); }
        playbook_free(pb);
        diag_free(&d);
    }
    return pick;
}

static int open_incident(const cli_command *cmd, cli_ctx *ctx, const inc_opts *o)
{
    if (!o->candidate == !o->title) return cli_usage_error(cmd, "open wants --from-candidate ID, or --title T --severity S --assets A,B");
    if (o->title && (!o->severity || !o->assets)) return cli_usage_error(cmd, "--title goes with --severity and --assets");
    if (o->severity && !ir_severity_valid(o->severity)) return cli_usage_error(cmd, "--severity is low, medium, high or critical, not '%s'", o->severity);
    inc_ctx ic = { .cmd = cmd, .cli = ctx };
    int rc;
    if (!(ic.s = cli_open_model_store(cmd, ctx, &rc))) return rc;
    if (!(ic.m = cli_load_port_model(cmd, ic.s, NULL, &rc))) { inc_free(&ic); return rc; }
    cand_find cf = { o->candidate, NULL, NULL, NULL, 0, false };
    char title[512];
    const char *severity = o->severity;
    sw_time_us now = time_now_us(), detected = o->at ? o->at : now;
    sw_error err = { 0 };
    char *pb_id = o->playbook ? strdup(o->playbook) : NULL;
    if (o->candidate) {
        if (store_list_candidates(ic.s, find_cand, &cf, &err) != SW_OK) { fprintf(stderr, "seawall incident: %s\n", err.msg); inc_free(&ic); return EXIT_INPUT; }
        if (!cf.found) { fprintf(stderr, "seawall incident: no candidate '%s' (seawall incidents --candidates)\n", o->candidate); inc_free(&ic); return EXIT_FINDINGS; }
        squeeze_csv(cf.assets);
        snprintf(title, sizeof title, "%s: %s", o->candidate, cf.tactics);
        ic.assets = cf.assets;
        severity = severity ? severity : cf.severity;
        if (!o->at) detected = cf.first;
        if (!pb_id) pb_id = inc_suggest_playbook(ic.m, cf.assets, cf.tactics);
    } else {
        snprintf(title, sizeof title, "%s", o->title);
        ic.assets = strdup(o->assets);
        squeeze_csv(ic.assets);
    }
    free(cf.tactics);
    rc = EXIT_OK;
    char *copy = strdup(ic.assets), *save = NULL;
    for (char *a = strtok_r(copy, ",", &save); a && rc == EXIT_OK; a = strtok_r(NULL, ",", &save))
        if (!model_asset_by_id(ic.m, a)) rc = cli_usage_error(cmd, "no asset '%s' in the port model", a);
    free(copy);
    if (rc == EXIT_OK && !ic.assets[0]) rc = cli_usage_error(cmd, "an incident needs at least one affected asset");
    if (rc == EXIT_OK && pb_id && !(ic.pb = inc_load_playbook(cmd, pb_id, &rc))) { /* rc set */ }
    const model_person *by = NULL;
    if (rc == EXIT_OK && o->by && !(by = inc_person(&ic, o->by))) rc = EXIT_FINDINGS;
    if (rc != EXIT_OK) { free(pb_id); free(cf.severity); inc_free(&ic); return rc; }
    strbuf body;
    strbuf_init(&body);
    json_writer w;
    jw_init(&w, &body);
    jw_object_begin(&w);
    jw_kv_string(&w, "title", title);
    jw_kv_string(&w, "severity", severity);
    cli_jw_csv_array(&w, "assets", ic.assets);
    jw_kv_string(&w, "playbook", pb_id);
    jw_kv_string(&w, "candidate", o->candidate);
    char ts[SW_TIME_STR_MAX];
    jw_kv_string(&w, "detected", time_fmt_rfc3339(detected, 0, ts));
    jw_object_end(&w);
    store_incident_rec rec = { 0, title, severity, ir_state_name(IR_DETECTED), pb_id, o->candidate, ic.assets, detected, now, 0, ir_chain_genesis };
    size_t tasks = 0;
    if (store_begin(ic.s, &err) != SW_OK || store_incident_insert(ic.s, &rec, &ic.id, &err) != SW_OK ||
        ir_log_append(ic.s, ic.id, now, "opened", by ? by->id : "seawall", body.data, &err) != SW_OK) goto fail;
    for (size_t p = 0; ic.pb && p < ic.pb->n_phases; p++)
        for (size_t k = 0; k < ic.pb->phases[p].n_steps; k++) {
            const pb_step *st = &ic.pb->phases[p].steps[k];
            const model_person *who = role_first_holder(ic.m, st->role);
            store_task_rec t = { ic.id, (int64_t)++tasks, ic.pb->phases[p].id, st->text, st->role, who ? who->id : NULL, st->decision, st->duty, NULL, 0 };
            if (store_task_insert(ic.s, &t, &err) != SW_OK) goto fail;
        }
    if (store_commit(ic.s, &err) != SW_OK) goto fail;
    if (ctx->json) printf("{\"id\":%lld,\"playbook\":%s%s%s,\"tasks\":%zu}\n", (long long)ic.id, pb_id ? "\"" : "", pb_id ? pb_id : "null", pb_id ? "\"" : "", tasks);
    else printf("opened incident %lld (%s, %s)%s%s with %zu tasks\n", (long long)ic.id, severity, ic.assets, pb_id ? " on playbook " : "", pb_id ? pb_id : "", tasks);
    strbuf_free(&body);
    free(pb_id);
    free(cf.severity);
    inc_free(&ic);
    return EXIT_OK;
fail:
    store_rollback(ic.s);
    fprintf(stderr, "seawall incident: %s\n", err.msg);
    strbuf_free(&body);
    free(pb_id);
    free(cf.severity);
    inc_free(&ic);
    return EXIT_INPUT;
}

/* --- list ------------------------------------------------------------------ */

static int list_row(void *ctx, const store_incident_rec *r)
{
    cli_listing *l = ctx;
    char id[24], det[SW_TIME_STR_MAX], n[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(n, sizeof n, "%lld", (long long)r->entries);
    time_fmt_rfc3339(r->detected_at, 0, det);
    if (l->json) {
        jw_object_begin(&l->w);
        jw_kv_int(&l->w, "id", r->id);
        jw_kv_string(&l->w, "title", r->title);
        jw_kv_string(&l->w, "severity", r->severity);
        jw_kv_string(&l->w, "state", r->state);
        jw_kv_string(&l->w, "playbook", r->playbook);
        jw_kv_string(&l->w, "candidate", r->candidate);
        cli_jw_csv_array(&l->w, "assets", r->assets);
        jw_kv_string(&l->w, "detected", det);
        jw_kv_int(&l->w, "entries", r->entries);
        jw_object_end(&l->w);
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
    const model_person *p = inc_person(ic, o->by);
    if (!p) return EXIT_FINDINGS;
    sw_time_us at = o->at ? o->at : time_now_us();
    char body[160];
    snprintf(body, sizeof body, "{\"task\":%lld,\"done\":true}", n);
    sw_error err = { 0 };
    bool changed = false;
    if (store_begin(ic->s, &err) != SW_OK || store_task_done(ic->s, ic->id, n, p->id, at, &changed, &err) != SW_OK) goto fail;
    if (!changed) { store_rollback(ic->s); fprintf(stderr, "seawall incident: incident %lld has no open task %lld\n", (long long)ic->id, n); return EXIT_FINDINGS; }
    if (ir_log_append(ic->s, ic->id, at, "task", p->id, body, &err) != SW_OK || store_commit(ic->s, &err) != SW_OK) goto fail;
    printf("task %lld done by %s\n", n, p->id);
    return EXIT_OK;
fail:
    store_rollback(ic->s);
    fprintf(stderr, "seawall incident: %s\n", err.msg);
    return EXIT_INPUT;
}

static int decide(inc_ctx *ic, const inc_opts *o)
{
    if (!o->action || !o->why) return cli_usage_error(ic->cmd, "decide wants --action A --by PERSON --why TEXT");
    const model_person *p = inc_person(ic, o->by);
    if (!p) return EXIT_FINDINGS;
    const pb_decision *d = NULL;
    if (ic->pb) {
        if (!(d = playbook_decision(ic->pb, o->action))) {
            fprintf(stderr, "seawall incident: playbook %s has no decision '%s'; it has:", ic->pb->id, o->action);
            for (size_t i = 0; i < ic->pb->n_decisions; i++) fprintf(stderr, " %s", ic->pb->decisions[i].id);
            fprintf(stderr, "\n");
            return EXIT_USAGE;
        }
        if (!person_has_role(p, d->role)) {
            const model_person *h = role_first_holder(ic->m, d->role);
            fprintf(stderr, "seawall incident: refused: '%s' (%s) must be decided by the %s role, which %s does not hold%s%s%s\n",
                    d->action, d->id, d->role, p->id, h ? " (ask " : "", h ? h->id : "", h ? ")" : "");
            return EXIT_FINDINGS;
        }
    }
    strbuf body;
    strbuf_init(&body);
    json_writer w;
    jw_init(&w, &body);
    jw_object_begin(&w);
    jw_kv_string(&w, "decision", o->action);
    jw_kv_string(&w, "action", d ? d->action : o->action);
    jw_kv_string(&w, "role", d ? d->role : NULL);
    jw_kv_string(&w, "why", o->why);
    jw_object_end(&w);
    int rc = inc_append(ic, o->at ? o->at : time_now_us(), "decision", p->id, body.data);
    if (rc == EXIT_OK) printf("decision recorded: %s by %s\n", d ? d->action : o->action, p->id);
    strbuf_free(&body);
    return rc;
}

static int note_or_comms(inc_ctx *ic, const inc_opts *o, const char *kind, const char *text)
{
    const model_person *p = inc_person(ic, o->by);
    if (!p) return EXIT_FINDINGS;
    if (o->duty && !ir_duty_by_id(o->duty)) return cli_usage_error(ic->cmd, "no reporting duty '%s' (seawall incident clocks ID lists them)", o->duty);
    if (!strcmp(kind, "comms") && !o->to) return cli_usage_error(ic->cmd, "comms wants --to WHOM (a directory contact or a person)");
    strbuf body;
    strbuf_init(&body);
    json_writer w;
    jw_init(&w, &body);
    jw_object_begin(&w);
    jw_kv_string(&w, "text", text);
    if (o->to) jw_kv_string(&w, "to", o->to);
    if (o->duty) jw_kv_string(&w, "duty", o->duty);
    jw_object_end(&w);
    int rc = inc_append(ic, o->at ? o->at : time_now_us(), kind, p->id, body.data);
    if (rc == EXIT_OK) printf("%s recorded on incident %lld\n", kind, (long long)ic->id);
    strbuf_free(&body);
    return rc;
}

static int change_state(inc_ctx *ic, const inc_opts *o, const char *to_text)
{
    ir_state from, to;
    if (!ir_state_parse(to_text, &to)) return cli_usage_error(ic->cmd, "no state '%s' (detected, analysing, containing, eradicating, recovering, closed)", to_text);
    if (!ir_state_parse(ic->state, &from)) { fprintf(stderr, "seawall incident: stored state '%s' is unknown\n", ic->state); return EXIT_INPUT; }
    if (!ir_transition_allowed(from, to)) {
        char next[128];
        ir_transitions_from(from, next, sizeof next);
        fprintf(stderr, "seawall incident: refused: %s cannot go to %s (from %s: %s)\n", ic->state, to_text, ic->state, next);
        return EXIT_FINDINGS;
    }
    const model_person *p = inc_person(ic, o->by);
    if (!p) return EXIT_FINDINGS;
    char body[256];
    snprintf(body, sizeof body, "{\"from\":\"%s\",\"to\":\"%s\"}", ic->state, ir_state_name(to));
    sw_error err = { 0 };
    if (store_begin(ic->s, &err) != SW_OK || store_incident_set_state(ic->s, ic->id, ir_state_name(to), &err) != SW_OK ||
        ir_log_append(ic->s, ic->id, o->at ? o->at : time_now_us(), "state", p->id, body, &err) != SW_OK ||
        store_commit(ic->s, &err) != SW_OK) {
        store_rollback(ic->s);
        fprintf(stderr, "seawall incident: %s\n", err.msg);
        return EXIT_INPUT;
    }
    printf("incident %lld: %s -> %s\n", (long long)ic->id, ic->state, ir_state_name(to));
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

/* --- close and report ----------------------------------------------------- */

/* Writes the report for the incident to path; EXIT_OK or an exit code. */
static int report_to_file(inc_ctx *ic, const char *path, bool html, sw_time_us now)
{
    FILE *f = fopen(path, "w");
    if (!f) { fprintf(stderr, "seawall incident: cannot write %s: %s\n", path, strerror(errno)); return EXIT_INPUT; }
    int rc = inc_report_write(ic, f, html, now);
    if (fclose(f) != 0 && rc == EXIT_OK) { fprintf(stderr, "seawall incident: writing %s failed\n", path); rc = EXIT_INPUT; }
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcasecmp(s + a - b, suffix);
}

static int report(inc_ctx *ic, const inc_opts *o)
{
    sw_time_us now = o->now ? o->now : time_now_us();
    if (!o->output) return inc_report_write(ic, stdout, false, now);
    bool html = ends_with(o->output, ".html") || ends_with(o->output, ".htm");
    if (!html && !ends_with(o->output, ".md")) return cli_usage_error(ic->cmd, "-o wants FILE.md or FILE.html, not '%s'", o->output);
    int rc = report_to_file(ic, o->output, html, now);
    if (rc == EXIT_OK || rc == EXIT_FINDINGS) printf("wrote %s\n", o->output);
    return rc;
}

static void actions_json(json_writer *w, const char *actions)
{
    jw_key(w, "actions");
    jw_array_begin(w);
    char *copy = strdup(actions ? actions : ""), *save = NULL;
    for (char *a = copy ? strtok_r(copy, ";", &save) : NULL; a; a = strtok_r(NULL, ";", &save)) {
        while (*a == ' ') a++;
        size_t n = strlen(a);
        while (n && a[n - 1] == ' ') a[--n] = '\0';
        if (n) jw_string(w, a);
    }
    free(copy);
    jw_array_end(w);
}

static int close_incident(inc_ctx *ic, const inc_opts *o)
{
    if (!o->summary) return cli_usage_error(ic->cmd, "close wants --summary TEXT --by PERSON");
    if (o->force && !o->reason) return cli_usage_error(ic->cmd, "--force needs --reason TEXT: it is recorded on the timeline");
    if (!strcmp(ic->state, "closed")) { fprintf(stderr, "seawall incident: incident %lld is already closed\n", (long long)ic->id); return EXIT_FINDINGS; }
    const model_person *p = inc_person(ic, o->by);
    if (!p) return EXIT_FINDINGS;
    sw_time_us at = o->at ? o->at : time_now_us();
    timeline t = { 0 };
    int rc = inc_timeline_load(ic, &t);
    if (rc != EXIT_OK) { inc_timeline_free(&t); return rc; }
    strbuf body;
    strbuf_init(&body);
    json_writer w;
    jw_init(&w, &body);
    jw_object_begin(&w);
    jw_kv_string(&w, "summary", o->summary);
    jw_kv_string(&w, "lessons", o->lessons);
    actions_json(&w, o->actions);
    size_t problems = 0;
    /* Critical decisions still open: playbook decisions nobody took. */
    jw_key(&w, "open_decisions");
    jw_array_begin(&w);
    for (size_t i = 0; ic->pb && i < ic->pb->n_decisions; i++) {
        if (inc_decision_taken(&t, ic->pb->decisions[i].id)) continue;
        jw_string(&w, ic->pb->decisions[i].id);
        if (!o->force) fprintf(stderr, "seawall incident: open critical decision: %s (%s, role %s)\n", ic->pb->decisions[i].id,
                               ic->pb->decisions[i].action, ic->pb->decisions[i].role);
        problems++;
    }
    jw_array_end(&w);
    ir_clock c[16];
    size_t n = inc_clocks_of(ic, &t, at, c);
    jw_key(&w, "overdue_clocks");
    jw_array_begin(&w);
    for (size_t i = 0; i < n; i++) {
        if (c[i].status != IR_DUTY_OVERDUE) continue;
        jw_string(&w, c[i].duty->id);
        char dl[SW_TIME_STR_MAX];
        if (!o->force) fprintf(stderr, "seawall incident: overdue reporting duty: %s (deadline %s)\n", c[i].duty->id, time_fmt_rfc3339(c[i].deadline, 0, dl));
        problems++;
    }
    jw_array_end(&w);
    ir_state from;
    bool lifecycle_ok = ir_state_parse(ic->state, &from) && ir_transition_allowed(from, IR_CLOSED);
    if (!lifecycle_ok) {
        if (!o->force) fprintf(stderr, "seawall incident: the lifecycle does not close from %s (analysing or recovering may close)\n", ic->state);
        problems++;
    }
    jw_kv_bool(&w, "forced", o->force && problems);
    if (o->force && problems) jw_kv_string(&w, "reason", o->reason);
    jw_object_end(&w);
    inc_timeline_free(&t);
    if (problems && !o->force) {
        fprintf(stderr, "seawall incident: refused: incident %lld has %zu open item%s; settle them, or close --force --reason TEXT\n",
                (long long)ic->id, problems, problems == 1 ? "" : "s");
        strbuf_free(&body);
        return EXIT_FINDINGS;
    }
    char state_body[128];
    snprintf(state_body, sizeof state_body, "{\"from\":\"%s\",\"to\":\"closed\"}", ic->state);
    sw_error err = { 0 };
    if (store_begin(ic->s, &err) != SW_OK || store_incident_set_state(ic->s, ic->id, "closed", &err) != SW_OK ||
        ir_log_append(ic->s, ic->id, at, "state", p->id, state_body, &err) != SW_OK ||
        ir_log_append(ic->s, ic->id, at, "close", p->id, body.data, &err) != SW_OK || store_commit(ic->s, &err) != SW_OK) {
        store_rollback(ic->s);
        fprintf(stderr, "seawall incident: %s\n", err.msg);
        strbuf_free(&body);
        return EXIT_INPUT;
    }
    strbuf_free(&body);
    snprintf(ic->state, sizeof ic->state, "closed");
    printf("incident %lld closed%s\n", (long long)ic->id, problems ? " (forced; the open items and the reason are on the timeline)" : "");
    /* The post-incident report goes into the store as evidence: content-addressed and on the chain. */
    char dir[4096], path[4200];
    const char *base = getenv("TMPDIR");
    int bl = snprintf(dir, sizeof dir - 8, "%s/seawall-report-", base && *base ? base : "/tmp");
    if (bl < 0 || (size_t)bl >= sizeof dir - 8) bl = snprintf(dir, sizeof dir, "/tmp/seawall-report-");
    memset(dir + bl, 'X', 6);              /* mkdtemp's template: six of them */
    dir[bl + 6] = '\0';
    const char *tmpdir = mkdtemp(dir);
    if (!tmpdir) { fprintf(stderr, "seawall incident: cannot make a temporary folder: %s\n", strerror(errno)); return EXIT_INPUT; }
    snprintf(path, sizeof path, "%s/post-incident-report-%lld.md", tmpdir, (long long)ic->id);
    rc = report_to_file(ic, path, false, at);
    if (rc == EXIT_OK || rc == EXIT_FINDINGS) {
        inc_opts eo = *o;
        eo.at = at;
        rc = add_evidence(ic, &eo, path);
    }
    unlink(path);
    rmdir(tmpdir);
    return rc;
}

/* --- dispatch -------------------------------------------------------------- */

static bool parse_time(const char *s, sw_time_us *out) { return time_parse_rfc3339(s, out); }

static int run_incident(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_BY = 0x2000, OPT_WHY, OPT_ACTION, OPT_TO, OPT_DUTY, OPT_TITLE, OPT_SEVERITY, OPT_ASSETS, OPT_PLAYBOOK,
           OPT_CAND, OPT_DRAFT, OPT_DIRECTORY, OPT_AT, OPT_NOW, OPT_SUMMARY, OPT_REASON, OPT_LESSONS, OPT_ACTIONS, OPT_FORCE,
           OPT_OUTPUT };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "by", required_argument, NULL, OPT_BY }, { "why", required_argument, NULL, OPT_WHY },
        { "action", required_argument, NULL, OPT_ACTION }, { "to", required_argument, NULL, OPT_TO },
        { "duty", required_argument, NULL, OPT_DUTY }, { "title", required_argument, NULL, OPT_TITLE },
        { "severity", required_argument, NULL, OPT_SEVERITY }, { "assets", required_argument, NULL, OPT_ASSETS },
        { "playbook", required_argument, NULL, OPT_PLAYBOOK }, { "from-candidate", required_argument, NULL, OPT_CAND },
        { "draft", required_argument, NULL, OPT_DRAFT }, { "directory", required_argument, NULL, OPT_DIRECTORY },
        { "at", required_argument, NULL, OPT_AT }, { "now", required_argument, NULL, OPT_NOW },
        { "summary", required_argument, NULL, OPT_SUMMARY }, { "reason", required_argument, NULL, OPT_REASON },
        { "lessons", required_argument, NULL, OPT_LESSONS }, { "actions", required_argument, NULL, OPT_ACTIONS },
        { "force", no_argument, NULL, OPT_FORCE }, { "output", required_argument, NULL, OPT_OUTPUT }, { 0, 0, 0, 0 },
    };
    static const char *const subs = "open, list, show, task, decide, log (or note), comms, evidence, state, clocks, close, report, verify";
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
    while ((opt = getopt_long(argc, argv, "vho:", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_SUMMARY: o.summary = optarg; break;
        case OPT_REASON: o.reason = optarg; break;
        case OPT_LESSONS: o.lessons = optarg; break;
        case OPT_ACTIONS: o.actions = optarg; break;
        case OPT_FORCE: o.force = true; break;
        case 'o': case OPT_OUTPUT: o.output = optarg; break;
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
        { "show", 1 }, { "task", 3 }, { "decide", 1 }, { "note", 2 }, { "log", 2 }, { "comms", 2 }, { "evidence", 2 }, { "state", 2 },
        { "clocks", 1 }, { "close", 1 }, { "report", 1 }, { "verify", 1 },
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
        else if (!strcmp(sub, "note") || !strcmp(sub, "log")) rc = note_or_comms(&ic, &o, "note", args[1]);
        else if (!strcmp(sub, "comms")) rc = note_or_comms(&ic, &o, sub, args[1]);
        else if (!strcmp(sub, "close")) rc = close_incident(&ic, &o);
        else if (!strcmp(sub, "report")) rc = report(&ic, &o);
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
    "       seawall incident log ID TEXT --by PERSON [--at TIME]      (note is the same)\n"
    "       seawall incident comms ID TEXT --by PERSON --to WHOM [--duty DUTY] [--at TIME]\n"
    "       seawall incident evidence ID FILE --by PERSON\n"
    "       seawall incident state ID STATE --by PERSON\n"
    "       seawall incident clocks ID [--now TIME] [--draft AGENCY] [--directory FILE] [--json]\n"
    "       seawall incident close ID --summary TEXT --by PERSON [--lessons TEXT] [--actions \"A; B\"]\n"
    "                              [--force --reason TEXT] [--at TIME]\n"
    "       seawall incident report ID [-o FILE.md|FILE.html] [--now TIME]\n"
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
    "close is refused (exit 1) while a playbook decision is untaken, a\n"
    "reporting clock is overdue or the lifecycle does not allow closing, unless\n"
    "--force with --reason (both recorded); it writes the post-incident report\n"
    "into the store as evidence. report prints it (Markdown), or writes -o\n"
    "FILE.md / FILE.html: summary, verified timeline, detection-to-containment\n"
    "times, decisions and authority, clock outcomes, notifications, impact,\n"
    "lessons and actions.\n"
    "clocks lists the reporting duties of the port's jurisdictions with\n"
    "deadline and status; --draft prints a draft report for that contact.\n"
    "Details in docs/ir.md.\n"
    "\n"
    "Exit: 0 ok, 1 refused, not found or timeline broken, 2 usage, 3 unreadable.\n",
    run_incident,
};
