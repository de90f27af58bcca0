/* web_api_incidents.c - incidents over HTTP: the list, one incident whole
 * (as `seawall incident show --json`), the correlation candidates, and
 * the changes of `seawall incident` (open, task done, decision, note or
 * comms, state) through the same inc_do_* functions and src/ir, each
 * recorded in the audit log; plus a live stream of timeline entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_incident.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_candidates.h"
#include "store/store_incident_feed.h"
#include "web/web_api.h"

extern const cli_command cmd_incident;

#define TEXT_MAX 4000            /* a note, a reason, a title */

static int list_row(void *ctx, const store_incident_rec *r)
{
    inc_list_row_jw(ctx, r);
    return 0;
}

void web_h_incidents(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_incident_list(c->db, list_row, &w, &err), &err);
}

static int candidate_row(void *ctx, const store_candidate_rec *r)
{
    jw_raw(ctx, r->doc);
    return 0;
}

void web_h_incident_candidates(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_list_candidates(c->db, candidate_row, &w, &err), &err);
}

static int exists_row(void *ctx, const store_incident_rec *r)
{
    (void)ctx;
    (void)r;
    return 1;
}

/* The incident of the path, loaded with its model and playbook; false
 * after answering (400 bad id, 404 unknown, 503). */
static bool load(web_call *c, cli_ctx *ctx, inc_ctx *ic)
{
    memset(ic, 0, sizeof *ic);
    const char *v = c->var;
    if (!v || !*v || strlen(v) > 18 || strspn(v, "0123456789") != strlen(v) || v[0] == '0') {
        web_fail(c, 400, "bad_parameter", "an incident id is a positive whole number");
        return false;
    }
    bool found = false;
    sw_error err = { 0 };
    if (store_incident_get(c->db, strtoll(v, NULL, 10), exists_row, NULL, &found, &err)) {
        web_fail(c, 503, "store_unavailable", "%s", err.msg);
        return false;
    }
    if (!found) {
        web_fail(c, 404, "not_found", "no incident %s", v);
        return false;
    }
    web_cli_ctx(c, ctx);
    ic->cmd = &cmd_incident;
    ic->cli = ctx;
    if (inc_load(ic, v) == EXIT_OK) return true;
    /* inc_load's reasons (the model's or playbook's diagnostics) go to the server's log. */
    web_fail(c, 503, "analysis_unavailable", "incident %s: its port model or playbook cannot be loaded", v);
    inc_free(ic);
    return false;
}

void web_h_incident(web_call *c)
{
    cli_ctx ctx;
    inc_ctx ic;
    if (!load(c, &ctx, &ic)) return;
    json_writer w;
    if (inc_show_jw(&ic, c->now, web_json(c, 200, &w)) != EXIT_OK)
        web_fail(c, 503, "store_unavailable", "the incident's timeline cannot be read");
    inc_free(&ic);
}

/* --- changes ------------------------------------------------------------------ */

/* Answers a change: the outcome's status and message, and the audit row. */
static void finish(web_call *c, const char *action, const char *target, const inc_outcome *out, json_t *detail)
{
    char *d = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    if (out->exit_code != EXIT_OK) {
        const char *code = out->http == 400 ? "bad_request" : out->http == 404 ? "not_found"
                         : out->http == 409 ? "refused" : "store_unavailable";
        web_audit(c, action, target, code, d);
        web_fail(c, out->http ? out->http : 503, code, "%s", out->msg[0] ? out->msg : "the change could not be made");
    } else {
        web_audit(c, action, target, "ok", d);
    }
    free(d);
}

/* Who acts: the person of the port model the caller's account is mapped
 * to (a token acts for its owner's account). A client does not say who it
 * is: that would let any responder write another person's decisions.
 * An unmapped account is a 409 (the account's state), not a 403, which
 * stays the route table's answer alone. */
static bool actor(web_call *c, json_t *body, const char **by)
{
    if (json_object_get(body, "by")) {
        web_fail(c, 400, "bad_request", "'by' is not accepted: changes are made by the person your account is "
                 "mapped to%s%s", c->who.person[0] ? ", " : "", c->who.person);
        return false;
    }
    if (!c->who.person[0]) {
        web_fail(c, 409, "no_person", "account '%s' is not mapped to a person of the port model, so it cannot act on "
                 "incidents; a cso maps it with POST /api/v1/users/{username}/person", c->who.name);
        return false;
    }
    *by = c->who.person;
    return true;
}

static bool body_text(web_call *c, json_t *body, const char *key, bool required, const char **out)
{
    sw_error err = { 0 };
    if (web_json_string(body, key, TEXT_MAX, required, out, &err)) {
        web_fail(c, 400, "bad_request", "%s", err.msg);
        return false;
    }
    return true;
}

/* Rejects members the route does not know, so a typo is not silently ignored. */
static bool only_keys(web_call *c, json_t *body, const char *const *keys)
{
    const char *k;
    json_t *v;
    json_object_foreach(body, k, v) {
        bool known = false;
        for (size_t i = 0; keys[i] && !known; i++) known = !strcmp(k, keys[i]);
        if (!known) {
            web_fail(c, 400, "bad_request", "unknown member '%.64s'", k);
            return false;
        }
    }
    return true;
}

void web_h_incident_open(web_call *c)
{
    static const char *const keys[] = { "candidate", "title", "severity", "assets", "playbook", "detected", NULL };
    json_t *body = web_body_object(c);
    if (!body) return;
    if (!web_require_model(c)) { json_decref(body); return; }
    inc_opts o = { 0 };
    const char *detected = NULL;
    json_t *assets = json_object_get(body, "assets");
    strbuf csv;
    strbuf_init(&csv);
    sw_error err = { 0 };
    if (!actor(c, body, &o.by) || !only_keys(c, body, keys) || !body_text(c, body, "title", false, &o.title) ||
        !body_text(c, body, "severity", false, &o.severity) || !body_text(c, body, "detected", false, &detected))
        goto done;
    if (web_json_string(body, "candidate", MODEL_ID_MAX, false, &o.candidate, &err) ||
        web_json_string(body, "playbook", MODEL_ID_MAX, false, &o.playbook, &err)) {
        web_fail(c, 400, "bad_request", "%s", err.msg);
        goto done;
    }
    if ((o.candidate && !web_check_id(c, "candidate", o.candidate)) || (o.playbook && !web_check_id(c, "playbook", o.playbook)))
        goto done;
    if (detected && !time_parse_rfc3339(detected, &o.at)) {
        web_fail(c, 400, "bad_request", "detected wants an RFC 3339 time");
        goto done;
    }
    if (assets) {
        if (!json_is_array(assets) || !json_array_size(assets) || json_array_size(assets) > 256) {
            web_fail(c, 400, "bad_request", "assets is a list of 1 to 256 asset ids");
            goto done;
        }
        size_t i;
        json_t *a;
        json_array_foreach(assets, i, a) {
            if (!json_is_string(a) || !web_check_id(c, "assets", json_string_value(a))) {
                if (!json_is_string(a)) web_fail(c, 400, "bad_request", "assets holds asset ids (strings)");
                goto done;
            }
            strbuf_printf(&csv, "%s%s", i ? "," : "", json_string_value(a));
        }
        o.assets = csv.data;
    }
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    inc_opened res;
    inc_outcome out;
    json_t *detail = json_pack("{s:s?, s:s?, s:s?, s:s}", "candidate", o.candidate, "title", o.title, "playbook", o.playbook,
                             "by", o.by);
    if (inc_do_open(&cmd_incident, &ctx, &o, &res, &out) == EXIT_OK) {
        char target[40];
        snprintf(target, sizeof target, "incident:%lld", (long long)res.id);
        finish(c, "incident.open", target, &out, detail);
        json_writer w;
        web_json(c, 201, &w);
        jw_object_begin(&w);
        jw_kv_int(&w, "id", res.id);
        jw_kv_string(&w, "playbook", res.playbook[0] ? res.playbook : NULL);
        jw_kv_uint(&w, "tasks", res.tasks);
        jw_object_end(&w);
    } else {
        finish(c, "incident.open", o.candidate ? o.candidate : "incident", &out, detail);
    }
    json_decref(detail);
done:
    strbuf_free(&csv);
    json_decref(body);
}

typedef enum { CHANGE_TASK, CHANGE_DECISION, CHANGE_NOTE, CHANGE_STATE } change_kind;

static void change(web_call *c, change_kind kind)
{
    static const char *const task_keys[] = { "task", NULL };
    static const char *const decision_keys[] = { "action", "why", NULL };
    static const char *const note_keys[] = { "text", "kind", "to", "duty", NULL };
    static const char *const state_keys[] = { "state", NULL };
    static const char *const *const keys[] = { task_keys, decision_keys, note_keys, state_keys };
    static const char *const actions[] = { "incident.task", "incident.decide", "incident.note", "incident.state" };
    cli_ctx ctx;
    inc_ctx ic;
    json_t *body = web_body_object(c);
    if (!body) return;
    const char *by = NULL;
    if (!actor(c, body, &by) || !only_keys(c, body, keys[kind])) { json_decref(body); return; }
    if (!load(c, &ctx, &ic)) { json_decref(body); return; }
    inc_opts o = { 0 };
    inc_outcome out = { 0 };
    char target[40];
    snprintf(target, sizeof target, "incident:%lld", (long long)ic.id);
    const char *text = NULL, *note_kind = "note", *state = NULL;
    json_int_t task = 0;
    o.by = by;
    switch (kind) {
    case CHANGE_TASK: {
        json_t *t = json_object_get(body, "task");
        if (!json_is_integer(t) || (task = json_integer_value(t)) <= 0) {
            web_fail(c, 400, "bad_request", "task is the task's number (a positive whole number)");
            goto done;
        }
        inc_do_task_done(&ic, &o, task, &out);
        break;
    }
    case CHANGE_DECISION:
        if (!body_text(c, body, "action", true, &o.action) || !body_text(c, body, "why", true, &o.why)) goto done;
        inc_do_decide(&ic, &o, &out);
        break;
    case CHANGE_NOTE:
        if (!body_text(c, body, "text", true, &text) || !body_text(c, body, "kind", false, &note_kind) ||
            !body_text(c, body, "to", false, &o.to) || !body_text(c, body, "duty", false, &o.duty))
            goto done;
        if (!note_kind) note_kind = "note";
        if (strcmp(note_kind, "note") && strcmp(note_kind, "comms")) {
            web_fail(c, 400, "bad_request", "kind is note or comms");
            goto done;
        }
        if ((o.to || o.duty) && strcmp(note_kind, "comms")) {
            web_fail(c, 400, "bad_request", "to and duty go with kind comms");
            goto done;
        }
        inc_do_note(&ic, &o, note_kind, text, &out);
        break;
    case CHANGE_STATE:
        if (!body_text(c, body, "state", true, &state)) goto done;
        inc_do_state(&ic, &o, state, &out);
        break;
    }
    json_t *detail = json_deep_copy(body);
    if (detail) json_object_set_new(detail, "by", json_string(o.by));
    finish(c, actions[kind], target, &out, detail);
    json_decref(detail);
    if (out.exit_code == EXIT_OK) {
        json_writer w;
        web_json(c, 200, &w);
        jw_object_begin(&w);
        jw_kv_int(&w, "id", ic.id);
        jw_kv_string(&w, "state", ic.state);
        jw_kv_string(&w, "message", out.msg);
        jw_object_end(&w);
    }
done:
    inc_free(&ic);
    json_decref(body);
}

void web_h_incident_task(web_call *c) { change(c, CHANGE_TASK); }
void web_h_incident_decision(web_call *c) { change(c, CHANGE_DECISION); }
void web_h_incident_note(web_call *c) { change(c, CHANGE_NOTE); }
void web_h_incident_state(web_call *c) { change(c, CHANGE_STATE); }

/* --- live stream ---------------------------------------------------------------- */

typedef struct feed_fill { strbuf *out; int64_t *last_id; } feed_fill;

static int feed_row(void *ctx, const store_feed_row *r)
{
    feed_fill *f = ctx;
    strbuf data;
    strbuf_init(&data);
    json_writer w;
    jw_init(&w, &data);
    char ts[SW_TIME_STR_MAX];
    jw_object_begin(&w);
    jw_kv_int(&w, "incident", r->incident);
    jw_kv_int(&w, "seq", r->seq);
    jw_kv_string(&w, "ts", time_fmt_rfc3339(r->ts, 0, ts));
    jw_kv_string(&w, "kind", r->kind);
    jw_kv_string(&w, "actor", r->actor);
    jw_key(&w, "body");
    jw_raw(&w, r->body);
    jw_kv_string(&w, "title", r->title);
    jw_kv_string(&w, "severity", r->severity);
    jw_kv_string(&w, "state", r->state);
    jw_object_end(&w);
    /* The writer emits one line, so one data: line each. */
    strbuf_printf(f->out, "id: %lld\nevent: incident\ndata: %s\n\n", (long long)r->id, data.data);
    strbuf_free(&data);
    *f->last_id = r->id;
    return 0;
}

static sw_code feed_fill_fn(store *db, int64_t *last_id, strbuf *out, size_t max, sw_error *err)
{
    feed_fill f = { out, last_id };
    return store_incident_feed(db, *last_id, (int64_t)max, feed_row, &f, err);
}

static const web_sse_source incident_stream = { ": seawall incident stream", feed_fill_fn };

void web_h_incident_events(web_call *c)
{
    int64_t from = 0;
    sw_error err = { 0 };
    if (c->last_event_id && *c->last_event_id) {
        char *end;
        long long v = strtoll(c->last_event_id, &end, 10);
        if (*end || v < 0) return web_fail(c, 400, "bad_parameter", "Last-Event-ID must be an event id this stream sent");
        from = v;
    } else if (store_incident_feed_max(c->db, &from, &err)) {
        return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    }
    c->res.sse = true;
    c->res.sse_from = from;
    c->res.sse_source = &incident_stream;
    c->res.status = 200;
    c->res.content_type = "text/event-stream";
}
