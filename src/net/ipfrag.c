/* ipfrag.c - fragment reassembly, first wins: received bytes are kept and
 * later fragments only fill holes (as BSD). Overlaps are counted, and those
 * with different bytes (Ptacek-Newsham evasion) counted apart. */
#include "net/ipfrag.h"
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct frag_set {
    ipfrag_key key;
    bool used;
    sw_time_us first_ts;
    uint32_t total;              /* payload length once the last fragment arrived, else 0 */
    bool have_last;
    uint32_t received;           /* bytes stored (no double counting) */
    uint32_t hnext;              /* hash chain */
    uint32_t age_prev, age_next; /* oldest-first list */
} frag_set;

struct ipfrag_table {
    ipfrag_config cfg;
    frag_set *sets;
    uint8_t *buf;                /* max_sets * max_datagram */
    uint8_t *mask;               /* one bit per byte received, max_sets * ceil(max_datagram/8) */
    uint32_t *buckets, nbuckets;
    uint32_t free_head, oldest, newest, active;
    ipfrag_stats stats;
};

void ipfrag_config_default(ipfrag_config *cfg)
{
    cfg->max_sets = IPFRAG_DEFAULT_MAX_SETS;
    cfg->max_datagram = IPFRAG_DEFAULT_MAX_DATAGRAM;
    cfg->timeout = IPFRAG_DEFAULT_TIMEOUT;
}

static size_t mask_bytes(const ipfrag_table *t) { return (t->cfg.max_datagram + 7) / 8; }
static uint8_t *set_buf(ipfrag_table *t, uint32_t i) { return t->buf + (size_t)i * t->cfg.max_datagram; }
static uint8_t *set_mask(ipfrag_table *t, uint32_t i) { return t->mask + (size_t)i * mask_bytes(t); }

ipfrag_table *ipfrag_create(const ipfrag_config *cfg)
{
    ipfrag_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->cfg = *cfg;
    if (t->cfg.max_sets == 0) t->cfg.max_sets = 1;
    if (t->cfg.max_datagram == 0) t->cfg.max_datagram = IPFRAG_DEFAULT_MAX_DATAGRAM;
    t->nbuckets = 1;
    while (t->nbuckets < t->cfg.max_sets) t->nbuckets <<= 1;
    t->sets = calloc(t->cfg.max_sets, sizeof *t->sets);
    t->buf = calloc(t->cfg.max_sets, t->cfg.max_datagram);
    t->mask = calloc(t->cfg.max_sets, mask_bytes(t));
    t->buckets = malloc(t->nbuckets * sizeof *t->buckets);
    if (!t->sets || !t->buf || !t->mask || !t->buckets) { ipfrag_destroy(t); return NULL; }
    for (uint32_t i = 0; i < t->nbuckets; i++) t->buckets[i] = NONE;
    for (uint32_t i = 0; i < t->cfg.max_sets; i++) t->sets[i].hnext = i + 1 < t->cfg.max_sets ? i + 1 : NONE;
    t->free_head = 0;
    t->oldest = t->newest = NONE;
    return t;
}

void ipfrag_destroy(ipfrag_table *t)
{
    if (!t) return;
    free(t->sets); free(t->buf); free(t->mask); free(t->buckets);
    free(t);
}

static bool key_eq(const ipfrag_key *a, const ipfrag_key *b)
{
    return a->id == b->id && a->proto == b->proto && a->vlan == b->vlan &&
           memcmp(a->src.b, b->src.b, 16) == 0 && memcmp(a->dst.b, b->dst.b, 16) == 0;
}

static uint32_t key_bucket(const ipfrag_table *t, const ipfrag_key *k)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ k->id ^ ((uint64_t)k->proto << 32) ^ ((uint64_t)k->vlan << 40);
    for (int i = 0; i < 16; i += 4) {
        uint32_t s, d;
        memcpy(&s, k->src.b + i, 4);
        memcpy(&d, k->dst.b + i, 4);
        h = (h ^ s) * 0xff51afd7ed558ccdull;
        h = (h ^ d) * 0xc4ceb9fe1a85ec53ull;
    }
    return (uint32_t)(h ^ h >> 29) & (t->nbuckets - 1);
}

static void set_release(ipfrag_table *t, uint32_t i)
{
    frag_set *s = &t->sets[i];
    uint32_t *pp = &t->buckets[key_bucket(t, &s->key)];
    while (*pp != NONE && *pp != i) pp = &t->sets[*pp].hnext;
    if (*pp == i) *pp = s->hnext;
    if (s->age_prev != NONE) t->sets[s->age_prev].age_next = s->age_next; else t->oldest = s->age_next;
    if (s->age_next != NONE) t->sets[s->age_next].age_prev = s->age_prev; else t->newest = s->age_prev;
    s->used = false;
    s->hnext = t->free_head;
    t->free_head = i;
    t->active--;
}

static uint32_t set_acquire(ipfrag_table *t, const ipfrag_key *key, sw_time_us now, unsigned *flags)
{
    if (t->free_head == NONE) {           /* full: the oldest set makes room */
        set_release(t, t->oldest);
        t->stats.evicted++;
        *flags |= IPFRAG_F_EVICTED;
    }
    uint32_t i = t->free_head;
    frag_set *s = &t->sets[i];
    t->free_head = s->hnext;
    memset(s, 0, sizeof *s);
    s->key = *key;
    s->used = true;
    s->first_ts = now;
    uint32_t b = key_bucket(t, key);
    s->hnext = t->buckets[b];
    t->buckets[b] = i;
    s->age_prev = t->newest;
    s->age_next = NONE;
    if (t->newest != NONE) t->sets[t->newest].age_next = i; else t->oldest = i;
    t->newest = i;
    memset(set_mask(t, i), 0, mask_bytes(t));
    t->active++;
    return i;
}

uint32_t ipfrag_expire(ipfrag_table *t, sw_time_us now)
{
    uint32_t n = 0;
    while (t->oldest != NONE && now - t->sets[t->oldest].first_ts > t->cfg.timeout) {
        set_release(t, t->oldest);
        t->stats.timed_out++;
        n++;
    }
    return n;
}

/* Stores the bytes of [off, off+len) that are not yet present (first wins)
 * and reports overlaps, comparing the bytes that were already there. */
static void set_store(ipfrag_table *t, uint32_t i, uint32_t off, const uint8_t *data, uint32_t len, unsigned *flags)
{
    uint8_t *buf = set_buf(t, i), *mask = set_mask(t, i);
    frag_set *s = &t->sets[i];
    for (uint32_t k = 0; k < len; k++) {
        uint32_t p = off + k;
        uint8_t bit = (uint8_t)(1u << (p & 7));
        if (mask[p >> 3] & bit) {
            *flags |= IPFRAG_F_OVERLAP;
            if (buf[p] != data[k]) *flags |= IPFRAG_F_CONFLICT;
        } else {
            mask[p >> 3] |= bit;
            buf[p] = data[k];
            s->received++;
        }
    }
}

ipfrag_result ipfrag_add(ipfrag_table *t, const ipfrag_key *key, sw_time_us now,
                         uint32_t offset, bool more, const uint8_t *data, uint32_t len,
                         const uint8_t **out, uint32_t *out_len, unsigned *flags)
{
    *flags = 0;
    t->stats.fragments++;
    ipfrag_expire(t, now);
    /* A non-final fragment must carry a multiple of 8 bytes (RFC 791, 8200);
     * an empty fragment carries nothing to reassemble. */
    if (len == 0 || (more && (len & 7))) { t->stats.bad++; *flags |= IPFRAG_F_BAD; return IPFRAG_DROPPED; }

    uint32_t i = t->buckets[key_bucket(t, key)];
    while (i != NONE && !key_eq(&t->sets[i].key, key)) i = t->sets[i].hnext;

    uint64_t end = (uint64_t)offset + len;
    if (end > t->cfg.max_datagram) {
        /* Beyond the cap (or beyond 65535 for IPv4): the whole datagram goes. */
        if (i != NONE) set_release(t, i);
        t->stats.too_big++;
        *flags |= IPFRAG_F_TOO_BIG;
        return IPFRAG_DROPPED;
    }
    if (i == NONE) i = set_acquire(t, key, now, flags);
    frag_set *s = &t->sets[i];

    if (!more) {
        if (s->have_last && s->total != end) {   /* two different ends: inconsistent */
            set_release(t, i);
            t->stats.bad++;
            *flags |= IPFRAG_F_BAD | IPFRAG_F_CONFLICT;
            return IPFRAG_DROPPED;
        }
        s->have_last = true;
        s->total = (uint32_t)end;
    }
    if (s->have_last && end > s->total) {       /* data past the final fragment */
        set_release(t, i);
        t->stats.bad++;
        *flags |= IPFRAG_F_BAD;
        return IPFRAG_DROPPED;
    }
    set_store(t, i, offset, data, len, flags);
    if (*flags & IPFRAG_F_OVERLAP) t->stats.overlaps++;
    if (*flags & IPFRAG_F_CONFLICT) t->stats.conflicts++;

    if (s->have_last && s->received == s->total) {
        *out = set_buf(t, i);
        *out_len = s->total;
        set_release(t, i);   /* the buffer stays intact until the slot is reused */
        t->stats.reassembled++;
        return IPFRAG_COMPLETE;
    }
    return IPFRAG_HELD;
}

uint32_t ipfrag_active(const ipfrag_table *t) { return t->active; }
const ipfrag_stats *ipfrag_get_stats(const ipfrag_table *t) { return &t->stats; }
