/* store_candidates.h - incident candidates from the correlation engine:
 * replacing them after a run, listing them; and the stored alerts read
 * back one at a time, oldest first, for the engine. */
#ifndef SW_STORE_CANDIDATES_H
#define SW_STORE_CANDIDATES_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_candidate_rec {
    const char *id;
    int64_t first_ts, last_ts;
    int score;
    const char *severity, *domains, *tactics, *assets, *explanation, *doc;
} store_candidate_rec;

/* Inside the caller's transaction (store_begin): drop every candidate, so a
 * run's results replace the last run's. */
sw_code store_candidates_clear(store *s, sw_error *err);
sw_code store_candidate_put(store *s, const store_candidate_rec *c, sw_error *err);
sw_code store_candidate_delete(store *s, const char *id, sw_error *err);

typedef int (*store_candidate_fn)(void *ctx, const store_candidate_rec *c);
/* Highest score first, then oldest first. */
sw_code store_list_candidates(store *s, store_candidate_fn fn, void *ctx, sw_error *err);

/* The path of the port model last loaded (seawall init), malloc'd; NULL
 * when none was. */
sw_code store_last_model_path(store *s, char **out, sw_error *err);

/* Stored alerts, oldest first, as their ECS documents. */
typedef struct store_alert_iter store_alert_iter;
store_alert_iter *store_alert_iter_open(store *s, sw_error *err);
/* Only the alerts with after_id < id <= upto_id, oldest first (by_time) or
 * in the order they were stored (by id): what a live correlator has not
 * read yet. */
store_alert_iter *store_alert_iter_open_ids(store *s, bool by_time, int64_t after_id, int64_t upto_id, sw_error *err);
/* 1 with *id and *ecs set (valid until the next call), 0 at the end, -1 on error. */
int store_alert_iter_next(store_alert_iter *it, int64_t *id, const char **ecs, sw_error *err);
void store_alert_iter_close(store_alert_iter *it);

#endif
