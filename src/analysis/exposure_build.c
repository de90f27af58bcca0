/* exposure_build.c - the port's attack graph: entry points, zones, conduits
 * and assets as nodes; entry reach, zone positions, conduits, same-zone
 * adjacency, may_write engineering access, observed flows and known
 * vulnerabilities as edges, each with its means and evidence. */
#include <stdlib.h>
#include <string.h>
#include "analysis/exposure.h"
#include "core/ipaddr.h"
#include "model/model_service.h"

const exposure_means_info exposure_means_table[XM__COUNT] = {
    [XM_ENTRY] = { "entry", "entry point", 0.0 },   /* per kind: exposure_entry_p */
    [XM_FOOTHOLD] = { "foothold", "foothold in its zone", 1.0 },
    [XM_ENTER_CONDUIT] = { "conduit-access", "uses a conduit", 1.0 },
    [XM_ADJACENT] = { "same-zone", "same-zone adjacency", 0.3 },
    [XM_CONDUIT] = { "allowed-conduit", "allowed conduit", 0.2 },
    [XM_REMOTE_SERVICE] = { "remote-service", "remote service", 0.5 },
    [XM_CLEARTEXT_REMOTE] = { "cleartext-remote-service", "cleartext remote service", 0.7 },
    [XM_ICS_UNAUTHORISED] = { "ics-unauthorised", "ICS protocol, unauthenticated", 0.4 },
    [XM_ICS_AUTHORISED] = { "ics-engineering", "engineering access (may_write)", 0.9 },
    [XM_ICS_OPERATOR] = { "ics-operator", "operator control (may_write)", 0.6 },
    [XM_OBSERVED_FLOW] = { "observed-flow", "observed flow", 0.4 },
    [XM_OBSERVED_VIOLATION] = { "observed-policy-violation", "observed policy violation", 0.8 },
    [XM_KNOWN_VULN] = { "known-vulnerability", "known vulnerability", 0.9 },
};

static const struct { const char *kind; double p; } entry_kinds[] = {
    { "internet", 0.3 }, { "remote-access", 0.4 }, { "email", 0.3 }, { "wifi", 0.3 },
    { "physical", 0.2 }, { "removable-media", 0.2 }, { "supply-chain", 0.05 }, { "cellular", 0.2 },
    { "satellite", 0.2 }, { "vessel", 0.2 }, { "partner-link", 0.2 }, { "cloud", 0.2 },
};

double exposure_entry_p(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof entry_kinds / sizeof entry_kinds[0]; i++)
        if (strcmp(entry_kinds[i].kind, kind) == 0) return entry_kinds[i].p;
    return 0.2;
}

/* Well-known ports by what an attacker can do with them. A conduit service
 * that is a port range ("tcp/1024-65535") offers every class it covers. */
enum { TCP = 6, UDP = 17 };
static const struct { uint8_t proto; uint16_t port; exposure_means means; const char *name; } port_classes[] = {
    { TCP, 502, XM_ICS_UNAUTHORISED, "modbus" }, { TCP, 102, XM_ICS_UNAUTHORISED, "s7comm" },
    { TCP, 20000, XM_ICS_UNAUTHORISED, "dnp3" }, { TCP, 44818, XM_ICS_UNAUTHORISED, "enip" },
    { TCP, 2404, XM_ICS_UNAUTHORISED, "iec104" }, { TCP, 2455, XM_ICS_UNAUTHORISED, "codesys" },
    { TCP, 5007, XM_ICS_UNAUTHORISED, "melsec" }, { UDP, 2222, XM_ICS_UNAUTHORISED, "cip-io" },
    { UDP, 47808, XM_ICS_UNAUTHORISED, "bacnet" }, { UDP, 9600, XM_ICS_UNAUTHORISED, "fins" },
    { TCP, 23, XM_CLEARTEXT_REMOTE, "telnet" }, { TCP, 5900, XM_CLEARTEXT_REMOTE, "vnc" },
    { TCP, 80, XM_CLEARTEXT_REMOTE, "http" }, { TCP, 8080, XM_CLEARTEXT_REMOTE, "http-alt" },
    { TCP, 21, XM_CLEARTEXT_REMOTE, "ftp" }, { UDP, 69, XM_CLEARTEXT_REMOTE, "tftp" },
    { TCP, 3389, XM_REMOTE_SERVICE, "rdp" }, { TCP, 22, XM_REMOTE_SERVICE, "ssh" },
    { TCP, 445, XM_REMOTE_SERVICE, "smb" }, { TCP, 5985, XM_REMOTE_SERVICE, "winrm-http" },
    { TCP, 5986, XM_REMOTE_SERVICE, "winrm" }, { TCP, 443, XM_REMOTE_SERVICE, "https" },
};
#define N_PORT_CLASSES (sizeof port_classes / sizeof port_classes[0])

/* Kinds that run control logic and speak ICS protocols without
 * authentication; an ICS step is only meaningful towards them. */
static bool is_controller(const model_asset *a)
{
    static const char *const kinds[] = { "plc", "rtu", "safety-plc", "drive", "relay", "substation-controller",
                                         "bms-controller", "acs-controller", "protocol-converter", "actuator" };
    for (size_t i = 0; a->kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(a->kind, kinds[i]) == 0) return true;
    return false;
}

static double means_p(exposure_means m) { return exposure_means_table[m].p; }

static bool kind_in(const model_asset *a, const char *const *kinds, size_t n)
{
    for (size_t i = 0; a->kind && i < n; i++)
        if (strcmp(a->kind, kinds[i]) == 0) return true;
    return false;
}

static bool has_tag(const model_asset *a, const char *tag)
{
    for (size_t t = 0; t < a->tags.len; t++)
        if (strcmp(a->tags.items[t], tag) == 0) return true;
    return false;
}

/* An engineering host holds the controllers' projects and the vendors'
 * programming software (TIA Portal, Studio 5000): from it a controller can
 * be reprogrammed, not only commanded. */
static bool is_engineering_host(const model_asset *a)
{
    return (a->kind && strcmp(a->kind, "eng-workstation") == 0) || has_tag(a, "can-program-plcs");
}

/* The ICS step of a host in a controller's may_write: engineering access
 * from an engineering host, operator control from an HMI, operator station
 * or supervisory server (trusted, and its screens name the tags, but it
 * holds no project and no programming software). */
static exposure_means trusted_writer_means(const model_asset *writer)
{
    return is_engineering_host(writer) ? XM_ICS_AUTHORISED : XM_ICS_OPERATOR;
}

/* The best step a service range offers against an asset: its class, the
 * port and the protocol name that makes it. */
typedef struct step { exposure_means means; const char *service; uint16_t port; uint8_t proto; } step;

static step best_in_range(uint8_t proto, uint16_t lo, uint16_t hi, const char *name, const model_asset *dst)
{
    step best = { XM_CONDUIT, name, lo == hi ? lo : 0, proto };
    /* One well-known port the asset does not offer (RDP to a PLC): no step. */
    for (size_t i = 0; lo && lo == hi && i < N_PORT_CLASSES; i++)
        if (port_classes[i].port == lo && (!proto || port_classes[i].proto == proto) &&
            (port_classes[i].means == XM_ICS_UNAUTHORISED) != is_controller(dst))
            best.means = XM__COUNT;
    for (size_t i = 0; i < N_PORT_CLASSES; i++) {
        if (proto && port_classes[i].proto != proto) continue;
        if (lo && (port_classes[i].port < lo || port_classes[i].port > hi)) continue;
        exposure_means mc = port_classes[i].means;
        /* Controllers are attacked through their ICS protocol; they run no
         * RDP, VNC or SMB, and their web pages do less than the protocol. */
        if ((mc == XM_ICS_UNAUTHORISED) != is_controller(dst)) continue;
        if (best.means == XM__COUNT || means_p(mc) > means_p(best.means))
            best = (step){ mc, name && lo == hi ? name : port_classes[i].name, port_classes[i].port, port_classes[i].proto };
    }
    return best;
}

/* The step onto a host from its own zone. Every port is reachable there,
 * but a host answers only on what it runs, and the model lists no services
 * per host, so its kind decides: controllers their ICS protocol; HMIs VNC
 * (panels and HMI PCs run it for remote support, often without a password);
 * general-purpose computers (Windows or Linux servers and PCs) SMB, RDP or
 * SSH, not Telnet; embedded devices and network gear their web or Telnet
 * administration, often with default credentials. */
static step in_zone_step(const model_asset *a)
{
    static const char *const hmis[] = { "hmi" };
    static const char *const computers[] = {
        "eng-workstation", "historian", "scada-server", "ipc", "crane-controller", "tos-server", "vts-server",
        "nvr", "vms", "acs-server", "server", "workstation", "laptop", "thin-client", "database",
        "domain-controller", "mail-server", "web-server", "file-server", "jump-host",
        "virtualization-host", "siem", "backup-server",
    };
    const char *want = kind_in(a, hmis, 1) ? "vnc" : kind_in(a, computers, sizeof computers / sizeof computers[0]) ? "smb" : "http";
    if (is_controller(a)) return best_in_range(0, 0, 0, NULL, a);
    for (size_t i = 0; i < N_PORT_CLASSES; i++)
        if (strcmp(port_classes[i].name, want) == 0)
            return (step){ port_classes[i].means, port_classes[i].name, port_classes[i].port, port_classes[i].proto };
    return (step){ XM_ADJACENT, NULL, 0, 0 };
}

static bool service_covers(const model_service *s, uint8_t proto, uint16_t port)
{
    if (s->ip_proto && s->ip_proto != proto) return false;
    if (s->port_lo && (port < s->port_lo || port > s->port_hi)) return false;
    return true;
}

/* The conduit that allows zone a to open (proto, port) to zone b, or -1. */
static int conduit_allowing(const port_model *m, int za, int zb, uint8_t proto, uint16_t port)
{
    for (size_t c = 0; c < m->n_conduits; c++) {
        const model_conduit *k = &m->conduits[c];
        bool fwd = k->from_index == za && k->to_index == zb;
        bool rev = k->bidirectional && k->from_index == zb && k->to_index == za;
        if (!fwd && !rev) continue;
        for (size_t i = 0; i < k->n_services; i++)
            if (service_covers(&k->services[i], proto, port)) return (int)c;
    }
    return -1;
}

static bool may_write(const model_asset *ctl, int writer)
{
    for (size_t i = 0; i < ctl->may_write.len; i++)
        if (ctl->may_write_index && ctl->may_write_index[i] == writer) return true;
    return false;
}

static uint32_t add_evidence(exposure *x, exposure_evidence e)
{
    /* Consecutive edges often share their evidence (a conduit to every host
     * of a zone): keep one copy. */
    if (x->n_ev && memcmp(&x->ev[x->n_ev - 1], &e, sizeof e) == 0) return (uint32_t)(x->n_ev - 1);
    if (x->n_ev == x->cap_ev) {
        size_t cap = x->cap_ev ? x->cap_ev * 2 : 256;
        exposure_evidence *n = realloc(x->ev, cap * sizeof *n);
        if (!n) return UINT32_MAX;
        x->ev = n;
        x->cap_ev = cap;
    }
    x->ev[x->n_ev] = e;
    return (uint32_t)x->n_ev++;
}

static exposure_evidence no_evidence(void)
{
    exposure_evidence e;
    memset(&e, 0, sizeof e);   /* padding too: add_evidence compares bytes */
    e.entry = e.conduit = e.flow = e.vuln = -1;
    return e;
}

/* An edge into an asset: a known vulnerability on it beats a weaker means. */
static void add_into_asset(exposure *x, xg_builder *b, const int *vuln_of, uint32_t from, size_t asset,
                           exposure_means means, double p, uint8_t flags, exposure_evidence e)
{
    int v = vuln_of[asset];
    if (v >= 0) {
        const exposure_vuln *vu = &x->in->vulns[v];
        double pv = vu->p > 0 ? vu->p : means_p(XM_KNOWN_VULN);
        if (pv > p) { means = XM_KNOWN_VULN; p = pv; e.vuln = v; }
    }
    uint32_t ev = add_evidence(x, e);
    if (ev == UINT32_MAX) { b->oom = true; return; }
    xg_builder_add(b, from, exposure_asset_node(x, asset), p, (uint8_t)means, flags, ev);
}

static int resolve_asset(const port_model *m, const char *id, const char *ip)
{
    const model_asset *a = id ? model_asset_by_id(m, id) : NULL;
    ip_addr addr;
    if (!a && ip && ip_parse(ip, &addr)) a = model_asset_for_ip(m, &addr);
    return a ? (int)(a - m->assets) : -1;
}

static int resolve_zone(const port_model *m, const char *id, const char *ip)
{
    const model_zone *z = id ? model_zone_by_id(m, id) : NULL;
    ip_addr addr;
    if (!z && ip && ip_parse(ip, &addr)) z = model_zone_for_ip(m, &addr);
    return z ? (int)(z - m->zones) : -1;
}

static void add_flow(exposure *x, xg_builder *b, const int *vuln_of, size_t fi)
{
    const port_model *m = x->m;
    const exposure_flow *f = &x->in->flows[fi];
    int sa = resolve_asset(m, f->src_asset, f->src_ip), da = resolve_asset(m, f->dst_asset, f->dst_ip);
    int sz = sa >= 0 ? m->assets[sa].zone_index : resolve_zone(m, f->src_zone, f->src_ip);
    int dz = da >= 0 ? m->assets[da].zone_index : resolve_zone(m, f->dst_zone, f->dst_ip);
    if ((sa < 0 && sz < 0) || (da < 0 && dz < 0)) return;     /* nowhere in the port */
    if (sa >= 0 && sa == da) return;
    /* An undeclared host stands for a position in its zone. */
    uint32_t from = sa >= 0 ? exposure_asset_node(x, (size_t)sa) : exposure_zone_node(x, (size_t)sz);

    exposure_evidence e = no_evidence();
    e.flow = (int)fi;
    e.service = f->service;
    e.port = f->dst_port;
    e.ip_proto = f->ip_proto;
    int allowing = sz == dz ? -2 : (sz >= 0 && dz >= 0 ? conduit_allowing(m, sz, dz, f->ip_proto, f->dst_port) : -1);
    if (allowing >= 0) e.conduit = allowing;
    bool violation = f->violation || allowing == -1;

    exposure_means means = violation ? XM_OBSERVED_VIOLATION : XM_OBSERVED_FLOW;
    double p = means_p(means);
    if (da >= 0) {
        step s = best_in_range(f->ip_proto, f->dst_port, f->dst_port, f->service, &m->assets[da]);
        if (s.means == XM__COUNT) s.means = XM_CONDUIT;   /* seen answering: the wire beats the kind table */
        if (s.means == XM_ICS_UNAUTHORISED && sa >= 0 && may_write(&m->assets[da], sa))
            s.means = trusted_writer_means(&m->assets[sa]);
        if (!violation && means_p(s.means) > p) { means = s.means; p = means_p(s.means); }
        else if (violation && means_p(s.means) > p) p = means_p(s.means);
        add_into_asset(x, b, vuln_of, from, (size_t)da, means, p, XG_EDGE_CUT, e);
    } else {
        uint32_t ev = add_evidence(x, e);
        if (ev == UINT32_MAX) { b->oom = true; return; }
        xg_builder_add(b, from, exposure_zone_node(x, (size_t)dz), p, (uint8_t)means, XG_EDGE_CUT, ev);
    }
}

exposure_node_kind exposure_node_kind_of(const exposure *x, uint32_t node)
{
    if (node < x->zone0) return XN_ENTRY;
    if (node < x->conduit0) return XN_ZONE;
    if (node < x->asset0) return XN_CONDUIT;
    return XN_ASSET;
}

const char *exposure_node_id(const exposure *x, uint32_t node)
{
    switch (exposure_node_kind_of(x, node)) {
    case XN_ENTRY: return x->m->entry_points[node].id;
    case XN_ZONE: return x->m->zones[node - x->zone0].id;
    case XN_CONDUIT: return x->m->conduits[x->conduit_of_node[node - x->conduit0]].id;
    case XN_ASSET: return x->m->assets[node - x->asset0].id;
    }
    return "?";
}

void exposure_free(exposure *x)
{
    if (!x) return;
    xg_free(&x->g);
    free(x->conduit_of_node);
    free(x->conduit_reverse);
    free(x->ev);
    free(x);
}

exposure *exposure_build(const exposure_input *in, sw_error *err)
{
    const port_model *m = in->m;
    exposure *x = calloc(1, sizeof *x);
    if (!x) { sw_fail(err, SW_ERR_NOMEM, "out of memory building the attack graph"); return NULL; }
    x->m = m;
    x->in = in;
    size_t n_cnodes = 0;
    for (size_t c = 0; c < m->n_conduits; c++) n_cnodes += m->conduits[c].bidirectional ? 2 : 1;
    x->n_entry = (uint32_t)m->n_entry_points;
    x->n_zone = (uint32_t)m->n_zones;
    x->n_conduit_nodes = (uint32_t)n_cnodes;
    x->n_asset = (uint32_t)m->n_assets;
    x->zone0 = x->n_entry;
    x->conduit0 = x->zone0 + x->n_zone;
    x->asset0 = x->conduit0 + x->n_conduit_nodes;
    uint32_t n = x->asset0 + x->n_asset;

    xg_builder b;
    xg_builder_init(&b);
    uint8_t *nflags = calloc(n ? n : 1, 1);
    int *vuln_of = malloc((m->n_assets ? m->n_assets : 1) * sizeof *vuln_of);
    size_t *zone_start = calloc(m->n_zones + 1, sizeof *zone_start);
    uint32_t *zone_assets = malloc((m->n_assets ? m->n_assets : 1) * sizeof *zone_assets);
    x->conduit_of_node = malloc((n_cnodes ? n_cnodes : 1) * sizeof *x->conduit_of_node);
    x->conduit_reverse = malloc((n_cnodes ? n_cnodes : 1) * sizeof *x->conduit_reverse);
    if (!nflags || !vuln_of || !zone_start || !zone_assets || !x->conduit_of_node || !x->conduit_reverse) goto oom;

    for (size_t a = 0; a < m->n_assets; a++) {
        vuln_of[a] = -1;
        nflags[exposure_asset_node(x, a)] = XG_NODE_VERTEX_CUT;
    }
    /* The most likely known vulnerability per asset. */
    for (size_t v = 0; v < in->n_vulns; v++) {
        int a = in->vulns[v].asset;
        if (a < 0 || (size_t)a >= m->n_assets) continue;
        double pv = in->vulns[v].p > 0 ? in->vulns[v].p : means_p(XM_KNOWN_VULN);
        int cur = vuln_of[a];
        double pc = cur < 0 ? 0 : (in->vulns[cur].p > 0 ? in->vulns[cur].p : means_p(XM_KNOWN_VULN));
        if (pv > pc) vuln_of[a] = (int)v;
    }
    /* Assets grouped by zone (counting sort), for conduits and adjacency. */
    for (size_t a = 0; a < m->n_assets; a++)
        if (m->assets[a].zone_index >= 0) zone_start[m->assets[a].zone_index + 1]++;
    for (size_t z = 0; z < m->n_zones; z++) zone_start[z + 1] += zone_start[z];
    {
        size_t *fill = malloc((m->n_zones ? m->n_zones : 1) * sizeof *fill);
        if (!fill) goto oom;
        memcpy(fill, zone_start, m->n_zones * sizeof *fill);
        for (size_t a = 0; a < m->n_assets; a++)
            if (m->assets[a].zone_index >= 0) zone_assets[fill[m->assets[a].zone_index]++] = (uint32_t)a;
        free(fill);
    }

    /* Entry points reach zones (a position there) or assets (the asset). */
    for (size_t i = 0; i < m->n_entry_points; i++) {
        const model_entry_point *ep = &m->entry_points[i];
        double p = exposure_entry_p(ep->kind);
        exposure_evidence e = no_evidence();
        e.entry = (int)i;
        uint32_t ev = add_evidence(x, e);
        if (ev == UINT32_MAX) goto oom;
        for (size_t r = 0; r < ep->reaches.len; r++) {
            const model_zone *z = model_zone_by_id(m, ep->reaches.items[r]);
            const model_asset *a = z ? NULL : model_asset_by_id(m, ep->reaches.items[r]);
            if (z) xg_builder_add(&b, (uint32_t)i, exposure_zone_node(x, (size_t)(z - m->zones)), p, XM_ENTRY, 0, ev);
            else if (a) xg_builder_add(&b, (uint32_t)i, exposure_asset_node(x, (size_t)(a - m->assets)), p, XM_ENTRY, 0, ev);
        }
    }

    /* A compromised asset is a position in its zone; a position in a zone
     * reaches the zone's other hosts (no firewall between them) unless the
     * asset is tagged `isolated` (private VLAN, client isolation). */
    exposure_evidence none = no_evidence();
    for (size_t a = 0; a < m->n_assets; a++) {
        const model_asset *as = &m->assets[a];
        if (as->zone_index < 0) continue;
        uint32_t zn = exposure_zone_node(x, (size_t)as->zone_index);
        uint32_t ev = add_evidence(x, none);
        if (ev == UINT32_MAX) goto oom;
        xg_builder_add(&b, exposure_asset_node(x, a), zn, 1.0, XM_FOOTHOLD, 0, ev);
        if (has_tag(as, "isolated")) continue;
        step st = in_zone_step(as);
        exposure_means mc = st.means == XM_CONDUIT ? XM_ADJACENT : st.means;
        exposure_evidence e = none;
        if (mc != XM_ADJACENT) { e.service = st.service; e.port = st.port; e.ip_proto = st.proto; }
        add_into_asset(x, &b, vuln_of, zn, a, mc, means_p(mc), XG_EDGE_CUT, e);
    }

    /* Conduits: a conduit node per direction, entered from the initiating
     * zone, leading to each host of the other zone by its best service. */
    uint32_t cn = x->conduit0;
    for (size_t c = 0; c < m->n_conduits; c++) {
        const model_conduit *k = &m->conduits[c];
        for (int dir = 0; dir < (k->bidirectional ? 2 : 1); dir++, cn++) {
            x->conduit_of_node[cn - x->conduit0] = (int)c;
            x->conduit_reverse[cn - x->conduit0] = dir == 1;
            nflags[cn] = XG_NODE_EDGE_CUT;
            int zf = dir ? k->to_index : k->from_index, zt = dir ? k->from_index : k->to_index;
            if (zf < 0 || zt < 0) continue;
            exposure_evidence e = no_evidence();
            e.conduit = (int)c;
            uint32_t ev = add_evidence(x, e);
            if (ev == UINT32_MAX) goto oom;
            xg_builder_add(&b, exposure_zone_node(x, (size_t)zf), cn, 1.0, XM_ENTER_CONDUIT, 0, ev);
            for (size_t i = zone_start[zt]; i < zone_start[zt + 1]; i++) {
                const model_asset *dst = &m->assets[zone_assets[i]];
                step best = { XM__COUNT, NULL, 0, 0 };
                for (size_t s = 0; s < k->n_services; s++) {
                    const model_service *sv = &k->services[s];
                    step st = best_in_range(sv->ip_proto, sv->port_lo, sv->port_hi, sv->name ? sv->name : sv->text, dst);
                    if (st.means == XM__COUNT) continue;
                    if (best.means == XM__COUNT || means_p(st.means) > means_p(best.means)) best = st;
                }
                if (best.means == XM__COUNT) continue;
                e.service = best.service;
                e.port = best.port;
                e.ip_proto = best.proto;
                add_into_asset(x, &b, vuln_of, cn, zone_assets[i], best.means, means_p(best.means), 0, e);
            }
        }
    }

    /* Trusted access: a host in a controller's may_write that can reach it
     * (same zone, or a conduit from its zone with an ICS service) programs
     * it (an engineering host) or commands it (any other) as trusted. */
    for (size_t a = 0; a < m->n_assets; a++) {
        const model_asset *ctl = &m->assets[a];
        for (size_t w = 0; w < ctl->may_write.len; w++) {
            int wr = ctl->may_write_index ? ctl->may_write_index[w] : -1;
            if (wr < 0 || (size_t)wr == a) continue;
            int zw = m->assets[wr].zone_index, zc = ctl->zone_index;
            if (zw < 0 || zc < 0) continue;
            exposure_evidence e = no_evidence();
            if (zw != zc) {
                int via = -1;
                for (size_t i = 0; i < N_PORT_CLASSES && via < 0; i++)
                    if (port_classes[i].means == XM_ICS_UNAUTHORISED)
                        via = conduit_allowing(m, zw, zc, port_classes[i].proto, port_classes[i].port);
                if (via < 0) continue;
                e.conduit = via;
            }
            exposure_means wm = trusted_writer_means(&m->assets[wr]);
            add_into_asset(x, &b, vuln_of, exposure_asset_node(x, (size_t)wr), a, wm, means_p(wm), XG_EDGE_CUT, e);
        }
    }

    for (size_t f = 0; f < in->n_flows; f++) add_flow(x, &b, vuln_of, f);

    if (!xg_build(&x->g, n, nflags, &b)) goto oom;
    free(nflags);
    free(vuln_of);
    free(zone_start);
    free(zone_assets);
    return x;
oom:
    xg_builder_free(&b);
    free(nflags);
    free(vuln_of);
    free(zone_start);
    free(zone_assets);
    exposure_free(x);
    sw_fail(err, SW_ERR_NOMEM, "out of memory building the attack graph");
    return NULL;
}
