/* pivot.c - a host taken over, then used against controllers
 * (SW-ICS-PIVOT-WRITE). A remote-service session (RDP, VNC, SSH, Telnet,
 * SMB, WinRM) that nothing in the model explains - from an undeclared
 * host, from a device that administers nothing (a camera, a PLC, a badge
 * reader), or across zones with no conduit allowing it - marks its target
 * for pivot_window. An ICS write or control request from a marked host
 * then raises, even when the host is in the controller's may_write: the
 * right belongs to the engineer, not to whoever came in over RDP. */
#include <string.h>
#include <strings.h>
#include "detect/detect_internal.h"

#define PIVOT_WAYS 4

typedef enum pivot_reason { PIVOT_UNDECLARED, PIVOT_DEVICE, PIVOT_NO_CONDUIT } pivot_reason;

typedef struct pivot_entry {
    bool used;
    ip_addr host, from;
    sw_time_us ts;
    uint16_t port;
    uint8_t reason;
    uint64_t frame;
} pivot_entry;

typedef struct pivot_state {
    uint32_t mask;
    pivot_entry t[];
} pivot_state;

static uint32_t cap_of(const detect_config *cfg)
{
    uint32_t p = 16;
    while (p < cfg->pivot_hosts && p < (1u << 20)) p <<= 1;
    return p;
}

static size_t pivot_state_size(const detect_config *cfg)
{
    return sizeof(pivot_state) + (size_t)cap_of(cfg) * sizeof(pivot_entry);
}

static const char *remote_service(uint8_t ip_proto, uint16_t port, const char *app)
{
    static const char *const apps[] = { "rdp", "vnc", "ssh", "telnet", "smb", "winrm" };
    for (size_t i = 0; app && i < sizeof apps / sizeof *apps; i++)
        if (!strcasecmp(app, apps[i])) return apps[i];
    if (ip_proto != 6) return NULL;
    switch (port) {
    case 3389: return "rdp";
    case 22: return "ssh";
    case 23: return "telnet";
    case 445: return "smb";
    case 5985: case 5986: return "winrm";
    default: return port >= 5900 && port <= 5910 ? "vnc" : NULL;
    }
}

/* Kinds that serve a function and never open an administrator's session. */
static bool device_kind(const model_asset *a)
{
    static const char *const kinds[] = { "camera", "badge-reader", "plc", "safety-plc", "rtu", "substation-controller",
                                         "gate-controller", "bms-controller", "printer", "ups", "intercom", "turnstile",
                                         "fence-sensor", "ocr", "radar", "ais-base", "weather-station", "alarm-panel",
                                         "reefer-monitor", "agv", "drive", "relay" };
    for (size_t i = 0; a && i < sizeof kinds / sizeof *kinds; i++)
        if (detect_asset_is_kind(a, kinds[i])) return true;
    return false;
}

static pivot_entry *slot_for(detect_engine *e, pivot_state *st, const ip_addr *host, bool create)
{
    if (!st->mask) st->mask = cap_of(&e->cfg) - 1;
    uint32_t h = (uint32_t)detect_hash_bytes(host->b, 16, 29);
    pivot_entry *victim = NULL;
    for (uint32_t k = 0; k < PIVOT_WAYS; k++) {
        pivot_entry *p = &st->t[(h + k) & st->mask];
        if (p->used && ip_eq(&p->host, host)) return p;
        if (!p->used) { if (!victim || victim->used) victim = p; continue; }
        if (!victim || (victim->used && p->ts < victim->ts)) victim = p;
    }
    if (!create) return NULL;
    memset(victim, 0, sizeof *victim);
    return victim;
}

static void on_session(detect_engine *e, pivot_state *st, const net_observation *o, const char *app)
{
    const net_flow *f = o->flow;
    const char *svc = remote_service(f->ip_proto, f->server_port, app);
    if (!svc) return;
    detect_host c = detect_lookup(e, &f->client), s = detect_lookup(e, &f->server);
    if (!s.zone || detect_addr_unroutable(e, &f->client, c.zone)) return;
    pivot_reason why;
    if (!c.asset && !(c.zone && c.zone->catch_all)) why = PIVOT_UNDECLARED;
    else if (device_kind(c.asset)) why = PIVOT_DEVICE;
    else if (c.zone != s.zone && !detect_flow_allowed(e, c.zone, s.zone, f->ip_proto, f->server_port, app)) why = PIVOT_NO_CONDUIT;
    else return;
    pivot_entry *p = slot_for(e, st, &f->server, true);
    p->used = true;
    p->host = f->server;
    p->from = f->client;
    p->ts = f->first_ts;
    p->port = f->server_port;
    p->reason = (uint8_t)why;
    p->frame = f->first_frame;
}

static void on_ics(detect_engine *e, pivot_state *st, const net_observation *o)
{
    const obs_ics_op *op = &o->u.ics;
    const net_flow *f = o->flow;
    if (!f || op->is_response || !(op->is_write || op->is_control)) return;
    pivot_entry *p = slot_for(e, st, &f->client, false);
    if (!p || o->ts < p->ts || o->ts - p->ts > e->cfg.pivot_window) return;
    detect_host from = detect_lookup(e, &p->from);
    detect_alert a;
    detect_alert_init(e, &a, RULE_ICS_PIVOT_WRITE, o->ts, &f->client, &f->server, f->client_port, f->server_port,
                      f->ip_proto);
    detect_alert_add_frame(&a, p->frame);
    detect_alert_add_frame(&a, o->frame);
    a.protocol = op->protocol;
    static const char *const why[] = { "an undeclared host", "a device that administers nothing",
                                       "across zones with no conduit allowing it" };
    char hb[IP_STR_MAX], fb[IP_STR_MAX], db[IP_STR_MAX];
    snprintf(a.message, sizeof a.message,
             "%s %s from %s (%s) to %s (%s), %llds after a remote session on port %u from %s (%s%s%s): %s",
             op->protocol ? op->protocol : "ics", op->function_name ? op->function_name : "write", ip_fmt(&f->client, hb),
             a.asset_src ? a.asset_src->id : "undeclared", ip_fmt(&f->server, db),
             a.asset_dst ? a.asset_dst->id : "undeclared", (long long)((o->ts - p->ts) / 1000000), p->port,
             ip_fmt(&p->from, fb), from.asset ? from.asset->id : "undeclared", from.asset && from.asset->kind ? ", " : "",
             from.asset && from.asset->kind ? from.asset->kind : "", why[p->reason]);
    detect_raise(e, &a, detect_key(RULE_ICS_PIVOT_WRITE, &f->client, &f->server, f->server_port, 0));
}

static void pivot_observe(detect_engine *e, void *state, const net_observation *o)
{
    if (o->kind == OBS_ICS_OP) { on_ics(e, state, o); return; }
    const net_flow *f = o->flow;
    if (!f) return;
    if (o->kind == OBS_APP_DETECTED) on_session(e, state, o, o->u.app.app);
    /* A session counts once the client sent data in it: a probe, refused or half-open, takes nothing over. */
    else if (o->kind == OBS_PACKET && f->ip_proto == 6 && o->dir == NET_DIR_TO_SERVER && o->packet &&
             o->packet->payload_len && f->payload_bytes[NET_DIR_TO_SERVER] == o->packet->payload_len)
        on_session(e, state, o, NULL);
}

const detect_family detect_family_pivot = {
    "pivot", OBS_MASK(OBS_PACKET) | OBS_MASK(OBS_APP_DETECTED) | OBS_MASK(OBS_ICS_OP), pivot_state_size, pivot_observe,
};
