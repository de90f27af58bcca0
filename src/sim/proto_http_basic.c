/* proto_http_basic.c - plain HTTP with Basic authentication (RFC 7617):
 * administrators' desks check the embedded web pages of printers, UPSs
 * and PDUs, which still take a user name and password in the clear. */
#include <stdio.h>
#include <string.h>
#include "sim/plan.h"

static const char *status_page(const sim_host *dev)
{
    if (sim_host_kind(dev, "printer")) return "/hp/device/DeviceStatus/Index";
    if (sim_host_kind(dev, "camera")) return "/axis-cgi/admin/param.cgi?action=list&group=Network";
    if (sim_host_kind(dev, "ups")) return "/status.htm";
    return "/outlets.htm";
}

static void status_reply(sim_session *s, sim_buf *out)
{
    const sim_host *dev = &s->ctx->hosts[s->server];
    char body[256];
    int n = snprintf(body, sizeof body, "<html><head><title>%s</title></head><body><p>Status: ready</p></body></html>",
                     dev->asset && dev->asset->name ? dev->asset->name : dev->id);
    sim_buf_printf(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", n, body);
}

/* A scenario's login (sim_login): the page asked for without credentials,
 * the device's challenge, the same page with them, and the verdict. */
static bool http_login_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_login *lg = SIM_LOGIN(s);
    const sim_host *dev = &s->ctx->hosts[s->server];
    const char *realm = dev->asset && dev->asset->product ? dev->asset->product : dev->id;
    char cred[128], b64[200], ip[IP_STR_MAX];
    ip_addr addr;
    ip_from_v4(&addr, dev->ip);
    m->dir = s->n_msgs % 2 ? SIM_S2C : SIM_C2S;
    m->delay = m->dir == SIM_S2C ? sim_uniform(&s->rng, SIM_MS(5), SIM_MS(40)) : SIM_MS(1);
    switch (s->n_msgs) {
    case 0: case 2:
        sim_buf_printf(out, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/120.0\r\n",
                       status_page(dev), ip_fmt(&addr, ip));
        if (s->n_msgs == 2) {
            snprintf(cred, sizeof cred, "%s:%s", lg->user ? lg->user : "", lg->password ? lg->password : "");
            sim_base64(cred, b64, sizeof b64);
            sim_buf_printf(out, "Authorization: Basic %s\r\n", b64);
        }
        sim_buf_puts(out, "Accept: text/html\r\nConnection: keep-alive\r\n\r\n");
        return true;
    case 1: case 3:
        if (s->n_msgs == 3 && !lg->refused) { status_reply(s, out); return true; }
        sim_buf_printf(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"%s\"\r\nContent-Length: 0\r\n\r\n", realm);
        return true;
    }
    m->dir = SIM_C2S;
    return false;
}

static bool http_basic_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    if (s->arg) return http_login_next(s, m, out);
    const sim_host *dev = &s->ctx->hosts[s->server];
    const char *user = sim_owner_account(s->ctx, &s->ctx->hosts[s->client]);
    char cred[128], b64[200], ip[IP_STR_MAX];
    ip_addr addr;
    ip_from_v4(&addr, dev->ip);
    switch (s->n_msgs) {
    case 0:
        snprintf(cred, sizeof cred, "%s:%08x", user ? user : "admin", (unsigned)(prng_next(&s->rng) >> 32));
        sim_base64(cred, b64, sizeof b64);
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        sim_buf_printf(out, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/120.0\r\n"
                            "Authorization: Basic %s\r\nAccept: text/html\r\nConnection: close\r\n\r\n",
                       status_page(dev), ip_fmt(&addr, ip), b64);
        return true;
    case 1:
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(20), SIM_MS(120));
        status_reply(s, out);
        return true;
    }
    return false;
}

static bool is_admin_desk(const sim_ctx *c, const sim_host *h)
{
    if (!h->asset || h->external || h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_IT) return false;
    bool desk = sim_host_kind(h, "workstation") || sim_host_kind(h, "laptop");
    return desk && (sim_host_is(h, "administrator") || sim_host_is(h, "soc")) && sim_owner_account(c, h);
}

static bool has_web_page(const sim_host *h)
{
    return sim_host_kind(h, "printer") || sim_host_kind(h, "ups") || sim_host_kind(h, "pdu");
}

/* Each admin desk looks at every such device its conduits open to http, about every half hour. */
static void http_basic_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!is_admin_desk(c, &c->hosts[i])) continue;
        for (size_t k = 0; k < c->n_hosts; k++)
            if (has_web_page(&c->hosts[k]) && sim_allowed(c, (int)i, (int)k, p->ip_proto, p->port, p->name))
                sim_add_flow(c, p, (int)i, (int)k, SIM_S(1800), 0);
    }
}

const sim_profile sim_profile_http_basic = {
    "http", "admin desks open printer, UPS and PDU status pages over plain HTTP with Basic authentication",
    6, 80, http_basic_plan, http_basic_next, 0,
};
