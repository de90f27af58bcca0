/* store_observe.c - the batched observation writer: records copied into a
 * bounded buffer, written one transaction per batch through statements
 * prepared once; counters accumulate on conflict (store_observe.h). Flow
 * summaries, the bulk of the rows, are staged in a temporary table and
 * merged with one upsert per batch (see flush_flows). */
#include "store/store_observe.h"
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/hashmap.h"
#include "store/store_sql.h"

typedef enum rec_kind { REC_HOST, REC_FLOW, REC_ICS, REC_IDENTITY, REC_ALERT, REC_NAME, REC_SERVICE, REC__COUNT } rec_kind;

typedef struct rec {
    rec_kind kind;
    union {
        store_host_rec host;
        store_flow_rec flow;
        store_ics_rec ics;
        store_identity_rec identity;
        store_alert_rec alert;
        store_name_rec name;
        store_service_rec service;
    } u;
} rec;

/* Zone ids and assets by address, as the database holds them, looked up
 * once per batch for each distinct value instead of once per flow row (four
 * correlated subqueries a row were half the merge). Keys and values live in
 * the batch's arena; the cache is emptied with it. */
#define ID_CACHE_SLOTS 1024

typedef struct id_cache {
    sqlite3_stmt *lookup;        /* one text parameter, one text column (or no row) */
    struct { const char *key, *val; } slot[ID_CACHE_SLOTS];
    size_t n;
} id_cache;

enum { CACHE_ZONE, CACHE_ASSET, CACHE__COUNT };

struct store_observer {
    store *s;
    sqlite3_stmt *st[REC__COUNT];
    sqlite3_stmt *merge_flows, *clear_flows;
    size_t staged_flows;
    id_cache ids[CACHE__COUNT];
    rec *recs;
    size_t n, cap;
    arena strings;               /* the records' strings; reset after each flush */
    store_obs_stats stats;
};

/* A zone or asset id the database does not hold becomes NULL (the sensor's
 * --model may be newer than the last `seawall init`). */
#define ZONE_OR_NULL(p) "(SELECT id FROM zones WHERE id = " p ")"
#define ASSET_OF_IP(p) "(SELECT min(asset_id) FROM asset_ips WHERE ip = " p ")"
static const char *const sql_id_lookup[CACHE__COUNT] = {
    [CACHE_ZONE] = "SELECT id FROM zones WHERE id = ?1",
    [CACHE_ASSET] = "SELECT min(asset_id) FROM asset_ips WHERE ip = ?1",
};

/* A row-by-row upsert into observed_flows needs a statement journal per
 * row (an upsert may abort half done), which copied every touched index
 * page once per flow: half the sensor's store time. Staged rows are plain
 * inserts into an unindexed table, zone and asset ids already resolved
 * (id_cache); the merge is one statement per batch, in staging order, so
 * the result is the row-by-row one. */
static const char sql_flow_stage[] =
    "CREATE TEMP TABLE IF NOT EXISTS flow_stage(src_ip TEXT, src_port INTEGER, dst_ip TEXT, dst_port INTEGER,\n"
    "  ip_proto INTEGER, service TEXT, first_seen INTEGER, last_seen INTEGER, packets INTEGER, bytes INTEGER,\n"
    "  packets_to_server INTEGER, bytes_to_server INTEGER, src_zone_id TEXT, dst_zone_id TEXT, src_asset_id TEXT,\n"
    "  dst_asset_id TEXT)";

static const char sql_flow_merge[] =
        "INSERT INTO observed_flows(src_ip, src_port, dst_ip, dst_port, ip_proto, service, first_seen, last_seen,\n"
        "  flows, packets, bytes, packets_to_server, bytes_to_server, src_zone_id, dst_zone_id,\n"
        "  src_asset_id, dst_asset_id)\n"
        "SELECT x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.ip_proto, x.service, x.first_seen, x.last_seen, 1,\n"
        "  x.packets, x.bytes, x.packets_to_server, x.bytes_to_server, x.src_zone_id, x.dst_zone_id,\n"
        "  x.src_asset_id, x.dst_asset_id\n"
        "FROM temp.flow_stage AS x WHERE true ORDER BY x.rowid\n"   /* WHERE: the upsert parsing rule */
        "ON CONFLICT(src_ip, src_port, dst_ip, dst_port, ip_proto, hour) DO UPDATE SET\n"
        "  service = coalesce(excluded.service, service),\n"
        "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),\n"
        "  flows = flows + 1, packets = packets + excluded.packets, bytes = bytes + excluded.bytes,\n"
        "  packets_to_server = packets_to_server + excluded.packets_to_server,\n"
        "  bytes_to_server = bytes_to_server + excluded.bytes_to_server,\n"
        "  src_zone_id = coalesce(excluded.src_zone_id, src_zone_id),\n"
        "  dst_zone_id = coalesce(excluded.dst_zone_id, dst_zone_id),\n"
        "  src_asset_id = coalesce(excluded.src_asset_id, src_asset_id),\n"
        "  dst_asset_id = coalesce(excluded.dst_asset_id, dst_asset_id)";

static const char *const sql_of[REC__COUNT] = {
    [REC_HOST] =
        "INSERT INTO observed_hosts(ip, mac, first_seen, last_seen, packets, bytes, asset_id, arp_packets,\n"
        "  zone_id, vendor_guess)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, " ASSET_OF_IP("?1") ", ?7, " ZONE_OR_NULL("?8") ", ?9)\n"
        "ON CONFLICT(ip, mac) DO UPDATE SET\n"
        "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),\n"
        "  packets = packets + excluded.packets, bytes = bytes + excluded.bytes,\n"
        "  asset_id = coalesce(excluded.asset_id, asset_id), arp_packets = arp_packets + excluded.arp_packets,\n"
        "  zone_id = coalesce(excluded.zone_id, zone_id), vendor_guess = coalesce(excluded.vendor_guess, vendor_guess)",
    [REC_FLOW] =
        "INSERT INTO temp.flow_stage VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [REC_ICS] =
        "INSERT INTO ics_operations(src_ip, dst_ip, protocol, function, function_name, hour, count, writes,\n"
        "  controls, first_seen, last_seen)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6 - ?6 % 3600000000, ?7, ?8, ?9, ?6, ?10)\n"
        "ON CONFLICT(src_ip, dst_ip, protocol, function, hour) DO UPDATE SET\n"
        "  function_name = coalesce(excluded.function_name, function_name),\n"
        "  count = count + excluded.count, writes = writes + excluded.writes,\n"
        "  controls = controls + excluded.controls,\n"
        "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)",
    [REC_IDENTITY] =
        "INSERT INTO observed_identities(ip, protocol, vendor, product, firmware, serial, model, first_seen,\n"
        "  last_seen)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)\n"
        "ON CONFLICT(ip, protocol) DO UPDATE SET\n"
        "  vendor = coalesce(excluded.vendor, vendor), product = coalesce(excluded.product, product),\n"
        "  firmware = coalesce(excluded.firmware, firmware), serial = coalesce(excluded.serial, serial),\n"
        "  model = coalesce(excluded.model, model),\n"
        "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)",
    [REC_ALERT] =
        "INSERT INTO alerts(ts, rule_id, rule_name, severity, dataset, src_ip, src_port, dst_ip, dst_port,\n"
        "  protocol, src_zone_id, dst_zone_id, src_asset_id, dst_asset_id, technique_ids, evidence, ecs,\n"
        "  dedup_key)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " ZONE_OR_NULL("?11") ", " ZONE_OR_NULL("?12") ",\n"
        "  (SELECT id FROM assets WHERE id = ?13), (SELECT id FROM assets WHERE id = ?14),\n"
        "  coalesce(json_extract(?15, '$.threat.technique.id'), '[]'),\n"
        "  coalesce(json_extract(?15, '$.seawall.evidence'), '{}'), json(?15), ?16)\n"
        "ON CONFLICT(dedup_key) DO NOTHING",
    [REC_NAME] =
        "INSERT INTO host_names(ip, mac, name, source, first_seen, last_seen, count)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)\n"
        "ON CONFLICT(ip, mac, name, source) DO UPDATE SET\n"
        "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),\n"
        "  count = count + excluded.count",
    [REC_SERVICE] =
        "INSERT INTO host_services(ip, role, ip_proto, port, app, peers_hint, flows, first_seen, last_seen)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)\n"
        "ON CONFLICT(ip, role, ip_proto, port) DO UPDATE SET\n"
        "  app = coalesce(excluded.app, app), flows = flows + excluded.flows,\n"
        "  peers_hint = CASE WHEN excluded.last_seen >= last_seen THEN coalesce(excluded.peers_hint, peers_hint)\n"
        "                    ELSE peers_hint END,\n"
        "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)",
};

store_observer *store_observer_open(store *s, size_t batch, sw_error *err)
{
    store_observer *w = calloc(1, sizeof *w);
    if (!w) { sw_fail(err, SW_ERR_NOMEM, "observation writer: out of memory"); return NULL; }
    w->s = s;
    w->cap = batch ? batch : STORE_OBS_DEFAULT_BATCH;
    w->recs = calloc(w->cap, sizeof *w->recs);
    arena_init(&w->strings, 64 * 1024);
    if (!w->recs) {
        sw_fail(err, SW_ERR_NOMEM, "observation writer: out of memory");
        store_observer_close(w);
        return NULL;
    }
    if (store_exec(s, sql_flow_stage, err) || store_prepare(s, sql_flow_merge, &w->merge_flows, err) ||
        store_prepare(s, "DELETE FROM temp.flow_stage", &w->clear_flows, err)) {
        store_observer_close(w);
        return NULL;
    }
    for (int k = 0; k < REC__COUNT; k++)
        if (store_prepare(s, sql_of[k], &w->st[k], err)) {
            store_observer_close(w);
            return NULL;
        }
    for (int k = 0; k < CACHE__COUNT; k++)
        if (store_prepare(s, sql_id_lookup[k], &w->ids[k].lookup, err)) {
            store_observer_close(w);
            return NULL;
        }
    return w;
}

void store_observer_close(store_observer *w)
{
    if (!w) return;
    for (int k = 0; k < REC__COUNT; k++) sqlite3_finalize(w->st[k]);
    sqlite3_finalize(w->merge_flows);
    sqlite3_finalize(w->clear_flows);
    for (int k = 0; k < CACHE__COUNT; k++) sqlite3_finalize(w->ids[k].lookup);
    arena_free(&w->strings);
    free(w->recs);
    free(w);
}

size_t store_observer_pending(const store_observer *w) { return w->n; }
const store_obs_stats *store_observer_stats(const store_observer *w) { return &w->stats; }

static void arg_port(store_args *a, int port)
{
    if (port < 0) arg_null(a);
    else arg_int(a, port);
}

/* The id the database holds for `key` (NULL: none), from the batch's cache
 * or one lookup. False when the lookup fails. */
static bool id_of(store_observer *w, int kind, const char *key, const char **out, sw_error *err)
{
    *out = NULL;
    if (!key) return true;
    id_cache *c = &w->ids[kind];
    size_t i = (size_t)hash_bytes(key, strlen(key)) & (ID_CACHE_SLOTS - 1);
    while (c->slot[i].key && strcmp(c->slot[i].key, key) != 0) i = (i + 1) & (ID_CACHE_SLOTS - 1);
    if (c->slot[i].key) { *out = c->slot[i].val; return true; }
    bool row = false;
    const char *val = NULL;
    store_args a = store_args_of(c->lookup);
    arg_text(&a, key);
    if (a.rc != SQLITE_OK || store_step(w->s, c->lookup, &row, err) != SW_OK) {
        (void)sqlite3_reset(c->lookup);
        if (a.rc != SQLITE_OK) sw_fail(err, SW_ERR_DB, "%s: binding parameters: %s", store_path(w->s), sqlite3_errstr(a.rc));
        return false;
    }
    if (row && col_text(c->lookup, 0) && !(val = arena_strdup(&w->strings, col_text(c->lookup, 0)))) {
        (void)sqlite3_reset(c->lookup);
        sw_fail(err, SW_ERR_NOMEM, "observation writer: out of memory");
        return false;
    }
    (void)sqlite3_reset(c->lookup);
    (void)sqlite3_clear_bindings(c->lookup);
    *out = val;
    /* Half full at most, so probes stay short; past that, look up uncached. */
    if (c->n < ID_CACHE_SLOTS / 2) {
        const char *k = arena_strdup(&w->strings, key);
        if (k) { c->slot[i].key = k; c->slot[i].val = val; c->n++; }
    }
    return true;
}

static void id_caches_clear(store_observer *w)
{
    for (int k = 0; k < CACHE__COUNT; k++) {
        memset(w->ids[k].slot, 0, sizeof w->ids[k].slot);
        w->ids[k].n = 0;
    }
}

static sw_code write_rec(store_observer *w, const rec *r, sw_error *err)
{
    store_args a = store_args_of(w->st[r->kind]);
    switch (r->kind) {
    case REC_HOST: {
        const store_host_rec *h = &r->u.host;
        arg_text(&a, h->ip); arg_text(&a, h->mac ? h->mac : "");
        arg_int(&a, h->first_seen); arg_int(&a, h->last_seen);
        arg_int(&a, (int64_t)h->packets); arg_int(&a, (int64_t)h->bytes);
        arg_int(&a, (int64_t)h->arp_packets); arg_text(&a, h->zone); arg_text(&a, h->vendor);
        break;
    }
    case REC_FLOW: {
        const store_flow_rec *f = &r->u.flow;
        arg_text(&a, f->src_ip); arg_int(&a, f->src_port); arg_text(&a, f->dst_ip); arg_int(&a, f->dst_port);
        arg_int(&a, f->ip_proto); arg_text(&a, f->service);
        arg_int(&a, f->first_seen); arg_int(&a, f->last_seen);
        arg_int(&a, (int64_t)f->packets); arg_int(&a, (int64_t)f->bytes);
        arg_int(&a, (int64_t)f->packets_to_server); arg_int(&a, (int64_t)f->bytes_to_server);
        const char *ids[4];
        if (!id_of(w, CACHE_ZONE, f->src_zone, &ids[0], err) || !id_of(w, CACHE_ZONE, f->dst_zone, &ids[1], err) ||
            !id_of(w, CACHE_ASSET, f->src_ip, &ids[2], err) || !id_of(w, CACHE_ASSET, f->dst_ip, &ids[3], err)) {
            (void)sqlite3_reset(a.st);
            (void)sqlite3_clear_bindings(a.st);
            return SW_ERR_DB;
        }
        for (int k = 0; k < 4; k++) arg_text(&a, ids[k]);
        w->staged_flows++;
        break;
    }
    case REC_ICS: {
        const store_ics_rec *c = &r->u.ics;
        arg_text(&a, c->src_ip); arg_text(&a, c->dst_ip); arg_text(&a, c->protocol);
        arg_int(&a, c->function); arg_text(&a, c->function_name); arg_int(&a, c->first_seen);
        arg_int(&a, (int64_t)c->count); arg_int(&a, (int64_t)c->writes); arg_int(&a, (int64_t)c->controls);
        arg_int(&a, c->last_seen);
        break;
    }
    case REC_IDENTITY: {
        const store_identity_rec *d = &r->u.identity;
        arg_text(&a, d->ip); arg_text(&a, d->protocol); arg_text(&a, d->vendor); arg_text(&a, d->product);
        arg_text(&a, d->firmware); arg_text(&a, d->serial); arg_text(&a, d->model); arg_int(&a, d->ts);
        break;
    }
    case REC_ALERT: {
        const store_alert_rec *x = &r->u.alert;
        char hex[SHA256_HEX_LEN];
        sha256_hex(x->ecs, strlen(x->ecs), hex);
        arg_int(&a, x->ts); arg_text(&a, x->rule_id); arg_text(&a, x->rule_name); arg_text(&a, x->severity);
        arg_text(&a, x->dataset ? x->dataset : "seawall.net");
        arg_text(&a, x->src_ip); arg_port(&a, x->src_port); arg_text(&a, x->dst_ip); arg_port(&a, x->dst_port);
        arg_text(&a, x->protocol); arg_text(&a, x->src_zone); arg_text(&a, x->dst_zone);
        arg_text(&a, x->src_asset); arg_text(&a, x->dst_asset); arg_text(&a, x->ecs);
        /* SQLITE_STATIC: hex must outlive the step, which store_run does here */
        arg_text(&a, hex);
        return store_run(w->s, &a, err);
    }
    case REC_NAME: {
        const store_name_rec *n = &r->u.name;
        arg_text(&a, n->ip ? n->ip : ""); arg_text(&a, n->mac ? n->mac : "");
        arg_text(&a, n->name); arg_text(&a, n->source);
        arg_int(&a, n->first_seen); arg_int(&a, n->last_seen); arg_int(&a, (int64_t)n->count);
        break;
    }
    case REC_SERVICE: {
        const store_service_rec *v = &r->u.service;
        arg_text(&a, v->ip); arg_text(&a, v->server ? "server" : "client");
        arg_int(&a, v->ip_proto); arg_int(&a, v->port); arg_text(&a, v->app); arg_text(&a, v->peer);
        arg_int(&a, (int64_t)v->flows); arg_int(&a, v->first_seen); arg_int(&a, v->last_seen);
        break;
    }
    default: break;
    }
    return store_run(w->s, &a, err);
}

/* The staged flow rows into observed_flows, then an empty stage. A failed
 * batch rolls back both (the stage is written in the same transaction). */
static sw_code flush_flows(store_observer *w, sw_error *err)
{
    if (!w->staged_flows) return SW_OK;
    store_args m = store_args_of(w->merge_flows);
    sw_code rc = store_run(w->s, &m, err);
    store_args c = store_args_of(w->clear_flows);
    if (rc == SW_OK) rc = store_run(w->s, &c, err);
    w->staged_flows = 0;
    return rc;
}

sw_code store_observer_flush(store_observer *w, sw_error *err)
{
    if (!w->n) return SW_OK;
    sw_code rc = store_begin(w->s, err);
    w->staged_flows = 0;
    for (size_t i = 0; rc == SW_OK && i < w->n; i++) rc = write_rec(w, &w->recs[i], err);
    if (rc == SW_OK) rc = flush_flows(w, err);
    if (rc == SW_OK) rc = store_commit(w->s, err);
    else store_rollback(w->s);
    if (rc == SW_OK) w->stats.batches++;
    /* Dropped on failure too: retrying the same rows would fail the same way
     * and the buffer must stay bounded. */
    w->n = 0;
    id_caches_clear(w);
    arena_reset(&w->strings);
    return rc;
}

/* Copies a string into the batch's arena; NULL stays NULL. */
static const char *keep(store_observer *w, const char *s, bool *ok)
{
    if (!s) return NULL;
    char *c = arena_strdup(&w->strings, s);
    if (!c) *ok = false;
    return c;
}

/* A slot for one more record, flushing first when the batch is full. */
static rec *next_slot(store_observer *w, rec_kind kind, sw_error *err)
{
    if (w->n == w->cap || w->strings.total >= STORE_OBS_MAX_BYTES)
        if (store_observer_flush(w, err)) return NULL;
    rec *r = &w->recs[w->n];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    return r;
}

static sw_code commit_slot(store_observer *w, bool ok, sw_error *err)
{
    if (!ok) return sw_fail(err, SW_ERR_NOMEM, "observation writer: out of memory");
    w->n++;
    return SW_OK;
}

sw_code store_observer_host(store_observer *w, const store_host_rec *r, sw_error *err)
{
    rec *x = next_slot(w, REC_HOST, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    x->u.host = *r;
    x->u.host.ip = keep(w, r->ip, &ok);
    x->u.host.mac = keep(w, r->mac, &ok);
    x->u.host.zone = keep(w, r->zone, &ok);
    x->u.host.vendor = keep(w, r->vendor, &ok);
    if (ok) w->stats.hosts++;
    return commit_slot(w, ok, err);
}

sw_code store_observer_flow(store_observer *w, const store_flow_rec *r, sw_error *err)
{
    rec *x = next_slot(w, REC_FLOW, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    store_flow_rec *f = &x->u.flow;
    *f = *r;
    f->src_ip = keep(w, r->src_ip, &ok);
    f->dst_ip = keep(w, r->dst_ip, &ok);
    f->service = keep(w, r->service, &ok);
    f->src_zone = keep(w, r->src_zone, &ok);
    f->dst_zone = keep(w, r->dst_zone, &ok);
    if (ok) w->stats.flows++;
    return commit_slot(w, ok, err);
}

sw_code store_observer_ics(store_observer *w, const store_ics_rec *r, sw_error *err)
{
    rec *x = next_slot(w, REC_ICS, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    store_ics_rec *c = &x->u.ics;
    *c = *r;
    c->src_ip = keep(w, r->src_ip, &ok);
    c->dst_ip = keep(w, r->dst_ip, &ok);
    c->protocol = keep(w, r->protocol, &ok);
    c->function_name = keep(w, r->function_name, &ok);
    if (ok) w->stats.ics++;
    return commit_slot(w, ok, err);
}

sw_code store_observer_identity(store_observer *w, const store_identity_rec *r, sw_error *err)
{
    rec *x = next_slot(w, REC_IDENTITY, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    store_identity_rec *d = &x->u.identity;
    *d = *r;
    d->ip = keep(w, r->ip, &ok);
    d->protocol = keep(w, r->protocol, &ok);
    d->vendor = keep(w, r->vendor, &ok);
    d->product = keep(w, r->product, &ok);
    d->firmware = keep(w, r->firmware, &ok);
    d->serial = keep(w, r->serial, &ok);
    d->model = keep(w, r->model, &ok);
    if (ok) w->stats.identities++;
    return commit_slot(w, ok, err);
}

sw_code store_observer_alert(store_observer *w, const store_alert_rec *r, sw_error *err)
{
    rec *x = next_slot(w, REC_ALERT, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    store_alert_rec *a = &x->u.alert;
    *a = *r;
    a->rule_id = keep(w, r->rule_id, &ok);
    a->rule_name = keep(w, r->rule_name, &ok);
    a->severity = keep(w, r->severity, &ok);
    a->dataset = keep(w, r->dataset, &ok);
    a->src_ip = keep(w, r->src_ip, &ok);
    a->dst_ip = keep(w, r->dst_ip, &ok);
    a->protocol = keep(w, r->protocol, &ok);
    a->src_zone = keep(w, r->src_zone, &ok);
    a->dst_zone = keep(w, r->dst_zone, &ok);
    a->src_asset = keep(w, r->src_asset, &ok);
    a->dst_asset = keep(w, r->dst_asset, &ok);
    a->ecs = keep(w, r->ecs ? r->ecs : "{}", &ok);
    if (ok) w->stats.alerts++;
    return commit_slot(w, ok, err);
}

sw_code store_observer_name(store_observer *w, const store_name_rec *r, sw_error *err)
{
    if (!r->name || !r->source || ((!r->ip || !*r->ip) && (!r->mac || !*r->mac)))
        return sw_fail(err, SW_ERR_INVALID, "observation writer: a name needs a name, a source and an address or MAC");
    rec *x = next_slot(w, REC_NAME, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    store_name_rec *n = &x->u.name;
    *n = *r;
    n->ip = keep(w, r->ip, &ok);
    n->mac = keep(w, r->mac, &ok);
    n->name = keep(w, r->name, &ok);
    n->source = keep(w, r->source, &ok);
    if (ok) w->stats.names++;
    return commit_slot(w, ok, err);
}

sw_code store_observer_service(store_observer *w, const store_service_rec *r, sw_error *err)
{
    if (!r->ip) return sw_fail(err, SW_ERR_INVALID, "observation writer: a service needs an address");
    rec *x = next_slot(w, REC_SERVICE, err);
    if (!x) return SW_ERR_DB;
    bool ok = true;
    store_service_rec *v = &x->u.service;
    *v = *r;
    v->ip = keep(w, r->ip, &ok);
    v->app = keep(w, r->app, &ok);
    v->peer = keep(w, r->peer, &ok);
    if (ok) w->stats.services++;
    return commit_slot(w, ok, err);
}
