/* store_vessel_track.h - vessel tracks: dated positions written in batches
 * by the AIS sensor and read back for one vessel, oldest first. */
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

/* n points in one transaction (call outside any); a point already stored
 * (same vessel and time) is kept as it was. */
sw_code store_put_track(store *s, const store_track_point *pts, size_t n, sw_error *err);

typedef int (*store_track_fn)(void *ctx, const store_track_point *p);
/* The newest `limit` points of the vessel at or after `since` (0: any),
 * oldest first. */
sw_code store_vessel_track(store *s, int64_t mmsi, int64_t since, int64_t limit, store_track_fn fn, void *ctx,
                           sw_error *err);

#endif
