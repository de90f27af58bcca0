/* scn_vendor_write.c - a vendor's remote access outside its agreed window
 * (a Sunday night, say): through the vendor VPN the "vendor" (their
 * engineer's account in the RDP cookie) RDPs to the
 * OEM's service PC in the vendor DMZ, which then writes setpoints to one of
 * the vendor's crane PLCs (S7 write var on a Siemens CPU, else Modbus
 * FC16) although it is not in the PLC's may_write. */
#include <string.h>
#include "sim/scenario.h"

/* Who in the vendor zone acts: the OEM's service PC first (it holds the
 * engineering software), then a jump host, then whatever else lives there. */
static int attacker_rank(const sim_host *h)
{
    if (sim_host_kind(h, "eng-workstation")) return 0;
    if (sim_host_kind(h, "jump-host")) return 1;
    if (sim_host_kind(h, "workstation") || sim_host_kind(h, "laptop")) return 2;
    return 3;
}

static bool crane_zone(const sim_ctx *c, int zone)
{
    if (zone < 0) return false;
    const model_zone *z = &c->m->zones[zone];
    return (z->id && (strstr(z->id, "crane") || strstr(z->id, "sts"))) ||
           (z->name && (strstr(z->name, "crane") || strstr(z->name, "STS")));
}

/* The write protocol the PLC speaks (S7 on SIMATIC CPUs, else Modbus), or NULL. */
static const char *write_proto(const sim_ctx *c, int plc)
{
    if (sim_serves(c, &c->hosts[plc], "s7comm")) return "s7comm";
    if (sim_serves(c, &c->hosts[plc], "modbus")) return "modbus";
    return NULL;
}

/* Score a (attacker, PLC) pair: lower is better; -1 when it is no attack. */
static int pair_score(sim_ctx *c, int a, int plc)
{
    const char *proto = write_proto(c, plc);
    if (!proto || sim_may_write(c, a, plc)) return -1;
    int score = attacker_rank(&c->hosts[a]) * 8;
    if (!crane_zone(c, c->hosts[plc].zone)) score += 4;
    if (!sim_host_kind(&c->hosts[plc], "plc")) score += 2;
    /* A conduit that lets the vendor zone reach the PLC is the realistic path. */
    if (!sim_allowed(c, a, plc, 6, strcmp(proto, "s7comm") == 0 ? 102 : 502, proto)) score += 1;
    return score;
}

/* Does h sit where vendor v's remote sessions start (its access_from)? */
static bool on_vendor_path(const sim_ctx *c, const model_vendor *v, const sim_host *h)
{
    for (size_t i = 0; i < v->n_access_src; i++) {
        const model_access_source *s = &v->access_src[i];
        if (s->is_net) {
            ip_addr a;
            ip_from_v4(&a, h->ip);
            if (ip_net_contains(&s->net, &a)) return true;
        } else if (s->zone >= 0 ? h->zone == s->zone : s->asset >= 0 && h->asset == &c->m->assets[s->asset]) {
            return true;
        }
    }
    return false;
}

static bool maintains(const model_vendor *v, const sim_host *h)
{
    for (size_t i = 0; h->asset && i < v->assets.len; i++)
        if (v->assets.items[i] && !strcmp(v->assets.items[i], h->id)) return true;
    return false;
}

static bool outside_window(const tz_local *lt, const void *arg)
{
    return !tz_window_contains(&((const model_vendor *)arg)->window, lt);
}

/* The account the vendor's engineer signs in with (a person whose `vendor`
 * is v and who has accounts), shown in the RDP cookie; NULL when none. */
static const char *vendor_account(const port_model *m, const model_vendor *v)
{
    for (size_t i = 0; i < m->n_people; i++) {
        const model_person *p = &m->people[i];
        if (p->vendor && v->id && !strcmp(p->vendor, v->id) && p->accounts.len) return p->accounts.items[0];
    }
    return NULL;
}

extern const sim_scenario sim_scenario_vendor_write;

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    /* The vendor with an access window whose path reaches a PLC of its own it may not write. */
    const model_vendor *vendor = NULL;
    int best_a = -1, best_p = -1, best = 1 << 30;
    for (size_t vi = 0; vi < c->m->n_vendors; vi++) {
        const model_vendor *v = &c->m->vendors[vi];
        if (!v->has_window || !v->n_access_src) continue;
        for (size_t a = 0; a < c->n_hosts; a++) {
            const sim_host *ha = &c->hosts[a];
            if (ha->external || !ha->asset || !on_vendor_path(c, v, ha)) continue;
            /* The vendor's own service PC first: it holds the engineering software. */
            int own = maintains(v, ha) ? 0 : 32;
            for (size_t p = 0; p < c->n_hosts; p++) {
                if (!sim_is_plc(c, &c->hosts[p]) || !maintains(v, &c->hosts[p])) continue;
                int sc = pair_score(c, (int)a, (int)p);
                if (sc >= 0 && sc + own < best) { best = sc + own; best_a = (int)a; best_p = (int)p; vendor = v; }
            }
        }
    }
    if (!vendor) { sw_fail(err, SW_ERR_INVALID, "no vendor with an access_window and access path to a PLC of its own it may not write"); return false; }
    sw_time_us span = sim_scenario_vendor_write.span;
    sw_time_us t = scn_find_local(c, run->planned, scn_latest_start(c, span), outside_window, vendor);
    if (t < 0) { sw_fail(err, SW_ERR_INVALID, "the run never leaves %s's access window (%s); use --start", vendor->id, vendor->access_window); return false; }
    run->planned = t;
    bool siemens = strcmp(write_proto(c, best_p), "s7comm") == 0;
    const sim_profile *p = sim_profile_find(siemens ? "s7-write" : "modbus-write"), *rdp = sim_profile_find("rdp");
    if (!p || !rdp) { sw_fail(err, SW_ERR_INVALID, "write or rdp profile missing"); return false; }
    /* The session arrives through the VPN concentrator: it RDPs to the service PC first. */
    int vpn = -1;
    for (size_t i = 0; i < c->n_hosts && vpn < 0; i++)
        if ((int)i != best_a && c->hosts[i].zone == c->hosts[best_a].zone && sim_host_kind(&c->hosts[i], "vpn-gateway")) vpn = (int)i;
    sw_time_us tw = t;
    if (vpn >= 0 && c->hosts[best_a].windows) {
        sim_run_add_host(c, run, vpn, "entry");
        sim_session_start(c, rdp, vpn, best_a, t, (uintptr_t)vendor_account(c->m, vendor), run);
        tw = t + SIM_S(20);
    }
    sim_run_add_host(c, run, best_a, "attacker");
    sim_run_add_host(c, run, best_p, "target");
    sim_session_start(c, p, best_a, best_p, tw, 3, run);
    scn_expect(run, "access", "SW-REMOTE-VENDOR-WINDOW", "T0822 T0886");
    scn_expect(run, "write", "SW-ICS-UNAUTH-WRITE", "T0855 T0836");
    return true;
}

static const char *const techniques[] = { "T0822", "T0886", "T0855", "T0836", NULL };
static const char *const hints[] = {
    "ICS write (Modbus FC16 / S7 write var) from a host not in the target's may_write",
    "session from the vendor's access path to its own assets outside its access_window (port local time)",
    NULL,
};

const sim_scenario sim_scenario_vendor_write = {
    "vendor-plc-write", "Vendor remote access outside its window writes to a crane PLC",
    "Outside the vendor's access_window (port local time), the vendor VPN concentrator opens RDP to the OEM's "
    "service PC in the vendor DMZ, which opens S7comm (or Modbus/TCP) to one of the vendor's crane PLCs, reads, then "
    "writes out-of-range setpoints; it is not in the PLC's may_write.",
    techniques, hints, inject, SIM_S(60),
};
