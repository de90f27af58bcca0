/* scn_ot_beacon.c - an implant on an OT host calls home: HTTPS (TLS with
 * an SNI of its own) to an internet address every 30 s +- 5 %, ten times.
 * No conduit lets the host reach the internet, and the regularity is
 * what separates it from a person browsing. */
#include "sim/scenario.h"

#define BEACONS 10
#define BEACON_EVERY SIM_S(30)

typedef struct beacon_state {
    int host, c2, left;
    sim_scenario_run *run;
    prng rng;
} beacon_state;

static sw_time_us beacon_step(sim_ctx *c, void *state, sw_time_us now)
{
    beacon_state *st = state;
    const sim_profile *p = sim_profile_find("https");
    if (p) sim_session_start(c, p, st->host, st->c2, now, 0, st->run);
    if (--st->left <= 0) return -1;
    return now + BEACON_EVERY + sim_uniform(&st->rng, 0, BEACON_EVERY / 10) - BEACON_EVERY / 20;
}

/* Lower is better: an HMI or OT server (a PLC cannot run an implant this
 * way), in an OT zone no conduit opens to the internet. */
static int host_score(sim_ctx *c, int i, int c2)
{
    const sim_host *h = &c->hosts[i];
    if (h->external || !h->asset || h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_OT) return -1;
    if (sim_allowed(c, i, c2, 6, 443, "https")) return -1;
    if (sim_host_kind(h, "hmi")) return 0;
    if (sim_host_kind(h, "historian") || sim_host_kind(h, "scada-server")) return 1;
    if (sim_is_master(c, h)) return 2;
    return -1;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int inet = -1;
    for (size_t z = 0; z < c->m->n_zones && inet < 0; z++)
        if (c->m->zones[z].catch_all) inet = (int)z;
    if (inet < 0) { sw_fail(err, SW_ERR_INVALID, "no internet (catch-all) zone in the model"); return false; }
    /* The C2 server: a documentation address no profile uses. */
    uint8_t mac[6] = { 0x02, 0x53, 0xc2, 0x00, 0x00, 0x01 };
    int c2 = sim_host_add(c, "cdn-telemetry-sync.example", (198u << 24) | (51u << 16) | (100u << 8) | 77u, mac, inet, false);
    if (c2 < 0) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return false; }
    c->hosts[c2].external = true;
    c->hosts[c2].dns_name = c->hosts[c2].id;
    c->hosts[c2].ttl = 51;
    int host = -1, best = 1 << 30;
    for (size_t i = 0; i < c->n_hosts; i++) {
        int sc = host_score(c, (int)i, c2);
        if (sc >= 0 && sc < best) { best = sc; host = (int)i; }
    }
    if (host < 0) { sw_fail(err, SW_ERR_INVALID, "no OT HMI or server without internet access"); return false; }
    beacon_state *st = arena_alloc(&c->mem, sizeof *st);
    if (!st) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return false; }
    st->host = host;
    st->c2 = c2;
    /* A run shorter than the series gets the beats that fit, and a beacon is expected only with 7 or more. */
    sw_time_us room = c->end - run->planned - SIM_S(2);
    int fit = room > 0 ? (int)(room / (BEACON_EVERY + BEACON_EVERY / 20)) + 1 : 1;
    st->left = fit < BEACONS ? fit : BEACONS;
    st->run = run;
    st->rng = prng_fork(&c->setup, 77);
    sim_run_add_host(c, run, host, "implant");
    sim_run_add_host(c, run, c2, "c2");
    sim_actor_start(c, beacon_step, st, run->planned, run);
    scn_expect(run, "beacon", "SW-SEG-OT-INTERNET", "T0885");
    if (st->left >= 7) scn_expect(run, "beacon", "SW-C2-BEACON", "T0869 T0885");
    return true;
}

static const char *const techniques[] = { "T0885", "T0869", NULL };
static const char *const hints[] = {
    "an OT host opening TLS to an internet address no conduit allows",
    "connections to one address and port every 30 s +- 5 %: a beacon, not browsing",
    NULL,
};

const sim_scenario sim_scenario_ot_beacon = {
    "ot-beacon", "OT host beacons to the internet",
    "An implant on an OT HMI (or OT server) opens HTTPS to an internet address (TLS ClientHello with SNI "
    "cdn-telemetry-sync.example) every 30 s +- 5 %, ten times; no conduit lets the host reach the internet.",
    techniques, hints, inject, BEACONS * (BEACON_EVERY + BEACON_EVERY / 20) + SIM_S(10),
};
