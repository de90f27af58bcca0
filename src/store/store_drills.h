/* store_drills.h - stored incident-response drills and their scores
 * (schema in migrations/0012_drills.c). */
#ifndef SW_STORE_DRILLS_H
#define SW_STORE_DRILLS_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_drill_rec {
    int64_t id;
    const char *scenario, *playbook;
    int64_t held_at, sim_start;
    int64_t detect_us;               /* -1: never detected */
    double points;
    int64_t scored, missed;
    const char *result;              /* JSON object */
    const char *kind;                /* "drill" or "exercise": the result's "kind" (read only) */
} store_drill_rec;

/* rec->id is ignored; *id is the new one. */
sw_code store_drill_insert(store *s, const store_drill_rec *rec, int64_t *id, sw_error *err);
typedef int (*store_drill_fn)(void *ctx, const store_drill_rec *r);
/* Newest first. */
sw_code store_drill_list(store *s, store_drill_fn fn, void *ctx, sw_error *err);
sw_code store_drill_get(store *s, int64_t id, store_drill_fn fn, void *ctx, bool *found, sw_error *err);
/* Drills held in [from, to) (wall-clock held_at), oldest first; *have_table
 * is false on a store older than schema 12, which is not an error. */
sw_code store_drill_held(store *s, int64_t from, int64_t to, store_drill_fn fn, void *ctx, bool *have_table, sw_error *err);

#endif
