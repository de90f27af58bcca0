/* web_api_read.c - the read endpoints over what Seawall knows: the port
 * model, the inventory, flows, alerts, baseline and intel. Each calls the
 * same store query as its `seawall` command and writes the same JSON
 * objects, in pages: {"items": [...], "next_cursor": "..." | null}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_inventory.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_baseline.h"
#include "store/store_intel.h"
#include "store/store_inventory.h"
#include "store/store_observe.h"
#include "store/store_query.h"
#include "web/web_api.h"

#define FILTER_MAX 128   /* longest filter value accepted */

/* An offset page over a streamed listing: rows before `skip` are passed
 * over, `limit` are written, and one more tells there is a next page. */
typedef struct page {
    web_call *c;
    json_writer w;
    int64_t skip, limit, seen, written;
    bool more;
    store_inventory *inv;        /* assets: their inventory judgement */
    sw_code rc;
    sw_error err;
} page;

/* True when the row is to be written. */
static bool page_take(page *p)
{
    if (p->seen++ < p->skip) return false;
    if (p->written == p->limit) { p->more = true; return false; }
    p->written++;
    return true;
}

static bool page_begin(web_call *c, page *p)
{
    memset(p, 0, sizeof *p);
    p->c = c;
    if (!web_page_params(c, 100, 1000, &p->limit, &p->skip)) return false;
    web_json(c, 200, &p->w);
    jw_object_begin(&p->w);
    jw_key(&p->w, "items");
    jw_array_begin(&p->w);
    return true;
}

static void page_end(page *p, sw_code rc, const sw_error *err)
{
    if (rc != SW_OK) return web_fail(p->c, 503, "store_unavailable", "%s", err->msg);
    jw_array_end(&p->w);
    jw_key(&p->w, "next_cursor");
    if (p->more) {
        char cur[24];
        snprintf(cur, sizeof cur, "%lld", (long long)(p->skip + p->limit));
        jw_string(&p->w, cur);
    } else {
        jw_null(&p->w);
    }
    jw_object_end(&p->w);
}

/* A text filter: NULL when absent; false after answering 400. */
static bool text_filter(web_call *c, const char *key, const char **out)
{
    *out = web_param(c->target, key);
    if (*out && (!**out || strlen(*out) > FILTER_MAX)) {
        web_fail(c, 400, "bad_parameter", "%s must be 1 to %d bytes", key, FILTER_MAX);
        return false;
    }
    return true;
}

static bool one_of(web_call *c, const char *key, const char *v, const char *const *allowed, size_t n)
{
    if (!v) return true;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v, allowed[i])) return true;
    web_fail(c, 400, "bad_parameter", "%s '%.64s' is not one the server knows", key, v);
    return false;
}

static const char *const DOMAINS[] = { "it", "ot", "phys" };
static const char *const CRITICALITIES[] = { "low", "medium", "high", "crown-jewel" };

/* --- summary, zones, conduits ---------------------------------------------- */

void web_h_summary(web_call *c)
{
    static const model_criticality order[CRIT__COUNT] = { CRIT_CROWN_JEWEL, CRIT_HIGH, CRIT_MEDIUM, CRIT_LOW };
    store_summary sum = { 0 };
    sw_error err = { 0 };
    sw_code rc = store_get_summary(c->db, &sum, &err);
    if (rc == SW_ERR_INVALID) return web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
    if (rc) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    char when[SW_TIME_STR_MAX];
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    jw_key(&w, "port");
    jw_object_begin(&w);
    jw_kv_string(&w, "name", sum.port_name);
    jw_kv_string(&w, "timezone", sum.timezone);
    jw_kv_string(&w, "currency", sum.currency);
    jw_object_end(&w);
    jw_key(&w, "model");
    jw_object_begin(&w);
    jw_kv_string(&w, "path", sum.model_path);
    jw_kv_string(&w, "sha256", sum.model_sha256);
    jw_kv_string(&w, "loaded_at", time_fmt_rfc3339(sum.loaded_at, 0, when));
    jw_object_end(&w);
    jw_kv_int(&w, "sites", sum.sites);
    jw_key(&w, "zones");
    jw_object_begin(&w);
    jw_kv_int(&w, "total", sum.zones);
    jw_key(&w, "by_domain");
    jw_object_begin(&w);
    for (int d = 0; d < DOMAIN__COUNT; d++) {
        jw_key(&w, model_domain_name((model_domain)d));
        jw_object_begin(&w);
        for (int l = 0; l < STORE_SL_COUNT; l++) {
            char key[16];
            snprintf(key, sizeof key, "SL%d", l);
            jw_kv_int(&w, key, sum.zones_by_domain_sl[d][l]);
        }
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_object_end(&w);
    jw_kv_int(&w, "conduits", sum.conduits);
    jw_key(&w, "assets");
    jw_object_begin(&w);
    jw_kv_int(&w, "total", sum.assets);
    jw_key(&w, "by_domain");
    jw_object_begin(&w);
    for (int d = 0; d <= DOMAIN__COUNT; d++) {
        jw_key(&w, d < DOMAIN__COUNT ? model_domain_name((model_domain)d) : "none");
        jw_object_begin(&w);
        for (int k = 0; k < CRIT__COUNT; k++)
            jw_kv_int(&w, model_criticality_name(order[k]), sum.assets_by_domain_criticality[d][order[k]]);
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_object_end(&w);
    jw_kv_int(&w, "entry_points", sum.entry_points);
    jw_kv_int(&w, "people", sum.people);
    jw_kv_int(&w, "vendors", sum.vendors);
    jw_kv_int(&w, "vendors_with_remote_access", sum.vendors_with_remote_access);
    jw_key(&w, "observed");
    jw_object_begin(&w);
    jw_kv_int(&w, "hosts", sum.observed_hosts);
    jw_kv_int(&w, "flows", sum.observed_flows);
    jw_object_end(&w);
    jw_object_end(&w);
    store_summary_free(&sum);
}

static int zone_row(void *ctx, const store_zone_row *z)
{
    json_writer *w = ctx;
    jw_object_begin(w);
    jw_kv_string(w, "id", z->id);
    jw_kv_string(w, "name", z->name);
    jw_kv_string(w, "domain", z->domain);
    jw_kv_int(w, "security_level", z->security_level);
    jw_kv_string(w, "site", z->site);
    cli_jw_csv_array(w, "networks", z->networks);
    jw_kv_int(w, "assets", z->assets);
    jw_object_end(w);
    return 0;
}

void web_h_zones(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_list_zones(c->db, zone_row, &w, &err), &err);
}

static int conduit_row(void *ctx, const store_conduit_row *r)
{
    json_writer *w = ctx;
    jw_object_begin(w);
    jw_kv_string(w, "id", r->id);
    jw_kv_string(w, "from", r->from_zone);
    jw_kv_string(w, "to", r->to_zone);
    cli_jw_csv_array(w, "services", r->services);
    jw_kv_bool(w, "bidirectional", r->bidirectional);
    jw_kv_string(w, "justification", r->justification);
    jw_object_end(w);
    return 0;
}

void web_h_conduits(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_list_conduits(c->db, conduit_row, &w, &err), &err);
}

/* --- inventory -------------------------------------------------------------- */

static int asset_row(void *ctx, const store_asset_row *a)
{
    page *p = ctx;
    if (!page_take(p)) return p->more;
    store_inv_asset j;
    if ((p->rc = store_inventory_asset(p->inv, a->id, &j, &p->err)) != SW_OK) return 1;
    cli_inv_jw_asset(&p->w, a, &j);
    return 0;
}

void web_h_assets(web_call *c)
{
    store_asset_filter f = { 0 };
    if (!text_filter(c, "zone", &f.zone) || !text_filter(c, "kind", &f.kind) || !text_filter(c, "domain", &f.domain) ||
        !text_filter(c, "criticality", &f.criticality) || !one_of(c, "domain", f.domain, DOMAINS, 3) ||
        !one_of(c, "criticality", f.criticality, CRITICALITIES, 4))
        return;
    page p;
    if (!page_begin(c, &p)) return;
    sw_error err = { 0 };
    if (!(p.inv = store_inventory_open(c->db, &err))) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    sw_code rc = store_list_assets(c->db, &f, asset_row, &p, &err);
    if (rc == SW_OK && p.rc) rc = p.rc, err = p.err;
    store_inventory_close(p.inv);
    page_end(&p, rc, &err);
}

static int host_row(void *ctx, const store_inv_host_row *h)
{
    page *p = ctx;
    if (!page_take(p)) return p->more;
    cli_inv_jw_host(&p->w, h);
    return 0;
}

void web_h_hosts(web_call *c)
{
    store_inv_host_filter f = { .state = -1 };
    const char *state;
    if (!text_filter(c, "zone", &f.zone) || !text_filter(c, "state", &state)) return;
    store_inv_state st;
    if (state) {
        if (!store_inv_state_parse(state, &st))
            return web_fail(c, 400, "bad_parameter",
                            "state must be matched, mismatch, never-seen, shadow or external");
        f.state = (int)st;
    }
    page p;
    if (!page_begin(c, &p)) return;
    sw_error err = { 0 };
    store_inventory *inv = store_inventory_open(c->db, &err);
    if (!inv) return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    sw_code rc = store_inventory_hosts(inv, &f, host_row, &p, &err);
    store_inventory_close(inv);
    page_end(&p, rc, &err);
}

/* --- flows and alerts --------------------------------------------------------- */

static int flow_row(void *ctx, const store_flow_row *f)
{
    page *p = ctx;
    if (!page_take(p)) return p->more;
    json_writer *w = &p->w;
    char t[SW_TIME_STR_MAX];
    const char *proto = f->ip_proto == 6 ? "tcp" : f->ip_proto == 17 ? "udp" : f->ip_proto == 1 ? "icmp" : "ip";
    jw_object_begin(w);
    jw_kv_string(w, "src", f->src_ip);
    jw_kv_string(w, "dst", f->dst_ip);
    jw_kv_int(w, "ip_proto", f->ip_proto);
    jw_kv_string(w, "transport", proto);
    jw_kv_int(w, "dst_port", f->dst_port);
    jw_kv_string(w, "app", f->service);
    jw_kv_int(w, "flows", f->flows);
    jw_kv_int(w, "packets", f->packets);
    jw_kv_int(w, "bytes", f->bytes);
    jw_kv_string(w, "first_seen", time_fmt_rfc3339(f->first_seen, 6, t));
    jw_kv_string(w, "last_seen", time_fmt_rfc3339(f->last_seen, 6, t));
    jw_kv_string(w, "src_zone", f->src_zone);
    jw_kv_string(w, "dst_zone", f->dst_zone);
    jw_kv_string(w, "src_asset", f->src_asset);
    jw_kv_string(w, "dst_asset", f->dst_asset);
    jw_kv_string(w, "violation", f->violation);
    jw_object_end(w);
    return 0;
}

void web_h_flows(web_call *c)
{
    store_flow_filter f = { 0 };
    const char *v;
    if (!text_filter(c, "zone", &f.zone) || !text_filter(c, "violations", &v)) return;
    if (v && strcmp(v, "true") && strcmp(v, "false"))
        return web_fail(c, 400, "bad_parameter", "violations must be true or false");
    f.violations = v && !strcmp(v, "true");
    page p;
    if (!page_begin(c, &p)) return;
    sw_error err = { 0 };
    page_end(&p, store_list_flows(c->db, &f, flow_row, &p, &err), &err);
}

typedef struct alert_page {
    json_writer *w;
    int64_t last_ts, last_id, rows;
} alert_page;

static int alert_row(void *ctx, const store_alert_row *a)
{
    alert_page *p = ctx;
    jw_object_begin(p->w);
    jw_kv_int(p->w, "id", a->id);
    jw_key(p->w, "ecs");
    jw_raw(p->w, a->ecs);
    jw_object_end(p->w);
    p->last_ts = a->ts;
    p->last_id = a->id;
    p->rows++;
    return 0;
}

/* The alert list's cursor is the last row's key, "TS.ID": the next page
 * starts strictly below it in (ts, id) order, so rows stored meanwhile
 * never shift a page (keyset pagination, not an offset). */
static bool alert_cursor(web_call *c, int64_t *ts, int64_t *id)
{
    const char *cu = web_param(c->target, "cursor");
    *ts = *id = 0;
    if (!cu) return true;
    long long a, b;
    int used = 0;
    if (sscanf(cu, "%lld.%lld%n", &a, &b, &used) == 2 && !cu[used] && a >= 0 && b > 0 && cu[0] != '-') {
        *ts = a;
        *id = b;
        return true;
    }
    web_fail(c, 400, "bad_parameter", "cursor must be a next_cursor value a previous page returned");
    return false;
}

void web_h_alerts(web_call *c)
{
    /* Dispatch has checked every parameter against the route's specs. */
    store_alert_page f = { 0 };
    const char *since = web_param(c->target, "since"), *lim = web_param(c->target, "limit");
    f.rule = web_param(c->target, "rule");
    f.min_severity = web_param(c->target, "severity");
    f.zone = web_param(c->target, "zone");
    f.asset = web_param(c->target, "asset");
    f.limit = lim ? strtoll(lim, NULL, 10) : 100;
    if (!alert_cursor(c, &f.before_ts, &f.before_id)) return;
    if (since) {
        sw_time_us d;
        if (time_parse_rfc3339(since, &f.since)) {
        } else if (duration_parse(since, &d)) {
            f.since = c->now - d;
        } else {
            return web_fail(c, 400, "bad_parameter", "since wants an RFC 3339 time or a duration (2h)");
        }
    }
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    jw_key(&w, "items");
    jw_array_begin(&w);
    alert_page p = { &w, 0, 0, 0 };
    sw_error err = { 0 };
    if (store_list_alert_page(c->db, &f, alert_row, &p, &err))
        return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    jw_array_end(&w);
    jw_key(&w, "next_cursor");
    if (p.rows == f.limit) {
        char cur[48];
        snprintf(cur, sizeof cur, "%lld.%lld", (long long)p.last_ts, (long long)p.last_id);
        jw_string(&w, cur);
    } else {
        jw_null(&w);
    }
    jw_object_end(&w);
}

void web_h_alert_events(web_call *c)
{
    /* A reconnecting EventSource sends the last id it saw: resume there.
     * Otherwise the stream starts with the alerts stored from now on. */
    int64_t from = 0;
    sw_error err = { 0 };
    if (c->last_event_id && *c->last_event_id) {
        char *end;
        long long v = strtoll(c->last_event_id, &end, 10);
        if (*end || v < 0) return web_fail(c, 400, "bad_parameter", "Last-Event-ID must be an alert id");
        from = v;
    } else if (store_alert_max_id(c->db, &from, &err)) {
        return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    }
    c->res.sse = true;
    c->res.sse_from = from;
    c->res.status = 200;
    c->res.content_type = "text/event-stream";
}

/* --- baseline and intel ---------------------------------------------------------- */

static int talker_row(void *ctx, const store_talker_rec *r)
{
    page *p = ctx;
    if (!page_take(p)) return 0;
    json_writer *w = &p->w;
    jw_object_begin(w);
    jw_kv_string(w, "asset", r->asset_id);
    jw_kv_string(w, "peer", r->peer_ip);
    jw_kv_string(w, "role", r->asset_is_server ? "server" : "client");
    jw_kv_string(w, "service", r->service);
    jw_kv_int(w, "first_seen", r->first_seen);
    jw_kv_int(w, "last_seen", r->last_seen);
    jw_object_end(w);
    return 0;
}

static int function_row(void *ctx, const store_function_rec *r)
{
    page *p = ctx;
    if (!page_take(p)) return 0;
    json_writer *w = &p->w;
    jw_object_begin(w);
    jw_kv_string(w, "asset", r->asset_id);
    jw_kv_string(w, "protocol", r->protocol);
    jw_kv_int(w, "function", r->function);
    jw_key(w, "subfunction");
    if (r->subfunction >= 0) jw_int(w, r->subfunction);
    else jw_null(w);
    jw_kv_string(w, "function_name", r->function_name);
    jw_kv_int(w, "first_seen", r->first_seen);
    jw_kv_int(w, "last_seen", r->last_seen);
    jw_object_end(w);
    return 0;
}

/* Talkers and functions are one listing, talkers first, paged as one:
 * {"talkers": [...], "functions": [...], "next_cursor"}. */
typedef struct baseline_page {
    page p;
    bool in_functions;
} baseline_page;

static int baseline_talker(void *ctx, const store_talker_rec *r)
{
    return talker_row(&((baseline_page *)ctx)->p, r);
}

static int baseline_function(void *ctx, const store_function_rec *r)
{
    baseline_page *b = ctx;
    if (!b->in_functions) {
        jw_array_end(&b->p.w);
        jw_key(&b->p.w, "functions");
        jw_array_begin(&b->p.w);
        b->in_functions = true;
    }
    return function_row(&b->p, r);
}

void web_h_baseline(web_call *c)
{
    const char *asset;
    if (!text_filter(c, "asset", &asset)) return;
    baseline_page b = { 0 };
    if (!page_begin(c, &b.p)) return;
    /* page_begin opened "items"; the baseline's first list is "talkers". */
    strbuf_reset(&c->res.body);
    jw_init(&b.p.w, &c->res.body);
    jw_object_begin(&b.p.w);
    jw_key(&b.p.w, "talkers");
    jw_array_begin(&b.p.w);
    sw_error err = { 0 };
    sw_code rc = store_baseline_each(c->db, asset, baseline_talker, baseline_function, &b, &err);
    if (rc == SW_OK && !b.in_functions) {
        jw_array_end(&b.p.w);
        jw_key(&b.p.w, "functions");
        jw_array_begin(&b.p.w);
    }
    page_end(&b.p, rc, &err);
}

static int indicator_row(void *ctx, const store_indicator_rec *r)
{
    page *p = ctx;
    if (!page_take(p)) return p->more;
    json_writer *w = &p->w;
    char from[SW_TIME_STR_MAX], until[SW_TIME_STR_MAX], imported[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_string(w, "type", r->type);
    jw_kv_string(w, "value", r->value);
    jw_kv_string(w, "source", r->source);
    jw_kv_string(w, "name", r->name);
    jw_kv_string(w, "description", r->description);
    jw_kv_string(w, "stix_id", r->stix_id);
    jw_kv_string(w, "valid_from", r->valid_from ? time_fmt_rfc3339(r->valid_from, 0, from) : NULL);
    jw_kv_string(w, "valid_until", r->valid_until ? time_fmt_rfc3339(r->valid_until, 0, until) : NULL);
    jw_kv_string(w, "first_imported", time_fmt_rfc3339(r->first_imported, 0, imported));
    jw_kv_string(w, "last_imported", time_fmt_rfc3339(r->last_imported, 0, imported));
    jw_object_end(w);
    return 0;
}

void web_h_intel(web_call *c)
{
    const char *source;
    if (!text_filter(c, "source", &source)) return;
    page p;
    if (!page_begin(c, &p)) return;
    sw_error err = { 0 };
    page_end(&p, store_intel_each(c->db, source, indicator_row, &p, &err), &err);
}
