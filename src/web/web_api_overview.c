/* web_api_overview.c - GET /api/v1/overview: the dashboard's first page in
 * one document - risk posture and its recorded trend, open incidents with
 * their regulatory clocks, alerts by domain over the last day of data, and
 * compliance scores against deadlines. Each part comes from the same code
 * as its own endpoint; a part that cannot be computed (no risk register)
 * is null rather than failing the page. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli_incident.h"
#include "core/diag.h"
#include "store/store_alert_stats.h"
#include "store/store_incidents.h"
#include "analysis/people.h"
#include "store/store_risk.h"
#include "store/store_query.h"
#include "web/web_api.h"
#include "web/web_app.h"
#include "web/web_buckets.h"

#define TREND_DAYS 90
#define BUCKETS 48                               /* half-hours */
#define SPAN_US (24LL * 3600 * 1000000)          /* the last day of data */

typedef struct trend { json_writer *w; int32_t from_day; } trend;

/* One recorded snapshot (seawall risk --record) within the trend window. */
static int trend_point(void *ctx, const store_risk_snapshot *p)
{
    trend *t = ctx;
    if (p->day < t->from_day) return 0;
    char day[11];
    ppl_fmt_day(p->day, day);
    jw_object_begin(t->w);
    jw_kv_string(t->w, "date", day);
    jw_kv_double(t->w, "residual_eal", p->residual_eal, 2);
    jw_kv_double(t->w, "inherent_eal", p->inherent_eal, 2);
    jw_kv_int(t->w, "above_appetite", p->over_appetite);
    jw_object_end(t->w);
    return 0;
}

/* The risk value: totals from a fresh simulation of the register, and the
 * recorded trend; null when there is no register. Cached (web_cache.c). */
static bool risk_value(web_call *c, json_writer *w)
{
    web_risk_summary r;
    sw_error e = { 0 }, *err = &e;
    if (!web_risk_totals(c, &r)) {
        jw_null(w);
        return true;
    }
    jw_object_begin(w);
    jw_kv_string(w, "currency", r.currency);
    jw_kv_double(w, "inherent_eal", r.inherent_eal, 2);
    jw_kv_double(w, "residual_eal", r.residual_eal, 2);
    jw_kv_uint(w, "above_appetite", r.above_appetite);
    jw_kv_uint(w, "risks", r.risks);
    jw_key(w, "trend");
    jw_array_begin(w);
    trend t = { w, ppl_day_of_us(c->now) - TREND_DAYS };
    if (store_risk_snapshots(c->db, trend_point, &t, err)) return false;
    jw_array_end(w);
    jw_object_end(w);
    return true;
}

static bool compliance_value(web_call *c, json_writer *w)
{
    if (!web_compliance_totals_jw(c, w)) jw_null(w);
    return true;
}

/* The risk simulation and the compliance assessment cost ~0.5 billion
 * instructions a request; they are served from web_app's cache, at most
 * WEB_CACHE_TTL_US old, and analysis_computed_at says when they were made. */
static bool analysis_part(web_call *c, const char *key, web_cached *e, web_cache_make make, json_writer *w,
                          int64_t *oldest, sw_error *err)
{
    int64_t at = c->now;
    jw_key(w, key);
    if (!web_cached_json(c, e, make, w, &at)) return sw_fail(err, SW_ERR_DB, "the %s could not be read", key), false;
    if (at < *oldest) *oldest = at;
    return true;
}

typedef struct open_incidents {
    web_call *c;
    json_writer *w;
    port_model *m;
    int rc;
} open_incidents;

/* The loaded port model, parsed only when an open incident needs its
 * jurisdictions: parsing port.yaml is most of what a cached overview costs. */
static port_model *model_quiet(web_call *c)
{
    store_summary sum;
    sw_error err = { 0 };
    if (store_get_summary(c->db, &sum, &err)) return NULL;
    port_model *m = NULL;
    if (sum.model_path) {
        diag_list d;
        diag_init(&d, sum.model_path);
        m = model_load_file(sum.model_path, &d);
        if (m && d.errors) {
            model_free(m);
            m = NULL;
        }
        diag_free(&d);
    }
    store_summary_free(&sum);
    return m;
}

static int incident_row(void *ctx, const store_incident_rec *r)
{
    open_incidents *o = ctx;
    if (!strcmp(r->state, "closed")) return 0;
    if (!o->m && !(o->m = model_quiet(o->c))) {
        o->rc = EXIT_INPUT;
        return 1;
    }
    json_writer *w = o->w;
    char opened[SW_TIME_STR_MAX], detected[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_int(w, "id", r->id);
    jw_kv_string(w, "title", r->title);
    jw_kv_string(w, "severity", r->severity);
    jw_kv_string(w, "state", r->state);
    jw_kv_string(w, "opened", time_fmt_rfc3339(r->opened_at, 0, opened));
    jw_kv_string(w, "detected", time_fmt_rfc3339(r->detected_at, 0, detected));
    jw_key(w, "clocks");
    /* The incident's own context on the shared store and model: clocks need
     * only its id, awareness time and the port's jurisdictions. */
    inc_ctx ic = { .s = o->c->db, .m = o->m, .id = r->id, .detected = r->detected_at };
    if ((o->rc = inc_clocks_jw(&ic, o->c->now, w)) != EXIT_OK) return 1;
    jw_object_end(w);
    return 0;
}

static int bucket_row(void *ctx, const store_alert_bucket_row *r)
{
    web_buckets *b = ctx;
    if (r->bucket >= 0 && (size_t)r->bucket < b->n)
        b->counts[r->bucket][web_alert_domain_of(r->dataset, r->rule_id)] += r->count;
    return 0;
}

static bool alerts_part(web_call *c, json_writer *w, sw_error *err)
{
    static web_buckets zero;
    web_buckets *b = malloc(sizeof *b);
    if (!b) return sw_fail(err, SW_ERR_NOMEM, "out of memory"), false;
    int64_t newest;
    bool found;
    if (store_alert_newest_ts(c->db, &newest, &found, err)) { free(b); return false; }
    /* Relative to the newest alert, not the clock: replayed or simulated
     * data from last year still draws its day. */
    if (!found) newest = c->now;
    if (!web_buckets_init(b, newest, SPAN_US, BUCKETS)) *b = zero;
    if (b->n && store_alert_bucket_counts(c->db, b->start, web_buckets_end(b), b->width, bucket_row, b, err)) {
        free(b);
        return false;
    }
    char t[SW_TIME_STR_MAX];
    jw_key(w, "alerts_by_domain");
    jw_object_begin(w);
    jw_kv_int(w, "bucket_seconds", b->width / 1000000);
    jw_kv_string(w, "newest", found ? time_fmt_rfc3339(newest, 6, t) : NULL);
    jw_key(w, "buckets");
    jw_array_begin(w);
    for (size_t i = 0; i < b->n; i++) {
        jw_object_begin(w);
        jw_kv_string(w, "start", time_fmt_rfc3339(b->start + (int64_t)i * b->width, 0, t));
        for (int d = 0; d < WEB_DOMAIN__COUNT; d++) jw_kv_int(w, web_alert_domain_name((web_alert_domain)d), b->counts[i][d]);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
    free(b);
    return true;
}

void web_h_overview(web_call *c)
{
    /* The answers web_load_model gives (404 without a model), without
     * parsing the model until an open incident needs it. */
    store_summary sum;
    sw_error serr = { 0 };
    sw_code src = store_get_summary(c->db, &sum, &serr);
    if (src == SW_ERR_INVALID || (src == SW_OK && !sum.model_path)) {
        if (src == SW_OK) store_summary_free(&sum);
        return web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
    }
    if (src) return web_fail(c, 503, "store_unavailable", "%s", serr.msg);
    store_summary_free(&sum);
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    sw_error err = { 0 };
    port_model *m = NULL;
    int64_t computed = c->now;
    bool ok = analysis_part(c, "risk", &c->app->overview_risk, risk_value, &w, &computed, &err);
    if (ok) {
        jw_key(&w, "incidents");
        jw_array_begin(&w);
        open_incidents o = { c, &w, NULL, EXIT_OK };
        ok = store_incident_list(c->db, incident_row, &o, &err) == SW_OK && o.rc == EXIT_OK;
        if (ok) jw_array_end(&w);
        else if (!err.msg[0] && !o.m) sw_fail(&err, SW_ERR_DB, "the port model cannot be read (seawall check)");
        else if (!err.msg[0]) sw_fail(&err, SW_ERR_DB, "an incident's timeline cannot be read");
        m = o.m;
    }
    if (ok) ok = alerts_part(c, &w, &err);
    if (ok) ok = analysis_part(c, "compliance", &c->app->overview_compliance, compliance_value, &w, &computed, &err);
    if (ok) {
        char t[SW_TIME_STR_MAX];
        jw_kv_string(&w, "analysis_computed_at", time_fmt_rfc3339(computed, 0, t));
        jw_object_end(&w);
    } else {
        web_fail(c, 503, "store_unavailable", "%s", err.msg);
    }
    model_free(m);
}
