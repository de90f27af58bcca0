/* flow.c - the flow table: a fixed array of flows, hash chains by index,
 * and one least-recently-seen list per timeout class, so expiry pops list
 * tails in O(1) and eviction takes the flow nearest its own timeout. */
#include "net/flow.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

struct flow_table {
    flow_config cfg;
    net_flow *flows;
    uint32_t *buckets, bucket_mask;
    uint32_t free_head;          /* ended flows, for reuse */
    uint32_t next_fresh;         /* flows below this index have been used */
    uint32_t newest[FLOW_TC__COUNT], oldest[FLOW_TC__COUNT];
    uint64_t next_id;
    flow_end_fn on_end;
    void *user;
    flow_stats stats;
};

const char *flow_end_reason_name(flow_end_reason r)
{
    static const char *const n[] = { "timeout", "closed", "evicted", "shutdown" };
    return (unsigned)r < 4 ? n[r] : "unknown";
}

const char *flow_tcp_state_name(flow_tcp_state s)
{
    static const char *const n[] = { "none", "syn_sent", "syn_received", "established", "closing", "closed" };
    return (unsigned)s < 6 ? n[s] : "unknown";
}

void flow_config_default(flow_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->capacity = 262144;
    /* Established TCP idles long on OT polling links; closed flows linger only
     * to absorb late retransmissions. */
    cfg->timeout[FLOW_TC_TCP_OPENING] = 30 * SW_US_PER_SEC;
    cfg->timeout[FLOW_TC_TCP_ESTABLISHED] = 3600 * SW_US_PER_SEC;
    cfg->timeout[FLOW_TC_TCP_CLOSING] = 120 * SW_US_PER_SEC;
    cfg->timeout[FLOW_TC_TCP_CLOSED] = 10 * SW_US_PER_SEC;
    cfg->timeout[FLOW_TC_UDP] = 300 * SW_US_PER_SEC;
    cfg->timeout[FLOW_TC_ICMP] = 60 * SW_US_PER_SEC;
    cfg->timeout[FLOW_TC_OTHER] = 300 * SW_US_PER_SEC;
}

flow_table *flow_table_create(const flow_config *cfg, flow_end_fn on_end, void *user)
{
    flow_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->cfg = *cfg;
    if (t->cfg.capacity == 0) t->cfg.capacity = 1;
    if (t->cfg.capacity > (1u << 30)) t->cfg.capacity = 1u << 30;
    uint32_t nb = 1;
    while (nb < t->cfg.capacity) nb <<= 1;
    t->bucket_mask = nb - 1;
    /* calloc: pages of a large table are committed only as flows touch them. */
    t->flows = calloc(t->cfg.capacity, sizeof *t->flows);
    t->buckets = malloc((size_t)nb * sizeof *t->buckets);
    if (!t->flows || !t->buckets) { flow_table_destroy(t); return NULL; }
    memset(t->buckets, 0xff, (size_t)nb * sizeof *t->buckets);
    t->free_head = NONE;   /* untouched slots are taken in order, so pages stay uncommitted until used */
    for (int c = 0; c < FLOW_TC__COUNT; c++) t->newest[c] = t->oldest[c] = NONE;
    t->on_end = on_end;
    t->user = user;
    return t;
}

void flow_table_destroy(flow_table *t)
{
    if (!t) return;
    free(t->flows);
    free(t->buckets);
    free(t);
}

static inline uint32_t key_hash(const flow_table *t, const flow_key *k)
{
    uint64_t h = t->cfg.hash_seed ^ 0x9e3779b97f4a7c15ull;
    uint64_t w[5];
    memcpy(w, k, sizeof w);   /* the 40 bytes of addresses, ports and vlan */
    for (int i = 0; i < 5; i++) {
        h ^= w[i];
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    h ^= k->proto;
    h *= 0x94d049bb133111ebull;
    return (uint32_t)(h ^ h >> 32) & t->bucket_mask;
}

_Static_assert(sizeof(flow_key) == 44, "flow_key layout: 40 hashed bytes then proto");
_Static_assert(offsetof(net_flow, tcp_state) < 64, "a lookup touches one cache line");

static void list_unlink(flow_table *t, uint32_t i)
{
    net_flow *f = &t->flows[i];
    if (f->lprev != NONE) t->flows[f->lprev].lnext = f->lnext; else t->newest[f->tclass] = f->lnext;
    if (f->lnext != NONE) t->flows[f->lnext].lprev = f->lprev; else t->oldest[f->tclass] = f->lprev;
}

static void list_push_newest(flow_table *t, uint32_t i, uint8_t tclass)
{
    net_flow *f = &t->flows[i];
    f->tclass = tclass;
    f->lprev = NONE;
    f->lnext = t->newest[tclass];
    if (f->lnext != NONE) t->flows[f->lnext].lprev = i; else t->oldest[tclass] = i;
    t->newest[tclass] = i;
}

static void flow_end(flow_table *t, uint32_t i, flow_end_reason why)
{
    net_flow *f = &t->flows[i];
    if (why == FLOW_END_TIMEOUT && f->tcp_state == FLOW_TCP_CLOSED) why = FLOW_END_CLOSED;
    if (t->on_end) t->on_end(t->user, f, why);
    t->stats.ended[why]++;
    list_unlink(t, i);
    uint32_t *pp = &t->buckets[key_hash(t, &f->key)];
    while (*pp != NONE && *pp != i) pp = &t->flows[*pp].hnext;
    if (*pp == i) *pp = f->hnext;
    f->in_use = false;
    f->hnext = t->free_head;
    t->free_head = i;
    t->stats.active--;
}

static flow_timeout_class class_of(const net_flow *f)
{
    switch (f->ip_proto) {
    case 6:
        switch (f->tcp_state) {
        case FLOW_TCP_ESTABLISHED: return FLOW_TC_TCP_ESTABLISHED;
        case FLOW_TCP_CLOSING: return FLOW_TC_TCP_CLOSING;
        case FLOW_TCP_CLOSED: return FLOW_TC_TCP_CLOSED;
        default: return FLOW_TC_TCP_OPENING;
        }
    case 17: return FLOW_TC_UDP;
    case 1: case 58: return FLOW_TC_ICMP;
    default: return FLOW_TC_OTHER;
    }
}

void flow_table_expire(flow_table *t, sw_time_us now)
{
    for (int c = 0; c < FLOW_TC__COUNT; c++)
        while (t->oldest[c] != NONE && now - t->flows[t->oldest[c]].last_ts > t->cfg.timeout[c])
            flow_end(t, t->oldest[c], FLOW_END_TIMEOUT);
}

/* When full, the victim is the least recently seen flow of the class whose
 * tail is nearest (or furthest past) its own timeout. */
static void evict_one(flow_table *t)
{
    uint32_t victim = NONE;
    sw_time_us best = 0;
    for (int c = 0; c < FLOW_TC__COUNT; c++) {
        uint32_t i = t->oldest[c];
        if (i == NONE) continue;
        sw_time_us deadline = t->flows[i].last_ts + t->cfg.timeout[c];
        if (victim == NONE || deadline < best) { victim = i; best = deadline; }
    }
    if (victim != NONE) flow_end(t, victim, FLOW_END_EVICTED);
}

void flow_table_flush(flow_table *t)
{
    for (int c = 0; c < FLOW_TC__COUNT; c++)
        while (t->oldest[c] != NONE) flow_end(t, t->oldest[c], FLOW_END_SHUTDOWN);
}

static bool is_server_port(const flow_table *t, uint8_t proto, uint16_t port)
{
    return t->cfg.is_service_port && t->cfg.is_service_port(proto, port);
}

/* Who started it: the SYN sender; the receiver of a SYN-ACK; otherwise the
 * endpoint not on a service port; otherwise the sender of the first packet. */
static bool sender_is_client(const flow_table *t, const net_packet *p, bool *from_handshake)
{
    *from_handshake = false;
    if (p->ip_proto == 6 && (p->tcp_flags & TCP_SYN)) {
        *from_handshake = true;
        return !(p->tcp_flags & TCP_ACK);
    }
    if (p->ip_proto == 1 || p->ip_proto == 58) {
        /* echo replies and errors come from the responder */
        uint8_t ty = p->icmp_type;
        bool reply = p->ip_proto == 1 ? (ty == 0 || ty == 3 || ty == 11 || ty == 12 || ty == 14 || ty == 16 || ty == 18)
                                      : (ty == 129 || ty < 128);
        return !reply;
    }
    bool s_srv = is_server_port(t, p->ip_proto, p->sport), d_srv = is_server_port(t, p->ip_proto, p->dport);
    if (s_srv != d_srv) return d_srv;
    if (p->sport < 1024 && p->dport >= 1024) return false;
    return true;
}

static void make_key(const net_packet *p, flow_key *k, bool *src_is_a)
{
    memset(k, 0, sizeof *k);
    int c = memcmp(p->src.b, p->dst.b, 16);
    *src_is_a = c < 0 || (c == 0 && p->sport <= p->dport);
    const ip_addr *a = *src_is_a ? &p->src : &p->dst, *b = *src_is_a ? &p->dst : &p->src;
    memcpy(k->a, a->b, 16);
    memcpy(k->b, b->b, 16);
    k->port_a = *src_is_a ? p->sport : p->dport;
    k->port_b = *src_is_a ? p->dport : p->sport;
    k->vlan = p->n_vlan == 2 ? (uint32_t)p->vlan[0] << 12 | p->vlan[1] : p->n_vlan == 1 ? p->vlan[0] : 0;
    k->proto = p->ip_proto;
}

static uint32_t flow_create(flow_table *t, const net_packet *p, const flow_key *k, bool src_is_a, uint32_t bucket)
{
    uint32_t i;
    if (t->free_head == NONE && t->next_fresh < t->cfg.capacity) {
        i = t->next_fresh++;
    } else {
        if (t->free_head == NONE) evict_one(t);
        i = t->free_head;
        t->free_head = t->flows[i].hnext;
    }
    net_flow *f = &t->flows[i];
    memset(f, 0, sizeof *f);
    f->key = *k;
    f->in_use = true;
    f->hnext = t->buckets[bucket];
    t->buckets[bucket] = i;
    bool from_hs;
    bool client_is_src = sender_is_client(t, p, &from_hs);
    f->initiator_from_handshake = from_hs;
    f->client_is_a = client_is_src == src_is_a;
    f->client = client_is_src ? p->src : p->dst;
    f->server = client_is_src ? p->dst : p->src;
    f->client_port = client_is_src ? p->sport : p->dport;
    f->server_port = client_is_src ? p->dport : p->sport;
    f->ip_proto = p->ip_proto;
    f->vlan = k->vlan;
    f->id = ++t->next_id;
    f->first_ts = f->last_ts = p->ts;
    f->first_frame = p->frame;
    f->app = -1;
    tcp_stream_init(&f->stream[0]);
    tcp_stream_init(&f->stream[1]);
    list_push_newest(t, i, (uint8_t)class_of(f));
    t->stats.created++;
    switch (p->ip_proto) {
    case 6: t->stats.by_proto_tcp++; break;
    case 17: t->stats.by_proto_udp++; break;
    case 1: case 58: t->stats.by_proto_icmp++; break;
    default: t->stats.by_proto_other++; break;
    }
    if (++t->stats.active > t->stats.peak) t->stats.peak = t->stats.active;
    return i;
}

static void track_tcp(net_flow *f, net_dir dir, uint8_t fl)
{
    f->tcp_flags_seen[dir] |= fl;
    if (fl & TCP_RST) { f->tcp_state = FLOW_TCP_CLOSED; return; }
    switch (f->tcp_state) {
    case FLOW_TCP_NONE:
        if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN) f->tcp_state = FLOW_TCP_SYN_SENT;
        else if ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK)) f->tcp_state = FLOW_TCP_SYN_RECEIVED;
        else f->tcp_state = FLOW_TCP_ESTABLISHED;     /* picked up mid-stream */
        break;
    case FLOW_TCP_SYN_SENT:
        if (dir == NET_DIR_TO_CLIENT && (fl & TCP_SYN) && (fl & TCP_ACK)) f->tcp_state = FLOW_TCP_SYN_RECEIVED;
        break;
    case FLOW_TCP_SYN_RECEIVED:
        if (dir == NET_DIR_TO_SERVER && (fl & TCP_ACK) && !(fl & TCP_SYN)) f->tcp_state = FLOW_TCP_ESTABLISHED;
        break;
    default:
        break;
    }
    if (fl & TCP_FIN) {
        bool both = (f->tcp_flags_seen[0] & TCP_FIN) && (f->tcp_flags_seen[1] & TCP_FIN);
        f->tcp_state = both ? FLOW_TCP_CLOSED : FLOW_TCP_CLOSING;
    }
}

bool flow_table_get(flow_table *t, const net_packet *p, flow_lookup *out)
{
    if ((p->l3 != NET_L3_IPV4 && p->l3 != NET_L3_IPV6) || p->is_fragment) return false;
    /* a TCP or UDP packet whose header did not decode has no ports to key on */
    if ((p->ip_proto == 6 || p->ip_proto == 17) && !p->has_l4) return false;
    flow_key k;
    bool src_is_a;
    make_key(p, &k, &src_is_a);
    uint32_t b = key_hash(t, &k);
    uint32_t i = t->buckets[b];
    while (i != NONE && memcmp(&t->flows[i].key, &k, sizeof k) != 0) i = t->flows[i].hnext;

    /* A new SYN on a closed connection is port reuse: a new flow. */
    if (i != NONE && p->ip_proto == 6 && t->flows[i].tcp_state == FLOW_TCP_CLOSED &&
        (p->tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
        flow_end(t, i, FLOW_END_CLOSED);
        i = NONE;
    }
    out->created = i == NONE;
    if (i == NONE) i = flow_create(t, p, &k, src_is_a, b);
    net_flow *f = &t->flows[i];
    net_dir dir = (src_is_a == f->client_is_a) ? NET_DIR_TO_SERVER : NET_DIR_TO_CLIENT;
    f->pkts[dir]++;
    f->bytes[dir] += p->wirelen;
    f->payload_bytes[dir] += p->payload_len;
    if (p->ts > f->last_ts) f->last_ts = p->ts;
    f->last_frame = p->frame;
    if (p->ip_proto == 6) track_tcp(f, dir, p->tcp_flags);
    uint8_t cls = (uint8_t)class_of(f);
    if (t->newest[cls] != i) {          /* bursts: the flow is usually already in front */
        list_unlink(t, i);
        list_push_newest(t, i, cls);
    }
    out->flow = f;
    out->dir = dir;
    return true;
}

const flow_stats *flow_table_stats(const flow_table *t) { return &t->stats; }
uint32_t flow_table_capacity(const flow_table *t) { return t->cfg.capacity; }

size_t flow_table_memory(const flow_table *t)
{
    return sizeof *t + (size_t)t->cfg.capacity * sizeof(net_flow) + ((size_t)t->bucket_mask + 1) * sizeof(uint32_t);
}
