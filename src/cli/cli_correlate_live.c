/* cli_correlate_live.c - incident candidates kept current while `seawall
 * sense --store` runs: one engine reads each stored alert once, and every
 * refresh writes the candidates that changed, in one transaction. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_correlate.h"
#include "store/store_observe.h"

#define LIVE_REORDER (10 * INT64_C(1000000))

struct cli_live_corr {
    store *db;
    const port_model *m;
    corr_engine *e;
    strbuf doc, text;
    int64_t seed_max;            /* alerts stored before the run: read oldest first */
    int64_t last_id;             /* the last alert read */
    bool started, failed;
    sw_code rc;                  /* the first write error inside a refresh */
    sw_error err;
    uint64_t alerts, malformed, refreshes, finals;
};

static void put(cli_live_corr *l, const corr_engine *e, const corr_candidate *c)
{
    store_candidate_rec rec;
    corr_summary sum;
    cli_candidate_record(e, c, &l->doc, &l->text, &rec, &sum);
    if (store_candidate_put(l->db, &rec, &l->err) != SW_OK) l->rc = l->err.code ? l->err.code : SW_ERR_DB;
}

/* Engine events inside a refresh: a closed candidate is written as it
 * ends; one absorbed by an older candidate is removed. Growth is written
 * by the snapshot at the end of the refresh, once per candidate. */
static void on_candidate(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    cli_live_corr *l = user;
    if (l->rc != SW_OK) return;
    if (kind == CORR_EMIT_FINAL) { put(l, e, c); l->finals++; }
    else if (kind == CORR_EMIT_MERGED) {
        corr_summary sum;
        corr_candidate_summary(e, c, &sum);
        if (store_candidate_delete(l->db, sum.id, &l->err) != SW_OK) l->rc = l->err.code ? l->err.code : SW_ERR_DB;
    }
}

static void on_snapshot(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    cli_live_corr *l = user;
    (void)kind;
    if (l->rc == SW_OK) put(l, e, c);
}

cli_live_corr *cli_live_corr_create(store *db, const port_model *m, sw_error *err)
{
    cli_live_corr *l = calloc(1, sizeof *l);
    if (!l) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    l->db = db;
    l->m = m;
    strbuf_init(&l->doc);
    strbuf_init(&l->text);
    corr_config cfg;
    corr_config_default(&cfg);   /* the limits cli_correlate_store uses: the same candidates */
    /* A sensor raises alerts at the packet that completes them, a scan's
     * a moment after its first probe: a short reorder delay keeps the
     * stored candidates seconds behind the capture, not minutes. An alert
     * later than that is still linked (as late) and makes the end of the
     * run correlate everything again, so the final result is the batch one. */
    cfg.reorder = LIVE_REORDER;
    /* The sensor reads its access and VMS files (hours of events) before
     * the capture: those alerts wait for the packet clock to reach them. */
    cfg.clocked = true;
    l->e = corr_create(m, &cfg, on_candidate, l, err);
    if (!l->e || store_alert_max_id(db, &l->seed_max, err) != SW_OK) {
        cli_live_corr_destroy(l);
        return NULL;
    }
    return l;
}

void cli_live_corr_destroy(cli_live_corr *l)
{
    if (!l) return;
    corr_destroy(l->e);
    strbuf_free(&l->doc);
    strbuf_free(&l->text);
    free(l);
}

/* Feeds the stored alerts with after < id <= upto to the engine. */
static sw_code feed(cli_live_corr *l, bool by_time, int64_t after, int64_t upto, sw_error *err)
{
    if (upto <= after) return SW_OK;
    store_alert_iter *it = store_alert_iter_open_ids(l->db, by_time, after, upto, err);
    if (!it) return err && err->code ? err->code : SW_ERR_DB;
    sw_code rc = SW_OK;
    for (;;) {
        int64_t id;
        const char *text;
        sw_error aerr = { 0 };
        int more = store_alert_iter_next(it, &id, &text, &aerr);
        if (more < 0) { rc = sw_fail(err, SW_ERR_DB, "%s", aerr.msg); break; }
        if (!more) break;
        corr_alert a;
        if (corr_alert_from_ecs(text, strlen(text), &a, &aerr) != SW_OK) { l->malformed++; continue; }
        snprintf(a.ref, sizeof a.ref, "alerts.id %lld", (long long)id);
        corr_alert_finish(&a, l->m);
        corr_add(l->e, &a);
        l->alerts++;
        if (l->rc != SW_OK) break;
    }
    store_alert_iter_close(it);
    return rc;
}

/* Reads what is new; the first time, the earlier runs' alerts oldest first
 * (as a batch run reads them) after dropping the stored candidates. */
static sw_code catch_up(cli_live_corr *l, sw_error *err)
{
    sw_code rc = SW_OK;
    if (!l->started) {
        rc = store_candidates_clear(l->db, err);
        if (rc == SW_OK) rc = feed(l, true, 0, l->seed_max, err);
        l->last_id = l->seed_max;
        l->started = true;
    }
    int64_t max = 0;
    if (rc == SW_OK) rc = store_alert_max_id(l->db, &max, err);
    if (rc == SW_OK) rc = feed(l, false, l->last_id, max, err);
    if (rc == SW_OK) l->last_id = max;
    return rc;
}

static sw_code end_refresh(cli_live_corr *l, sw_code rc, sw_error *err)
{
    if (rc == SW_OK && l->rc != SW_OK) rc = sw_fail(err, l->rc, "%s", l->err.msg);
    if (rc == SW_OK) rc = store_commit(l->db, err);
    else store_rollback(l->db);
    /* The engine has read alerts the store's candidates may now lack: only
     * the full pass at the end can put them right. */
    if (rc != SW_OK) l->failed = true;
    return rc;
}

sw_code cli_live_corr_refresh(cli_live_corr *l, sw_time_us now, sw_error *err)
{
    if (l->failed) return SW_OK;
    sw_code rc = store_begin(l->db, err);
    if (rc != SW_OK) { l->failed = true; return rc; }
    rc = catch_up(l, err);
    if (rc == SW_OK && now) corr_advance(l->e, now);
    if (rc == SW_OK) corr_snapshot(l->e, on_snapshot, l);
    rc = end_refresh(l, rc, err);
    if (rc == SW_OK) l->refreshes++;
    return rc;
}

sw_code cli_live_corr_finish(cli_live_corr *l, cli_correlate_counts *out, bool *exact, sw_error *err)
{
    memset(out, 0, sizeof *out);
    *exact = false;
    sw_code rc = SW_OK;
    if (!l->failed) {
        rc = store_begin(l->db, err);
        if (rc == SW_OK) rc = catch_up(l, err);
        if (rc == SW_OK) {
            corr_flush(l->e);
            /* No alert came after the engine had linked a later one: it
             * linked them in time order, as the batch pass does. */
            *exact = corr_get_stats(l->e)->late == 0;
        }
        if (rc == SW_OK && !*exact) { store_rollback(l->db); l->failed = true; }
        else rc = end_refresh(l, rc, err);
    }
    if (!*exact) return cli_correlate_store(l->db, l->m, out, err);
    out->alerts = l->alerts;
    out->malformed = l->malformed;
    out->candidates = l->finals;
    return rc;
}
