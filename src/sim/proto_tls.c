/* proto_tls.c - HTTPS from desks to the internet and to internal web
 * apps: a TLS 1.3 ClientHello with SNI, the server's clear ServerHello,
 * then opaque application-data records sized like page loads. */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

static void record_start(sim_buf *b, uint8_t type, uint16_t version, size_t *len_at)
{
    sim_buf_u8(b, type);
    sim_buf_be16(b, version);
    *len_at = b->len;
    sim_buf_be16(b, 0);
}

static void ext(sim_buf *b, uint16_t type, const uint8_t *data, uint16_t n)
{
    sim_buf_be16(b, type);
    sim_buf_be16(b, n);
    sim_buf_put(b, data, n);
}

void tls_client_hello(sim_buf *b, prng *r, const char *sni)
{
    static const uint16_t suites[] = { 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030 };
    static const uint8_t groups[] = { 0, 4, 0x00, 0x1d, 0x00, 0x17 };
    static const uint8_t points[] = { 1, 0 };
    static const uint8_t sigalgs[] = { 0, 8, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03 };
    static const uint8_t versions[] = { 4, 0x03, 0x04, 0x03, 0x03 };
    static const uint8_t psk_modes[] = { 1, 1 };
    static const uint8_t alpn[] = { 0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1' };
    size_t rec, hs, exts;
    record_start(b, 0x16, 0x0301, &rec);         /* legacy record version in the first flight */
    sim_buf_u8(b, 0x01);
    hs = b->len;
    sim_buf_be24(b, 0);
    sim_buf_be16(b, 0x0303);
    sim_buf_random(b, r, 32);
    sim_buf_u8(b, 32);                           /* legacy session id, as middlebox-compatible clients send */
    sim_buf_random(b, r, 32);
    sim_buf_be16(b, (uint16_t)(2 * (sizeof suites / sizeof suites[0])));
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) sim_buf_be16(b, suites[i]);
    sim_buf_u8(b, 1);
    sim_buf_u8(b, 0);
    exts = b->len;
    sim_buf_be16(b, 0);
    size_t n = strlen(sni);
    sim_buf_be16(b, 0x0000);                     /* server_name */
    sim_buf_be16(b, (uint16_t)(n + 5));
    sim_buf_be16(b, (uint16_t)(n + 3));
    sim_buf_u8(b, 0);                            /* host_name */
    sim_buf_be16(b, (uint16_t)n);
    sim_buf_put(b, sni, n);
    ext(b, 0x000a, groups, sizeof groups);
    ext(b, 0x000b, points, sizeof points);
    ext(b, 0x000d, sigalgs, sizeof sigalgs);
    ext(b, 0x0010, alpn, sizeof alpn);
    ext(b, 0x002b, versions, sizeof versions);
    ext(b, 0x002d, psk_modes, sizeof psk_modes);
    sim_buf_be16(b, 0x0033);                     /* key_share: one x25519 share */
    sim_buf_be16(b, 38);
    sim_buf_be16(b, 36);
    sim_buf_be16(b, 0x001d);
    sim_buf_be16(b, 32);
    sim_buf_random(b, r, 32);
    sim_buf_set_be16(b, exts, (uint16_t)(b->len - exts - 2));
    sim_buf_set_be24(b, hs, (uint32_t)(b->len - hs - 3));
    sim_buf_set_be16(b, rec, (uint16_t)(b->len - rec - 2));
}

void tls_server_hello(sim_buf *b, prng *r, const uint8_t session_id[32])
{
    size_t rec, hs, exts;
    record_start(b, 0x16, 0x0303, &rec);
    sim_buf_u8(b, 0x02);
    hs = b->len;
    sim_buf_be24(b, 0);
    sim_buf_be16(b, 0x0303);
    sim_buf_random(b, r, 32);
    sim_buf_u8(b, 32);
    sim_buf_put(b, session_id, 32);              /* echoes the client's legacy session id */
    sim_buf_be16(b, 0x1301);                     /* TLS_AES_128_GCM_SHA256 */
    sim_buf_u8(b, 0);
    exts = b->len;
    sim_buf_be16(b, 0);
    sim_buf_be16(b, 0x002b); sim_buf_be16(b, 2); sim_buf_be16(b, 0x0304);
    sim_buf_be16(b, 0x0033); sim_buf_be16(b, 36); sim_buf_be16(b, 0x001d); sim_buf_be16(b, 32);
    sim_buf_random(b, r, 32);
    sim_buf_set_be16(b, exts, (uint16_t)(b->len - exts - 2));
    sim_buf_set_be24(b, hs, (uint32_t)(b->len - hs - 3));
    sim_buf_set_be16(b, rec, (uint16_t)(b->len - rec - 2));
}

void tls_change_cipher_spec(sim_buf *b)
{
    static const uint8_t ccs[6] = { 0x14, 0x03, 0x03, 0x00, 0x01, 0x01 };
    sim_buf_put(b, ccs, sizeof ccs);
}

void tls_app_data(sim_buf *b, prng *r, size_t n)
{
    while (n) {
        size_t k = n > 16384 + 17 ? 16384 + 17 : n;
        if (k < 17) k = 17;                      /* AEAD tag and content type at least */
        sim_buf_u8(b, 0x17);
        sim_buf_be16(b, 0x0303);
        sim_buf_be16(b, (uint16_t)k);
        sim_buf_random(b, r, k);
        n = n > k ? n - k : 0;
    }
}

typedef struct tls_state {
    uint8_t requests;                   /* request/response pairs left */
} tls_state;

/* Session ids are not remembered between messages: the server echoes the
 * client's, so the client hello's bytes are regenerated from a saved stream. */
typedef struct tls_hello_state {
    tls_state t;
    prng hello;
} tls_hello_state;

static bool tls_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    tls_hello_state *st = SIM_PSTATE(s, tls_hello_state);
    const sim_host *sv = &s->ctx->hosts[s->server];
    switch (s->n_msgs) {
    case 0: {
        st->t.requests = (uint8_t)(1 + prng_below(&s->rng, 4));
        st->hello = prng_fork(&s->rng, 1);
        prng copy = st->hello;
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        tls_client_hello(out, &copy, sv->dns_name ? sv->dns_name : sv->id);
        return true;
    }
    case 1: {
        /* Replay the client's draws to learn its session id (32 random then 32 id bytes). */
        sim_buf tmp = { 0 };
        prng copy = st->hello;
        sim_buf_random(&tmp, &copy, 32);
        uint8_t sid[32];
        sim_buf_random(&tmp, &copy, 32);
        memcpy(sid, tmp.p + 32, 32);
        sim_buf_free(&tmp);
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(2), SIM_MS(15));
        tls_server_hello(out, &s->rng, sid);
        tls_change_cipher_spec(out);
        tls_app_data(out, &s->rng, 2200 + prng_below(&s->rng, 2500));   /* encrypted extensions, certificate chain, finished */
        return true;
    }
    case 2:
        m->dir = SIM_C2S; m->delay = SIM_MS(3);
        tls_change_cipher_spec(out);
        tls_app_data(out, &s->rng, 53);                                  /* client finished */
        tls_app_data(out, &s->rng, 350 + prng_below(&s->rng, 500));      /* first request */
        return true;
    }
    if (s->n_msgs % 2 == 1) {
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(5), SIM_MS(120));
        tls_app_data(out, &s->rng, 600 + prng_below(&s->rng, 24000));
        if (st->t.requests) st->t.requests--;
        return true;
    }
    if (!st->t.requests) { m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, SIM_MS(200), SIM_S(5)); return false; }
    m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, SIM_MS(100), SIM_S(8));
    tls_app_data(out, &s->rng, 350 + prng_below(&s->rng, 500));
    return true;
}

/* Desks browse the internet when a conduit lets them, and open the TOS
 * web client or other internal HTTPS apps their conduits allow. */
static void tls_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (!sim_is_it_client(c, h)) continue;
        int web = sim_server_for(c, (int)i, p, sim_is_internet);
        if (web >= 0) {
            sim_add_flow(c, p, (int)i, web, SIM_S(40), 0);
            int other = sim_server_for(c, (int)i, p, sim_is_internet);
            if (other >= 0 && other != web) sim_add_flow(c, p, (int)i, other, SIM_S(150), 0);
        }
        for (size_t k = 0; k < c->n_hosts; k++) {
            const sim_host *sv = &c->hosts[k];
            if (sv->external || !sv->asset || sv->zone == h->zone) continue;
            bool app = sim_host_kind(sv, "tos-server") || sim_host_kind(sv, "web-server") ||
                       (sim_host_kind(sv, "server") && sim_host_is(sv, "web"));
            if (app && sim_allowed(c, (int)i, (int)k, p->ip_proto, p->port, p->name)) {
                sim_add_flow(c, p, (int)i, (int)k, SIM_S(120), 0);
                break;
            }
        }
    }
    /* The VMS management server configures and polls its recording servers. */
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_is_nvr(c, &c->hosts[i])) continue;
        int vms = -1;
        for (size_t k = 0; k < c->n_hosts && vms < 0; k++)
            if (sim_is_vms(c, &c->hosts[k]) && sim_allowed(c, (int)k, (int)i, p->ip_proto, p->port, p->name)) vms = (int)k;
        if (vms >= 0) sim_add_flow(c, p, vms, (int)i, SIM_S(60), 0);
    }
}

const sim_profile sim_profile_tls = {
    "https", "desks to internet sites and internal web apps, the VMS to its recorders: TLS 1.3 ClientHello with SNI, ServerHello, encrypted records",
    6, 443, tls_plan, tls_next, 0,
};
