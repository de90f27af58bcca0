/* store_compliance.h - compliance assessments in the store: the current
 * status of each requirement (per zone where zoned), the audit trail of
 * changes, recorded snapshots for the trend, and how much the sensors have
 * stored in a time window (so live checks can tell "clean" from "blind"). */
#ifndef SW_STORE_COMPLIANCE_H
#define SW_STORE_COMPLIANCE_H
#include <stdint.h>
#include "store/store.h"

typedef struct store_comp_status {
    const char *framework, *requirement;
    const char *zone;             /* "" or NULL: not zoned */
    const char *status;           /* met, partial, not-met, not-applicable */
    const char *owner, *due, *evidence;   /* NULL when absent; due is YYYY-MM-DD */
    int64_t updated_at;
} store_comp_status;
typedef int (*store_comp_status_fn)(void *ctx, const store_comp_status *row);

/* Upserts one status and appends it to the change log, stamped now and
 * tagged with source ("set", "import"). Call inside a transaction to make
 * several writes atomic; SW_ERR_DB names the failing row's requirement. */
sw_code store_comp_set(store *s, const store_comp_status *st, const char *source, int64_t now_us, sw_error *err);

/* Statuses of one framework (NULL: all), one zone (NULL: any), ordered by
 * framework, zone, requirement. */
sw_code store_comp_list(store *s, const char *framework, const char *zone, store_comp_status_fn fn, void *ctx,
                        sw_error *err);

typedef struct store_comp_snapshot {
    const char *framework, *zone;
    int64_t taken_at;
    int64_t applicable, met, partial, not_met, not_applicable, unassessed;
} store_comp_snapshot;
typedef int (*store_comp_snapshot_fn)(void *ctx, const store_comp_snapshot *row);

sw_code store_comp_snapshot_add(store *s, const store_comp_snapshot *snap, sw_error *err);
/* Oldest first. */
sw_code store_comp_snapshots(store *s, const char *framework, const char *zone, store_comp_snapshot_fn fn, void *ctx,
                             sw_error *err);

/* Flow summaries stored for hours starting at or after since (microseconds),
 * those with an end in `zone` when it is not NULL, and the newest stored
 * observation time anywhere (flow hour or alert), 0 when none. */
sw_code store_comp_observed(store *s, int64_t since, const char *zone, int64_t *flows, int64_t *newest, sw_error *err);

#endif
