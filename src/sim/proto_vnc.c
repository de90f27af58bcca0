/* proto_vnc.c - VNC inside one crane zone: remote operator stations view
 * the PanelView panels of their zone (RFB 3.8, VNC authentication,
 * ServerInit with the panel's name, then framebuffer updates). No conduit
 * is crossed, so cleartext remote access into OT is not raised. */
#include <string.h>
#include "sim/plan.h"

static bool vnc_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_host *sv = &s->ctx->hosts[s->server];
    switch (s->n_msgs) {
    case 0: m->dir = SIM_S2C; m->delay = SIM_MS(2); sim_buf_puts(out, "RFB 003.008\n"); return true;
    case 1: m->dir = SIM_C2S; m->delay = SIM_MS(3); sim_buf_puts(out, "RFB 003.008\n"); return true;
    case 2: m->dir = SIM_S2C; m->delay = SIM_MS(1); sim_buf_u8(out, 1); sim_buf_u8(out, 2); return true;
    case 3: m->dir = SIM_C2S; m->delay = SIM_MS(2); sim_buf_u8(out, 2); return true;
    case 4: m->dir = SIM_S2C; m->delay = SIM_MS(1); sim_buf_random(out, &s->rng, 16); return true;   /* challenge */
    case 5: m->dir = SIM_C2S; m->delay = SIM_MS(900); sim_buf_random(out, &s->rng, 16); return true; /* DES response */
    case 6: m->dir = SIM_S2C; m->delay = SIM_MS(5); sim_buf_be32(out, 0); return true;               /* OK */
    case 7: m->dir = SIM_C2S; m->delay = SIM_MS(1); sim_buf_u8(out, 1); return true;                 /* shared */
    case 8: {
        const char *name = sv->asset && sv->asset->name ? sv->asset->name : sv->id;
        static const uint8_t pf[16] = { 16, 16, 0, 1, 0, 31, 0, 63, 0, 31, 11, 5, 0, 0, 0, 0 };   /* RGB565 */
        m->dir = SIM_S2C; m->delay = SIM_MS(3);
        sim_buf_be16(out, 1280);
        sim_buf_be16(out, 800);
        sim_buf_put(out, pf, sizeof pf);
        sim_buf_be32(out, (uint32_t)strlen(name));
        sim_buf_puts(out, name);
        return true;
    }
    }
    if (s->n_msgs > 60) { m->dir = SIM_C2S; m->delay = SIM_MS(300); return false; }
    if (s->n_msgs % 2 == 1) {           /* FramebufferUpdateRequest, incremental, whole screen */
        m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, SIM_MS(200), SIM_MS(1000));
        sim_buf_u8(out, 3); sim_buf_u8(out, 1);
        sim_buf_be16(out, 0); sim_buf_be16(out, 0); sim_buf_be16(out, 1280); sim_buf_be16(out, 800);
    } else {                            /* FramebufferUpdate: one raw rectangle of changed pixels */
        uint16_t w = (uint16_t)(16 + prng_below(&s->rng, 64)), h = (uint16_t)(8 + prng_below(&s->rng, 16));
        m->dir = SIM_S2C; m->delay = SIM_MS(8);
        sim_buf_u8(out, 0); sim_buf_u8(out, 0); sim_buf_be16(out, 1);
        sim_buf_be16(out, (uint16_t)prng_below(&s->rng, 1200)); sim_buf_be16(out, (uint16_t)prng_below(&s->rng, 780));
        sim_buf_be16(out, w); sim_buf_be16(out, h);
        sim_buf_be32(out, 0);           /* Raw encoding */
        sim_buf_random(out, &s->rng, (size_t)w * h * 2);
    }
    return true;
}

static void vnc_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (!sim_host_kind(h, "hmi") || !sim_host_is(h, "remote operator")) continue;
        for (size_t k = 0; k < c->n_hosts; k++) {
            const sim_host *panel = &c->hosts[k];
            if (k == i || panel->zone != h->zone || !sim_host_is(panel, "panelview")) continue;
            if (sim_allowed(c, (int)i, (int)k, p->ip_proto, p->port, p->name)) sim_add_flow(c, p, (int)i, (int)k, SIM_S(150), 0);
        }
    }
}

const sim_profile sim_profile_vnc = {
    "vnc", "inside a crane zone only: remote operator stations view their zone's PanelView panels over VNC",
    6, 5900, vnc_plan, vnc_next, 0,
};
