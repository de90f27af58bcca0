/* proto_ldap.c - LDAP from domain members to their domain controller:
 * the rootDSE search Windows clients make to locate naming contexts
 * (RFC 4511 searchRequest, searchResEntry, searchResDone in BER). */
#include <string.h>
#include "sim/plan.h"

/* BER: open a constructed or primitive TLV, fill it, close it; the length
 * is made minimal on close by moving the contents when they exceed 127. */
static size_t ber_open(sim_buf *b, uint8_t tag)
{
    sim_buf_u8(b, tag);
    sim_buf_u8(b, 0);
    return b->len;
}

static void ber_close(sim_buf *b, size_t content_at)
{
    if (b->oom || content_at > b->len) return;
    size_t n = b->len - content_at;
    if (n < 128) { b->p[content_at - 1] = (uint8_t)n; return; }
    size_t extra = n < 256 ? 1 : 2;
    if (!sim_buf_reserve(b, extra)) return;
    memmove(b->p + content_at + extra, b->p + content_at, n);
    b->p[content_at - 1] = (uint8_t)(0x80 | extra);
    if (extra == 1) b->p[content_at] = (uint8_t)n;
    else { b->p[content_at] = (uint8_t)(n >> 8); b->p[content_at + 1] = (uint8_t)n; }
    b->len += extra;
}

static void ber_string(sim_buf *b, uint8_t tag, const char *s)
{
    size_t at = ber_open(b, tag);
    sim_buf_puts(b, s);
    ber_close(b, at);
}

static void ber_small_int(sim_buf *b, uint8_t tag, uint8_t v)
{
    sim_buf_u8(b, tag);
    if (v < 128) { sim_buf_u8(b, 1); sim_buf_u8(b, v); }
    else { sim_buf_u8(b, 2); sim_buf_u8(b, 0); sim_buf_u8(b, v); }
}

static const char *const root_attrs[] = { "defaultNamingContext", "dnsHostName", "supportedSASLMechanisms" };

static void search_rootdse(sim_buf *b, uint8_t id)
{
    size_t msg = ber_open(b, 0x30);
    ber_small_int(b, 0x02, id);
    size_t req = ber_open(b, 0x63);           /* [APPLICATION 3] searchRequest */
    ber_string(b, 0x04, "");                  /* baseObject: the root DSE */
    ber_small_int(b, 0x0a, 0);                /* scope: baseObject */
    ber_small_int(b, 0x0a, 0);                /* derefAliases: never */
    ber_small_int(b, 0x02, 0);                /* sizeLimit */
    ber_small_int(b, 0x02, 120);              /* timeLimit */
    sim_buf_u8(b, 0x01); sim_buf_u8(b, 1); sim_buf_u8(b, 0x00);   /* typesOnly FALSE */
    ber_string(b, 0x87, "objectClass");       /* filter: [7] present */
    size_t attrs = ber_open(b, 0x30);
    for (size_t i = 0; i < sizeof root_attrs / sizeof *root_attrs; i++) ber_string(b, 0x04, root_attrs[i]);
    ber_close(b, attrs);
    ber_close(b, req);
    ber_close(b, msg);
}

static void attribute(sim_buf *b, const char *type, const char *value)
{
    size_t a = ber_open(b, 0x30);
    ber_string(b, 0x04, type);
    size_t vals = ber_open(b, 0x31);
    ber_string(b, 0x04, value);
    ber_close(b, vals);
    ber_close(b, a);
}

static void rootdse_reply(sim_buf *b, uint8_t id, const char *nc, const char *host)
{
    size_t msg = ber_open(b, 0x30);
    ber_small_int(b, 0x02, id);
    size_t entry = ber_open(b, 0x64);         /* [APPLICATION 4] searchResEntry */
    ber_string(b, 0x04, "");
    size_t attrs = ber_open(b, 0x30);
    attribute(b, "defaultNamingContext", nc);
    attribute(b, "dnsHostName", host);
    attribute(b, "supportedSASLMechanisms", "GSS-SPNEGO");
    ber_close(b, attrs);
    ber_close(b, entry);
    ber_close(b, msg);
    msg = ber_open(b, 0x30);
    ber_small_int(b, 0x02, id);
    size_t done = ber_open(b, 0x65);          /* [APPLICATION 5] searchResDone: success */
    ber_small_int(b, 0x0a, 0);
    ber_string(b, 0x04, "");
    ber_string(b, 0x04, "");
    ber_close(b, done);
    ber_close(b, msg);
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
