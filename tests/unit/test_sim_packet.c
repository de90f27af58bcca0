/* test_sim_packet.c - the simulator's packet builder (RFC 1071 checksums,
 * exact IPv4/TCP/UDP/ARP bytes), protocol framing, the event queue, TCP
 * sequence/ACK progression, L2/L3 facts and same-seed determinism. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/hashmap.h"
#include "model/model.h"
#include "net/proto/dnp3.h"
#include "sim/buf.h"
#include "sim/evq.h"
#include "sim/pkt.h"
#include "sim/proto.h"
#include "sim/sim.h"

#define MINI_MODEL "tests/sim/mini.yaml"

static const pkt_ends ends_10_0_0_1_to_2 = {
    .dmac = { 0x00, 0x1b, 0x1b, 0x12, 0x34, 0x56 }, .smac = { 0x02, 0x53, 0, 0, 0, 1 },
    .sip = 0x0a000001, .dip = 0x0a000002, .ttl = 64, .ip_id = 0x1234, .dont_fragment = true,
};

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* RFC 1071 section 3's worked example: 0001 f203 f4f5 f6f7 sums to ddf2. */
static void test_rfc1071_example(void **state)
{
    (void)state;
    const uint8_t d[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
    assert_int_equal(pkt_sum(d, sizeof d, 0), 0x2ddf0);   /* before folding the carry */
    assert_int_equal(pkt_fold(pkt_sum(d, sizeof d, 0)), (uint16_t)~0xddf2);
    /* An odd trailing byte counts as its high half. */
    const uint8_t odd[] = { 0x01, 0x02, 0x03 };
    assert_int_equal(pkt_sum(odd, sizeof odd, 0), 0x0102 + 0x0300);
}

/* The header from the classic worked example (192.168.0.1 -> .199, UDP, 0x73 bytes): checksum b861. */
static void test_ipv4_header_known_checksum(void **state)
{
    (void)state;
    uint8_t f[PKT_MAX_FRAME], payload[0x73 - 28] = { 0 };
    pkt_ends e = ends_10_0_0_1_to_2;
    e.sip = 0xc0a80001; e.dip = 0xc0a800c7; e.ip_id = 0; e.ttl = 64;
    size_t n = pkt_build_udp(f, &e, 1000, 2000, payload, sizeof payload);
    assert_int_equal(n, 14 + 0x73);
    const uint8_t want[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61,
                               0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
    assert_memory_equal(f + 14, want, 20);
}

static void test_tcp_frame_exact(void **state)
{
    (void)state;
    const uint8_t mb[] = { 0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10 };
    pkt_tcp t = { .sport = 49152, .dport = 502, .seq = 0x01020304, .ack = 0x0a0b0c0d,
                  .flags = PKT_TCP_PSH | PKT_TCP_ACK, .window = 64240 };
    uint8_t f[PKT_MAX_FRAME];
    size_t n = pkt_build_tcp(f, &ends_10_0_0_1_to_2, &t, mb, sizeof mb);
    assert_int_equal(n, 14 + 20 + 20 + 12);
    assert_memory_equal(f, ends_10_0_0_1_to_2.dmac, 6);
    assert_memory_equal(f + 6, ends_10_0_0_1_to_2.smac, 6);
    assert_int_equal(be16(f + 12), 0x0800);
    /* Hand-computed with an independent implementation of RFC 1071 over the header. */
    assert_int_equal(be16(f + 14 + 10), 0x148e);
    assert_int_equal(be16(f + 14 + 2), 52);
    assert_int_equal(be16(f + 14 + 4), 0x1234);
    assert_int_equal(f[14 + 8], 64);
    /* TCP checksum over the pseudo-header, known value, and it verifies to zero. */
    assert_int_equal(be16(f + 34 + 16), 0xc3a4);
    assert_int_equal(be32(f + 34 + 4), 0x01020304);
    assert_int_equal(f[34 + 12], 0x50);
    assert_int_equal(f[34 + 13], 0x18);
    assert_memory_equal(f + 54, mb, sizeof mb);
}

static void test_udp_frame_and_padding(void **state)
{
    (void)state;
    uint8_t f[PKT_MAX_FRAME];
    memset(f, 0xee, sizeof f);
    size_t n = pkt_build_udp(f, &ends_10_0_0_1_to_2, 53000, 53, (const uint8_t *)"hello", 5);
    assert_int_equal(n, 60);                        /* 47 bytes padded to the Ethernet minimum */
    assert_int_equal(be16(f + 34 + 4), 13);
    assert_int_equal(be16(f + 34 + 6), 0xd8c1);
    for (size_t i = 14 + 20 + 8 + 5; i < 60; i++) assert_int_equal(f[i], 0);
    assert_int_equal(pkt_build_udp(f, &ends_10_0_0_1_to_2, 1, 2, f, PKT_UDP_MAX + 1), 0);
}

static void test_arp_frame(void **state)
{
    (void)state;
    const uint8_t bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, zero[6] = { 0 };
    const uint8_t sha[6] = { 0x02, 0x53, 1, 2, 3, 4 };
    uint8_t f[PKT_MAX_FRAME];
    size_t n = pkt_build_arp(f, bc, PKT_ARP_REQUEST, sha, 0x0a1f000b, zero, 0x0a1f0001);
    const uint8_t want[42] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x53, 1, 2, 3, 4, 0x08, 0x06,
                               0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01, 0x02, 0x53, 1, 2, 3, 4,
                               10, 31, 0, 11, 0, 0, 0, 0, 0, 0, 10, 31, 0, 1 };
    assert_int_equal(n, 60);
    assert_memory_equal(f, want, sizeof want);
}

static void test_modbus_framing(void **state)
{
    (void)state;
    sim_buf b = { 0 };
    modbus_read_request(&b, 1, 1, MODBUS_READ_HOLDING, 0, 10);
    const uint8_t req[] = { 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x0a };
    assert_int_equal(b.len, sizeof req);
    assert_memory_equal(b.p, req, sizeof req);
    b.len = 0;
    const uint16_t v[2] = { 0x1234, 0x0001 };
    modbus_read_response(&b, 1, 1, MODBUS_READ_HOLDING, 2, v);
    const uint8_t rsp[] = { 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x01, 0x03, 0x04, 0x12, 0x34, 0x00, 0x01 };
    assert_int_equal(b.len, sizeof rsp);
    assert_memory_equal(b.p, rsp, sizeof rsp);
    b.len = 0;
    const uint16_t w[2] = { 1, 2 };
    modbus_write_multiple_request(&b, 7, 1, 400, 2, w);
    const uint8_t wr[] = { 0x00, 0x07, 0x00, 0x00, 0x00, 0x0b, 0x01, 0x10, 0x01, 0x90, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02 };
    assert_int_equal(b.len, sizeof wr);
    assert_memory_equal(b.p, wr, sizeof wr);
    sim_buf_free(&b);
}

static void test_s7_framing(void **state)
{
    (void)state;
    sim_buf b = { 0 };
    s7_cotp_connect_request(&b, 0x0001, 0x0102);
    const uint8_t cr[] = { 0x03, 0x00, 0x00, 0x16, 0x11, 0xe0, 0x00, 0x00, 0x00, 0x01, 0x00,
                           0xc0, 0x01, 0x0a, 0xc1, 0x02, 0x01, 0x00, 0xc2, 0x02, 0x01, 0x02 };
    assert_int_equal(b.len, sizeof cr);
    assert_memory_equal(b.p, cr, sizeof cr);
    b.len = 0;
    s7_setup_comm(&b, S7_JOB, 1, 480);
    const uint8_t setup[] = { 0x03, 0x00, 0x00, 0x19, 0x02, 0xf0, 0x80, 0x32, 0x01, 0x00, 0x00, 0x00, 0x01,
                              0x00, 0x08, 0x00, 0x00, 0xf0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xe0 };
    assert_int_equal(b.len, sizeof setup);
    assert_memory_equal(b.p, setup, sizeof setup);
    b.len = 0;
    s7_read_var_request(&b, 2, 1, 0, 32);
    const uint8_t rd[] = { 0x03, 0x00, 0x00, 0x1f, 0x02, 0xf0, 0x80, 0x32, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x0e,
                           0x00, 0x00, 0x04, 0x01, 0x12, 0x0a, 0x10, 0x02, 0x00, 0x20, 0x00, 0x01, 0x84, 0x00, 0x00, 0x00 };
    assert_int_equal(b.len, sizeof rd);
    assert_memory_equal(b.p, rd, sizeof rd);
    b.len = 0;
    s7_plc_stop(&b, S7_JOB, 3);
    const uint8_t stop[] = { 0x03, 0x00, 0x00, 0x21, 0x02, 0xf0, 0x80, 0x32, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x10,
                             0x00, 0x00, 0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 'P', '_', 'P', 'R', 'O', 'G', 'R', 'A', 'M' };
    assert_int_equal(b.len, sizeof stop);
    assert_memory_equal(b.p, stop, sizeof stop);
    b.len = 0;
    s7_request_download(&b, 4, "_0800001P", 312, 200);
    assert_int_equal(be16(b.p + 2), b.len);         /* TPKT length covers the whole PDU */
    assert_int_equal(be16(b.p + 13), 32);           /* parameter length */
    assert_memory_equal(b.p + 17 + 18, "\x0d" "1000312000200", 14);
    sim_buf_free(&b);
}

static void test_iec104_framing(void **state)
{
    (void)state;
    sim_buf b = { 0 };
    iec104_u_frame(&b, IEC104_STARTDT_ACT);
    assert_memory_equal(b.p, "\x68\x04\x07\x00\x00\x00", 6);
    b.len = 0;
    iec104_s_frame(&b, 5);
    assert_memory_equal(b.p, "\x68\x04\x01\x00\x0a\x00", 6);
    b.len = 0;
    const float v = 1.5f;
    iec104_measurements(&b, 1, 2, 3, 17, 1000, &v, 1);
    const uint8_t me[] = { 0x68, 0x12, 0x02, 0x00, 0x04, 0x00, 0x0d, 0x01, 0x03, 0x00, 0x11, 0x00,
                           0xe8, 0x03, 0x00, 0x00, 0x00, 0xc0, 0x3f, 0x00 };
    assert_int_equal(b.len, sizeof me);
    assert_memory_equal(b.p, me, sizeof me);
    b.len = 0;
    iec104_interrogation(&b, 0, 0, 6, 17);
    const uint8_t gi[] = { 0x68, 0x0e, 0x00, 0x00, 0x00, 0x00, 0x64, 0x01, 0x06, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0x14 };
    assert_int_equal(b.len, sizeof gi);
    assert_memory_equal(b.p, gi, sizeof gi);
    sim_buf_free(&b);
}

/* CRC-16/DNP's catalogue check value ("123456789" -> 0xEA82), and the
 * simulator's bitwise CRC agrees with the parser's table on any input. */
static void test_dnp3_crc(void **state)
{
    (void)state;
    assert_int_equal(dnp3_sim_crc((const uint8_t *)"123456789", 9), 0xea82);
    uint8_t d[64];
    for (size_t n = 0; n <= sizeof d; n++) {
        for (size_t i = 0; i < n; i++) d[i] = (uint8_t)(i * 37 + n);
        assert_int_equal(dnp3_sim_crc(d, n), dnp3_crc(d, n));
    }
}

/* A READ of class 1 from master 1 to outstation 33, byte for byte; then a
 * 300-byte fragment that needs two transport segments in two link frames. */
static void test_dnp3_framing(void **state)
{
    (void)state;
    sim_buf b = { 0 };
    uint8_t tseq = 63;
    const uint8_t app[] = { 0xc3, 0x01, 0x3c, 0x02, 0x06 };
    dnp3_frame_fragment(&b, true, 33, 1, &tseq, app, sizeof app);
    assert_int_equal(tseq, 0);                              /* six bits, wraps */
    assert_int_equal(b.len, 10 + 6 + 2);
    const uint8_t head[8] = { 0x05, 0x64, 11, 0xc4, 33, 0, 1, 0 };
    assert_memory_equal(b.p, head, 8);
    uint16_t crc = dnp3_crc(head, 8);
    assert_int_equal(b.p[8], crc & 0xff);
    assert_int_equal(b.p[9], crc >> 8);
    assert_int_equal(b.p[10], 0xc0 | 63);                   /* FIR, FIN, sequence */
    assert_memory_equal(b.p + 11, app, sizeof app);
    crc = dnp3_crc(b.p + 10, 6);
    assert_int_equal(b.p[16] | b.p[17] << 8, crc);

    b.len = 0;
    uint8_t big[300];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (uint8_t)i;
    dnp3_frame_fragment(&b, false, 1, 33, &tseq, big, sizeof big);
    assert_int_equal(b.len, (10 + 250 + 16 * 2) + (10 + 52 + 4 * 2));
    assert_int_equal(b.p[2], 255);                          /* 5 + 250 user bytes */
    assert_int_equal(b.p[3], 0x44);                         /* from the outstation: DIR clear */
    assert_int_equal(b.p[10], 0x40 | 0);                    /* FIR, sequence 0 */
    const uint8_t *second = b.p + 292;
    assert_int_equal(second[0], 0x05);
    assert_int_equal(second[2], 5 + 52);
    assert_int_equal(second[10], 0x80 | 1);                 /* FIN, sequence 1 */
    assert_int_equal(second[11], big[249]);
    /* Every 16-byte block of the first frame carries its own CRC. */
    for (size_t k = 0; k < 15; k++) {
        const uint8_t *blk = b.p + 10 + k * 18;
        assert_int_equal(blk[16] | blk[17] << 8, dnp3_crc(blk, 16));
    }
    sim_buf_free(&b);
}

static void test_dns_framing(void **state)
{
    (void)state;
    sim_buf b = { 0 };
    dns_query(&b, 0x1234, "a.bc", 1);
    const uint8_t q[] = { 0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                          0x01, 'a', 0x02, 'b', 'c', 0x00, 0x00, 0x01, 0x00, 0x01 };
    assert_int_equal(b.len, sizeof q);
    assert_memory_equal(b.p, q, sizeof q);
    b.len = 0;
    dns_response(&b, 0x1234, "a.bc", 1, 0x0a0a010a, 600);
    assert_int_equal(be16(b.p + 2), 0x8180);
    assert_int_equal(be16(b.p + 6), 1);
    assert_int_equal(be16(b.p + 22), 0xc00c);       /* answer name points at the question */
    assert_int_equal(be32(b.p + b.len - 4), 0x0a0a010a);
    sim_buf_free(&b);
}

/* Oracle Net: header length covers the packet, the connect data sits at the
 * offset the Connect says, Data packets carry their data flags. */
static void test_tns_framing(void **state)
{
    (void)state;
    sim_buf b = { 0 };
    static const char desc[] = "(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=N4)))";
    tns_connect(&b, desc);
    assert_int_equal(be16(b.p), b.len);
    assert_int_equal(b.p[4], 1);                      /* Connect */
    assert_int_equal(be16(b.p + 8), 0x013e);           /* version 318 */
    assert_int_equal(be16(b.p + 24), sizeof desc - 1); /* connect data length */
    assert_int_equal(be16(b.p + 26), 58);              /* ... and offset */
    assert_int_equal(b.len, 58 + sizeof desc - 1);
    assert_memory_equal(b.p + 58, desc, sizeof desc - 1);
    b.len = 0;
    tns_accept(&b);
    assert_int_equal(be16(b.p), 32);
    assert_int_equal(b.len, 32);
    assert_int_equal(b.p[4], 2);
    b.len = 0;
    prng r;
    prng_seed(&r, 1);
    tns_data(&b, &r, 100);
    assert_int_equal(be16(b.p), b.len);
    assert_int_equal(b.len, 110);
    assert_int_equal(b.p[4], 6);
    assert_int_equal(be16(b.p + 8), 0);                /* data flags */
    sim_buf_free(&b);
}

static void test_event_queue_order(void **state)
{
    (void)state;
    sim_evq q;
    evq_init(&q);
    prng r;
    prng_seed(&r, 42);
    int tags[5000];
    for (int i = 0; i < 5000; i++) {
        tags[i] = i;
        assert_true(evq_push(&q, (sw_time_us)prng_below(&r, 1000), 0, &tags[i]));
    }
    sim_event e, prev = { -1, 0, NULL, 0 };
    size_t n = 0;
    while (evq_pop(&q, &e)) {
        assert_true(e.t >= prev.t);
        if (e.t == prev.t) assert_true(*(int *)e.obj > *(int *)prev.obj);   /* ties: first in, first out */
        prev = e;
        n++;
    }
    assert_int_equal(n, 5000);
    evq_free(&q);
}

/* ---- whole runs, captured in memory ---- */

typedef struct capture {
    uint8_t *data;                      /* frames back to back, each prefixed by ts (8) and len (2) */
    size_t len, cap, frames;
    sw_time_us last_ts;
    bool out_of_order;
} capture;

static void capture_sink(void *user, sw_time_us ts, const uint8_t *frame, size_t len)
{
    capture *c = user;
    if (ts < c->last_ts) c->out_of_order = true;
    c->last_ts = ts;
    if (c->len + len + 10 > c->cap) {
        c->cap = (c->cap + len + 10) * 2;
        c->data = realloc(c->data, c->cap);
        assert_non_null(c->data);
    }
    memcpy(c->data + c->len, &ts, 8);
    c->data[c->len + 8] = (uint8_t)(len >> 8);
    c->data[c->len + 9] = (uint8_t)len;
    memcpy(c->data + c->len + 10, frame, len);
    c->len += 10 + len;
    c->frames++;
}

#define FOR_EACH_FRAME(cap, f, flen) \
    for (size_t off_ = 0, flen = 0; off_ < (cap)->len && ((flen = (size_t)((cap)->data[off_ + 8] << 8 | (cap)->data[off_ + 9])), 1); off_ += 10 + flen) \
        for (const uint8_t *f = (cap)->data + off_ + 10, *once_ = f; once_; once_ = NULL)

static port_model *load_mini(void)
{
    diag_list d;
    diag_init(&d, MINI_MODEL);
    port_model *m = model_load_file(MINI_MODEL, &d);
    assert_non_null(m);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    return m;
}

static void run_capture(const port_model *m, uint64_t seed, bool scenarios, sw_time_us dur, capture *cap, sim_result *res)
{
    sim_options o;
    sim_options_default(&o);
    o.seed = seed;
    o.duration = dur;
    o.scenarios = scenarios;
    memset(cap, 0, sizeof *cap);
    sw_error err = { 0 };
    assert_int_equal(sim_run(m, &o, capture_sink, cap, res, &err), SW_OK);
}

/* Every IPv4 frame: header checksum verifies, and so does TCP/UDP over its pseudo-header. */
static void test_run_checksums_valid(void **state)
{
    (void)state;
    port_model *m = load_mini();
    capture cap;
    sim_result res;
    run_capture(m, 3, true, 90 * SW_US_PER_SEC, &cap, &res);
    assert_true(cap.frames > 1000);
    assert_false(cap.out_of_order);
    size_t checked = 0;
    FOR_EACH_FRAME(&cap, f, flen) {
        assert_true(flen >= 60 && flen <= PKT_MAX_FRAME);
        if (be16(f + 12) != 0x0800) continue;
        const uint8_t *ip = f + 14;
        assert_int_equal(pkt_fold(pkt_sum(ip, 20, 0)), 0);
        size_t tot = be16(ip + 2), l4 = tot - 20;
        uint8_t ph[12];
        memcpy(ph, ip + 12, 8);
        ph[8] = 0; ph[9] = ip[9]; ph[10] = (uint8_t)(l4 >> 8); ph[11] = (uint8_t)l4;
        assert_int_equal(pkt_fold(pkt_sum(ip + 20, l4, pkt_sum(ph, 12, 0))), 0);
        checked++;
    }
    assert_true(checked > 1000);
    free(cap.data);
    model_free(m);
}

/* Per direction of every TCP connection: SYN consumes one, data advances
 * seq by its length, FIN consumes one, and each ACK names all the peer sent. */
typedef struct dir_state { uint32_t sip, dip; uint16_t sp, dp; uint32_t next; bool fin; } dir_state;

static dir_state *find_dir(dir_state *t, size_t *n, uint32_t sip, uint32_t dip, uint16_t sp, uint16_t dp, bool add)
{
    for (size_t i = 0; i < *n; i++)
        if (t[i].sip == sip && t[i].dip == dip && t[i].sp == sp && t[i].dp == dp) return &t[i];
    if (!add) return NULL;
    t[*n] = (dir_state){ sip, dip, sp, dp, 0, false };
    return &t[(*n)++];
}

static void test_tcp_seq_ack_progression(void **state)
{
    (void)state;
    port_model *m = load_mini();
    capture cap;
    sim_result res;
    run_capture(m, 5, false, 60 * SW_US_PER_SEC, &cap, &res);
    dir_state *dirs = calloc(4096, sizeof *dirs);
    size_t n = 0, data_segments = 0, fins = 0, syns = 0;
    FOR_EACH_FRAME(&cap, f, flen) {
        if (be16(f + 12) != 0x0800 || f[14 + 9] != 6) continue;
        const uint8_t *ip = f + 14, *tcp = ip + 20;
        uint32_t sip = be32(ip + 12), dip = be32(ip + 16);
        uint16_t sp = be16(tcp), dp = be16(tcp + 2);
        uint32_t seq = be32(tcp + 4), ack = be32(tcp + 8);
        uint8_t fl = tcp[13];
        size_t payload = be16(ip + 2) - 20 - (size_t)(tcp[12] >> 4) * 4;
        dir_state *me = find_dir(dirs, &n, sip, dip, sp, dp, fl & PKT_TCP_SYN);
        if (fl & PKT_TCP_SYN) { me->next = seq + 1; syns++; }
        else {
            assert_non_null(me);
            assert_int_equal(seq, me->next);
            me->next += (uint32_t)payload + ((fl & PKT_TCP_FIN) ? 1 : 0);
            data_segments += payload > 0;
            fins += (fl & PKT_TCP_FIN) != 0;
        }
        if (fl & PKT_TCP_ACK) {
            dir_state *peer = find_dir(dirs, &n, dip, sip, dp, sp, false);
            assert_non_null(peer);
            assert_int_equal(ack, peer->next);
        }
        assert_true(n < 4096);
    }
    assert_true(syns > 10);
    assert_true(data_segments > 100);
    assert_true(fins > 2);                          /* short HTTPS sessions close */
    free(dirs);
    free(cap.data);
    model_free(m);
}

/* MACs from the model, gateway MACs across zones, TTL by OS, IP ID per host. */
static void test_l2_l3_facts(void **state)
{
    (void)state;
    port_model *m = load_mini();
    capture cap;
    sim_result res;
    run_capture(m, 7, false, 60 * SW_US_PER_SEC, &cap, &res);
    const uint8_t plc_mac[6] = { 0x00, 0x1b, 0x1b, 0x12, 0x34, 0x56 }, hsrp[5] = { 0x00, 0x00, 0x0c, 0x07, 0xac };
    uint32_t ids_ip[64] = { 0 };
    uint16_t ids_last[64];
    size_t n_ids = 0, plc_frames = 0, routed = 0, windows = 0;
    FOR_EACH_FRAME(&cap, f, flen) {
        if (be16(f + 12) != 0x0800) continue;
        const uint8_t *ip = f + 14;
        uint32_t sip = be32(ip + 12), dip = be32(ip + 16);
        if (sip == 0x0a1f000b) { assert_memory_equal(f + 6, plc_mac, 6); assert_int_equal(ip[8], 64); plc_frames++; }
        if (sip == 0x0a15001e && (dip >> 8) == 0x0a1f00) { assert_memory_equal(f, hsrp, 5); routed++; }   /* tos -> crane */
        if (sip == 0x0a0a020b) { assert_int_equal(ip[8], 128); windows++; }                                 /* ws-001 */
        size_t k = 0;
        while (k < n_ids && ids_ip[k] != sip) k++;
        if (k == n_ids) { assert_true(n_ids < 64); ids_ip[n_ids++] = sip; }
        else assert_int_equal(be16(ip + 4), (uint16_t)(ids_last[k] + 1));
        ids_last[k] = be16(ip + 4);
    }
    assert_true(plc_frames > 10);
    assert_true(routed > 10);
    assert_true(windows > 0);
    free(cap.data);
    model_free(m);
}

static uint64_t fingerprint(const capture *c) { return hash_bytes(c->data, c->len); }

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    port_model *m = load_mini();
    capture a, b, d;
    sim_result ra, rb, rd;
    run_capture(m, 11, true, 100 * SW_US_PER_SEC, &a, &ra);
    run_capture(m, 11, true, 100 * SW_US_PER_SEC, &b, &rb);
    run_capture(m, 12, true, 100 * SW_US_PER_SEC, &d, &rd);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    assert_int_equal(ra.packets, rb.packets);
    assert_true(fingerprint(&a) != fingerprint(&d));
    free(a.data); free(b.data); free(d.data);
    model_free(m);
}

/* Every scenario is injected in the fixture, inside the run, with hosts. */
static void test_scenarios_in_window(void **state)
{
    (void)state;
    port_model *m = load_mini();
    capture cap;
    sim_result res;
    run_capture(m, 1, true, 120 * SW_US_PER_SEC, &cap, &res);
    size_t by_default = 0;   /* the converged ones run only when named */
    for (size_t i = 0; i < sim_scenario_count(); i++) by_default += sim_scenario_by_default(sim_scenario_at(i));
    assert_int_equal(res.n_runs, by_default);
    assert_true(res.n_runs >= 5);
    for (size_t i = 0; i < res.n_runs; i++) {
        const sim_scenario_run *r = &res.runs[i];
        assert_false(r->skipped);
        assert_true(r->packets > 5);
        assert_true(r->first >= SIM_DEFAULT_START && r->last < SIM_DEFAULT_START + 120 * SW_US_PER_SEC);
        assert_true(r->first <= r->last);
        assert_true(r->n_hosts >= 2);
    }
    strbuf sb;
    strbuf_init(&sb);
    sim_options o;
    sim_options_default(&o);
    o.duration = 120 * SW_US_PER_SEC;
    sim_truth_write(m, &o, &res, &sb);
    assert_non_null(strstr(sb.data, "\"T0846\""));
    assert_non_null(strstr(sb.data, "\"rogue-device\""));
    strbuf_free(&sb);
    free(cap.data);
    model_free(m);
}

static void test_bad_options(void **state)
{
    (void)state;
    port_model *m = load_mini();
    sim_options o;
    sim_options_default(&o);
    o.only = "no-such-scenario";
    capture cap = { 0 };
    sim_result res;
    sw_error err = { 0 };
    assert_int_equal(sim_run(m, &o, capture_sink, &cap, &res, &err), SW_ERR_USAGE);
    sim_options_default(&o);
    o.duration = 0;
    assert_int_equal(sim_run(m, &o, capture_sink, &cap, &res, &err), SW_ERR_USAGE);
    assert_int_equal(cap.frames, 0);
    model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc1071_example),
        cmocka_unit_test(test_ipv4_header_known_checksum),
        cmocka_unit_test(test_tcp_frame_exact),
        cmocka_unit_test(test_udp_frame_and_padding),
        cmocka_unit_test(test_arp_frame),
        cmocka_unit_test(test_modbus_framing),
        cmocka_unit_test(test_s7_framing),
        cmocka_unit_test(test_iec104_framing),
        cmocka_unit_test(test_dnp3_crc),
        cmocka_unit_test(test_dnp3_framing),
        cmocka_unit_test(test_dns_framing),
        cmocka_unit_test(test_tns_framing),
        cmocka_unit_test(test_event_queue_order),
        cmocka_unit_test(test_run_checksums_valid),
        cmocka_unit_test(test_tcp_seq_ack_progression),
        cmocka_unit_test(test_l2_l3_facts),
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_scenarios_in_window),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
