/* test_net_flow.c - the flow table (orientation, TCP state, counters,
 * timeouts, port reuse, the memory bound under 10x capacity) and TCP
 * stream reassembly (order, retransmission, overlap, gaps, caps). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "net/flow.h"
#include "net/tcp_reasm.h"

static net_packet tcp_pkt(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, uint8_t flags, sw_time_us ts)
{
    net_packet p;
    memset(&p, 0, sizeof p);
    p.l3 = NET_L3_IPV4;
    ip_from_v4(&p.src, src);
    ip_from_v4(&p.dst, dst);
    p.ip_proto = 6;
    p.has_l4 = true;
    p.sport = sport;
    p.dport = dport;
    p.tcp_flags = flags;
    p.ts = ts;
    p.wirelen = 60;
    return p;
}

typedef struct ended { int n; flow_end_reason last; uint64_t pkts[2]; } ended;
static void on_end(void *user, net_flow *f, flow_end_reason why)
{
    ended *e = user;
    e->n++;
    e->last = why;
    e->pkts[0] = f->pkts[0];
    e->pkts[1] = f->pkts[1];
}

static void test_handshake_orientation_and_counters(void **state)
{
    flow_config cfg;
    flow_config_default(&cfg);
    cfg.capacity = 8;
    ended e = { 0 };
    flow_table *t = flow_table_create(&cfg, on_end, &e);
    flow_lookup l;
    /* the server's address sorts first, so orientation is not key order */
    net_packet syn = tcp_pkt(0x0a000009, 40000, 0x0a000001, 502, TCP_SYN, 1);
    assert_true(flow_table_get(t, &syn, &l));
    assert_true(l.created);
    assert_int_equal(l.dir, NET_DIR_TO_SERVER);
    assert_true(l.flow->initiator_from_handshake);
    assert_int_equal(ip_to_v4(&l.flow->client), 0x0a000009);
    assert_int_equal(l.flow->server_port, 502);
    assert_int_equal(l.flow->tcp_state, FLOW_TCP_SYN_SENT);
    net_packet synack = tcp_pkt(0x0a000001, 502, 0x0a000009, 40000, TCP_SYN | TCP_ACK, 2);
    assert_true(flow_table_get(t, &synack, &l));
    assert_false(l.created);
    assert_int_equal(l.dir, NET_DIR_TO_CLIENT);
    assert_int_equal(l.flow->tcp_state, FLOW_TCP_SYN_RECEIVED);
    net_packet ack = tcp_pkt(0x0a000009, 40000, 0x0a000001, 502, TCP_ACK, 3);
    flow_table_get(t, &ack, &l);
    assert_int_equal(l.flow->tcp_state, FLOW_TCP_ESTABLISHED);
    net_packet fin1 = tcp_pkt(0x0a000009, 40000, 0x0a000001, 502, TCP_FIN | TCP_ACK, 4);
    flow_table_get(t, &fin1, &l);
    assert_int_equal(l.flow->tcp_state, FLOW_TCP_CLOSING);
    net_packet fin2 = tcp_pkt(0x0a000001, 502, 0x0a000009, 40000, TCP_FIN | TCP_ACK, 5);
    flow_table_get(t, &fin2, &l);
    assert_int_equal(l.flow->tcp_state, FLOW_TCP_CLOSED);
    assert_int_equal(l.flow->pkts[NET_DIR_TO_SERVER], 3);
    assert_int_equal(l.flow->pkts[NET_DIR_TO_CLIENT], 2);
    assert_int_equal(l.flow->bytes[NET_DIR_TO_SERVER], 180);
    assert_int_equal(l.flow->first_ts, 1);
    assert_int_equal(l.flow->last_ts, 5);

    /* port reuse: a new SYN on the closed connection starts a new flow */
    net_packet again = tcp_pkt(0x0a000009, 40000, 0x0a000001, 502, TCP_SYN, 6);
    flow_table_get(t, &again, &l);
    assert_true(l.created);
    assert_int_equal(e.n, 1);
    assert_int_equal(e.last, FLOW_END_CLOSED);
    assert_int_equal(e.pkts[0], 3);
    flow_table_flush(t);
    assert_int_equal(e.last, FLOW_END_SHUTDOWN);
    assert_int_equal(flow_table_stats(t)->active, 0);
    flow_table_destroy(t);
}

static bool modbus_port(uint8_t proto, uint16_t port) { return proto == 6 && port == 502; }

static void test_midstream_orientation_uses_service_ports(void **state)
{
    flow_config cfg;
    flow_config_default(&cfg);
    cfg.capacity = 8;
    cfg.is_service_port = modbus_port;
    flow_table *t = flow_table_create(&cfg, NULL, NULL);
    flow_lookup l;
    /* first packet seen is the server's reply: the client is the receiver */
    net_packet rsp = tcp_pkt(0x0a000001, 502, 0x0a000009, 3082, TCP_ACK | TCP_PSH, 1);
    flow_table_get(t, &rsp, &l);
    assert_false(l.flow->initiator_from_handshake);
    assert_int_equal(l.dir, NET_DIR_TO_CLIENT);
    assert_int_equal(l.flow->server_port, 502);
    assert_int_equal(l.flow->tcp_state, FLOW_TCP_ESTABLISHED);
    /* no service port known: the low port below 1024 serves */
    net_packet dns = tcp_pkt(0x0a000001, 53, 0x0a000009, 5555, TCP_ACK, 1);
    flow_table_get(t, &dns, &l);
    assert_int_equal(l.dir, NET_DIR_TO_CLIENT);
    flow_table_destroy(t);
}

static void test_timeouts_per_class(void **state)
{
    flow_config cfg;
    flow_config_default(&cfg);
    cfg.capacity = 8;
    ended e = { 0 };
    flow_table *t = flow_table_create(&cfg, on_end, &e);
    flow_lookup l;
    net_packet u = tcp_pkt(0x0a000009, 5000, 0x0a000001, 53, 0, 0);
    u.ip_proto = 17;
    flow_table_get(t, &u, &l);
    net_packet est = tcp_pkt(0x0a000009, 40000, 0x0a000001, 502, TCP_ACK, 0);
    flow_table_get(t, &est, &l);
    flow_table_expire(t, cfg.timeout[FLOW_TC_UDP] + 1);
    assert_int_equal(e.n, 1);                         /* UDP gone, established TCP stays */
    assert_int_equal(e.last, FLOW_END_TIMEOUT);
    assert_int_equal(flow_table_stats(t)->active, 1);
    flow_table_expire(t, cfg.timeout[FLOW_TC_TCP_ESTABLISHED] + 1);
    assert_int_equal(e.n, 2);
    flow_table_destroy(t);
}

/* The memory proof: 10x capacity distinct flows never hold more than the
 * capacity, every extra flow is an eviction, and the table's allocation is
 * fixed at creation. */
static void test_ten_times_capacity_stays_bounded(void **state)
{
    flow_config cfg;
    flow_config_default(&cfg);
    cfg.capacity = 1000;
    ended e = { 0 };
    flow_table *t = flow_table_create(&cfg, on_end, &e);
    size_t mem = flow_table_memory(t);
    flow_lookup l;
    for (uint32_t i = 0; i < 10 * cfg.capacity; i++) {
        net_packet p = tcp_pkt(0x0a000000 + i, (uint16_t)(1024 + i % 50000), 0x0a640001, 502, TCP_SYN, (sw_time_us)i);
        assert_true(flow_table_get(t, &p, &l));
        assert_true(flow_table_stats(t)->active <= cfg.capacity);
    }
    const flow_stats *s = flow_table_stats(t);
    assert_int_equal(s->created, 10 * cfg.capacity);
    assert_int_equal(s->active, cfg.capacity);
    assert_int_equal(s->peak, cfg.capacity);
    assert_int_equal(s->ended[FLOW_END_EVICTED], 9 * cfg.capacity);
    assert_int_equal(e.n, 9 * cfg.capacity);
    assert_int_equal(flow_table_memory(t), mem);
    /* the newest flows survived: the oldest-idle went first */
    net_packet last = tcp_pkt(0x0a000000 + 10 * cfg.capacity - 1, (uint16_t)(1024 + (10 * cfg.capacity - 1) % 50000),
                              0x0a640001, 502, TCP_ACK, 100000);
    flow_table_get(t, &last, &l);
    assert_false(l.created);
    flow_table_destroy(t);
}

/* ---- reassembly --------------------------------------------------------- */
typedef struct sink { char buf[4096]; size_t n; int gaps; uint32_t gap_bytes; } sink;
static void got_data(void *user, const uint8_t *d, size_t n) { sink *s = user; memcpy(s->buf + s->n, d, n); s->n += n; s->buf[s->n] = 0; }
static void got_gap(void *user, uint32_t n) { sink *s = user; s->gaps++; s->gap_bytes += n; s->n += (size_t)snprintf(s->buf + s->n, 16, "[gap %u]", n); }

static tcp_reasm *new_reasm(size_t memcap, uint32_t stream_cap)
{
    tcp_reasm_config c = { memcap, stream_cap, 1u << 20 };
    return tcp_reasm_create(&c);
}

static void seg(tcp_reasm *r, tcp_stream *s, sink *k, uint32_t seq, const char *text)
{
    tcp_delivery d = { got_data, got_gap, k };
    tcp_reasm_segment(r, s, seq, 0x10, (const uint8_t *)text, (uint32_t)strlen(text), &d);
}

static void test_reassembly_in_order_out_of_order_and_retransmission(void **state)
{
    tcp_reasm *r = new_reasm(1 << 20, 1 << 16);
    tcp_stream s;
    tcp_stream_init(&s);
    sink k = { .n = 0 };
    tcp_delivery d = { got_data, got_gap, &k };
    tcp_reasm_segment(r, &s, 999, 0x02, NULL, 0, &d);   /* SYN: data starts at 1000 */
    seg(r, &s, &k, 1000, "abc");
    seg(r, &s, &k, 1009, "jkl");                         /* early */
    seg(r, &s, &k, 1006, "ghi");                         /* early */
    assert_string_equal(k.buf, "abc");
    seg(r, &s, &k, 1003, "def");                         /* fills the hole */
    assert_string_equal(k.buf, "abcdefghijkl");
    seg(r, &s, &k, 1003, "def");                         /* retransmission */
    assert_string_equal(k.buf, "abcdefghijkl");
    seg(r, &s, &k, 1010, "KLmn");                        /* overlaps delivered bytes: only "mn" is new */
    assert_string_equal(k.buf, "abcdefghijklmn");
    const tcp_reasm_stats *st = tcp_reasm_get_stats(r);
    assert_int_equal(st->out_of_order, 2);
    assert_int_equal(st->retransmissions, 1);
    assert_int_equal(st->chunks_in_use, 0);
    tcp_reasm_destroy(r);
}

static void test_reassembly_overlapping_buffered_first_wins(void **state)
{
    tcp_reasm *r = new_reasm(1 << 20, 1 << 16);
    tcp_stream s;
    tcp_stream_init(&s);
    sink k = { .n = 0 };
    seg(r, &s, &k, 100, "a");
    seg(r, &s, &k, 103, "DEF");
    seg(r, &s, &k, 102, "cxyzg");                        /* overlaps DEF: the buffered bytes win */
    seg(r, &s, &k, 101, "b");
    assert_string_equal(k.buf, "abcDEFg");
    assert_true(tcp_reasm_get_stats(r)->overlaps >= 1);
    tcp_reasm_destroy(r);
}

static void test_reassembly_gap_at_end_on_ack_and_at_cap(void **state)
{
    tcp_reasm *r = new_reasm(1 << 20, 2 * TCP_CHUNK_DATA);
    tcp_stream s;
    tcp_stream_init(&s);
    sink k = { .n = 0 };
    tcp_delivery d = { got_data, got_gap, &k };
    /* at flow end, a hole is skipped and the parser told */
    seg(r, &s, &k, 0, "ab");
    seg(r, &s, &k, 5, "fg");
    tcp_reasm_flush(r, &s, &d);
    assert_string_equal(k.buf, "ab[gap 3]fg");

    /* the peer acknowledged past the hole: it will never come */
    k.n = 0; k.buf[0] = 0;
    seg(r, &s, &k, 10, "kl");
    seg(r, &s, &k, 14, "op");
    tcp_reasm_peer_ack(r, &s, 9, &d);                    /* not yet past the hole: keep waiting */
    assert_string_equal(k.buf, "");
    tcp_reasm_peer_ack(r, &s, 16, &d);
    assert_string_equal(k.buf, "[gap 3]kl[gap 2]op");

    /* the per-stream cap: the third early chunk does not fit, so the
     * holes are skipped and delivery goes on */
    k.n = 0; k.buf[0] = 0;
    seg(r, &s, &k, 20, "u");
    seg(r, &s, &k, 22, "w");
    seg(r, &s, &k, 24, "y");
    assert_string_equal(k.buf, "[gap 4]u[gap 1]w[gap 1]y");
    assert_int_equal(tcp_reasm_get_stats(r)->stream_cap_hits, 1);
    assert_int_equal(tcp_reasm_get_stats(r)->chunks_in_use, 0);
    tcp_reasm_destroy(r);
}

static void test_reassembly_global_memcap_and_window(void **state)
{
    tcp_reasm *r = new_reasm(2 * sizeof(uint8_t[TCP_CHUNK_DATA + 12]), 1 << 20);   /* two chunks for all */
    tcp_stream a, b;
    tcp_stream_init(&a);
    tcp_stream_init(&b);
    sink ka = { .n = 0 }, kb = { .n = 0 };
    seg(r, &a, &ka, 0, "A");
    seg(r, &a, &ka, 5, "F");
    seg(r, &a, &ka, 7, "H");                             /* pool now empty */
    seg(r, &b, &kb, 0, "a");
    seg(r, &b, &kb, 5, "f");                             /* no chunk left: b skips its hole */
    assert_string_equal(kb.buf, "a[gap 4]f");
    assert_int_equal(tcp_reasm_get_stats(r)->memcap_hits, 1);
    seg(r, &a, &ka, 0x7fff0000u, "far");                 /* far beyond the window: ignored */
    assert_int_equal(tcp_reasm_get_stats(r)->out_of_window, 1);
    tcp_reasm_release(r, &a);
    assert_int_equal(tcp_reasm_get_stats(r)->chunks_in_use, 0);
    tcp_reasm_destroy(r);
}

static void test_reassembly_sequence_wraps(void **state)
{
    tcp_reasm *r = new_reasm(1 << 20, 1 << 16);
    tcp_stream s;
    tcp_stream_init(&s);
    sink k = { .n = 0 };
    seg(r, &s, &k, 0xfffffffeu, "ab");
    seg(r, &s, &k, 2, "ef");
    seg(r, &s, &k, 0, "cd");
    assert_string_equal(k.buf, "abcdef");
    tcp_reasm_destroy(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake_orientation_and_counters),
        cmocka_unit_test(test_midstream_orientation_uses_service_ports),
        cmocka_unit_test(test_timeouts_per_class),
        cmocka_unit_test(test_ten_times_capacity_stays_bounded),
        cmocka_unit_test(test_reassembly_in_order_out_of_order_and_retransmission),
        cmocka_unit_test(test_reassembly_overlapping_buffered_first_wins),
        cmocka_unit_test(test_reassembly_gap_at_end_on_ack_and_at_cap),
        cmocka_unit_test(test_reassembly_global_memcap_and_window),
        cmocka_unit_test(test_reassembly_sequence_wraps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
