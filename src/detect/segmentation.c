/* segmentation.c - every flow judged against the model's zones and
 * conduits (SW-SEG-*): allowed, or no conduit, service not allowed, wrong
 * direction, a remote service into OT, OT to the internet or back. */
#include <string.h>
#include <strings.h>
#include "detect/detect_internal.h"

typedef enum seg_verdict { SEG_ALLOWED, SEG_NO_CONDUIT, SEG_SERVICE, SEG_DIRECTION } seg_verdict;

/* As the simulator's sim_allowed: a named service matches the detected
 * application by name, or its well-known transport and port. */
static bool service_matches(const model_service *s, uint8_t ip_proto, uint16_t port, const char *app)
{
    if (s->name && app && strcasecmp(s->name, app) == 0) return true;
    if (s->name && s->ip_proto == 0 && s->port_lo == 0 && s->port_hi == 0) return false;  /* unresolved name */
    if (s->ip_proto && s->ip_proto != ip_proto) return false;
    if (s->port_lo == 0 && s->port_hi == 0) return true;
    uint16_t hi = s->port_hi ? s->port_hi : s->port_lo;
    return port >= s->port_lo && port <= hi;
}

static bool conduit_allows(const model_conduit *k, uint8_t ip_proto, uint16_t port, const char *app)
{
    for (size_t s = 0; s < k->n_services; s++)
        if (service_matches(&k->services[s], ip_proto, port, app)) return true;
    return false;
}

static seg_verdict judge(const port_model *m, int cz, int sz, uint8_t ip_proto, uint16_t port, const char *app)
{
    if (cz == sz) return SEG_ALLOWED;
    bool any = false, reverse = false;
    for (size_t i = 0; i < m->n_conduits; i++) {
        const model_conduit *k = &m->conduits[i];
        bool fwd = k->from_index == cz && k->to_index == sz;
        bool back = k->from_index == sz && k->to_index == cz;
        if (!fwd && !back) continue;
        any = true;
        bool ok = conduit_allows(k, ip_proto, port, app);
        if (ok && (fwd || k->bidirectional)) return SEG_ALLOWED;
        if (ok) reverse = true;
    }
    return reverse ? SEG_DIRECTION : any ? SEG_SERVICE : SEG_NO_CONDUIT;
}

bool detect_flow_allowed(const detect_engine *e, const model_zone *cz, const model_zone *sz, uint8_t ip_proto,
                         uint16_t port, const char *app)
{
    if (!cz || !sz || cz == sz) return true;
    return judge(e->m, (int)(cz - e->m->zones), (int)(sz - e->m->zones), ip_proto, port, app) == SEG_ALLOWED;
}

static bool remote_service_port(uint8_t ip_proto, uint16_t port, const char *app)
{
    static const char *const apps[] = { "rdp", "ssh", "telnet", "vnc", "winrm", "rlogin" };
    for (size_t i = 0; app && i < sizeof apps / sizeof *apps; i++)
        if (!strcasecmp(app, apps[i])) return true;
    if (ip_proto != 6) return false;
    return port == 22 || port == 23 || port == 3389 || port == 513 || port == 5985 || port == 5986 ||
           (port >= 5900 && port <= 5910);
}

/* stage 0: first packet (no application yet), 1: application detected, 2: flow end */
static void judge_flow(detect_engine *e, const net_flow *f, const char *app, int stage)
{
    if (!f) return;
    detect_host c = detect_lookup(e, &f->client), s = detect_lookup(e, &f->server);
    if (!c.zone || !s.zone || c.zone == s.zone) return;
    if (detect_addr_unroutable(e, &f->client, c.zone) || detect_addr_unroutable(e, &f->server, s.zone)) return;
    int cz = (int)(c.zone - e->m->zones), sz = (int)(s.zone - e->m->zones);
    bool ports = f->ip_proto == 6 || f->ip_proto == 17;
    seg_verdict v = judge(e->m, cz, sz, f->ip_proto, ports ? f->server_port : 0, app);
    if (v == SEG_ALLOWED) return;
    /* A service or direction verdict may still change when a parser names the
     * application (a conduit's named protocol on another port): wait for it. */
    if (stage == 0 && ports && v != SEG_NO_CONDUIT) return;

    detect_rule_id rule;
    if (c.zone->catch_all && detect_zone_is_ot(s.zone)) rule = RULE_SEG_INTERNET_OT;
    else if (s.zone->catch_all && detect_zone_is_ot(c.zone)) rule = RULE_SEG_OT_INTERNET;
    else if (detect_zone_is_ot(s.zone) && remote_service_port(f->ip_proto, f->server_port, app))
        rule = RULE_SEG_REMOTE_SERVICE;
    else if (v == SEG_DIRECTION) rule = RULE_SEG_DIRECTION;
    else if (v == SEG_SERVICE) rule = RULE_SEG_SERVICE;
    else rule = RULE_SEG_NO_CONDUIT;

    detect_alert a;
    detect_alert_from_flow(e, &a, rule, f);
    a.protocol = app;
    /* An information repository (the TOS database, a historian) reached outside the conduits. */
    if (detect_zone_is_ot(s.zone) && (detect_asset_is_kind(s.asset, "database") || detect_asset_is_kind(s.asset, "historian")))
        detect_alert_add_technique(&a, "T0811");
    if (s.asset && s.asset->criticality == CRIT_CROWN_JEWEL && a.severity < SEV_HIGH) a.severity++;
    static const char *const why[] = { "", "no conduit joins", "no conduit service allows this flow from",
                                       "the conduit only allows the other direction, from" };
    char cb[IP_STR_MAX], sb[IP_STR_MAX];
    snprintf(a.message, sizeof a.message, "%s %s:%u (%s) -> %s:%u (%s) %s: %s %s to %s",
             app ? app : (f->ip_proto == 6 ? "tcp" : f->ip_proto == 17 ? "udp" : "ip"), ip_fmt(&f->client, cb),
             f->client_port, c.asset ? c.asset->id : "undeclared", ip_fmt(&f->server, sb), f->server_port,
             s.asset ? s.asset->id : "undeclared", detect_rules[rule].name, why[v],
             c.zone->id ? c.zone->id : "?", s.zone->id ? s.zone->id : "?");
    detect_raise(e, &a, detect_key(rule, &f->client, &f->server, ports ? f->server_port : 0, f->ip_proto));
}

static void seg_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    switch (o->kind) {
    case OBS_PACKET:
        if (o->flow && o->flow->pkts[0] + o->flow->pkts[1] == 1) judge_flow(e, o->flow, NULL, 0);
        break;
    case OBS_APP_DETECTED: judge_flow(e, o->flow, o->u.app.app, 1); break;
    case OBS_FLOW_END: judge_flow(e, o->flow, o->u.flow_end.app, 2); break;
    default: break;
    }
}

const detect_family detect_family_segmentation = {
    "segmentation", OBS_MASK(OBS_PACKET) | OBS_MASK(OBS_APP_DETECTED) | OBS_MASK(OBS_FLOW_END), NULL, seg_observe,
};
