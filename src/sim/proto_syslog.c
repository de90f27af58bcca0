/* proto_syslog.c - BSD syslog (RFC 3164) over UDP from servers, network
 * gear, cameras and controllers to the SIEM, where a conduit allows it. */
#include <stdio.h>
#include <time.h>
#include "sim/plan.h"
#include "sim/proto.h"

static const struct { uint8_t pri; const char *tag; const char *text; } lines[] = {
    { 134, "sshd[812]", "Accepted publickey for svc-backup from 10.14.0.30 port 50122 ssh2" },
    { 134, "systemd[1]", "Started Daily apt download activities." },
    { 132, "kernel", "eth0: link up, 1000 Mbps, full duplex" },
    { 190, "httpd", "GET /axis-cgi/param.cgi?action=list 200" },
    { 131, "auth", "authentication failure for user admin from console" },
    { 134, "ntpd[640]", "synchronized to 10.23.0.5, stratum 1" },
    { 165, "fw", "policy accept proto=tcp dport=443" },
    { 134, "crond[2231]", "(root) CMD (/usr/lib/sa/sa1 1 1)" },
};

static bool syslog_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    if (s->n_msgs > 0) return false;
    const sim_host *h = &s->ctx->hosts[s->client];
    size_t k = (size_t)prng_below(&s->rng, sizeof lines / sizeof lines[0]);
    time_t t = (time_t)(s->now / SW_US_PER_SEC);
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);   /* RFC 3164: day padded with a space */
    m->dir = SIM_C2S;
    m->delay = 0;
    sim_buf_printf(out, "<%u>%s %s %s: %s", lines[k].pri, stamp, h->id, lines[k].tag, lines[k].text);
    return true;
}

static void syslog_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (h->external || sim_is_siem(c, h) || sim_is_it_client(c, h)) continue;
        int siem = sim_server_for(c, (int)i, p, sim_is_siem);
        if (siem >= 0) sim_add_flow(c, p, (int)i, siem, SIM_S(25), 0);
    }
}

const sim_profile sim_profile_syslog = {
    "syslog", "servers, devices and controllers send RFC 3164 syslog to the SIEM over UDP/514",
    17, 514, syslog_plan, syslog_next, 0,
};
