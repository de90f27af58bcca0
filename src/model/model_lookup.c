/* model_lookup.c - finding things in a loaded model: by id, by address,
 * and the names of the model's enumerations and kind tables. */
#include <stdint.h>
#include <string.h>
#include "model/model.h"

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

/* Longest prefix wins, so a zone inside the internet zone's 0.0.0.0/0 is found
 * first; on a tie the zone written first wins. */
const model_zone *model_zone_for_ip(const port_model *m, const ip_addr *ip)
{
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
