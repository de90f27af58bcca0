/* hashmap.c - open addressing with linear probing (see hashmap.h). */
#include "core/hashmap.h"
#include <stdlib.h>
#include <string.h>

uint64_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) { h ^= p[i]; h *= 0x100000001b3ull; }
    return h;
}

void hashmap_init(hashmap *m) { memset(m, 0, sizeof *m); }
void hashmap_free(hashmap *m) { free(m->slots); hashmap_init(m); }

static hashmap_slot *hashmap_find(const hashmap *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        hashmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0)) return s;
    }
}

static bool hashmap_grow(hashmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    hashmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) return false;
    hashmap old = *m;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key) *hashmap_find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    free(old.slots);
    return true;
}

bool hashmap_put(hashmap *m, const char *key, void *value)
{
    if ((m->len + 1) * 4 > m->cap * 3 && !hashmap_grow(m)) return false;
    uint64_t h = hash_bytes(key, strlen(key));
    hashmap_slot *s = hashmap_find(m, key, h);
    if (!s->key) { s->key = key; s->hash = h; m->len++; }
    s->value = value;
    return true;
}

void *hashmap_get(const hashmap *m, const char *key)
{
    if (!m->cap) return NULL;
    hashmap_slot *s = hashmap_find(m, key, hash_bytes(key, strlen(key)));
    return s->key ? s->value : NULL;
}

bool hashmap_has(const hashmap *m, const char *key)
{
    if (!m->cap) return false;
    return hashmap_find(m, key, hash_bytes(key, strlen(key)))->key != NULL;
}
