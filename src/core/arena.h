/* arena.h - region allocator: many small allocations, one free.
 * Used for the port model and per-run scratch so that parsers never
 * free piecemeal and never leak on an error path. */
#ifndef SW_ARENA_H
#define SW_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    size_t block_size;   /* default size of a new block */
    size_t total;        /* bytes handed out, for limits and stats */
    size_t limit;        /* 0 = unlimited; allocation fails past it */
} arena;

void  arena_init(arena *a, size_t block_size);
void *arena_alloc(arena *a, size_t size);            /* zeroed, 16-aligned; NULL on failure */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
void *arena_memdup(arena *a, const void *p, size_t n);
void  arena_reset(arena *a);                          /* keep the first block, drop the rest */
void  arena_free(arena *a);

#endif
