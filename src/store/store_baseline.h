/* store_baseline.h - the learned OT baseline in the store: talkers (peer,
 * role, service) and ICS functions per asset, written in bounded batches by
 * `seawall sense --learn`, read back to build the detector's set, listed
 * and cleared by `seawall baseline`. */
#ifndef SW_STORE_BASELINE_H
#define SW_STORE_BASELINE_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_talker_rec {
    const char *asset_id, *peer_ip;
    bool asset_is_server;            /* role 'server': the peer opened the flow */
    const char *service;
    int64_t first_seen, last_seen;
} store_talker_rec;

typedef struct store_function_rec {
    const char *asset_id, *protocol;
    int function, subfunction;       /* -1: none */
    const char *function_name;       /* NULL: unnamed */
    int64_t first_seen, last_seen;
} store_function_rec;

#define STORE_BASELINE_BATCH 1024

typedef struct store_baseline_writer store_baseline_writer;

/* Records are copied and written STORE_BASELINE_BATCH at a time, one
 * transaction each; a record already stored only widens its first/last seen. */
store_baseline_writer *store_baseline_writer_open(store *s, sw_error *err);
sw_code store_baseline_add_talker(store_baseline_writer *w, const store_talker_rec *r, sw_error *err);
sw_code store_baseline_add_function(store_baseline_writer *w, const store_function_rec *r, sw_error *err);
sw_code store_baseline_flush(store_baseline_writer *w, sw_error *err);
/* Drops what is not flushed. */
void store_baseline_writer_close(store_baseline_writer *w);

typedef struct store_baseline_counts {
    int64_t talkers, functions, assets;
} store_baseline_counts;
sw_code store_baseline_count(store *s, store_baseline_counts *out, sw_error *err);

/* Rows one at a time (strings live during the call; a callback returns
 * non-zero to stop), talkers then functions, ordered by asset; `asset`
 * NULL for all. Either callback may be NULL. */
typedef int (*store_talker_fn)(void *ctx, const store_talker_rec *r);
typedef int (*store_function_fn)(void *ctx, const store_function_rec *r);
sw_code store_baseline_each(store *s, const char *asset, store_talker_fn tf, store_function_fn ff, void *ctx,
                            sw_error *err);

/* Deletes the baseline of one asset (NULL: all); *removed counts rows. */
sw_code store_baseline_clear(store *s, const char *asset, int64_t *removed, sw_error *err);

#endif
