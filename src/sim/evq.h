/* evq.h - the simulator's timeline: a binary min-heap of pending events
 * ordered by (time, insertion number), so packets leave in timestamp order
 * and ties break the same way on every run. */
#ifndef SW_SIM_EVQ_H
#define SW_SIM_EVQ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/timeutil.h"

typedef struct sim_event {
    sw_time_us t;
    uint64_t order;        /* insertion number: the tie-break */
    void *obj;
    int kind;
} sim_event;

typedef struct sim_evq {
    sim_event *heap;
    size_t len, cap;
    uint64_t next_order;
} sim_evq;

void evq_init(sim_evq *q);
void evq_free(sim_evq *q);
/* False only when out of memory. */
bool evq_push(sim_evq *q, sw_time_us t, int kind, void *obj);
/* Removes the earliest event into *out; false when empty. */
bool evq_pop(sim_evq *q, sim_event *out);
static inline size_t evq_len(const sim_evq *q) { return q->len; }

#endif
