/* evq.c - binary min-heap of simulator events (see evq.h). */
#include "sim/evq.h"
#include <stdlib.h>
#include <string.h>

void evq_init(sim_evq *q) { memset(q, 0, sizeof *q); }

void evq_free(sim_evq *q)
{
    free(q->heap);
    memset(q, 0, sizeof *q);
}

static inline bool earlier(const sim_event *a, const sim_event *b)
{
    return a->t < b->t || (a->t == b->t && a->order < b->order);
}

bool evq_push(sim_evq *q, sw_time_us t, int kind, void *obj)
{
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 1024;
        sim_event *h = realloc(q->heap, cap * sizeof *h);
        if (!h) return false;
        q->heap = h;
        q->cap = cap;
    }
    sim_event e = { t, q->next_order++, obj, kind };
    size_t i = q->len++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!earlier(&e, &q->heap[parent])) break;
        q->heap[i] = q->heap[parent];
        i = parent;
    }
    q->heap[i] = e;
    return true;
}

bool evq_pop(sim_evq *q, sim_event *out)
{
    if (!q->len) return false;
    *out = q->heap[0];
    sim_event last = q->heap[--q->len];
    size_t i = 0, n = q->len;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && earlier(&q->heap[c + 1], &q->heap[c])) c++;
        if (!earlier(&q->heap[c], &last)) break;
        q->heap[i] = q->heap[c];
        i = c;
    }
    if (n) q->heap[i] = last;
    return true;
}
