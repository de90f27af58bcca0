/* proto_enip.c - EtherNet/IP explicit messaging to Rockwell PLCs:
 * ListIdentity and RegisterSession, then a CIP Get_Attribute_Single in
 * SendRRData once a second (encapsulation fields are little-endian). */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

enum { ENIP_LIST_IDENTITY = 0x0063, ENIP_REGISTER_SESSION = 0x0065, ENIP_SEND_RR_DATA = 0x006f };

static void encap(sim_buf *b, uint16_t command, uint16_t length, uint32_t handle, uint64_t context)
{
    sim_buf_le16(b, command);
    sim_buf_le16(b, length);
    sim_buf_le32(b, handle);
    sim_buf_le32(b, 0);                 /* status */
    sim_buf_le32(b, (uint32_t)context);
    sim_buf_le32(b, (uint32_t)(context >> 32));
    sim_buf_le32(b, 0);                 /* options */
}

void enip_list_identity(sim_buf *b) { encap(b, ENIP_LIST_IDENTITY, 0, 0, 0); }

void enip_list_identity_reply(sim_buf *b, uint32_t ip, const char *product, uint32_t serial)
{
    size_t n = strlen(product);
    if (n > 32) n = 32;
    uint16_t item = (uint16_t)(2 + 16 + 2 + 2 + 2 + 2 + 2 + 4 + 1 + n + 1);
    encap(b, ENIP_LIST_IDENTITY, (uint16_t)(2 + 4 + item), 0, 0);
    sim_buf_le16(b, 1);                 /* item count */
    sim_buf_le16(b, 0x000c);            /* CIP identity item */
    sim_buf_le16(b, item);
    sim_buf_le16(b, 1);                 /* encapsulation protocol version */
    sim_buf_be16(b, 2);                 /* socket address: AF_INET, big-endian as in sockaddr_in */
    sim_buf_be16(b, 44818);
    sim_buf_be32(b, ip);
    sim_buf_zero(b, 8);
    sim_buf_le16(b, 1);                 /* vendor: Rockwell Automation/Allen-Bradley */
    sim_buf_le16(b, 0x0e);              /* device type: programmable logic controller */
    sim_buf_le16(b, 0x00a6);            /* product code */
    sim_buf_u8(b, 33);                  /* revision 33.11 */
    sim_buf_u8(b, 11);
    sim_buf_le16(b, 0x3060);            /* status */
    sim_buf_le32(b, serial);
    sim_buf_u8(b, (uint8_t)n);
    sim_buf_put(b, product, n);
    sim_buf_u8(b, 3);                   /* state */
}

void enip_register_session(sim_buf *b, uint32_t handle)
{
    encap(b, ENIP_REGISTER_SESSION, 4, handle, 0);
    sim_buf_le16(b, 1);                 /* protocol version */
    sim_buf_le16(b, 0);                 /* options */
}

/* SendRRData header: interface handle, timeout, a null address item and an unconnected data item of n bytes. */
static void rr_data(sim_buf *b, uint32_t handle, uint64_t context, uint16_t n)
{
    encap(b, ENIP_SEND_RR_DATA, (uint16_t)(16 + n), handle, context);
    sim_buf_le32(b, 0);
    sim_buf_le16(b, 8);                 /* timeout, seconds */
    sim_buf_le16(b, 2);
    sim_buf_le16(b, 0x0000);            /* null address item */
    sim_buf_le16(b, 0);
    sim_buf_le16(b, 0x00b2);            /* unconnected data item */
    sim_buf_le16(b, n);
}

void enip_get_attribute(sim_buf *b, uint32_t handle, uint64_t context, uint8_t class_id, uint8_t instance, uint8_t attribute)
{
    rr_data(b, handle, context, 8);
    sim_buf_u8(b, 0x0e);                /* Get_Attribute_Single */
    sim_buf_u8(b, 3);                   /* path size in words */
    sim_buf_u8(b, 0x20); sim_buf_u8(b, class_id);
    sim_buf_u8(b, 0x24); sim_buf_u8(b, instance);
    sim_buf_u8(b, 0x30); sim_buf_u8(b, attribute);
}

void enip_get_attribute_reply(sim_buf *b, uint32_t handle, uint64_t context, const uint8_t *data, uint8_t n)
{
    rr_data(b, handle, context, (uint16_t)(4 + n));
    sim_buf_u8(b, 0x8e);                /* reply to Get_Attribute_Single */
    sim_buf_u8(b, 0);
    sim_buf_u8(b, 0);                   /* general status: success */
    sim_buf_u8(b, 0);                   /* no additional status */
    sim_buf_put(b, data, n);
}

typedef struct enip_state { uint32_t handle; uint64_t context; uint8_t attr; } enip_state;

static bool enip_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    enip_state *st = SIM_PSTATE(s, enip_state);
    const sim_host *plc = &s->ctx->hosts[s->server];
    uint64_t limit = s->arg >> 8;       /* polls after the session opens; 0: poll for the whole run */
    if (limit && s->n_msgs >= 4 + 2 * limit) { m->dir = SIM_C2S; m->delay = SIM_MS(500); return false; }
    switch (s->n_msgs) {
    case 0: m->dir = SIM_C2S; m->delay = SIM_MS(1); enip_list_identity(out); return true;
    case 1:
        m->dir = SIM_S2C; m->delay = SIM_MS(2);
        enip_list_identity_reply(out, plc->ip, plc->asset && plc->asset->product ? plc->asset->product : "1756-L85E/B",
                                 (uint32_t)(0x60000000u | (uint32_t)s->server * 7919u));
        return true;
    case 2: m->dir = SIM_C2S; m->delay = SIM_MS(3); enip_register_session(out, 0); return true;
    case 3:
        st->handle = (uint32_t)prng_next(&s->rng) | 1;
        m->dir = SIM_S2C; m->delay = SIM_MS(1);
        enip_register_session(out, st->handle);
        return true;
    }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        m->delay = sim_uniform(&s->rng, SIM_MS(950), SIM_MS(1050));
        st->context++;
        st->attr = prng_below(&s->rng, 2) ? 5 : 1;   /* status word or vendor id of the identity object */
        enip_get_attribute(out, st->handle, st->context, 0x01, 1, st->attr);
    } else {
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, SIM_MS(1), SIM_MS(5));
        uint8_t v[2] = { st->attr == 1 ? 1 : 0x60, st->attr == 1 ? 0 : 0x30 };
        enip_get_attribute_reply(out, st->handle, st->context, v, 2);
    }
    return true;
}

static void enip_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_serves(c, &c->hosts[i], "enip")) continue;
        int masters[2];
        size_t n = sim_masters_for(c, (int)i, p, masters, 2);
        for (size_t k = 0; k < n; k++) sim_add_flow(c, p, masters[k], (int)i, 0, 0);
    }
}

const sim_profile sim_profile_enip = {
    "enip", "masters to Rockwell PLCs: ListIdentity, RegisterSession, CIP Get_Attribute_Single each second",
    6, 44818, enip_plan, enip_next, 0,
};
