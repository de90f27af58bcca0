/* scn_cvg_ais_vts.c - converged: AIS spoofing (a fake base station in the
 * AIS feed) while a corporate workstation sweeps the VTS network and opens a
 * remote session to a VTS console: the AIS picture and the systems that
 * build it are attacked in the same window. */
#include <string.h>
#include "sim/ais_sim.h"
#include "sim/scenario.h"

/* The zone of the port's AIS receivers (kind ais-base); else a zone named like VTS. */
static int vts_zone(const sim_ctx *c)
{
    for (size_t i = 0; i < c->n_hosts; i++)
        if (sim_host_kind(&c->hosts[i], "ais-base") && c->hosts[i].zone >= 0) return c->hosts[i].zone;
    return scn_zone_like(c, "vts");
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    const char *why;
    if (!sim_ais_possible(c->m, &why)) { sw_fail(err, SW_ERR_INVALID, "no AIS feed: %s", why); return false; }
    int zone = vts_zone(c);
    if (zone < 0) { sw_fail(err, SW_ERR_INVALID, "no zone holds an AIS base station or is named like VTS"); return false; }
    /* The intruder: a corporate workstation (phished), outside the VTS zone. */
    int attacker = -1, target = -1;
    for (size_t i = 0; i < c->n_hosts && attacker < 0; i++)
        if (sim_is_it_client(c, &c->hosts[i]) && c->hosts[i].zone != zone && !c->hosts[i].external) attacker = (int)i;
    if (attacker < 0) { sw_fail(err, SW_ERR_INVALID, "no corporate workstation"); return false; }
    /* The session goes to a VTS console or server: RDP to Windows, else SSH. */
    for (size_t i = 0; i < c->n_hosts && target < 0; i++)
        if (c->hosts[i].zone == zone && c->hosts[i].windows && c->hosts[i].asset) target = (int)i;
    bool windows = target >= 0;
    for (size_t i = 0; i < c->n_hosts && target < 0; i++)
        if (c->hosts[i].zone == zone && sim_host_kind(&c->hosts[i], "server")) target = (int)i;
    const sim_profile *prof = sim_profile_find(windows ? "rdp" : "ssh");
    if (target < 0 || !prof) { sw_fail(err, SW_ERR_INVALID, "zone %s has no console or server to log in to", c->m->zones[zone].id); return false; }
    sim_run_add_host(c, run, attacker, "attacker");
    sim_run_add_host(c, run, target, "target");
    /* The fake base station comes on the air two minutes before the sweep. */
    run->ais_scenario = "ais-fake-base-station";
    run->ais_at = run->planned - SIM_S(120);
    scn_expect(run, "ais", "SW-AIS-FAKE-STATION", "T0856");
    if (!scn_sweep_start(c, run, attacker, zone, run->planned, err)) return false;
    sim_session_start(c, prof, attacker, target, run->planned + SIM_S(60), 0, run);
    if (!sim_allowed(c, attacker, target, 6, prof->port, prof->name) && c->m->zones[zone].domain == DOMAIN_OT)
        scn_expect(run, "access", "SW-SEG-REMOTE-SERVICE", "T0886");
    return true;
}

static const char *const techniques[] = { "T0856", "T0846", "T0886", NULL };
static const char *const hints[] = {
    "AIS: a base station the model does not list starts transmitting type 4 reports near the port",
    "2 min later a corporate workstation sweeps the VTS network (the AIS receivers' zone)",
    "then opens RDP (SSH for a Linux-only zone) to a VTS console outside any conduit",
    "one candidate joins the AIS alert and the network alerts by the AIS receivers' zone",
    NULL,
};

const sim_scenario sim_scenario_cvg_ais_vts = {
    "converged-ais-vts-intrusion", "Converged: AIS spoofing during a network intrusion at the VTS",
    "A fake AIS base station (ais-fake-base-station, in ais.nmea) transmits for 12 minutes; two minutes after it "
    "starts, a corporate workstation sweeps the VTS zone (the AIS receivers' network) and opens a remote session "
    "to a VTS console.",
    techniques, hints, inject, SIM_S(180),
};
