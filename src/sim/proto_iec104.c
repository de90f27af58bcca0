/* proto_iec104.c - IEC 60870-5-104 from SCADA to substation RTUs:
 * STARTDT, a general interrogation, then spontaneous M_ME_NC_1
 * measurements from the RTU, S-frame acknowledgements every w=8 I-frames. */
#include "sim/plan.h"
#include "sim/proto.h"

static void apci(sim_buf *b, uint8_t len, uint8_t c1, uint8_t c2, uint8_t c3, uint8_t c4)
{
    sim_buf_u8(b, 0x68);
    sim_buf_u8(b, len);                 /* octets after the length field */
    sim_buf_u8(b, c1); sim_buf_u8(b, c2); sim_buf_u8(b, c3); sim_buf_u8(b, c4);
}

void iec104_u_frame(sim_buf *b, uint8_t function) { apci(b, 4, function, 0, 0, 0); }

void iec104_s_frame(sim_buf *b, uint16_t nr)
{
    apci(b, 4, 0x01, 0, (uint8_t)(nr << 1), (uint8_t)(nr >> 7));
}

/* I-format control field: send and receive sequence numbers shifted left one bit. */
static void i_apci(sim_buf *b, uint8_t asdu_len, uint16_t ns, uint16_t nr)
{
    apci(b, (uint8_t)(4 + asdu_len), (uint8_t)(ns << 1), (uint8_t)(ns >> 7), (uint8_t)(nr << 1), (uint8_t)(nr >> 7));
}

static void asdu_header(sim_buf *b, uint8_t type, uint8_t vsq, uint8_t cot, uint16_t common_addr)
{
    sim_buf_u8(b, type);
    sim_buf_u8(b, vsq);
    sim_buf_u8(b, cot);
    sim_buf_u8(b, 0);                   /* originator address */
    sim_buf_le16(b, common_addr);
}

static void ioa(sim_buf *b, uint32_t a)
{
    sim_buf_u8(b, (uint8_t)a); sim_buf_u8(b, (uint8_t)(a >> 8)); sim_buf_u8(b, (uint8_t)(a >> 16));
}

void iec104_measurements(sim_buf *b, uint16_t ns, uint16_t nr, uint8_t cot, uint16_t common_addr,
                         uint32_t first_ioa, const float *values, uint8_t n)
{
    i_apci(b, (uint8_t)(6 + n * 8), ns, nr);
    asdu_header(b, 13, n, cot, common_addr);     /* SQ=0: each object carries its address */
    for (uint8_t i = 0; i < n; i++) {
        ioa(b, first_ioa + i);
        sim_buf_le_float(b, values[i]);
        sim_buf_u8(b, 0);                        /* QDS: good */
    }
}

void iec104_interrogation(sim_buf *b, uint16_t ns, uint16_t nr, uint8_t cot, uint16_t common_addr)
{
    i_apci(b, 10, ns, nr);
    asdu_header(b, 100, 1, cot, common_addr);
    ioa(b, 0);
    sim_buf_u8(b, 20);                           /* QOI: station interrogation */
}

typedef struct iec104_state {
    uint16_t ns_c, ns_s;                /* I-frames sent by SCADA and by the RTU */
    uint16_t unacked;                   /* RTU I-frames SCADA has not yet acknowledged */
    uint16_t common_addr;
} iec104_state;

static bool iec104_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    iec104_state *st = SIM_PSTATE(s, iec104_state);
    switch (s->n_msgs) {
    case 0:
        st->common_addr = (uint16_t)(1 + s->server % 250);
        m->dir = SIM_C2S; m->delay = SIM_MS(2);
        iec104_u_frame(out, IEC104_STARTDT_ACT);
        return true;
    case 1: m->dir = SIM_S2C; m->delay = SIM_MS(3); iec104_u_frame(out, IEC104_STARTDT_CON); return true;
    case 2:
        m->dir = SIM_C2S; m->delay = SIM_MS(20);
        iec104_interrogation(out, st->ns_c++, st->ns_s, 6, st->common_addr);
        return true;
    case 3:
        m->dir = SIM_S2C; m->delay = SIM_MS(5);
        iec104_interrogation(out, st->ns_s++, st->ns_c, 7, st->common_addr);
        st->unacked++;
        return true;
    }
    if (st->unacked >= 8) {             /* w = 8: SCADA confirms what it has received */
        m->dir = SIM_C2S; m->delay = SIM_MS(10);
        iec104_s_frame(out, st->ns_s);
        st->unacked = 0;
        return true;
    }
    float v[4];
    uint8_t n = (uint8_t)(1 + prng_below(&s->rng, 4));
    for (uint8_t i = 0; i < n; i++) v[i] = 10.0f + (float)(s->server % 50) + (float)prng_below(&s->rng, 1000) / 100.0f;
    m->dir = SIM_S2C;
    m->delay = sim_uniform(&s->rng, SIM_MS(500), SIM_MS(3000));
    iec104_measurements(out, st->ns_s++, st->ns_c, 3, st->common_addr, 1000 + 10 * (uint32_t)prng_below(&s->rng, 8), v, n);
    st->unacked++;
    return true;
}

static void iec104_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_serves(c, &c->hosts[i], "iec104")) continue;
        int masters[1];
        if (sim_masters_for(c, (int)i, p, masters, 1)) sim_add_flow(c, p, masters[0], (int)i, 0, 0);
    }
}

const sim_profile sim_profile_iec104 = {
    "iec104", "SCADA to RTUs: STARTDT, general interrogation, spontaneous M_ME_NC_1 measurements, S-frames",
    6, 2404, iec104_plan, iec104_next, 0,
};
