/* plan.c - role predicates and client/server pickers (see plan.h). The
 * predicates read kind first and fall back on words in id, name, product
 * and tags, so a hand-written port.yaml need not use one vocabulary; who
 * serves an ICS protocol follows kind, vendor, product and conduits only. */
#include "sim/plan.h"
#include <string.h>
#include <strings.h>

static bool mentions(const char *s, const char *word)
{
    if (!s) return false;
    size_t n = strlen(word);
    for (; *s; s++)
        if (strncasecmp(s, word, n) == 0) return true;
    return false;
}

/* Product or CPE names the word: "SIMATIC S7-1500", cpe:...:simatic_s7-1500... */
static bool product_says(const sim_host *h, const char *word)
{
    return h->asset && (mentions(h->asset->product, word) || mentions(h->asset->cpe, word));
}

static bool tagged(const sim_host *h, const char *tag)
{
    if (!h->asset) return false;
    for (size_t i = 0; i < h->asset->tags.len; i++)
        if (strcasecmp(h->asset->tags.items[i], tag) == 0) return true;
    return false;
}

/* A crane controller is a field device unless the model says it is a PC
 * (Windows, a server product): then it is the crane's supervisor. */
static bool pc_based(const sim_host *h) { return h->windows || product_says(h, "server"); }

bool sim_is_plc(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "plc") || sim_host_kind(h, "safety-plc") || sim_host_kind(h, "rtu") ||
           sim_host_kind(h, "substation-controller") || sim_host_kind(h, "gate-controller") || sim_host_kind(h, "relay") ||
           (sim_host_kind(h, "crane-controller") && !pc_based(h));
}
bool sim_is_siemens_plc(const sim_ctx *c, const sim_host *h) { return sim_serves(c, h, "s7comm"); }
bool sim_is_rockwell_plc(const sim_ctx *c, const sim_host *h) { return sim_serves(c, h, "enip"); }
bool sim_is_rtu(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "rtu") || sim_host_kind(h, "substation-controller");
}
bool sim_is_master(const sim_ctx *c, const sim_host *h)
{
    if (sim_host_kind(h, "hmi") || sim_host_kind(h, "scada-server") || sim_host_kind(h, "eng-workstation")) return true;
    if (sim_host_kind(h, "crane-controller") && pc_based(h)) return true;
    bool ot = h->zone >= 0 && c->m->zones[h->zone].domain == DOMAIN_OT;
    return ot && (sim_host_kind(h, "server") || sim_host_kind(h, "tos-server") || sim_host_kind(h, "historian"));
}

/* The protocol a controller speaks natively, from kind, vendor and product;
 * NULL when the model does not say. */
static const char *native_protocol(const sim_ctx *c, const sim_host *h)
{
    /* SEL relays and RTACs report to SCADA over DNP3; a dnp3 tag says so for others. */
    if (tagged(h, "dnp3") || sim_host_vendor(h, "schweitzer")) return "dnp3";
    if (sim_is_rtu(c, h) || product_says(h, "sicam")) return "iec104";
    if (sim_host_vendor(h, "siemens") &&
        (product_says(h, "simatic") || product_says(h, "s7-") || sim_host_kind(h, "plc") || sim_host_kind(h, "safety-plc")))
        return "s7comm";
    if (sim_host_vendor(h, "rockwell") || sim_host_vendor(h, "allen") || product_says(h, "logix")) return "enip";
    if (sim_host_vendor(h, "schneider") || product_says(h, "modicon")) return "modbus";
    return NULL;
}

/* Does a conduit into h's zone name the service (by name or by its one port)? */
static bool zone_conduit_names(const sim_ctx *c, const sim_host *h, const char *service, uint16_t port)
{
    for (size_t i = 0; i < c->m->n_conduits; i++) {
        const model_conduit *k = &c->m->conduits[i];
        int from = k->from_index >= 0 ? k->from_index : sim_zone_index(c, k->from);
        int to = k->to_index >= 0 ? k->to_index : sim_zone_index(c, k->to);
        if (to != h->zone && !(k->bidirectional && from == h->zone)) continue;
        for (size_t s = 0; s < k->n_services; s++) {
            const model_service *sv = &k->services[s];
            if (sv->name && strcasecmp(sv->name, service) == 0) return true;
            if (sv->ip_proto == 6 && sv->port_lo == port && (sv->port_hi == 0 || sv->port_hi == port)) return true;
        }
    }
    return false;
}

bool sim_serves(const sim_ctx *c, const sim_host *h, const char *proto)
{
    if (!h->asset || h->external) return false;
    if (strcmp(proto, "bacnet") == 0)
        return sim_host_kind(h, "bms-controller") ||
               (tagged(h, "bacnet") && (sim_is_plc(c, h) || sim_host_kind(h, "alarm-panel")));
    if (!sim_is_plc(c, h)) return false;
    if (tagged(h, proto)) return true;
    const char *native = native_protocol(c, h);
    if (native) return strcmp(native, proto) == 0;
    return strcmp(proto, "modbus") == 0 && zone_conduit_names(c, h, "modbus", 502);
}
bool sim_is_dc(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "domain-controller") || sim_host_kind(h, "dc") ||
           ((sim_host_kind(h, "server") || sim_host_kind(h, "dns")) &&
            (sim_host_is(h, "domain controller") || sim_host_is(h, "active directory") || sim_host_is(h, "dns") ||
             (h->id && (strncmp(h->id, "dc", 2) == 0 || strstr(h->id, "-dc") != NULL))));
}
bool sim_is_it_client(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "workstation") || sim_host_kind(h, "laptop") || sim_host_kind(h, "desktop");
}
bool sim_is_windows_member(const sim_ctx *c, const sim_host *h)
{
    return h->windows && h->zone >= 0 && c->m->zones[h->zone].domain == DOMAIN_IT && !sim_is_dc(c, h);
}
const char *sim_owner_account(const sim_ctx *c, const sim_host *h)
{
    if (!h->asset || !h->asset->owner) return NULL;
    const model_person *p = model_person_by_id(c->m, h->asset->owner);
    return p && p->accounts.len ? p->accounts.items[0] : h->asset->owner;
}
bool sim_is_camera(const sim_ctx *c, const sim_host *h) { (void)c; return sim_host_kind(h, "camera"); }
bool sim_is_vms(const sim_ctx *c, const sim_host *h) { (void)c; return sim_host_kind(h, "vms"); }
bool sim_is_nvr(const sim_ctx *c, const sim_host *h) { (void)c; return sim_host_kind(h, "nvr"); }
bool sim_is_siem(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "siem") || sim_host_kind(h, "log-collector") || sim_host_is(h, "siem") || sim_host_is(h, "syslog");
}
bool sim_is_ntp_server(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "gnss") || sim_host_is(h, "ntp") || sim_host_is(h, "time server");
}
/* The BMS supervisor: a server or desk that names itself BMS or building. */
bool sim_is_bms(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    bool desk = sim_host_kind(h, "server") || sim_host_kind(h, "scada-server") || sim_host_kind(h, "workstation") ||
                sim_host_kind(h, "hmi");
    return desk && (sim_host_is(h, "bms") || sim_host_is(h, "building"));
}
bool sim_is_bacnet_device(const sim_ctx *c, const sim_host *h) { return sim_serves(c, h, "bacnet"); }
bool sim_is_file_server(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "file-server") || (sim_host_kind(h, "server") && (sim_host_is(h, "file") || sim_host_is(h, "fs")));
}
bool sim_is_internet(const sim_ctx *c, const sim_host *h) { (void)c; return h->external; }

static bool already(const int *out, size_t n, int h)
{
    for (size_t i = 0; i < n; i++)
        if (out[i] == h) return true;
    return false;
}

size_t sim_masters_for(sim_ctx *c, int server, const sim_profile *p, int *out, size_t max)
{
    size_t n = 0;
    const sim_host *sv = &c->hosts[server];
    if (sv->asset)
        for (size_t i = 0; i < sv->asset->may_write.len && n < max; i++) {
            int h = sim_host_by_asset(c, sv->asset->may_write.items[i]);
            /* Engineering workstations program controllers now and then; they do not poll. */
            if (h >= 0 && sim_host_kind(&c->hosts[h], "eng-workstation")) continue;
            if (h >= 0 && h != server && !already(out, n, h) && sim_allowed(c, h, server, p->ip_proto, p->port, p->name))
                out[n++] = h;
        }
    /* Then one HMI or SCADA server that may reach it, same zone first. */
    for (int pass = 0; pass < 2 && n < max && n < 2; pass++)
        for (size_t i = 0; i < c->n_hosts && n < max && n < 2; i++) {
            const sim_host *h = &c->hosts[i];
            if ((int)i == server || already(out, n, (int)i) || !sim_is_master(c, h) || sim_host_kind(h, "eng-workstation")) continue;
            if ((pass == 0) != (h->zone == sv->zone)) continue;
            if (sim_allowed(c, (int)i, server, p->ip_proto, p->port, p->name)) out[n++] = (int)i;
        }
    return n;
}

int sim_server_for(sim_ctx *c, int client, const sim_profile *p, sim_host_pred pred)
{
    int cand[64];
    size_t n = 0;
    for (int pass = 0; pass < 2 && n == 0; pass++)
        for (size_t i = 0; i < c->n_hosts && n < 64; i++) {
            const sim_host *h = &c->hosts[i];
            if ((int)i == client || !pred(c, h)) continue;
            if ((pass == 0) != (h->zone == c->hosts[client].zone)) continue;
            if (sim_allowed(c, client, (int)i, p->ip_proto, p->port, p->name)) cand[n++] = (int)i;
        }
    return n ? cand[prng_below(&c->setup, n)] : -1;
}

int sim_pick(sim_ctx *c, sim_host_pred pred)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_hosts; i++) n += pred(c, &c->hosts[i]);
    if (!n) return -1;
    size_t k = (size_t)prng_below(&c->setup, n);
    for (size_t i = 0; i < c->n_hosts; i++)
        if (pred(c, &c->hosts[i]) && k-- == 0) return (int)i;
    return -1;
}
