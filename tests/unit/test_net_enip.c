/* test_net_enip.c - the EtherNet/IP and CIP parsers on hand-made PDUs:
 * commands, CIP services and their classes, pairing, Multiple Service Packet,
 * Unconnected Send, Forward Open, identities, split/packed/oversized PDUs,
 * malformed input, resync after loss, and the probes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/cip.h"
#include "net/proto/enip.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

static const char *cip_tag(const obs_ics_op *op) { return op->cip.tag; }
static int setup(void **state)
{
    int rc = harness_setup(state, "enip");
    ((harness_fixture *)*state)->op_text_of = cip_tag;
    return rc;
}

/* An encapsulation PDU: header (session 0x11223344, this status and
 * context) and data from hex. */
static size_t encap(uint8_t *out, uint16_t cmd, uint32_t status, uint64_t context, const char *data_hex)
{
    uint8_t d[2048];
    size_t n = harness_hex(d, sizeof d, data_hex);
    memset(out, 0, ENIP_HEADER_LEN);
    out[0] = (uint8_t)cmd; out[1] = (uint8_t)(cmd >> 8);
    out[2] = (uint8_t)n; out[3] = (uint8_t)(n >> 8);
    out[4] = 0x44; out[5] = 0x33; out[6] = 0x22; out[7] = 0x11;
    for (int i = 0; i < 4; i++) out[8 + i] = (uint8_t)(status >> (8 * i));
    for (int i = 0; i < 8; i++) out[12 + i] = (uint8_t)(context >> (8 * i));
    memcpy(out + ENIP_HEADER_LEN, d, n);
    return ENIP_HEADER_LEN + n;
}

/* SendRRData carrying one unconnected CIP message (hex). */
static size_t rr(uint8_t *out, uint64_t context, const char *cip_hex)
{
    uint8_t c[2048];
    size_t n = harness_hex(c, sizeof c, cip_hex);
    char buf[4400];
    int k = snprintf(buf, sizeof buf, "00000000 0a00 0200 0000 0000 b200 %02x%02x ", (unsigned)(n & 0xff), (unsigned)(n >> 8));
    for (size_t i = 0; i < n; i++) k += snprintf(buf + k, sizeof buf - (size_t)k, "%02x", c[i]);
    return encap(out, ENIP_CMD_SEND_RR_DATA, 0, context, buf);
}

/* SendUnitData carrying one connected CIP message with this sequence count. */
static size_t unit(uint8_t *out, uint32_t conn, uint16_t seq, const char *cip_hex)
{
    uint8_t c[900];
    size_t n = harness_hex(c, sizeof c, cip_hex) + 2;
    char buf[2400];
    int k = snprintf(buf, sizeof buf, "00000000 0000 0200 a100 0400 %02x%02x%02x%02x b100 %02x%02x %02x%02x ",
                     conn & 0xff, (conn >> 8) & 0xff, (conn >> 16) & 0xff, conn >> 24,
                     (unsigned)(n & 0xff), (unsigned)(n >> 8), seq & 0xff, seq >> 8);
    for (size_t i = 0; i < n - 2; i++) k += snprintf(buf + k, sizeof buf - (size_t)k, "%02x", c[i]);
    return encap(out, ENIP_CMD_SEND_UNIT_DATA, 0, 0, buf);
}

/* the CIP identity attributes of the 1756-ENBT/A in enip_cip_example.pcap */
#define ENBT_ATTRS "0100 0c00 3a00 04 03 3000 8e4d5200 0b 313735362d454e42542f41"

static void test_list_identity_and_register_session(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    harness_to_server(f, b, encap(b, ENIP_CMD_LIST_IDENTITY, 0, 7, ""));
    harness_to_client(f, b, encap(b, ENIP_CMD_LIST_IDENTITY, 0, 7,
                          "0100 0c00 2d00 0100 0002af120a0101a40000000000000000 " ENBT_ATTRS " 03"));
    harness_to_server(f, b, encap(b, ENIP_CMD_REGISTER_SESSION, 0, 8, "0100 0000"));
    harness_to_client(f, b, encap(b, ENIP_CMD_REGISTER_SESSION, 0, 8, "0100 0000"));
    assert_int_equal(f->seen.n_ops, 4);
    assert_string_equal(f->seen.ops[0].protocol, "enip");
    assert_int_equal(f->seen.ops[0].function, 0x63);
    assert_string_equal(f->seen.ops[0].function_name, "list_identity");
    assert_true(f->seen.ops[1].is_response && f->seen.ops[1].paired);
    assert_int_equal(f->seen.ops[2].function, 0x65);
    assert_true(f->seen.ops[3].paired);
    for (int i = 0; i < 4; i++) assert_false(f->seen.ops[i].malformed);
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.vendor, "Rockwell Automation/Allen-Bradley");
    assert_string_equal(f->seen.device_type, "Communications Adapter");
    assert_int_equal(f->seen.id.product_code, 58);
    assert_string_equal(f->seen.firmware, "4.3");
    assert_string_equal(f->seen.serial, "0x00524d8e");
    assert_string_equal(f->seen.product, "1756-ENBT/A");
}

static void test_unconnected_send_unwrapped_and_identity(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    /* Unconnected Send (CM 6/1) carrying Get_Attributes_All on Identity 1/1,
     * routed to backplane port 1, slot 3 */
    harness_to_server(f, b, rr(b, 0x42, "52 02 2006 2401 0a f0 0600 01 02 2001 2401 01 00 0103"));
    assert_int_equal(f->seen.n_ops, 3);
    assert_int_equal(f->seen.ops[1].function, 0x52);
    assert_string_equal(f->seen.ops[1].function_name, "unconnected_send");
    assert_int_equal(f->seen.ops[1].cip.class_id, 6);
    assert_false(f->seen.ops[1].malformed);
    assert_int_equal(f->seen.ops[2].function, 0x01);
    assert_string_equal(f->seen.ops[2].function_name, "get_attributes_all");
    assert_true(f->seen.ops[2].cip.has_class && f->seen.ops[2].cip.class_id == 1);
    assert_int_equal(f->seen.ops[2].unit_id, 3);
    assert_int_equal(f->seen.ops[2].transaction, 0x42);
    /* the target's reply comes back in the Unconnected Send's place */
    harness_to_client(f, b, rr(b, 0x42, "81 00 00 00 " ENBT_ATTRS));
    assert_int_equal(f->seen.n_ops, 5);
    const obs_ics_op *r = &f->seen.ops[4];
    assert_true(r->is_response && r->paired);
    assert_int_equal(r->function, 0x01);
    assert_int_equal(r->cip.class_id, 1);
    assert_true(f->seen.ops[3].paired);
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.product, "1756-ENBT/A");
    /* a routing error is the Unconnected Send's own reply */
    harness_to_server(f, b, rr(b, 0x43, "52 02 2006 2401 0a f0 0600 01 02 2001 2401 01 00 0109"));
    harness_to_client(f, b, rr(b, 0x43, "d2 00 01 01 0402"));
    r = &f->seen.ops[f->seen.n_ops - 1];
    assert_int_equal(r->function, 0x52);
    assert_true(r->paired && r->exception);
    assert_int_equal(r->exception_code, 1);
    assert_true(r->cip.has_extended_status);
    assert_int_equal(r->cip.extended_status, 0x0204);
}

static void test_multiple_service_packet_and_tags(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    /* MSP on Message Router: Read Tag "Motor.Speed" x1, Write Tag "Valve[2]" DINT 1 */
    harness_to_server(f, b, unit(b, 0x11, 9,
                         "0a 02 2002 2401 0200 0600 1a00 "
                         "4c 08 9105 4d6f746f7200 9105 537065656400 0100 "
                         "4d 05 9105 56616c766500 2802 c400 0100 01000000"));
    assert_int_equal(f->seen.n_ops, 4);
    assert_int_equal(f->seen.ops[1].function, 0x0a);
    assert_false(f->seen.ops[1].malformed);
    assert_int_equal(f->seen.ops[2].function, 0x4c);
    assert_string_equal(f->seen.ops[2].function_name, "read_tag");
    assert_string_equal(f->seen.op_text[2], "Motor.Speed");
    assert_false(f->seen.ops[2].is_write);
    assert_int_equal(f->seen.ops[3].function, 0x4d);
    assert_string_equal(f->seen.op_text[3], "Valve[2]");
    assert_true(f->seen.ops[3].is_write);
    assert_int_equal(f->seen.ops[3].transaction, 9);
    /* the reply: one success, one error with extended status */
    harness_to_client(f, b, unit(b, 0x22, 9, "8a 00 1e 00 0200 0600 1000 cc 00 00 00 c400 2a000000 cd 00 05 01 0501"));
    assert_int_equal(f->seen.n_ops, 8);
    assert_true(f->seen.ops[4].paired);
    assert_int_equal(f->seen.ops[5].function, 0x0a);
    assert_true(f->seen.ops[5].paired && f->seen.ops[5].exception);
    assert_int_equal(f->seen.ops[6].function, 0x4c);
    assert_true(f->seen.ops[6].is_response && f->seen.ops[6].paired && !f->seen.ops[6].exception);
    assert_int_equal(f->seen.ops[7].function, 0x4d);
    assert_true(f->seen.ops[7].exception);
    assert_int_equal(f->seen.ops[7].exception_code, 5);
    assert_int_equal(f->seen.ops[7].cip.extended_status, 0x0105);
}

typedef struct svc_case {
    const char *cip;
    uint8_t service;
    const char *name;
    bool is_write, is_control;
    uint32_t class_id;
} svc_case;

static void test_service_classes(void **state)
{
    harness_fixture *f = *state;
    static const svc_case cases[] = {
        { "0e 03 2001 2401 3001", 0x0e, "get_attribute_single", false, false, 1 },
        { "10 03 20f5 2401 3005 0a000001", 0x10, "set_attribute_single", true, false, 0xf5 },
        { "04 02 2004 2464 0100 0300 01", 0x04, "set_attribute_list", true, false, 4 },
        { "02 02 20f6 2401 00", 0x02, "set_attributes_all", true, false, 0xf6 },
        { "05 02 2001 2401 00", 0x05, "reset", false, true, 1 },
        { "05 02 2072 2401", 0x05, "reset", true, false, 0x72 },
        { "07 02 208e 2401", 0x07, "stop", false, true, 0x8e },
        { "06 02 208e 2401", 0x06, "start", false, true, 0x8e },
        { "08 02 2068 2401 0000", 0x08, "create", true, true, 0x68 },
        { "09 02 2004 2465", 0x09, "delete", true, false, 4 },
        { "50 02 2037 2401 0102", 0x50, "file_download_transfer", true, true, 0x37 },
        { "4b 02 2037 2401", 0x4b, "file_initiate_upload", false, true, 0x37 },
        { "50 03 2068 2520 2024", 0x50, "object_specific", true, true, 0x68 },
        { "52 04 9106 54616e6b3031 0100 00000000", 0x52, "read_tag_fragmented", false, false, 0 },
        { "53 04 9106 54616e6b3031 c400 0100 00000000 01000000", 0x53, "write_tag_fragmented", true, false, 0 },
        { "4e 04 9106 54616e6b3031 0400 ff000000 00ffffff", 0x4e, "read_modify_write_tag", true, false, 0 },
        { "55 03 206b 2500 0000 0200 0100 0200", 0x55, "get_instance_attribute_list", false, false, 0x6b },
        { "4c 02 206c 2401 0000 0000", 0x4c, "read_template", false, false, 0x6c },
    };
    uint8_t b[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        f->seen.n_ops = 0;
        harness_to_server(f, b, rr(b, i, cases[i].cip));
        assert_int_equal(f->seen.n_ops, 2);
        const obs_ics_op *op = &f->seen.ops[1];
        assert_string_equal(op->protocol, "cip");
        assert_int_equal(op->function, cases[i].service);
        assert_string_equal(op->function_name, cases[i].name);
        assert_int_equal(op->is_write, cases[i].is_write);
        assert_int_equal(op->is_control, cases[i].is_control);
        assert_int_equal(op->cip.class_id, cases[i].class_id);
        assert_false(op->malformed);
    }
}

static void test_forward_open_and_close(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    /* Forward Open: O->T 0, T->O 0x12345678, serial 0x0102, vendor 1,
     * originator serial 0xdeadbeef, RPIs 20 ms / 10 ms, class 3 to 2/1 */
    harness_to_server(f, b, rr(b, 5, "54 02 2006 2401 0a0e 00000000 78563412 0201 0100 efbeadde 03000000 "
                             "204e0000 f443 10270000 f443 a3 03 010020022401"));
    const obs_ics_op *op = &f->seen.ops[1];
    assert_string_equal(op->function_name, "forward_open");
    assert_false(op->malformed);
    assert_true(op->cip.has_connection);
    assert_int_equal(op->cip.to_connection_id, 0x12345678);
    assert_int_equal(op->cip.connection_serial, 0x0102);
    assert_int_equal(op->cip.originator_vendor, 1);
    assert_int_equal(op->cip.originator_serial, 0xdeadbeef);
    assert_int_equal(op->cip.ot_rpi_us, 20000);
    assert_int_equal(op->cip.to_rpi_us, 10000);
    assert_int_equal(op->cip.class_id, 2);       /* the connection's target */
    harness_to_client(f, b, rr(b, 5, "d4 00 00 00 01000080 78563412 0201 0100 efbeadde 204e0000 10270000 00 00"));
    op = &f->seen.ops[3];
    assert_true(op->paired && !op->exception);
    assert_int_equal(op->cip.ot_connection_id, 0x80000001);
    assert_int_equal(op->cip.to_connection_id, 0x12345678);
    /* Large Forward Open: 32-bit connection parameters */
    harness_to_server(f, b, rr(b, 6, "5b 02 2006 2401 0a0e 00000000 78563412 0301 0100 efbeadde 03000000 "
                             "204e0000 f4030042 10270000 f4030042 a3 03 010020022401"));
    op = &f->seen.ops[5];
    assert_string_equal(op->function_name, "large_forward_open");
    assert_false(op->malformed);
    assert_int_equal(op->cip.to_rpi_us, 10000);
    /* Forward Close */
    harness_to_server(f, b, rr(b, 7, "4e 02 2006 2401 0a0e 0201 0100 efbeadde 03 00 010020022401"));
    op = &f->seen.ops[7];
    assert_string_equal(op->function_name, "forward_close");
    assert_false(op->malformed);
    assert_int_equal(op->cip.connection_serial, 0x0102);
}

static void test_split_packed_and_oversized(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[3000];
    size_t n = rr(b, 1, "0e 03 2001 2401 3001");
    n += rr(b + n, 2, "0e 03 2001 2401 3007");
    for (size_t i = 0; i < n; i++) harness_to_server(f, b + i, 1);   /* byte by byte */
    assert_int_equal(f->seen.n_ops, 4);
    f->seen.n_ops = 0;
    harness_to_server(f, b, n);                              /* packed */
    assert_int_equal(f->seen.n_ops, 4);
    assert_int_equal(f->seen.ops[3].cip.attribute, 7);
    /* a PDU larger than the gathering buffer: its head is parsed, the rest
     * passed over, and the next PDU is framed */
    f->seen.n_ops = 0;
    char big[2 * 1400 + 64];
    int k = snprintf(big, sizeof big, "4d 04 9105 4c6f6e677300 c400 5e01 ");
    for (int i = 0; i < 1400 - 8; i++) k += snprintf(big + k, sizeof big - (size_t)k, "ab");
    size_t m = rr(b, 3, big);
    assert_true(m > ENIP_BUF);
    m += rr(b + m, 4, "0e 03 2001 2401 3001");
    for (size_t i = 0; i < m; i += 500) harness_to_server(f, b + i, m - i < 500 ? m - i : 500);
    assert_int_equal(f->seen.n_ops, 4);
    assert_int_equal(f->seen.ops[1].function, 0x4d);
    assert_true(f->seen.ops[1].is_write);
    assert_string_equal(f->seen.op_text[1], "Longs");
    assert_int_equal(f->seen.ops[3].function, 0x0e);
}

static void test_malformed_flagged(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    harness_to_server(f, b, rr(b, 1, "0e 05 2001 24"));      /* path longer than the message */
    assert_int_equal(f->seen.n_ops, 2);
    assert_true(f->seen.ops[1].malformed);
    harness_to_server(f, b, rr(b, 2, "0e 02 e001 2401"));    /* reserved segment type */
    assert_true(f->seen.ops[3].malformed);
    harness_to_server(f, b, rr(b, 3, "0a 02 2002 2401 0300 0800 0200 0900"));   /* bad offsets */
    assert_int_equal(f->seen.ops[5].function, 0x0a);
    assert_true(f->seen.ops[5].malformed);
    assert_int_equal(f->seen.n_ops, 6);                      /* nothing embedded counted */
    harness_to_server(f, b, encap(b, ENIP_CMD_SEND_RR_DATA, 0, 4, "00000000 0a00 0500"));   /* items missing */
    assert_true(f->seen.ops[6].malformed);
    harness_to_server(f, b, encap(b, ENIP_CMD_REGISTER_SESSION, 0, 5, "0100"));
    assert_true(f->seen.ops[7].malformed);
    /* an encapsulation error status on a reply is an exception */
    harness_to_client(f, b, encap(b, ENIP_CMD_SEND_RR_DATA, 0x64, 4, ""));
    assert_true(f->seen.ops[8].exception);
    assert_int_equal(f->seen.ops[8].exception_code, 0x64);
}

static void test_bad_header_and_gap_resync(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[512];
    size_t n = rr(b, 1, "0e 03 2001 2401 3001");
    b[0] = 0x99;                                 /* not a command: sync lost */
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 0);
    n = rr(b, 2, "0e 03 2001 2401 3001");
    harness_to_server(f, b, n);                  /* the next delivery resyncs */
    assert_int_equal(f->seen.n_ops, 2);
    /* half a PDU, then a gap: the partial PDU is dropped */
    harness_to_server(f, b, 20);
    harness_gap(f, NET_DIR_TO_SERVER, 100);
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 4);
    assert_false(f->seen.ops[3].malformed);
}

static void test_probe(void **state)
{
    (void)state;
    const proto_parser *tcp = proto_find("enip"), *udp = proto_find("enip-udp"), *io = proto_find("cip-io");
    assert_non_null(tcp); assert_non_null(udp); assert_non_null(io);
    uint8_t b[512];
    size_t n = encap(b, ENIP_CMD_LIST_IDENTITY, 0, 0, "");
    assert_int_equal(tcp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(tcp->probe(b, 1, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(tcp->probe(b, 10, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(udp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    n = encap(b, ENIP_CMD_REGISTER_SESSION, 0, 0, "0100 0000");
    assert_int_equal(tcp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    n = rr(b, 1, "0e 03 2001 2401 3001");
    assert_int_equal(tcp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(udp->probe(b, n - 1, NET_DIR_TO_SERVER), PROTO_PROBE_NO);   /* cut datagram */
    b[20] = 1;                                   /* options must be zero */
    assert_int_equal(tcp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = encap(b, ENIP_CMD_SEND_RR_DATA, 1, 0, "0000000000000000");
    assert_int_equal(tcp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);   /* a request with an error */
    assert_int_equal(tcp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(tcp->probe((const uint8_t *)"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(tcp->probe((const uint8_t *)"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    /* CIP I/O: sequenced address item and connected data filling the datagram */
    n = harness_hex(b, sizeof b, "0200 0280 0800 01000000 05000000 b100 0600 0500 01020304");
    assert_int_equal(io->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(io->probe(b, n - 1, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(io->probe(b, 3, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_udp_list_identity(void **state)
{
    (void)state;
    const proto_parser *udp = proto_find("enip-udp");
    harness_seen s;
    memset(&s, 0, sizeof s);
    net_flow flow;
    memset(&flow, 0, sizeof flow);
    obs_sink sink = harness_sink(&s);
    proto_ctx ctx = { &flow, 0, 1, &sink };
    void *st = calloc(1, udp->state_size);
    uint8_t b[512];
    size_t n = encap(b, ENIP_CMD_LIST_IDENTITY, 0, 0,
                     "0100 0c00 2d00 0100 0002af120a0101a40000000000000000 " ENBT_ATTRS " 03");
    udp->parse_to_client(st, &ctx, b, n);
    assert_int_equal(s.n_ops, 1);
    assert_int_equal(s.n_ids, 1);
    assert_string_equal(s.serial, "0x00524d8e");
    udp->parse_to_client(st, &ctx, b, n - 30);   /* a cut datagram: no identity, no crash */
    assert_int_equal(s.n_ids, 1);
    free(st);
}

static void test_epath(void **state)
{
    (void)state;
    uint8_t b[64];
    cip_path p;
    /* port 18 extended link "10.0.0.1" (8 bytes: odd total, padded), 16-bit class and instance, attribute */
    size_t n = harness_hex(b, sizeof b, "12 08 31302e302e302e31 2100 3412 2500 cdab 3005");
    assert_true(cip_parse_epath(cursor_make(b, n), &p));
    assert_true(p.has_port && p.port == 2);
    assert_int_equal(p.link, '1');
    assert_int_equal(p.class_id, 0x1234);
    assert_int_equal(p.instance, 0xabcd);
    assert_int_equal(p.attribute, 5);
    n = harness_hex(b, sizeof b, "01 03 2004 2c96 2c64");          /* backplane slot 3, assembly, connection points */
    assert_true(cip_parse_epath(cursor_make(b, n), &p));
    assert_int_equal(p.link, 3);
    assert_true(p.has_connection_point && p.connection_point == 0x96);
    n = harness_hex(b, sizeof b, "3401 0100 0e00 3600 1005");      /* electronic key: format 4 expected */
    assert_false(cip_parse_epath(cursor_make(b, n), &p));
    n = harness_hex(b, sizeof b, "3404 0100 0e00 3600 1005 2002 2401");
    assert_true(cip_parse_epath(cursor_make(b, n), &p));
    assert_int_equal(p.class_id, 2);
    n = harness_hex(b, sizeof b, "2003 24");                       /* truncated */
    assert_false(cip_parse_epath(cursor_make(b, n), &p));
    assert_string_equal(cip_service_name(0x52, true, 6), "unconnected_send");
    assert_string_equal(cip_service_name(0x52, false, 0), "read_tag_fragmented");
    assert_null(cip_vendor_name(65000));
    assert_string_equal(cip_device_type_name(14), "Programmable Logic Controller");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_identity_and_register_session, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_unconnected_send_unwrapped_and_identity, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_multiple_service_packet_and_tags, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_service_classes, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_forward_open_and_close, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_packed_and_oversized, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_flagged, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bad_header_and_gap_resync, setup, harness_teardown),
        cmocka_unit_test(test_probe),
        cmocka_unit_test(test_udp_list_identity),
        cmocka_unit_test(test_epath),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
