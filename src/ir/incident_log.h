/* incident_log.h - appending to an incident's hash-chained timeline and
 * verifying it, on top of the store. Call append inside a transaction. */
#ifndef SW_IR_INCIDENT_LOG_H
#define SW_IR_INCIDENT_LOG_H
#include "core/timeutil.h"
#include "ir/chain.h"
#include "store/store.h"

/* Appends (kind, actor, body) at ts as the incident's next entry and moves
 * its head. body must be a JSON object. */
sw_code ir_log_append(store *s, int64_t incident, sw_time_us ts, const char *kind, const char *actor, const char *body,
                      sw_error *err);

/* Recomputes the chain; *walk says where it broke (walk->broken). */
sw_code ir_log_verify(store *s, int64_t incident, ir_chain_walk *walk, int64_t *entries, bool *found, sw_error *err);

#endif
