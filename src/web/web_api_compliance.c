/* web_api_compliance.c - compliance over HTTP: GET /api/v1/compliance
 * (every framework's counts and score, zoned frameworks summed over their
 * zones, and the next regulatory deadline still open) and
 * GET /api/v1/compliance/{framework} (each requirement's status, basis,
 * owner, due date and live evidence, per zone, and the plan of gaps). Both
 * evaluate through cli_comp_visit, the evaluation `assess` and `comply` use,
 * and write live evidence with cli_comp_live_json, as `assess --json` does. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli_compliance.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "web/web_api.h"

extern const cli_command cmd_compliance;

typedef struct fw_total {
    const char *id, *name;       /* point into the catalogue: copied before it goes */
    char idbuf[80], namebuf[200];
    int64_t counts[COMP_STATUS__COUNT];
    size_t zones;
    char next_due[16];           /* YYYY-MM-DD, "" none */
} fw_total;

typedef struct totals {
    fw_total *fw;
    size_t n, cap;
    bool oom;
} totals;

static int total_visit(void *ctx, const comp_framework *fw, const char *zone, int sl, const int64_t counts[COMP_STATUS__COUNT],
                       const cli_comp_item *items, size_t n)
{
    (void)sl;
    totals *t = ctx;
    if (!t->n || strcmp(t->fw[t->n - 1].idbuf, fw->id)) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 16;
            fw_total *g = realloc(t->fw, cap * sizeof *g);
            if (!g) { t->oom = true; return 1; }
            t->fw = g;
            t->cap = cap;
        }
        fw_total *f = &t->fw[t->n++];
        memset(f, 0, sizeof *f);
        snprintf(f->idbuf, sizeof f->idbuf, "%s", fw->id);
        snprintf(f->namebuf, sizeof f->namebuf, "%s", fw->name ? fw->name : fw->id);
    }
    fw_total *f = &t->fw[t->n - 1];
    for (int s = 0; s < COMP_STATUS__COUNT; s++) f->counts[s] += counts[s];
    f->zones += zone != NULL;
    /* The earliest due date of a requirement not yet met. */
    for (size_t i = 0; i < n; i++) {
        const cli_comp_item *it = &items[i];
        if (it->heading || it->status == COMP_MET || it->status == COMP_NA || !it->due || strlen(it->due) != 10) continue;
        if (!f->next_due[0] || strcmp(it->due, f->next_due) < 0) snprintf(f->next_due, sizeof f->next_due, "%s", it->due);
    }
    return 0;
}

/* Met over applicable, in whole per cent, as `compliance history` shows it. */
static int64_t score(const int64_t c[COMP_STATUS__COUNT])
{
    int64_t applicable = c[COMP_MET] + c[COMP_PARTIAL] + c[COMP_NOT_MET] + c[COMP_UNASSESSED];
    return applicable > 0 ? c[COMP_MET] * 100 / applicable : 0;
}

/* ?at=RFC 3339 or latest (the default: the newest stored observation, so
 * a store of past or simulated data is judged at its own time). */
static bool at_param(web_call *c, comp_opts *o)
{
    memset(o, 0, sizeof *o);
    o->window_days = 30;
    o->at = web_param(c->target, "at");
    sw_time_us t;
    if (!o->at) o->at = "latest";
    else if (strcmp(o->at, "latest") && strcmp(o->at, "now") && !time_parse_rfc3339(o->at, &t)) {
        web_fail(c, 400, "bad_parameter", "at wants an RFC 3339 time, now or latest");
        return false;
    }
    if (!strcmp(o->at, "now")) o->at = NULL;
    double d;
    bool given;
    if (!web_param_number(c, "window_days", 1, 3650, true, &d, &given)) return false;
    if (given) o->window_days = (int)d;
    return true;
}

/* Answers the evaluation's failure; true when rc was ok. */
static bool visit_ok(web_call *c, int rc, bool oom)
{
    if (oom) web_fail(c, 503, "busy", "out of memory");
    else if (rc == EXIT_FINDINGS) web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
    else if (rc != EXIT_OK)
        web_fail(c, 503, "analysis_unavailable", "the framework catalogues or the store could not be read (the server's log says why)");
    return rc == EXIT_OK && !oom;
}

static void totals_jw(json_writer *w, const totals *t)
{
    jw_array_begin(w);
    for (size_t i = 0; i < t->n; i++) {
        const fw_total *f = &t->fw[i];
        jw_object_begin(w);
        jw_kv_string(w, "framework", f->idbuf);
        jw_kv_string(w, "name", f->namebuf);
        jw_kv_int(w, "met", f->counts[COMP_MET]);
        jw_kv_int(w, "partial", f->counts[COMP_PARTIAL]);
        jw_kv_int(w, "not_met", f->counts[COMP_NOT_MET]);
        jw_kv_int(w, "na", f->counts[COMP_NA]);
        jw_kv_int(w, "unassessed", f->counts[COMP_UNASSESSED]);
        jw_kv_int(w, "score", score(f->counts));
        jw_kv_string(w, "next_deadline", f->next_due[0] ? f->next_due : NULL);
        jw_kv_uint(w, "zones", f->zones);
        jw_object_end(w);
    }
    jw_array_end(w);
}

bool web_compliance_totals_jw(web_call *c, json_writer *w)
{
    comp_opts o = { .window_days = 30, .at = "latest" };
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    totals t = { 0 };
    int rc = cli_comp_visit(&cmd_compliance, &ctx, &o, NULL, total_visit, &t, NULL);
    bool ok = rc == EXIT_OK && !t.oom;
    if (ok) totals_jw(w, &t);
    free(t.fw);
    return ok;
}

void web_h_compliance(web_call *c)
{
    comp_opts o;
    if (!at_param(c, &o) || !web_require_model(c)) return;
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    totals t = { 0 };
    int rc = cli_comp_visit(&cmd_compliance, &ctx, &o, NULL, total_visit, &t, NULL);
    if (visit_ok(c, rc, t.oom)) {
        json_writer w;
        web_json(c, 200, &w);
        jw_object_begin(&w);
        jw_key(&w, "items");
        totals_jw(&w, &t);
        jw_key(&w, "next_cursor");
        jw_null(&w);
        jw_object_end(&w);
    }
    free(t.fw);
}

/* --- one framework ---------------------------------------------------------------- */

typedef struct fw_detail {
    json_writer *w;
    strbuf plan;                 /* the gaps, written as they come, sorted by the client by due */
    json_writer pw;
    size_t gaps;
    bool started;
} fw_detail;

static void counts_jw(json_writer *w, const int64_t c[COMP_STATUS__COUNT])
{
    jw_key(w, "counts");
    jw_object_begin(w);
    for (int s = 0; s < COMP_STATUS__COUNT; s++) jw_kv_int(w, comp_status_name((comp_status)s), c[s]);
    jw_kv_int(w, "score", score(c));
    jw_object_end(w);
}

static int detail_visit(void *ctx, const comp_framework *fw, const char *zone, int sl,
                        const int64_t counts[COMP_STATUS__COUNT], const cli_comp_item *items, size_t n)
{
    fw_detail *d = ctx;
    json_writer *w = d->w;
    if (!d->started) {
        d->started = true;
        jw_kv_string(w, "framework", fw->id);
        jw_kv_string(w, "name", fw->name);
        jw_kv_string(w, "source", fw->source);
        jw_kv_string(w, "version", fw->version);
        jw_kv_string(w, "scope", fw->scope);
        jw_kv_bool(w, "paraphrase", fw->paraphrase);
        jw_key(w, "assessments");
        jw_array_begin(w);
    }
    jw_object_begin(w);
    jw_kv_string(w, "zone", zone);
    if (zone) jw_kv_int(w, "target_sl", sl);
    counts_jw(w, counts);
    jw_key(w, "requirements");
    jw_array_begin(w);
    for (size_t i = 0; i < n; i++) {
        const cli_comp_item *it = &items[i];
        jw_object_begin(w);
        jw_kv_string(w, "id", it->r->id);
        jw_kv_string(w, "parent", it->r->parent);
        jw_kv_string(w, "title", it->r->title);
        jw_kv_string(w, "citation", it->r->citation);
        jw_kv_string(w, "status", comp_status_name(it->status));
        jw_kv_string(w, "basis", it->basis);
        jw_kv_string(w, "owner", it->owner);
        jw_kv_string(w, "due", it->due);
        jw_kv_string(w, "evidence", it->why);
        jw_kv_bool(w, "heading", it->heading);
        if (it->live) {
            jw_key(w, "live");
            cli_comp_live_json(w, it->live, it->r->evidence);
        }
        jw_object_end(w);
        if (!it->heading && (it->status == COMP_NOT_MET || it->status == COMP_PARTIAL)) {
            jw_object_begin(&d->pw);
            jw_kv_string(&d->pw, "requirement", it->r->id);
            jw_kv_string(&d->pw, "title", it->r->title);
            jw_kv_string(&d->pw, "zone", zone);
            jw_kv_string(&d->pw, "status", comp_status_name(it->status));
            jw_kv_string(&d->pw, "basis", it->basis);
            jw_kv_string(&d->pw, "owner", it->owner);
            jw_kv_string(&d->pw, "due", it->due);
            jw_kv_string(&d->pw, "why", it->why);
            jw_object_end(&d->pw);
            d->gaps++;
        }
    }
    jw_array_end(w);
    jw_object_end(w);
    return 0;
}

void web_h_compliance_framework(web_call *c)
{
    if (!web_check_id(c, "framework", c->var)) return;
    comp_opts o;
    if (!at_param(c, &o)) return;
    if (!web_param_id(c, "zone", &o.zone) || !web_require_model(c)) return;
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    /* Is it a framework of the catalogue? (cli_comp_visit would print a usage error.) */
    comp_catalog cat;
    if (cli_comp_load(&cmd_compliance, &o, &cat) != EXIT_OK)
        return web_fail(c, 503, "analysis_unavailable", "the framework catalogues cannot be read (the server's log says why)");
    bool known = false;
    for (size_t i = 0; i < cat.n && !known; i++) known = !strcmp(cat.fw[i]->id, c->var);
    comp_catalog_free(&cat);
    if (!known) return web_fail(c, 404, "not_found", "no framework '%s' (GET /api/v1/compliance lists them)", c->var);
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    fw_detail d = { .w = &w };
    strbuf_init(&d.plan);
    jw_init(&d.pw, &d.plan);
    jw_array_begin(&d.pw);
    int rc = cli_comp_visit(&cmd_compliance, &ctx, &o, c->var, detail_visit, &d, NULL);
    if (visit_ok(c, rc, false)) {
        if (!d.started) {
            /* A zoned framework and no zone with a target SL (or not the asked zone). */
            jw_kv_string(&w, "framework", c->var);
            jw_key(&w, "assessments");
            jw_array_begin(&w);
        }
        jw_array_end(&w);
        jw_array_end(&d.pw);
        jw_key(&w, "plan");
        jw_raw(&w, strbuf_cstr(&d.plan));
        jw_object_end(&w);
    }
    strbuf_free(&d.plan);
}
