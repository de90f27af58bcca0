/* scn_cvg_dismissed_vpn.c - converged: a dismissed employee's badge still
 * opens a gate (access-control feed) and, within the hour, their account
 * opens an RDP session from the remote-access (VPN) address pool, the
 * account name visible in the RDP cookie (mstshash). */
#include <string.h>
#include "phys/phys.h"
#include "sim/scenario.h"

static const model_person *leaver(const port_model *m)
{
    for (size_t i = 0; i < m->n_people; i++) {
        const model_person *p = &m->people[i];
        if (p->badge && p->accounts.len && p->status && !strcmp(p->status, "left")) return p;
    }
    return NULL;
}

/* A gate reader, one of the person's areas first. */
static const model_asset *gate_reader(const port_model *m, const model_person *p)
{
    const model_asset *any = NULL;
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        if (!a->kind || strcmp(a->kind, "badge-reader") || a->area_index < 0) continue;
        const model_access_area *ar = &m->access_areas[a->area_index];
        if (!ar->kind || strcmp(ar->kind, "gate")) continue;
        for (size_t k = 0; k < p->areas.len; k++)
            if (p->areas_index && p->areas_index[k] == a->area_index) return a;
        if (!any) any = a;
    }
    return any;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    const model_person *p = leaver(c->m);
    if (!p) { sw_fail(err, SW_ERR_INVALID, "nobody in the model has status: left with a badge and an account"); return false; }
    const model_asset *gate = gate_reader(c->m, p);
    if (!gate) { sw_fail(err, SW_ERR_INVALID, "no badge reader at a gate"); return false; }
    int zones[8];
    size_t nz = scn_entry_zones(c, "remote-access", zones, 8);
    if (!nz) { sw_fail(err, SW_ERR_INVALID, "no remote-access entry point reaches a zone"); return false; }
    /* The session lands where the VPN pool may open RDP to; a Windows host
     * in a zone the entry point reaches otherwise. */
    int client_zone = zones[0], target = -1;
    uint32_t ip = sim_zone_free_ip(c, client_zone, &c->setup);
    if (!ip) { sw_fail(err, SW_ERR_INVALID, "no free address in zone %s", c->m->zones[client_zone].id); return false; }
    uint8_t mac[6] = { 0x02, 0x00, 0x5e, 0, 0, 0 };   /* the VPN concentrator's virtual interface */
    uint64_t r = prng_next(&c->setup);
    mac[3] = (uint8_t)r; mac[4] = (uint8_t)(r >> 8); mac[5] = (uint8_t)(r >> 16);
    int client = sim_host_add(c, "vpn-client", ip, mac, client_zone, true);
    if (client < 0) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return false; }
    for (size_t i = 0; i < c->n_hosts && target < 0; i++)
        if ((int)i != client && c->hosts[i].windows && !c->hosts[i].external && c->hosts[i].asset &&
            sim_allowed(c, client, (int)i, 6, 3389, "rdp"))
            target = (int)i;
    for (size_t z = 0; z < nz && target < 0; z++)
        for (size_t i = 0; i < c->n_hosts && target < 0; i++)
            if ((int)i != client && c->hosts[i].zone == zones[z] && c->hosts[i].windows && c->hosts[i].asset) target = (int)i;
    const sim_profile *rdp = sim_profile_find("rdp");
    if (target < 0 || !rdp) { sw_fail(err, SW_ERR_INVALID, "no Windows host the remote-access path reaches"); return false; }
    c->hosts[client].born = run->planned;
    sim_run_add_host(c, run, client, "attacker");
    sim_run_add_host(c, run, target, "target");
    scn_phys(run, run->planned, PHYS_GRANTED, p->badge, gate->id, NULL);
    scn_expect(run, "badge", "SW-PHYS-BADGE-INACTIVE", "T0859");
    sim_session_start(c, rdp, client, target, run->planned + SIM_S(600), (uintptr_t)p->accounts.items[0], run);
    scn_expect(run, "remote", "SW-PHYS-ACCOUNT-INACTIVE", "T0859");
    scn_expect(run, "remote", "SW-PHYS-BADGE-AND-REMOTE", "T0859 T0822");
    if (!sim_allowed(c, client, target, 6, 3389, "rdp") && c->hosts[target].zone >= 0 &&
        c->m->zones[c->hosts[target].zone].domain == DOMAIN_OT)
        scn_expect(run, "remote", "SW-SEG-REMOTE-SERVICE", "T0886");
    return true;
}

static const char *const techniques[] = { "T0859", "T0822", NULL };
static const char *const hints[] = {
    "access control: the badge of a person with status: left is granted at a gate",
    "10 min later an RDP session from the remote-access pool carries that person's account in its mstshash cookie",
    "the account maps to the person through people[].accounts; one candidate joins them by the person",
    NULL,
};

const sim_scenario sim_scenario_cvg_dismissed_vpn = {
    "converged-dismissed-vpn", "Converged: a dismissed employee's badge at the gate and their account in use remotely",
    "The badge of a person who has left is granted at a gate (access.csv); ten minutes later an RDP session from "
    "an address in the remote-access pool logs in with that person's account (Cookie: mstshash=ACCOUNT), to a "
    "Windows host the remote-access path reaches.",
    techniques, hints, inject, SIM_S(720),
};
