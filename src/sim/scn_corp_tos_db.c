/* scn_corp_tos_db.c - a corporate desk connects straight to the TOS
 * database with a SQL client (Oracle Net on 1521 for an Oracle database),
 * bypassing the application tier and the conduits: the IT-to-OT path a
 * phished TOS administrator's workstation gives an attacker. */
#include <string.h>
#include "sim/scenario.h"

static bool tos_db(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_kind(h, "database") || sim_host_kind(h, "tos-server");
}

/* The segmentation verdict a detector must reach (as detect/segmentation.c judges). */
static const char *seg_rule(const sim_ctx *c, int client, int server)
{
    int cz = c->hosts[client].zone, sz = c->hosts[server].zone;
    bool any = false, reverse = false;
    for (size_t i = 0; i < c->m->n_conduits; i++) {
        const model_conduit *k = &c->m->conduits[i];
        bool fwd = k->from_index == cz && k->to_index == sz, back = k->from_index == sz && k->to_index == cz;
        any |= fwd || back;
        if (back && !k->bidirectional)
            for (size_t s = 0; s < k->n_services; s++) {
                const model_service *sv = &k->services[s];
                uint16_t hi = sv->port_hi ? sv->port_hi : sv->port_lo;
                if ((!sv->ip_proto || sv->ip_proto == 6) && (!sv->port_lo || (1521 >= sv->port_lo && 1521 <= hi)) &&
                    !(sv->name && !sv->port_lo))
                    reverse = true;
            }
    }
    return reverse ? "SW-SEG-DIRECTION" : any ? "SW-SEG-SERVICE" : "SW-SEG-NO-CONDUIT";
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    const sim_profile *p = sim_profile_find("tns");
    if (!p) { sw_fail(err, SW_ERR_INVALID, "tns profile missing"); return false; }
    int zone = scn_zone_like(c, "tos");
    int db = -1;
    /* The database first, then a TOS server, in the TOS zone. */
    for (size_t i = 0; zone >= 0 && i < c->n_hosts && db < 0; i++)
        if (c->hosts[i].zone == zone && sim_host_kind(&c->hosts[i], "database")) db = (int)i;
    if (db < 0 && zone >= 0) db = scn_host_in_zone(c, zone, tos_db);
    if (db < 0) db = sim_pick(c, tos_db);
    if (db < 0) { sw_fail(err, SW_ERR_INVALID, "no TOS database or TOS server in the model"); return false; }
    /* A corporate desk (a workstation in a corp-named IT zone), the TOS
     * administrators' first: they hold the SQL client and the credentials. */
    int ws = -1, best = 99;
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (!sim_is_it_client(c, h) || h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_IT) continue;
        if (sim_allowed(c, (int)i, db, 6, 1521, "tns")) continue;
        const char *zid = c->m->zones[h->zone].id;
        int score = (sim_host_kind(h, "workstation") ? 0 : 4) + (zid && strstr(zid, "corp") ? 0 : 2) +
                    (sim_host_is(h, "tos") ? 0 : 1);
        if (score < best) { best = score; ws = (int)i; }
    }
    if (ws < 0) { sw_fail(err, SW_ERR_INVALID, "no corporate desk for which tcp/1521 to %s is a violation", c->hosts[db].id); return false; }
    sim_run_add_host(c, run, ws, "attacker");
    sim_run_add_host(c, run, db, "target");
    sim_session_start(c, p, ws, db, run->planned, 0, run);
    bool ot = c->hosts[db].zone >= 0 && c->m->zones[c->hosts[db].zone].domain == DOMAIN_OT;
    scn_expect(run, "connect", seg_rule(c, ws, db), ot && sim_host_kind(&c->hosts[db], "database") ? "T0811" : "");
    return true;
}

static const char *const techniques[] = { "T0811", NULL };
static const char *const hints[] = {
    "tcp/1521 (Oracle Net Connect) from a corporate desk to the TOS database: no conduit service allows it",
    NULL,
};

const sim_scenario sim_scenario_corp_tos_db = {
    "corp-tos-db", "Corporate workstation connects to the TOS database",
    "A corporate desk (a TOS administrator's, when the model has one) opens Oracle Net to the TOS database listener "
    "(Connect with a SQL Developer connect descriptor, Accept, a dozen request/row-data exchanges); no conduit "
    "allows it.",
    techniques, hints, inject, SIM_S(60),
};
