/* store_intel.h - threat-intelligence indicators in the store: imported in
 * one transaction per file (`seawall intel import`), read back to build the
 * detector's match table, listed and cleared by source. */
#ifndef SW_STORE_INTEL_H
#define SW_STORE_INTEL_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_indicator_rec {
    const char *type;            /* "domain-name", "ipv4-addr", "ipv6-addr", "url" */
    const char *value, *source;  /* value in normal form (detect/intel.h) */
    const char *name, *description, *stix_id;   /* NULL: none */
    int64_t valid_from, valid_until;            /* 0: unbounded */
    int64_t first_imported, last_imported;      /* read back only */
} store_indicator_rec;

typedef struct store_intel_import store_intel_import;

/* Opens the import's transaction: nothing is visible until commit, and an
 * abort leaves the store as it was. */
store_intel_import *store_intel_import_begin(store *s, sw_error *err);
/* Adds one indicator (type, value, source unique): *added true when it was
 * new, false when an earlier import had it (its name, description and
 * validity are updated). */
sw_code store_intel_import_add(store_intel_import *im, const store_indicator_rec *r, int64_t now, bool *added,
                               sw_error *err);
/* Both end the import and free it. */
sw_code store_intel_import_commit(store_intel_import *im, sw_error *err);
void store_intel_import_abort(store_intel_import *im);

sw_code store_intel_count(store *s, int64_t *out, sw_error *err);
typedef int (*store_indicator_fn)(void *ctx, const store_indicator_rec *r);
/* Ordered by source, type, value; `source` NULL for all. */
sw_code store_intel_each(store *s, const char *source, store_indicator_fn fn, void *ctx, sw_error *err);
/* Deletes the indicators of one source (NULL: all); *removed counts them. */
sw_code store_intel_clear(store *s, const char *source, int64_t *removed, sw_error *err);

#endif
