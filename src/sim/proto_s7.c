/* proto_s7.c - S7comm to Siemens PLCs: COTP connect, setup communication,
 * then read-var polling of a data block once a second. Scenario profiles
 * "s7-write" (write var) and "s7-stop-download" (PLC STOP, block download). */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

#define S7_TSAP_PG    0x0100           /* calling TSAP: PG/PC connection */
#define S7_TSAP_CPU   0x0102           /* rack 0, slot 2 */

static void cotp_params(sim_buf *b, uint16_t dst_tsap)
{
    sim_buf_u8(b, 0xc0); sim_buf_u8(b, 1); sim_buf_u8(b, 0x0a);     /* TPDU size 1024 */
    sim_buf_u8(b, 0xc1); sim_buf_u8(b, 2); sim_buf_be16(b, S7_TSAP_PG);
    sim_buf_u8(b, 0xc2); sim_buf_u8(b, 2); sim_buf_be16(b, dst_tsap);
}

static void cotp_connect(sim_buf *b, uint8_t type, uint16_t dst_ref, uint16_t src_ref, uint16_t dst_tsap)
{
    size_t start = b->len;
    sim_buf_u8(b, 3);                  /* TPKT version */
    sim_buf_u8(b, 0);
    sim_buf_be16(b, 0);                /* length, patched below */
    sim_buf_u8(b, 17);                 /* COTP length indicator: the header after this byte */
    sim_buf_u8(b, type);
    sim_buf_be16(b, dst_ref);
    sim_buf_be16(b, src_ref);
    sim_buf_u8(b, 0);                  /* class 0 */
    cotp_params(b, dst_tsap);
    sim_buf_set_be16(b, start + 2, (uint16_t)(b->len - start));
}

void s7_cotp_connect_request(sim_buf *b, uint16_t src_ref, uint16_t dst_tsap) { cotp_connect(b, 0xe0, 0, src_ref, dst_tsap); }
void s7_cotp_connect_confirm(sim_buf *b, uint16_t dst_ref, uint16_t src_ref, uint16_t dst_tsap)
{
    cotp_connect(b, 0xd0, dst_ref, src_ref, dst_tsap);
}

/* TPKT + COTP DT + S7 header; parameter and data follow, lengths given up front. */
static void s7_header(sim_buf *b, uint8_t rosctr, uint16_t pduref, uint16_t plen, uint16_t dlen)
{
    uint16_t hdr = rosctr == S7_ACK_DATA ? 12 : 10;
    sim_buf_u8(b, 3);
    sim_buf_u8(b, 0);
    sim_buf_be16(b, (uint16_t)(4 + 3 + hdr + plen + dlen));
    sim_buf_u8(b, 2);                  /* COTP DT: length indicator */
    sim_buf_u8(b, 0xf0);
    sim_buf_u8(b, 0x80);               /* last data unit, TPDU 0 */
    sim_buf_u8(b, 0x32);               /* S7 protocol id */
    sim_buf_u8(b, rosctr);
    sim_buf_be16(b, 0);
    sim_buf_be16(b, pduref);
    sim_buf_be16(b, plen);
    sim_buf_be16(b, dlen);
    if (rosctr == S7_ACK_DATA) sim_buf_be16(b, 0);   /* error class and code: none */
}

void s7_setup_comm(sim_buf *b, uint8_t rosctr, uint16_t pduref, uint16_t pdu_len)
{
    s7_header(b, rosctr, pduref, 8, 0);
    sim_buf_u8(b, 0xf0);
    sim_buf_u8(b, 0);
    sim_buf_be16(b, 1);                /* max AmQ calling */
    sim_buf_be16(b, 1);                /* max AmQ called */
    sim_buf_be16(b, pdu_len);
}

/* One S7ANY item addressing nbytes of a data block from byte `start`. */
static void any_item(sim_buf *b, uint16_t db, uint32_t start, uint16_t nbytes)
{
    sim_buf_u8(b, 0x12);               /* variable specification */
    sim_buf_u8(b, 0x0a);
    sim_buf_u8(b, 0x10);               /* syntax id: S7ANY */
    sim_buf_u8(b, 0x02);               /* transport size: BYTE */
    sim_buf_be16(b, nbytes);
    sim_buf_be16(b, db);
    sim_buf_u8(b, 0x84);               /* area: data blocks */
    sim_buf_be24(b, start * 8);        /* bit address */
}

void s7_read_var_request(sim_buf *b, uint16_t pduref, uint16_t db, uint32_t start, uint16_t nbytes)
{
    s7_header(b, S7_JOB, pduref, 14, 0);
    sim_buf_u8(b, 0x04);
    sim_buf_u8(b, 1);
    any_item(b, db, start, nbytes);
}

void s7_read_var_response(sim_buf *b, uint16_t pduref, const uint8_t *data, uint16_t nbytes)
{
    s7_header(b, S7_ACK_DATA, pduref, 2, (uint16_t)(4 + nbytes));
    sim_buf_u8(b, 0x04);
    sim_buf_u8(b, 1);
    sim_buf_u8(b, 0xff);               /* success */
    sim_buf_u8(b, 0x04);               /* BYTE/WORD/DWORD: length in bits */
    sim_buf_be16(b, (uint16_t)(nbytes * 8));
    sim_buf_put(b, data, nbytes);
}

void s7_write_var_request(sim_buf *b, uint16_t pduref, uint16_t db, uint32_t start, const uint8_t *data, uint16_t nbytes)
{
    s7_header(b, S7_JOB, pduref, 14, (uint16_t)(4 + nbytes));
    sim_buf_u8(b, 0x05);
    sim_buf_u8(b, 1);
    any_item(b, db, start, nbytes);
    sim_buf_u8(b, 0x00);
    sim_buf_u8(b, 0x04);
    sim_buf_be16(b, (uint16_t)(nbytes * 8));
    sim_buf_put(b, data, nbytes);
}

void s7_write_var_response(sim_buf *b, uint16_t pduref)
{
    s7_header(b, S7_ACK_DATA, pduref, 2, 1);
    sim_buf_u8(b, 0x05);
    sim_buf_u8(b, 1);
    sim_buf_u8(b, 0xff);
}

void s7_plc_stop(sim_buf *b, uint8_t rosctr, uint16_t pduref)
{
    if (rosctr == S7_ACK_DATA) { s7_ack_function(b, pduref, 0x29); return; }
    s7_header(b, S7_JOB, pduref, 16, 0);
    sim_buf_u8(b, 0x29);
    sim_buf_zero(b, 5);
    sim_buf_u8(b, 9);
    sim_buf_put(b, "P_PROGRAM", 9);
}

/* function, status, 2 + 4 unknown bytes, filename: the block-control prefix. */
static void block_control(sim_buf *b, uint8_t function, const char filename[9])
{
    sim_buf_u8(b, function);
    sim_buf_u8(b, 0x00);
    sim_buf_be16(b, 0);
    sim_buf_be32(b, 0);
    sim_buf_u8(b, 9);
    sim_buf_put(b, filename, 9);
}

void s7_request_download(sim_buf *b, uint16_t pduref, const char filename[9], uint32_t load_len, uint32_t mc7_len)
{
    s7_header(b, S7_JOB, pduref, 32, 0);
    block_control(b, 0x1a, filename);
    sim_buf_u8(b, 13);                 /* part 2: one char, then two 6-digit ASCII lengths */
    sim_buf_printf(b, "1%06u%06u", load_len % 1000000u, mc7_len % 1000000u);
}

void s7_download_block(sim_buf *b, uint16_t pduref, const char filename[9])
{
    s7_header(b, S7_JOB, pduref, 18, 0);
    block_control(b, 0x1b, filename);
}

void s7_download_block_data(sim_buf *b, uint16_t pduref, const uint8_t *data, uint16_t n)
{
    s7_header(b, S7_ACK_DATA, pduref, 2, (uint16_t)(4 + n));
    sim_buf_u8(b, 0x1b);
    sim_buf_u8(b, 0x00);               /* status: last part */
    sim_buf_be16(b, n);
    sim_buf_be16(b, 0x00fb);
    sim_buf_put(b, data, n);
}

void s7_download_ended(sim_buf *b, uint16_t pduref, const char filename[9])
{
    s7_header(b, S7_JOB, pduref, 18, 0);
    block_control(b, 0x1c, filename);
}

void s7_ack_function(sim_buf *b, uint16_t pduref, uint8_t function)
{
    s7_header(b, S7_ACK_DATA, pduref, 1, 0);
    sim_buf_u8(b, function);
}

typedef struct s7_state {
    uint16_t pduref, src_ref, plc_ref;
    uint8_t data[64];
} s7_state;

/* Messages 0-3 open every S7 conversation: COTP CR/CC, setup request/response. */
static bool s7_open(sim_session *s, s7_state *st, sim_msg *m, sim_buf *out)
{
    switch (s->n_msgs) {
    case 0:
        st->src_ref = (uint16_t)(prng_below(&s->rng, 0xfff0) + 1);
        st->plc_ref = (uint16_t)(prng_below(&s->rng, 0xfff0) + 1);
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        s7_cotp_connect_request(out, st->src_ref, S7_TSAP_CPU);
        return true;
    case 1:
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, 300, 1500);
        s7_cotp_connect_confirm(out, st->src_ref, st->plc_ref, S7_TSAP_CPU);
        return true;
    case 2:
        m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, 100, 500);
        s7_setup_comm(out, S7_JOB, ++st->pduref, 480);
        return true;
    case 3:
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, 500, 3000);
        s7_setup_comm(out, S7_ACK_DATA, st->pduref, 240);
        return true;
    }
    return false;
}

static void process_bytes(sim_session *s, s7_state *st, uint16_t n)
{
    for (uint16_t i = 0; i < n && i < sizeof st->data; i++)
        st->data[i] = (uint8_t)(i * 13 + s->server + prng_below(&s->rng, 3));
}

static bool s7_poll_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    s7_state *st = SIM_PSTATE(s, s7_state);
    if (s->n_msgs < 4) return s7_open(s, st, m, out);
    uint64_t limit = s->arg >> 8;       /* polls after setup; 0: poll for the whole run */
    if (limit && s->n_msgs >= 4 + 2 * limit) { m->dir = SIM_C2S; m->delay = SIM_MS(500); return false; }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        m->delay = sim_uniform(&s->rng, SIM_MS(950), SIM_MS(1050));
        s7_read_var_request(out, ++st->pduref, 1, 0, 32);
    } else {
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, SIM_MS(1), SIM_MS(6));
        process_bytes(s, st, 32);
        s7_read_var_response(out, st->pduref, st->data, 32);
    }
    return true;
}

static void s7_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_serves(c, &c->hosts[i], "s7comm")) continue;
        int masters[2];
        size_t n = sim_masters_for(c, (int)i, p, masters, 2);
        for (size_t k = 0; k < n; k++) sim_add_flow(c, p, masters[k], (int)i, 0, 0);
    }
}

const sim_profile sim_profile_s7comm = {
    "s7comm", "masters read a data block of Siemens PLCs once a second (COTP connect, setup, read var)",
    6, 102, s7_plan, s7_poll_next, 0,
};

/* Scenario: a read to look, then `arg` write-var jobs to DB1, then close. */
static bool s7_write_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    s7_state *st = SIM_PSTATE(s, s7_state);
    if (s->n_msgs < 4) return s7_open(s, st, m, out);
    uint64_t k = (s->n_msgs - 4) / 2, writes = s->arg ? s->arg : 3;
    if (k > writes) { m->dir = SIM_C2S; m->delay = SIM_MS(400); return false; }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        m->delay = sim_uniform(&s->rng, SIM_MS(300), SIM_MS(1200));
        if (k == 0) { s7_read_var_request(out, ++st->pduref, 1, 0, 16); return true; }
        for (int i = 0; i < 8; i++) st->data[i] = (uint8_t)(0xf0 | i);
        s7_write_var_request(out, ++st->pduref, 1, 16, st->data, 8);
    } else {
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, SIM_MS(1), SIM_MS(6));
        if (k == 0) { process_bytes(s, st, 16); s7_read_var_response(out, st->pduref, st->data, 16); }
        else s7_write_var_response(out, st->pduref);
    }
    return true;
}

const sim_profile sim_profile_s7_write = {
    "s7-write", "scenario: read var, then write var jobs to a data block",
    6, 102, NULL, s7_write_next, 0,
};

/* Scenario: STOP the CPU, then download OB1 the way a PG does: the PG
 * requests the download, the PLC pulls the block and reports the end. */
static bool s7_stop_download_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    static const char ob1[9] = { '_', '0', '8', '0', '0', '0', '0', '1', 'P' };
    s7_state *st = SIM_PSTATE(s, s7_state);
    if (s->n_msgs < 4) return s7_open(s, st, m, out);
    uint8_t block[200];
    switch (s->n_msgs) {
    case 4: m->dir = SIM_C2S; m->delay = SIM_MS(800); s7_plc_stop(out, S7_JOB, ++st->pduref); return true;
    case 5: m->dir = SIM_S2C; m->delay = SIM_MS(35); s7_plc_stop(out, S7_ACK_DATA, st->pduref); return true;
    case 6: m->dir = SIM_C2S; m->delay = SIM_MS(1500); s7_request_download(out, ++st->pduref, ob1, 312, 200); return true;
    case 7: m->dir = SIM_S2C; m->delay = SIM_MS(4); s7_ack_function(out, st->pduref, 0x1a); return true;
    case 8: m->dir = SIM_S2C; m->delay = SIM_MS(2); s7_download_block(out, 0x0100, ob1); return true;
    case 9:
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        block[0] = 0x70; block[1] = 0x70;          /* MC7 block header magic "pp" */
        for (size_t i = 2; i < sizeof block; i++) block[i] = (uint8_t)prng_next(&s->rng);
        s7_download_block_data(out, 0x0100, block, sizeof block);
        return true;
    case 10: m->dir = SIM_S2C; m->delay = SIM_MS(12); s7_download_ended(out, 0x0200, ob1); return true;
    case 11: m->dir = SIM_C2S; m->delay = SIM_MS(1); s7_ack_function(out, 0x0200, 0x1c); return true;
    }
    m->dir = SIM_C2S;
    m->delay = SIM_MS(600);
    return false;
}

const sim_profile sim_profile_s7_stop_download = {
    "s7-stop-download", "scenario: PLC STOP, then request download / download block / download ended of OB1",
    6, 102, NULL, s7_stop_download_next, 0,
};
