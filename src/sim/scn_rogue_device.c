/* scn_rogue_device.c - an unknown laptop is plugged into the gate
 * automation network: DHCP DISCOVERs with a Windows laptop's hostname that
 * nobody answers (static OT segment), an ARP probe and announcement of an
 * address it picked, then it polls the gate controller as a master. */
#include "sim/proto.h"
#include "sim/scenario.h"

typedef struct rogue_state {
    int host, plc;
    const char *proto;                 /* the profile it polls the PLC with */
    uint32_t xid;
    int step;
    sim_scenario_run *run;
    sim_buf msg;
} rogue_state;

static sw_time_us rogue_step(sim_ctx *c, void *state, sw_time_us now)
{
    static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, zero[6] = { 0 };
    rogue_state *st = state;
    sim_host *h = &c->hosts[st->host];
    switch (st->step++) {
    case 0: case 1: case 2:            /* three DISCOVERs, 4 s apart, secs counting up */
        st->msg.len = 0;
        dhcp_discover(&st->msg, st->xid, (uint16_t)(4 * (st->step - 1)), h->mac, "LAPTOP-7QK2M4RD");
        sim_emit_udp_raw(c, now, st->host, bcast, 0, 0xffffffffu, 68, 67, st->msg.p, st->msg.len);
        return now + SIM_S(4);
    case 3:                            /* gives up on DHCP; probes the address it will use (RFC 5227) */
        sim_emit_arp(c, now, bcast, PKT_ARP_REQUEST, h->mac, 0, zero, h->ip);
        return now + SIM_MS(1200);
    case 4:                            /* and announces it */
        sim_emit_arp(c, now, bcast, PKT_ARP_REQUEST, h->mac, h->ip, zero, h->ip);
        return now + SIM_S(2);
    case 5: {
        const sim_profile *p = sim_profile_find(st->proto);
        if (p) sim_session_start(c, p, st->host, st->plc, now, 20 << 8, st->run);   /* 20 polls, then it goes quiet */
        sim_buf_free(&st->msg);
        return -1;
    }
    }
    return -1;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int zone = scn_zone_like(c, "gate");
    if (zone < 0) zone = scn_busiest_control_zone(c);
    if (zone < 0) { sw_fail(err, SW_ERR_INVALID, "no gate or controller zone"); return false; }
    return scn_rogue_device_in(c, run, zone, err);
}

bool scn_rogue_device_in(sim_ctx *c, sim_scenario_run *run, int zone, sw_error *err)
{
    /* It polls a controller in the protocol that controller speaks, Modbus first (the hobbyist's tool). */
    static const char *const protos[] = { "modbus", "enip", "s7comm" };
    int plc = -1;
    const char *proto = NULL;
    for (size_t k = 0; k < sizeof protos / sizeof *protos && plc < 0; k++)
        for (size_t i = 0; i < c->n_hosts && plc < 0; i++)
            if (c->hosts[i].zone == zone && sim_serves(c, &c->hosts[i], protos[k])) { plc = (int)i; proto = protos[k]; }
    if (plc < 0) { sw_fail(err, SW_ERR_INVALID, "zone %s has no Modbus, EtherNet/IP or S7 controller", c->m->zones[zone].id); return false; }
    uint32_t ip = sim_zone_free_ip(c, zone, &c->setup);
    if (!ip) { sw_fail(err, SW_ERR_INVALID, "no free address in zone %s", c->m->zones[zone].id); return false; }
    /* A Dell laptop's NIC: a real OUI, on no asset of this zone. */
    uint8_t mac[6] = { 0xf8, 0xbc, 0x12, 0, 0, 0 };
    uint64_t r = prng_next(&c->setup);
    mac[3] = (uint8_t)r; mac[4] = (uint8_t)(r >> 8); mac[5] = (uint8_t)(r >> 16);
    int h = sim_host_add(c, "rogue-laptop", ip, mac, zone, true);
    rogue_state *st = arena_alloc(&c->mem, sizeof *st);
    if (h < 0 || !st) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return false; }
    c->hosts[h].born = run->planned;
    st->host = h;
    st->plc = plc;
    st->proto = proto;
    st->xid = (uint32_t)prng_next(&c->setup);
    st->run = run;
    sim_run_add_host(c, run, h, "rogue");
    sim_run_add_host(c, run, plc, "target");
    sim_actor_start(c, rogue_step, st, run->planned, run);
    bool ot = c->m->zones[zone].domain == DOMAIN_OT;
    if (ot) scn_expect(run, "appear", "SW-ASSET-ROGUE", "T0864");
    scn_expect(run, "poll", "SW-ICS-ROGUE-MASTER", "T0848");
    return true;
}

static const char *const techniques[] = { "T0864", "T0848", NULL };
static const char *const hints[] = {
    "new MAC/IP not in the asset inventory in the gate zone (DHCP DISCOVER with hostname LAPTOP-..., ARP probe/announcement)",
    "ICS master (Modbus/TCP, EtherNet/IP or S7comm, as the PLC speaks) that is neither in the PLC's may_write nor a known master",
    NULL,
};

const sim_scenario sim_scenario_rogue_device = {
    "rogue-device", "Unknown laptop joins the gate network and polls the gate controller",
    "A Windows laptop unknown to the model (MAC and IP in no asset) appears in the gate automation zone: DHCP "
    "DISCOVERs with hostname LAPTOP-7QK2M4RD nobody answers, an ARP probe and announcement, then polling of the "
    "gate controller as a rogue master in the protocol it speaks (Modbus/TCP first).",
    techniques, hints, inject, SIM_S(45),
};
