/* detect_db.c - loading the baseline and indicators for the detectors,
 * and writing what --learn found (detect_db.h). */
#include "sense/detect_db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_intel.h"

typedef struct load_ctx {
    detect_baseline *b;
    bool full;
    sw_error bad;
    bool failed;
} load_ctx;

static int load_talker(void *ctx, const store_talker_rec *r)
{
    load_ctx *c = ctx;
    detect_talker t = { r->asset_id, { { 0 }, false }, r->asset_is_server, r->service };
    if (!ip_parse(r->peer_ip, &t.peer)) {
        sw_fail(&c->bad, SW_ERR_DB, "baseline talker of %s: '%s' is not an address", r->asset_id, r->peer_ip);
        c->failed = true;
        return 1;
    }
    if (!detect_baseline_add_talker(c->b, &t)) { c->full = true; return 1; }
    return 0;
}

static int load_function(void *ctx, const store_function_rec *r)
{
    load_ctx *c = ctx;
    detect_function f = { r->asset_id, r->protocol, r->function, r->subfunction };
    if (!detect_baseline_add_function(c->b, &f)) { c->full = true; return 1; }
    return 0;
}

sw_code sense_load_baseline(store *db, uint32_t capacity, bool for_learning, detect_baseline **out,
                            store_baseline_counts *counts, sw_error *err)
{
    *out = NULL;
    if (store_baseline_count(db, counts, err)) return SW_ERR_DB;
    if (!counts->talkers && !counts->functions && !for_learning) return SW_OK;
    load_ctx c = { detect_baseline_create(capacity), false, { 0 }, false };
    if (!c.b) return sw_fail(err, SW_ERR_NOMEM, "baseline of %u items: out of memory", capacity);
    if (store_baseline_each(db, NULL, load_talker, load_function, &c, err)) {
        detect_baseline_destroy(c.b);
        return SW_ERR_DB;
    }
    if (c.failed || c.full) {
        detect_baseline_destroy(c.b);
        if (c.failed) { *err = c.bad; return SW_ERR_DB; }
        return sw_fail(err, SW_ERR_LIMIT,
                       "the stored baseline (%lld talkers, %lld functions) does not fit in %u items; "
                       "raise --baseline-capacity", (long long)counts->talkers, (long long)counts->functions,
                       capacity);
    }
    *out = c.b;
    return SW_OK;
}

typedef struct intel_ctx {
    detect_intel *t;
    sw_error bad;
    bool failed;
} intel_ctx;

static int load_indicator(void *ctx, const store_indicator_rec *r)
{
    intel_ctx *c = ctx;
    detect_indicator ind;
    memset(&ind, 0, sizeof ind);
    const char *why = "unknown type";
    if (detect_ioc_type_parse(r->type, &ind.type)) {
        ind.value = r->value;
        ind.source = r->source;
        ind.name = r->name;
        ind.valid_from = r->valid_from;
        ind.valid_until = r->valid_until;
        if (detect_intel_add(c->t, &ind, &why)) return 0;
    }
    sw_fail(&c->bad, SW_ERR_DB, "stored indicator %s '%s' (source %s): %s", r->type, r->value, r->source, why);
    c->failed = true;
    return 1;
}

sw_code sense_load_intel(store *db, uint32_t capacity, detect_intel **out, sw_error *err)
{
    *out = NULL;
    int64_t n;
    if (store_intel_count(db, &n, err)) return SW_ERR_DB;
    if (!n) return SW_OK;
    if (n > capacity)
        return sw_fail(err, SW_ERR_LIMIT, "%lld stored indicators do not fit in %u; raise --intel-capacity",
                       (long long)n, capacity);
    intel_ctx c = { detect_intel_create((size_t)n), { 0 }, false };
    if (!c.t) return sw_fail(err, SW_ERR_NOMEM, "%lld indicators: out of memory", (long long)n);
    if (store_intel_each(db, NULL, load_indicator, &c, err) || c.failed) {
        if (c.failed) *err = c.bad;
        detect_intel_destroy(c.t);
        return SW_ERR_DB;
    }
    *out = c.t;
    return SW_OK;
}

struct sense_learner {
    store_baseline_writer *w;
    size_t talkers, functions;
    sw_code rc;
    sw_error err;
};

sense_learner *sense_learner_create(store *db, sw_error *err)
{
    sense_learner *l = calloc(1, sizeof *l);
    if (!l) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    if (!(l->w = store_baseline_writer_open(db, err))) { free(l); return NULL; }
    return l;
}

void sense_learner_item(void *user, const detect_learned *it)
{
    sense_learner *l = user;
    if (l->rc != SW_OK) return;
    sw_error e = { 0 };
    sw_code rc;
    if (it->is_function) {
        const detect_function *f = &it->function;
        store_function_rec r = { f->asset_id, f->protocol, f->function, f->subfunction, it->function_name,
                                 it->ts, it->ts };
        rc = store_baseline_add_function(l->w, &r, &e);
        l->functions++;
    } else {
        const detect_talker *t = &it->talker;
        char ip[IP_STR_MAX];
        store_talker_rec r = { t->asset_id, ip_fmt(&t->peer, ip), t->asset_is_server, t->service, it->ts, it->ts };
        rc = store_baseline_add_talker(l->w, &r, &e);
        l->talkers++;
    }
    if (rc) { l->rc = rc; l->err = e; }
}

sw_code sense_learner_finish(sense_learner *l, sw_error *err)
{
    if (l->rc == SW_OK) {
        sw_error e = { 0 };
        if ((l->rc = store_baseline_flush(l->w, &e)) != SW_OK) l->err = e;
    }
    if (l->rc) *err = l->err;
    return l->rc;
}

size_t sense_learner_talkers(const sense_learner *l) { return l->talkers; }
size_t sense_learner_functions(const sense_learner *l) { return l->functions; }

void sense_learner_destroy(sense_learner *l)
{
    if (!l) return;
    store_baseline_writer_close(l->w);
    free(l);
}
