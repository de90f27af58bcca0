/* cli_incident_view.c - `seawall incident show` (state, live business
 * impact and recovery order from the impact roll-up, the port functions
 * running on manual fallbacks, tasks, timeline, evidence) and `clocks`
 * (reporting deadlines and draft reports). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/impact.h"
#include "cli/cli_incident.h"
#include "cli/cli_store.h"
#include "core/json.h"
#include "core/tz.h"
#include "ir/clocks.h"
#include "ir/directory.h"
#include "store/store_incidents.h"

static int collect(void *ctx, const store_timeline_rec *r)
{
    timeline *t = ctx;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        tl_entry *e = realloc(t->e, cap * sizeof *e);
        if (!e) { t->oom = true; return 1; }
        t->e = e;
        t->cap = cap;
    }
    tl_entry *x = &t->e[t->n++];
    x->seq = r->seq;
    x->ts = r->ts;
    x->kind = strdup(r->kind);
    x->actor = strdup(r->actor);
    x->body = strdup(r->body);
    x->doc = json_loads(r->body, 0, NULL);
    return 0;
}

void inc_timeline_free(timeline *t)
{
    for (size_t i = 0; i < t->n; i++) { free(t->e[i].kind); free(t->e[i].actor); free(t->e[i].body); json_decref(t->e[i].doc); }
    free(t->e);
}

const char *inc_body_str(const tl_entry *e, const char *key)
{
    return json_string_value(json_object_get(e->doc, key));
}

/* When a duty was first reported (a comms entry with that duty). */
sw_time_us inc_duty_met(void *ctx, const char *duty)
{
    const timeline *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->e[i].kind, "comms") && inc_body_str(&t->e[i], "duty") && !strcmp(inc_body_str(&t->e[i], "duty"), duty)) return t->e[i].ts;
    return 0;
}

const tl_entry *inc_decision_taken(const timeline *t, const char *id)
{
    for (size_t i = 0; id && i < t->n; i++)
        if (!strcmp(t->e[i].kind, "decision") && inc_body_str(&t->e[i], "decision") && !strcmp(inc_body_str(&t->e[i], "decision"), id)) return &t->e[i];
    return NULL;
}

void inc_local_time(const port_model *m, sw_time_us t, char out[48])
{
    tz_local lt;
    tz_local_time(m->port.tz, t, &lt);
    int off = lt.utoff < 0 ? -lt.utoff : lt.utoff;
    snprintf(out, 48, "%04d-%02d-%02d %02d:%02d %c%02d:%02d", lt.year, lt.month, lt.day, lt.minute / 60, lt.minute % 60,
             lt.utoff < 0 ? '-' : '+', off / 3600, off % 3600 / 60);
}

int inc_timeline_load(inc_ctx *ic, timeline *t)
{
    sw_error err = { 0 };
    if (store_timeline_list(ic->s, ic->id, collect, t, &err) != SW_OK || t->oom) {
        fprintf(stderr, "seawall incident: %s\n", t->oom ? "out of memory" : err.msg);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

size_t inc_clocks_of(inc_ctx *ic, timeline *t, sw_time_us now, ir_clock *out)
{
    return ir_clocks_compute(ic->m->port.jurisdictions.items, ic->m->port.jurisdictions.len, ic->detected, now, inc_duty_met, t, out);
}

static void fmt_remaining(sw_time_us r, char out[48])
{
    int64_t s = (r < 0 ? -r : r) / SW_US_PER_SEC;
    snprintf(out, 48, "%s%lldd %02lldh %02lldm", r < 0 ? "-" : "", (long long)(s / 86400), (long long)(s % 86400 / 3600), (long long)(s % 3600 / 60));
}

static void print_draft(inc_ctx *ic, const inc_opts *o, timeline *t, const ir_clock *c, size_t n)
{
    char dpath[4096];
    const char *path = o->directory;
    if (!path && ic->m->path) {
        const char *slash = strrchr(ic->m->path, '/');
        snprintf(dpath, sizeof dpath, "%.*s%sdirectory.yaml", slash ? (int)(slash - ic->m->path) : 0, ic->m->path, slash ? "/" : "");
        path = dpath;
    }
    diag_list d;
    diag_init(&d, path ? path : "directory.yaml");
    ir_directory *dir = path ? ir_directory_load_file(path, &d) : NULL;
    if (d.errors) diag_print(&d, stderr);
    const ir_contact *to = ir_directory_find(dir, o->draft);
    const char *agency = to && to->agency ? to->agency : o->draft;
    char det[48], now[48];
    inc_local_time(ic->m, ic->detected, det);
    inc_local_time(ic->m, o->now ? o->now : time_now_us(), now);
    printf("DRAFT - not sent. Check every line before sending.\n\n");
    if (to) printf("To:      %s\n         %s%s%s%s%s\n", to->name, to->phone ? to->phone : "", to->phone && to->email ? "  " : "", to->email ? to->email : "", to->web ? "  " : "", to->web ? to->web : "");
    else printf("To:      %s (not in the directory%s%s)\n", o->draft, path ? " " : "", path ? path : "");
    const model_person *cso = NULL;
    for (size_t i = 0; i < ic->m->n_people && !cso; i++)
        for (size_t r = 0; r < ic->m->people[i].roles.len; r++)
            if (!strcmp(ic->m->people[i].roles.items[r], "cso")) { cso = &ic->m->people[i]; break; }
    printf("From:    %s%s%s%s%s\n", ic->m->port.name ? ic->m->port.name : "the port", cso ? ", " : "", cso ? cso->name : "",
           cso && cso->email ? " <" : "", cso && cso->email ? cso->email : "");
    if (cso && cso->email) printf(">\n"); else printf("\n");
    printf("Subject: Incident %lld - %s\n\n", (long long)ic->id, ic->title);
    printf("Reporting duties this covers:\n");
    size_t covered = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].duty->agency, agency)) continue;
        char dl[48];
        inc_local_time(ic->m, c[i].deadline, dl);
        printf("  - %s (%s): %s; deadline %s; %s\n", c[i].duty->id, c[i].duty->citation, c[i].duty->what, dl, ir_duty_status_name(c[i].status));
        covered++;
    }
    if (!covered) printf("  (none of the port's regulatory clocks names %s; a voluntary report)\n", agency);
    printf("\n1. Reporting entity: %s (jurisdictions:", ic->m->port.name ? ic->m->port.name : "the port");
    for (size_t i = 0; i < ic->m->port.jurisdictions.len; i++) printf(" %s", ic->m->port.jurisdictions.items[i]);
    printf(")\n2. Became aware: %s (port local time)\n3. Report prepared: %s\n", det, now);
    printf("4. Severity: %s; state: %s%s%s\n", ic->severity, ic->state, ic->playbook_id[0] ? "; playbook: " : "", ic->playbook_id);
    printf("5. Affected systems:\n");
    char *copy = strdup(ic->assets), *save = NULL;
    for (char *a = strtok_r(copy, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        const model_asset *as = model_asset_by_id(ic->m, a);
        printf("   - %s%s%s%s%s\n", a, as && as->name ? ": " : "", as && as->name ? as->name : "", as && as->product ? ", " : "", as && as->product ? as->product : "");
    }
    free(copy);
    printf("6. Actions and decisions so far:\n");
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->e[i].kind, "decision") && strcmp(t->e[i].kind, "state")) continue;
        char at[48];
        inc_local_time(ic->m, t->e[i].ts, at);
        if (!strcmp(t->e[i].kind, "decision")) printf("   - %s %s (decided by %s: %s)\n", at, inc_body_str(&t->e[i], "action"), t->e[i].actor, inc_body_str(&t->e[i], "why"));
        else printf("   - %s incident moved to %s\n", at, inc_body_str(&t->e[i], "to"));
    }
    printf("7. Suspected unlawful or malicious act: [yes/no - to confirm]\n8. Cross-border impact: [to assess]\n");
    printf("9. Contact: %s%s%s\n", cso ? cso->name : "[CSO]", cso && cso->email ? ", " : "", cso && cso->email ? cso->email : "");
    ir_directory_free(dir);
    diag_free(&d);
}

static void clock_jw(json_writer *w, const port_model *m, const ir_clock *c)
{
    char utc[SW_TIME_STR_MAX], loc[48], met[SW_TIME_STR_MAX];
    time_fmt_rfc3339(c->deadline, 0, utc);
    inc_local_time(m, c->deadline, loc);
    if (c->met_at) time_fmt_rfc3339(c->met_at, 0, met);
    jw_object_begin(w);
    jw_kv_string(w, "duty", c->duty->id);
    jw_kv_string(w, "jurisdiction", c->duty->jurisdiction);
    jw_kv_string(w, "agency", c->duty->agency);
    jw_kv_string(w, "what", c->duty->what);
    jw_kv_string(w, "citation", c->duty->citation);
    jw_kv_string(w, "deadline", utc);
    jw_kv_string(w, "deadline_local", loc);
    jw_kv_string(w, "status", ir_duty_status_name(c->status));
    jw_kv_string(w, "met_at", c->met_at ? met : NULL);
    jw_object_end(w);
}

int inc_clocks_jw(inc_ctx *ic, sw_time_us now, json_writer *w)
{
    timeline t = { 0 };
    int rc = inc_timeline_load(ic, &t);
    if (rc == EXIT_OK) {
        ir_clock c[16];
        size_t n = inc_clocks_of(ic, &t, now, c);
        jw_array_begin(w);
        for (size_t i = 0; i < n; i++) clock_jw(w, ic->m, &c[i]);
        jw_array_end(w);
    }
    inc_timeline_free(&t);
    return rc;
}

int inc_clocks(inc_ctx *ic, const inc_opts *o)
{
    timeline t = { 0 };
    int rc = inc_timeline_load(ic, &t);
    if (rc != EXIT_OK) { inc_timeline_free(&t); return rc; }
    sw_time_us now = o->now ? o->now : time_now_us();
    ir_clock c[16];
    size_t n = inc_clocks_of(ic, &t, now, c);
    if (o->draft) { print_draft(ic, o, &t, c, n); inc_timeline_free(&t); return EXIT_OK; }
    static const char *const headers[] = { "DUTY", "AGENCY", "DEADLINE (UTC)", "DEADLINE (LOCAL)", "STATUS", "REMAINING", "MET", "CITATION" };
    cli_listing l;
    cli_listing_begin(&l, ic->cli->json, 8, headers);
    for (size_t i = 0; i < n; i++) {
        char utc[SW_TIME_STR_MAX], loc[48], met[SW_TIME_STR_MAX], rem[48];
        time_fmt_rfc3339(c[i].deadline, 0, utc);
        inc_local_time(ic->m, c[i].deadline, loc);
        if (c[i].met_at) time_fmt_rfc3339(c[i].met_at, 0, met);
        fmt_remaining(c[i].remaining, rem);
        if (l.json) {
            clock_jw(&l.w, ic->m, &c[i]);
            cli_listing_row(&l, NULL);
        } else {
            const char *cells[] = { c[i].duty->id, c[i].duty->agency, utc, loc, ir_duty_status_name(c[i].status),
                                    c[i].met_at ? NULL : rem, c[i].met_at ? met : NULL, c[i].duty->citation };
            cli_listing_row(&l, cells);
        }
    }
    cli_listing_end(&l, true, "seawall incident: the port model names no jurisdiction with reporting duties (port.jurisdictions)");
    inc_timeline_free(&t);
    return EXIT_OK;
}

static int show_task(void *ctx, const store_task_rec *t)
{
    (void)ctx;
    printf("  %2lld %-4s %-15s %-22s %-18s %s\n", (long long)t->n, t->done_at ? "done" : "open", t->phase, t->role,
           t->assignee ? t->assignee : "(UNHELD)", t->text);
    return 0;
}

static int show_evidence(void *ctx, const store_evidence_rec *e)
{
    (void)ctx;
    printf("  %s  %s (%lld bytes, by %s)\n", e->sha256, e->name, (long long)e->size, e->added_by);
    return 0;
}

typedef struct jw_ctx { json_writer *w; const char *kind; } jw_ctx;

static int task_jw(void *ctx, const store_task_rec *t)
{
    json_writer *w = ctx;
    char done[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_int(w, "n", t->n);
    jw_kv_string(w, "phase", t->phase);
    jw_kv_string(w, "text", t->text);
    jw_kv_string(w, "role", t->role);
    jw_kv_string(w, "assignee", t->assignee);
    jw_kv_string(w, "decision", t->decision);
    jw_kv_string(w, "duty", t->duty);
    jw_kv_string(w, "state", t->done_at ? "done" : "open");
    jw_kv_string(w, "done_by", t->done_by);
    jw_kv_string(w, "done_at", t->done_at ? time_fmt_rfc3339(t->done_at, 0, done) : NULL);
    jw_object_end(w);
    return 0;
}

static int evidence_jw(void *ctx, const store_evidence_rec *e)
{
    json_writer *w = ctx;
    char at[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_string(w, "sha256", e->sha256);
    jw_kv_string(w, "name", e->name);
    jw_kv_int(w, "size", e->size);
    jw_kv_string(w, "added_by", e->added_by);
    jw_kv_string(w, "added_at", time_fmt_rfc3339(e->added_at, 0, at));
    jw_object_end(w);
    return 0;
}

/* Timeline entries of one kind, each as {seq, ts, actor, ...body members}. */
static void entries_jw(json_writer *w, const char *key, const timeline *t, const char *kind)
{
    jw_key(w, key);
    jw_array_begin(w);
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->e[i].kind, kind)) continue;
        char ts[SW_TIME_STR_MAX];
        jw_object_begin(w);
        jw_kv_int(w, "seq", t->e[i].seq);
        jw_kv_string(w, "ts", time_fmt_rfc3339(t->e[i].ts, 0, ts));
        jw_kv_string(w, "by", t->e[i].actor);
        const char *k;
        json_t *v;
        json_object_foreach(t->e[i].doc, k, v) {
            if (json_is_string(v)) jw_kv_string(w, k, json_string_value(v));
            else if (json_is_integer(v)) jw_kv_int(w, k, json_integer_value(v));
            else if (json_is_boolean(v)) jw_kv_bool(w, k, json_is_true(v));
        }
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void show_jw(inc_ctx *ic, const timeline *t, sw_time_us now, const impact_result *r, const impact_graph *g,
                    json_writer *w)
{
    char det[48], ts[SW_TIME_STR_MAX];
    inc_local_time(ic->m, ic->detected, det);
    jw_object_begin(w);
    jw_kv_int(w, "id", ic->id);
    jw_kv_string(w, "title", ic->title);
    jw_kv_string(w, "severity", ic->severity);
    jw_kv_string(w, "state", ic->state);
    jw_kv_string(w, "playbook", ic->playbook_id[0] ? ic->playbook_id : NULL);
    cli_jw_csv_array(w, "assets", ic->assets);
    jw_kv_string(w, "detected_local", det);
    jw_kv_string(w, "detected", time_fmt_rfc3339(ic->detected, 0, ts));
    jw_kv_string(w, "opened", time_fmt_rfc3339(ic->opened, 0, ts));
    jw_kv_string(w, "candidate", ic->candidate[0] ? ic->candidate : NULL);
    if (r) {
        jw_key(w, "impact");
        jw_object_begin(w);
        jw_kv_double(w, "hours", r->hours, 2);
        jw_kv_double(w, "teu_lost", r->teu_lost, 1);
        jw_kv_double(w, "cost", r->cost, 0);
        jw_kv_bool(w, "safety", r->safety);
        jw_key(w, "recovery_order");
        jw_array_begin(w);
        for (size_t i = 0; i < r->n_stopped; i++) jw_string(w, g->nodes[r->stopped[i].node].id);
        jw_array_end(w);
        jw_object_end(w);
    }
    /* Continuity: each port function of the playbook, on its manual
     * fallback once the decision that switches it on was taken. */
    jw_key(w, "functions");
    jw_array_begin(w);
    for (size_t i = 0; ic->pb && i < ic->pb->n_fallbacks; i++) {
        const pb_fallback *f = &ic->pb->fallbacks[i];
        const tl_entry *dec = inc_decision_taken(t, f->decision);
        jw_object_begin(w);
        jw_kv_string(w, "function", f->function);
        jw_kv_string(w, "state", dec ? f->state : "normal");
        jw_kv_string(w, "procedure", f->procedure);
        jw_kv_string(w, "decision", f->decision);
        jw_kv_string(w, "since_decision_by", dec ? dec->actor : NULL);
        jw_object_end(w);
    }
    jw_array_end(w);
    if (ic->pb) {
        jw_key(w, "playbook_detail");
        jw_object_begin(w);
        jw_kv_string(w, "id", ic->pb->id);
        jw_kv_string(w, "title", ic->pb->title);
        jw_kv_string(w, "summary", ic->pb->summary);
        jw_key(w, "phases");
        jw_array_begin(w);
        for (size_t p = 0; p < ic->pb->n_phases; p++) {
            jw_object_begin(w);
            jw_kv_string(w, "id", ic->pb->phases[p].id);
            jw_kv_string(w, "name", ic->pb->phases[p].name);
            jw_key(w, "csf");
            jw_array_begin(w);
            for (size_t k = 0; k < ic->pb->phases[p].csf.len; k++) jw_string(w, ic->pb->phases[p].csf.items[k]);
            jw_array_end(w);
            jw_kv_uint(w, "steps", ic->pb->phases[p].n_steps);
            jw_object_end(w);
        }
        jw_array_end(w);
        jw_key(w, "decisions");
        jw_array_begin(w);
        for (size_t d = 0; d < ic->pb->n_decisions; d++) {
            const pb_decision *pd = &ic->pb->decisions[d];
            const tl_entry *taken = inc_decision_taken(t, pd->id);
            jw_object_begin(w);
            jw_kv_string(w, "id", pd->id);
            jw_kv_string(w, "action", pd->action);
            jw_kv_string(w, "role", pd->role);
            jw_kv_string(w, "why", pd->why);
            jw_kv_bool(w, "taken", taken != NULL);
            jw_object_end(w);
        }
        jw_array_end(w);
        jw_object_end(w);
    } else {
        jw_key(w, "playbook_detail");
        jw_null(w);
    }
    sw_error err = { 0 };
    jw_key(w, "tasks");
    jw_array_begin(w);
    store_task_list(ic->s, ic->id, task_jw, w, &err);
    jw_array_end(w);
    entries_jw(w, "decisions", t, "decision");
    entries_jw(w, "comms", t, "comms");
    entries_jw(w, "notes", t, "note");
    jw_key(w, "evidence");
    jw_array_begin(w);
    store_evidence_list(ic->s, ic->id, evidence_jw, w, &err);
    jw_array_end(w);
    ir_clock c[16];
    size_t n = inc_clocks_of(ic, (timeline *)t, now, c);
    jw_key(w, "clocks");
    jw_array_begin(w);
    for (size_t i = 0; i < n; i++) clock_jw(w, ic->m, &c[i]);
    jw_array_end(w);
    jw_key(w, "timeline");
    jw_array_begin(w);
    for (size_t i = 0; i < t->n; i++) {
        jw_object_begin(w);
        jw_kv_int(w, "seq", t->e[i].seq);
        jw_kv_string(w, "ts", time_fmt_rfc3339(t->e[i].ts, 0, ts));
        jw_kv_string(w, "kind", t->e[i].kind);
        jw_kv_string(w, "actor", t->e[i].actor);
        jw_key(w, "body");
        jw_raw(w, t->e[i].body);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

size_t inc_lost_assets(const inc_ctx *ic, uint32_t *lost, size_t max)
{
    size_t nl = 0;
    char *copy = strdup(ic->assets), *save = NULL;
    for (char *a = copy ? strtok_r(copy, ",", &save) : NULL; a && nl < max; a = strtok_r(NULL, ",", &save)) {
        const model_asset *as = model_asset_by_id(ic->m, a);
        if (as) lost[nl++] = (uint32_t)(as - ic->m->assets);
    }
    free(copy);
    return nl;
}

double inc_outage_hours(const inc_ctx *ic, sw_time_us end)
{
    double hours = (double)(end - ic->detected) / (3600.0 * SW_US_PER_SEC);
    return hours < 1.0 / 60 ? 1.0 / 60 : hours;
}

/* The business impact so far: the incident's assets lost since it was
 * detected. g->nodes is NULL when out of memory. */
static bool live_impact(inc_ctx *ic, sw_time_us now, impact_graph *g, impact_result *r)
{
    double hours = inc_outage_hours(ic, now);
    memset(r, 0, sizeof *r);
    if (!impact_graph_from_model(ic->m, g)) { g->nodes = NULL; return false; }
    uint32_t lost[256];
    size_t nl = inc_lost_assets(ic, lost, 256);
    sw_error err = { 0 };
    bool ok = nl && impact_outage(g, lost, nl, hours, r, &err) == SW_OK;
    if (!ok && err.msg[0]) fprintf(stderr, "seawall incident: impact: %s\n", err.msg);
    return ok;
}

int inc_show_jw(inc_ctx *ic, sw_time_us now, json_writer *w)
{
    timeline t = { 0 };
    int rc = inc_timeline_load(ic, &t);
    if (rc == EXIT_OK) {
        impact_graph g;
        impact_result r;
        bool have_impact = live_impact(ic, now, &g, &r);
        show_jw(ic, &t, now, have_impact ? &r : NULL, &g, w);
        if (have_impact) impact_result_free(&r);
        free((void *)g.nodes);
    }
    inc_timeline_free(&t);
    return rc;
}

int inc_show(inc_ctx *ic, const inc_opts *o)
{
    timeline t = { 0 };
    int rc = inc_timeline_load(ic, &t);
    if (rc != EXIT_OK) { inc_timeline_free(&t); return rc; }
    sw_time_us now = o->now ? o->now : time_now_us();
    impact_graph g;
    impact_result r;
    bool have_impact = live_impact(ic, now, &g, &r);
    char det[48];
    inc_local_time(ic->m, ic->detected, det);
    if (ic->cli->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        show_jw(ic, &t, now, have_impact ? &r : NULL, &g, &w);
        strbuf_putc(&sb, '\n');
        cli_jw_flush(&sb);
        strbuf_free(&sb);
    } else {
        printf("Incident %lld: %s\n  severity %s, state %s, playbook %s\n  aware since %s (port local), assets %s\n", (long long)ic->id, ic->title,
               ic->severity, ic->state, ic->playbook_id[0] ? ic->playbook_id : "-", det, ic->assets);
        if (have_impact) {
            printf("\nLive business impact after %.1f h: %zu assets stopped, %.0f TEU lost, %.1f h vessel delay, cost %.0f %s%s\n", r.hours,
                   r.n_stopped, r.teu_lost, r.vessel_delay_hours, r.cost, ic->m->port.currency ? ic->m->port.currency : "",
                   r.safety ? ", SAFETY" : "");
            printf("Recovery order (dependencies first, then shortest RTO):");
            for (size_t i = 0; i < r.n_stopped; i++) {
                const impact_node *nd = &g.nodes[r.stopped[i].node];
                printf("%s%s", i ? ", " : " ", nd->id);
                if (nd->rto_hours >= 0) printf(" (RTO %gh%s)", nd->rto_hours, r.stopped[i].rto_breached ? " BREACHED" : "");
            }
            printf("\n");
        }
        if (ic->pb && ic->pb->n_fallbacks) {
            printf("\nPort functions:\n");
            for (size_t i = 0; i < ic->pb->n_fallbacks; i++) {
                const pb_fallback *f = &ic->pb->fallbacks[i];
                const tl_entry *dec = inc_decision_taken(&t, f->decision);
                printf("  %-16s %s%s%s\n", f->function, dec ? f->state : "normal", dec ? " since decision by " : "", dec ? dec->actor : "");
            }
        }
        printf("\nTasks:\n");
        sw_error err = { 0 };
        store_task_list(ic->s, ic->id, show_task, NULL, &err);
        printf("\nEvidence:\n");
        store_evidence_list(ic->s, ic->id, show_evidence, NULL, &err);
        printf("\nTimeline:\n");
        for (size_t i = 0; i < t.n; i++) {
            char at[48];
            inc_local_time(ic->m, t.e[i].ts, at);
            printf("  %3lld %s %-9s %-16s %s\n", (long long)t.e[i].seq, at, t.e[i].kind, t.e[i].actor, t.e[i].body);
        }
    }
    if (have_impact) impact_result_free(&r);
    free((void *)g.nodes);
    inc_timeline_free(&t);
    return EXIT_OK;
}
