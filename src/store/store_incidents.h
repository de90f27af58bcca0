/* store_incidents.h - incidents, their timeline rows, tasks and evidence.
 * The store keeps rows; the hash chain over the timeline is computed by
 * src/ir (the store never decides what a hash is). */
#ifndef SW_STORE_INCIDENTS_H
#define SW_STORE_INCIDENTS_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_incident_rec {
    int64_t id;
    const char *title, *severity, *state, *playbook, *candidate, *assets;
    int64_t detected_at, opened_at, entries;
    const char *head;
} store_incident_rec;

/* Inserts with rec->id ignored; *id is the new one. */
sw_code store_incident_insert(store *s, const store_incident_rec *rec, int64_t *id, sw_error *err);
typedef int (*store_incident_fn)(void *ctx, const store_incident_rec *r);
/* Calls fn once when the incident exists; *found says whether it did. */
sw_code store_incident_get(store *s, int64_t id, store_incident_fn fn, void *ctx, bool *found, sw_error *err);
/* Newest first. */
sw_code store_incident_list(store *s, store_incident_fn fn, void *ctx, sw_error *err);
sw_code store_incident_set_state(store *s, int64_t id, const char *state, sw_error *err);
sw_code store_incident_set_head(store *s, int64_t id, int64_t entries, const char *head, sw_error *err);

typedef struct store_timeline_rec {
    int64_t incident, seq, ts;
    const char *kind, *actor, *body, *prev_hash, *hash;
} store_timeline_rec;
sw_code store_timeline_insert(store *s, const store_timeline_rec *r, sw_error *err);
typedef int (*store_timeline_fn)(void *ctx, const store_timeline_rec *r);
/* In seq order. */
sw_code store_timeline_list(store *s, int64_t incident, store_timeline_fn fn, void *ctx, sw_error *err);

typedef struct store_task_rec {
    int64_t incident, n;
    const char *phase, *text, *role, *assignee, *decision, *duty, *done_by;
    int64_t done_at;                 /* 0 when open */
} store_task_rec;
sw_code store_task_insert(store *s, const store_task_rec *t, sw_error *err);
typedef int (*store_task_fn)(void *ctx, const store_task_rec *t);
sw_code store_task_list(store *s, int64_t incident, store_task_fn fn, void *ctx, sw_error *err);
/* Marks task n done; *changed is false when there is no such open task. */
sw_code store_task_done(store *s, int64_t incident, int64_t n, const char *by, int64_t at, bool *changed, sw_error *err);

typedef struct store_evidence_rec {
    int64_t incident;
    const char *sha256, *name, *path, *added_by;
    int64_t size, added_at;
} store_evidence_rec;
/* *added is false when the incident already holds a file with this hash. */
sw_code store_evidence_insert(store *s, const store_evidence_rec *e, bool *added, sw_error *err);
typedef int (*store_evidence_fn)(void *ctx, const store_evidence_rec *e);
sw_code store_evidence_list(store *s, int64_t incident, store_evidence_fn fn, void *ctx, sw_error *err);

#endif
