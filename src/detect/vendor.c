/* vendor.c - vendor remote access outside its agreed window
 * (SW-REMOTE-VENDOR-WINDOW): a session that starts where a vendor's remote
 * access lands (its access_from, else what its entry point reaches) and
 * goes to an asset the vendor maintains, at a local time (port.timezone)
 * outside the vendor's access_window. Judged once per flow, on its first packet. */
#include <string.h>
#include "detect/detect_internal.h"

static bool from_vendor_path(const detect_engine *e, const model_vendor *v, const ip_addr *ip, const detect_host *h)
{
    for (size_t i = 0; i < v->n_access_src; i++) {
        const model_access_source *s = &v->access_src[i];
        if (s->is_net ? ip_net_contains(&s->net, ip)
                      : s->zone >= 0 ? h->zone == &e->m->zones[s->zone]
                                     : s->asset >= 0 && h->asset == &e->m->assets[s->asset])
            return true;
    }
    return false;
}

static bool maintains(const detect_engine *e, const model_vendor *v, const model_asset *a)
{
    int ai = (int)(a - e->m->assets);
    for (size_t i = 0; i < v->assets.len; i++)
        if ((v->assets_index && v->assets_index[i] == ai) || (v->assets.items[i] && !strcmp(v->assets.items[i], a->id)))
            return true;
    return false;
}

static void vendor_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    const net_flow *f = o->flow;
    if (!f || f->pkts[0] + f->pkts[1] != 1) return;
    detect_host c = detect_lookup(e, &f->client), s = detect_lookup(e, &f->server);
    if (!s.asset || s.asset == c.asset || detect_addr_unroutable(e, &f->server, s.zone)) return;
    const model_vendor *outside = NULL;
    bool inside = false;
    tz_local lt;
    bool have_time = false;
    for (size_t i = 0; i < e->m->n_vendors && !inside; i++) {
        const model_vendor *v = &e->m->vendors[i];
        if (!v->has_window || !from_vendor_path(e, v, &f->client, &c) || !maintains(e, v, s.asset)) continue;
        if (!have_time) { tz_local_time(e->m->port.tz, f->first_ts, &lt); have_time = true; }
        /* Several vendors may share the path to one asset: inside any one's window is agreed work. */
        if (tz_window_contains(&v->window, &lt)) inside = true;
        else if (!outside) outside = v;
    }
    if (inside || !outside) return;
    detect_alert a;
    detect_alert_from_flow(e, &a, RULE_REMOTE_VENDOR_WINDOW, f);
    if (s.asset->criticality == CRIT_CROWN_JEWEL && a.severity < SEV_CRITICAL) a.severity++;
    char cb[IP_STR_MAX], when[32];
    snprintf(a.message, sizeof a.message, "%s remote session from %s (%s) to %s port %u at %s %s, outside its access window %s",
             outside->id ? outside->id : "vendor", ip_fmt(&f->client, cb), c.asset ? c.asset->id : "undeclared",
             s.asset->id ? s.asset->id : "?", f->server_port, tz_local_fmt(&lt, when),
             e->m->port.tz && e->m->port.timezone ? e->m->port.timezone : "UTC", outside->access_window);
    detect_raise(e, &a, detect_key(RULE_REMOTE_VENDOR_WINDOW, &f->client, &f->server, f->server_port, f->ip_proto));
}

const detect_family detect_family_vendor = { "vendor", OBS_MASK(OBS_PACKET), NULL, vendor_observe };
