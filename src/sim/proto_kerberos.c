/* proto_kerberos.c - Kerberos v5 over UDP/88 (RFC 4120): a domain member
 * signs its owner in at the DC, an AS-REQ with PA-ENC-TIMESTAMP for the
 * owner's account in the port's realm, answered by an AS-REP with a TGT. */
#include <ctype.h>
#include <string.h>
#include "sim/ber.h"
#include "sim/plan.h"

enum { KRB_PVNO = 5, KRB_AS_REQ = 10, KRB_AS_REP = 11, KRB_NT_PRINCIPAL = 1, KRB_NT_SRV_INST = 2,
       KRB_AES256 = 18, KRB_PA_ENC_TIMESTAMP = 2, KRB_PA_PAC_REQUEST = 128 };

/* The realm: the port name's last word, upper case, in .LOCAL ("Port of Aurora" -> AURORA.LOCAL),
 * the same domain the SMB profile's NTLM shows. */
static void realm_of(const sim_ctx *c, char *out, size_t cap)
{
    const char *name = c->m->port.name ? c->m->port.name : "PORT", *last = name;
    for (const char *p = name; *p; p++)
        if (*p == ' ' && p[1]) last = p + 1;
    size_t n = 0;
    for (; last[n] && n + 7 < cap && n < 15; n++) out[n] = (char)toupper((unsigned char)last[n]);
    memcpy(out + n, ".LOCAL", 7);
}

static void int_field(sim_buf *b, uint8_t ctx_tag, uint32_t v)
{
    size_t f = sim_ber_open(b, ctx_tag);
    sim_ber_uint(b, 0x02, v);
    sim_ber_close(b, f);
}

static void string_field(sim_buf *b, uint8_t ctx_tag, const char *s)
{
    size_t f = sim_ber_open(b, ctx_tag);
    sim_ber_string(b, 0x1b, s);              /* GeneralString */
    sim_ber_close(b, f);
}

static void principal(sim_buf *b, uint8_t ctx_tag, uint32_t type, const char *a, const char *second)
{
    size_t f = sim_ber_open(b, ctx_tag);
    size_t seq = sim_ber_open(b, 0x30);
    int_field(b, 0xa0, type);
    size_t names = sim_ber_open(b, 0xa1);
    size_t list = sim_ber_open(b, 0x30);
    sim_ber_string(b, 0x1b, a);
    if (second) sim_ber_string(b, 0x1b, second);
    sim_ber_close(b, list);
    sim_ber_close(b, names);
    sim_ber_close(b, seq);
    sim_ber_close(b, f);
}

static void encrypted(sim_buf *b, uint8_t ctx_tag, uint32_t kvno, size_t len, prng *r)
{
    size_t f = sim_ber_open(b, ctx_tag);
    size_t seq = sim_ber_open(b, 0x30);
    int_field(b, 0xa0, KRB_AES256);
    if (kvno) int_field(b, 0xa1, kvno);
    size_t c = sim_ber_open(b, 0xa2);
    size_t o = sim_ber_open(b, 0x04);
    sim_buf_random(b, r, len);
    sim_ber_close(b, o);
    sim_ber_close(b, c);
    sim_ber_close(b, seq);
    sim_ber_close(b, f);
}

/* KerberosTime: GeneralizedTime YYYYMMDDHHMMSSZ. */
static void ktime(sim_buf *b, uint8_t ctx_tag, sw_time_us t)
{
    char rfc[SW_TIME_STR_MAX], k[16];
    time_fmt_rfc3339(t, 0, rfc);
    size_t n = 0;
    for (const char *p = rfc; *p && n < 14; p++)
        if (isdigit((unsigned char)*p)) k[n++] = *p;
    k[n++] = 'Z';
    k[n] = '\0';
    size_t f = sim_ber_open(b, ctx_tag);
    sim_ber_string(b, 0x18, k);
    sim_ber_close(b, f);
}

static void pa_data(sim_buf *b, uint32_t type, prng *r)
{
    size_t seq = sim_ber_open(b, 0x30);
    int_field(b, 0xa1, type);
    size_t v = sim_ber_open(b, 0xa2);
    size_t o = sim_ber_open(b, 0x04);
    if (type == KRB_PA_ENC_TIMESTAMP) {
        size_t ed = sim_ber_open(b, 0x30);   /* EncryptedData of PA-ENC-TS-ENC */
        int_field(b, 0xa0, KRB_AES256);
        size_t c = sim_ber_open(b, 0xa2);
        size_t oc = sim_ber_open(b, 0x04);
        sim_buf_random(b, r, 56);
        sim_ber_close(b, oc);
        sim_ber_close(b, c);
        sim_ber_close(b, ed);
    } else {                                 /* KERB-PA-PAC-REQUEST { include-pac TRUE } */
        size_t pr = sim_ber_open(b, 0x30);
        size_t f = sim_ber_open(b, 0xa0);
        sim_buf_u8(b, 0x01); sim_buf_u8(b, 1); sim_buf_u8(b, 0xff);
        sim_ber_close(b, f);
        sim_ber_close(b, pr);
    }
    sim_ber_close(b, o);
    sim_ber_close(b, v);
    sim_ber_close(b, seq);
}

static void as_req(sim_buf *b, sim_session *s, const char *user, const char *realm)
{
    size_t app = sim_ber_open(b, 0x6a);       /* [APPLICATION 10] AS-REQ */
    size_t req = sim_ber_open(b, 0x30);
    int_field(b, 0xa1, KRB_PVNO);
    int_field(b, 0xa2, KRB_AS_REQ);
    size_t pa = sim_ber_open(b, 0xa3);
    size_t pas = sim_ber_open(b, 0x30);
    pa_data(b, KRB_PA_ENC_TIMESTAMP, &s->rng);
    pa_data(b, KRB_PA_PAC_REQUEST, &s->rng);
    sim_ber_close(b, pas);
    sim_ber_close(b, pa);
    size_t body = sim_ber_open(b, 0xa4);
    size_t bs = sim_ber_open(b, 0x30);
    size_t opts = sim_ber_open(b, 0xa0);      /* forwardable, renewable, canonicalize, renewable-ok */
    static const uint8_t kdc_options[] = { 0x03, 0x05, 0x00, 0x40, 0x81, 0x00, 0x10 };
    sim_buf_put(b, kdc_options, sizeof kdc_options);
    sim_ber_close(b, opts);
    principal(b, 0xa1, KRB_NT_PRINCIPAL, user, NULL);
    string_field(b, 0xa2, realm);
    principal(b, 0xa3, KRB_NT_SRV_INST, "krbtgt", realm);
    ktime(b, 0xa5, s->now + (sw_time_us)10 * 3600 * 1000000);
    ktime(b, 0xa6, s->now + (sw_time_us)7 * 86400 * 1000000);
    size_t nonce = sim_ber_open(b, 0xa7);
    sim_ber_uint(b, 0x02, (uint32_t)(prng_next(&s->rng) & 0x7fffffff));
    sim_ber_close(b, nonce);
    size_t et = sim_ber_open(b, 0xa8);
    size_t ets = sim_ber_open(b, 0x30);
    sim_ber_uint(b, 0x02, KRB_AES256);
    sim_ber_uint(b, 0x02, 17);                /* aes128-cts-hmac-sha1-96 */
    sim_ber_uint(b, 0x02, 23);                /* rc4-hmac */
    sim_ber_close(b, ets);
    sim_ber_close(b, et);
    sim_ber_close(b, bs);
    sim_ber_close(b, body);
    sim_ber_close(b, req);
    sim_ber_close(b, app);
}

static void as_rep(sim_buf *b, sim_session *s, const char *user, const char *realm)
{
    size_t app = sim_ber_open(b, 0x6b);       /* [APPLICATION 11] AS-REP */
    size_t rep = sim_ber_open(b, 0x30);
    int_field(b, 0xa0, KRB_PVNO);
    int_field(b, 0xa1, KRB_AS_REP);
    string_field(b, 0xa3, realm);
    principal(b, 0xa4, KRB_NT_PRINCIPAL, user, NULL);
    size_t tf = sim_ber_open(b, 0xa5);
    size_t tkt = sim_ber_open(b, 0x61);       /* [APPLICATION 1] Ticket */
    size_t ts = sim_ber_open(b, 0x30);
    int_field(b, 0xa0, KRB_PVNO);
    string_field(b, 0xa1, realm);
    principal(b, 0xa2, KRB_NT_SRV_INST, "krbtgt", realm);
    encrypted(b, 0xa3, 2, 960, &s->rng);      /* the TGT with its PAC, under the krbtgt key */
    sim_ber_close(b, ts);
    sim_ber_close(b, tkt);
    sim_ber_close(b, tf);
    encrypted(b, 0xa6, 3, 200, &s->rng);      /* the session key, under the user's key */
    sim_ber_close(b, rep);
    sim_ber_close(b, app);
}

static bool kerberos_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    if (s->n_msgs >= 2) return false;
    const char *user = sim_owner_account(s->ctx, &s->ctx->hosts[s->client]);
    char realm[32];
    realm_of(s->ctx, realm, sizeof realm);
    if (s->n_msgs == 0) {
        m->dir = SIM_C2S;
        m->delay = SIM_MS(1);
        as_req(out, s, user ? user : "svc-logon", realm);
    } else {
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, 1000, 6000);
        as_rep(out, s, user ? user : "svc-logon", realm);
    }
    return true;
}

/* Each domain member with an owner signs in at its DC, then renews its
 * ticket-granting ticket every few hours (a 10 h lifetime, renewed early). */
static void kerberos_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_is_windows_member(c, &c->hosts[i]) || !sim_owner_account(c, &c->hosts[i])) continue;
        int dc = sim_server_for(c, (int)i, p, sim_is_dc);
        if (dc >= 0) sim_add_flow(c, p, (int)i, dc, SIM_S(4 * 3600), 0);
    }
}

const sim_profile sim_profile_kerberos = {
    "kerberos", "domain members sign their owner in at the DC: AS-REQ with PA-ENC-TIMESTAMP, AS-REP with a TGT",
    17, 88, kerberos_plan, kerberos_next, 0,
};
