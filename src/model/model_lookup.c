/* model_lookup.c - finding things in a loaded model: by id, by address,
 * and the names of the model's enumerations and kind tables. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "model/model_internal.h"

const char *const model_asset_kinds[] = {
    /* OT control */
    "plc", "rtu", "hmi", "eng-workstation", "historian", "scada-server", "ipc", "drive", "safety-plc",
    "crane-controller", "agv", "asc", "straddle-carrier", "reefer-monitor", "sensor", "actuator",
    "gateway", "protocol-converter", "ups", "power-meter", "relay", "substation-controller",
    "bms-controller", "shore-power",
    /* maritime */
    "radar", "ais-base", "vts-server", "vhf-radio", "gnss", "weather-station", "tide-gauge",
    /* port operations */
    "tos-server", "gate-controller", "ocr", "lpr", "weighbridge", "scanner", "handheld",
    /* physical security */
    "camera", "nvr", "vms", "badge-reader", "acs-server", "acs-controller", "turnstile",
    "barrier", "intercom", "alarm-panel", "fence-sensor",
    /* IT */
    "server", "workstation", "laptop", "thin-client", "database", "domain-controller",
    "mail-server", "web-server", "file-server", "jump-host", "vpn-gateway", "virtualization-host",
    "siem", "backup-server", "printer", "phone", "mobile", "tablet",
    /* network */
    "switch", "router", "firewall", "wireless-ap", "wireless-controller", "modem", "data-diode",
    "load-balancer", "cloud-service",
};
const size_t model_n_asset_kinds = sizeof model_asset_kinds / sizeof model_asset_kinds[0];

const char *const model_entry_kinds[] = {
    "internet", "remote-access", "email", "wifi", "physical", "removable-media", "supply-chain",
    "cellular", "satellite", "vessel", "partner-link", "cloud",
};
const size_t model_n_entry_kinds = sizeof model_entry_kinds / sizeof model_entry_kinds[0];

bool model_asset_kind_known(const char *kind)
{
    for (size_t i = 0; kind && i < model_n_asset_kinds; i++)
        if (strcmp(model_asset_kinds[i], kind) == 0) return true;
    return false;
}

static const char *const domain_names[DOMAIN__COUNT] = { "it", "ot", "phys" };
static const char *const criticality_names[CRIT__COUNT] = { "low", "medium", "high", "crown-jewel" };

const char *model_domain_name(model_domain d)
{
    return (unsigned)d < DOMAIN__COUNT ? domain_names[d] : "?";
}

bool model_domain_parse(const char *s, model_domain *out)
{
    for (int i = 0; s && i < DOMAIN__COUNT; i++)
        if (strcmp(s, domain_names[i]) == 0) { *out = (model_domain)i; return true; }
    return false;
}

const char *model_criticality_name(model_criticality c)
{
    return (unsigned)c < CRIT__COUNT ? criticality_names[c] : "?";
}

bool model_criticality_parse(const char *s, model_criticality *out)
{
    for (int i = 0; s && i < CRIT__COUNT; i++)
        if (strcmp(s, criticality_names[i]) == 0) { *out = (model_criticality)i; return true; }
    return false;
}

/* The maps hold 1-based indexes so that NULL can mean absent. */
static long index_in(const hashmap *map, const char *key, size_t count)
{
    if (!key) return -1;
    intptr_t v = (intptr_t)hashmap_get(map, key);
    return v >= 1 && (size_t)v <= count ? (long)v - 1 : -1;
}

const model_zone *model_zone_by_id(const port_model *m, const char *id)
{
    long i = index_in(&m->zone_by_id, id, m->n_zones);
    return i < 0 ? NULL : &m->zones[i];
}

const model_asset *model_asset_by_id(const port_model *m, const char *id)
{
    long i = index_in(&m->asset_by_id, id, m->n_assets);
    return i < 0 ? NULL : &m->assets[i];
}

const model_person *model_person_by_id(const port_model *m, const char *id)
{
    long i = index_in(&m->person_by_id, id, m->n_people);
    return i < 0 ? NULL : &m->people[i];
}

static int net_entry_cmp(const void *pa, const void *pb)
{
    const model_net_entry *a = pa, *b = pb;
    if (a->net.addr.v4 != b->net.addr.v4) return a->net.addr.v4 ? -1 : 1;
    int c = ip_cmp(&a->net.addr, &b->net.addr);
    if (c) return c;
    if (a->net.prefix != b->net.prefix) return a->net.prefix < b->net.prefix ? -1 : 1;
    if (a->zone != b->zone) return a->zone < b->zone ? -1 : 1;
    return a->network < b->network ? -1 : a->network > b->network;
}

/* CIDR networks either nest or are disjoint. Sorted by address, shortest
 * prefix first, each network's enclosing one is found with a stack of the
 * networks still open, so building is O(n log n). */
bool model_index_networks(port_model *m)
{
    size_t total = 0;
    m->catch_all_v4 = m->catch_all_v6 = -1;
    for (size_t z = 0; z < m->n_zones; z++)
        for (size_t i = 0; i < m->zones[z].n_networks; i++) {
            const ip_net *net = &m->zones[z].networks[i];
            if (net->prefix > 0) total++;
            else if (net->addr.v4 && m->catch_all_v4 < 0) m->catch_all_v4 = (int)z;
            else if (!net->addr.v4 && m->catch_all_v6 < 0) m->catch_all_v6 = (int)z;
        }
    m->n_net_index = 0;
    m->net_index = total ? arena_alloc(&m->mem, total * sizeof *m->net_index) : NULL;
    int *stack = total ? malloc(total * sizeof *stack) : NULL;
    if (total && (!m->net_index || !stack)) {
        free(stack);
        return false;
    }
    for (size_t z = 0; z < m->n_zones; z++)
        for (size_t i = 0; i < m->zones[z].n_networks; i++)
            if (m->zones[z].networks[i].prefix > 0)
                m->net_index[m->n_net_index++] = (model_net_entry){ m->zones[z].networks[i], (int)z, (int)i, -1 };
    if (m->n_net_index > 1) qsort(m->net_index, m->n_net_index, sizeof *m->net_index, net_entry_cmp);
    size_t depth = 0;
    for (size_t i = 0; i < m->n_net_index; i++) {
        model_net_entry *e = &m->net_index[i];
        while (depth > 0 && !ip_net_contains(&m->net_index[stack[depth - 1]].net, &e->net.addr)) depth--;
        e->parent = depth > 0 ? stack[depth - 1] : -1;
        stack[depth++] = (int)i;
    }
    free(stack);
    m->net_index_ready = true;
    return true;
}

/* The last entry whose start is <= ip holds ip, or one of its enclosing
 * networks does, or none does: every network holding ip starts at or before
 * that entry and, being CIDR, encloses it. */
static const model_zone *indexed_zone_for_ip(const port_model *m, const ip_addr *ip)
{
    size_t lo = 0, hi = m->n_net_index;   /* first entry starting after ip */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ip_addr *start = &m->net_index[mid].net.addr;
        bool after = start->v4 != ip->v4 ? !start->v4 : ip_cmp(start, ip) > 0;
        if (after) hi = mid;
        else lo = mid + 1;
    }
    int e = (int)lo - 1;
    while (e >= 0 && !ip_net_contains(&m->net_index[e].net, ip)) e = m->net_index[e].parent;
    if (e >= 0) {
        /* The same network written twice: the first one written wins. */
        while (m->net_index[e].parent >= 0 && m->net_index[m->net_index[e].parent].net.prefix == m->net_index[e].net.prefix)
            e = m->net_index[e].parent;
        return &m->zones[m->net_index[e].zone];
    }
    int all = ip->v4 ? m->catch_all_v4 : m->catch_all_v6;
    return all >= 0 ? &m->zones[all] : NULL;
}

/* Longest prefix wins, so a zone inside the internet zone's 0.0.0.0/0 is found
 * first; on a tie the zone written first wins. */
const model_zone *model_zone_for_ip(const port_model *m, const ip_addr *ip)
{
    if (m->net_index_ready) return indexed_zone_for_ip(m, ip);

    const model_zone *best = NULL;
    int best_prefix = -1;
    for (size_t z = 0; z < m->n_zones; z++) {
        const model_zone *zone = &m->zones[z];
        for (size_t n = 0; n < zone->n_networks; n++) {
            const ip_net *net = &zone->networks[n];
            if (net->addr.v4 != ip->v4 || !ip_net_contains(net, ip)) continue;
            if ((int)net->prefix > best_prefix) {
                best = zone;
                best_prefix = net->prefix;
            }
        }
    }
    return best;
}

const model_asset *model_asset_for_ip(const port_model *m, const ip_addr *ip)
{
    char buf[IP_STR_MAX];
    long i = index_in(&m->asset_by_ip, ip_fmt(ip, buf), m->n_assets);
    return i < 0 ? NULL : &m->assets[i];
}
