/* scn_vendor_write.c - a host in the vendor remote-access zone connects
 * to an STS crane PLC and writes setpoints (Modbus FC16, or S7 write var
 * on a Siemens CPU) although it is not in the PLC's may_write. */
#include <string.h>
#include "sim/scenario.h"

static bool remote_box(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "vpn-gateway") || sim_host_kind(h, "jump-host") || sim_host_is(h, "vendor");
}

/* A crane PLC: in a zone named for cranes (STS first), else any controller. */
static int crane_plc(sim_ctx *c)
{
    int z = scn_zone_like(c, "sts");
    if (z < 0) z = scn_zone_like(c, "crane");
    int h = z >= 0 ? scn_host_in_zone(c, z, sim_is_plc) : -1;
    return h >= 0 ? h : sim_pick(c, sim_is_plc);
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int zones[8];
    size_t nz = scn_entry_zones(c, "remote-access", zones, 8);
    int attacker = -1;
    /* Prefer the zone the vendor VPN lands in (vendor named), then any remote-access zone. */
    for (size_t i = 0; i < nz && attacker < 0; i++) {
        const model_zone *z = &c->m->zones[zones[i]];
        if ((z->id && strstr(z->id, "vendor")) || (z->name && strstr(z->name, "endor")))
            attacker = scn_host_in_zone(c, zones[i], remote_box);
    }
    for (size_t i = 0; i < nz && attacker < 0; i++) attacker = scn_host_in_zone(c, zones[i], remote_box);
    if (attacker < 0) {
        int z = scn_zone_like(c, "vendor");
        if (z >= 0) attacker = scn_host_in_zone(c, z, NULL);
    }
    if (attacker < 0) { sw_fail(err, SW_ERR_INVALID, "no host in a vendor or remote-access zone"); return false; }
    int plc = crane_plc(c);
    if (plc < 0) { sw_fail(err, SW_ERR_INVALID, "no PLC to target"); return false; }
    if (sim_may_write(c, attacker, plc)) { sw_fail(err, SW_ERR_INVALID, "%s may write to %s: not an attack", c->hosts[attacker].id, c->hosts[plc].id); return false; }
    bool siemens = sim_is_siemens_plc(c, &c->hosts[plc]);
    const sim_profile *p = sim_profile_find(siemens ? "s7-write" : "modbus-write");
    if (!p) { sw_fail(err, SW_ERR_INVALID, "write profile missing"); return false; }
    sim_run_add_host(c, run, attacker, "attacker");
    sim_run_add_host(c, run, plc, "target");
    sim_session_start(c, p, attacker, plc, run->planned, 3, run);
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
