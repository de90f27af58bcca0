/* store_vulns.h - imported vulnerability records and the KEV catalog in
 * the store: one transaction per file (`seawall vulns import`), read back
 * one row at a time for matching against the port model. */
#ifndef SW_STORE_VULNS_H
#define SW_STORE_VULNS_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_vuln_row {
    const char *cve_id, *source, *advisory, *title;
    int64_t published, modified;          /* microseconds; 0 unknown */
    double cvss_score;                    /* < 0: none */
    const char *cvss_version, *cvss_vector;
    const char *applicability;            /* JSON */
    const char *file;
    int64_t first_imported, last_imported;   /* read back only */
} store_vuln_row;

typedef struct store_kev_row {
    const char *cve_id, *vendor, *product, *name;
    int64_t date_added, due_date;         /* microseconds; due 0 unknown */
    bool ransomware;
    int64_t first_imported, last_imported;
} store_kev_row;

typedef struct store_vuln_import store_vuln_import;

/* Opens the file's transaction; nothing is visible until commit. */
store_vuln_import *store_vuln_import_begin(store *s, sw_error *err);
/* Upserts by (cve_id, source, advisory) / cve_id; *added false when it was known. */
sw_code store_vuln_import_record(store_vuln_import *im, const store_vuln_row *r, int64_t now, bool *added, sw_error *err);
sw_code store_vuln_import_kev(store_vuln_import *im, const store_kev_row *k, int64_t now, bool *added, sw_error *err);
sw_code store_vuln_import_log(store_vuln_import *im, const char *file, const char *sha256, const char *format,
                              const char *label, int64_t records, int64_t kev, int64_t skipped, int64_t now, sw_error *err);
sw_code store_vuln_import_commit(store_vuln_import *im, sw_error *err);
void store_vuln_import_abort(store_vuln_import *im);

typedef int (*store_vuln_fn)(void *ctx, const store_vuln_row *r);
typedef int (*store_kev_fn)(void *ctx, const store_kev_row *k);
/* Ordered by cve_id, source, advisory. */
sw_code store_vuln_each(store *s, store_vuln_fn fn, void *ctx, sw_error *err);
sw_code store_kev_each(store *s, store_kev_fn fn, void *ctx, sw_error *err);
sw_code store_vuln_counts(store *s, int64_t *records, int64_t *kev, sw_error *err);

#endif
