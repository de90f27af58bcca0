/* proto_ldap.c - LDAP from domain members to their domain controller:
 * the rootDSE search Windows clients make to locate naming contexts
 * (RFC 4511 searchRequest, searchResEntry, searchResDone in BER). */
#include <string.h>
#include "sim/ber.h"
#include "sim/plan.h"

static const char *const root_attrs[] = { "defaultNamingContext", "dnsHostName", "supportedSASLMechanisms" };

static void search_rootdse(sim_buf *b, uint8_t id)
{
    size_t msg = sim_ber_open(b, 0x30);
    sim_ber_small_int(b, 0x02, id);
    size_t req = sim_ber_open(b, 0x63);           /* [APPLICATION 3] searchRequest */
    sim_ber_string(b, 0x04, "");                  /* baseObject: the root DSE */
    sim_ber_small_int(b, 0x0a, 0);                /* scope: baseObject */
    sim_ber_small_int(b, 0x0a, 0);                /* derefAliases: never */
    sim_ber_small_int(b, 0x02, 0);                /* sizeLimit */
    sim_ber_small_int(b, 0x02, 120);              /* timeLimit */
    sim_buf_u8(b, 0x01); sim_buf_u8(b, 1); sim_buf_u8(b, 0x00);   /* typesOnly FALSE */
    sim_ber_string(b, 0x87, "objectClass");       /* filter: [7] present */
    size_t attrs = sim_ber_open(b, 0x30);
    for (size_t i = 0; i < sizeof root_attrs / sizeof *root_attrs; i++) sim_ber_string(b, 0x04, root_attrs[i]);
    sim_ber_close(b, attrs);
    sim_ber_close(b, req);
    sim_ber_close(b, msg);
}

static void attribute(sim_buf *b, const char *type, const char *value)
{
    size_t a = sim_ber_open(b, 0x30);
    sim_ber_string(b, 0x04, type);
    size_t vals = sim_ber_open(b, 0x31);
    sim_ber_string(b, 0x04, value);
    sim_ber_close(b, vals);
    sim_ber_close(b, a);
}

static void rootdse_reply(sim_buf *b, uint8_t id, const char *nc, const char *host)
{
    size_t msg = sim_ber_open(b, 0x30);
    sim_ber_small_int(b, 0x02, id);
    size_t entry = sim_ber_open(b, 0x64);         /* [APPLICATION 4] searchResEntry */
    sim_ber_string(b, 0x04, "");
    size_t attrs = sim_ber_open(b, 0x30);
    attribute(b, "defaultNamingContext", nc);
    attribute(b, "dnsHostName", host);
    attribute(b, "supportedSASLMechanisms", "GSS-SPNEGO");
    sim_ber_close(b, attrs);
    sim_ber_close(b, entry);
    sim_ber_close(b, msg);
    msg = sim_ber_open(b, 0x30);
    sim_ber_small_int(b, 0x02, id);
    size_t done = sim_ber_open(b, 0x65);          /* [APPLICATION 5] searchResDone: success */
    sim_ber_small_int(b, 0x0a, 0);
    sim_ber_string(b, 0x04, "");
    sim_ber_string(b, 0x04, "");
    sim_ber_close(b, done);
    sim_ber_close(b, msg);
}

static bool ldap_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_host *dc = &s->ctx->hosts[s->server];
    uint8_t id = (uint8_t)(1 + s->n_msgs / 2);
    if (s->n_msgs >= 4) { m->dir = SIM_C2S; m->delay = SIM_MS(50); return false; }
    if (s->n_msgs % 2 == 0) {
        m->dir = SIM_C2S;
        m->delay = s->n_msgs ? SIM_MS(30) : SIM_MS(1);
        search_rootdse(out, id);
    } else {
        char host[96], nc[96] = "DC=corp,DC=local";
        const char *h = dc->asset && dc->asset->hostname ? dc->asset->hostname : dc->id;
        snprintf(host, sizeof host, "%s", h);
        /* The naming context follows the DC's DNS domain when it has one. */
        const char *dot = strchr(host, '.');
        if (dot) {
            size_t n = 0;
            for (const char *p = dot + 1; *p && n + 8 < sizeof nc; p++) {
                if (p == dot + 1 || p[-1] == '.') n += (size_t)snprintf(nc + n, sizeof nc - n, "%sDC=", n ? "," : "");
                if (*p != '.') nc[n++] = *p, nc[n] = '\0';
            }
        }
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, 200, 1500);
        rootdse_reply(out, id, nc, host);
    }
    return true;
}

static void ldap_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_is_windows_member(c, &c->hosts[i])) continue;
        int dc = sim_server_for(c, (int)i, p, sim_is_dc);
        if (dc >= 0) sim_add_flow(c, p, (int)i, dc, SIM_S(300), 0);
    }
}

const sim_profile sim_profile_ldap = {
    "ldap", "Windows domain members query their DC's rootDSE over LDAP (searchRequest, searchResEntry, searchResDone)",
    6, 389, ldap_plan, ldap_next, 0,
};
