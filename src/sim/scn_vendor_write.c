/* scn_vendor_write.c - a host in the vendor remote-access zone connects
 * to an STS crane PLC and writes setpoints (Modbus FC16, or S7 write var
 * on a Siemens CPU) although it is not in the PLC's may_write. */
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

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int zones[8];
    size_t nz = scn_entry_zones(c, "remote-access", zones, 8);
    int vz = scn_zone_like(c, "vendor");
    if (vz >= 0 && nz < 8) zones[nz++] = vz;
    int best_a = -1, best_p = -1, best = 1 << 30;
    for (size_t a = 0; a < c->n_hosts; a++) {
        bool in_zone = false;
        for (size_t k = 0; k < nz; k++) in_zone |= c->hosts[a].zone == zones[k];
        /* Vendor-named zones first: a staff VPN pool is remote access too, but not the vendor's. */
        int zone_penalty = c->hosts[a].zone == vz ? 0 : 64;
        if (!in_zone || c->hosts[a].external || !c->hosts[a].asset) continue;
        for (size_t p = 0; p < c->n_hosts; p++) {
            if (!sim_is_plc(c, &c->hosts[p])) continue;
            int sc = pair_score(c, (int)a, (int)p);
            if (sc >= 0 && sc + zone_penalty < best) { best = sc + zone_penalty; best_a = (int)a; best_p = (int)p; }
        }
    }
    if (best_a < 0) { sw_fail(err, SW_ERR_INVALID, "no host in a vendor or remote-access zone, or no PLC it may not write"); return false; }
    bool siemens = strcmp(write_proto(c, best_p), "s7comm") == 0;
    const sim_profile *p = sim_profile_find(siemens ? "s7-write" : "modbus-write");
    if (!p) { sw_fail(err, SW_ERR_INVALID, "write profile missing"); return false; }
    sim_run_add_host(c, run, best_a, "attacker");
    sim_run_add_host(c, run, best_p, "target");
    sim_session_start(c, p, best_a, best_p, run->planned, 3, run);
    return true;
}

static const char *const techniques[] = { "T0855", "T0886", NULL };
static const char *const hints[] = {
    "ICS write (Modbus FC16 / S7 write var) from a host not in the target's may_write",
    "session from a remote-access (vendor) zone to a crane controller",
    NULL,
};

const sim_scenario sim_scenario_vendor_write = {
    "vendor-plc-write", "Vendor remote access writes to a crane PLC",
    "A host in the vendor remote-access DMZ opens Modbus/TCP (or S7comm on Siemens CPUs) to an STS crane PLC, "
    "reads holding registers, then writes out-of-range setpoints; it is not in the PLC's may_write.",
    techniques, hints, inject,
};
