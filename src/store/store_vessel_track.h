/* store_vessel_track.h - vessel tracks: dated positions written in batches
 * by the AIS sensor, trimmed to the configured retention in the same
 * transaction, and read back for one vessel, oldest first. */
#ifndef SW_STORE_VESSEL_TRACK_H
#define SW_STORE_VESSEL_TRACK_H
#include <stdint.h>
#include "store/store.h"

typedef struct store_track_point {
    int64_t mmsi, ts;            /* ts in microseconds */
    double lat, lon;
    double sog_kn, cog_deg;      /* < 0: not available */
    int64_t line;
} store_track_point;

/* How much track the store keeps: the table stays bounded however long the
 * sensor runs (the AIS sensor's --track-keep and --track-points). */
typedef struct store_track_keep {
    int64_t newest_us;           /* feed time now: the newest point the writer has seen */
    int64_t max_age_us;          /* points older than newest_us - max_age_us go, every vessel's; 0: no age bound */
    int64_t max_points;          /* the newest this many of each vessel stay; 0: no count bound */
} store_track_keep;

/* n points in one transaction (call outside any); a point already stored
 * (same vessel and time) is kept as it was. With keep, the same
 * transaction then deletes what falls outside it: by age across all
 * vessels, by count for the vessels in this batch (only they can have
 * grown). *deleted (may be NULL) gets the points removed. */
sw_code store_put_track(store *s, const store_track_point *pts, size_t n, const store_track_keep *keep,
                        uint64_t *deleted, sw_error *err);

typedef int (*store_track_fn)(void *ctx, const store_track_point *p);
/* The newest `limit` points of the vessel at or after `since` (0: any),
 * oldest first. */
sw_code store_vessel_track(store *s, int64_t mmsi, int64_t since, int64_t limit, store_track_fn fn, void *ctx,
                           sw_error *err);

#endif
