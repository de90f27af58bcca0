/* store_out.h - `seawall sense --store`: observations and alerts into the
 * database through the store's batched writer. Hosts and ICS operations
 * are first summed in fixed tables (flushed when full and at the end), so
 * the per-packet cost is one table update and memory stays bounded. */
#ifndef SW_SENSE_STORE_OUT_H
#define SW_SENSE_STORE_OUT_H
#include <stddef.h>
#include "detect/detect.h"
#include "model/model.h"
#include "net/observe.h"
#include "sense/alerts_out.h"
#include "store/store_observe.h"

#define SENSE_STORE_HOSTS 4096       /* distinct (ip, mac) summed before a flush */
#define SENSE_STORE_ICS 4096         /* distinct (pair, protocol, function, hour) */

typedef struct sense_store sense_store;

/* `m` names zones (it must outlive the consumer); `alerts` counts the
 * alerts and, with --eve, writes them: sense_store_alert forwards to it and
 * uses its input table to rebase evidence frames exactly as --eve does.
 * batch 0: the store's default. NULL when out of memory or a statement
 * cannot be prepared (err says which). */
sense_store *sense_store_create(store *db, const port_model *m, sense_alerts *alerts, size_t batch, sw_error *err);
obs_sink sense_store_sink(sense_store *s);
/* detect_alert_fn: counts and --eve through sense_alerts_emit, then stores. */
void sense_store_alert(void *user, const detect_alert *a);
/* Calls fn with the input's clock each time it passes a multiple of
 * every_us (and at the first packet), after committing the alerts the
 * writer holds: the live correlation refresh. The clock is packet time, or
 * alert time (on_alerts) for runs without a capture. every_us 0: never. */
typedef void (*sense_store_tick_fn)(void *user, int64_t now);
void sense_store_set_tick(sense_store *s, int64_t every_us, bool on_alerts, sense_store_tick_fn fn, void *user);
/* Writes what the tables and the writer hold. Returns the first error the
 * run met (later records are dropped after one). */
sw_code sense_store_finish(sense_store *s, sw_error *err);
const store_obs_stats *sense_store_stats(const sense_store *s);
void sense_store_destroy(sense_store *s);

#endif
