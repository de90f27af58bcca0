/* beacon.c - command-and-control beaconing (SW-C2-BEACON, SW-C2-BEACON-IT):
 * connections from one host to one destination and port that start at a
 * regular interval. Only flows leaving the port (to the internet zone or
 * an address in no zone) are watched, or, with beacon_internal, any
 * cross-zone flow. A fixed table of series, the least recently seen
 * evicted; memory is beacon_slots entries whatever the traffic. */
#include <stdlib.h>
#include <string.h>
#include "detect/detect_internal.h"

#define BEACON_KEEP 16         /* intervals kept per series: the cap on beacon_intervals + 1 */
#define BEACON_WAYS 8

typedef struct beacon_series {
    uint64_t key;              /* 0: empty */
    sw_time_us last;           /* start of the latest connection */
    uint32_t iv[BEACON_KEEP];  /* intervals in ms, a ring */
    uint8_t n, head;
    bool alerted;
} beacon_series;

typedef struct beacon_state {
    uint32_t mask;
    beacon_series s[];
} beacon_state;

static uint32_t cap_of(const detect_config *cfg)
{
    uint32_t p = 16;
    while (p < cfg->beacon_slots && p < (1u << 24)) p <<= 1;
    return p;
}

static size_t beacon_state_size(const detect_config *cfg)
{
    return sizeof(beacon_state) + (size_t)cap_of(cfg) * sizeof(beacon_series);
}

static beacon_series *series_get(detect_engine *e, beacon_state *st, uint64_t key)
{
    if (!st->mask) st->mask = cap_of(&e->cfg) - 1;
    beacon_series *victim = NULL;
    for (uint32_t k = 0; k < BEACON_WAYS; k++) {
        beacon_series *s = &st->s[((uint32_t)key + k) & st->mask];
        if (s->key == key) return s;
        if (!s->key) { victim = s; break; }
        if (!victim || s->last < victim->last) victim = s;
    }
    memset(victim, 0, sizeof *victim);
    victim->key = key;
    return victim;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The last `want` intervals: all within jitter of their median? */
static bool regular(const beacon_series *s, uint32_t want, uint32_t jitter_pct, uint32_t *median)
{
    uint32_t v[BEACON_KEEP];
    for (uint32_t i = 0; i < want; i++) v[i] = s->iv[(s->head + BEACON_KEEP - 1 - i) % BEACON_KEEP];
    qsort(v, want, sizeof *v, cmp_u32);
    *median = v[want / 2];
    uint64_t tol = (uint64_t)*median * jitter_pct / 100;
    for (uint32_t i = 0; i < want; i++) {
        uint64_t d = v[i] > *median ? v[i] - *median : *median - v[i];
        if (d > tol) return false;
    }
    return true;
}

/* Ports whose traffic blends with ordinary traffic: T0885 Commonly Used Port. */
static bool common_port(uint8_t ip_proto, uint16_t port)
{
    static const uint16_t tcp[] = { 80, 443, 8080, 8443, 53, 25, 587 }, udp[] = { 53, 123, 443 };
    const uint16_t *l = ip_proto == 6 ? tcp : udp;
    size_t n = ip_proto == 6 ? sizeof tcp / sizeof *tcp : sizeof udp / sizeof *udp;
    for (size_t i = 0; i < n; i++)
        if (l[i] == port) return true;
    return false;
}

static void beacon_observe(detect_engine *e, void *state, const net_observation *o)
{
    const net_flow *f = o->flow;
    if (!f || f->pkts[0] + f->pkts[1] != 1 || (f->ip_proto != 6 && f->ip_proto != 17)) return;
    detect_host c = detect_lookup(e, &f->client), s = detect_lookup(e, &f->server);
    if (!c.zone || c.zone->catch_all || c.zone == s.zone) return;
    bool leaves = !s.zone || s.zone->catch_all;
    if (!leaves && !e->cfg.beacon_internal) return;
    if (detect_addr_unroutable(e, &f->client, c.zone) || detect_addr_unroutable(e, &f->server, s.zone)) return;
    beacon_state *st = state;
    uint64_t key = detect_key(RULE_C2_BEACON, &f->client, &f->server, f->server_port, f->ip_proto);
    beacon_series *b = series_get(e, st, key);
    sw_time_us now = f->first_ts, gap = b->last ? now - b->last : -1;
    b->last = now;
    if (gap < 0) return;
    if (gap > e->cfg.beacon_max_interval) { b->n = 0; return; }     /* the series starts again */
    if (gap < 1000) return;                                         /* a parallel connection, not a new beat */
    b->iv[b->head] = (uint32_t)(gap / 1000);
    b->head = (uint8_t)((b->head + 1) % BEACON_KEEP);
    if (b->n < BEACON_KEEP) b->n++;
    uint32_t want = e->cfg.beacon_intervals, median;
    if (b->alerted || b->n < want || !regular(b, want, e->cfg.beacon_jitter_pct, &median)) return;
    if ((sw_time_us)median * 1000 < e->cfg.beacon_min_interval) return;
    b->alerted = true;
    bool it = c.zone->domain == DOMAIN_IT;
    detect_alert a;
    detect_alert_from_flow(e, &a, it ? RULE_C2_BEACON_IT : RULE_C2_BEACON, f);
    detect_alert_add_frame(&a, o->frame);
    if (!it && common_port(f->ip_proto, f->server_port)) detect_alert_add_technique(&a, "T0885");
    char cb[IP_STR_MAX], sb[IP_STR_MAX];
    snprintf(a.message, sizeof a.message,
             "%s (%s, zone %s) opened %u connections to %s %s/%u every %u.%03u s (each within %u%% of it)",
             ip_fmt(&f->client, cb), c.asset ? c.asset->id : "undeclared", c.zone->id ? c.zone->id : "?", want + 1,
             ip_fmt(&f->server, sb), f->ip_proto == 6 ? "tcp" : "udp", f->server_port, median / 1000, median % 1000,
             e->cfg.beacon_jitter_pct);
    detect_raise(e, &a, key);
}

const detect_family detect_family_beacon = {
    "beacon", OBS_MASK(OBS_PACKET), beacon_state_size, beacon_observe,
};
