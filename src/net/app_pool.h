/* app_pool.h - per-flow parser state in size classes (64 B, 128 B, ...),
 * carved from one region reserved at start, so a flow costs what its own
 * parser needs, not what the largest parser needs, and memory is bounded. */
#ifndef SW_NET_APP_POOL_H
#define SW_NET_APP_POOL_H
#include <stddef.h>
#include <stdint.h>

#define APP_POOL_MIN_CLASS 64            /* bytes: the smallest state block */
#define APP_POOL_CLASSES 12              /* 64 B .. 128 KiB */
#define APP_POOL_SLAB (64u << 10)        /* a class takes region memory this much at a time */
#define APP_POOL_DEFAULT_MEMCAP (256u << 20)

typedef struct app_pool_stats {
    size_t memcap;               /* the region: the bound */
    size_t carved;               /* region bytes handed to size classes so far */
    uint64_t allocs, exhausted;  /* exhausted: refused (region used up, or state cap) */
    uint32_t in_use, peak;       /* states held now, and at most */
    uint32_t in_use_class[APP_POOL_CLASSES];
} app_pool_stats;

typedef struct app_pool app_pool;

/* `memcap` bytes reserved (pages are committed only as they are used);
 * `max_states` caps the states held at once (0: no cap but memory). NULL
 * when the region cannot be reserved. */
app_pool *app_pool_create(size_t memcap, uint32_t max_states);
void app_pool_destroy(app_pool *p);
/* A zeroed block of at least `size` bytes, 16-byte aligned; NULL when the
 * region and the class's free list are both exhausted (counted). */
void *app_pool_alloc(app_pool *p, size_t size);
/* Gives back a block from app_pool_alloc with the same `size`. */
void app_pool_free(app_pool *p, void *block, size_t size);
const app_pool_stats *app_pool_get_stats(const app_pool *p);
/* The class block size for a state of `size` bytes; 0 when none fits. */
size_t app_pool_class_size(size_t size);

#endif
