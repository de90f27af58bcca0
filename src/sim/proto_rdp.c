/* proto_rdp.c - "rdp" (scenario only): an RDP client connects, negotiates
 * CredSSP in the X.224 exchange, upgrades to TLS and trades encrypted
 * screen updates and input for a while, as mstsc does. The session's arg,
 * when set, is the account name its cookie carries (default "admin"). */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

/* TPKT + X.224 connection PDU with the RDP negotiation structure after the optional cookie. */
void rdp_connection_request(sim_buf *b, const char *cookie_user, uint32_t protocols)
{
    size_t start = b->len;
    sim_buf_u8(b, 3); sim_buf_u8(b, 0); sim_buf_be16(b, 0);
    size_t li = b->len;
    sim_buf_u8(b, 0);
    sim_buf_u8(b, 0xe0);                /* CR */
    sim_buf_be16(b, 0);
    sim_buf_be16(b, 0);
    sim_buf_u8(b, 0);
    if (cookie_user) sim_buf_printf(b, "Cookie: mstshash=%s\r\n", cookie_user);
    sim_buf_u8(b, 0x01);                /* TYPE_RDP_NEG_REQ */
    sim_buf_u8(b, 0);
    sim_buf_le16(b, 8);
    sim_buf_le32(b, protocols);
    sim_buf_set_u8(b, li, (uint8_t)(b->len - li - 1));
    sim_buf_set_be16(b, start + 2, (uint16_t)(b->len - start));
}

void rdp_connection_confirm(sim_buf *b, uint32_t selected)
{
    sim_buf_u8(b, 3); sim_buf_u8(b, 0); sim_buf_be16(b, 19);
    sim_buf_u8(b, 14);
    sim_buf_u8(b, 0xd0);                /* CC */
    sim_buf_be16(b, 0);
    sim_buf_be16(b, 0x1234);
    sim_buf_u8(b, 0);
    sim_buf_u8(b, 0x02);                /* TYPE_RDP_NEG_RSP */
    sim_buf_u8(b, 0x1f);                /* flags: extended client data, graphics pipeline, ... */
    sim_buf_le16(b, 8);
    sim_buf_le32(b, selected);
}

typedef struct rdp_state { prng hello; } rdp_state;

static bool rdp_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    rdp_state *st = SIM_PSTATE(s, rdp_state);
    const sim_host *sv = &s->ctx->hosts[s->server];
    switch (s->n_msgs) {
    case 0: m->dir = SIM_C2S; m->delay = SIM_MS(2); rdp_connection_request(out, s->arg ? (const char *)s->arg : "admin", 0x0000000b); return true;
    case 1: m->dir = SIM_S2C; m->delay = SIM_MS(3); rdp_connection_confirm(out, 0x00000002); return true;
    case 2: {
        st->hello = prng_fork(&s->rng, 2);
        prng copy = st->hello;
        m->dir = SIM_C2S; m->delay = SIM_MS(2);
        tls_client_hello(out, &copy, sv->asset && sv->asset->hostname ? sv->asset->hostname : sv->id);
        return true;
    }
    case 3: {
        sim_buf tmp = { 0 };
        prng copy = st->hello;
        sim_buf_random(&tmp, &copy, 64);
        uint8_t sid[32];
        memcpy(sid, tmp.p + 32, 32);
        sim_buf_free(&tmp);
        m->dir = SIM_S2C; m->delay = SIM_MS(4);
        tls_server_hello(out, &s->rng, sid);
        tls_change_cipher_spec(out);
        tls_app_data(out, &s->rng, 1400);
        return true;
    }
    }
    /* CredSSP then the session: small input from the client, bursts of screen from the server. */
    if (s->n_msgs > 60) { m->dir = SIM_C2S; m->delay = SIM_MS(500); return false; }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, SIM_MS(80), SIM_MS(900));
        tls_app_data(out, &s->rng, 60 + prng_below(&s->rng, 300));
    } else {
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(5), SIM_MS(40));
        tls_app_data(out, &s->rng, 300 + prng_below(&s->rng, 9000));
    }
    return true;
}

const sim_profile sim_profile_rdp = {
    "rdp", "scenario: RDP with CredSSP negotiation, TLS, then encrypted session traffic",
    6, 3389, NULL, rdp_next, 0,
};
