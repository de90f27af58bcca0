/* proto_telnet.c - Telnet inside one OT zone: the crane management server
 * polls its ring switch's port status over the switch's CLI, as legacy
 * monitoring scripts do (option negotiation, login, a command, logout).
 * No conduit is crossed, so cleartext remote access into OT is not raised. */
#include <string.h>
#include "sim/plan.h"

static void negotiation(sim_buf *out, uint64_t n)
{
    static const uint8_t dos[] = { 255, 253, 24, 255, 251, 1, 255, 251, 3 };   /* IAC DO TTYPE, WILL ECHO, WILL SGA */
    static const uint8_t wills[] = { 255, 251, 24, 255, 253, 1, 255, 253, 3 }; /* IAC WILL TTYPE, DO ECHO, DO SGA */
    static const uint8_t send[] = { 255, 250, 24, 1, 255, 240 };                /* IAC SB TTYPE SEND IAC SE */
    static const uint8_t is[] = { 255, 250, 24, 0, 'V', 'T', '1', '0', '0', 255, 240 };
    switch (n) {
    case 0: sim_buf_put(out, dos, sizeof dos); break;
    case 1: sim_buf_put(out, wills, sizeof wills); break;
    case 2: sim_buf_put(out, send, sizeof send); break;
    case 3: sim_buf_put(out, is, sizeof is); break;
    }
}

/* A scenario's login (sim_login) typed at the keyboard in character mode,
 * as the negotiation agreed: one segment per key, the user name echoed by
 * the switch, the password not; corrections travel as DEL (0x7f). */
static bool telnet_login_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_login *lg = SIM_LOGIN(s);
    const sim_host *sw = &s->ctx->hosts[s->server];
    const char *product = sw->asset && sw->asset->product ? sw->asset->product : sw->id;
    const char *user = lg->user ? lg->user : "", *pass = lg->typed ? lg->typed : lg->password ? lg->password : "";
    uint64_t n = s->n_msgs, u = strlen(user), p = strlen(pass);
    m->dir = SIM_C2S;
    m->delay = sim_uniform(&s->rng, SIM_MS(90), SIM_MS(260));             /* between keystrokes */
    if (n < 4) {
        m->dir = n % 2 ? SIM_C2S : SIM_S2C;
        m->delay = m->dir == SIM_S2C ? SIM_MS(3) : SIM_MS(20);
        negotiation(out, n);
        return true;
    }
    if (n == 4) { m->dir = SIM_S2C; m->delay = SIM_MS(3); sim_buf_printf(out, "\r\n%s\r\n\r\nlogin: ", product); return true; }
    if (n < 5 + 2 * u) {
        uint64_t j = n - 5;
        if (j % 2) { m->dir = SIM_S2C; m->delay = SIM_MS(2); }            /* the echo */
        sim_buf_u8(out, (uint8_t)user[j / 2]);
        return true;
    }
    n -= 5 + 2 * u;
    if (n == 0) { sim_buf_puts(out, "\r\n"); return true; }
    if (n == 1) { m->dir = SIM_S2C; m->delay = SIM_MS(3); sim_buf_puts(out, "\r\nPassword: "); return true; }
    if (n < 2 + p) { sim_buf_u8(out, (uint8_t)pass[n - 2]); return true; }
    n -= 2 + p;
    switch (n) {
    case 0: sim_buf_puts(out, "\r\n"); return true;
    case 1:
        m->dir = SIM_S2C; m->delay = SIM_MS(400);
        sim_buf_puts(out, lg->refused ? "\r\nLogin incorrect\r\n" : "\r\nCLI> ");
        return true;
    case 2:
        if (lg->refused) { m->dir = SIM_S2C; m->delay = SIM_MS(5); return false; }
        sim_buf_puts(out, "show version\r\n");
        return true;
    case 3:
        m->dir = SIM_S2C; m->delay = SIM_MS(20);
        sim_buf_printf(out, "show version\r\n%s, firmware %s\r\nCLI> ", product,
                       sw->asset && sw->asset->version ? sw->asset->version : "unknown");
        return true;
    case 4: sim_buf_puts(out, "logout\r\n"); return true;
    }
    m->dir = SIM_S2C; m->delay = SIM_MS(5);
    return false;
}

static bool telnet_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    if (s->arg) return telnet_login_next(s, m, out);
    m->dir = s->n_msgs % 2 ? SIM_C2S : SIM_S2C;
    m->delay = m->dir == SIM_S2C ? SIM_MS(3) : sim_uniform(&s->rng, SIM_MS(20), SIM_MS(200));
    switch (s->n_msgs) {
    case 0: case 1: case 2: case 3: negotiation(out, s->n_msgs); return true;
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
