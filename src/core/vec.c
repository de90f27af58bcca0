/* vec.c - growth for VEC(T) arrays (see vec.h). */
#include "core/vec.h"
#include <stdint.h>

int vec_grow_(void **items, size_t *cap, size_t need, size_t item_size)
{
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / item_size) return -1;
        c *= 2;
    }
    void *p = realloc(*items, c * item_size);
    if (!p) return -1;
    *items = p;
    *cap = c;
    return 0;
}
