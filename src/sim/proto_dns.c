/* proto_dns.c - DNS over UDP: hosts ask their domain controller for
 * internal and internet names every half minute or so (RFC 1035 framing,
 * answers compressed against the question). */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

static void qname(sim_buf *b, const char *name)
{
    while (*name) {
        const char *dot = strchr(name, '.');
        size_t len = dot ? (size_t)(dot - name) : strlen(name);
        if (len > 63) len = 63;
        sim_buf_u8(b, (uint8_t)len);
        sim_buf_put(b, name, len);
        name += len + (dot ? 1 : 0);
        if (!dot) break;
    }
    sim_buf_u8(b, 0);
}

static void header(sim_buf *b, uint16_t id, uint16_t flags, uint16_t an)
{
    sim_buf_be16(b, id);
    sim_buf_be16(b, flags);
    sim_buf_be16(b, 1);                 /* one question */
    sim_buf_be16(b, an);
    sim_buf_be16(b, 0);
    sim_buf_be16(b, 0);
}

void dns_query(sim_buf *b, uint16_t id, const char *name, uint16_t qtype)
{
    header(b, id, 0x0100, 0);           /* standard query, recursion desired */
    qname(b, name);
    sim_buf_be16(b, qtype);
    sim_buf_be16(b, 1);                 /* IN */
}

void dns_response(sim_buf *b, uint16_t id, const char *name, uint16_t qtype, uint32_t answer_v4, uint32_t ttl)
{
    bool has = qtype == 1 && answer_v4;
    header(b, id, 0x8180, has ? 1 : 0); /* response, RD, RA, NOERROR */
    qname(b, name);
    sim_buf_be16(b, qtype);
    sim_buf_be16(b, 1);
    if (!has) return;
    sim_buf_be16(b, 0xc00c);            /* pointer to the question name at offset 12 */
    sim_buf_be16(b, 1);
    sim_buf_be16(b, 1);
    sim_buf_be32(b, ttl);
    sim_buf_be16(b, 4);
    sim_buf_be32(b, answer_v4);
}

typedef struct dns_state {
    uint16_t id, qtype;
    uint32_t answer;
    char name[96];
} dns_state;

/* What a host looks up: mostly internal servers, sometimes internet names. */
static void choose_name(sim_session *s, dns_state *st)
{
    sim_ctx *c = s->ctx;
    for (int tries = 0; tries < 8; tries++) {
        const sim_host *t = &c->hosts[prng_below(&s->rng, c->n_hosts)];
        if (t->external) {
            snprintf(st->name, sizeof st->name, "%s", t->dns_name);
        } else if (t->asset && (sim_host_kind(t, "server") || sim_is_dc(c, t) || sim_is_file_server(c, t))) {
            if (t->asset->hostname && strchr(t->asset->hostname, '.'))
                snprintf(st->name, sizeof st->name, "%s", t->asset->hostname);
            else
                snprintf(st->name, sizeof st->name, "%s.corp.internal", t->asset->hostname ? t->asset->hostname : t->id);
        } else {
            continue;
        }
        st->answer = t->ip;
        return;
    }
    snprintf(st->name, sizeof st->name, "wpad.corp.internal");   /* a classic miss */
    st->answer = 0;
}

static bool dns_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    dns_state *st = SIM_PSTATE(s, dns_state);
    if (s->n_msgs == 0) {
        st->id = (uint16_t)prng_next(&s->rng);
        st->qtype = prng_below(&s->rng, 4) == 0 ? 28 : 1;     /* some AAAA, answered empty: v4-only port */
        choose_name(s, st);
        m->dir = SIM_C2S;
        m->delay = 0;
        dns_query(out, st->id, st->name, st->qtype);
        return true;
    }
    if (s->n_msgs == 1) {
        m->dir = SIM_S2C;
        m->delay = sim_uniform(&s->rng, 80, 900);
        dns_response(out, st->id, st->name, st->qtype, st->answer, 600);
        return true;
    }
    return false;
}

static void dns_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (h->external || !h->asset || sim_is_dc(c, h)) continue;
        if (h->zone < 0 || c->m->zones[h->zone].domain != DOMAIN_IT) continue;
        int dc = sim_server_for(c, (int)i, p, sim_is_dc);
        if (dc >= 0) sim_add_flow(c, p, (int)i, dc, SIM_S(30), 0);
    }
}

const sim_profile sim_profile_dns = {
    "dns", "IT hosts resolve internal and internet names at their domain controller (UDP/53)",
    17, 53, dns_plan, dns_next, 0,
};
