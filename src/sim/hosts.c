/* hosts.c - the simulator's host table built from the port model, and the
 * model facts traffic must respect: zones, conduits, may_write, gateways
 * and plausible delays. Synthetic internet peers live here too. */
#include "sim/engine.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/hashmap.h"

/* Synthetic internet services workstations reach. Addresses come from the
 * RFC 5737 documentation ranges so they can never be mistaken for real ones. */
static const struct { const char *name; const char *ip; } internet_peers[] = {
    { "login.microsoftonline.com", "203.0.113.10" },
    { "outlook.office365.com",     "203.0.113.11" },
    { "www.imo.org",               "203.0.113.20" },
    { "api.portcdm.eu",            "203.0.113.21" },
    { "updates.vendor-crane.com",  "198.51.100.30" },
    { "www.marinetraffic.com",     "198.51.100.31" },
    { "erp.cloud-provider.net",    "198.51.100.40" },
    { "customs.gov.example",       "198.51.100.41" },
};

static bool icontains(const char *hay, const char *needle)
{
    if (!hay || !needle) return false;
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i])) i++;
        if (i == n) return true;
    }
    return false;
}

static uint64_t hash_str(const char *s) { return hash_bytes(s, strlen(s)); }

int sim_zone_index(const sim_ctx *c, const char *zone_id)
{
    if (!zone_id) return -1;
    for (size_t i = 0; i < c->m->n_zones; i++)
        if (c->m->zones[i].id && strcmp(c->m->zones[i].id, zone_id) == 0) return (int)i;
    return -1;
}

static bool grow_hosts(sim_ctx *c)
{
    if (c->n_hosts < c->cap_hosts) return true;
    size_t cap = c->cap_hosts ? c->cap_hosts * 2 : 256;
    sim_host *h = realloc(c->hosts, cap * sizeof *h);
    if (!h) return false;
    c->hosts = h;
    c->cap_hosts = cap;
    return true;
}

/* Ephemeral ports start at a per-host offset so two hosts' first
 * connections do not share a source port. */
static void host_defaults(sim_host *h, uint64_t hash)
{
    h->ttl = h->windows ? 128 : 64;
    h->ip_id = (uint16_t)(hash >> 16);
    h->next_port = (uint16_t)((h->windows ? 49152 : 32768) + (hash >> 32) % 4096);
}

int sim_host_add(sim_ctx *c, const char *id, uint32_t ip, const uint8_t mac[6], int zone, bool windows)
{
    if (!grow_hosts(c)) return -1;
    sim_host *h = &c->hosts[c->n_hosts];
    memset(h, 0, sizeof *h);
    h->id = arena_strdup(&c->mem, id);
    h->ip = ip;
    memcpy(h->mac, mac, 6);
    h->zone = zone;
    h->windows = windows;
    host_defaults(h, hash_str(id));
    return (int)c->n_hosts++;
}

/* Windows hosts send TTL 128 and Windows-range ephemeral ports; the model
 * says so in product or cpe, or by kind for desks that are Windows by habit. */
static bool asset_is_windows(const model_asset *a)
{
    if (icontains(a->product, "windows") || icontains(a->cpe, "microsoft:windows")) return true;
    if (icontains(a->product, "linux") || icontains(a->cpe, "linux")) return false;
    static const char *const win_kinds[] = { "workstation", "eng-workstation", "hmi", "laptop", "domain-controller" };
    for (size_t i = 0; i < sizeof win_kinds / sizeof *win_kinds; i++)
        if (a->kind && strcmp(a->kind, win_kinds[i]) == 0) return true;
    return false;
}

/* Assets without a MAC get a stable locally administered one (bit 0x02
 * set, multicast bit clear) derived from the asset id, not the seed, so a
 * host keeps its identity across runs. */
static void derived_mac(const char *id, uint8_t mac[6])
{
    uint64_t h = hash_str(id);
    mac[0] = 0x02;
    mac[1] = 0x53;                         /* 'S': keeps clear of vendor-registered 02:xx prefixes */
    for (int i = 2; i < 6; i++) mac[i] = (uint8_t)(h >> (8 * i));
}

sw_code sim_hosts_build(sim_ctx *c, sw_error *err)
{
    const port_model *m = c->m;
    c->gw = arena_alloc(&c->mem, (m->n_zones + 1) * sizeof *c->gw);
    if (!c->gw) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    int internet = -1;
    for (size_t z = 0; z < m->n_zones; z++) {
        const model_zone *zn = &m->zones[z];
        /* An HSRP virtual MAC per zone: what a routed campus shows at L2. */
        static const uint8_t hsrp[5] = { 0x00, 0x00, 0x0c, 0x07, 0xac };
        memcpy(c->gw[z].mac, hsrp, 5);
        c->gw[z].mac[5] = (uint8_t)z;
        for (size_t k = 0; k < zn->n_networks; k++) {
            const ip_net *n = &zn->networks[k];
            if (!n->addr.v4) continue;
            if (n->prefix == 0) { if (internet < 0) internet = (int)z; continue; }
            if (n->prefix <= 30 && !c->gw[z].ip) c->gw[z].ip = ip_to_v4(&n->addr) + 1;
        }
    }
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        const ip_addr *v4 = NULL;
        for (size_t k = 0; k < a->n_ips && !v4; k++)
            if (a->ips[k].v4) v4 = &a->ips[k];
        if (!v4 || !a->id) continue;          /* IPv6-only and address-less assets stay silent */
        if (!grow_hosts(c)) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
        sim_host *h = &c->hosts[c->n_hosts++];
        memset(h, 0, sizeof *h);
        h->id = a->id;
        h->asset = a;
        h->ip = ip_to_v4(v4);
        if (a->has_mac) memcpy(h->mac, a->mac, 6);
        else derived_mac(a->id, h->mac);
        h->zone = a->zone_index >= 0 && (size_t)a->zone_index < m->n_zones ? a->zone_index : sim_zone_index(c, a->zone);
        h->windows = asset_is_windows(a);
        host_defaults(h, hash_str(a->id));
    }
    /* A router or firewall in the zone is its gateway; an asset already on
     * the .1 address is too (it would otherwise answer ARP in conflict). */
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (h->zone < 0) continue;
        bool router = sim_host_kind(h, "router") || sim_host_kind(h, "firewall");
        if (router || h->ip == c->gw[h->zone].ip) {
            memcpy(c->gw[h->zone].mac, h->mac, 6);
            c->gw[h->zone].ip = h->ip;
        }
    }
    if (internet >= 0) {
        for (size_t i = 0; i < sizeof internet_peers / sizeof *internet_peers; i++) {
            ip_addr ip;
            if (!ip_parse(internet_peers[i].ip, &ip)) continue;
            uint8_t mac[6];
            derived_mac(internet_peers[i].name, mac);
            int h = sim_host_add(c, internet_peers[i].name, ip_to_v4(&ip), mac, internet, false);
            if (h < 0) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
            c->hosts[h].external = true;
            c->hosts[h].dns_name = internet_peers[i].name;
            /* Seen after a dozen or so routers. */
            c->hosts[h].ttl = (uint8_t)(64 - 9 - hash_str(internet_peers[i].name) % 8);
        }
    }
    return SW_OK;
}

int sim_host_by_asset(const sim_ctx *c, const char *asset_id)
{
    for (size_t i = 0; i < c->n_hosts; i++)
        if (c->hosts[i].asset && strcmp(c->hosts[i].id, asset_id) == 0) return (int)i;
    return -1;
}

bool sim_host_kind(const sim_host *h, const char *kind)
{
    return h->asset && h->asset->kind && strcmp(h->asset->kind, kind) == 0;
}

bool sim_host_vendor(const sim_host *h, const char *vendor)
{
    return h->asset && icontains(h->asset->vendor, vendor);
}

bool sim_host_is(const sim_host *h, const char *word)
{
    const model_asset *a = h->asset;
    if (!a) return false;
    if (a->kind && icontains(a->kind, word)) return true;
    if (icontains(a->id, word) || icontains(a->name, word) || icontains(a->product, word)) return true;
    for (size_t i = 0; i < a->tags.len; i++)
        if (icontains(a->tags.items[i], word)) return true;
    return false;
}

const model_zone *sim_host_zone(const sim_ctx *c, const sim_host *h)
{
    return h->zone >= 0 ? &c->m->zones[h->zone] : NULL;
}

static int conduit_end(const sim_ctx *c, int index, const char *id)
{
    return index >= 0 && (size_t)index < c->m->n_zones ? index : sim_zone_index(c, id);
}

static bool service_matches(const model_service *s, uint8_t ip_proto, uint16_t port, const char *service)
{
    if (s->name && service && strcasecmp(s->name, service) == 0) return true;
    if (s->name && s->ip_proto == 0 && s->port_lo == 0 && s->port_hi == 0) return false;  /* unresolved name */
    if (s->ip_proto && s->ip_proto != ip_proto) return false;
    if (s->port_lo == 0 && s->port_hi == 0) return true;
    uint16_t hi = s->port_hi ? s->port_hi : s->port_lo;
    return port >= s->port_lo && port <= hi;
}

bool sim_allowed(const sim_ctx *c, int client, int server, uint8_t ip_proto, uint16_t port, const char *service)
{
    int cz = c->hosts[client].zone, sz = c->hosts[server].zone;
    if (cz < 0 || sz < 0) return false;
    if (cz == sz) return true;
    for (size_t i = 0; i < c->m->n_conduits; i++) {
        const model_conduit *k = &c->m->conduits[i];
        int from = conduit_end(c, k->from_index, k->from), to = conduit_end(c, k->to_index, k->to);
        if (!((from == cz && to == sz) || (k->bidirectional && from == sz && to == cz))) continue;
        for (size_t s = 0; s < k->n_services; s++)
            if (service_matches(&k->services[s], ip_proto, port, service)) return true;
    }
    return false;
}

int sim_seg_verdict(const sim_ctx *c, int client, int server, uint8_t ip_proto, uint16_t port, const char *service)
{
    int cz = c->hosts[client].zone, sz = c->hosts[server].zone;
    if (cz < 0 || sz < 0 || cz == sz) return SIM_SEG_ALLOWED;
    bool any = false, reverse = false;
    for (size_t i = 0; i < c->m->n_conduits; i++) {
        const model_conduit *k = &c->m->conduits[i];
        int from = conduit_end(c, k->from_index, k->from), to = conduit_end(c, k->to_index, k->to);
        bool fwd = from == cz && to == sz, back = from == sz && to == cz;
        if (!fwd && !back) continue;
        any = true;
        bool ok = false;
        for (size_t s = 0; s < k->n_services && !ok; s++) ok = service_matches(&k->services[s], ip_proto, port, service);
        if (ok && (fwd || k->bidirectional)) return SIM_SEG_ALLOWED;
        if (ok) reverse = true;
    }
    return reverse ? SIM_SEG_DIRECTION : any ? SIM_SEG_SERVICE : SIM_SEG_NO_CONDUIT;
}

bool sim_may_write(const sim_ctx *c, int client, int server)
{
    const sim_host *cl = &c->hosts[client], *sv = &c->hosts[server];
    if (!cl->asset || !sv->asset) return false;
    for (size_t i = 0; i < sv->asset->may_write.len; i++)
        if (strcmp(sv->asset->may_write.items[i], cl->id) == 0) return true;
    return false;
}

sw_time_us sim_base_owd(const sim_ctx *c, int a, int b)
{
    const sim_host *x = &c->hosts[a], *y = &c->hosts[b];
    if (x->external || y->external) {
        const sim_host *far = x->external ? x : y;
        return 8000 + (sw_time_us)(hash_str(far->id) % 27000);          /* 8-35 ms each way */
    }
    uint64_t zh = (uint64_t)(x->zone + 1) * 1315423911u ^ (uint64_t)(y->zone + 1) * 2654435761u;
    zh ^= zh >> 13;
    if (x->zone == y->zone) return 80 + (sw_time_us)(zh % 170);          /* one switch: 0.16-0.5 ms RTT */
    return 250 + (sw_time_us)(zh % 650);                                 /* routed, maybe a firewall: 0.5-1.8 ms RTT */
}

uint32_t sim_zone_free_ip(const sim_ctx *c, int zone, prng *r)
{
    if (zone < 0) return 0;
    const model_zone *z = &c->m->zones[zone];
    for (size_t k = 0; k < z->n_networks; k++) {
        const ip_net *n = &z->networks[k];
        if (!n->addr.v4 || n->prefix < 16 || n->prefix > 28) continue;
        uint32_t base = ip_to_v4(&n->addr), size = 1u << (32 - n->prefix);
        for (int tries = 0; tries < 256; tries++) {
            uint32_t ip = base + 10 + (uint32_t)prng_below(r, size - 12);
            bool used = ip == c->gw[zone].ip;
            for (size_t i = 0; i < c->n_hosts && !used; i++) used = c->hosts[i].ip == ip;
            if (!used) return ip;
        }
    }
    return 0;
}

static const uint8_t *gateway_mac(const sim_ctx *c, int zone)
{
    static const uint8_t fallback[6] = { 0x00, 0x00, 0x0c, 0x07, 0xac, 0xff };
    return zone >= 0 ? c->gw[zone].mac : fallback;
}

/* The capture point is the sender's access port; external senders have
 * none, so their frames are shown leaving the receiver's gateway. */
void sim_ends(sim_ctx *c, int src, int dst, pkt_ends *e)
{
    sim_host *s = &c->hosts[src];
    const sim_host *d = &c->hosts[dst];
    if (s->external) {
        memcpy(e->smac, gateway_mac(c, d->zone), 6);
        memcpy(e->dmac, d->mac, 6);
    } else if (d->external || s->zone != d->zone || s->zone < 0) {
        memcpy(e->smac, s->mac, 6);
        /* A zone's gateway sends straight onto the peer's segment. */
        bool is_gw = s->zone >= 0 && c->gw[s->zone].ip == s->ip;
        memcpy(e->dmac, is_gw && !d->external ? d->mac : gateway_mac(c, s->zone), 6);
    } else {
        memcpy(e->smac, s->mac, 6);
        memcpy(e->dmac, d->mac, 6);
    }
    e->sip = s->ip;
    e->dip = d->ip;
    e->ttl = s->ttl;
    e->ip_id = s->ip_id++;
    e->dont_fragment = true;
}
