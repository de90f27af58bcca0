/* asset.c - new devices (SW-ASSET-ROGUE): an address sending from an OT
 * zone that no asset in the model declares. Checked on the first packet
 * each side sends in a flow, so the cost is per flow, not per packet. */
#include <string.h>
#include "detect/detect_internal.h"

static void asset_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    const net_packet *p = o->packet;
    const net_flow *f = o->flow;
    if (!p || !f || (p->l3 != NET_L3_IPV4 && p->l3 != NET_L3_IPV6) || f->pkts[o->dir] != 1) return;
    detect_host h = detect_lookup(e, &p->src);
    if (h.asset || !h.zone || h.zone->catch_all) return;
    bool watched = (h.zone->domain == DOMAIN_OT && e->cfg.rogue_ot) || (h.zone->domain == DOMAIN_PHYS && e->cfg.rogue_phys);
    if (!watched || detect_addr_unroutable(e, &p->src, h.zone)) return;
    detect_alert a;
    detect_alert_init(e, &a, RULE_ASSET_ROGUE, o->ts, &p->src, &p->dst, p->has_l4 ? p->sport : 0,
                      p->has_l4 ? p->dport : 0, p->ip_proto);
    detect_alert_add_frame(&a, o->frame);
    /* A laptop or test rig plugged into a control network: T0864 Transient Cyber Asset. */
    if (h.zone->domain == DOMAIN_OT) detect_alert_add_technique(&a, "T0864");
    if (p->has_mac) { a.has_src_mac = true; memcpy(a.src_mac, p->src_mac, 6); }
    char sb[IP_STR_MAX], mb[18];
    snprintf(a.message, sizeof a.message, "%s%s%s in zone %s is not in the model (first seen talking to %s)",
             ip_fmt(&p->src, sb), p->has_mac ? " mac " : "", p->has_mac ? mac_fmt(p->src_mac, mb) : "",
             h.zone->id ? h.zone->id : "?", a.asset_dst ? a.asset_dst->id : "an undeclared host");
    detect_raise(e, &a, detect_key(RULE_ASSET_ROGUE, &p->src, NULL, 0, 0));
}

const detect_family detect_family_asset = { "asset", OBS_MASK(OBS_PACKET), NULL, asset_observe };
