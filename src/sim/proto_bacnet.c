/* proto_bacnet.c - BACnet/IP: the BMS supervisor reads present-value of
 * analog inputs on each building controller every few seconds
 * (BVLC Original-Unicast-NPDU, confirmed ReadProperty, ComplexACK). */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

#define BACNET_PRESENT_VALUE 85

static void bvlc_npdu(sim_buf *b, size_t *len_at, bool expect_reply)
{
    sim_buf_u8(b, 0x81);                /* BVLC type: BACnet/IP */
    sim_buf_u8(b, 0x0a);                /* Original-Unicast-NPDU */
    *len_at = b->len;
    sim_buf_be16(b, 0);
    sim_buf_u8(b, 0x01);                /* NPDU version */
    sim_buf_u8(b, expect_reply ? 0x04 : 0x00);
}

static void object_and_property(sim_buf *b, uint16_t object_type, uint32_t instance)
{
    sim_buf_u8(b, 0x0c);                /* context tag 0, length 4: object identifier */
    sim_buf_be32(b, (uint32_t)object_type << 22 | (instance & 0x3fffff));
    sim_buf_u8(b, 0x19);                /* context tag 1, length 1: property identifier */
    sim_buf_u8(b, BACNET_PRESENT_VALUE);
}

void bacnet_read_property(sim_buf *b, uint8_t invoke_id, uint16_t object_type, uint32_t instance)
{
    size_t len_at;
    bvlc_npdu(b, &len_at, true);
    sim_buf_u8(b, 0x02);                /* confirmed request, segmented response accepted */
    sim_buf_u8(b, 0x05);                /* max APDU 1476 */
    sim_buf_u8(b, invoke_id);
    sim_buf_u8(b, 12);                  /* readProperty */
    object_and_property(b, object_type, instance);
    sim_buf_set_be16(b, len_at, (uint16_t)(b->len - len_at + 2));
}

void bacnet_read_property_ack(sim_buf *b, uint8_t invoke_id, uint16_t object_type, uint32_t instance, float value)
{
    size_t len_at;
    bvlc_npdu(b, &len_at, false);
    sim_buf_u8(b, 0x30);                /* ComplexACK */
    sim_buf_u8(b, invoke_id);
    sim_buf_u8(b, 12);
    object_and_property(b, object_type, instance);
    sim_buf_u8(b, 0x3e);                /* opening tag 3: property value */
    sim_buf_u8(b, 0x44);                /* application tag 4 (REAL), length 4 */
    uint32_t u;
    memcpy(&u, &value, 4);
    sim_buf_be32(b, u);
    sim_buf_u8(b, 0x3f);
    sim_buf_set_be16(b, len_at, (uint16_t)(b->len - len_at + 2));
}

typedef struct bacnet_state { uint8_t invoke; uint32_t instance; } bacnet_state;

static bool bacnet_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    bacnet_state *st = SIM_PSTATE(s, bacnet_state);
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        /* A scan of several points back to back, then a pause. */
        m->delay = s->n_msgs % 8 == 0 ? sim_uniform(&s->rng, SIM_S(4), SIM_S(8)) : sim_uniform(&s->rng, SIM_MS(5), SIM_MS(30));
        st->invoke++;
        st->instance = (uint32_t)prng_below(&s->rng, 12);
        bacnet_read_property(out, st->invoke, 0, st->instance);
    } else {
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, SIM_MS(3), SIM_MS(20));
        float v = 18.0f + (float)st->instance * 0.5f + (float)prng_below(&s->rng, 100) / 100.0f;
        bacnet_read_property_ack(out, st->invoke, 0, st->instance, v);
    }
    return true;
}

static void bacnet_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_is_bacnet_device(c, &c->hosts[i])) continue;
        int bms = -1;
        for (size_t k = 0; k < c->n_hosts && bms < 0; k++)
            if (k != i && sim_is_bms(c, &c->hosts[k]) && sim_allowed(c, (int)k, (int)i, p->ip_proto, p->port, p->name)) bms = (int)k;
        if (bms >= 0) sim_add_flow(c, p, bms, (int)i, 0, 0);
    }
}

const sim_profile sim_profile_bacnet = {
    "bacnet", "the BMS supervisor reads present-value of controllers' analog inputs (ReadProperty/ComplexACK)",
    17, 47808, bacnet_plan, bacnet_next, 47808,
};
