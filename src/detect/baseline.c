/* baseline.c - deviations from the learned baseline (SW-BASE-*): a peer
 * never seen talking with an OT asset, a service the asset never used or
 * offered, an ICS function it never received. With --learn the same
 * checks feed the baseline instead of alerting (see baseline.h). */
#include <stdio.h>
#include <string.h>
#include "detect/baseline.h"
#include "detect/detect_internal.h"
#include "model/model_service.h"

#define SERVICE_MAX 16

void detect_set_baseline(detect_engine *e, detect_baseline *b, detect_learn_fn learn, void *user)
{
    e->baseline = b;
    e->learn = learn;
    e->learn_user = user;
}

bool detect_baseline_covers(const detect_engine *e, const model_asset *a)
{
    if (!a || a->zone_index < 0 || (size_t)a->zone_index >= e->m->n_zones) return false;
    const model_zone *z = &e->m->zones[a->zone_index];
    if (z->catch_all) return false;
    return z->domain == DOMAIN_OT || (z->domain == DOMAIN_PHYS && e->cfg.baseline_phys);
}

/* The parser's name, else the transport and server port. Unrecognised
 * servers on the IANA dynamic range (49152-65535) are one service,
 * "tcp/dynamic": FTP data connections, RPC and similar negotiate a fresh
 * port each time, and a port learnt once would never be seen again. */
static const char *service_of(const net_flow *f, const char *app, char buf[SERVICE_MAX])
{
    if (app) return app;
    if ((f->ip_proto == 6 || f->ip_proto == 17) && f->server_port >= 49152)
        snprintf(buf, SERVICE_MAX, "%s/dynamic", f->ip_proto == 6 ? "tcp" : "udp");
    else if (f->ip_proto == 6 || f->ip_proto == 17)
        snprintf(buf, SERVICE_MAX, "%s/%u", f->ip_proto == 6 ? "tcp" : "udp", f->server_port);
    else if (f->ip_proto == 1 || f->ip_proto == 58)
        snprintf(buf, SERVICE_MAX, "%s", f->ip_proto == 1 ? "icmp" : "ipv6-icmp");
    else
        snprintf(buf, SERVICE_MAX, "ip/%u", f->ip_proto);
    return buf;
}

static void learn_talker(detect_engine *e, const detect_talker *t, sw_time_us ts)
{
    if (detect_baseline_has_talker(e->baseline, t)) return;
    if (!detect_baseline_add_talker(e->baseline, t)) e->stats.baseline_full++;
    detect_learned l;
    memset(&l, 0, sizeof l);
    l.talker = *t;
    l.ts = ts;
    e->learn(e->learn_user, &l);
}

static void talker_alerts(detect_engine *e, const detect_talker *t, const net_flow *f, sw_time_us ts, uint64_t frame,
                          const model_asset *asset)
{
    bool known_peer = detect_baseline_has_talker(e->baseline, t);
    bool known_service = detect_baseline_has_service(e->baseline, t->asset_id, t->asset_is_server, t->service);
    if (known_peer && known_service) return;
    char pb[IP_STR_MAX], ab[IP_STR_MAX];
    const ip_addr *asset_ip = t->asset_is_server ? &f->server : &f->client;
    uint64_t svc = detect_hash_bytes(t->service, strlen(t->service), t->asset_is_server);
    if (!known_peer) {
        detect_alert a;
        detect_alert_from_flow(e, &a, RULE_BASE_NEW_TALKER, f);
        a.ts = ts;
        detect_alert_add_frame(&a, frame);
        a.protocol = f->app >= 0 ? t->service : NULL;
        const model_asset *peer_asset = t->asset_is_server ? a.asset_src : a.asset_dst;
        /* A new peer reaching in is lateral movement over a remote service;
         * an OT asset reaching out to a new peer is a command channel. */
        detect_alert_add_technique(&a, t->asset_is_server ? "T0886" : "T0869");
        if (t->asset_is_server && detect_write_enforced(asset)) a.severity = SEV_HIGH;
        snprintf(a.message, sizeof a.message, "%s (%s) %s %s (%s) over %s: a peer not in the learned baseline",
                 ip_fmt(&t->peer, pb), peer_asset ? peer_asset->id : "undeclared",
                 t->asset_is_server ? "talks to" : "is reached by", asset->id, ip_fmt(asset_ip, ab), t->service);
        detect_raise(e, &a, detect_key(RULE_BASE_NEW_TALKER, &f->client, &f->server, 0, svc));
    }
    if (!known_service) {
        detect_alert a;
        detect_alert_from_flow(e, &a, RULE_BASE_NEW_FUNCTION, f);
        a.ts = ts;
        detect_alert_add_frame(&a, frame);
        a.protocol = f->app >= 0 ? t->service : NULL;
        detect_alert_add_technique(&a, t->asset_is_server ? "T0886" : "T0869");
        snprintf(a.message, sizeof a.message, "%s (%s) %s %s, which the learned baseline never saw it %s",
                 asset->id, ip_fmt(asset_ip, ab), t->asset_is_server ? "offers" : "uses", t->service,
                 t->asset_is_server ? "offer" : "use");
        /* Keyed on the asset and service: one alert however many peers. */
        detect_raise(e, &a, detect_key(RULE_BASE_NEW_FUNCTION, asset_ip, NULL, 0, svc));
    }
}

/* A flow that carried something: the talkers on both ends. An alert names
 * the server when it is covered; the client only when the server is not
 * (an OT asset reaching out), so one new conversation is one alert. */
static void on_flow(detect_engine *e, const net_flow *f, const char *app, sw_time_us ts, uint64_t frame)
{
    detect_host s = detect_lookup(e, &f->client), d = detect_lookup(e, &f->server);
    bool server_covered = detect_baseline_covers(e, d.asset);
    bool client_covered = detect_baseline_covers(e, s.asset) && !detect_addr_unroutable(e, &f->server, d.zone);
    if (!server_covered && !client_covered) return;
    char sbuf[SERVICE_MAX];
    const char *service = service_of(f, app, sbuf);
    detect_talker in = { d.asset ? d.asset->id : NULL, f->client, true, service };
    detect_talker out = { s.asset ? s.asset->id : NULL, f->server, false, service };
    if (e->learn) {
        if (server_covered) learn_talker(e, &in, ts);
        if (client_covered) learn_talker(e, &out, ts);
        return;
    }
    if (server_covered) talker_alerts(e, &in, f, ts, frame, d.asset);
    else talker_alerts(e, &out, f, ts, frame, s.asset);
}

static bool identity_request(const obs_ics_op *op)
{
    static const char *const names[] = { "list_identity", "list_services", "who_is", "who_has",
                                         "read_device_identification", "report_server_id", "report_slave_id" };
    if (op->s7.has_szl) return true;
    for (size_t i = 0; op->function_name && i < sizeof names / sizeof *names; i++)
        if (!strcmp(op->function_name, names[i])) return true;
    return false;
}

static void on_ics(detect_engine *e, const net_observation *o)
{
    const obs_ics_op *op = &o->u.ics;
    const net_flow *f = o->flow;
    if (!f || op->is_response || !op->protocol) return;
    /* The flow's initiator is the master (ics.c): the server receives the function. */
    detect_host d = detect_lookup(e, &f->server);
    if (!detect_baseline_covers(e, d.asset)) return;
    detect_function fn = { d.asset->id, op->protocol, op->function, op->has_subfunction ? op->subfunction : -1 };
    if (detect_baseline_has_function(e->baseline, &fn)) return;
    if (e->learn) {
        if (!detect_baseline_add_function(e->baseline, &fn)) e->stats.baseline_full++;
        detect_learned l;
        memset(&l, 0, sizeof l);
        l.is_function = true;
        l.function = fn;
        l.function_name = op->function_name;
        l.ts = o->ts;
        e->learn(e->learn_user, &l);
        return;
    }
    detect_alert a;
    detect_alert_init(e, &a, RULE_BASE_NEW_FUNCTION, o->ts, &f->client, &f->server, f->client_port, f->server_port,
                      f->ip_proto);
    detect_alert_add_frame(&a, o->frame);
    a.protocol = op->protocol;
    const char *kind = "read";
    if (op->is_write) {
        detect_alert_add_technique(&a, "T0855");
        detect_alert_add_technique(&a, "T0836");
        a.severity = SEV_HIGH;
        kind = "write";
    } else if (op->is_control) {
        detect_alert_add_technique(&a, "T0855");
        detect_alert_add_technique(&a, "T0858");
        a.severity = SEV_HIGH;
        kind = "control";
    } else if (identity_request(op)) {
        detect_alert_add_technique(&a, "T0888");
        kind = "identity request";
    } else {
        detect_alert_add_technique(&a, "T0861");
    }
    char sb[IP_STR_MAX], db[IP_STR_MAX], sub[24] = "";
    if (op->has_subfunction) snprintf(sub, sizeof sub, "/%u", op->subfunction);
    snprintf(a.message, sizeof a.message,
             "%s %s %s (function %u%s) from %s (%s) to %s (%s): never seen on this asset in the learned baseline",
             op->protocol, kind, op->function_name ? op->function_name : "?", op->function, sub, ip_fmt(&f->client, sb),
             a.asset_src ? a.asset_src->id : "undeclared", ip_fmt(&f->server, db), d.asset->id);
    uint8_t key[8];
    memcpy(key, &fn.function, 4);
    memcpy(key + 4, &fn.subfunction, 4);
    uint64_t extra = detect_hash_bytes(key, sizeof key, detect_hash_bytes(op->protocol, strlen(op->protocol), 5));
    detect_raise(e, &a, detect_key(RULE_BASE_NEW_FUNCTION, &f->client, &f->server, 0, extra));
}

static void baseline_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    if (!e->baseline) return;
    const net_flow *f = o->flow;
    switch (o->kind) {
    case OBS_APP_DETECTED:
        if (f) on_flow(e, f, o->u.app.app, o->ts, o->frame);
        break;
    case OBS_FLOW_END:
        /* A TCP flow that carried no byte is a probe: the scan rules judge it. */
        if (f && (f->ip_proto != 6 || f->payload_bytes[0] + f->payload_bytes[1] > 0))
            on_flow(e, f, o->u.flow_end.app, f->first_ts, f->first_frame);
        break;
    case OBS_ICS_OP: on_ics(e, o); break;
    default: break;
    }
}

const detect_family detect_family_baseline = {
    "baseline", OBS_MASK(OBS_APP_DETECTED) | OBS_MASK(OBS_FLOW_END) | OBS_MASK(OBS_ICS_OP), NULL, baseline_observe,
};
