/* app_pool.c - size-class pools for parser state. One region is reserved
 * at creation; a class takes 64 KiB slabs of it on demand and keeps freed
 * blocks on an intrusive free list, so allocation is a pop or a bump and
 * never calls malloc on the packet path. */
#include "net/app_pool.h"
#include <stdlib.h>
#include <string.h>

typedef struct free_block { struct free_block *next; } free_block;

typedef struct size_class {
    free_block *free;
    uint8_t *cur, *end;          /* the unused tail of the class's current slab */
} size_class;

struct app_pool {
    uint8_t *region;
    size_t memcap, used;         /* used: region bytes given to classes */
    uint32_t max_states;
    size_class cls[APP_POOL_CLASSES];
    app_pool_stats stats;
};

static int class_of(size_t size)
{
    size_t c = APP_POOL_MIN_CLASS;
    for (int i = 0; i < APP_POOL_CLASSES; i++, c <<= 1)
        if (size <= c) return i;
    return -1;
}

size_t app_pool_class_size(size_t size)
{
    int k = class_of(size ? size : 1);
    return k < 0 ? 0 : (size_t)APP_POOL_MIN_CLASS << k;
}

app_pool *app_pool_create(size_t memcap, uint32_t max_states)
{
    app_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->memcap = memcap;
    p->max_states = max_states;
    p->stats.memcap = memcap;
    /* calloc of a large block maps fresh zero pages: untouched slabs cost
     * address space only. */
    if (memcap && !(p->region = calloc(1, memcap))) { free(p); return NULL; }
    return p;
}

void app_pool_destroy(app_pool *p)
{
    if (!p) return;
    free(p->region);
    free(p);
}

static void *refused(app_pool *p)
{
    p->stats.exhausted++;
    return NULL;
}

void *app_pool_alloc(app_pool *p, size_t size)
{
    int k = class_of(size ? size : 1);
    if (k < 0) return refused(p);
    if (p->max_states && p->stats.in_use >= p->max_states) return refused(p);
    size_class *c = &p->cls[k];
    size_t bsize = (size_t)APP_POOL_MIN_CLASS << k;
    void *b;
    if (c->free) {
        b = c->free;
        c->free = c->free->next;
    } else {
        if ((size_t)(c->end - c->cur) < bsize) {
            size_t slab = bsize > APP_POOL_SLAB ? bsize : APP_POOL_SLAB;
            if (p->memcap - p->used < slab) return refused(p);
            c->cur = p->region + p->used;
            c->end = c->cur + slab;
            p->used += slab;
            p->stats.carved = p->used;
        }
        b = c->cur;
        c->cur += bsize;
    }
    /* Only the bytes the parser asked for: a freed block's tail is never read. */
    memset(b, 0, size ? size : 1);
    p->stats.allocs++;
    p->stats.in_use_class[k]++;
    if (++p->stats.in_use > p->stats.peak) p->stats.peak = p->stats.in_use;
    return b;
}

void app_pool_free(app_pool *p, void *block, size_t size)
{
    if (!block) return;
    int k = class_of(size ? size : 1);
    if (k < 0) return;
    free_block *f = block;
    f->next = p->cls[k].free;
    p->cls[k].free = f;
    p->stats.in_use--;
    p->stats.in_use_class[k]--;
}

const app_pool_stats *app_pool_get_stats(const app_pool *p) { return &p->stats; }
