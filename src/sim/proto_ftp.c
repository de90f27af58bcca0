/* proto_ftp.c - FTP control sessions that stay inside one zone: printers
 * scanning to the file server in corporate IT, and crane management
 * servers fetching fault logs from a PLC in their own crane zone (no
 * conduit is crossed, so cleartext remote access into OT is not raised).
 * Each transfer opens its passive-mode data connection (profile ftp-data). */
#include <stdio.h>
#include <string.h>
#include "sim/plan.h"

enum { FTP_SCAN_TO_FOLDER = 0, FTP_FETCH_LOGS = 1 };

extern const sim_profile sim_profile_ftp_data;

/* The data connection: the file from the server (RETR) or to it (STOR), then the sender closes. */
static bool ftp_data_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    bool upload = s->arg == FTP_SCAN_TO_FOLDER;
    m->dir = upload ? SIM_C2S : SIM_S2C;
    if (s->n_msgs >= 6) { m->delay = SIM_MS(2); return false; }
    m->delay = s->n_msgs ? SIM_MS(3) : SIM_MS(1);
    if (!upload && s->n_msgs == 0) sim_buf_puts(out, "timestamp,crane,code,text\r\n");
    sim_buf_random(out, &s->rng, upload ? 8192 : 1400);
    return true;
}

static bool ftp_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_host *sv = &s->ctx->hosts[s->server];
    bool scan = s->arg == FTP_SCAN_TO_FOLDER;
    const uint32_t ip = sv->ip;
    uint16_t data_port = (uint16_t)(50000 + s->cport % 1000);   /* the port the 227 reply offers */
    m->dir = s->n_msgs % 2 ? SIM_C2S : SIM_S2C;
    m->delay = m->dir == SIM_S2C ? SIM_MS(2) : sim_uniform(&s->rng, SIM_MS(5), SIM_MS(40));
    switch (s->n_msgs) {
    case 0:
        if (sv->windows) sim_buf_puts(out, "220 Microsoft FTP Service\r\n");
        else if (sim_host_vendor(sv, "siemens")) sim_buf_puts(out, "220-SIMATIC FTP server\r\n220 ready\r\n");
        else sim_buf_puts(out, "220 (vsFTPd 3.0.3)\r\n");
        return true;
    case 1: sim_buf_puts(out, scan ? "USER scan2folder\r\n" : "USER cmslog\r\n"); return true;
    case 2: sim_buf_puts(out, "331 Password required\r\n"); return true;
    case 3: sim_buf_printf(out, "PASS %s\r\n", scan ? "Scan!2023" : "crane-logs"); return true;
    case 4: sim_buf_puts(out, "230 User logged in.\r\n"); return true;
    case 5: sim_buf_puts(out, "TYPE I\r\n"); return true;
    case 6: sim_buf_puts(out, "200 Type set to I.\r\n"); return true;
    case 7: sim_buf_puts(out, "PASV\r\n"); return true;
    case 8:
        sim_buf_printf(out, "227 Entering Passive Mode (%u,%u,%u,%u,%u,%u).\r\n", ip >> 24, ip >> 16 & 255,
                       ip >> 8 & 255, ip & 255, data_port >> 8, data_port & 255);
        return true;
    case 9:
        if (scan) sim_buf_printf(out, "STOR /scans/SCAN_%04u.pdf\r\n", (unsigned)prng_below(&s->rng, 10000));
        else sim_buf_puts(out, "RETR /log/faults.csv\r\n");
        /* the client opens the passive data connection as it sends the command */
        sim_session_spawn(s, &sim_profile_ftp_data, s->client, s->server, data_port, s->now + m->delay, s->arg);
        return true;
    case 10: sim_buf_puts(out, "150 Opening BINARY mode data connection.\r\n"); return true;
    case 11: m->dir = SIM_S2C; m->delay = SIM_MS(400); sim_buf_puts(out, "226 Transfer complete.\r\n"); return true;
    case 12: m->dir = SIM_C2S; sim_buf_puts(out, "QUIT\r\n"); return true;
    case 13: m->dir = SIM_S2C; sim_buf_puts(out, "221 Goodbye.\r\n"); return true;
    }
    m->dir = SIM_C2S; m->delay = SIM_MS(5);
    return false;
}

static void ftp_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        bool printer = sim_host_kind(h, "printer");
        bool cms = sim_host_kind(h, "crane-controller") && sim_is_master(c, h);
        if (!h->asset || h->external || (!printer && !cms)) continue;
        for (size_t k = 0; k < c->n_hosts; k++) {
            const sim_host *sv = &c->hosts[k];
            if (k == i || sv->zone != h->zone || sv->external) continue;
            bool fits = printer ? sim_host_kind(sv, "file-server") : sim_is_plc(c, sv);
            if (!fits || !sim_allowed(c, (int)i, (int)k, p->ip_proto, p->port, p->name)) continue;
            sim_add_flow(c, p, (int)i, (int)k, SIM_S(90), printer ? FTP_SCAN_TO_FOLDER : FTP_FETCH_LOGS);
            break;                      /* one server each */
        }
    }
}

const sim_profile sim_profile_ftp_data = {
    "ftp-data", "an FTP transfer's passive-mode data connection (started by the ftp profile)",
    6, 20, NULL, ftp_data_next, 0,
};

const sim_profile sim_profile_ftp = {
    "ftp", "inside a zone only: printers scan to the file server, crane management servers fetch PLC fault logs (control channel)",
    6, 21, ftp_plan, ftp_next, 0,
};
