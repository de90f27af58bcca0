/* store_vessels.h - AIS vessels in the store: batched upserts of tracked
 * vessels (counters accumulate, state takes the newest, integrity status
 * only worsens) and the `seawall vessels` listing. */
#ifndef SW_STORE_VESSELS_H
#define SW_STORE_VESSELS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

#define STORE_NO_TIME INT64_MIN
#define STORE_VESSEL_MAX_CHECKS 16

typedef struct store_vessel_rec {
    int64_t mmsi;
    const char *station, *cls, *flag;           /* flag NULL: unallocated MID */
    const char *name, *callsign, *destination, *eta;   /* NULL or "": unknown */
    int64_t imo, shiptype, length_m, beam_m;    /* 0: unknown */
    double draught_m;                           /* 0: unknown */
    bool has_pos;
    double lat, lon;
    double sog_kn, cog_deg;                     /* < 0: not available */
    int heading, nav_status;                    /* -1: not available */
    int64_t first_seen, last_seen;              /* microseconds; STORE_NO_TIME */
    int64_t first_line, last_line;
    int64_t messages, positions, alerts;        /* added to what the row holds */
    const char *status;                         /* ok, suspect, alert */
    const char *checks[STORE_VESSEL_MAX_CHECKS];
    size_t n_checks;
} store_vessel_rec;

/* Writes n records in one transaction (call outside any); nothing changes on failure. */
sw_code store_put_vessels(store *s, const store_vessel_rec *recs, size_t n, sw_error *err);

typedef struct store_vessel_filter {
    const char *status;          /* ok, suspect, alert; NULL any */
    const char *check;           /* only vessels this check fired for; NULL any */
} store_vessel_filter;

typedef struct store_vessel_row {
    int64_t mmsi;
    const char *station, *cls, *flag, *name, *callsign, *destination;
    int64_t imo, shiptype, length_m, beam_m;   /* 0: unknown */
    bool has_pos;
    double lat, lon, sog_kn, cog_deg;          /* sog/cog < 0: unknown */
    int64_t first_seen, last_seen;             /* STORE_NO_TIME: unknown */
    int64_t messages, positions, alerts;
    const char *status;
    const char *checks;          /* comma-separated check ids, "" none */
} store_vessel_row;
typedef int (*store_vessel_fn)(void *ctx, const store_vessel_row *row);
/* Worst status first, then most recently seen, then MMSI. */
sw_code store_list_vessels(store *s, const store_vessel_filter *f, store_vessel_fn fn, void *ctx, sw_error *err);

#endif
