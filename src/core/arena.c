/* arena.c - region allocator (see arena.h). */
#include "core/arena.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

void arena_init(arena *a, size_t block_size)
{
    memset(a, 0, sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
}

void *arena_alloc(arena *a, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0) size = 16;
    if (a->limit && a->total + size > a->limit) return NULL;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > a->block_size ? size : a->block_size;
        if (cap > SIZE_MAX - sizeof *b) return NULL;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->cap = cap;
        b->used = 0;
        /* An oversized block goes behind the head so the head keeps its free room. */
        if (a->head && cap == size && a->head->cap - a->head->used > 0) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_memdup(arena *a, const void *p, size_t n)
{
    void *d = arena_alloc(a, n);
    if (d && n) memcpy(d, p, n);
    return d;
}

void arena_reset(arena *a)
{
    /* Keep only the oldest block (the tail): it is normally block_size. */
    arena_block *b = a->head, *keep = NULL;
    while (b) {
        arena_block *next = b->next;
        if (next) free(b); else keep = b;
        b = next;
    }
    if (keep) { keep->used = 0; keep->next = NULL; }
    a->head = keep;
    a->total = 0;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) { arena_block *n = b->next; free(b); b = n; }
    a->head = NULL;
    a->total = 0;
}
