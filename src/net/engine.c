/* engine.c - wires the decoder, flow table, reassembly and parsers. Parser
 * state comes from size-class pools in a region reserved once (app_pool.c),
 * so a flood of new flows cannot make the engine allocate. */
#include "net/engine.h"
#include <stdlib.h>
#include <string.h>
#include "net/app_pool.h"
#include "net/proto/proto.h"

enum { APP_UNDECIDED = 0, APP_DETECTED, APP_NONE, APP_NO_SLOT };

struct net_engine {
    net_engine_config cfg;
    net_decoder dec;
    flow_table *flows;
    tcp_reasm *tcp;
    obs_sink sink;
    app_pool *states;
    uint64_t *app_flows;
    uint64_t app_unrecognised, app_slots_exhausted;
    sw_time_us now, last_expire;    /* now: the latest timestamp seen, for timeouts */
    sw_time_us ts;                  /* the current packet's timestamp, for evidence */
    uint64_t frame;
    size_t memory;
    net_packet pkt;
    net_observation pkt_obs;        /* OBS_PACKET: zeroed once, headers set per packet */
};

/* What a reassembly callback needs to reach the flow's parser. */
typedef struct stream_target {
    net_engine *e;
    net_flow *f;
    net_dir dir;
} stream_target;

void net_engine_config_default(net_engine_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    flow_config_default(&cfg->flow);
    ipfrag_config_default(&cfg->frag);
    tcp_reasm_config_default(&cfg->tcp);
    cfg->app_memcap = APP_POOL_DEFAULT_MEMCAP;
    cfg->probe_max_tries = 4;
}

static proto_ctx make_ctx(const net_engine *e, const net_flow *f)
{
    proto_ctx c = { f, e->ts, e->frame, &e->sink };
    return c;
}

static void release_app(net_engine *e, net_flow *f)
{
    if (f->app_state) app_pool_free(e->states, f->app_state, proto_parsers[f->app]->state_size);
    f->app_state = NULL;
}

/* The state block is sized by this parser's own state_size. When the pool
 * is exhausted the flow goes on unparsed (counted); nothing is allocated. */
static bool claim_app(net_engine *e, net_flow *f, int idx)
{
    const proto_parser *pp = proto_parsers[idx];
    void *state = app_pool_alloc(e->states, pp->state_size);
    if (!state) {
        e->app_slots_exhausted++;
        f->app_status = APP_NO_SLOT;
        return false;
    }
    f->app_state = state;
    if (pp->init) pp->init(f->app_state);
    f->app = (int16_t)idx;
    f->app_status = APP_DETECTED;
    e->app_flows[idx]++;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_APP_DETECTED;
    o.u.app.app = pp->name;
    proto_ctx ctx = make_ctx(e, f);
    proto_emit(&ctx, NET_DIR_TO_SERVER, &o);
    return true;
}

static bool port_hint(const proto_parser *pp, const net_flow *f)
{
    for (int k = 0; k < PROTO_MAX_PORTS && pp->ports[k]; k++)
        if (pp->ports[k] == f->server_port || pp->ports[k] == f->client_port) return true;
    return false;
}

/* Content decides; ports only choose who is asked first. On a parser's own
 * port a refusal is not final until probe_max_tries deliveries, so one junk
 * PDU at the start of a connection does not hide the rest of it. */
static void probe_flow(net_engine *e, net_flow *f, net_dir dir, const uint8_t *data, size_t len)
{
    bool need_more = false;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < proto_n_parsers; i++) {
            const proto_parser *pp = proto_parsers[i];
            if (pp->transport != f->ip_proto || port_hint(pp, f) != (pass == 0)) continue;
            proto_probe_result r = pp->probe ? pp->probe(data, len, dir) : PROTO_PROBE_NO;
            if (r == PROTO_PROBE_YES) { claim_app(e, f, (int)i); return; }
            if (r == PROTO_PROBE_NEED_MORE || pass == 0) need_more = true;
        }
    }
    if (!need_more || ++f->probe_tries >= e->cfg.probe_max_tries) {
        f->app_status = APP_NONE;
        e->app_unrecognised++;
    }
}

static void app_data(net_engine *e, net_flow *f, net_dir dir, const uint8_t *data, size_t len)
{
    if (len == 0) return;
    if (f->app_status == APP_UNDECIDED) probe_flow(e, f, dir, data, len);
    if (f->app_status != APP_DETECTED) return;
    const proto_parser *pp = proto_parsers[f->app];
    proto_ctx ctx = make_ctx(e, f);
    if (dir == NET_DIR_TO_SERVER) { if (pp->parse_to_server) pp->parse_to_server(f->app_state, &ctx, data, len); }
    else if (pp->parse_to_client) pp->parse_to_client(f->app_state, &ctx, data, len);
}

static void stream_data(void *user, const uint8_t *data, size_t len)
{
    stream_target *t = user;
    app_data(t->e, t->f, t->dir, data, len);
}

static void stream_gap(void *user, uint32_t len)
{
    stream_target *t = user;
    if (t->f->app_status != APP_DETECTED) return;
    const proto_parser *pp = proto_parsers[t->f->app];
    proto_ctx ctx = make_ctx(t->e, t->f);
    if (pp->gap) pp->gap(t->f->app_state, &ctx, t->dir, len);
}

static bool wants_stream(const net_flow *f)
{
    return f->app_status == APP_UNDECIDED || f->app_status == APP_DETECTED;
}

static void on_flow_end(void *user, net_flow *f, flow_end_reason why)
{
    net_engine *e = user;
    if (f->ip_proto == 6) {
        for (int d = 0; d < NET_DIR_COUNT; d++) {
            if (wants_stream(f)) {
                stream_target t = { e, f, (net_dir)d };
                tcp_delivery del = { stream_data, stream_gap, &t };
                tcp_reasm_flush(e->tcp, &f->stream[d], &del);
            }
            tcp_reasm_release(e->tcp, &f->stream[d]);
        }
    }
    if (f->app_status == APP_DETECTED) {
        const proto_parser *pp = proto_parsers[f->app];
        proto_ctx ctx = make_ctx(e, f);
        if (pp->end) pp->end(f->app_state, &ctx);
    }
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_FLOW_END;
    o.u.flow_end.reason = why;
    o.u.flow_end.app = f->app >= 0 ? proto_parsers[f->app]->name : NULL;
    /* The evidence of a flow's end is its own last packet, not the packet
     * that happened to push it out of the table. */
    proto_ctx ctx = { f, f->last_ts, f->last_frame, &e->sink };
    proto_emit(&ctx, NET_DIR_TO_SERVER, &o);
    release_app(e, f);
}

static bool service_port(uint8_t ip_proto, uint16_t port) { return proto_is_default_port(ip_proto, port); }

net_engine *net_engine_create(const net_engine_config *cfg, const obs_sink *sink)
{
    net_engine *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->cfg = *cfg;
    if (!e->cfg.flow.is_service_port) e->cfg.flow.is_service_port = service_port;
    if (e->cfg.probe_max_tries == 0) e->cfg.probe_max_tries = 1;
    if (e->cfg.app_memcap == 0) e->cfg.app_memcap = APP_POOL_DEFAULT_MEMCAP;
    if (sink) e->sink = *sink;
    e->pkt_obs.kind = OBS_PACKET;
    uint32_t slots = e->cfg.app_slots ? e->cfg.app_slots : e->cfg.flow.capacity;
    if (slots > e->cfg.flow.capacity && e->cfg.flow.capacity) slots = e->cfg.flow.capacity;
    e->cfg.app_slots = slots;
    bool dec_ok = net_decoder_init(&e->dec, &e->cfg.frag) == 0;
    e->flows = flow_table_create(&e->cfg.flow, on_flow_end, e);
    e->tcp = tcp_reasm_create(&e->cfg.tcp);
    e->states = app_pool_create(e->cfg.app_memcap, slots);
    e->app_flows = calloc(proto_n_parsers + 1, sizeof *e->app_flows);
    if (!dec_ok || !e->flows || !e->tcp || !e->states || !e->app_flows) {
        net_engine_destroy(e);
        return NULL;
    }
    e->memory = sizeof *e + flow_table_memory(e->flows) + e->cfg.app_memcap +
                e->cfg.tcp.memcap + (size_t)e->cfg.frag.max_sets * e->cfg.frag.max_datagram * 9 / 8;
    return e;
}

void net_engine_destroy(net_engine *e)
{
    if (!e) return;
    net_decoder_free(&e->dec);
    flow_table_destroy(e->flows);
    tcp_reasm_destroy(e->tcp);
    app_pool_destroy(e->states);
    free(e->app_flows);
    free(e);
}

static void engine_tcp(net_engine *e, net_flow *f, net_dir dir, const net_packet *p)
{
    if (!wants_stream(f)) return;
    stream_target t = { e, f, dir };
    tcp_delivery del = { stream_data, stream_gap, &t };
    tcp_reasm_segment(e->tcp, &f->stream[dir], p->seq, p->tcp_flags, p->payload, p->payload_len, &del);
    if ((p->tcp_flags & TCP_ACK) && wants_stream(f)) {
        stream_target back = { e, f, (net_dir)(1 - dir) };
        tcp_delivery bdel = { stream_data, stream_gap, &back };
        tcp_reasm_peer_ack(e->tcp, &f->stream[1 - dir], p->ack, &bdel);
    }
    if (!wants_stream(f)) {   /* no parser wants it: give back buffered chunks */
        tcp_reasm_release(e->tcp, &f->stream[0]);
        tcp_reasm_release(e->tcp, &f->stream[1]);
    }
}

void net_engine_packet(net_engine *e, net_link link, sw_time_us ts, uint64_t frame,
                       const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
    net_packet *p = &e->pkt;
    if (ts > e->now) e->now = ts;
    e->ts = ts;
    e->frame = frame;
    if (e->now - e->last_expire >= SW_US_PER_SEC) {
        flow_table_expire(e->flows, e->now);
        uint64_t before = ipfrag_get_stats(e->dec.frags)->timed_out;
        ipfrag_expire(e->dec.frags, e->now);
        e->dec.stats.anomalies[NET_ANOM_FRAG_TIMEOUT] += ipfrag_get_stats(e->dec.frags)->timed_out - before;
        e->last_expire = e->now;
    }
    net_decode(&e->dec, link, ts, frame, data, caplen, wirelen, p);

    flow_lookup fl = { 0 };
    bool has_flow = flow_table_get(e->flows, p, &fl);
    if (e->sink.kinds & OBS_MASK(OBS_PACKET)) {
        net_observation *o = &e->pkt_obs;   /* kind and the (unused) union stay as created */
        o->ts = ts;
        o->frame = frame;
        o->packet = p;
        o->flow = has_flow ? fl.flow : NULL;
        o->dir = fl.dir;
        obs_sink_emit(&e->sink, o);
    }
    if (!has_flow) return;
    net_flow *f = fl.flow;
    if (p->ip_proto == 6 && p->l4) engine_tcp(e, f, fl.dir, p);
    else if (p->ip_proto == 17 && p->payload_len && wants_stream(f)) app_data(e, f, fl.dir, p->payload, p->payload_len);
}

void net_engine_flush(net_engine *e)
{
    flow_table_flush(e->flows);
}

void net_engine_get_stats(const net_engine *e, net_engine_stats *out)
{
    out->decode = &e->dec.stats;
    out->flows = flow_table_stats(e->flows);
    out->tcp = tcp_reasm_get_stats(e->tcp);
    out->frag = ipfrag_get_stats(e->dec.frags);
    out->app_flows = e->app_flows;
    out->app_unrecognised = e->app_unrecognised;
    out->app_slots_exhausted = e->app_slots_exhausted;
    out->app_state = app_pool_get_stats(e->states);
    out->memory = e->memory;
}
