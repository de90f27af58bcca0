/* proto_ntp.c - NTP: hosts poll their time source (the GNSS clock in OT,
 * the domain controller in IT) every couple of minutes; mode 3 / mode 4
 * with timestamps taken from the simulated clock. */
#include "sim/plan.h"
#include "sim/proto.h"

#define NTP_UNIX_OFFSET 2208988800ULL          /* seconds from 1900 to 1970 */

static void ntp_ts(sim_buf *b, int64_t us)
{
    if (us <= 0) { sim_buf_be32(b, 0); sim_buf_be32(b, 0); return; }
    uint64_t sec = (uint64_t)us / 1000000u + NTP_UNIX_OFFSET;
    uint64_t frac = ((uint64_t)us % 1000000u << 32) / 1000000u;
    sim_buf_be32(b, (uint32_t)sec);
    sim_buf_be32(b, (uint32_t)frac);
}

void ntp_client(sim_buf *b, int64_t xmt_us)
{
    sim_buf_u8(b, 0x23);                       /* LI 0, version 4, mode 3 */
    sim_buf_u8(b, 0);                          /* stratum: unspecified */
    sim_buf_u8(b, 6);                          /* poll 2^6 s */
    sim_buf_u8(b, 0xe9);                       /* precision 2^-23 */
    sim_buf_zero(b, 12);                       /* root delay, dispersion, reference id */
    ntp_ts(b, 0);                              /* reference */
    ntp_ts(b, 0);                              /* origin */
    ntp_ts(b, 0);                              /* receive */
    ntp_ts(b, xmt_us);
}

void ntp_server(sim_buf *b, int64_t org_us, int64_t rec_us, int64_t xmt_us)
{
    sim_buf_u8(b, 0x24);                       /* LI 0, version 4, mode 4 */
    sim_buf_u8(b, 1);                          /* stratum 1: a GNSS reference clock */
    sim_buf_u8(b, 6);
    sim_buf_u8(b, 0xec);
    sim_buf_be32(b, 0);
    sim_buf_be32(b, 0x00000010);
    sim_buf_put(b, "GPS", 4);                  /* reference id with its NUL pad */
    ntp_ts(b, xmt_us - 16 * 1000000);          /* last disciplined 16 s ago */
    ntp_ts(b, org_us);
    ntp_ts(b, rec_us);
    ntp_ts(b, xmt_us);
}

typedef struct ntp_state { int64_t xmt, rec; } ntp_state;

static bool ntp_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    ntp_state *st = SIM_PSTATE(s, ntp_state);
    if (s->n_msgs == 0) {
        m->dir = SIM_C2S; m->delay = 0;
        st->xmt = s->now + s->owd;           /* the first datagram leaves one-way after the ARP dance */
        ntp_client(out, st->xmt);
        return true;
    }
    if (s->n_msgs == 1) {
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, 20, 120);
        st->rec = st->xmt + s->owd;
        ntp_server(out, st->xmt, st->rec, st->rec + m->delay);
        return true;
    }
    return false;
}

static void ntp_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (h->external || sim_is_ntp_server(c, h)) continue;
        int srv = sim_server_for(c, (int)i, p, sim_is_ntp_server);
        if (srv < 0 && !sim_is_dc(c, h)) srv = sim_server_for(c, (int)i, p, sim_is_dc);
        if (srv >= 0) sim_add_flow(c, p, (int)i, srv, SIM_S(128), 0);
    }
}

const sim_profile sim_profile_ntp = {
    "ntp", "hosts poll the GNSS clock (OT) or the domain controller (IT) about every two minutes",
    17, 123, ntp_plan, ntp_next, 123,
};
