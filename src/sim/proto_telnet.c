/* proto_telnet.c - Telnet inside one OT zone: the crane management server
 * polls its ring switch's port status over the switch's CLI, as legacy
 * monitoring scripts do (option negotiation, login, a command, logout).
 * No conduit is crossed, so cleartext remote access into OT is not raised. */
#include <string.h>
#include "sim/plan.h"

static bool telnet_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    m->dir = s->n_msgs % 2 ? SIM_C2S : SIM_S2C;
    m->delay = m->dir == SIM_S2C ? SIM_MS(3) : sim_uniform(&s->rng, SIM_MS(20), SIM_MS(200));
    switch (s->n_msgs) {
    case 0: {                           /* IAC DO TTYPE, IAC WILL ECHO, IAC WILL SGA */
        static const uint8_t b[] = { 255, 253, 24, 255, 251, 1, 255, 251, 3 };
        sim_buf_put(out, b, sizeof b);
        return true;
    }
    case 1: {                           /* IAC WILL TTYPE, IAC DO ECHO, IAC DO SGA */
        static const uint8_t b[] = { 255, 251, 24, 255, 253, 1, 255, 253, 3 };
        sim_buf_put(out, b, sizeof b);
        return true;
    }
    case 2: {                           /* IAC SB TTYPE SEND IAC SE */
        static const uint8_t b[] = { 255, 250, 24, 1, 255, 240 };
        sim_buf_put(out, b, sizeof b);
        return true;
    }
    case 3: {                           /* IAC SB TTYPE IS "VT100" IAC SE */
        static const uint8_t b[] = { 255, 250, 24, 0, 'V', 'T', '1', '0', '0', 255, 240 };
        sim_buf_put(out, b, sizeof b);
        return true;
    }
    case 4: sim_buf_puts(out, "\r\nSCALANCE X308-2 Command Line Interface\r\n\r\nlogin: "); return true;
    case 5: sim_buf_puts(out, "monitor\r\n"); return true;
    case 6: sim_buf_puts(out, "monitor\r\nPassword: "); return true;
    case 7: sim_buf_puts(out, "Ring-Mon-7\r\n"); return true;
    case 8: sim_buf_puts(out, "\r\nCLI> "); return true;
    case 9: sim_buf_puts(out, "show ports\r\n"); return true;
    case 10:
        sim_buf_puts(out, "show ports\r\nPort  Link  Speed\r\nP1    up    100M\r\nP2    up    100M\r\nP3    down  -\r\nCLI> ");
        return true;
    case 11: sim_buf_puts(out, "logout\r\n"); return true;
    }
    m->dir = SIM_S2C; m->delay = SIM_MS(5);
    return false;
}

static void telnet_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (!h->asset || h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_OT) continue;
        if (!sim_host_kind(h, "crane-controller") || !sim_is_master(c, h)) continue;
        for (size_t k = 0; k < c->n_hosts; k++) {
            const sim_host *sw = &c->hosts[k];
            if (k == i || sw->zone != h->zone || !sim_host_kind(sw, "switch")) continue;
            if (!sim_allowed(c, (int)i, (int)k, p->ip_proto, p->port, p->name)) continue;
            sim_add_flow(c, p, (int)i, (int)k, SIM_S(100), 0);
            break;
        }
    }
}

const sim_profile sim_profile_telnet = {
    "telnet", "inside an OT zone only: crane management servers read their ring switch's port status over its Telnet CLI",
    6, 23, telnet_plan, telnet_next, 0,
};
