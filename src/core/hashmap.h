/* hashmap.h - string-keyed open-addressing hash map (keys are not copied;
 * they must outlive the map, which suits arena-owned model ids). */
#ifndef SW_HASHMAP_H
#define SW_HASHMAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hashmap_slot {
    const char *key;
    void *value;
    uint64_t hash;
} hashmap_slot;

typedef struct hashmap {
    hashmap_slot *slots;
    size_t cap, len;   /* cap is a power of two */
} hashmap;

void  hashmap_init(hashmap *m);
void  hashmap_free(hashmap *m);
/* Inserts or replaces; returns false only when out of memory. */
bool  hashmap_put(hashmap *m, const char *key, void *value);
void *hashmap_get(const hashmap *m, const char *key);
bool  hashmap_has(const hashmap *m, const char *key);
uint64_t hash_bytes(const void *data, size_t len);   /* FNV-1a, 64-bit */

#endif
