/* credentials.c - vendor factory-default credentials used on the wire
 * (SW-CRED-DEFAULT): a login or SNMP community that the parser found equal
 * to an entry of net/proto/defcred.def. Any zone: a default password on a
 * UPS card in the corporate network is as much a finding as one on a crane
 * switch; the framework follows the zone. The password never reaches here. */
#include <stdio.h>
#include <string.h>
#include "detect/detect_internal.h"
#include "net/proto/defcred.h"

static void credentials_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    const obs_app_meta *m = &o->u.meta;
    const defcred *d = m->default_credential;
    const net_flow *f = o->flow;
    if (!d || !f) return;
    detect_alert a;
    detect_alert_from_flow(e, &a, RULE_CRED_DEFAULT, f);
    detect_alert_add_frame(&a, o->frame);
    a.ts = o->ts;
    a.protocol = m->protocol;
    /* The framework follows the zone (AUTO): each has its own technique. */
    bool ot = detect_zone_is_ot(a.zone_src) || detect_zone_is_ot(a.zone_dst);
    detect_alert_add_technique(&a, ot ? "T0812" : "T1078.001");
    char cb[IP_STR_MAX], sb[IP_STR_MAX], what[96];
    if (d->scope == DEFCRED_SNMP) snprintf(what, sizeof what, "SNMP community \"%s\"", d->password);
    else snprintf(what, sizeof what, "account %s", d->user);
    snprintf(a.message, sizeof a.message, "%s from %s (%s) to %s (%s, zone %s) with a vendor default: %s, %s [%s]",
             m->protocol ? m->protocol : "login", ip_fmt(&f->client, cb), a.asset_src ? a.asset_src->id : "undeclared",
             ip_fmt(&f->server, sb), a.asset_dst ? a.asset_dst->id : "undeclared",
             a.zone_dst && a.zone_dst->id ? a.zone_dst->id : "none", what, d->vendors, d->id);
    uint64_t extra = detect_hash_bytes(d->id, strlen(d->id), 0);
    detect_raise(e, &a, detect_key(RULE_CRED_DEFAULT, &f->client, &f->server, f->server_port, extra));
}

const detect_family detect_family_credentials = {
    "credentials", OBS_MASK(OBS_APP_META), NULL, credentials_observe,
};
