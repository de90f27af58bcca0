/* cli_incident_ops.c - the changes `seawall incident` makes (open, task
 * done, decide, note, comms, state) without printing, so the command line
 * and the web API run the same checks and write the same timeline entries
 * through src/ir. Each fills an inc_outcome: an exit code, the HTTP status
 * that matches it, and the message a person reads. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_incident.h"
#include "cli/cli_model.h"
#include "cli/cli_store.h"
#include "core/json.h"
#include "ir/clocks.h"
#include "ir/incident_log.h"
#include "ir/incident_state.h"
#include "ir/playbook_check.h"
#include "store/store_candidates.h"
#include "store/store_incidents.h"

static int outcome(inc_outcome *out, int exit_code, int http, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int outcome(inc_outcome *out, int exit_code, int http, const char *fmt, ...)
{
    out->exit_code = exit_code;
    out->http = http;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->msg, sizeof out->msg, fmt, ap);
    va_end(ap);
    return exit_code;
}

const model_person *inc_person_check(inc_ctx *ic, const char *id, inc_outcome *out)
{
    if (!id) { outcome(out, EXIT_USAGE, 400, "say who with --by PERSON"); return NULL; }
    const model_person *p = model_person_by_id(ic->m, id);
    if (!p) { outcome(out, EXIT_FINDINGS, 400, "no person '%s' in the port model", id); return NULL; }
    if (!person_active(p)) { outcome(out, EXIT_FINDINGS, 409, "%s is not active (status %s)", id, p->status); return NULL; }
    return p;
}

static int store_failed(inc_ctx *ic, const sw_error *err, inc_outcome *out)
{
    store_rollback(ic->s);
    return outcome(out, EXIT_INPUT, 503, "%s", err->msg);
}

int inc_do_task_done(inc_ctx *ic, const inc_opts *o, int64_t n, inc_outcome *out)
{
    const model_person *p = inc_person_check(ic, o->by, out);
    if (!p) return out->exit_code;
    sw_time_us at = o->at ? o->at : time_now_us();
    char body[160];
    snprintf(body, sizeof body, "{\"task\":%lld,\"done\":true}", (long long)n);
    sw_error err = { 0 };
    bool changed = false;
    if (store_begin(ic->s, &err) != SW_OK || store_task_done(ic->s, ic->id, n, p->id, at, &changed, &err) != SW_OK)
        return store_failed(ic, &err, out);
    if (!changed) {
        store_rollback(ic->s);
        return outcome(out, EXIT_FINDINGS, 404, "incident %lld has no open task %lld", (long long)ic->id, (long long)n);
    }
    if (ir_log_append(ic->s, ic->id, at, "task", p->id, body, &err) != SW_OK || store_commit(ic->s, &err) != SW_OK)
        return store_failed(ic, &err, out);
    return outcome(out, EXIT_OK, 200, "task %lld done by %s", (long long)n, p->id);
}

/* Appends one entry in its own transaction. */
static int append(inc_ctx *ic, sw_time_us ts, const char *kind, const char *actor, const char *body, inc_outcome *out)
{
    sw_error err = { 0 };
    if (store_begin(ic->s, &err) != SW_OK || ir_log_append(ic->s, ic->id, ts, kind, actor, body, &err) != SW_OK ||
        store_commit(ic->s, &err) != SW_OK)
        return store_failed(ic, &err, out);
    return EXIT_OK;
}

int inc_do_decide(inc_ctx *ic, const inc_opts *o, inc_outcome *out)
{
    if (!o->action || !o->why) return outcome(out, EXIT_USAGE, 400, "decide wants --action A --by PERSON --why TEXT");
    const model_person *p = inc_person_check(ic, o->by, out);
    if (!p) return out->exit_code;
    const pb_decision *d = NULL;
    if (ic->pb) {
        if (!(d = playbook_decision(ic->pb, o->action))) {
            strbuf sb;
            strbuf_init(&sb);
            for (size_t i = 0; i < ic->pb->n_decisions; i++) strbuf_printf(&sb, " %s", ic->pb->decisions[i].id);
            outcome(out, EXIT_USAGE, 400, "playbook %s has no decision '%s'; it has:%s", ic->pb->id, o->action,
                    sb.len ? sb.data : "");
            strbuf_free(&sb);
            return out->exit_code;
        }
        if (!person_has_role(p, d->role)) {
            const model_person *h = role_first_holder(ic->m, d->role);
            return outcome(out, EXIT_FINDINGS, 409, "refused: '%s' (%s) must be decided by the %s role, which %s does not hold%s%s%s",
                           d->action, d->id, d->role, p->id, h ? " (ask " : "", h ? h->id : "", h ? ")" : "");
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
    int rc = append(ic, o->at ? o->at : time_now_us(), "decision", p->id, body.data, out);
    if (rc == EXIT_OK) outcome(out, EXIT_OK, 200, "decision recorded: %s by %s", d ? d->action : o->action, p->id);
    strbuf_free(&body);
    return rc;
}

int inc_do_note(inc_ctx *ic, const inc_opts *o, const char *kind, const char *text, inc_outcome *out)
{
    const model_person *p = inc_person_check(ic, o->by, out);
    if (!p) return out->exit_code;
    if (o->duty && !ir_duty_by_id(o->duty))
        return outcome(out, EXIT_USAGE, 400, "no reporting duty '%s' (seawall incident clocks ID lists them)", o->duty);
    if (!strcmp(kind, "comms") && !o->to)
        return outcome(out, EXIT_USAGE, 400, "comms wants --to WHOM (a directory contact or a person)");
    strbuf body;
    strbuf_init(&body);
    json_writer w;
    jw_init(&w, &body);
    jw_object_begin(&w);
    jw_kv_string(&w, "text", text);
    if (o->to) jw_kv_string(&w, "to", o->to);
    if (o->duty) jw_kv_string(&w, "duty", o->duty);
    jw_object_end(&w);
    int rc = append(ic, o->at ? o->at : time_now_us(), kind, p->id, body.data, out);
    if (rc == EXIT_OK) outcome(out, EXIT_OK, 200, "%s recorded on incident %lld", kind, (long long)ic->id);
    strbuf_free(&body);
    return rc;
}

int inc_do_state(inc_ctx *ic, const inc_opts *o, const char *to_text, inc_outcome *out)
{
    ir_state from, to;
    if (!ir_state_parse(to_text, &to))
        return outcome(out, EXIT_USAGE, 400,
                       "no state '%s' (detected, analysing, containing, eradicating, recovering, closed)", to_text);
    if (!ir_state_parse(ic->state, &from)) return outcome(out, EXIT_INPUT, 503, "stored state '%s' is unknown", ic->state);
    if (!ir_transition_allowed(from, to)) {
        char next[128];
        ir_transitions_from(from, next, sizeof next);
        return outcome(out, EXIT_FINDINGS, 409, "refused: %s cannot go to %s (from %s: %s)", ic->state, to_text, ic->state,
                       next);
    }
    const model_person *p = inc_person_check(ic, o->by, out);
    if (!p) return out->exit_code;
    char body[256];
    snprintf(body, sizeof body, "{\"from\":\"%s\",\"to\":\"%s\"}", ic->state, ir_state_name(to));
    sw_error err = { 0 };
    if (store_begin(ic->s, &err) != SW_OK || store_incident_set_state(ic->s, ic->id, ir_state_name(to), &err) != SW_OK ||
        ir_log_append(ic->s, ic->id, o->at ? o->at : time_now_us(), "state", p->id, body, &err) != SW_OK ||
        store_commit(ic->s, &err) != SW_OK)
        return store_failed(ic, &err, out);
    outcome(out, EXIT_OK, 200, "incident %lld: %s -> %s", (long long)ic->id, ic->state, ir_state_name(to));
    snprintf(ic->state, sizeof ic->state, "%s", ir_state_name(to));
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

/* The playbook whose tactics and asset kinds best match a candidate. */
static char *suggest_playbook(const port_model *m, const char *assets, const char *tactics)
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

int inc_do_open(const cli_command *cmd, cli_ctx *ctx, const inc_opts *o, inc_opened *res, inc_outcome *out)
{
    memset(res, 0, sizeof *res);
    out->msg[0] = '\0';
    if (!o->candidate == !o->title)
        return outcome(out, EXIT_USAGE, 400, "open wants --from-candidate ID, or --title T --severity S --assets A,B");
    if (o->title && (!o->severity || !o->assets))
        return outcome(out, EXIT_USAGE, 400, "--title goes with --severity and --assets");
    if (o->severity && !ir_severity_valid(o->severity))
        return outcome(out, EXIT_USAGE, 400, "--severity is low, medium, high or critical, not '%s'", o->severity);
    inc_ctx ic = { .cmd = cmd, .cli = ctx };
    int rc;
    /* These two print their own reasons (the model's diagnostics). */
    if (!(ic.s = cli_open_model_store(cmd, ctx, &rc))) return outcome(out, rc, rc == EXIT_FINDINGS ? 404 : 503, "%s", "");
    if (!(ic.m = cli_load_port_model(cmd, ic.s, NULL, &rc))) {
        inc_free(&ic);
        return outcome(out, rc, 503, "%s", "");
    }
    cand_find cf = { o->candidate, NULL, NULL, NULL, 0, false };
    char title[512];
    const char *severity = o->severity;
    sw_time_us now = time_now_us(), detected = o->at ? o->at : now;
    sw_error err = { 0 };
    char *pb_id = o->playbook ? strdup(o->playbook) : NULL;
    if (o->candidate) {
        if (store_list_candidates(ic.s, find_cand, &cf, &err) != SW_OK) {
            free(pb_id);
            inc_free(&ic);
            return outcome(out, EXIT_INPUT, 503, "%s", err.msg);
        }
        if (!cf.found) {
            free(pb_id);
            inc_free(&ic);
            return outcome(out, EXIT_FINDINGS, 404, "no candidate '%s' (seawall incidents --candidates)", o->candidate);
        }
        squeeze_csv(cf.assets);
        snprintf(title, sizeof title, "%s: %s", o->candidate, cf.tactics);
        ic.assets = cf.assets;
        severity = severity ? severity : cf.severity;
        if (!o->at) detected = cf.first;
        if (!pb_id) pb_id = suggest_playbook(ic.m, cf.assets, cf.tactics);
    } else {
        snprintf(title, sizeof title, "%s", o->title);
        ic.assets = strdup(o->assets);
        squeeze_csv(ic.assets);
    }
    free(cf.tactics);
    rc = EXIT_OK;
    char *copy = strdup(ic.assets), *save = NULL;
    for (char *a = strtok_r(copy, ",", &save); a && rc == EXIT_OK; a = strtok_r(NULL, ",", &save))
        if (!model_asset_by_id(ic.m, a)) rc = outcome(out, EXIT_USAGE, 400, "no asset '%s' in the port model", a);
    free(copy);
    if (rc == EXIT_OK && !ic.assets[0]) rc = outcome(out, EXIT_USAGE, 400, "an incident needs at least one affected asset");
    if (rc == EXIT_OK && pb_id && !(ic.pb = inc_load_playbook(cmd, pb_id, &rc)))
        outcome(out, rc, 400, "playbook '%s' cannot be used (seawall playbooks --check lists the problems)", pb_id);
    const model_person *by = NULL;
    if (rc == EXIT_OK && o->by && !(by = inc_person_check(&ic, o->by, out))) rc = out->exit_code;
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
    res->id = ic.id;
    res->tasks = tasks;
    snprintf(res->playbook, sizeof res->playbook, "%s", pb_id ? pb_id : "");
    snprintf(res->severity, sizeof res->severity, "%s", severity);
    snprintf(res->assets, sizeof res->assets, "%s", ic.assets);
    outcome(out, EXIT_OK, 201, "opened incident %lld", (long long)ic.id);
    strbuf_free(&body);
    free(pb_id);
    free(cf.severity);
    inc_free(&ic);
    return EXIT_OK;
fail:
    store_rollback(ic.s);
    outcome(out, EXIT_INPUT, 503, "%s", err.msg);
    strbuf_free(&body);
    free(pb_id);
    free(cf.severity);
    inc_free(&ic);
    return EXIT_INPUT;
}
