/* proto_tns.c - Oracle Net (TNS) as a SQL client opens it to a database
 * listener on 1521: Connect with the connect descriptor, Accept, then Data
 * packets (requests and row data, opaque past the data flags). Scenario
 * only: corporate desks have no business with the TOS database. */
#include <stdio.h>
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

enum { TNS_CONNECT = 1, TNS_ACCEPT = 2, TNS_DATA = 6 };
#define TNS_CONNECT_DATA_OFFSET 58     /* header, fixed fields and trace items, as 10g+ clients send */

static void tns_header(sim_buf *b, uint16_t len, uint8_t type)
{
    sim_buf_be16(b, len);
    sim_buf_be16(b, 0);                /* packet checksum: unused */
    sim_buf_u8(b, type);
    sim_buf_u8(b, 0);                  /* flags */
    sim_buf_be16(b, 0);                /* header checksum: unused */
}

void tns_connect(sim_buf *b, const char *descriptor)
{
    size_t n = strlen(descriptor);
    if (n > 2000) n = 2000;
    tns_header(b, (uint16_t)(TNS_CONNECT_DATA_OFFSET + n), TNS_CONNECT);
    sim_buf_be16(b, 0x013e);           /* version 318 (19c) */
    sim_buf_be16(b, 0x012c);           /* lowest compatible: 300 */
    sim_buf_be16(b, 0x0c41);           /* service options */
    sim_buf_be16(b, 0x2000);           /* SDU 8192 */
    sim_buf_be16(b, 0xffff);           /* max TDU */
    sim_buf_be16(b, 0x7f08);           /* NT protocol characteristics */
    sim_buf_be16(b, 0);                /* line turnaround */
    sim_buf_be16(b, 0x0001);           /* value of 1 in hardware: big-endian host */
    sim_buf_be16(b, (uint16_t)n);
    sim_buf_be16(b, TNS_CONNECT_DATA_OFFSET);
    sim_buf_be32(b, 0);                /* max receivable connect data */
    sim_buf_u8(b, 0x41);               /* connect flags 0 */
    sim_buf_u8(b, 0x41);               /* connect flags 1 */
    sim_buf_zero(b, TNS_CONNECT_DATA_OFFSET - 34);   /* trace cross-facility items, unique connection id */
    sim_buf_put(b, descriptor, n);
}

void tns_accept(sim_buf *b)
{
    tns_header(b, 32, TNS_ACCEPT);
    sim_buf_be16(b, 0x013e);           /* version */
    sim_buf_be16(b, 0x0801);           /* service options */
    sim_buf_be16(b, 0x2000);           /* SDU */
    sim_buf_be16(b, 0xffff);           /* TDU */
    sim_buf_be16(b, 0x0001);           /* value of 1 in hardware */
    sim_buf_be16(b, 0);                /* accept data length */
    sim_buf_be16(b, 32);               /* accept data offset */
    sim_buf_u8(b, 0x41);
    sim_buf_u8(b, 0x41);
    sim_buf_zero(b, 8);
}

void tns_data(sim_buf *b, prng *r, size_t n)
{
    if (n < 2) n = 2;
    if (n > 8000) n = 8000;
    tns_header(b, (uint16_t)(10 + n), TNS_DATA);
    sim_buf_be16(b, 0);                /* data flags */
    sim_buf_u8(b, 0x06);               /* TTC row data / function call: the rest is opaque here */
    sim_buf_random(b, r, n - 1);
}

/* arg: request/response pairs after the handshake (default 12). */
static bool tns_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_host *cl = &s->ctx->hosts[s->client], *sv = &s->ctx->hosts[s->server];
    uint64_t pairs = s->arg ? s->arg : 12;
    if (s->n_msgs == 0) {
        char desc[512], ip[16];
        uint32_t a = sv->ip;
        snprintf(ip, sizeof ip, "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
        snprintf(desc, sizeof desc,
                 "(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=N4)(CID=(PROGRAM=SQL Developer)(HOST=%s)(USER=%s)))"
                 "(ADDRESS=(PROTOCOL=TCP)(HOST=%s)(PORT=1521)))",
                 cl->asset && cl->asset->hostname ? cl->asset->hostname : cl->id, "tosadmin", ip);
        m->dir = SIM_C2S; m->delay = SIM_MS(2);
        tns_connect(out, desc);
        return true;
    }
    if (s->n_msgs == 1) { m->dir = SIM_S2C; m->delay = SIM_MS(6); tns_accept(out); return true; }
    uint64_t k = s->n_msgs - 2;
    if (k >= 2 * pairs) { m->dir = SIM_C2S; m->delay = SIM_MS(400); return false; }
    if (k % 2 == 0) {
        m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, SIM_MS(300), SIM_S(4));
        tns_data(out, &s->rng, 120 + prng_below(&s->rng, 400));
    } else {
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(3), SIM_MS(60));
        tns_data(out, &s->rng, 300 + prng_below(&s->rng, 6000));
    }
    return true;
}

const sim_profile sim_profile_tns = {
    "tns", "scenario: Oracle Net (TNS) Connect/Accept and Data packets to a database listener",
    6, 1521, NULL, tns_next, 0,
};
