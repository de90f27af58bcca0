/* proto_modbus.c - Modbus/TCP: masters polling holding registers (FC3)
 * and coils (FC1) once a second; masters in may_write also dispatch
 * setpoints with FC16. Plus "modbus-write", used by scenarios. */
#include "sim/plan.h"
#include "sim/proto.h"

static void mbap(sim_buf *b, uint16_t tid, uint8_t unit, uint16_t pdu_len)
{
    sim_buf_be16(b, tid);
    sim_buf_be16(b, 0);                 /* protocol id: Modbus */
    sim_buf_be16(b, (uint16_t)(pdu_len + 1));   /* length counts the unit id */
    sim_buf_u8(b, unit);
}

void modbus_read_request(sim_buf *b, uint16_t tid, uint8_t unit, uint8_t fc, uint16_t addr, uint16_t qty)
{
    mbap(b, tid, unit, 5);
    sim_buf_u8(b, fc);
    sim_buf_be16(b, addr);
    sim_buf_be16(b, qty);
}

void modbus_read_response(sim_buf *b, uint16_t tid, uint8_t unit, uint8_t fc, uint16_t qty, const uint16_t *values)
{
    if (fc == MODBUS_READ_COILS) {
        uint8_t nbytes = (uint8_t)((qty + 7) / 8);
        mbap(b, tid, unit, (uint16_t)(2 + nbytes));
        sim_buf_u8(b, fc);
        sim_buf_u8(b, nbytes);
        for (uint8_t i = 0; i < nbytes; i++) {
            uint8_t bits = 0;
            for (int k = 0; k < 8 && i * 8 + k < qty; k++) bits |= (uint8_t)((values[i * 8 + k] & 1) << k);
            sim_buf_u8(b, bits);
        }
        return;
    }
    mbap(b, tid, unit, (uint16_t)(2 + 2 * qty));
    sim_buf_u8(b, fc);
    sim_buf_u8(b, (uint8_t)(2 * qty));
    for (uint16_t i = 0; i < qty; i++) sim_buf_be16(b, values[i]);
}

void modbus_write_multiple_request(sim_buf *b, uint16_t tid, uint8_t unit, uint16_t addr, uint16_t qty, const uint16_t *values)
{
    mbap(b, tid, unit, (uint16_t)(6 + 2 * qty));
    sim_buf_u8(b, MODBUS_WRITE_MULTIPLE);
    sim_buf_be16(b, addr);
    sim_buf_be16(b, qty);
    sim_buf_u8(b, (uint8_t)(2 * qty));
    for (uint16_t i = 0; i < qty; i++) sim_buf_be16(b, values[i]);
}

void modbus_write_multiple_response(sim_buf *b, uint16_t tid, uint8_t unit, uint16_t addr, uint16_t qty)
{
    mbap(b, tid, unit, 5);
    sim_buf_u8(b, MODBUS_WRITE_MULTIPLE);
    sim_buf_be16(b, addr);
    sim_buf_be16(b, qty);
}

typedef struct modbus_state {
    uint16_t tid;
    uint8_t fc;
    uint16_t addr, qty;
    uint16_t values[32];
    uint16_t writes_left;          /* modbus-write: setpoints still to send */
} modbus_state;

/* Register values drift slowly around a per-register level, as process values do. */
static void fill_values(sim_session *s, modbus_state *st, uint16_t qty)
{
    for (uint16_t i = 0; i < qty && i < 32; i++) {
        uint16_t base = (uint16_t)(((uint32_t)st->addr + i) * 97u + (uint32_t)s->server * 31u);
        st->values[i] = (uint16_t)(base % 4000 + prng_below(&s->rng, 20));
    }
}

/* Polls alternate: a request from the master after ~1 s, then the PLC's
 * answer after a few ms of scan-cycle latency. arg bit 0: the master is in
 * may_write and sometimes writes; arg >> 8: number of polls, 0 = forever. */
static bool modbus_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    modbus_state *st = SIM_PSTATE(s, modbus_state);
    uint64_t limit = s->arg >> 8;       /* polls before closing; 0: poll for the whole run */
    if (limit && s->n_msgs >= 2 * limit) { m->dir = SIM_C2S; m->delay = SIM_MS(500); return false; }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        m->delay = s->n_msgs == 0 ? SIM_MS(2) : sim_uniform(&s->rng, SIM_MS(950), SIM_MS(1050));
        st->tid++;
        bool writer = s->arg & 1;
        uint64_t roll = prng_below(&s->rng, 100);
        if (writer && roll < 2) {
            st->fc = MODBUS_WRITE_MULTIPLE;
            st->addr = 400;
            st->qty = 4;
            fill_values(s, st, st->qty);
            modbus_write_multiple_request(out, st->tid, 1, st->addr, st->qty, st->values);
        } else if (roll < 20) {
            st->fc = MODBUS_READ_COILS;
            st->addr = 0;
            st->qty = 16;
            modbus_read_request(out, st->tid, 1, st->fc, st->addr, st->qty);
        } else {
            st->fc = MODBUS_READ_HOLDING;
            st->addr = (uint16_t)(100 * prng_below(&s->rng, 3));
            st->qty = 10;
            modbus_read_request(out, st->tid, 1, st->fc, st->addr, st->qty);
        }
        return true;
    }
    m->dir = SIM_S2C;
    m->delay = sim_uniform(&s->rng, SIM_MS(2), SIM_MS(8));
    if (st->fc == MODBUS_WRITE_MULTIPLE) {
        modbus_write_multiple_response(out, st->tid, 1, st->addr, st->qty);
    } else {
        fill_values(s, st, st->qty);
        if (st->fc == MODBUS_READ_COILS)
            for (int i = 0; i < 16; i++) st->values[i] = (uint16_t)(prng_below(&s->rng, 4) == 0);
        modbus_read_response(out, st->tid, 1, st->fc, st->qty, st->values);
    }
    return true;
}

static void modbus_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_serves(c, &c->hosts[i], "modbus")) continue;
        int masters[2];
        size_t n = sim_masters_for(c, (int)i, p, masters, 2);
        for (size_t k = 0; k < n; k++)
            sim_add_flow(c, p, masters[k], (int)i, 0, sim_may_write(c, masters[k], (int)i) ? 1 : 0);
    }
}

const sim_profile sim_profile_modbus = {
    "modbus", "masters poll Modbus controllers' holding registers and coils (FC3/FC1); may_write masters send FC16 setpoints",
    6, 502, modbus_plan, modbus_next, 0,
};

/* Scenario use: a few reads to orient, then unauthorised FC16 writes of
 * crane setpoints (arg = number of writes), then the connection closes. */
static bool modbus_write_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    modbus_state *st = SIM_PSTATE(s, modbus_state);
    if (s->n_msgs == 0) st->writes_left = (uint16_t)(s->arg ? s->arg : 3);
    uint64_t pair = s->n_msgs / 2;
    if (pair >= 2u + s->arg) { m->dir = SIM_C2S; m->delay = SIM_MS(300); return false; }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        m->delay = s->n_msgs == 0 ? SIM_MS(5) : sim_uniform(&s->rng, SIM_MS(400), SIM_MS(1500));
        st->tid++;
        if (pair < 2) {
            st->fc = MODBUS_READ_HOLDING;
            st->addr = 400;
            st->qty = 8;
            modbus_read_request(out, st->tid, 1, st->fc, st->addr, st->qty);
        } else {
            st->fc = MODBUS_WRITE_MULTIPLE;
            st->addr = 400;
            st->qty = 4;
            for (int i = 0; i < 4; i++) st->values[i] = (uint16_t)(0x7fff - i);   /* out-of-range setpoints */
            modbus_write_multiple_request(out, st->tid, 1, st->addr, st->qty, st->values);
        }
        return true;
    }
    m->dir = SIM_S2C;
    m->delay = sim_uniform(&s->rng, SIM_MS(2), SIM_MS(8));
    if (st->fc == MODBUS_WRITE_MULTIPLE) modbus_write_multiple_response(out, st->tid, 1, st->addr, st->qty);
    else {
        fill_values(s, st, st->qty);
        modbus_read_response(out, st->tid, 1, st->fc, st->qty, st->values);
    }
    return true;
}

const sim_profile sim_profile_modbus_write = {
    "modbus-write", "scenario: reads then unauthorised FC16 writes to holding registers",
    6, 502, NULL, modbus_write_next, 0,
};
