/* test_net_decode.c - hand-made frames for every link type, VLAN and QinQ
 * tags, ARP, IPv4 header checks, IPv6 extension headers, TCP options, and
 * IPv4/IPv6 fragment reassembly (order, overlap policy, caps, timeouts). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "net/decode.h"

/* ---- frame builder ---------------------------------------------------- */
typedef struct fb { uint8_t b[4096]; size_t n; } fb;
static void put(fb *f, const void *p, size_t n) { memcpy(f->b + f->n, p, n); f->n += n; }
static void put8(fb *f, unsigned v) { f->b[f->n++] = (uint8_t)v; }
static void put16(fb *f, unsigned v) { put8(f, v >> 8); put8(f, v); }
static void put32(fb *f, uint32_t v) { put16(f, v >> 16); put16(f, v & 0xffff); }
static void put_le32(fb *f, uint32_t v) { put8(f, v); put8(f, v >> 8); put8(f, v >> 16); put8(f, v >> 24); }

static const uint8_t MAC_A[6] = { 0x00, 0x1b, 0x1b, 0x12, 0x34, 0x56 }, MAC_B[6] = { 0x02, 0, 0, 0, 0, 0xbb };
#define IP_A 0x0a280b0bu   /* 10.40.11.11 */
#define IP_B 0x0a280101u   /* 10.40.1.1 */

static void eth(fb *f, unsigned type) { put(f, MAC_B, 6); put(f, MAC_A, 6); put16(f, type); }

static void ipv4(fb *f, unsigned proto, size_t payload, unsigned id, unsigned frag)
{
    size_t at = f->n;
    put8(f, 0x45); put8(f, 0); put16(f, (unsigned)(20 + payload)); put16(f, id); put16(f, frag);
    put8(f, 64); put8(f, proto); put16(f, 0); put32(f, IP_A); put32(f, IP_B);
    uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (uint32_t)(f->b[at + i] << 8 | f->b[at + i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    f->b[at + 10] = (uint8_t)(~sum >> 8);
    f->b[at + 11] = (uint8_t)~sum;
}

static void udp(fb *f, unsigned sport, unsigned dport, const char *payload)
{
    size_t n = strlen(payload);
    put16(f, sport); put16(f, dport); put16(f, (unsigned)(8 + n)); put16(f, 0);
    put(f, payload, n);
}

static void tcp_with_options(fb *f, unsigned sport, unsigned dport, uint32_t seq, unsigned flags)
{
    put16(f, sport); put16(f, dport); put32(f, seq); put32(f, 0);
    put8(f, (20 + 20) / 4 << 4); put8(f, flags); put16(f, 64240); put32(f, 0);
    /* MSS 1460, SACK-permitted, timestamps 7/0, NOP, window scale 7 */
    put8(f, 2); put8(f, 4); put16(f, 1460);
    put8(f, 4); put8(f, 2);
    put8(f, 8); put8(f, 10); put32(f, 7); put32(f, 0);
    put8(f, 1); put8(f, 3); put8(f, 3); put8(f, 7);
}

static net_decoder dec;
static net_packet pkt;

static int setup(void **state) { return net_decoder_init(&dec, NULL); }
static int teardown(void **state) { net_decoder_free(&dec); return 0; }

static void decode(net_link link, const fb *f) { net_decode(&dec, link, 1000000, 1, f->b, (uint32_t)f->n, (uint32_t)f->n, &pkt); }

/* ---- link layers -------------------------------------------------------- */
static void test_ethernet_ipv4_tcp_options(void **state)
{
    fb f = { .n = 0 };
    eth(&f, 0x0800);
    ipv4(&f, 6, 40 + 5, 1, 0x4000);
    tcp_with_options(&f, 49152, 502, 1000, 0x02);
    put(&f, "hello", 5);
    decode(NET_LINK_ETHERNET, &f);
    assert_int_equal(pkt.anomalies, 0);
    assert_true(pkt.has_mac);
    assert_memory_equal(pkt.src_mac, MAC_A, 6);
    assert_int_equal(pkt.l3, NET_L3_IPV4);
    assert_int_equal(pkt.l3_off, 14);
    assert_int_equal(ip_to_v4(&pkt.src), IP_A);
    assert_int_equal(pkt.ip_proto, 6);
    assert_int_equal(pkt.sport, 49152);
    assert_int_equal(pkt.dport, 502);
    assert_int_equal(pkt.seq, 1000);
    assert_int_equal(pkt.tcp_flags, 0x02);
    assert_true(pkt.tcp_opts.has_mss);
    assert_int_equal(pkt.tcp_opts.mss, 1460);
    assert_true(pkt.tcp_opts.sack_permitted);
    assert_true(pkt.tcp_opts.has_wscale);
    assert_int_equal(pkt.tcp_opts.wscale, 7);
    assert_true(pkt.tcp_opts.has_timestamp);
    assert_int_equal(pkt.tcp_opts.ts_val, 7);
    assert_int_equal(pkt.payload_len, 5);
    assert_memory_equal(pkt.payload, "hello", 5);
}

static void test_ethernet_padding_is_not_payload(void **state)
{
    fb f = { .n = 0 };
    eth(&f, 0x0800);
    ipv4(&f, 17, 8 + 2, 1, 0);
    udp(&f, 5000, 53, "hi");
    memset(f.b + f.n, 0, 16);   /* padded to the 60-byte minimum */
    f.n += 16;
    decode(NET_LINK_ETHERNET, &f);
    assert_int_equal(pkt.anomalies, 0);
    assert_int_equal(pkt.payload_len, 2);
    assert_int_equal(pkt.l3_len, 30);
}

static void test_vlan_qinq_and_too_deep(void **state)
{
    static const unsigned outer_types[] = { 0x88a8, 0x9100, 0x8100 };
    for (int i = 0; i < 3; i++) {
        fb f = { .n = 0 };
        eth(&f, outer_types[i]);
        put16(&f, 0x2000 | 100); put16(&f, 0x8100);
        put16(&f, 200); put16(&f, 0x0800);
        ipv4(&f, 17, 8 + 1, 1, 0);
        udp(&f, 1, 2, "x");
        decode(NET_LINK_ETHERNET, &f);
        assert_int_equal(pkt.anomalies, 0);
        assert_int_equal(pkt.n_vlan, 2);
        assert_int_equal(pkt.vlan[0], 100);   /* priority bits dropped */
        assert_int_equal(pkt.vlan[1], 200);
        assert_int_equal(pkt.l3, NET_L3_IPV4);
        assert_int_equal(pkt.l3_off, 22);
    }
    fb f = { .n = 0 };
    eth(&f, 0x88a8);
    put16(&f, 1); put16(&f, 0x8100); put16(&f, 2); put16(&f, 0x8100); put16(&f, 3); put16(&f, 0x0800);
    decode(NET_LINK_ETHERNET, &f);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_VLAN_TOO_DEEP));
}

static void test_linux_cooked_v1_and_v2(void **state)
{
    fb f = { .n = 0 };
    put16(&f, 0); put16(&f, 1); put16(&f, 6); put(&f, MAC_A, 6); put16(&f, 0); put16(&f, 0x0800);
    ipv4(&f, 17, 9, 1, 0);
    udp(&f, 1, 2, "x");
    decode(NET_LINK_SLL, &f);
    assert_int_equal(pkt.anomalies, 0);
    assert_int_equal(pkt.l3_off, 16);
    assert_memory_equal(pkt.src_mac, MAC_A, 6);
    assert_int_equal(pkt.dport, 2);

    fb g = { .n = 0 };
    put16(&g, 0x0800); put16(&g, 0); put32(&g, 3); put16(&g, 1); put8(&g, 4); put8(&g, 6);
    put(&g, MAC_A, 6); put16(&g, 0);
    ipv4(&g, 17, 9, 1, 0);
    udp(&g, 1, 2, "x");
    decode(NET_LINK_SLL2, &g);
    assert_int_equal(pkt.anomalies, 0);
    assert_int_equal(pkt.l3_off, 20);
    assert_int_equal(pkt.dport, 2);

    fb h = { .n = 0 };
    put16(&h, 0x0800); put16(&h, 0);   /* cut inside the SLL2 header */
    decode(NET_LINK_SLL2, &h);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_LINK_TRUNCATED));
}

static void ipv6_header(fb *f, unsigned next, size_t payload)
{
    put32(f, 0x60000000); put16(f, (unsigned)payload); put8(f, next); put8(f, 64);
    static const uint8_t a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
    put(f, a, 16); put(f, b, 16);
}

static void test_loopback_families_and_raw(void **state)
{
    /* BSD null: host order (little endian writer, then big endian writer), IPv6 AF 30 (Darwin) */
    fb f = { .n = 0 };
    put_le32(&f, 2); ipv4(&f, 17, 9, 1, 0); udp(&f, 1, 2, "x");
    decode(NET_LINK_NULL, &f);
    assert_int_equal(pkt.l3, NET_L3_IPV4);
    assert_int_equal(pkt.anomalies, 0);
    fb g = { .n = 0 };
    put32(&g, 2); ipv4(&g, 17, 9, 1, 0); udp(&g, 1, 2, "x");
    decode(NET_LINK_NULL, &g);
    assert_int_equal(pkt.l3, NET_L3_IPV4);
    decode(NET_LINK_LOOP, &g);   /* OpenBSD loop: always network order */
    assert_int_equal(pkt.l3, NET_L3_IPV4);
    fb h = { .n = 0 };
    put_le32(&h, 30); ipv6_header(&h, 17, 9); udp(&h, 1, 2, "x");
    decode(NET_LINK_NULL, &h);
    assert_int_equal(pkt.l3, NET_L3_IPV6);
    assert_int_equal(pkt.dport, 2);
    fb k = { .n = 0 };
    put_le32(&k, 77);
    decode(NET_LINK_NULL, &k);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_LINK_UNKNOWN));

    /* raw: the version nibble decides; DLT_IPV4/IPV6 are fixed */
    fb r4 = { .n = 0 };
    ipv4(&r4, 17, 9, 1, 0); udp(&r4, 1, 2, "x");
    decode(NET_LINK_RAW, &r4);
    assert_int_equal(pkt.l3, NET_L3_IPV4);
    decode(NET_LINK_IPV4, &r4);
    assert_int_equal(pkt.l3, NET_L3_IPV4);
    fb r6 = { .n = 0 };
    ipv6_header(&r6, 17, 9); udp(&r6, 1, 2, "x");
    decode(NET_LINK_RAW, &r6);
    assert_int_equal(pkt.l3, NET_L3_IPV6);
    decode(NET_LINK_IPV6, &r6);
    assert_int_equal(pkt.l3, NET_L3_IPV6);
    decode(NET_LINK_IPV4, &r6);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP_BAD_VERSION));
}

static void test_arp_request(void **state)
{
    fb f = { .n = 0 };
    eth(&f, 0x0806);
    put16(&f, 1); put16(&f, 0x0800); put8(&f, 6); put8(&f, 4); put16(&f, 1);
    put(&f, MAC_A, 6); put32(&f, IP_A); put(&f, "\0\0\0\0\0\0", 6); put32(&f, IP_B);
    decode(NET_LINK_ETHERNET, &f);
    assert_int_equal(pkt.l3, NET_L3_ARP);
    assert_int_equal(pkt.arp.op, 1);
    assert_memory_equal(pkt.arp.sender_mac, MAC_A, 6);
    assert_int_equal(ip_to_v4(&pkt.arp.sender_ip), IP_A);
    assert_int_equal(ip_to_v4(&pkt.arp.target_ip), IP_B);
    f.n -= 5;
    decode(NET_LINK_ETHERNET, &f);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_ARP_MALFORMED));
}

static void test_ipv4_header_checks(void **state)
{
    fb f = { .n = 0 };
    ipv4(&f, 17, 9, 1, 0); udp(&f, 1, 2, "x");
    fb bad = f;
    bad.b[0] = 0x44;                                 /* header length 16 */
    decode(NET_LINK_IPV4, &bad);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP_BAD_HLEN));
    bad = f;
    bad.b[2] = 0; bad.b[3] = 10;                     /* total below the header */
    decode(NET_LINK_IPV4, &bad);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP_BAD_LEN));
    bad = f;
    bad.b[11] ^= 0x55;                               /* checksum */
    decode(NET_LINK_IPV4, &bad);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP_BAD_CHECKSUM));
    bad = f;
    bad.n -= 3;                                      /* snaplen cut: decoded as far as it goes */
    decode(NET_LINK_IPV4, &bad);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP_TRUNCATED));
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_UDP_TRUNCATED));
    bad = f;
    bad.n = 12;
    decode(NET_LINK_IPV4, &bad);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP_TRUNCATED));
    assert_int_equal(pkt.sport, 0);
}

static void test_ipv6_extension_headers(void **state)
{
    fb f = { .n = 0 };
    /* hop-by-hop (8) -> routing (24) -> destination options (8) -> UDP */
    ipv6_header(&f, 0, 8 + 24 + 8 + 9);
    put8(&f, 43); put8(&f, 0); put32(&f, 0x01040000); put16(&f, 0);
    put8(&f, 60); put8(&f, 2); put8(&f, 0); put8(&f, 1); put32(&f, 0);
    for (int i = 0; i < 16; i++) put8(&f, 0);
    put8(&f, 17); put8(&f, 0); put32(&f, 0x01040000); put16(&f, 0);
    udp(&f, 547, 546, "x");
    decode(NET_LINK_IPV6, &f);
    assert_int_equal(pkt.anomalies, 0);
    assert_int_equal(pkt.ip_proto, 17);
    assert_int_equal(pkt.sport, 547);
    assert_int_equal(pkt.payload_len, 1);

    fb g = { .n = 0 };   /* nine destination-options headers: too many */
    ipv6_header(&g, 60, 9 * 8);
    for (int i = 0; i < 9; i++) { put8(&g, 60); put8(&g, 0); put32(&g, 0x01040000); put16(&g, 0); }
    decode(NET_LINK_IPV6, &g);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP6_EXT_TOO_MANY));

    fb h = { .n = 0 };   /* a routing header claiming more bytes than there are */
    ipv6_header(&h, 43, 8);
    put8(&h, 17); put8(&h, 9); put32(&h, 0); put16(&h, 0);
    decode(NET_LINK_IPV6, &h);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_IP6_EXT_MALFORMED));
}

static void test_transport_anomalies(void **state)
{
    fb f = { .n = 0 };
    ipv4(&f, 6, 20, 1, 0);
    put16(&f, 1); put16(&f, 2); put32(&f, 0); put32(&f, 0); put8(&f, 0x40); put8(&f, 0x03); put32(&f, 0); put16(&f, 0);
    decode(NET_LINK_IPV4, &f);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_TCP_BAD_HLEN));
    f.b[20 + 12] = 0x50;
    decode(NET_LINK_IPV4, &f);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_TCP_BAD_FLAGS));   /* SYN+FIN */
    fb g = { .n = 0 };
    ipv4(&g, 17, 9, 1, 0); udp(&g, 1, 2, "x");
    g.b[24] = 0; g.b[25] = 4;
    decode(NET_LINK_IPV4, &g);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_UDP_BAD_LEN));
    fb h = { .n = 0 };
    ipv4(&h, 1, 8, 1, 0); put8(&h, 8); put8(&h, 0); put16(&h, 0); put32(&h, 0x00010001);
    decode(NET_LINK_IPV4, &h);
    assert_int_equal(pkt.icmp_type, 8);
    assert_int_equal(dec.stats.icmp, 1);
}

/* ---- fragments ---------------------------------------------------------- */
/* A 24-byte UDP datagram (8 header + 16 data) cut into 8-byte fragments. */
static void frag_v4(fb *f, unsigned id, unsigned off, bool more, const uint8_t *data, size_t n)
{
    f->n = 0;
    ipv4(f, 17, n, id, (more ? 0x2000 : 0) | off / 8);
    put(f, data, n);
}

static void datagram(uint8_t d[24])
{
    const uint8_t hdr[8] = { 0x13, 0x88, 0x00, 0x35, 0x00, 24, 0, 0 };
    memcpy(d, hdr, 8);
    memcpy(d + 8, "ABCDEFGHIJKLMNOP", 16);
}

static void test_ipv4_fragments_in_and_out_of_order(void **state)
{
    uint8_t d[24];
    datagram(d);
    fb f;
    static const int orders[2][3] = { { 0, 1, 2 }, { 2, 0, 1 } };
    for (int o = 0; o < 2; o++) {
        for (int k = 0; k < 3; k++) {
            int i = orders[o][k];
            frag_v4(&f, 10 + (unsigned)o, (unsigned)i * 8, i < 2, d + i * 8, 8);
            decode(NET_LINK_IPV4, &f);
            if (k < 2) { assert_true(pkt.is_fragment); assert_int_equal(pkt.sport, 0); }
        }
        assert_true(pkt.reassembled);
        assert_false(pkt.is_fragment);
        assert_int_equal(pkt.sport, 5000);
        assert_int_equal(pkt.dport, 53);
        assert_int_equal(pkt.payload_len, 16);
        assert_memory_equal(pkt.payload, "ABCDEFGHIJKLMNOP", 16);
    }
    assert_int_equal(ipfrag_active(dec.frags), 0);
}

static void test_ipv4_fragment_overlap_first_wins(void **state)
{
    uint8_t d[24];
    datagram(d);
    fb f;
    frag_v4(&f, 20, 0, true, d, 16);                 /* header + ABCDEFGH */
    decode(NET_LINK_IPV4, &f);
    uint8_t evil[16];
    memcpy(evil, d + 8, 16);
    memcpy(evil, "ZZZZZZZZ", 8);                     /* rewrites ABCDEFGH */
    frag_v4(&f, 20, 8, false, evil, 16);
    decode(NET_LINK_IPV4, &f);
    assert_true(pkt.reassembled);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_OVERLAP));
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_OVERLAP_CONFLICT));
    assert_memory_equal(pkt.payload, "ABCDEFGHIJKLMNOP", 16);   /* first wins */

    frag_v4(&f, 21, 0, true, d, 16);                 /* same bytes twice: overlap, no conflict */
    decode(NET_LINK_IPV4, &f);
    frag_v4(&f, 21, 8, false, d + 8, 16);
    decode(NET_LINK_IPV4, &f);
    assert_true(pkt.reassembled);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_OVERLAP));
    assert_false(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_OVERLAP_CONFLICT));
}

static void test_fragment_caps_timeout_and_table_full(void **state)
{
    net_decoder small;
    ipfrag_config cfg = { .max_sets = 2, .max_datagram = 64, .timeout = 30 * SW_US_PER_SEC };
    assert_int_equal(net_decoder_init(&small, &cfg), 0);
    uint8_t d[24];
    datagram(d);
    fb f;
    /* beyond the per-datagram cap */
    frag_v4(&f, 1, 64, false, d, 8);
    net_decode(&small, NET_LINK_IPV4, 0, 1, f.b, (uint32_t)f.n, (uint32_t)f.n, &pkt);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_TOO_BIG));
    /* three datagrams in a two-set table: the oldest is dropped */
    for (unsigned id = 2; id <= 4; id++) {
        frag_v4(&f, id, 0, true, d, 8);
        net_decode(&small, NET_LINK_IPV4, 0, 1, f.b, (uint32_t)f.n, (uint32_t)f.n, &pkt);
    }
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_TABLE_FULL));
    assert_int_equal(ipfrag_active(small.frags), 2);
    /* the last piece of id 2 arrives: its set is gone, nothing completes */
    frag_v4(&f, 2, 8, false, d + 8, 16);
    net_decode(&small, NET_LINK_IPV4, 0, 1, f.b, (uint32_t)f.n, (uint32_t)f.n, &pkt);
    assert_false(pkt.reassembled);
    /* 31 s later everything held has timed out */
    frag_v4(&f, 9, 0, true, d, 8);
    net_decode(&small, NET_LINK_IPV4, 31 * SW_US_PER_SEC, 1, f.b, (uint32_t)f.n, (uint32_t)f.n, &pkt);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_TIMEOUT));
    assert_int_equal(ipfrag_active(small.frags), 1);
    /* a non-final fragment whose length is not a multiple of 8 */
    frag_v4(&f, 10, 0, true, d, 7);
    net_decode(&small, NET_LINK_IPV4, 31 * SW_US_PER_SEC, 1, f.b, (uint32_t)f.n, (uint32_t)f.n, &pkt);
    assert_true(net_packet_has_anomaly(&pkt, NET_ANOM_FRAG_BAD));
    net_decoder_free(&small);
}

static void test_ipv6_fragments(void **state)
{
    uint8_t d[24];
    datagram(d);
    for (int last_first = 0; last_first < 2; last_first++) {
        fb parts[2];
        for (int i = 0; i < 2; i++) {
            fb *f = &parts[i];
            f->n = 0;
            size_t n = i == 0 ? 16 : 8;
            ipv6_header(f, 44, 8 + n);
            put8(f, 17); put8(f, 0); put16(f, i == 0 ? 1 : (16 | 0)); put32(f, 0xabcd0000u + (uint32_t)last_first);
            put(f, d + (i == 0 ? 0 : 16), n);
        }
        decode(NET_LINK_IPV6, &parts[last_first ? 1 : 0]);
        assert_true(pkt.is_fragment);
        decode(NET_LINK_IPV6, &parts[last_first ? 0 : 1]);
        assert_true(pkt.reassembled);
        assert_int_equal(pkt.ip_proto, 17);
        assert_int_equal(pkt.dport, 53);
        assert_memory_equal(pkt.payload, "ABCDEFGHIJKLMNOP", 16);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ethernet_ipv4_tcp_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ethernet_padding_is_not_payload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vlan_qinq_and_too_deep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_linux_cooked_v1_and_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loopback_families_and_raw, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arp_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ipv4_header_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ipv6_extension_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transport_anomalies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ipv4_fragments_in_and_out_of_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ipv4_fragment_overlap_first_wins, setup, teardown),
        cmocka_unit_test(test_fragment_caps_timeout_and_table_full),
        cmocka_unit_test_setup_teardown(test_ipv6_fragments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
