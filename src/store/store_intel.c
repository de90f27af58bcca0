/* store_intel.c - imported indicators: the import transaction, the
 * listing and clearing by source (store_intel.h). */
#include "store/store_intel.h"
#include <stdlib.h>
#include "store/store_sql.h"

struct store_intel_import {
    store *s;
    sqlite3_stmt *insert, *update;
};

store_intel_import *store_intel_import_begin(store *s, sw_error *err)
{
    store_intel_import *im = calloc(1, sizeof *im);
    if (!im) { sw_fail(err, SW_ERR_NOMEM, "intel import: out of memory"); return NULL; }
    im->s = s;
    if (store_prepare(s,
                      "INSERT OR IGNORE INTO intel_indicators(type, value, source, name, description, stix_id,\n"
                      "  valid_from, valid_until, first_imported, last_imported)\n"
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0), ?9, ?9)",
                      &im->insert, err) ||
        store_prepare(s,
                      "UPDATE intel_indicators SET name = coalesce(?4, name), description = coalesce(?5, description),\n"
                      "  stix_id = coalesce(?6, stix_id), valid_from = nullif(?7, 0), valid_until = nullif(?8, 0),\n"
                      "  last_imported = ?9\n"
                      "WHERE type = ?1 AND value = ?2 AND source = ?3",
                      &im->update, err) ||
        store_begin(s, err)) {
        sqlite3_finalize(im->insert);
        sqlite3_finalize(im->update);
        free(im);
        return NULL;
    }
    return im;
}

static sw_code run(store_intel_import *im, sqlite3_stmt *st, const store_indicator_rec *r, int64_t now, sw_error *err)
{
    store_args a = store_args_of(st);
    arg_text(&a, r->type); arg_text(&a, r->value); arg_text(&a, r->source); arg_text(&a, r->name);
    arg_text(&a, r->description); arg_text(&a, r->stix_id); arg_int(&a, r->valid_from); arg_int(&a, r->valid_until);
    arg_int(&a, now);
    return store_run(im->s, &a, err);
}

sw_code store_intel_import_add(store_intel_import *im, const store_indicator_rec *r, int64_t now, bool *added,
                               sw_error *err)
{
    if (run(im, im->insert, r, now, err)) return SW_ERR_DB;
    *added = sqlite3_changes(store_db(im->s)) > 0;
    if (*added) return SW_OK;
    return run(im, im->update, r, now, err);
}

static void import_free(store_intel_import *im)
{
    sqlite3_finalize(im->insert);
    sqlite3_finalize(im->update);
    free(im);
}

sw_code store_intel_import_commit(store_intel_import *im, sw_error *err)
{
    sw_code rc = store_commit(im->s, err);
    if (rc) store_rollback(im->s);
    import_free(im);
    return rc;
}

void store_intel_import_abort(store_intel_import *im)
{
    if (!im) return;
    store_rollback(im->s);
    import_free(im);
}

sw_code store_intel_count(store *s, int64_t *out, sw_error *err)
{
    return store_query_int(s, "SELECT count(*) FROM intel_indicators", out, err);
}

sw_code store_intel_each(store *s, const char *source, store_indicator_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT type, value, source, name, description, stix_id, coalesce(valid_from, 0),\n"
                      "  coalesce(valid_until, 0), first_imported, last_imported FROM intel_indicators\n"
                      "WHERE ?1 IS NULL OR source = ?1 ORDER BY source, type, value",
                      &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, source);
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_indicator_rec r = {
            col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3), col_text(st, 4), col_text(st, 5),
            sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
            sqlite3_column_int64(st, 9),
        };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_intel_clear(store *s, const char *source, int64_t *removed, sw_error *err)
{
    sqlite3_stmt *st;
    *removed = 0;
    if (store_prepare(s, "DELETE FROM intel_indicators WHERE ?1 IS NULL OR source = ?1", &st, err)) return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_text(&a, source);
    sw_code rc = store_run(s, &a, err);
    if (rc == SW_OK) *removed = sqlite3_changes(store_db(s));
    sqlite3_finalize(st);
    return rc;
}
