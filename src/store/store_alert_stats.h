/* store_alert_stats.h - counts over the stored alerts for dashboards: per
 * severity for one asset, the newest alert's time, and counts per time
 * bucket, dataset and rule, so the caller bins them without reading rows. */
#ifndef SW_STORE_ALERT_STATS_H
#define SW_STORE_ALERT_STATS_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

/* Alerts naming the asset as source or destination, by severity
 * (low, medium, high, critical). */
sw_code store_alert_severity_counts(store *s, const char *asset, int64_t counts[4], sw_error *err);

/* The newest alert's @timestamp (microseconds); *found false with no alerts. */
sw_code store_alert_newest_ts(store *s, int64_t *ts, bool *found, sw_error *err);

/* One group of alerts in [start, end): bucket = (ts - start) / width.
 * rule_id: the rule, or when start and width are whole five minutes (read
 * from the alert_slots summary) only its prefix that names a domain:
 * "SW-AIS-", "SW-PHYS-" or "". */
typedef struct store_alert_bucket_row {
    int64_t bucket;
    const char *dataset, *rule_id;
    int64_t count;
} store_alert_bucket_row;
typedef int (*store_alert_bucket_fn)(void *ctx, const store_alert_bucket_row *row);
/* Groups by bucket, dataset and rule: at most buckets x rules rows,
 * however many alerts there are. width > 0. */
sw_code store_alert_bucket_counts(store *s, int64_t start, int64_t end, int64_t width, store_alert_bucket_fn fn,
                                  void *ctx, sw_error *err);

#endif
