/* vuln_match.h - which vulnerability records apply to which assets: CPE 2.3
 * name matching (NISTIR 7696: ANY, NA, wildcards in the criteria), version
 * ranges, AND/OR/negated configuration trees, and vendor/product names
 * when a record has no CPE. An index by (vendor, product) keeps matching
 * near-linear: each asset meets only the records that name its products.
 * Pure: no I/O. */
#ifndef SW_VULN_MATCH_H
#define SW_VULN_MATCH_H
#include <stddef.h>
#include <stdint.h>
#include "analysis/vuln_record.h"
#include "core/error.h"

/* What the matcher needs of an asset. cpes[0] is the asset's main CPE
 * (its `cpe`), the others what it also runs (`cpes`: hardware, modules);
 * when cpes[0]'s version is "*", `version` stands in for it. */
typedef struct vuln_asset_view {
    const char *vendor, *product, *version;
    const char *const *cpes;
    size_t n_cpes;
    bool no_main_cpe;              /* the asset has no `cpe`: cpes[] are all additional */
} vuln_asset_view;

/* One CPE criterion (with its range) against one asset CPE name. */
vuln_verdict vuln_cpe_match(const char *criteria, const vuln_range *range, const char *asset_cpe);

/* Whether a record applies to an asset: the best of its configurations,
 * and only when some vulnerable criterion (not merely a platform) matched. */
vuln_verdict vuln_record_applies(const vuln_record *r, const vuln_asset_view *a);

typedef struct vuln_index vuln_index;
typedef struct vuln_hit { uint32_t record; vuln_verdict verdict; } vuln_hit;

/* Indexes records (which must outlive the index). NULL when out of memory. */
vuln_index *vuln_index_build(const vuln_record *records, size_t n, sw_error *err);
void vuln_index_free(vuln_index *ix);
/* The records that apply to the asset (VM_YES or VM_POSSIBLE), each once,
 * into *hits (grown as needed); returns how many, or (size_t)-1 when out
 * of memory. Not thread-safe: the index keeps a scratch stamp per record. */
size_t vuln_index_match(vuln_index *ix, const vuln_asset_view *a, vuln_hit **hits, size_t *cap);
/* Records the index could not key by vendor (a wildcard vendor): they are
 * tried against every asset. A wildcard product is keyed by its vendor. */
size_t vuln_index_unkeyed(const vuln_index *ix);

#endif
