/* store_incident_feed.h - every incident's timeline entries in the order
 * they were written (the append-only table's row id), for live streams:
 * a stream resumes after the last row id it sent. */
#ifndef SW_STORE_INCIDENT_FEED_H
#define SW_STORE_INCIDENT_FEED_H
#include <stdint.h>
#include "store/store.h"

typedef struct store_feed_row {
    int64_t id;                  /* the entry's row id: grows with every append */
    int64_t incident, seq, ts;
    const char *kind, *actor, *body;
    const char *title, *severity, *state;   /* the incident's, now */
} store_feed_row;
typedef int (*store_feed_fn)(void *ctx, const store_feed_row *r);

/* Entries with row id above after_id, oldest first, at most limit. */
sw_code store_incident_feed(store *s, int64_t after_id, int64_t limit, store_feed_fn fn, void *ctx, sw_error *err);
/* The newest entry's row id, 0 with none. */
sw_code store_incident_feed_max(store *s, int64_t *out, sw_error *err);

#endif
