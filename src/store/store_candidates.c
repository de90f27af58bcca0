/* store_candidates.c - incident candidates in and out of the store, and
 * the stored alerts streamed back oldest first for the correlation engine. */
#include <stdlib.h>
#include <string.h>
#include "core/timeutil.h"
#include "store/store_candidates.h"
#include "store/store_sql.h"

sw_code store_candidates_clear(store *s, sw_error *err)
{
    return store_exec(s, "DELETE FROM incident_candidates", err);
}

sw_code store_candidate_put(store *s, const store_candidate_rec *c, sw_error *err)
{
    static const char sql[] =
        "INSERT OR REPLACE INTO incident_candidates(id, first_ts, last_ts, score, severity, alerts, domains,\n"
        "  tactics, assets, explanation, doc, stored_at)\n"
        "VALUES (?1, ?2, ?3, ?4, ?5, json_extract(?10, '$.alerts'), ?6, ?7, ?8, ?9, ?10, ?11)";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, c->id);
    arg_int(&a, c->first_ts);
    arg_int(&a, c->last_ts);
    arg_int(&a, c->score);
    arg_text(&a, c->severity);
    arg_text(&a, c->domains);
    arg_text(&a, c->tactics);
    arg_text(&a, c->assets);
    arg_text(&a, c->explanation);
    arg_text(&a, c->doc);
    arg_int(&a, time_now_us());
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_candidate_delete(store *s, const char *id, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s, "DELETE FROM incident_candidates WHERE id = ?1", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, id);
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    return rc;
}

sw_code store_list_candidates(store *s, store_candidate_fn fn, void *ctx, sw_error *err)
{
    static const char sql[] =
        "SELECT id, first_ts, last_ts, score, severity, domains, tactics, assets, explanation, doc\n"
        "FROM incident_candidates ORDER BY score DESC, first_ts, id";
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_candidate_rec c = {
            .id = col_text(st, 0), .first_ts = sqlite3_column_int64(st, 1), .last_ts = sqlite3_column_int64(st, 2),
            .score = sqlite3_column_int(st, 3), .severity = col_text(st, 4), .domains = col_text(st, 5),
            .tactics = col_text(st, 6), .assets = col_text(st, 7), .explanation = col_text(st, 8),
            .doc = col_text(st, 9),
        };
        if (fn(ctx, &c)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_last_model_path(store *s, char **out, sw_error *err)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (store_prepare(s, "SELECT path FROM model_loads ORDER BY id DESC LIMIT 1", &st, err)) return SW_ERR_DB;
    bool row;
    sw_code rc = store_step(s, st, &row, err);
    if (rc == SW_OK && row && col_text(st, 0)) {
        *out = strdup(col_text(st, 0));
        if (!*out) rc = sw_fail(err, SW_ERR_NOMEM, "out of memory");
    }
    sqlite3_finalize(st);
    return rc;
}

struct store_alert_iter {
    store *s;
    sqlite3_stmt *st;
};

store_alert_iter *store_alert_iter_open(store *s, sw_error *err)
{
    store_alert_iter *it = calloc(1, sizeof *it);
    if (!it) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    it->s = s;
    if (store_prepare(s, "SELECT id, ecs FROM alerts ORDER BY ts, id", &it->st, err)) {
        free(it);
        return NULL;
    }
    return it;
}

store_alert_iter *store_alert_iter_open_ids(store *s, bool by_time, int64_t after_id, int64_t upto_id, sw_error *err)
{
    store_alert_iter *it = calloc(1, sizeof *it);
    if (!it) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    it->s = s;
    const char *sql = by_time ? "SELECT id, ecs FROM alerts WHERE id > ?1 AND id <= ?2 ORDER BY ts, id"
                              : "SELECT id, ecs FROM alerts WHERE id > ?1 AND id <= ?2 ORDER BY id";
    if (store_prepare(s, sql, &it->st, err)) {
        free(it);
        return NULL;
    }
    sqlite3_bind_int64(it->st, 1, after_id);
    sqlite3_bind_int64(it->st, 2, upto_id);
    return it;
}

int store_alert_iter_next(store_alert_iter *it, int64_t *id, const char **ecs, sw_error *err)
{
    bool row;
    if (store_step(it->s, it->st, &row, err) != SW_OK) return -1;
    if (!row) return 0;
    *id = sqlite3_column_int64(it->st, 0);
    *ecs = col_text(it->st, 1);
    return 1;
}

void store_alert_iter_close(store_alert_iter *it)
{
    if (!it) return;
    sqlite3_finalize(it->st);
    free(it);
}
