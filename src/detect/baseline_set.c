/* baseline_set.c - the baseline as a fixed open-addressing set of 64-bit
 * fingerprints: membership only, no strings kept, so a million items cost
 * 16 MB and a lookup is one hash and a short probe, never an allocation. */
#include <stdlib.h>
#include <string.h>
#include "detect/baseline.h"
#include "detect/detect_internal.h"

struct detect_baseline {
    uint64_t *slots;             /* 0: empty */
    uint32_t mask;
    size_t n, capacity;
};

enum { FP_TALKER = 'T', FP_SERVICE = 'S', FP_FUNCTION = 'F' };

/* Streams fields into one hash; strings end with their NUL so that
 * ("ab","c") and ("a","bc") differ. */
typedef struct fp { uint64_t h; } fp;

static void fp_bytes(fp *f, const void *p, size_t n) { f->h = detect_hash_bytes(p, n, f->h); }
static void fp_str(fp *f, const char *s) { fp_bytes(f, s ? s : "", s ? strlen(s) + 1 : 1); }

static uint64_t fp_done(const fp *f) { return f->h ? f->h : 1; }

static uint64_t talker_fp(const detect_talker *t, int kind)
{
    uint8_t head[2] = { (uint8_t)kind, t->asset_is_server };
    fp f = { 0x6a11 };
    fp_bytes(&f, head, sizeof head);
    fp_str(&f, t->asset_id);
    fp_str(&f, t->service);
    if (kind == FP_TALKER) fp_bytes(&f, t->peer.b, sizeof t->peer.b);
    return fp_done(&f);
}

static uint64_t function_fp(const detect_function *fn)
{
    uint8_t head = FP_FUNCTION;
    int32_t codes[2] = { fn->function, fn->subfunction };
    fp f = { 0xf00d };
    fp_bytes(&f, &head, 1);
    fp_str(&f, fn->asset_id);
    fp_str(&f, fn->protocol);
    fp_bytes(&f, codes, sizeof codes);
    return fp_done(&f);
}

detect_baseline *detect_baseline_create(uint32_t capacity)
{
    if (capacity < 16) capacity = 16;
    detect_baseline *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    /* At most half full: probes stay short. */
    uint64_t slots = 32;
    while (slots < (uint64_t)capacity * 2) slots <<= 1;
    b->slots = calloc((size_t)slots, sizeof *b->slots);
    if (!b->slots) { free(b); return NULL; }
    b->mask = (uint32_t)(slots - 1);
    b->capacity = capacity;
    return b;
}

void detect_baseline_destroy(detect_baseline *b)
{
    if (!b) return;
    free(b->slots);
    free(b);
}

static bool set_has(const detect_baseline *b, uint64_t k)
{
    for (uint32_t i = (uint32_t)k & b->mask;; i = (i + 1) & b->mask) {
        if (b->slots[i] == k) return true;
        if (b->slots[i] == 0) return false;
    }
}

static bool set_add(detect_baseline *b, uint64_t k)
{
    uint32_t i = (uint32_t)k & b->mask;
    for (; b->slots[i]; i = (i + 1) & b->mask)
        if (b->slots[i] == k) return true;
    if (b->n >= b->capacity) return false;
    b->slots[i] = k;
    b->n++;
    return true;
}

bool detect_baseline_add_talker(detect_baseline *b, const detect_talker *t)
{
    uint64_t peer = talker_fp(t, FP_TALKER), service = talker_fp(t, FP_SERVICE);
    /* Both or neither: a talker whose service is missing would alert as new. */
    size_t need = (size_t)!set_has(b, peer) + (size_t)!set_has(b, service);
    if (b->n + need > b->capacity) return false;
    return set_add(b, peer) && set_add(b, service);
}

bool detect_baseline_add_function(detect_baseline *b, const detect_function *f)
{
    return set_add(b, function_fp(f));
}

bool detect_baseline_has_talker(const detect_baseline *b, const detect_talker *t)
{
    return set_has(b, talker_fp(t, FP_TALKER));
}

bool detect_baseline_has_service(const detect_baseline *b, const char *asset_id, bool asset_is_server,
                                 const char *service)
{
    detect_talker t;
    memset(&t, 0, sizeof t);
    t.asset_id = asset_id;
    t.asset_is_server = asset_is_server;
    t.service = service;
    return set_has(b, talker_fp(&t, FP_SERVICE));
}

bool detect_baseline_has_function(const detect_baseline *b, const detect_function *f)
{
    return set_has(b, function_fp(f));
}

size_t detect_baseline_size(const detect_baseline *b) { return b->n; }
size_t detect_baseline_capacity(const detect_baseline *b) { return b->capacity; }
size_t detect_baseline_memory(const detect_baseline *b) { return sizeof *b + ((size_t)b->mask + 1) * sizeof *b->slots; }
