/* remote.c - cleartext remote access into OT (SW-REMOTE-CLEAR): Telnet,
 * FTP, VNC, rlogin/rsh from another zone once the session carries data,
 * even where a conduit allows it: credentials cross in clear. */
#include <string.h>
#include <strings.h>
#include "detect/detect_internal.h"

static const char *cleartext_service(uint8_t ip_proto, uint16_t port, const char *app)
{
    static const char *const apps[] = { "telnet", "ftp", "vnc", "rlogin", "rsh", "rexec" };
    for (size_t i = 0; app && i < sizeof apps / sizeof *apps; i++)
        if (!strcasecmp(app, apps[i])) return apps[i];
    if (ip_proto != 6) return NULL;
    switch (port) {
    case 21: return "ftp";
    case 23: return "telnet";
    case 512: return "rexec";
    case 513: return "rlogin";
    case 514: return "rsh";
    default: return port >= 5900 && port <= 5910 ? "vnc" : NULL;
    }
}

static void check(detect_engine *e, const net_observation *o, const char *app)
{
    const net_flow *f = o->flow;
    const char *svc = cleartext_service(f->ip_proto, f->server_port, app);
    if (!svc) return;
    detect_host c = detect_lookup(e, &f->client), s = detect_lookup(e, &f->server);
    if (!detect_zone_is_ot(s.zone) || c.zone == s.zone) return;
    detect_alert a;
    detect_alert_from_flow(e, &a, RULE_REMOTE_CLEAR, f);
    detect_alert_add_frame(&a, o->frame);
    a.protocol = svc;
    char cb[IP_STR_MAX], sb[IP_STR_MAX];
    snprintf(a.message, sizeof a.message, "%s session from %s (%s, zone %s) into OT zone %s, to %s (%s)", svc,
             ip_fmt(&f->client, cb), c.asset ? c.asset->id : "undeclared", c.zone && c.zone->id ? c.zone->id : "none",
             s.zone->id ? s.zone->id : "?", ip_fmt(&f->server, sb), s.asset ? s.asset->id : "undeclared");
    detect_raise(e, &a, detect_key(RULE_REMOTE_CLEAR, &f->client, &f->server, f->server_port, 0));
}

static void remote_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    const net_flow *f = o->flow;
    if (!f) return;
    if (o->kind == OBS_APP_DETECTED) { check(e, o, o->u.app.app); return; }
    const net_packet *p = o->packet;
    /* The first payload of the session, either way (Telnet, FTP and VNC servers speak first). */
    if (p && p->payload_len && f->payload_bytes[0] + f->payload_bytes[1] == p->payload_len) check(e, o, NULL);
}

const detect_family detect_family_remote = {
    "remote", OBS_MASK(OBS_PACKET) | OBS_MASK(OBS_APP_DETECTED), NULL, remote_observe,
};
