/* scn_it_rdp.c - an IT workstation opens RDP to the TOS database server
 * although no conduit from its zone allows RDP there: a policy violation
 * and the remote-services path from IT into OT. */
#include <string.h>
#include "sim/scenario.h"

static bool tos_db(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "database") || sim_host_kind(h, "tos-server");
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    const sim_profile *p = sim_profile_find("rdp");
    if (!p) { sw_fail(err, SW_ERR_INVALID, "rdp profile missing"); return false; }
    int zone = scn_zone_like(c, "tos");
    int db = -1;
    /* The database first, then a TOS server, in the TOS zone. */
    for (size_t i = 0; zone >= 0 && i < c->n_hosts && db < 0; i++)
        if (c->hosts[i].zone == zone && sim_host_kind(&c->hosts[i], "database")) db = (int)i;
    if (db < 0 && zone >= 0) db = scn_host_in_zone(c, zone, tos_db);
    if (db < 0) db = sim_pick(c, tos_db);
    if (db < 0) { sw_fail(err, SW_ERR_INVALID, "no TOS database or TOS server in the model"); return false; }
    /* A desk workstation in corporate IT first, then other IT desks, laptops last. */
    int ws = -1, best = 99;
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (!sim_is_it_client(c, h) || h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_IT) continue;
        if (sim_allowed(c, (int)i, db, 6, 3389, "rdp")) continue;
        const char *zid = c->m->zones[h->zone].id;
        int score = (sim_host_kind(h, "workstation") ? 0 : 2) + (zid && strstr(zid, "corp") ? 0 : 1);
        if (score < best) { best = score; ws = (int)i; }
    }
    if (ws < 0) { sw_fail(err, SW_ERR_INVALID, "no IT workstation for which RDP to %s is a violation", c->hosts[db].id); return false; }
    sim_run_add_host(c, run, ws, "attacker");
    sim_run_add_host(c, run, db, "target");
    sim_session_start(c, p, ws, db, run->planned, 0, run);
    return true;
}

static const char *const techniques[] = { "T0886", NULL };
static const char *const hints[] = {
    "tcp/3389 from an IT zone to the TOS zone: no conduit allows it",
    "RDP negotiation (X.224 with mstshash cookie) to a crown-jewel database server",
    NULL,
};

const sim_scenario sim_scenario_it_rdp = {
    "it-rdp-tos-db", "IT workstation RDPs to the TOS database",
    "A corporate workstation opens a Remote Desktop session (X.224 negotiation, TLS/CredSSP, session traffic) to the "
    "TOS database server; no conduit from its zone allows RDP.",
    techniques, hints, inject,
};
