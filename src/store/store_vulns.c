/* store_vulns.c - vulnerability records and KEV entries: the per-file
 * import transaction and the read-back (store_vulns.h). */
#include "store/store_vulns.h"
#include <stdlib.h>
#include "store/store_sql.h"

struct store_vuln_import {
    store *s;
    sqlite3_stmt *rec_insert, *rec_update, *kev_insert, *kev_update, *log;
};

static void finalize_all(store_vuln_import *im)
{
    sqlite3_finalize(im->rec_insert);
    sqlite3_finalize(im->rec_update);
    sqlite3_finalize(im->kev_insert);
    sqlite3_finalize(im->kev_update);
    sqlite3_finalize(im->log);
}

store_vuln_import *store_vuln_import_begin(store *s, sw_error *err)
{
    store_vuln_import *im = calloc(1, sizeof *im);
    if (!im) { sw_fail(err, SW_ERR_NOMEM, "vulns import: out of memory"); return NULL; }
    im->s = s;
    if (store_prepare(s,
                      "INSERT OR IGNORE INTO vuln_records(cve_id, source, advisory, title, published, modified, cvss_score,\n"
                      "  cvss_version, cvss_vector, applicability, file, first_imported, last_imported)\n"
                      "VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), nullif(?6, 0), CASE WHEN ?7 < 0 THEN NULL ELSE ?7 END,\n"
                      "  ?8, ?9, ?10, ?11, ?12, ?12)",
                      &im->rec_insert, err) ||
        store_prepare(s,
                      "UPDATE vuln_records SET title = ?4, published = nullif(?5, 0), modified = nullif(?6, 0),\n"
                      "  cvss_score = CASE WHEN ?7 < 0 THEN NULL ELSE ?7 END, cvss_version = ?8, cvss_vector = ?9,\n"
                      "  applicability = ?10, file = ?11, last_imported = ?12\n"
                      "WHERE cve_id = ?1 AND source = ?2 AND advisory = ?3",
                      &im->rec_update, err) ||
        store_prepare(s,
                      "INSERT OR IGNORE INTO vuln_kev(cve_id, vendor, product, name, date_added, due_date, ransomware,\n"
                      "  first_imported, last_imported) VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), ?7, ?8, ?8)",
                      &im->kev_insert, err) ||
        store_prepare(s,
                      "UPDATE vuln_kev SET vendor = ?2, product = ?3, name = ?4, date_added = ?5, due_date = nullif(?6, 0),\n"
                      "  ransomware = ?7, last_imported = ?8 WHERE cve_id = ?1",
                      &im->kev_update, err) ||
        store_prepare(s,
                      "INSERT INTO vuln_imports(file, sha256, format, label, records, kev, skipped, imported_at)\n"
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      &im->log, err) ||
        store_begin(s, err)) {
        finalize_all(im);
        free(im);
        return NULL;
    }
    return im;
}

static sw_code run_rec(store_vuln_import *im, sqlite3_stmt *st, const store_vuln_row *r, int64_t now, sw_error *err)
{
    store_args a = store_args_of(st);
    arg_text(&a, r->cve_id); arg_text(&a, r->source); arg_text(&a, r->advisory ? r->advisory : "");
    arg_text(&a, r->title); arg_int(&a, r->published); arg_int(&a, r->modified); arg_real(&a, r->cvss_score);
    arg_text(&a, r->cvss_version); arg_text(&a, r->cvss_vector); arg_text(&a, r->applicability); arg_text(&a, r->file);
    arg_int(&a, now);
    return store_run(im->s, &a, err);
}

sw_code store_vuln_import_record(store_vuln_import *im, const store_vuln_row *r, int64_t now, bool *added, sw_error *err)
{
    if (run_rec(im, im->rec_insert, r, now, err)) return SW_ERR_DB;
    *added = sqlite3_changes(store_db(im->s)) > 0;
    return *added ? SW_OK : run_rec(im, im->rec_update, r, now, err);
}

static sw_code run_kev(store_vuln_import *im, sqlite3_stmt *st, const store_kev_row *k, int64_t now, sw_error *err)
{
    store_args a = store_args_of(st);
    arg_text(&a, k->cve_id); arg_text(&a, k->vendor); arg_text(&a, k->product); arg_text(&a, k->name);
    arg_int(&a, k->date_added); arg_int(&a, k->due_date); arg_int(&a, k->ransomware); arg_int(&a, now);
    return store_run(im->s, &a, err);
}

sw_code store_vuln_import_kev(store_vuln_import *im, const store_kev_row *k, int64_t now, bool *added, sw_error *err)
{
    if (run_kev(im, im->kev_insert, k, now, err)) return SW_ERR_DB;
    *added = sqlite3_changes(store_db(im->s)) > 0;
    return *added ? SW_OK : run_kev(im, im->kev_update, k, now, err);
}

sw_code store_vuln_import_log(store_vuln_import *im, const char *file, const char *sha256, const char *format,
                              const char *label, int64_t records, int64_t kev, int64_t skipped, int64_t now, sw_error *err)
{
    store_args a = store_args_of(im->log);
    arg_text(&a, file); arg_text(&a, sha256); arg_text(&a, format); arg_text(&a, label);
    arg_int(&a, records); arg_int(&a, kev); arg_int(&a, skipped); arg_int(&a, now);
    return store_run(im->s, &a, err);
}

sw_code store_vuln_import_commit(store_vuln_import *im, sw_error *err)
{
    sw_code rc = store_commit(im->s, err);
    if (rc) store_rollback(im->s);
    finalize_all(im);
    free(im);
    return rc;
}

void store_vuln_import_abort(store_vuln_import *im)
{
    if (!im) return;
    store_rollback(im->s);
    finalize_all(im);
    free(im);
}

sw_code store_vuln_each(store *s, store_vuln_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT cve_id, source, advisory, title, coalesce(published, 0), coalesce(modified, 0),\n"
                      "  coalesce(cvss_score, -1), cvss_version, cvss_vector, applicability, file, first_imported, last_imported\n"
                      "FROM vuln_records ORDER BY cve_id, source, advisory",
                      &st, err))
        return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_vuln_row r = { col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
                             sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_double(st, 6),
                             col_text(st, 7), col_text(st, 8), col_text(st, 9), col_text(st, 10),
                             sqlite3_column_int64(st, 11), sqlite3_column_int64(st, 12) };
        if (fn(ctx, &r)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_kev_each(store *s, store_kev_fn fn, void *ctx, sw_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(s,
                      "SELECT cve_id, vendor, product, name, date_added, coalesce(due_date, 0), ransomware,\n"
                      "  first_imported, last_imported FROM vuln_kev ORDER BY cve_id",
                      &st, err))
        return SW_ERR_DB;
    sw_code rc;
    bool row;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        store_kev_row k = { col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
                            sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_int(st, 6) != 0,
                            sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8) };
        if (fn(ctx, &k)) break;
    }
    sqlite3_finalize(st);
    return rc;
}

sw_code store_vuln_counts(store *s, int64_t *records, int64_t *kev, sw_error *err)
{
    if (store_query_int(s, "SELECT count(*) FROM vuln_records", records, err)) return SW_ERR_DB;
    return store_query_int(s, "SELECT count(*) FROM vuln_kev", kev, err);
}
