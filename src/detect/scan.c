/* scan.c - scanning (SW-SCAN-*): failed or empty TCP connection attempts
 * counted per source in a time window, as distinct hosts on one port
 * (horizontal) and distinct ports on one host (vertical), and ICS identity
 * requests to many devices (discovery sweep). A fixed table of sources,
 * the least recently seen evicted. */
#include <string.h>
#include "detect/detect_internal.h"

#define SCAN_SLOTS 16          /* ports (and hosts) tracked per source */
#define SCAN_DISTINCT 32       /* distinct values kept per slot: thresholds are capped here */
#define SCAN_DISCOVERY 32
#define SCAN_PROBE_WAYS 8

/* Distinct hosts seen on one port, and distinct ports seen on one host. */
typedef struct scan_port_slot { uint16_t port; uint8_t n; uint32_t dst[SCAN_DISTINCT]; } scan_port_slot;
typedef struct scan_host_slot { uint32_t dst; uint8_t n; uint16_t port[SCAN_DISTINCT]; } scan_host_slot;

typedef struct scan_source {
    ip_addr src;
    bool used;
    sw_time_us window_start, last, disc_start;
    uint8_t n_ports, n_hosts;
    uint16_t n_disc;
    scan_port_slot ports[SCAN_SLOTS];
    scan_host_slot hosts[SCAN_SLOTS];
    uint32_t disc[SCAN_DISCOVERY];     /* hashes of (device, unit id) */
} scan_source;

typedef struct scan_state {
    uint32_t mask;
    scan_source src[];
} scan_state;

static uint32_t cap_of(const detect_config *cfg)
{
    uint32_t p = 16;
    while (p < cfg->scan_sources && p < (1u << 24)) p <<= 1;
    return p;
}

static size_t scan_state_size(const detect_config *cfg)
{
    return sizeof(scan_state) + (size_t)cap_of(cfg) * sizeof(scan_source);
}

static scan_source *source_get(detect_engine *e, scan_state *st, const ip_addr *src, sw_time_us now)
{
    if (!st->mask) st->mask = cap_of(&e->cfg) - 1;
    uint32_t h = (uint32_t)detect_hash_bytes(src->b, 16, 11);
    scan_source *victim = NULL;
    for (uint32_t k = 0; k < SCAN_PROBE_WAYS; k++) {
        scan_source *s = &st->src[(h + k) & st->mask];
        if (s->used && ip_eq(&s->src, src)) { if (now > s->last) s->last = now; return s; }
        if (!s->used) { victim = s; break; }
        if (!victim || s->last < victim->last) victim = s;
    }
    if (victim->used) e->stats.scan_evictions++;
    memset(victim, 0, sizeof *victim);
    victim->used = true;
    victim->src = *src;
    victim->window_start = victim->disc_start = victim->last = now;
    return victim;
}

static bool scanner_exempt(detect_engine *e, const detect_host *h)
{
    return e->cfg.scan_skip_eng && detect_asset_is_kind(h->asset, "eng-workstation");
}

static void scan_alert(detect_engine *e, detect_rule_id rule, const net_flow *f, const ip_addr *dst, uint16_t port,
                       uint32_t count, sw_time_us ts, uint64_t frame, const char *what)
{
    detect_alert a;
    detect_alert_init(e, &a, rule, ts, &f->client, dst, 0, port, f->ip_proto);
    detect_alert_add_frame(&a, frame);
    if (rule == RULE_SCAN_ICS_DISCOVERY && a.asset_src == NULL) a.severity = SEV_HIGH;
    if ((detect_zone_is_ot(a.zone_src) || (a.zone_src && a.zone_src->domain == DOMAIN_PHYS)) && a.severity < SEV_HIGH)
        a.severity = SEV_HIGH;   /* a scan from inside OT or physical security is rarely benign */
    char sb[IP_STR_MAX], db[IP_STR_MAX];
    snprintf(a.message, sizeof a.message, "%s (%s) %s: %u %s within %llds (last %s port %u)", ip_fmt(&f->client, sb),
             a.asset_src ? a.asset_src->id : "undeclared", detect_rules[rule].name, count, what,
             (long long)(e->cfg.scan_window / 1000000), ip_fmt(dst, db), port);
    /* One alert per source and rule per dedup window. */
    detect_raise(e, &a, detect_key(rule, &f->client, NULL, 0, 0));
}

/* A connection attempt that carried nothing either way: refused, unanswered or half-open. */
static bool is_probe(const net_flow *f)
{
    return f->ip_proto == 6 && (f->tcp_flags_seen[NET_DIR_TO_SERVER] & TCP_SYN) &&
           f->payload_bytes[0] == 0 && f->payload_bytes[1] == 0;
}

static void on_flow_end(detect_engine *e, scan_state *st, const net_flow *f)
{
    if (!is_probe(f)) return;
    detect_host h = detect_lookup(e, &f->client);
    if (scanner_exempt(e, &h) || detect_addr_unroutable(e, &f->server, NULL)) return;
    scan_source *s = source_get(e, st, &f->client, f->first_ts);
    if (f->first_ts - s->window_start > e->cfg.scan_window) {
        s->window_start = f->first_ts;
        s->n_ports = s->n_hosts = 0;
    }
    uint32_t dh = (uint32_t)detect_hash_bytes(f->server.b, 16, 13);
    uint16_t port = f->server_port;
    /* hosts on this port */
    scan_port_slot *ps = NULL;
    for (uint8_t i = 0; i < s->n_ports && !ps; i++)
        if (s->ports[i].port == port) ps = &s->ports[i];
    if (!ps) {
        if (s->n_ports < SCAN_SLOTS) ps = &s->ports[s->n_ports++];
        else {                                 /* replace the port with the fewest hosts */
            ps = &s->ports[0];
            for (uint8_t i = 1; i < SCAN_SLOTS; i++) if (s->ports[i].n < ps->n) ps = &s->ports[i];
        }
        ps->port = port;
        ps->n = 0;
    }
    bool seen = false;
    for (uint8_t i = 0; i < ps->n && !seen; i++) seen = ps->dst[i] == dh;
    if (!seen && ps->n < SCAN_DISTINCT) {
        ps->dst[ps->n++] = dh;
        if (ps->n >= e->cfg.scan_hosts)
            scan_alert(e, RULE_SCAN_HORIZONTAL, f, &f->server, port, ps->n, f->first_ts, f->first_frame,
                       "hosts probed on one port");
    }
    /* ports on this host */
    scan_host_slot *hs = NULL;
    for (uint8_t i = 0; i < s->n_hosts && !hs; i++)
        if (s->hosts[i].dst == dh) hs = &s->hosts[i];
    if (!hs) {
        if (s->n_hosts < SCAN_SLOTS) hs = &s->hosts[s->n_hosts++];
        else {
            hs = &s->hosts[0];
            for (uint8_t i = 1; i < SCAN_SLOTS; i++) if (s->hosts[i].n < hs->n) hs = &s->hosts[i];
        }
        hs->dst = dh;
        hs->n = 0;
    }
    seen = false;
    for (uint8_t i = 0; i < hs->n && !seen; i++) seen = hs->port[i] == port;
    if (!seen && hs->n < SCAN_DISTINCT) {
        hs->port[hs->n++] = port;
        if (hs->n >= e->cfg.scan_ports)
            scan_alert(e, RULE_SCAN_VERTICAL, f, &f->server, port, hs->n, f->first_ts, f->first_frame,
                       "ports probed on one host");
    }
}

static bool discovery_request(const obs_ics_op *op)
{
    static const char *const names[] = { "list_identity", "list_services", "who_is", "who_has",
                                         "read_device_identification", "report_server_id", "report_slave_id" };
    if (op->s7.has_szl) return true;
    if (!op->function_name) return false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (op->function_name[0] == names[i][0] && !strcmp(op->function_name, names[i])) return true;
    return false;
}

static void on_ics(detect_engine *e, scan_state *st, const net_observation *o)
{
    const obs_ics_op *op = &o->u.ics;
    const net_flow *f = o->flow;
    if (!f || op->is_response || o->dir != NET_DIR_TO_SERVER || !discovery_request(op)) return;
    detect_host h = detect_lookup(e, &f->client), d = detect_lookup(e, &f->server);
    if (scanner_exempt(e, &h) || detect_may_write(e, d.asset, h.asset)) return;   /* its own masters may ask */
    scan_source *s = source_get(e, st, &f->client, o->ts);
    if (o->ts - s->disc_start > e->cfg.scan_window) { s->disc_start = o->ts; s->n_disc = 0; }
    uint8_t key[20];
    memcpy(key, f->server.b, 16);
    memcpy(key + 16, &op->unit_id, 4);
    uint32_t dh = (uint32_t)detect_hash_bytes(key, sizeof key, 17);
    for (uint16_t i = 0; i < s->n_disc; i++)
        if (s->disc[i] == dh) return;
    if (s->n_disc < SCAN_DISCOVERY) s->disc[s->n_disc++] = dh;
    if (s->n_disc == e->cfg.discovery_targets)
        scan_alert(e, RULE_SCAN_ICS_DISCOVERY, f, &f->server, f->server_port, s->n_disc, o->ts, o->frame,
                   "devices (or unit ids) sent identity requests");
}

static void scan_observe(detect_engine *e, void *state, const net_observation *o)
{
    if (o->kind == OBS_FLOW_END && o->flow) on_flow_end(e, state, o->flow);
    else if (o->kind == OBS_ICS_OP) on_ics(e, state, o);
}

const detect_family detect_family_scan = {
    "scan", OBS_MASK(OBS_FLOW_END) | OBS_MASK(OBS_ICS_OP), scan_state_size, scan_observe,
};
