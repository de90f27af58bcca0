/* store_baseline.c - writing, reading and clearing the learned OT baseline
 * (store_baseline.h). */
#include "store/store_baseline.h"
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "store/store_sql.h"

typedef struct baseline_rec {
    bool is_function;
    store_talker_rec t;
    store_function_rec f;
} baseline_rec;

struct store_baseline_writer {
    store *s;
    sqlite3_stmt *talker, *function;
    baseline_rec recs[STORE_BASELINE_BATCH];
    size_t n;
    arena strings;
};

static const char talker_sql[] =
    "INSERT INTO baseline_talkers(asset_id, peer_ip, role, service, first_seen, last_seen)\n"
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)\n"
    "ON CONFLICT(asset_id, peer_ip, role, service) DO UPDATE SET\n"
    "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)";
static const char function_sql[] =
    "INSERT INTO baseline_functions(asset_id, protocol, function, subfunction, function_name, first_seen, last_seen)\n"
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)\n"
    "ON CONFLICT(asset_id, protocol, function, subfunction) DO UPDATE SET\n"
    "  function_name = coalesce(excluded.function_name, function_name),\n"
    "  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)";

store_baseline_writer *store_baseline_writer_open(store *s, sw_error *err)
{
    store_baseline_writer *w = calloc(1, sizeof *w);
    if (!w) { sw_fail(err, SW_ERR_NOMEM, "baseline writer: out of memory"); return NULL; }
    w->s = s;
    arena_init(&w->strings, 64 * 1024);
    if (store_prepare(s, talker_sql, &w->talker, err) || store_prepare(s, function_sql, &w->function, err)) {
        store_baseline_writer_close(w);
        return NULL;
    }
    return w;
}

void store_baseline_writer_close(store_baseline_writer *w)
{
    if (!w) return;
    sqlite3_finalize(w->talker);
    sqlite3_finalize(w->function);
    arena_free(&w->strings);
    free(w);
}

static sw_code write_rec(store_baseline_writer *w, const baseline_rec *r, sw_error *err)
{
    store_args a = store_args_of(r->is_function ? w->function : w->talker);
    if (r->is_function) {
        const store_function_rec *f = &r->f;
        arg_text(&a, f->asset_id); arg_text(&a, f->protocol); arg_int(&a, f->function); arg_int(&a, f->subfunction);
        arg_text(&a, f->function_name); arg_int(&a, f->first_seen); arg_int(&a, f->last_seen);
    } else {
        const store_talker_rec *t = &r->t;
        arg_text(&a, t->asset_id); arg_text(&a, t->peer_ip); arg_text(&a, t->asset_is_server ? "server" : "client");
        arg_text(&a, t->service); arg_int(&a, t->first_seen); arg_int(&a, t->last_seen);
    }
    return store_run(w->s, &a, err);
}

sw_code store_baseline_flush(store_baseline_writer *w, sw_error *err)
{
    if (!w->n) return SW_OK;
    sw_code rc = store_begin(w->s, err);
    for (size_t i = 0; rc == SW_OK && i < w->n; i++) rc = write_rec(w, &w->recs[i], err);
    if (rc == SW_OK) rc = store_commit(w->s, err);
    else store_rollback(w->s);
    w->n = 0;
    arena_reset(&w->strings);
    return rc;
}

static baseline_rec *slot(store_baseline_writer *w, sw_error *err)
{
    if (w->n == STORE_BASELINE_BATCH && store_baseline_flush(w, err)) return NULL;
    baseline_rec *r = &w->recs[w->n];
    memset(r, 0, sizeof *r);
    return r;
}

static const char *keep(store_baseline_writer *w, const char *s, bool *ok)
{
    if (!s) return NULL;
    char *c = arena_strdup(&w->strings, s);
    if (!c) *ok = false;
    return c;
}

sw_code store_baseline_add_talker(store_baseline_writer *w, const store_talker_rec *t, sw_error *err)
{
    baseline_rec *r = slot(w, err);
    if (!r) return SW_ERR_DB;
    bool ok = true;
    r->t = *t;
    r->t.asset_id = keep(w, t->asset_id, &ok);
    r->t.peer_ip = keep(w, t->peer_ip, &ok);
    r->t.service = keep(w, t->service, &ok);
    if (!ok) return sw_fail(err, SW_ERR_NOMEM, "baseline writer: out of memory");
    w->n++;
    return SW_OK;
}

sw_code store_baseline_add_function(store_baseline_writer *w, const store_function_rec *f, sw_error *err)
{
    baseline_rec *r = slot(w, err);
    if (!r) return SW_ERR_DB;
    bool ok = true;
    r->is_function = true;
    r->f = *f;
    r->f.asset_id = keep(w, f->asset_id, &ok);
    r->f.protocol = keep(w, f->protocol, &ok);
    r->f.function_name = keep(w, f->function_name, &ok);
    if (!ok) return sw_fail(err, SW_ERR_NOMEM, "baseline writer: out of memory");
    w->n++;
    return SW_OK;
}

sw_code store_baseline_count(store *s, store_baseline_counts *out, sw_error *err)
{
    memset(out, 0, sizeof *out);
    if (store_query_int(s, "SELECT count(*) FROM baseline_talkers", &out->talkers, err) ||
        store_query_int(s, "SELECT count(*) FROM baseline_functions", &out->functions, err) ||
        store_query_int(s, "SELECT count(*) FROM (SELECT asset_id FROM baseline_talkers UNION "
                           "SELECT asset_id FROM baseline_functions)", &out->assets, err))
        return SW_ERR_DB;
    return SW_OK;
}

sw_code store_baseline_each(store *s, const char *asset, store_talker_fn tf, store_function_fn ff, void *ctx,
                            sw_error *err)
{
    static const char tsql[] =
        "SELECT asset_id, peer_ip, role, service, first_seen, last_seen FROM baseline_talkers\n"
        "WHERE ?1 IS NULL OR asset_id = ?1 ORDER BY asset_id, role DESC, service, peer_ip";
    static const char fsql[] =
        "SELECT asset_id, protocol, function, subfunction, function_name, first_seen, last_seen FROM baseline_functions\n"
        "WHERE ?1 IS NULL OR asset_id = ?1 ORDER BY asset_id, protocol, function, subfunction";
    sw_code rc = SW_OK;
    bool row, stop = false;
    sqlite3_stmt *st;
    if (tf) {
        if (store_prepare(s, tsql, &st, err)) return SW_ERR_DB;
        store_args a = store_args_of(st);
        arg_text(&a, asset);
        while (!stop && (rc = store_step(s, st, &row, err)) == SW_OK && row) {
            store_talker_rec r = { col_text(st, 0), col_text(st, 1), !strcmp(col_text(st, 2), "server"),
                                   col_text(st, 3), sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5) };
            stop = tf(ctx, &r) != 0;
        }
        sqlite3_finalize(st);
        if (rc || stop) return rc;
    }
    if (ff) {
        if (store_prepare(s, fsql, &st, err)) return SW_ERR_DB;
        store_args a = store_args_of(st);
        arg_text(&a, asset);
        while (!stop && (rc = store_step(s, st, &row, err)) == SW_OK && row) {
            store_function_rec r = { col_text(st, 0), col_text(st, 1), sqlite3_column_int(st, 2),
                                     sqlite3_column_int(st, 3), col_text(st, 4), sqlite3_column_int64(st, 5),
                                     sqlite3_column_int64(st, 6) };
            stop = ff(ctx, &r) != 0;
        }
        sqlite3_finalize(st);
    }
    return rc;
}

sw_code store_baseline_clear(store *s, const char *asset, int64_t *removed, sw_error *err)
{
    static const char *const sql[] = { "DELETE FROM baseline_talkers WHERE ?1 IS NULL OR asset_id = ?1",
                                       "DELETE FROM baseline_functions WHERE ?1 IS NULL OR asset_id = ?1" };
    *removed = 0;
    if (store_begin(s, err)) return SW_ERR_DB;
    for (size_t i = 0; i < 2; i++) {
        sqlite3_stmt *st;
        if (store_prepare(s, sql[i], &st, err)) { store_rollback(s); return SW_ERR_DB; }
        store_args a = store_args_of(st);
        arg_text(&a, asset);
        sw_code rc = store_run(s, &a, err);
        sqlite3_finalize(st);
        if (rc) { store_rollback(s); return rc; }
        *removed += sqlite3_changes(store_db(s));
    }
    return store_commit(s, err);
}
