/* engine.c - the timeline: flows spawn sessions, sessions walk a TCP or UDP
 * conversation one frame per event (ARP, handshake, segmented messages,
 * delayed ACKs, FIN teardown), actors emit scripted frames. Every frame is
 * built in one reused buffer and handed to the sink in timestamp order. */
#include "sim/engine.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EV_FLOW, EV_SESSION, EV_ACTOR };

enum {
    ST_BEGIN, ST_ARP_REPLY, ST_SYN, ST_SYNACK, ST_ACK3,
    ST_DATA, ST_PUREACK, ST_FIN1, ST_FIN2, ST_FIN3,
};

#define TCP_WINDOW   64240
#define ACK_DELAY    SIM_MS(40)    /* Linux delayed-ACK timer */
#define ACK_PROMPT   30            /* us: ACK for a multi-segment message */

typedef struct sim_flow {
    const sim_profile *prof;
    int client, server;
    sw_time_us mean_gap;
    uintptr_t arg;
    prng rng;
} sim_flow;

typedef struct sim_actor {
    sim_actor_fn fn;
    void *state;
    sim_scenario_run *run;
} sim_actor;

/* Sessions are pooled: a finished one keeps its message buffer for the next. */
typedef struct session_block {
    struct session_block *next;
    size_t used;
    sim_session items[64];
} session_block;

static void emit(sim_ctx *c, sw_time_us t, size_t len)
{
    if (!len) return;
    c->sink(c->sink_user, t, c->frame, len);
    sim_result *r = c->res;
    if (!r->packets) r->first = t;
    r->last = t;
    r->packets++;
    r->bytes += len;
    sim_scenario_run *run = c->emitting;
    if (run) {
        if (run->first < 0) run->first = t;
        run->last = t;
        run->packets++;
    }
}

void sim_emit_tcp(sim_ctx *c, sw_time_us now, int src, int dst, const pkt_tcp *t, const uint8_t *payload, size_t len)
{
    pkt_ends e;
    sim_ends(c, src, dst, &e);
    emit(c, now, pkt_build_tcp(c->frame, &e, t, payload, len));
}

void sim_emit_udp(sim_ctx *c, sw_time_us now, int src, int dst, uint16_t sport, uint16_t dport,
                  const uint8_t *payload, size_t len)
{
    pkt_ends e;
    sim_ends(c, src, dst, &e);
    e.dont_fragment = false;
    emit(c, now, pkt_build_udp(c->frame, &e, sport, dport, payload, len));
}

void sim_emit_udp_raw(sim_ctx *c, sw_time_us now, int src, const uint8_t dmac[6], uint32_t sip, uint32_t dip,
                      uint16_t sport, uint16_t dport, const uint8_t *payload, size_t len)
{
    sim_host *h = &c->hosts[src];
    pkt_ends e;
    memcpy(e.dmac, dmac, 6);
    memcpy(e.smac, h->mac, 6);
    e.sip = sip;
    e.dip = dip;
    e.ttl = h->ttl;
    e.ip_id = h->ip_id++;
    e.dont_fragment = false;
    emit(c, now, pkt_build_udp(c->frame, &e, sport, dport, payload, len));
}

void sim_emit_arp(sim_ctx *c, sw_time_us now, const uint8_t eth_dst[6], uint16_t op, const uint8_t sha[6],
                  uint32_t spa, const uint8_t tha[6], uint32_t tpa)
{
    emit(c, now, pkt_build_arp(c->frame, eth_dst, op, sha, spa, tha, tpa));
}

void sim_actor_tag(sim_ctx *c, sim_scenario_run *run) { c->emitting = run; }

void sim_run_add_host(sim_ctx *c, sim_scenario_run *run, int host, const char *role)
{
    if (host < 0 || run->n_hosts >= SIM_RUN_HOSTS) return;
    for (size_t i = 0; i < run->n_hosts; i++)
        if (strcmp(run->hosts[i].id, c->hosts[host].id) == 0) return;
    struct sim_run_host *r = &run->hosts[run->n_hosts++];
    snprintf(r->id, sizeof r->id, "%s", c->hosts[host].id);
    r->ip = c->hosts[host].ip;
    r->role = role;
    r->in_model = c->hosts[host].asset != NULL;
}

/* ---- sessions ---- */

static sim_session *session_alloc(sim_ctx *c)
{
    session_block *top = c->blocks;
    if (!top || top->used == sizeof top->items / sizeof top->items[0]) {
        session_block *b = calloc(1, sizeof *b);
        if (!b) return NULL;
        b->next = top;
        c->blocks = top = b;
    }
    return &top->items[top->used++];
}

static sim_session *start_session(sim_ctx *c, const sim_profile *p, int client, int server, sw_time_us t,
                                  uintptr_t arg, sim_scenario_run *run, prng *parent)
{
    if (client == server || client < 0 || server < 0) return NULL;
    sim_session *s = c->free_sessions;
    if (s) c->free_sessions = s->next_free;
    else if (!(s = session_alloc(c))) return NULL;
    sim_buf keep = s->msg;
    memset(s, 0, sizeof *s);
    s->msg = keep;
    s->msg.len = 0;
    s->msg.oom = false;
    s->ctx = c;
    s->prof = p;
    s->client = client;
    s->server = server;
    s->arg = arg;
    s->run = run;
    s->rng = prng_fork(parent, (uint64_t)client << 32 | (uint32_t)server);
    sim_host *h = &c->hosts[client];
    uint16_t lo = h->windows ? 49152 : 32768, hi = h->windows ? 65535 : 60999;
    if (h->next_port < lo || h->next_port > hi) h->next_port = lo;
    s->cport = p->client_port ? p->client_port : h->next_port++;
    s->sport = p->port;
    sw_time_us base = sim_base_owd(c, client, server);
    s->owd = base + (sw_time_us)prng_below(&s->rng, (uint64_t)(base / 5 + 1)) - base / 10;
    if (s->owd < 20) s->owd = 20;
    s->seq[0] = (uint32_t)prng_next(&s->rng);
    s->seq[1] = (uint32_t)prng_next(&s->rng);
    s->state = ST_BEGIN;
    c->res->sessions++;
    evq_push(&c->q, t, EV_SESSION, s);
    return s;
}

sim_session *sim_session_start(sim_ctx *c, const sim_profile *p, int client, int server, sw_time_us t,
                               uintptr_t arg, sim_scenario_run *run)
{
    return start_session(c, p, client, server, t, arg, run, &c->setup);
}

sim_session *sim_session_spawn(sim_session *parent, const sim_profile *p, int client, int server, uint16_t port,
                               sw_time_us t, uintptr_t arg)
{
    sim_session *s = start_session(parent->ctx, p, client, server, t, arg, parent->run, &parent->rng);
    if (s && port) s->sport = port;
    return s;
}

static void session_end(sim_ctx *c, sim_session *s)
{
    s->next_free = c->free_sessions;
    c->free_sessions = s;
}

static void send_tcp(sim_ctx *c, sim_session *s, sw_time_us now, sim_dir dir, uint8_t flags,
                     const uint8_t *payload, size_t len)
{
    static const uint8_t syn_opts[8] = { 2, 4, PKT_TCP_MSS >> 8, PKT_TCP_MSS & 0xff, 1, 1, 4, 2 };  /* MSS, NOP, NOP, SACK-permitted */
    int src = dir == SIM_C2S ? s->client : s->server, dst = dir == SIM_C2S ? s->server : s->client;
    pkt_tcp t = {
        .sport = dir == SIM_C2S ? s->cport : s->sport,
        .dport = dir == SIM_C2S ? s->sport : s->cport,
        .seq = s->seq[dir],
        .ack = flags & PKT_TCP_ACK ? s->seq[!dir] : 0,
        .flags = flags,
        .window = TCP_WINDOW,
        .options = flags & PKT_TCP_SYN ? syn_opts : NULL,
        .options_len = flags & PKT_TCP_SYN ? sizeof syn_opts : 0,
    };
    sim_emit_tcp(c, now, src, dst, &t, payload, len);
    s->seq[dir] += (uint32_t)len + ((flags & (PKT_TCP_SYN | PKT_TCP_FIN)) ? 1 : 0);
}

/* Asks the profile for the next message and schedules it. The receiver of
 * the last message sends a pure ACK first unless its own reply (or the
 * sender's next segment) comes before its ACK timer would fire. */
static void schedule_next(sim_ctx *c, sim_session *s, sw_time_us now, sim_dir last, bool ack_due, sw_time_us ack_delay)
{
    sim_msg m = { SIM_C2S, 0 };
    s->msg.len = 0;
    s->now = now;
    bool more = s->prof->next(s, &m, &s->msg) && !s->msg.oom;
    s->n_msgs++;
    if (m.delay < 0) m.delay = 0;
    sw_time_us t_send = (m.dir == last ? now : now + s->owd) + m.delay;
    s->cur = m;
    s->more = more;
    s->msg_off = 0;
    bool tcp = s->prof->ip_proto == 6;
    if (tcp && ack_due) {
        sw_time_us t_ack = now + s->owd + ack_delay;
        if (t_ack < t_send) {
            s->ack_dir = (uint8_t)!last;
            s->t_next = t_send;
            s->state = ST_PUREACK;
            evq_push(&c->q, t_ack, EV_SESSION, s);
            return;
        }
    }
    if (!more && !tcp) { session_end(c, s); return; }
    s->state = more ? ST_DATA : ST_FIN1;
    evq_push(&c->q, t_send, EV_SESSION, s);
}

/* Before a host's first frame to a neighbour on its segment (the peer, or
 * its gateway) it resolves the neighbour's MAC, as a real stack would. */
static bool arp_needed(sim_ctx *c, sim_session *s, uint32_t *nip, const uint8_t **nmac)
{
    const sim_host *cl = &c->hosts[s->client], *sv = &c->hosts[s->server];
    if (cl->external || !c->arp_known) return false;
    size_t col;
    if (sv->external || sv->zone != cl->zone || cl->zone < 0) {
        if (cl->zone < 0 || !c->gw[cl->zone].ip || c->gw[cl->zone].ip == cl->ip) return false;   /* the gateway itself routes */
        col = c->n_hosts + (size_t)cl->zone;
        *nip = c->gw[cl->zone].ip;
        *nmac = c->gw[cl->zone].mac;
    } else {
        col = (size_t)s->server;
        *nip = sv->ip;
        *nmac = sv->mac;
    }
    uint64_t *row = c->arp_known + (size_t)s->client * c->arp_stride;
    if (row[col / 64] >> (col % 64) & 1) return false;
    row[col / 64] |= 1ull << (col % 64);
    if (col < c->n_hosts) {   /* the target learns the asker from the request */
        uint64_t *back = c->arp_known + col * c->arp_stride;
        back[(size_t)s->client / 64] |= 1ull << ((size_t)s->client % 64);
    }
    return true;
}

static void first_move(sim_ctx *c, sim_session *s, sw_time_us now)
{
    if (s->prof->ip_proto == 6) {
        send_tcp(c, s, now, SIM_C2S, PKT_TCP_SYN, NULL, 0);
        s->state = ST_SYNACK;
        evq_push(&c->q, now + s->owd + 15, EV_SESSION, s);
    } else {
        schedule_next(c, s, now, SIM_S2C, false, 0);   /* "last" = S2C so a C2S first message waits one-way */
    }
}

static void step_session(sim_ctx *c, sim_session *s, sw_time_us now)
{
    c->emitting = s->run;
    s->now = now;
    switch (s->state) {
    case ST_BEGIN: {
        static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, zero[6] = { 0 };
        uint32_t nip;
        const uint8_t *nmac;
        if (arp_needed(c, s, &nip, &nmac)) {
            const sim_host *h = &c->hosts[s->client];
            sim_emit_arp(c, now, bcast, PKT_ARP_REQUEST, h->mac, h->ip, zero, nip);
            s->state = ST_ARP_REPLY;
            evq_push(&c->q, now + 60 + (sw_time_us)prng_below(&s->rng, 200), EV_SESSION, s);
        } else {
            first_move(c, s, now);
        }
        break;
    }
    case ST_ARP_REPLY: {
        uint32_t nip;
        const uint8_t *nmac;
        const sim_host *h = &c->hosts[s->client], *sv = &c->hosts[s->server];
        if (sv->zone == h->zone && !sv->external) { nip = sv->ip; nmac = sv->mac; }
        else { nip = c->gw[h->zone].ip; nmac = c->gw[h->zone].mac; }
        sim_emit_arp(c, now, h->mac, PKT_ARP_REPLY, nmac, nip, h->mac, h->ip);
        s->state = ST_BEGIN;       /* arp_needed now says no: proceed to the first move */
        evq_push(&c->q, now + 20 + (sw_time_us)prng_below(&s->rng, 60), EV_SESSION, s);
        break;
    }
    case ST_SYNACK:
        send_tcp(c, s, now, SIM_S2C, PKT_TCP_SYN | PKT_TCP_ACK, NULL, 0);
        s->state = ST_ACK3;
        evq_push(&c->q, now + s->owd + 10, EV_SESSION, s);
        break;
    case ST_ACK3:
        send_tcp(c, s, now, SIM_C2S, PKT_TCP_ACK, NULL, 0);
        schedule_next(c, s, now, SIM_C2S, false, 0);
        break;
    case ST_DATA: {
        sim_dir dir = s->cur.dir;
        if (s->prof->ip_proto != 6) {
            size_t n = s->msg.len < PKT_UDP_MAX ? s->msg.len : PKT_UDP_MAX;
            int src = dir == SIM_C2S ? s->client : s->server, dst = dir == SIM_C2S ? s->server : s->client;
            if (n) sim_emit_udp(c, now, src, dst, dir == SIM_C2S ? s->cport : s->sport,
                                dir == SIM_C2S ? s->sport : s->cport, s->msg.p, n);
            schedule_next(c, s, now, dir, false, 0);
            break;
        }
        if (s->msg.len == 0) {     /* a pause: nothing on the wire */
            schedule_next(c, s, now, dir, false, 0);
            break;
        }
        size_t left = s->msg.len - s->msg_off, n = left < PKT_TCP_MSS ? left : PKT_TCP_MSS;
        bool last = n == left;
        send_tcp(c, s, now, dir, (uint8_t)(PKT_TCP_ACK | (last ? PKT_TCP_PSH : 0)), s->msg.p + s->msg_off, n);
        s->msg_off += n;
        if (!last) {
            /* Back to back at 1 Gbit/s: 8 ns a byte including framing overhead. */
            evq_push(&c->q, now + (sw_time_us)((n + 78) * 8 / 1000) + 1, EV_SESSION, s);
            break;
        }
        bool multi = s->msg.len > PKT_TCP_MSS;
        schedule_next(c, s, now, dir, true, multi ? ACK_PROMPT : ACK_DELAY);
        break;
    }
    case ST_PUREACK:
        send_tcp(c, s, now, (sim_dir)s->ack_dir, PKT_TCP_ACK, NULL, 0);
        if (!s->more && s->prof->ip_proto != 6) { session_end(c, s); break; }
        s->state = s->more ? ST_DATA : ST_FIN1;
        evq_push(&c->q, s->t_next > now ? s->t_next : now, EV_SESSION, s);
        break;
    case ST_FIN1:
        send_tcp(c, s, now, s->cur.dir, PKT_TCP_FIN | PKT_TCP_ACK, NULL, 0);
        s->state = ST_FIN2;
        evq_push(&c->q, now + s->owd + 40, EV_SESSION, s);
        break;
    case ST_FIN2:
        send_tcp(c, s, now, (sim_dir)!s->cur.dir, PKT_TCP_FIN | PKT_TCP_ACK, NULL, 0);
        s->state = ST_FIN3;
        evq_push(&c->q, now + s->owd + 10, EV_SESSION, s);
        break;
    case ST_FIN3:
        send_tcp(c, s, now, s->cur.dir, PKT_TCP_ACK, NULL, 0);
        session_end(c, s);
        break;
    default:
        session_end(c, s);
        break;
    }
    c->emitting = NULL;
}

/* ---- flows and actors ---- */

void sim_add_flow(sim_ctx *c, const sim_profile *p, int client, int server, sw_time_us mean_gap, uintptr_t arg)
{
    if (client == server || client < 0 || server < 0) return;   /* a host does not talk to itself on the wire */
    unsigned k = c->opt.scale ? c->opt.scale : 1;
    for (unsigned i = 0; i < k; i++) {
        sim_flow *f = arena_alloc(&c->mem, sizeof *f);
        if (!f) return;
        f->prof = p;
        f->client = client;
        f->server = server;
        f->mean_gap = mean_gap;
        f->arg = arg;
        f->rng = prng_fork(&c->setup, c->res->flows);
        /* Long-lived sessions all open in the first seconds; recurring ones at a random phase. */
        sw_time_us span = mean_gap ? mean_gap : SIM_S(5);
        if (span > c->opt.duration / 2) span = c->opt.duration / 2;
        sw_time_us t = c->opt.start + sim_uniform(&f->rng, 0, span > 0 ? span : 0);
        c->res->flows++;
        evq_push(&c->q, t, EV_FLOW, f);
    }
}

static void step_flow(sim_ctx *c, sim_flow *f, sw_time_us now)
{
    start_session(c, f->prof, f->client, f->server, now, f->arg, NULL, &f->rng);
    if (f->mean_gap > 0) {
        sw_time_us gap = (sw_time_us)prng_exp(&f->rng, (double)f->mean_gap);
        evq_push(&c->q, now + (gap > 1000 ? gap : 1000), EV_FLOW, f);
    }
}

void sim_actor_start(sim_ctx *c, sim_actor_fn fn, void *state, sw_time_us t, sim_scenario_run *run)
{
    sim_actor *a = arena_alloc(&c->mem, sizeof *a);
    if (!a) return;
    a->fn = fn;
    a->state = state;
    a->run = run;
    evq_push(&c->q, t, EV_ACTOR, a);
}

/* ---- the loop ---- */

sw_code sim_engine_loop(sim_ctx *c, sw_error *err)
{
    c->arp_stride = (c->n_hosts + c->m->n_zones + 63) / 64;
    c->arp_known = calloc(c->n_hosts ? c->n_hosts : 1, c->arp_stride * sizeof *c->arp_known + 1);
    if (!c->arp_known) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    sim_event ev;
    while (evq_pop(&c->q, &ev)) {
        if (ev.t >= c->end) break;     /* the heap is ordered: everything left is later */
        switch (ev.kind) {
        case EV_FLOW: step_flow(c, ev.obj, ev.t); break;
        case EV_SESSION: step_session(c, ev.obj, ev.t); break;
        case EV_ACTOR: {
            sim_actor *a = ev.obj;
            c->emitting = a->run;
            sw_time_us next = a->fn(c, a->state, ev.t);
            c->emitting = NULL;
            if (next >= 0) evq_push(&c->q, next > ev.t ? next : ev.t, EV_ACTOR, a);
            break;
        }
        }
    }
    return SW_OK;
}

void sim_engine_free(sim_ctx *c)
{
    while (c->blocks) {
        session_block *b = c->blocks;
        c->blocks = b->next;
        for (size_t i = 0; i < b->used; i++) sim_buf_free(&b->items[i].msg);
        free(b);
    }
    c->free_sessions = NULL;
    free(c->arp_known);
    c->arp_known = NULL;
}
