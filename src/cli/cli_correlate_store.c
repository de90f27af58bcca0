/* cli_correlate_store.c - re-correlates every alert in the database and
 * replaces its incident candidates in one transaction: what `seawall sense
 * --store` runs when a run ends, so candidates follow the alerts. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_correlate.h"

typedef struct store_sink {
    store *db;
    strbuf doc, text;
    uint64_t stored;
    bool failed;
    sw_error err;
} store_sink;

static void put_candidate(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    store_sink *k = user;
    if (kind != CORR_EMIT_FINAL || k->failed) return;
    store_candidate_rec rec;
    corr_summary sum;
    cli_candidate_record(e, c, &k->doc, &k->text, &rec, &sum);
    if (store_candidate_put(k->db, &rec, &k->err) != SW_OK) k->failed = true;
    else k->stored++;
}

sw_code cli_correlate_store(store *db, const port_model *m, cli_correlate_counts *out, sw_error *err)
{
    memset(out, 0, sizeof *out);
    store_sink k = { .db = db };
    strbuf_init(&k.doc);
    strbuf_init(&k.text);
    corr_config cfg;
    corr_config_default(&cfg);
    corr_engine *e = corr_create(m, &cfg, put_candidate, &k, err);
    if (!e) return err ? err->code : SW_ERR_NOMEM;
    sw_code rc = store_begin(db, err);
    if (rc == SW_OK) rc = store_candidates_clear(db, err);
    store_alert_iter *it = rc == SW_OK ? store_alert_iter_open(db, err) : NULL;
    if (rc == SW_OK && !it) rc = err ? err->code : SW_ERR_DB;
    for (int more = 1; rc == SW_OK && more > 0;) {
        int64_t id;
        const char *text;
        sw_error aerr = { 0 };
        more = store_alert_iter_next(it, &id, &text, &aerr);
        if (more < 0) { rc = sw_fail(err, SW_ERR_DB, "%s", aerr.msg); break; }
        if (!more) break;
        corr_alert a;
        if (corr_alert_from_ecs(text, strlen(text), &a, &aerr) != SW_OK) { out->malformed++; continue; }
        snprintf(a.ref, sizeof a.ref, "alerts.id %lld", (long long)id);
        corr_alert_finish(&a, m);
        corr_add(e, &a);
        out->alerts++;
    }
    store_alert_iter_close(it);
    if (rc == SW_OK) corr_flush(e);
    if (rc == SW_OK && k.failed) rc = sw_fail(err, k.err.code ? k.err.code : SW_ERR_DB, "%s", k.err.msg);
    if (rc == SW_OK) rc = store_commit(db, err);
    else store_rollback(db);
    out->candidates = k.stored;
    corr_destroy(e);
    strbuf_free(&k.doc);
    strbuf_free(&k.text);
    return rc;
}

sw_code cli_sense_correlate(const struct cli_command *cmd, store *db, const port_model *m)
{
    cli_correlate_counts cc;
    sw_error err = { 0 };
    sw_code rc = cli_correlate_store(db, m, &cc, &err);
    if (rc != SW_OK) fprintf(stderr, "seawall %s: correlating the stored alerts failed: %s\n", cmd->name, err.msg);
    else
        fprintf(stderr, "correlated %" PRIu64 " stored alerts: %" PRIu64 " incident candidates%s\n", cc.alerts, cc.candidates,
                cc.malformed ? " (some stored alerts could not be read)" : "");
    return rc;
}
