/* proto_smb.c - SMB 3.1.1 from corporate workstations and laptops to the file
 * server they may reach (MS-SMB2 over direct TCP 445): negotiate with
 * preauth-integrity and encryption contexts, NTLMSSP in SPNEGO (MS-NLMP,
 * RFC 4178) for the asset owner in the port's domain, a tree connect to a
 * share, then a few files opened, read and closed. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "sim/ber.h"
#include "sim/plan.h"

#define SMB2_HDR 64
#define STATUS_MORE_PROCESSING 0xc0000016u
#define NTLM_FLAGS 0xe2898215u       /* 56, key exchange, 128, version, target info, extended session security, NTLM, unicode */
#define FILES_PER_SESSION 3

enum { CMD_NEGOTIATE = 0, CMD_SESSION_SETUP = 1, CMD_TREE_CONNECT = 3, CMD_CREATE = 5, CMD_CLOSE = 6, CMD_READ = 8 };

typedef struct smb_state {
    uint64_t msg_id, session_id;
    uint32_t tree_id, file_size;
    uint8_t file_id[16];
    uint8_t file;                /* files done so far */
} smb_state;

static const uint8_t spnego_oid[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const uint8_t ntlmssp_oid[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };

/* ---- names the model gives ---- */

static void upper15(char *out, size_t cap, const char *s)
{
    size_t k = 0;
    for (; s && *s && k < 15 && k + 1 < cap; s++) out[k++] = (char)toupper((unsigned char)*s);
    out[k] = '\0';
}

/* The NetBIOS domain: the port's name's last word ("Port of Aurora" -> AURORA). */
static void domain_of(const sim_ctx *c, char *out, size_t cap)
{
    const char *name = c->m->port.name ? c->m->port.name : "PORT", *last = name;
    for (const char *p = name; *p; p++)
        if (*p == ' ' && p[1]) last = p + 1;
    upper15(out, cap, last);
}

/* The desk's owner signs in with their directory account (their person's first `accounts` entry). */
static const char *user_of(const sim_ctx *c, const sim_host *h)
{
    const char *u = sim_owner_account(c, h);
    return u ? u : "svc-files";
}

static const char *share_of(const sim_host *client)
{
    static const char *const shares[] = { "users", "departments", "operations", "finance" };
    return shares[client->ip % (sizeof shares / sizeof *shares)];
}

/* ---- builders ---- */

static void utf16(sim_buf *b, const char *s)
{
    for (; *s; s++) sim_buf_le16(b, (uint8_t)*s);
}

static size_t utf16_len(const char *s) { return strlen(s) * 2; }

static void put_le64(sim_buf *b, uint64_t v)
{
    sim_buf_le32(b, (uint32_t)v);
    sim_buf_le32(b, (uint32_t)(v >> 32));
}

/* Opens a direct-TCP message (its 24-bit length set on close) and writes
 * the SMB2 header. */
static size_t smb2_open(sim_buf *b, uint16_t cmd, bool response, uint32_t status, const smb_state *st)
{
    size_t at = b->len;
    sim_buf_be32(b, 0);
    sim_buf_put(b, "\xfeSMB", 4);
    sim_buf_le16(b, SMB2_HDR);
    sim_buf_le16(b, 1);                           /* credit charge */
    sim_buf_le32(b, status);
    sim_buf_le16(b, cmd);
    sim_buf_le16(b, response ? 33 : 31);          /* credits granted / requested */
    sim_buf_le32(b, response ? 1 : 0);            /* flags: server to redirector */
    sim_buf_le32(b, 0);                           /* next command */
    put_le64(b, st->msg_id);
    sim_buf_le32(b, 0xfeff);                      /* process id (reserved) */
    sim_buf_le32(b, cmd == CMD_NEGOTIATE || cmd == CMD_SESSION_SETUP || cmd == CMD_TREE_CONNECT ? 0 : st->tree_id);
    put_le64(b, cmd == CMD_NEGOTIATE ? 0 : st->session_id);
    sim_buf_zero(b, 16);                          /* signature */
    return at;
}

static void smb2_close(sim_buf *b, size_t at)
{
    if (b->oom) return;
    sim_buf_set_be24(b, at + 1, (uint32_t)(b->len - at - 4));
}

static void pad8(sim_buf *b, size_t from)
{
    while ((b->len - from) % 8) sim_buf_u8(b, 0);
}

static void negotiate_contexts(sim_buf *b, prng *r, size_t hdr)
{
    sim_buf_le16(b, 1);                           /* SMB2_PREAUTH_INTEGRITY_CAPABILITIES */
    sim_buf_le16(b, 38);
    sim_buf_le32(b, 0);
    sim_buf_le16(b, 1);                           /* one hash: SHA-512 */
    sim_buf_le16(b, 32);
    sim_buf_le16(b, 1);
    sim_buf_random(b, r, 32);
    pad8(b, hdr);
    sim_buf_le16(b, 2);                           /* SMB2_ENCRYPTION_CAPABILITIES */
    sim_buf_le16(b, 6);
    sim_buf_le32(b, 0);
    sim_buf_le16(b, 2);
    sim_buf_le16(b, 2);                           /* AES-128-GCM */
    sim_buf_le16(b, 1);                           /* AES-128-CCM */
}

static void negotiate_request(sim_buf *b, prng *r, const smb_state *st)
{
    static const uint16_t dialects[] = { 0x0202, 0x0210, 0x0300, 0x0302, 0x0311 };
    size_t m = smb2_open(b, CMD_NEGOTIATE, false, 0, st), hdr = m + 4;
    sim_buf_le16(b, 36);
    sim_buf_le16(b, 5);
    sim_buf_le16(b, 1);                           /* signing enabled */
    sim_buf_le16(b, 0);
    sim_buf_le32(b, 0x7f);
    sim_buf_random(b, r, 16);                     /* client GUID */
    sim_buf_le32(b, SMB2_HDR + 36 + 10 + 2);      /* contexts: after the dialects, 8-aligned */
    sim_buf_le16(b, 2);
    sim_buf_le16(b, 0);
    for (size_t i = 0; i < 5; i++) sim_buf_le16(b, dialects[i]);
    pad8(b, hdr);
    negotiate_contexts(b, r, hdr);
    smb2_close(b, m);
}

static void negotiate_response(sim_buf *b, prng *r, const smb_state *st, sw_time_us now)
{
    size_t m = smb2_open(b, CMD_NEGOTIATE, true, 0, st), hdr = m + 4;
    uint64_t filetime = ((uint64_t)now / 1000000u + 11644473600ull) * 10000000ull;
    sim_buf_le16(b, 65);
    sim_buf_le16(b, 1);
    sim_buf_le16(b, 0x0311);
    sim_buf_le16(b, 2);                           /* negotiate contexts */
    sim_buf_random(b, r, 16);                     /* server GUID */
    sim_buf_le32(b, 0x2f);
    sim_buf_le32(b, 8388608); sim_buf_le32(b, 8388608); sim_buf_le32(b, 8388608);
    put_le64(b, filetime);
    put_le64(b, 0);
    sim_buf_le16(b, SMB2_HDR + 64);               /* security buffer: empty */
    sim_buf_le16(b, 0);
    sim_buf_le32(b, SMB2_HDR + 64);
    negotiate_contexts(b, r, hdr);
    smb2_close(b, m);
}

static void ntlm_field(sim_buf *b, size_t len, size_t off)
{
    sim_buf_le16(b, (uint16_t)len);
    sim_buf_le16(b, (uint16_t)len);
    sim_buf_le32(b, (uint32_t)off);
}

static void ntlm_version(sim_buf *b)
{
    sim_buf_u8(b, 10); sim_buf_u8(b, 0); sim_buf_le16(b, 19041);   /* Windows 10.0.19041 */
    sim_buf_zero(b, 3); sim_buf_u8(b, 15);                          /* NTLMSSP revision 15 */
}

static void av_pair(sim_buf *b, uint16_t id, const char *s)
{
    sim_buf_le16(b, id);
    sim_buf_le16(b, (uint16_t)utf16_len(s));
    utf16(b, s);
}

/* Target info: NetBIOS and DNS names of the domain and the server. */
static void target_info(sim_buf *b, const char *domain, const char *server, const char *dns_domain, uint64_t filetime)
{
    char dns_server[96];
    snprintf(dns_server, sizeof dns_server, "%s.%s", server, dns_domain);
    for (char *p = dns_server; *p; p++) *p = (char)tolower((unsigned char)*p);
    av_pair(b, 2, domain);
    av_pair(b, 1, server);
    av_pair(b, 4, dns_domain);
    av_pair(b, 3, dns_server);
    sim_buf_le16(b, 7); sim_buf_le16(b, 8); put_le64(b, filetime);
    sim_buf_le32(b, 0);                           /* MsvAvEOL */
}

static size_t target_info_len(const char *domain, const char *server, const char *dns_domain)
{
    return 4 + utf16_len(domain) + 4 + utf16_len(server) + 4 + utf16_len(dns_domain) + 4 +
           2 * (strlen(server) + 1 + strlen(dns_domain)) + 12 + 4;
}

static void dns_domain_of(const sim_ctx *c, char *out, size_t cap)
{
    char d[16];
    domain_of(c, d, sizeof d);
    snprintf(out, cap, "%s.local", d);
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
}

static void session_setup_request(sim_buf *b, sim_session *s, const smb_state *st, int leg)
{
    const sim_ctx *c = s->ctx;
    char domain[16], host[16];
    domain_of(c, domain, sizeof domain);
    upper15(host, sizeof host, c->hosts[s->client].id);
    const char *user = user_of(c, &c->hosts[s->client]);
    size_t m = smb2_open(b, CMD_SESSION_SETUP, false, 0, st), hdr = m + 4;
    sim_buf_le16(b, 25);
    sim_buf_u8(b, 0);
    sim_buf_u8(b, 1);
    sim_buf_le32(b, 1);
    sim_buf_le32(b, 0);
    sim_buf_le16(b, SMB2_HDR + 24);
    size_t blob_len_at = b->len;
    sim_buf_le16(b, 0);
    put_le64(b, 0);
    size_t blob = b->len, token, seq, wrap, tok;
    if (leg == 0) {                               /* GSS-API InitialContextToken with NegTokenInit */
        token = sim_ber_open(b, 0x60);
        size_t oid = sim_ber_open(b, 0x06); sim_buf_put(b, spnego_oid, sizeof spnego_oid); sim_ber_close(b, oid);
        size_t init = sim_ber_open(b, 0xa0);
        seq = sim_ber_open(b, 0x30);
        size_t types = sim_ber_open(b, 0xa0), list = sim_ber_open(b, 0x30);
        oid = sim_ber_open(b, 0x06); sim_buf_put(b, ntlmssp_oid, sizeof ntlmssp_oid); sim_ber_close(b, oid);
        sim_ber_close(b, list); sim_ber_close(b, types);
        wrap = sim_ber_open(b, 0xa2);
        tok = sim_ber_open(b, 0x04);
        sim_buf_put(b, "NTLMSSP", 8);
        sim_buf_le32(b, 1);
        sim_buf_le32(b, 0xe2088297u);
        ntlm_field(b, 0, 0);
        ntlm_field(b, 0, 0);
        ntlm_version(b);
        sim_ber_close(b, tok); sim_ber_close(b, wrap); sim_ber_close(b, seq); sim_ber_close(b, init);
        sim_ber_close(b, token);
    } else {                                      /* NegTokenResp with the AUTHENTICATE message */
        char dns_domain[40], server[16];
        dns_domain_of(c, dns_domain, sizeof dns_domain);
        upper15(server, sizeof server, c->hosts[s->server].id);
        size_t ti = target_info_len(domain, server, dns_domain);
        size_t nt_len = 16 + 28 + ti + 4, payload = 88;
        size_t off_domain = payload, off_user = off_domain + utf16_len(domain), off_host = off_user + utf16_len(user);
        size_t off_lm = off_host + utf16_len(host), off_nt = off_lm + 24, off_key = off_nt + nt_len;
        uint64_t filetime = ((uint64_t)s->now / 1000000u + 11644473600ull) * 10000000ull;
        token = sim_ber_open(b, 0xa1);
        seq = sim_ber_open(b, 0x30);
        wrap = sim_ber_open(b, 0xa2);
        tok = sim_ber_open(b, 0x04);
        sim_buf_put(b, "NTLMSSP", 8);
        sim_buf_le32(b, 3);
        ntlm_field(b, 24, off_lm);
        ntlm_field(b, nt_len, off_nt);
        ntlm_field(b, utf16_len(domain), off_domain);
        ntlm_field(b, utf16_len(user), off_user);
        ntlm_field(b, utf16_len(host), off_host);
        ntlm_field(b, 16, off_key);
        sim_buf_le32(b, NTLM_FLAGS);
        ntlm_version(b);
        sim_buf_random(b, &s->rng, 16);           /* MIC */
        utf16(b, domain);
        utf16(b, user);
        utf16(b, host);
        sim_buf_zero(b, 24);                      /* LMv2 response: zero with NTLMv2 and a timestamp */
        sim_buf_random(b, &s->rng, 16);           /* NTProofStr */
        sim_buf_u8(b, 1); sim_buf_u8(b, 1); sim_buf_zero(b, 6);
        put_le64(b, filetime);
        sim_buf_random(b, &s->rng, 8);            /* client challenge */
        sim_buf_zero(b, 4);
        target_info(b, domain, server, dns_domain, filetime);
        sim_buf_zero(b, 4);
        sim_buf_random(b, &s->rng, 16);           /* encrypted random session key */
        sim_ber_close(b, tok); sim_ber_close(b, wrap); sim_ber_close(b, seq); sim_ber_close(b, token);
    }
    if (!b->oom) sim_buf_set_le16(b, blob_len_at, (uint16_t)(b->len - blob));
    (void)hdr;
    smb2_close(b, m);
}

static void session_setup_response(sim_buf *b, sim_session *s, const smb_state *st, int leg)
{
    const sim_ctx *c = s->ctx;
    size_t m = smb2_open(b, CMD_SESSION_SETUP, true, leg == 0 ? STATUS_MORE_PROCESSING : 0, st);
    sim_buf_le16(b, 9);
    sim_buf_le16(b, 0);
    sim_buf_le16(b, SMB2_HDR + 8);
    size_t blob_len_at = b->len;
    sim_buf_le16(b, 0);
    size_t blob = b->len;
    size_t token = sim_ber_open(b, 0xa1), seq = sim_ber_open(b, 0x30);
    size_t st_at = sim_ber_open(b, 0xa0);
    sim_buf_u8(b, 0x0a); sim_buf_u8(b, 1); sim_buf_u8(b, leg == 0 ? 1 : 0);   /* accept-incomplete / completed */
    sim_ber_close(b, st_at);
    if (leg == 0) {
        char domain[16], server[16], dns_domain[40];
        domain_of(c, domain, sizeof domain);
        upper15(server, sizeof server, c->hosts[s->server].id);
        dns_domain_of(c, dns_domain, sizeof dns_domain);
        uint64_t filetime = ((uint64_t)s->now / 1000000u + 11644473600ull) * 10000000ull;
        size_t mech = sim_ber_open(b, 0xa1), oid = sim_ber_open(b, 0x06);
        sim_buf_put(b, ntlmssp_oid, sizeof ntlmssp_oid);
        sim_ber_close(b, oid); sim_ber_close(b, mech);
        size_t wrap = sim_ber_open(b, 0xa2), tok = sim_ber_open(b, 0x04);
        size_t name_len = utf16_len(domain), ti = target_info_len(domain, server, dns_domain);
        sim_buf_put(b, "NTLMSSP", 8);
        sim_buf_le32(b, 2);
        ntlm_field(b, name_len, 56);
        sim_buf_le32(b, NTLM_FLAGS);
        sim_buf_random(b, &s->rng, 8);            /* server challenge */
        sim_buf_zero(b, 8);
        ntlm_field(b, ti, 56 + name_len);
        ntlm_version(b);
        utf16(b, domain);
        target_info(b, domain, server, dns_domain, filetime);
        sim_ber_close(b, tok); sim_ber_close(b, wrap);
    }
    sim_ber_close(b, seq); sim_ber_close(b, token);
    if (!b->oom) sim_buf_set_le16(b, blob_len_at, (uint16_t)(b->len - blob));
    smb2_close(b, m);
}

static void tree_connect_request(sim_buf *b, sim_session *s, const smb_state *st)
{
    char path[96];
    snprintf(path, sizeof path, "\\\\%s\\%s", s->ctx->hosts[s->server].id, share_of(&s->ctx->hosts[s->client]));
    size_t m = smb2_open(b, CMD_TREE_CONNECT, false, 0, st);
    sim_buf_le16(b, 9);
    sim_buf_le16(b, 0);
    sim_buf_le16(b, SMB2_HDR + 8);
    sim_buf_le16(b, (uint16_t)utf16_len(path));
    utf16(b, path);
    smb2_close(b, m);
}

static void tree_connect_response(sim_buf *b, const smb_state *st)
{
    size_t m = smb2_open(b, CMD_TREE_CONNECT, true, 0, st);
    sim_buf_le16(b, 16);
    sim_buf_u8(b, 1);                             /* disk share */
    sim_buf_u8(b, 0);
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 0x001f01ff);                  /* maximal access */
    smb2_close(b, m);
}

static void file_name(const sim_session *s, unsigned n, char *out, size_t cap)
{
    static const char *const docs[] = { "berth-plan", "invoice-batch", "crane-availability", "gate-report", "budget" };
    static const char *const ext[] = { "xlsx", "pdf", "docx" };
    snprintf(out, cap, "%s\\%s-%u.%s", user_of(s->ctx, &s->ctx->hosts[s->client]), docs[(s->client + n) % 5], 100 + n * 7,
             ext[n % 3]);
}

static void create_request(sim_buf *b, sim_session *s, const smb_state *st)
{
    char name[96];
    file_name(s, st->file, name, sizeof name);
    size_t m = smb2_open(b, CMD_CREATE, false, 0, st);
    sim_buf_le16(b, 57);
    sim_buf_u8(b, 0);
    sim_buf_u8(b, 0);                             /* no oplock */
    sim_buf_le32(b, 2);                           /* impersonation */
    put_le64(b, 0);
    put_le64(b, 0);
    sim_buf_le32(b, 0x00120089);                  /* generic read */
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 7);                           /* share read, write, delete */
    sim_buf_le32(b, 1);                           /* FILE_OPEN */
    sim_buf_le32(b, 0x40);                        /* non-directory */
    sim_buf_le16(b, SMB2_HDR + 56);
    sim_buf_le16(b, (uint16_t)utf16_len(name));
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 0);
    utf16(b, name);
    smb2_close(b, m);
}

static void create_response(sim_buf *b, sim_session *s, smb_state *st)
{
    size_t m = smb2_open(b, CMD_CREATE, true, 0, st);
    uint64_t filetime = ((uint64_t)s->now / 1000000u + 11644473600ull) * 10000000ull;
    st->file_size = 4096 + (uint32_t)prng_below(&s->rng, 28 * 1024);
    for (int i = 0; i < 16; i++) st->file_id[i] = (uint8_t)prng_next(&s->rng);
    sim_buf_le16(b, 89);
    sim_buf_u8(b, 0);
    sim_buf_u8(b, 0);
    sim_buf_le32(b, 1);                           /* FILE_OPENED */
    for (int i = 0; i < 4; i++) put_le64(b, filetime - (uint64_t)(i + 1) * 36000000000ull);
    put_le64(b, (st->file_size + 4095u) & ~4095u);
    put_le64(b, st->file_size);
    sim_buf_le32(b, 0x20);                        /* archive */
    sim_buf_le32(b, 0);
    sim_buf_put(b, st->file_id, 16);
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 0);
    sim_buf_u8(b, 0);
    smb2_close(b, m);
}

static void read_request(sim_buf *b, const smb_state *st)
{
    size_t m = smb2_open(b, CMD_READ, false, 0, st);
    sim_buf_le16(b, 49);
    sim_buf_u8(b, 0x50);
    sim_buf_u8(b, 0);
    sim_buf_le32(b, st->file_size);
    put_le64(b, 0);
    sim_buf_put(b, st->file_id, 16);
    sim_buf_le32(b, 1);
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 0);
    sim_buf_le16(b, 0);
    sim_buf_le16(b, 0);
    sim_buf_u8(b, 0);
    smb2_close(b, m);
}

static void read_response(sim_buf *b, sim_session *s, const smb_state *st)
{
    size_t m = smb2_open(b, CMD_READ, true, 0, st);
    sim_buf_le16(b, 17);
    sim_buf_u8(b, 0x50);
    sim_buf_u8(b, 0);
    sim_buf_le32(b, st->file_size);
    sim_buf_le32(b, 0);
    sim_buf_le32(b, 0);
    sim_buf_random(b, &s->rng, st->file_size);
    smb2_close(b, m);
}

static void close_request(sim_buf *b, const smb_state *st)
{
    size_t m = smb2_open(b, CMD_CLOSE, false, 0, st);
    sim_buf_le16(b, 24);
    sim_buf_le16(b, 0);
    sim_buf_le32(b, 0);
    sim_buf_put(b, st->file_id, 16);
    smb2_close(b, m);
}

static void close_response(sim_buf *b, const smb_state *st)
{
    size_t m = smb2_open(b, CMD_CLOSE, true, 0, st);
    sim_buf_le16(b, 60);
    sim_buf_zero(b, 58);
    smb2_close(b, m);
}

static bool smb_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    smb_state *st = SIM_PSTATE(s, smb_state);
    uint64_t n = s->n_msgs;
    m->dir = n % 2 ? SIM_S2C : SIM_C2S;
    m->delay = n % 2 ? sim_uniform(&s->rng, 300, SIM_MS(3)) : sim_uniform(&s->rng, 200, SIM_MS(40));
    if (n >= 8 + 6 * FILES_PER_SESSION) return false;
    if (n % 2 == 0 && n) st->msg_id++;
    switch (n) {
    case 0: negotiate_request(out, &s->rng, st); return true;
    case 1: negotiate_response(out, &s->rng, st, s->now); return true;
    case 2: session_setup_request(out, s, st, 0); return true;
    case 3:
        st->session_id = prng_next(&s->rng) | 1;
        session_setup_response(out, s, st, 0);
        return true;
    case 4: session_setup_request(out, s, st, 1); return true;
    case 5: session_setup_response(out, s, st, 1); return true;
    case 6: tree_connect_request(out, s, st); return true;
    case 7:
        st->tree_id = 1 + (uint32_t)prng_below(&s->rng, 15);
        tree_connect_response(out, st);
        return true;
    }
    switch ((n - 8) % 6) {
    case 0: create_request(out, s, st); return true;
    case 1: create_response(out, s, st); return true;
    case 2: read_request(out, st); return true;
    case 3: read_response(out, s, st); return true;
    case 4: close_request(out, st); return true;
    default: close_response(out, st); st->file++; return true;
    }
}

/* IT workstations and laptops open a session to a file server they may
 * reach about every ten minutes. */
static void smb_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (h->external || !sim_is_it_client(c, h)) continue;
        if (h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_IT) continue;
        int srv = sim_server_for(c, (int)i, p, sim_is_file_server);
        if (srv >= 0) sim_add_flow(c, p, (int)i, srv, SIM_S(600), 0);
    }
}

const sim_profile sim_profile_smb = {
    "smb", "IT workstations and laptops open SMB 3.1.1 sessions to the file server (NTLMSSP, a share, a few files read) every 10 min",
    6, 445, smb_plan, smb_next, 0,
};
