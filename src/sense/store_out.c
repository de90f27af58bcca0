/* store_out.c - the --store consumer: hosts summed per (ip, mac), ICS
 * requests per pair, function and hour, flow summaries, identities and
 * alerts handed to the store's batched writer (see store_out.h). */
#include "sense/store_out.h"
#include <stdlib.h>
#include <string.h>
#include "core/strbuf.h"
#include "net/oui.h"
#include "sense/inventory_out.h"

#define HOUR_US INT64_C(3600000000)

typedef struct host_key {
    ip_addr ip;
    uint8_t mac[6];
    bool has_mac;
} host_key;

typedef struct host_slot {
    bool used;
    host_key key;
    int64_t first, last;
    uint64_t packets, bytes, arp_packets;
} host_slot;

/* The host row a flow direction's packets go to: a flow's packets from one
 * side share source address and, nearly always, MAC, so one compare here
 * replaces hashing the (ip, mac) key per packet. Direct-mapped by flow id;
 * `gen` invalidates every entry when the host table is flushed. */
#define SENSE_STORE_FLOW_CACHE 8192
#define NO_HOST UINT32_MAX

typedef struct flow_host_entry {
    uint64_t flow_id;            /* 0: empty (flow ids start at 1) */
    uint32_t gen;
    uint32_t slot;               /* index in hosts[], or NO_HOST: not counted */
    uint8_t dir;
    bool has_mac;
    uint8_t mac[6];
} flow_host_entry;

typedef struct ics_key {
    ip_addr src, dst;
    int64_t hour;
    uint16_t function;
    char protocol[24];
} ics_key;

typedef struct ics_slot {
    bool used;
    ics_key key;
    char function_name[64];
    int64_t first, last;
    uint64_t count, writes, controls;
} ics_slot;

struct sense_store {
    store_observer *w;
    const port_model *m;
    sense_alerts *alerts;
    sense_inventory *inventory;  /* names and services */
    host_slot hosts[SENSE_STORE_HOSTS];
    size_t n_hosts;
    uint32_t host_gen;           /* bumped by each host flush */
    flow_host_entry flow_hosts[SENSE_STORE_FLOW_CACHE];
    ics_slot ics[SENSE_STORE_ICS];
    size_t n_ics;
    strbuf line;
    sense_store_tick_fn tick;    /* the live refresh (sense_store_set_tick) */
    void *tick_user;
    int64_t tick_every, next_tick;
    bool tick_on_alerts;
    sw_code rc;
    sw_error err;                /* the first failure */
};

sense_store *sense_store_create(store *db, const port_model *m, sense_alerts *alerts, size_t batch, sw_error *err)
{
    sense_store *s = calloc(1, sizeof *s);
    if (!s) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    s->m = m;
    s->alerts = alerts;
    strbuf_init(&s->line);
    s->w = store_observer_open(db, batch, err);
    if (!s->w) { free(s); return NULL; }
    s->inventory = sense_inventory_create(s->w, err);
    if (!s->inventory) { store_observer_close(s->w); free(s); return NULL; }
    return s;
}

void sense_store_destroy(sense_store *s)
{
    if (!s) return;
    sense_inventory_destroy(s->inventory);
    store_observer_close(s->w);
    strbuf_free(&s->line);
    free(s);
}

const store_obs_stats *sense_store_stats(const sense_store *s) { return store_observer_stats(s->w); }

/* The tables' keys are zeroed structs hashed per packet or operation: eight
 * bytes a step (byte-wise FNV cost some 500 instructions per ICS key). */
static size_t key_hash(const void *key, size_t n)
{
    const uint8_t *p = key;
    uint64_t h = 0x9e3779b97f4a7c15ull, w;
    for (; n >= 8; n -= 8, p += 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    for (; n; n--, p++) h = (h ^ *p) * 0x100000001b3ull;
    h ^= h >> 32;
    return (size_t)h;
}

/* Keeps the first error; once failed, nothing more is written. */
static void note(sense_store *s, sw_code rc, const sw_error *e)
{
    if (rc == SW_OK || s->rc != SW_OK) return;
    s->rc = rc;
    s->err = *e;
}

static const char *zone_id(const sense_store *s, const ip_addr *ip)
{
    const model_zone *z = s->m ? model_zone_for_ip(s->m, ip) : NULL;
    return z ? z->id : NULL;
}

/* --- hosts ------------------------------------------------------------------ */

static void flush_hosts(sense_store *s)
{
    for (size_t i = 0; i < SENSE_STORE_HOSTS; i++) {
        host_slot *h = &s->hosts[i];
        if (!h->used) continue;
        if (s->rc == SW_OK) {
            char ip[IP_STR_MAX], mac[18] = "";
            if (h->key.has_mac) mac_fmt(h->key.mac, mac);
            store_host_rec r = {
                ip_fmt(&h->key.ip, ip), mac, h->first, h->last, h->packets, h->bytes, h->arp_packets,
                zone_id(s, &h->key.ip), h->key.has_mac ? oui_describe(h->key.mac) : NULL,
            };
            sw_error e = { 0 };
            note(s, store_observer_host(s->w, &r, &e), &e);
        }
        h->used = false;
    }
    s->n_hosts = 0;
    s->host_gen++;
}

static void host_add(host_slot *h, int64_t ts, uint32_t bytes)
{
    if (ts < h->first) h->first = ts;
    if (ts > h->last) h->last = ts;
    h->packets++;
    h->bytes += bytes;
}

/* Returns the slot counted, valid until the next flush. */
static uint32_t count_host(sense_store *s, const ip_addr *ip, const uint8_t *mac, int64_t ts, uint32_t bytes, bool arp)
{
    host_key k;
    memset(&k, 0, sizeof k);     /* padding too: the key is hashed and compared as bytes */
    k.ip = *ip;
    if (mac) { memcpy(k.mac, mac, 6); k.has_mac = true; }
    /* Half full at most: probes stay short; flushing sums into the rows. */
    if (s->n_hosts >= SENSE_STORE_HOSTS / 2) flush_hosts(s);
    size_t i = (size_t)key_hash(&k, sizeof k) & (SENSE_STORE_HOSTS - 1);
    while (s->hosts[i].used && memcmp(&s->hosts[i].key, &k, sizeof k) != 0) i = (i + 1) & (SENSE_STORE_HOSTS - 1);
    host_slot *h = &s->hosts[i];
    if (!h->used) {
        memset(h, 0, sizeof *h);
        h->used = true;
        h->key = k;
        h->first = h->last = ts;
        s->n_hosts++;
    }
    host_add(h, ts, bytes);
    if (arp) h->arp_packets++;
    return (uint32_t)i;
}

static bool ip_unspecified(const ip_addr *a)
{
    static const uint8_t zero[16];
    if (a->v4) return a->b[12] == 0 && a->b[13] == 0 && a->b[14] == 0 && a->b[15] == 0;
    return memcmp(a->b, zero, 16) == 0;
}

static inline bool mac_eq(const uint8_t *a, const uint8_t *b)
{
    uint32_t a4, b4;
    uint16_t a2, b2;
    memcpy(&a4, a, 4); memcpy(&b4, b, 4);
    memcpy(&a2, a + 4, 2); memcpy(&b2, b + 4, 2);
    return a4 == b4 && a2 == b2;
}

void sense_store_set_tick(sense_store *s, int64_t every_us, bool on_alerts, sense_store_tick_fn fn, void *user)
{
    s->tick = every_us > 0 ? fn : NULL;
    s->tick_user = user;
    s->tick_every = every_us;
    s->tick_on_alerts = on_alerts;
    s->next_tick = 0;            /* the first packet (or alert) refreshes: earlier runs' candidates show at once */
}

/* The clock passed a boundary: what the writer holds is committed, so the
 * refresh reads every alert raised so far. Boundaries are multiples of the
 * interval in input time, so the same input refreshes at the same points. */
static void tick(sense_store *s, int64_t now)
{
    if (s->rc == SW_OK) {
        sw_error e = { 0 };
        note(s, store_observer_flush(s->w, &e), &e);
    }
    if (s->rc == SW_OK) s->tick(s->tick_user, now);
    s->next_tick = (now / s->tick_every + 1) * s->tick_every;
}

static void on_packet(sense_store *s, const net_observation *o)
{
    const net_packet *p = o->packet;
    if (!p) return;
    if (s->tick && !s->tick_on_alerts && p->ts >= s->next_tick) tick(s, p->ts);
    if (p->l3 == NET_L3_IPV4 || p->l3 == NET_L3_IPV6) {
        const net_flow *f = o->flow;
        if (!f) {
            if (!ip_unspecified(&p->src)) count_host(s, &p->src, p->has_mac ? p->src_mac : NULL, p->ts, p->wirelen, false);
            return;
        }
        /* The flow fixes the source address for a direction; only the MAC can differ. */
        flow_host_entry *c = &s->flow_hosts[(f->id * 2 + o->dir) & (SENSE_STORE_FLOW_CACHE - 1)];
        if (c->flow_id == f->id && c->dir == o->dir && c->gen == s->host_gen && c->has_mac == p->has_mac &&
            (!p->has_mac || mac_eq(c->mac, p->src_mac))) {
            if (c->slot != NO_HOST) host_add(&s->hosts[c->slot], p->ts, p->wirelen);
            return;
        }
        uint32_t slot = NO_HOST;
        if (!ip_unspecified(&p->src)) slot = count_host(s, &p->src, p->has_mac ? p->src_mac : NULL, p->ts, p->wirelen, false);
        /* count_host may have flushed (new gen): the slot it returns is in the new generation */
        c->flow_id = f->id;
        c->dir = (uint8_t)o->dir;
        c->gen = s->host_gen;
        c->slot = slot;
        c->has_mac = p->has_mac;
        if (p->has_mac) memcpy(c->mac, p->src_mac, 6);
        else memset(c->mac, 0, 6);
    } else if (p->l3 == NET_L3_ARP && !ip_unspecified(&p->arp.sender_ip)) {
        count_host(s, &p->arp.sender_ip, p->arp.sender_mac, p->ts, p->wirelen, true);
    }
}

/* --- ICS operations ------------------------------------------------------------ */

static void flush_ics(sense_store *s)
{
    for (size_t i = 0; i < SENSE_STORE_ICS; i++) {
        ics_slot *c = &s->ics[i];
        if (!c->used) continue;
        if (s->rc == SW_OK) {
            char src[IP_STR_MAX], dst[IP_STR_MAX];
            store_ics_rec r = {
                ip_fmt(&c->key.src, src), ip_fmt(&c->key.dst, dst), c->key.protocol,
                c->function_name[0] ? c->function_name : NULL, c->key.function, c->first, c->last,
                c->count, c->writes, c->controls,
            };
            sw_error e = { 0 };
            note(s, store_observer_ics(s->w, &r, &e), &e);
        }
        c->used = false;
    }
    s->n_ics = 0;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) n = cap - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Requests only: a response repeats its request's function. */
static void on_ics(sense_store *s, const net_observation *o)
{
    const obs_ics_op *op = &o->u.ics;
    if (op->is_response || !o->flow || !op->protocol) return;
    bool to_server = o->dir == NET_DIR_TO_SERVER;
    ics_key k;
    memset(&k, 0, sizeof k);
    k.src = to_server ? o->flow->client : o->flow->server;
    k.dst = to_server ? o->flow->server : o->flow->client;
    k.hour = o->ts - o->ts % HOUR_US;
    k.function = op->function;
    copy_str(k.protocol, sizeof k.protocol, op->protocol);
    if (s->n_ics >= SENSE_STORE_ICS / 2) flush_ics(s);
    size_t i = (size_t)key_hash(&k, sizeof k) & (SENSE_STORE_ICS - 1);
    while (s->ics[i].used && memcmp(&s->ics[i].key, &k, sizeof k) != 0) i = (i + 1) & (SENSE_STORE_ICS - 1);
    ics_slot *c = &s->ics[i];
    if (!c->used) {
        memset(c, 0, sizeof *c);
        c->used = true;
        c->key = k;
        c->first = c->last = o->ts;
        copy_str(c->function_name, sizeof c->function_name, op->function_name);
        s->n_ics++;
    }
    if (o->ts < c->first) c->first = o->ts;
    if (o->ts > c->last) c->last = o->ts;
    c->count++;
    if (op->is_write) c->writes++;
    if (op->is_control) c->controls++;
}

/* --- flows, identities ------------------------------------------------------------ */

static void on_flow_end(sense_store *s, const net_observation *o)
{
    const net_flow *f = o->flow;
    if (!f || s->rc != SW_OK) return;
    char src[IP_STR_MAX], dst[IP_STR_MAX];
    bool ports = f->ip_proto == 6 || f->ip_proto == 17;
    store_flow_rec r = {
        .src_ip = ip_fmt(&f->client, src), .dst_ip = ip_fmt(&f->server, dst),
        .src_port = ports ? f->client_port : 0, .dst_port = ports ? f->server_port : 0,
        .ip_proto = f->ip_proto, .service = o->u.flow_end.app,
        .first_seen = f->first_ts, .last_seen = f->last_ts,
        .packets = f->pkts[NET_DIR_TO_SERVER] + f->pkts[NET_DIR_TO_CLIENT],
        .bytes = f->bytes[NET_DIR_TO_SERVER] + f->bytes[NET_DIR_TO_CLIENT],
        .packets_to_server = f->pkts[NET_DIR_TO_SERVER], .bytes_to_server = f->bytes[NET_DIR_TO_SERVER],
        .src_zone = zone_id(s, &f->client), .dst_zone = zone_id(s, &f->server),
    };
    sw_error e = { 0 };
    note(s, store_observer_flow(s->w, &r, &e), &e);
}

/* The device is the sender of the message that carried the identity. */
static void on_identity(sense_store *s, const net_observation *o)
{
    const obs_identity *id = &o->u.identity;
    if (!o->flow || !id->protocol || s->rc != SW_OK) return;
    char ip[IP_STR_MAX];
    ip_fmt(o->dir == NET_DIR_TO_SERVER ? &o->flow->client : &o->flow->server, ip);
    store_identity_rec r = { ip, id->protocol, id->vendor, id->product, id->firmware, id->serial, id->model, o->ts };
    sw_error e = { 0 };
    note(s, store_observer_identity(s->w, &r, &e), &e);
}

static void store_emit(void *user, const net_observation *o)
{
    sense_store *s = user;
    if (s->rc == SW_OK && (SENSE_INVENTORY_KINDS & OBS_MASK(o->kind))) {
        sw_error e = { 0 };
        note(s, sense_inventory_observe(s->inventory, o, &e), &e);
    }
    switch (o->kind) {
    case OBS_PACKET: on_packet(s, o); break;
    case OBS_FLOW_END: on_flow_end(s, o); break;
    case OBS_ICS_OP: on_ics(s, o); break;
    case OBS_IDENTITY: on_identity(s, o); break;
    default: break;
    }
}

obs_sink sense_store_sink(sense_store *s)
{
    obs_sink k = { store_emit, s,
                   OBS_MASK(OBS_PACKET) | OBS_MASK(OBS_FLOW_END) | OBS_MASK(OBS_ICS_OP) | OBS_MASK(OBS_IDENTITY)
                   | SENSE_INVENTORY_KINDS };
    return k;
}

/* --- alerts ------------------------------------------------------------------------ */

void sense_store_alert(void *user, const detect_alert *a)
{
    sense_store *s = user;
    if (s->alerts) sense_alerts_emit(s->alerts, a);
    if (s->rc != SW_OK) return;
    /* Evidence as --eve writes it: the input holding the first frame, and
     * frame numbers within that input (alerts_out.c). */
    const char *pcap = NULL;
    uint64_t base = 0, frames[DETECT_MAX_FRAMES];
    const sense_alerts *al = s->alerts;
    if (al && a->n_frames)
        for (size_t i = al->n_sources; i-- > 0;)
            if (a->frames[0] > al->sources[i].first_frame) {
                pcap = al->sources[i].name;
                base = al->sources[i].first_frame;
                break;
            }
    size_t n = 0;
    for (size_t i = 0; i < a->n_frames; i++)
        if (a->frames[i] > base) frames[n++] = a->frames[i] - base;
    s->line.len = 0;
    detect_alert_render(a, pcap, frames, n, &s->line);
    strbuf_putc(&s->line, '\0');

    char src[IP_STR_MAX], dst[IP_STR_MAX];
    bool ports = a->ip_proto == 6 || a->ip_proto == 17;
    const detect_rule *rule = &detect_rules[a->rule];
    store_alert_rec r = {
        .ts = a->ts, .rule_id = rule->id, .rule_name = rule->name,
        .severity = detect_severity_name(a->severity), .dataset = a->phys ? "seawall.phys" : "seawall.net",
        .src_ip = a->has_src ? ip_fmt(&a->src, src) : NULL, .dst_ip = a->has_dst ? ip_fmt(&a->dst, dst) : NULL,
        .src_port = a->has_src && ports ? a->src_port : -1, .dst_port = a->has_dst && ports ? a->dst_port : -1,
        .protocol = a->protocol,
        .src_zone = a->zone_src ? a->zone_src->id : NULL, .dst_zone = a->zone_dst ? a->zone_dst->id : NULL,
        .src_asset = a->asset_src ? a->asset_src->id : NULL, .dst_asset = a->asset_dst ? a->asset_dst->id : NULL,
        .ecs = s->line.data,
    };
    sw_error e = { 0 };
    note(s, store_observer_alert(s->w, &r, &e), &e);
    if (s->tick && s->tick_on_alerts && a->ts >= s->next_tick) tick(s, a->ts);
}

sw_code sense_store_finish(sense_store *s, sw_error *err)
{
    flush_hosts(s);
    flush_ics(s);
    if (s->rc == SW_OK) {
        sw_error e = { 0 };
        note(s, sense_inventory_flush(s->inventory, &e), &e);
    }
    if (s->rc == SW_OK) {
        sw_error e = { 0 };
        note(s, store_observer_flush(s->w, &e), &e);
    }
    if (s->rc != SW_OK) *err = s->err;
    return s->rc;
}
