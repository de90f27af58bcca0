/* test_net_dns.c - the DNS parsers on hand-made messages: questions,
 * answers of each reported type through compression pointers, pairing,
 * rcodes, hostile names (loops, forward pointers, overlong), TCP framing
 * split and packed with gap resync, the probes, mDNS naming. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/dns.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

/* The TCP parser is the fixture's; the UDP one shares its state and flow. */
static int setup(void **state)
{
    int rc = harness_setup(state, "dns-tcp");
    ((harness_fixture *)*state)->flow.server_port = 53;
    return rc;
}
static const proto_parser *dns_udp(void)
{
    const proto_parser *pp = proto_find("dns");
    assert_non_null(pp);
    return pp;
}

/* id 0x1234, RD, one question: www.example.com A IN */
#define QUERY "1234 0100 0001 0000 0000 0000 03777777076578616d706c6503636f6d00 0001 0001"
/* the response: CNAME www -> web.example.com (pointer to "example.com" at 16),
 * A 93.184.216.34 on the CNAME's target (pointer to 45), AAAA, TXT, SRV */
#define RESPONSE "1234 8180 0001 0005 0000 0000 03777777076578616d706c6503636f6d00 0001 0001" \
    " c00c 0005 0001 00000e10 0006 03776562c010" \
    " c02d 0001 0001 00000e10 0004 5db8d822" \
    " c02d 001c 0001 00000e10 0010 20010db8000000000000000000000001" \
    " c010 0010 0001 00000e10 0006 0568656c6c6f" \
    " c010 0021 0001 00000e10 000c 000a 0005 13c4 03736970c010"

static void test_query_and_paired_response(void **state)
{
    harness_fixture *f = *state;
    uint8_t m[512];
    size_t n = harness_hex(m, sizeof m, QUERY);
    assert_int_equal(dns_udp()->probe(m, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    dns_udp()->parse_to_server(f->state, &f->ctx, m, n);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.protocol[0], "dns");
    assert_string_equal(f->seen.event[0], "query");
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.query", 0), "www.example.com");
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.qtype", 0), "A");
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.id", 0), "4660");
    assert_null(harness_meta_get(&f->seen, 0, "dns.malformed", 0));

    n = harness_hex(m, sizeof m, RESPONSE);
    assert_int_equal(dns_udp()->probe(m, n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    dns_udp()->parse_to_client(f->state, &f->ctx, m, n);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(f->seen.event[1], "response");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.query", 0), "www.example.com");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.rcode", 0), "NOERROR");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.paired", 0), "true");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.answer", 0), "web.example.com");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.answer", 1), "93.184.216.34");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.answer", 2), "2001:db8::1");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.answer", 3), "TXT(6)");
    assert_null(harness_meta_get(&f->seen, 1, "dns.answer", 4));   /* at most four answers */

    /* the same id again: the query was consumed */
    dns_udp()->parse_to_client(f->state, &f->ctx, m, n);
    assert_string_equal(harness_meta_get(&f->seen, 2, "dns.paired", 0), "false");
}

static void test_srv_ptr_and_nxdomain(void **state)
{
    harness_fixture *f = *state;
    uint8_t m[512];
    /* NXDOMAIN for a PTR query with no answers */
    size_t n = harness_hex(m, sizeof m, "0001 8183 0001 0000 0000 0000 013401330132013107696e2d61646472046172706100 000c 0001");
    dns_udp()->parse_to_client(f->state, &f->ctx, m, n);
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.rcode", 0), "NXDOMAIN");
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.qtype", 0), "PTR");
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.query", 0), "4.3.2.1.in-addr.arpa");
    /* SRV and PTR answers */
    n = harness_hex(m, sizeof m, "0002 8400 0001 0002 0000 0000 045f736970045f7564700365787400 0021 0001"
               " c00c 0021 0001 00000078 000c 000a 0005 13c4 03736970c016"
               " c00c 000c 0001 00000078 0002 c016");
    dns_udp()->parse_to_client(f->state, &f->ctx, m, n);
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.answer", 0), "10 5 5060 sip.ext");
    assert_string_equal(harness_meta_get(&f->seen, 1, "dns.answer", 1), "ext");
}

static void test_hostile_names(void **state)
{
    harness_fixture *f = *state;
    uint8_t m[1024];
    char out[DNS_NAME_TEXT_MAX];
    /* a pointer to itself, and a forward pointer: refused, no loop */
    size_t n = harness_hex(m, sizeof m, "0003 0100 0001 0000 0000 0000 c00c 0001 0001");
    cursor c = cursor_make(m, n);
    cursor_skip(&c, 12);
    assert_false(dns_read_name(m, n, &c, out, sizeof out));
    n = harness_hex(m, sizeof m, "0003 0100 0001 0000 0000 0000 c012 0001 0001 0000 0000");
    c = cursor_make(m, n);
    cursor_skip(&c, 12);
    assert_false(dns_read_name(m, n, &c, out, sizeof out));
    assert_int_equal(dns_udp()->probe(m, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    dns_udp()->parse_to_server(f->state, &f->ctx, m, n);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.malformed", 0), "true");
    /* two pointers chasing each other backwards is impossible; a chain
     * backwards is fine: "b" -> "a" -> root */
    n = harness_hex(m, sizeof m, "0161 00 0162 c000");
    c = cursor_make(m, n);
    cursor_skip(&c, 3);
    assert_true(dns_read_name(m, n, &c, out, sizeof out));
    assert_string_equal(out, "b.a");
    assert_int_equal(c.pos, n);
    /* 128 one-octet labels: too many labels, and over 255 octets */
    memset(m, 0, sizeof m);
    for (int i = 0; i < 128; i++) { m[2 * i] = 1; m[2 * i + 1] = 'x'; }
    c = cursor_make(m, 257);
    assert_false(dns_read_name(m, 257, &c, out, sizeof out));
    /* a label type 0x40 and a truncated label */
    n = harness_hex(m, sizeof m, "4161 00");
    c = cursor_make(m, n);
    assert_false(dns_read_name(m, n, &c, out, sizeof out));
    n = harness_hex(m, sizeof m, "0561 62");
    c = cursor_make(m, n);
    assert_false(dns_read_name(m, n, &c, out, sizeof out));
    /* unprintable octets and dots inside a label are escaped; root is "." */
    n = harness_hex(m, sizeof m, "03612e0a 00");
    c = cursor_make(m, n);
    assert_true(dns_read_name(m, n, &c, out, sizeof out));
    assert_string_equal(out, "a\\046\\010");
    n = harness_hex(m, sizeof m, "00");
    c = cursor_make(m, n);
    assert_true(dns_read_name(m, n, &c, out, sizeof out));
    assert_string_equal(out, ".");
    /* a truncated response header: nothing, no crash */
    n = harness_hex(m, sizeof m, "0003 8100 00");
    dns_udp()->parse_to_client(f->state, &f->ctx, m, n);
    assert_int_equal(f->seen.n_metas, 1);
}

static void test_tcp_split_packed_and_gap(void **state)
{
    harness_fixture *f = *state;
    uint8_t q[512], s[1024];
    size_t qn = harness_hex(q + 2, sizeof q - 2, QUERY);
    q[0] = 0; q[1] = (uint8_t)qn;
    qn += 2;
    /* two queries in one delivery */
    memcpy(s, q, qn);
    memcpy(s + qn, q, qn);
    assert_int_equal(f->pp->probe(s, 2 * qn, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(s, 1, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(s, 20, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    harness_to_server(f, s, 2 * qn);
    assert_int_equal(f->seen.n_metas, 2);
    /* one byte at a time */
    for (size_t i = 0; i < qn; i++) harness_to_server(f, q + i, 1);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(harness_meta_get(&f->seen, 2, "dns.query", 0), "www.example.com");
    /* half a message, a gap, then a whole one at the next delivery */
    harness_to_server(f, q, 10);
    harness_gap(f, NET_DIR_TO_SERVER, 100);
    harness_to_server(f, q, qn);
    assert_int_equal(f->seen.n_metas, 4);
    /* a length below a header loses sync for the rest of the delivery only */
    s[0] = 0; s[1] = 3;
    memcpy(s + 2, q, qn);
    harness_to_server(f, s, qn + 2);
    assert_int_equal(f->seen.n_metas, 4);
    harness_to_server(f, q, qn);
    assert_int_equal(f->seen.n_metas, 5);
    /* a long message: parsed from its kept prefix */
    uint8_t big[4000];
    memset(big, 0, sizeof big);
    size_t rn = harness_hex(big + 2, sizeof big - 2, RESPONSE);
    size_t total = 3000;
    big[0] = (uint8_t)(total >> 8); big[1] = (uint8_t)total;
    (void)rn;
    harness_to_client(f, big, total + 2);
    assert_int_equal(f->seen.n_metas, 6);
    assert_string_equal(harness_meta_get(&f->seen, 5, "dns.answer", 1), "93.184.216.34");
}

static void test_probe_and_mdns(void **state)
{
    harness_fixture *f = *state;
    uint8_t m[512];
    const char *junk = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    assert_int_equal(dns_udp()->probe((const uint8_t *)junk, strlen(junk), NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(dns_udp()->probe(m, 5, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    size_t n = harness_hex(m, sizeof m, QUERY);
    assert_int_equal(dns_udp()->probe(m, n - 1, NET_DIR_TO_SERVER), PROTO_PROBE_NO);   /* not whole */
    m[n] = 0;
    assert_int_equal(dns_udp()->probe(m, n + 1, NET_DIR_TO_SERVER), PROTO_PROBE_NO);   /* trailing byte */
    /* an mDNS announcement: no question, one PTR answer */
    n = harness_hex(m, sizeof m, "0000 8400 0000 0001 0000 0000 055f68747470045f746370056c6f63616c00 000c 0001 00001194 0007 046e766e31c00c");
    assert_int_equal(dns_udp()->probe(m, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    f->flow.server_port = 5353;
    dns_udp()->parse_to_server(f->state, &f->ctx, m, n);
    assert_string_equal(f->seen.protocol[0], "mdns");
    assert_string_equal(harness_meta_get(&f->seen, 0, "dns.answer", 0), "nvn1._http._tcp.local");
    assert_null(harness_meta_get(&f->seen, 0, "dns.query", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_and_paired_response, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_srv_ptr_and_nxdomain, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_hostile_names, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_tcp_split_packed_and_gap, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe_and_mdns, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
