/* scn_camera_chain.c - a compromised CCTV camera on the crane network:
 * it sweeps its segment (ARP, then SYNs to ICS and admin ports, half-open
 * as nmap -sS), asks every EtherNet/IP device for its identity, opens RDP
 * to an engineering workstation, and from that workstation the attacker
 * sends S7 writes to a Siemens crane PLC and Modbus writes to a Modbus
 * crane PLC. Each step has its own expected alerts in the ground truth. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

static bool icontains(const char *s, const char *w)
{
    for (size_t n = strlen(w); s && *s; s++)
        if (!strncasecmp(s, w, n)) return true;
    return false;
}

/* A zone of crane control: STS cranes or automated stacking cranes. */
static bool crane_zone(const sim_ctx *c, int zone)
{
    if (zone < 0) return false;
    const model_zone *z = &c->m->zones[zone];
    static const char *const words[] = { "crane", "sts", "asc" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if ((z->id && strstr(z->id, words[i])) || icontains(z->name, words[i])) return true;
    return false;
}

/* The workstation the camera reaches and the two PLCs it writes to:
 * the engineering workstation with an S7 and a Modbus path to crane PLCs,
 * preferring one whose write right on the S7 PLC makes the writes look
 * legitimate (the hard case for detection). */
typedef struct chain_pick { int ews, s7, mb; } chain_pick;

static int chain_score(sim_ctx *c, int e, int s7, int mb)
{
    int score = 0;
    if (s7 < 0 && mb < 0) return -1;
    if (s7 < 0 || mb < 0) score += 8;
    if (s7 >= 0 && !sim_may_write(c, e, s7)) score += 2;
    if (s7 >= 0 && !sim_host_kind(&c->hosts[s7], "plc")) score += 1;
    return score;
}

static chain_pick pick_chain(sim_ctx *c)
{
    chain_pick best = { -1, -1, -1 };
    int best_score = 1 << 30;
    for (size_t e = 0; e < c->n_hosts; e++) {
        if (!sim_host_kind(&c->hosts[e], "eng-workstation")) continue;
        int s7 = -1, mb = -1, s7_rank = 99, mb_rank = 99;
        for (size_t p = 0; p < c->n_hosts; p++) {
            const sim_host *h = &c->hosts[p];
            if (!crane_zone(c, h->zone) || !sim_is_plc(c, h)) continue;
            int kind = sim_host_kind(h, "plc") ? 0 : 1;
            int rank = (sim_may_write(c, (int)e, (int)p) ? 0 : 2) + kind;
            if (sim_serves(c, h, "s7comm") && rank < s7_rank && sim_allowed(c, (int)e, (int)p, 6, 102, "s7comm")) {
                s7 = (int)p;
                s7_rank = rank;
            }
            if (sim_serves(c, h, "modbus") && kind < mb_rank && sim_allowed(c, (int)e, (int)p, 6, 502, "modbus")) {
                mb = (int)p;
                mb_rank = kind;
            }
        }
        int sc = chain_score(c, (int)e, s7, mb);
        if (sc >= 0 && sc < best_score) { best_score = sc; best = (chain_pick){ (int)e, s7, mb }; }
    }
    return best;
}

bool scn_sweep_start(sim_ctx *c, sim_scenario_run *run, int scanner, int zone, sw_time_us t0, sw_error *err)
{
    const model_zone *z = &c->m->zones[zone];
    const ip_net *net = NULL;
    for (size_t k = 0; k < z->n_networks && !net; k++)
        if (z->networks[k].addr.v4 && z->networks[k].prefix >= 20 && z->networks[k].prefix <= 30) net = &z->networks[k];
    if (!net) { sw_fail(err, SW_ERR_INVALID, "zone %s has no IPv4 network of /20../30 to sweep", z->id); return false; }
    scan_state *st = arena_alloc(&c->mem, sizeof *st);
    if (!st) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return false; }
    uint32_t size = 1u << (32 - net->prefix);
    st->scanner = scanner;
    st->zone = zone;
    st->base = ip_to_v4(&net->addr) + 1;
    st->count = size > 256 ? 254 : size - 2;
    st->arp = c->hosts[scanner].zone == zone;
    st->seq = (uint32_t)prng_next(&c->setup);
    st->sport = (uint16_t)(40000 + prng_below(&c->setup, 20000));
    sim_actor_start(c, scan_step, st, t0, run);
    /* A sweep on the segment ARPs every address; a routed one reaches only
     * live hosts, so the sweep shows when enough answer (the detector's
     * default is 10 hosts on one port). */
    size_t live = 0;
    for (uint32_t i = 0; i < st->count; i++) {
        int h = host_at(c, st->base + i, t0);
        if (h < 0 || h == scanner) continue;
        live++;
        /* Routed probes cross the zone boundary: each is judged against the conduits. */
        for (size_t k = 0; k < N_PORTS && !st->arp; k++) {
            int v = sim_seg_verdict(c, scanner, h, 6, ports[k], NULL);
            bool remote = ports[k] == 22 || ports[k] == 23 || ports[k] == 3389 || ports[k] == 5900;
            if (v == SIM_SEG_ALLOWED) continue;
            if (remote && z->domain == DOMAIN_OT) scn_expect(run, "scan", "SW-SEG-REMOTE-SERVICE", "T0886");
            else scn_expect(run, "scan", v == SIM_SEG_NO_CONDUIT ? "SW-SEG-NO-CONDUIT" : v == SIM_SEG_SERVICE ? "SW-SEG-SERVICE" : "SW-SEG-DIRECTION", "");
        }
    }
    if (st->arp || live >= 10) scn_expect(run, "scan", "SW-SCAN-HORIZONTAL", "T0846");
    if (live) scn_expect(run, "scan", "SW-SCAN-VERTICAL", "T0846");
    return true;
}

bool scn_camera_chain_from(sim_ctx *c, sim_scenario_run *run, int cam, int zone, sw_error *err)
{
    chain_pick pk = pick_chain(c);
    if (pk.ews < 0) { sw_fail(err, SW_ERR_INVALID, "no engineering workstation with an S7 or Modbus path to a crane PLC"); return false; }
    const sim_profile *rdp = sim_profile_find("rdp"), *enip = sim_profile_find("enip"),
                      *s7w = sim_profile_find("s7-write"), *mbw = sim_profile_find("modbus-write");
    if (!rdp || !enip || !s7w || !mbw) { sw_fail(err, SW_ERR_INVALID, "rdp, enip or write profile missing"); return false; }
    sw_time_us t0 = run->planned;
    sim_run_add_host(c, run, cam, "attacker");
    sim_run_add_host(c, run, pk.ews, "pivot");
    if (pk.s7 >= 0) sim_run_add_host(c, run, pk.s7, "target");
    if (pk.mb >= 0) sim_run_add_host(c, run, pk.mb, "target");

    /* 1. scan: the sweep, then identity requests to every EtherNet/IP device of the zone. */
    if (!scn_sweep_start(c, run, cam, zone, t0, err)) return false;
    size_t asked = 0;
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (c->hosts[i].zone != zone || !sim_serves(c, &c->hosts[i], "enip")) continue;
        sim_session_start(c, enip, cam, (int)i, t0 + SIM_S(20) + (sw_time_us)asked * SIM_MS(700), 1 << 8, run);
        if (run->n_hosts < SIM_RUN_HOSTS) sim_run_add_host(c, run, (int)i, "probed");
        asked++;
    }
    if (asked >= 8) scn_expect(run, "scan", "SW-SCAN-ICS-DISCOVERY", "T0846 T0888");

    /* 2. lateral: RDP from the camera to the engineering workstation. */
    sw_time_us t_rdp = t0 + SIM_S(40);
    sim_session_start(c, rdp, cam, pk.ews, t_rdp, 0, run);
    const sim_host *ews = &c->hosts[pk.ews];
    if (!sim_allowed(c, cam, pk.ews, 6, 3389, "rdp") && ews->zone >= 0 && c->m->zones[ews->zone].domain == DOMAIN_OT)
        scn_expect(run, "lateral", "SW-SEG-REMOTE-SERVICE", "T0886");

    /* 3. write: from the workstation, during the RDP session. */
    bool unauth = false;
    if (pk.s7 >= 0) {
        sim_session_start(c, s7w, pk.ews, pk.s7, t_rdp + SIM_S(12), 3, run);
        unauth |= !sim_may_write(c, pk.ews, pk.s7);
    }
    if (pk.mb >= 0) {
        sim_session_start(c, mbw, pk.ews, pk.mb, t_rdp + SIM_S(20), 3, run);
        unauth |= !sim_may_write(c, pk.ews, pk.mb);
    }
    scn_expect(run, "write", "SW-ICS-PIVOT-WRITE", "T0855 T0886");
    if (unauth) scn_expect(run, "write", "SW-ICS-UNAUTH-WRITE", "T0855 T0836");
    return true;
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
    return scn_camera_chain_from(c, run, cam, zone, err);
}

static const char *const techniques[] = { "T0846", "T0888", "T0886", "T0855", "T0836", NULL };
static const char *const hints[] = {
    "one source SYNs many hosts and ICS ports in a control zone, mostly answered by RST",
    "EtherNet/IP ListIdentity to every controller of the zone from a camera",
    "RDP from a camera (a device that administers nothing) to an engineering workstation, outside the conduits",
    "S7 write var and Modbus FC16 from that workstation minutes later: the write right is the engineer's, not the intruder's",
    NULL,
};

const sim_scenario sim_scenario_camera_chain = {
    "camera-chain", "Compromised CCTV camera: scan, RDP to an engineering workstation, writes to crane PLCs",
    "A CCTV camera on the crane network (w1) ARP-sweeps its segment, SYN-probes ICS and admin ports, sends "
    "EtherNet/IP ListIdentity to every controller, opens RDP to an engineering workstation, and through it writes "
    "setpoints to a Siemens crane PLC (S7 write var) and a Modbus crane PLC (FC16).",
    techniques, hints, inject, SIM_S(120),
};
