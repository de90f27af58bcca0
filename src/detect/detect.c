/* detect.c - the detection engine: the rule table, family dispatch, model
 * lookups behind a direct-mapped cache, and the bounded dedup table that
 * keeps one alert per rule and key per window. */
#include "detect/detect.h"
#include <stdlib.h>
#include <string.h>
#include "detect/detect_internal.h"

const detect_rule detect_rules[RULE__COUNT] = {
#define DETECT_RULE(e, id, name, tech, sev, family, fw) [RULE_##e] = { id, name, tech, sev, family, DF_##fw },
#include "detect/rules.def"
#undef DETECT_RULE
};

static const detect_family *const families[] = {
#define DETECT_FAMILY(sym) &sym,
#include "detect/families.def"
#undef DETECT_FAMILY
};
#define N_FAMILIES (sizeof families / sizeof families[0])

const char *detect_severity_name(detect_severity s)
{
    static const char *const names[] = { "low", "medium", "high", "critical" };
    return (unsigned)s < SEV__COUNT ? names[s] : "unknown";
}

const char *detect_framework_name(detect_framework f)
{
    return f == DF_ENTERPRISE ? "MITRE ATT&CK" : "MITRE ATT&CK for ICS";
}

void detect_config_default(detect_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->dedup_capacity = 65536;
    cfg->dedup_window = (sw_time_us)3600 * 1000000;
    cfg->scan_sources = 2048;
    cfg->scan_window = (sw_time_us)60 * 1000000;
    cfg->scan_hosts = 10;
    cfg->scan_ports = 8;
    cfg->discovery_targets = 8;
    cfg->scan_skip_eng = true;
    cfg->rogue_ot = true;
    cfg->rogue_phys = false;
    cfg->program_authorised = true;
    cfg->baseline_phys = false;
    cfg->baseline_capacity = 262144;
    cfg->intel_capacity = 1048576;
    cfg->beacon_slots = 4096;
    cfg->beacon_intervals = 6;
    cfg->beacon_jitter_pct = 10;
    cfg->beacon_min_interval = (sw_time_us)5 * 1000000;
    cfg->beacon_max_interval = (sw_time_us)6 * 3600 * 1000000;
    cfg->beacon_internal = false;
    cfg->pivot_hosts = 256;
    cfg->pivot_window = (sw_time_us)3600 * 1000000;
    cfg->phys_max_speed = 12.0;
    cfg->phys_min_distance = 150.0;
    cfg->phys_remote_window = (sw_time_us)2 * 3600 * 1000000;
    cfg->phys_camera_silence = (sw_time_us)120 * 1000000;   /* video is continuous: two minutes without it is an outage */
}

uint64_t detect_hash_bytes(const void *p, size_t n, uint64_t h)
{
    const uint8_t *b = p;
    h ^= 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 0x100000001b3ull; }
    h ^= h >> 31; h *= 0x7fb5d329728ea185ull; h ^= h >> 27;
    return h;
}

uint64_t detect_key(detect_rule_id rule, const ip_addr *a, const ip_addr *b, uint32_t port, uint64_t extra)
{
    uint8_t buf[16 + 16 + 4 + 8 + 4];
    memset(buf, 0, sizeof buf);
    if (a) memcpy(buf, a->b, 16);
    if (b) memcpy(buf + 16, b->b, 16);
    memcpy(buf + 32, &port, 4);
    memcpy(buf + 36, &extra, 8);
    uint32_t r = (uint32_t)rule;
    memcpy(buf + 44, &r, 4);
    uint64_t k = detect_hash_bytes(buf, sizeof buf, 0x5eaa11);
    return k ? k : 1;
}

static uint32_t pow2_at_least(uint32_t n)
{
    uint32_t p = 16;
    while (p < n && p < (1u << 30)) p <<= 1;
    return p;
}

detect_engine *detect_create(const port_model *m, const detect_config *cfg, detect_alert_fn fn, void *user)
{
    detect_engine *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->m = m;
    if (cfg) e->cfg = *cfg; else detect_config_default(&e->cfg);
    e->fn = fn;
    e->user = user;
    /* The scan tables keep 32 distinct values per port or host. */
    if (e->cfg.scan_hosts > 32) e->cfg.scan_hosts = 32;
    if (e->cfg.scan_ports > 32) e->cfg.scan_ports = 32;
    if (e->cfg.discovery_targets > 32) e->cfg.discovery_targets = 32;
    if (e->cfg.scan_hosts < 2) e->cfg.scan_hosts = 2;
    if (e->cfg.scan_ports < 2) e->cfg.scan_ports = 2;
    if (e->cfg.discovery_targets < 2) e->cfg.discovery_targets = 2;
    if (e->cfg.beacon_intervals < 3) e->cfg.beacon_intervals = 3;
    if (e->cfg.beacon_intervals > 15) e->cfg.beacon_intervals = 15;
    uint32_t cap = pow2_at_least(e->cfg.dedup_capacity);
    e->dedup = calloc(cap, sizeof *e->dedup);
    e->dedup_mask = cap - 1;
    e->remote_zone = calloc(m->n_zones ? m->n_zones : 1, sizeof *e->remote_zone);
    e->state = calloc(N_FAMILIES, sizeof *e->state);
    e->stats.memory = sizeof *e + (size_t)cap * sizeof *e->dedup + m->n_zones + N_FAMILIES * sizeof(void *);
    if (!e->dedup || !e->remote_zone || !e->state) { detect_destroy(e); return NULL; }
    _Static_assert(N_FAMILIES <= 32, "by_kind holds 32 families");
    for (size_t i = 0; i < N_FAMILIES; i++)
        for (int k = 0; k < OBS__COUNT; k++)
            if (families[i]->kinds & OBS_MASK(k)) e->by_kind[k][e->n_by_kind[k]++] = (uint8_t)i;
    for (size_t i = 0; i < N_FAMILIES; i++) {
        e->kinds |= families[i]->kinds;
        if (!families[i]->state_size) continue;
        size_t sz = families[i]->state_size(&e->cfg);
        e->state[i] = calloc(1, sz);
        if (!e->state[i]) { detect_destroy(e); return NULL; }
        e->stats.memory += sz;
    }
    /* Zones an adversary lands in through remote access: alerts from them name T0886. */
    for (size_t i = 0; i < m->n_entry_points; i++) {
        const model_entry_point *ep = &m->entry_points[i];
        if (!ep->kind || strcmp(ep->kind, "remote-access") != 0) continue;
        for (size_t k = 0; k < ep->reaches.len; k++) {
            const model_zone *z = model_zone_by_id(m, ep->reaches.items[k]);
            if (!z) {
                const model_asset *a = model_asset_by_id(m, ep->reaches.items[k]);
                if (a && a->zone) z = model_zone_by_id(m, a->zone);
            }
            if (z) e->remote_zone[z - m->zones] = true;
        }
    }
    return e;
}

void detect_destroy(detect_engine *e)
{
    if (!e) return;
    if (e->state)
        for (size_t i = 0; i < N_FAMILIES; i++) free(e->state[i]);
    free(e->state);
    free(e->dedup);
    free(e->remote_zone);
    free(e);
}

void detect_observe(detect_engine *e, const net_observation *o)
{
    if ((unsigned)o->kind >= OBS__COUNT) return;
    for (size_t k = 0; k < e->n_by_kind[o->kind]; k++) {
        size_t i = e->by_kind[o->kind][k];
        families[i]->observe(e, e->state[i], o);
    }
}

static void sink_emit(void *user, const net_observation *o) { detect_observe(user, o); }

obs_sink detect_sink(detect_engine *e)
{
    obs_sink s = { sink_emit, e, e->kinds };
    return s;
}

const detect_stats *detect_get_stats(const detect_engine *e) { return &e->stats; }

void *detect_family_state(detect_engine *e, const detect_family *f)
{
    for (size_t i = 0; i < N_FAMILIES; i++)
        if (families[i] == f) return e->state[i];
    return NULL;
}

detect_host detect_lookup(detect_engine *e, const ip_addr *ip)
{
    /* Every ICS operation looks up both ends: a two-word hash, not byte-wise FNV. */
    uint64_t w0, w1;
    memcpy(&w0, ip->b, 8);
    memcpy(&w1, ip->b + 8, 8);
    uint64_t h = w0 ^ (w1 << 32 | w1 >> 32);   /* MurmurHash3's 64-bit finaliser: every bit reaches the low ones */
    h ^= h >> 33; h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    uint32_t i = (uint32_t)h & (DETECT_HOST_CACHE - 1);
    detect_host_slot *s = &e->cache[i];
    if (s->used && ip_eq(&s->ip, ip)) return s->h;
    s->used = true;
    s->ip = *ip;
    s->h.zone = model_zone_for_ip(e->m, ip);
    s->h.asset = model_asset_for_ip(e->m, ip);
    return s->h;
}

bool detect_zone_is_ot(const model_zone *z) { return z && !z->catch_all && z->domain == DOMAIN_OT; }

bool detect_addr_unroutable(const detect_engine *e, const ip_addr *ip, const model_zone *z)
{
    (void)e;
    if (ip->v4) {
        uint32_t a = ip_to_v4(ip);
        if (a == 0 || a == 0xffffffffu) return true;
        if ((a >> 28) == 0xe) return true;                 /* 224.0.0.0/4 */
        if ((a >> 16) == 0xa9fe) return true;              /* 169.254.0.0/16 */
    } else {
        if (ip->b[0] == 0xff) return true;
        if (ip->b[0] == 0xfe && (ip->b[1] & 0xc0) == 0x80) return true;
        static const uint8_t zero[16];
        if (!memcmp(ip->b, zero, 16)) return true;
    }
    if (z && !z->catch_all && ip->v4)
        for (size_t i = 0; i < z->n_networks; i++) {
            const ip_net *n = &z->networks[i];
            if (!n->addr.v4 || n->prefix > 30 || !ip_net_contains(n, ip)) continue;
            uint32_t last = ip_to_v4(&n->addr) | (0xffffffffu >> n->prefix);
            if (ip_to_v4(ip) == last) return true;
        }
    return false;
}

bool detect_asset_is_kind(const model_asset *a, const char *kind)
{
    return a && a->kind && strcmp(a->kind, kind) == 0;
}

bool detect_write_enforced(const model_asset *t)
{
    static const char *const controllers[] = { "plc", "safety-plc", "rtu", "substation-controller", "relay",
                                               "gate-controller", "bms-controller", "drive", "shore-power" };
    if (!t) return false;
    if (t->may_write.len) return true;
    for (size_t i = 0; i < sizeof controllers / sizeof *controllers; i++)
        if (detect_asset_is_kind(t, controllers[i])) return true;
    return false;
}

bool detect_may_write(const detect_engine *e, const model_asset *target, const model_asset *writer)
{
    if (!target || !writer) return false;
    int wi = (int)(writer - e->m->assets);
    for (size_t i = 0; i < target->may_write.len; i++) {
        if (target->may_write_index && target->may_write_index[i] == wi) return true;
        if (target->may_write.items[i] && strcmp(target->may_write.items[i], writer->id) == 0) return true;
    }
    return false;
}

void detect_alert_init(detect_engine *e, detect_alert *a, detect_rule_id rule, sw_time_us ts, const ip_addr *src,
                       const ip_addr *dst, uint16_t sport, uint16_t dport, uint8_t ip_proto)
{
    memset(a, 0, sizeof *a);
    a->rule = rule;
    a->severity = detect_rules[rule].severity;
    a->ts = ts;
    a->src_port = sport;
    a->dst_port = dport;
    a->ip_proto = ip_proto;
    if (src) {
        a->has_src = true;
        a->src = *src;
        detect_host h = detect_lookup(e, src);
        a->zone_src = h.zone;
        a->asset_src = h.asset;
    }
    if (dst) {
        a->has_dst = true;
        a->dst = *dst;
        detect_host h = detect_lookup(e, dst);
        a->zone_dst = h.zone;
        a->asset_dst = h.asset;
    }
}

void detect_alert_from_flow(detect_engine *e, detect_alert *a, detect_rule_id rule, const net_flow *f)
{
    detect_alert_init(e, a, rule, f->first_ts, &f->client, &f->server, f->client_port, f->server_port, f->ip_proto);
    detect_alert_add_frame(a, f->first_frame);
}

void detect_alert_add_frame(detect_alert *a, uint64_t frame)
{
    if (!frame || a->n_frames == DETECT_MAX_FRAMES) return;
    for (size_t i = 0; i < a->n_frames; i++)
        if (a->frames[i] == frame) return;
    a->frames[a->n_frames++] = frame;
}

void detect_alert_add_technique(detect_alert *a, const char *t)
{
    if (strstr(detect_rules[a->rule].techniques, t)) return;
    for (size_t i = 0; i < a->n_extra; i++)
        if (!strcmp(a->extra_techniques[i], t)) return;
    if (a->n_extra < DETECT_MAX_EXTRA_TECH) a->extra_techniques[a->n_extra++] = t;
}

bool detect_raise(detect_engine *e, detect_alert *a, uint64_t key)
{
    /* Linear probe over a short window; when it is full the oldest entry goes. */
    uint32_t i = (uint32_t)key & e->dedup_mask, victim = i;
    sw_time_us oldest = INT64_MAX;
    for (uint32_t k = 0; k < 8; k++) {
        detect_dedup_slot *s = &e->dedup[(i + k) & e->dedup_mask];
        if (s->key == key) {
            sw_time_us age = a->ts - s->ts;
            if (age < e->cfg.dedup_window) { e->stats.suppressed++; return false; }
            s->ts = a->ts;
            goto emit;
        }
        if (s->key == 0) { victim = (i + k) & e->dedup_mask; oldest = INT64_MIN; break; }
        if (s->ts < oldest) { oldest = s->ts; victim = (i + k) & e->dedup_mask; }
    }
    if (e->dedup[victim].key) e->stats.dedup_evictions++;
    e->dedup[victim].key = key;
    e->dedup[victim].ts = a->ts;
emit:
    if (detect_rules[a->rule].framework == DF_AUTO)
        a->framework = (detect_zone_is_ot(a->zone_src) || detect_zone_is_ot(a->zone_dst)) ? DF_ICS : DF_ENTERPRISE;
    else
        a->framework = detect_rules[a->rule].framework;
    e->stats.alerts[a->rule]++;
    if (e->fn) e->fn(e->user, a);
    return true;
}
