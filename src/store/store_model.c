/* store_model.c - store_sync_model: makes the database hold exactly one port
 * model in one transaction, touching only what changed so observations of
 * kept objects are never disturbed; per-kind writers are store_model_*.c. */
#include <string.h>
#include "core/json.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "store/store_model_sync.h"

/* Kind names double as table names; keep them in store_kind order. */
static const char *const kind_names[STORE_KIND__COUNT] = {
    "sites", "zones", "conduits", "assets", "entry_points", "people", "vendors",
};

const char *store_kind_name(store_kind k)
{
    return (unsigned)k < STORE_KIND__COUNT ? kind_names[k] : "?";
}

const char *sync_ref(const char *id, int index) { return id && index >= 0 ? id : NULL; }
const char *sync_ref_in(const hashmap *by_id, const char *id) { return id && hashmap_has(by_id, id) ? id : NULL; }

sw_code sync_args(sync_ctx *c, const char *sql, store_args *a)
{
    if (c->dry_run) {
        *a = store_args_of(NULL);
        a->dry_run = true;
        a->fingerprint = &c->fp_ctx;
        return SW_OK;
    }
    for (size_t i = 0; i < c->n_stmts; i++)
        if (c->stmts[i].sql == sql) {
            *a = store_args_of(c->stmts[i].st);
            return SW_OK;
        }
    if (c->n_stmts == SYNC_MAX_STMTS)
        return sw_fail(c->err, SW_ERR_LIMIT, "model sync: more than %d statements; raise SYNC_MAX_STMTS", SYNC_MAX_STMTS);
    sqlite3_stmt *st;
    if (store_prepare(c->s, sql, &st, c->err)) return SW_ERR_DB;
    c->stmts[c->n_stmts].sql = sql;
    c->stmts[c->n_stmts].st = st;
    c->n_stmts++;
    *a = store_args_of(st);
    return SW_OK;
}

void sync_arg_fingerprint(sync_ctx *c, store_args *a)
{
    if (!c->dry_run) arg_blob(a, c->fingerprint, SHA256_LEN);
}

sw_code sync_run(sync_ctx *c, store_args *a) { return store_run(c->s, a, c->err); }

typedef enum { SYNC_ADDED, SYNC_UPDATED, SYNC_UNCHANGED } sync_outcome;

/* Compares the fingerprint just computed with the stored one, and notes the
 * id as kept so the sweep at the end does not delete it. */
static sw_code classify(sync_ctx *c, store_kind kind, const char *id, sync_outcome *out)
{
    sqlite3_stmt *st = c->fingerprint_of[kind];
    bool row;
    if (sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) != SQLITE_OK) return store_fail(c->s, c->err, "bind");
    sw_code rc = store_step(c->s, st, &row, c->err);
    if (rc == SW_OK) {
        const void *old = row ? sqlite3_column_blob(st, 0) : NULL;
        if (!row) *out = SYNC_ADDED;
        else if (old && sqlite3_column_bytes(st, 0) == SHA256_LEN && memcmp(old, c->fingerprint, SHA256_LEN) == 0)
            *out = SYNC_UNCHANGED;
        else *out = SYNC_UPDATED;
    }
    (void)sqlite3_reset(st);
    (void)sqlite3_clear_bindings(st);
    if (rc) return rc;
    store_args a = store_args_of(c->keep);
    arg_text(&a, kind_names[kind]);
    arg_text(&a, id);
    return store_run(c->s, &a, c->err);
}

sw_code sync_object(sync_ctx *c, store_kind kind, const void *object, const char *id, sync_write_fn write)
{
    if (!id || !*id) return sw_fail(c->err, SW_ERR_INVALID, "model sync: one of the %s has no id", kind_names[kind]);
    c->dry_run = true;
    sha256_init(&c->fp_ctx);
    sw_code rc = write(c, object, id);
    c->dry_run = false;
    if (rc) return rc;
    sha256_final(&c->fp_ctx, c->fingerprint);

    sync_outcome outcome = SYNC_ADDED;
    if (classify(c, kind, id, &outcome)) return SW_ERR_DB;
    store_kind_counts *n = &c->stats->kind[kind];
    switch (outcome) {
    case SYNC_UNCHANGED: n->unchanged++; return SW_OK;
    case SYNC_ADDED: n->added++; break;
    case SYNC_UPDATED: n->updated++; break;
    }
    return write(c, object, id);
}

static sw_code sync_port(sync_ctx *c, const char *sha256, sw_time_us now)
{
    const port_model *m = c->m;
    strbuf js;
    json_writer w;
    strbuf_init(&js);
    jw_init(&w, &js);
    jw_array_begin(&w);
    for (size_t i = 0; i < m->port.jurisdictions.len; i++) jw_string(&w, m->port.jurisdictions.items[i]);
    jw_array_end(&w);
    if (js.oom) {
        strbuf_free(&js);
        return sw_fail(c->err, SW_ERR_NOMEM, "model sync: out of memory");
    }
    static const char sql[] =
        "INSERT INTO port(singleton, name, timezone, currency, jurisdictions, model_path, model_sha256, loaded_at)\n"
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?)\n"
        "ON CONFLICT(singleton) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,\n"
        "  currency = excluded.currency, jurisdictions = excluded.jurisdictions,\n"
        "  model_path = excluded.model_path, model_sha256 = excluded.model_sha256, loaded_at = excluded.loaded_at";
    store_args a;
    sw_code rc = sync_args(c, sql, &a);
    if (rc == SW_OK) {
        arg_text(&a, m->port.name ? m->port.name : "");
        arg_text(&a, m->port.timezone);
        arg_text(&a, m->port.currency);
        arg_text(&a, strbuf_cstr(&js));
        arg_text(&a, m->path ? m->path : "");
        arg_text(&a, sha256);
        arg_int(&a, now);
        rc = sync_run(c, &a);
    }
    strbuf_free(&js);
    return rc;
}

/* Deletes what the model no longer has. Child rows cascade; observations
 * pointing at a deleted asset or zone are kept with the link set NULL. */
static sw_code sweep_removed(sync_ctx *c)
{
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        char sql[160];
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id NOT IN (SELECT id FROM temp.sync_keep WHERE kind = ?)",
                 kind_names[k]);
        sqlite3_stmt *st;
        if (store_prepare(c->s, sql, &st, c->err)) return SW_ERR_DB;
        store_args a = store_args_of(st);
        arg_text(&a, kind_names[k]);
        sw_code rc = store_run(c->s, &a, c->err);
        if (rc == SW_OK) c->stats->kind[k].removed = (unsigned)sqlite3_changes(store_db(c->s));
        sqlite3_finalize(st);
        if (rc) return rc;
    }
    return SW_OK;
}

static sw_code record_load(sync_ctx *c, const char *sha256, sw_time_us now)
{
    store_kind_counts total = { 0 };
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        total.added += c->stats->kind[k].added;
        total.updated += c->stats->kind[k].updated;
        total.unchanged += c->stats->kind[k].unchanged;
        total.removed += c->stats->kind[k].removed;
    }
    store_args a;
    static const char load_sql[] =
        "INSERT INTO model_loads(loaded_at, path, sha256, added, updated, unchanged, removed) VALUES (?, ?, ?, ?, ?, ?, ?)";
    if (sync_args(c, load_sql, &a)) return SW_ERR_DB;
    arg_int(&a, now);
    arg_text(&a, c->m->path ? c->m->path : "");
    arg_text(&a, sha256);
    arg_int(&a, total.added);
    arg_int(&a, total.updated);
    arg_int(&a, total.unchanged);
    arg_int(&a, total.removed);
    if (sync_run(c, &a)) return SW_ERR_DB;
    c->stats->load_id = sqlite3_last_insert_rowid(store_db(c->s));

    static const char count_sql[] =
        "INSERT INTO model_load_counts(load_id, kind, added, updated, unchanged, removed) VALUES (?, ?, ?, ?, ?, ?)";
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        const store_kind_counts *n = &c->stats->kind[k];
        if (sync_args(c, count_sql, &a)) return SW_ERR_DB;
        arg_int(&a, c->stats->load_id);
        arg_text(&a, kind_names[k]);
        arg_int(&a, n->added);
        arg_int(&a, n->updated);
        arg_int(&a, n->unchanged);
        arg_int(&a, n->removed);
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

static sw_code prepare_lookups(sync_ctx *c)
{
    if (store_exec(c->s,
                   "CREATE TEMP TABLE IF NOT EXISTS sync_keep (kind TEXT NOT NULL, id TEXT NOT NULL,\n"
                   "  PRIMARY KEY (kind, id)) WITHOUT ROWID;\n"
                   "DELETE FROM temp.sync_keep;", c->err))
        return SW_ERR_DB;
    /* OR IGNORE: an id given twice (a validation error) is kept once. */
    if (store_prepare(c->s, "INSERT OR IGNORE INTO temp.sync_keep(kind, id) VALUES (?, ?)", &c->keep, c->err))
        return SW_ERR_DB;
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT fingerprint FROM %s WHERE id = ?", kind_names[k]);
        if (store_prepare(c->s, sql, &c->fingerprint_of[k], c->err)) return SW_ERR_DB;
    }
    return SW_OK;
}

static void finalize_all(sync_ctx *c)
{
    for (size_t i = 0; i < c->n_stmts; i++) sqlite3_finalize(c->stmts[i].st);
    c->n_stmts = 0;
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        sqlite3_finalize(c->fingerprint_of[k]);
        c->fingerprint_of[k] = NULL;
    }
    sqlite3_finalize(c->keep);
    c->keep = NULL;
}

static sw_code sync_body(sync_ctx *c, const char *sha256)
{
    sw_time_us now = time_now_us();
    static sw_code (*const kinds[STORE_KIND__COUNT])(sync_ctx *) = {
        sync_sites, sync_zones, sync_conduits, sync_assets, sync_entry_points, sync_people, sync_vendors,
    };
    if (prepare_lookups(c)) return SW_ERR_DB;
    if (sync_port(c, sha256, now)) return SW_ERR_DB;
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        sw_code rc = kinds[k](c);
        if (rc) return rc;
    }
    if (sweep_removed(c)) return SW_ERR_DB;
    if (record_load(c, sha256, now)) return SW_ERR_DB;
    return store_exec(c->s, "DROP TABLE temp.sync_keep", c->err);
}

sw_code store_sync_model(store *s, const port_model *m, const char *model_sha256,
                         store_sync_stats *stats, sw_error *err)
{
    store_sync_stats local;
    sync_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.m = m;
    c.stats = stats ? stats : &local;
    c.err = err;
    memset(c.stats, 0, sizeof *c.stats);
    arena_init(&c.scratch, 4096);

    sw_code rc = store_begin(s, err);
    if (rc == SW_OK) {
        rc = sync_body(&c, model_sha256 ? model_sha256 : "");
        /* finalize before COMMIT: a statement still mid-step would hold the write open */
        finalize_all(&c);
        if (rc == SW_OK) rc = store_commit(s, err);
        else store_rollback(s);
    }
    finalize_all(&c);
    arena_free(&c.scratch);
    if (rc) memset(c.stats, 0, sizeof *c.stats);
    return rc;
}

sw_code store_has_model(store *s, bool *out, sw_error *err)
{
    int64_t n;
    *out = false;
    if (store_query_int(s, "SELECT count(*) FROM port", &n, err)) return SW_ERR_DB;
    *out = n > 0;
    return SW_OK;
}
