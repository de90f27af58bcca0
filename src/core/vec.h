/* vec.h - growable typed arrays on the heap: VEC(T) declares one,
 * vec_push appends (returns 0, or -1 when out of memory). */
#ifndef SW_VEC_H
#define SW_VEC_H
#include <stddef.h>
#include <stdlib.h>

#define VEC(T) struct { T *items; size_t len, cap; }

int vec_grow_(void **items, size_t *cap, size_t need, size_t item_size);

#define vec_push(v, value) \
    (((v)->len < (v)->cap || vec_grow_((void **)&(v)->items, &(v)->cap, (v)->len + 1, sizeof *(v)->items) == 0) \
        ? ((v)->items[(v)->len++] = (value), 0) : -1)
#define vec_free(v) (free((v)->items), (v)->items = NULL, (v)->len = (v)->cap = 0)
#define vec_foreach(v, it) for (__typeof__((v)->items) it = (v)->items; it && it < (v)->items + (v)->len; ++it)

#endif
