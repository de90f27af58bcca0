/* intel_match.c - threat-intelligence matches (SW-INTEL-*): DNS queries and
 * answers, TLS SNI, HTTP hosts and URLs against domain and URL indicators,
 * and each flow's two addresses (at its first packet) against address
 * indicators, longest prefix first. Lookups only: the table is built once. */
#include <stdio.h>
#include <string.h>
#include "detect/detect_internal.h"
#include "detect/intel.h"

void detect_set_intel(detect_engine *e, const detect_intel *t) { e->intel = t; }

static bool involves_ot(const detect_alert *a) { return detect_zone_is_ot(a->zone_src) || detect_zone_is_ot(a->zone_dst); }

static void describe(const detect_indicator *ind, char *out, size_t cap)
{
    snprintf(out, cap, "%s indicator %s (source %s%s%s%s)", detect_ioc_type_name(ind->type), ind->value, ind->source,
             ind->name ? ", \"" : "", ind->name ? ind->name : "", ind->name ? "\"" : "");
}

/* A name (or URL) an application revealed. */
static void name_alert(detect_engine *e, const net_observation *o, const char *key, const char *seen,
                       const detect_indicator *ind)
{
    const net_flow *f = o->flow;
    detect_alert a;
    detect_alert_init(e, &a, RULE_INTEL_DOMAIN, o->ts, &f->client, &f->server, f->client_port, f->server_port,
                      f->ip_proto);
    detect_alert_add_frame(&a, o->frame);
    a.protocol = o->u.meta.protocol;
    bool dns = !strncmp(key, "dns.", 4);
    if (involves_ot(&a)) detect_alert_add_technique(&a, "T0869");
    else {
        detect_alert_add_technique(&a, "T1071");
        detect_alert_add_technique(&a, dns ? "T1071.004" : "T1071.001");
    }
    char what[400];
    describe(ind, what, sizeof what);
    snprintf(a.message, sizeof a.message, "%.16s %.100s matches %.190s", key, seen, what);
    uint64_t extra = detect_hash_bytes(ind->value, strlen(ind->value), ind->type);
    detect_raise(e, &a, detect_key(RULE_INTEL_DOMAIN, &f->client, &f->server, 0, extra));
}

/* One of the flow's addresses is listed; `listed_is_server` says which. */
static void addr_alert(detect_engine *e, const net_flow *f, sw_time_us ts, uint64_t frame, const char *how,
                       const ip_addr *listed, bool listed_is_server, const char *protocol, const detect_indicator *ind)
{
    detect_alert a;
    detect_alert_init(e, &a, RULE_INTEL_ADDRESS, ts, &f->client, &f->server, f->client_port, f->server_port,
                      f->ip_proto);
    detect_alert_add_frame(&a, frame);
    a.protocol = protocol;
    if (involves_ot(&a)) {
        /* Out to a listed host: a command channel; in from one: an OT
         * device reachable from where adversaries are. */
        detect_alert_add_technique(&a, listed_is_server ? "T0869" : "T0883");
    } else if (listed_is_server) {
        detect_alert_add_technique(&a, "T1071");
        if (protocol && !strcmp(protocol, "dns")) detect_alert_add_technique(&a, "T1071.004");
    }
    char ab[IP_STR_MAX], what[400];
    describe(ind, what, sizeof what);
    snprintf(a.message, sizeof a.message, "%.12s %s matches %.250s", how, ip_fmt(listed, ab), what);
    uint64_t extra = detect_hash_bytes(ind->value, strlen(ind->value), ind->type);
    detect_raise(e, &a, detect_key(RULE_INTEL_ADDRESS, &f->client, &f->server, 0, extra));
}

static void on_packet(detect_engine *e, const net_observation *o)
{
    const net_flow *f = o->flow;
    const net_packet *p = o->packet;
    /* Once per flow: its first packet, whichever way it went. */
    if (!f || !p || f->pkts[0] + f->pkts[1] != 1) return;
    const detect_indicator *ind = detect_intel_match_addr(e->intel, &f->server, o->ts);
    if (ind) addr_alert(e, f, o->ts, o->frame, "destination", &f->server, true, NULL, ind);
    ind = detect_intel_match_addr(e->intel, &f->client, o->ts);
    if (ind) addr_alert(e, f, o->ts, o->frame, "source", &f->client, false, NULL, ind);
}

static void on_meta(detect_engine *e, const net_observation *o)
{
    const obs_app_meta *m = &o->u.meta;
    if (!o->flow) return;
    const char *host = NULL, *uri = NULL;
    for (size_t i = 0; i < m->n && i < OBS_META_MAX; i++) {
        const char *k = m->kv[i].key, *v = m->kv[i].value;
        if (!k || !v) continue;
        if (!strcmp(k, "http.host")) host = v;
        else if (!strcmp(k, "http.uri")) uri = v;
        bool answer = !strcmp(k, "dns.answer");
        if (!answer && strcmp(k, "dns.query") && strcmp(k, "tls.sni") && strcmp(k, "http.host")) continue;
        ip_addr ip;
        if (answer && ip_parse(v, &ip)) {
            /* An A/AAAA answer names an address the client is about to reach. */
            const detect_indicator *ind = detect_intel_match_addr(e->intel, &ip, o->ts);
            if (ind) addr_alert(e, o->flow, o->ts, o->frame, "dns.answer", &ip, true, m->protocol, ind);
            continue;
        }
        const detect_indicator *ind = detect_intel_match_domain(e->intel, v, o->ts);
        if (ind) name_alert(e, o, k, v, ind);
    }
    if (host && uri) {
        const detect_indicator *ind = detect_intel_match_url(e->intel, host, uri, o->ts);
        if (ind) name_alert(e, o, "http.url", ind->value, ind);
    }
}

static void intel_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    if (!e->intel) return;
    if (o->kind == OBS_PACKET) on_packet(e, o);
    else if (o->kind == OBS_APP_META) on_meta(e, o);
}

const detect_family detect_family_intel = {
    "intel", OBS_MASK(OBS_PACKET) | OBS_MASK(OBS_APP_META), NULL, intel_observe,
};
