/* scn_camera_scan.c - a compromised CCTV camera sweeps the crane-control
 * network: ARP sweep when it sits on that segment, then TCP SYNs to ICS
 * and admin ports; closed ports answer RST, open ones SYN/ACK (and the
 * scanner resets them, half-open as nmap -sS does). */
#include <stdlib.h>
#include "sim/scenario.h"

static const uint16_t ports[] = { 502, 102, 44818, 2404, 20000, 80, 443, 22, 23, 3389, 5900 };
#define N_PORTS (sizeof ports / sizeof ports[0])

typedef struct scan_state {
    int scanner, zone;
    uint32_t base, count;              /* address range swept */
    uint32_t i;                        /* address index */
    size_t port;                       /* port index */
    int phase;
    int target;                        /* host at the current address or -1 */
    bool arp;                          /* scanner shares the segment: ARP first */
    uint32_t seq;
    uint16_t sport;
} scan_state;

static bool port_open(const sim_ctx *c, const sim_host *h, uint16_t port)
{
    switch (port) {
    case 102: return sim_serves(c, h, "s7comm");
    case 44818: return sim_serves(c, h, "enip");
    case 502: return sim_serves(c, h, "modbus");
    case 2404: return sim_serves(c, h, "iec104");
    case 80: return sim_is_plc(c, h) || sim_is_camera(c, h);
    case 443: return sim_host_kind(h, "server") || sim_is_camera(c, h);
    case 3389: return h->windows;
    case 22: return sim_host_kind(h, "server") && !h->windows;
    }
    return false;
}

static int host_at(const sim_ctx *c, uint32_t ip, sw_time_us now)
{
    for (size_t i = 0; i < c->n_hosts; i++)
        if (c->hosts[i].ip == ip && !c->hosts[i].external && c->hosts[i].born <= now) return (int)i;
    return -1;
}

static sw_time_us scan_step(sim_ctx *c, void *state, sw_time_us now)
{
    static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, zero[6] = { 0 };
    scan_state *st = state;
    sim_host *me = &c->hosts[st->scanner];
    if (st->i >= st->count) {
        if (!st->arp || st->port >= N_PORTS) return -1;
        st->arp = false;                           /* sweep done: now probe the hosts that answered */
        st->i = 0;
    }
    uint32_t ip = st->base + st->i;
    if (st->arp) {
        /* ARP sweep: who-has every address, answered by the hosts that exist. */
        int h = host_at(c, ip, now);
        if (st->phase == 0) {
            sim_emit_arp(c, now, bcast, PKT_ARP_REQUEST, me->mac, me->ip, zero, ip);
            if (h >= 0 && h != st->scanner) { st->phase = 1; return now + 150; }
        } else {
            sim_emit_arp(c, now, me->mac, PKT_ARP_REPLY, c->hosts[h].mac, ip, me->mac, me->ip);
            st->phase = 0;
        }
        st->i++;
        return now + 900;
    }
    int h = host_at(c, ip, now);
    if (h < 0 || h == st->scanner) { st->i++; st->port = 0; return now; }
    const sim_host *t = &c->hosts[h];
    uint16_t port = ports[st->port];
    pkt_tcp p = { .window = 1024, .sport = st->sport };
    sw_time_us owd = sim_base_owd(c, st->scanner, h);
    switch (st->phase) {
    case 0:
        p.dport = port; p.seq = st->seq; p.flags = PKT_TCP_SYN;
        static const uint8_t mss[4] = { 2, 4, 0x05, 0xb4 };
        p.options = mss; p.options_len = 4;
        sim_emit_tcp(c, now, st->scanner, h, &p, NULL, 0);
        st->phase = 1;
        return now + 2 * owd + 30;
    case 1:
        p.sport = port; p.dport = st->sport; p.ack = st->seq + 1; p.window = 0;
        if (port_open(c, t, port)) {
            p.flags = PKT_TCP_SYN | PKT_TCP_ACK; p.seq = st->seq ^ 0x5a5a5a5a; p.window = 64240;
            sim_emit_tcp(c, now, h, st->scanner, &p, NULL, 0);
            st->phase = 2;
            return now + 2 * owd;
        }
        p.flags = PKT_TCP_RST | PKT_TCP_ACK;
        sim_emit_tcp(c, now, h, st->scanner, &p, NULL, 0);
        break;
    case 2:
        p.dport = port; p.seq = st->seq + 1; p.flags = PKT_TCP_RST;
        sim_emit_tcp(c, now, st->scanner, h, &p, NULL, 0);
        break;
    }
    st->phase = 0;
    st->seq += 0x01000193;
    if (++st->port == N_PORTS) { st->port = 0; st->i++; }
    return now + 400;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int zone = scn_zone_like(c, "crane");
    if (zone < 0) zone = scn_busiest_control_zone(c);
    if (zone < 0) { sw_fail(err, SW_ERR_INVALID, "no crane-control or controller zone"); return false; }
    /* A camera on that very segment is the worst case (and the realistic one
     * for crane-mounted cameras); otherwise any camera, routed. */
    int cam = scn_host_in_zone(c, zone, sim_is_camera);
    if (cam < 0) cam = sim_pick(c, sim_is_camera);
    if (cam < 0) { sw_fail(err, SW_ERR_INVALID, "no camera in the model"); return false; }
    const model_zone *z = &c->m->zones[zone];
    const ip_net *net = NULL;
    for (size_t k = 0; k < z->n_networks && !net; k++)
        if (z->networks[k].addr.v4 && z->networks[k].prefix >= 20 && z->networks[k].prefix <= 30) net = &z->networks[k];
    if (!net) { sw_fail(err, SW_ERR_INVALID, "zone %s has no IPv4 network of /20../30 to sweep", z->id); return false; }
    scan_state *st = arena_alloc(&c->mem, sizeof *st);
    if (!st) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return false; }
    uint32_t size = 1u << (32 - net->prefix);
    st->scanner = cam;
    st->zone = zone;
    st->base = ip_to_v4(&net->addr) + 1;
    st->count = size > 256 ? 254 : size - 2;
    st->arp = c->hosts[cam].zone == zone;
    st->seq = (uint32_t)prng_next(&c->setup);
    st->sport = (uint16_t)(40000 + prng_below(&c->setup, 20000));
    sim_run_add_host(c, run, cam, "attacker");
    /* The ground truth names the controllers probed, up to the table's room. */
    for (size_t i = 0; i < c->n_hosts && run->n_hosts < SIM_RUN_HOSTS; i++)
        if (c->hosts[i].zone == zone && sim_is_plc(c, &c->hosts[i])) sim_run_add_host(c, run, (int)i, "target");
    sim_actor_start(c, scan_step, st, run->planned, run);
    return true;
}

static const char *const techniques[] = { "T0846", NULL };
static const char *const hints[] = {
    "one source SYNs many hosts and ICS ports in a control zone, mostly answered by RST",
    "camera (physical-security asset) initiating connections to controllers",
    NULL,
};

const sim_scenario sim_scenario_camera_scan = {
    "camera-scan", "CCTV camera scans the crane-control network",
    "A CCTV camera (crane-mounted when the model has one on the crane network) ARP-sweeps its segment, then "
    "sends TCP SYNs to Modbus, S7, EtherNet/IP, IEC 104 and admin ports of every live host.",
    techniques, hints, inject,
};
