/* test_net_s7comm.c - the S7comm parser on hand-made and captured PDUs: job
 * functions and their write/control class, pairing, errors, SZL identity
 * across fragments, TPKT/COTP splits, packing and segmentation, resync, probe, S7comm-Plus. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_harness.h"
#include "net/proto/s7comm.h"

static const char *s7_service(const obs_ics_op *op) { return op->s7.service; }
static int setup(void **state)
{
    int rc = harness_setup(state, "s7comm");
    ((harness_fixture *)*state)->op_text_of = s7_service;
    return rc;
}

/* A TPKT with a COTP DT header (EOT set unless `more`) around a hex PDU. */
static size_t dt(uint8_t *out, const char *pdu_hex, bool more)
{
    uint8_t pdu[1600];
    size_t n = harness_hex(pdu, sizeof pdu, pdu_hex);
    size_t len = n + 7;
    out[0] = 3; out[1] = 0; out[2] = (uint8_t)(len >> 8); out[3] = (uint8_t)len;
    out[4] = 2; out[5] = 0xf0; out[6] = more ? 0x00 : 0x80;
    memcpy(out + 7, pdu, n);
    return len;
}

static void send_s(harness_fixture *f, const char *pdu) { uint8_t b[1700]; harness_to_server(f, b, dt(b, pdu, false)); }
static void send_c(harness_fixture *f, const char *pdu) { uint8_t b[1700]; harness_to_client(f, b, dt(b, pdu, false)); }
static obs_ics_op *last(harness_fixture *f) { assert_true(f->seen.n_ops > 0); return &f->seen.ops[f->seen.n_ops - 1]; }

/* Job PDUs, most from the ITI captures (download of DB1, TIA download of
 * OB1, s7ident), and what each one is. */
static void test_jobs_classified(void **state)
{
    harness_fixture *f = *state;
    static const struct {
        const char *pdu; uint8_t fc; bool write, control, download, upload; const char *block; uint32_t number;
        const char *service;
    } cases[] = {
        { "32010000000100080000 f0 00 0001 0001 01e0", 0xf0, false, false, false, false, NULL, 0, NULL },
        { "32010000 0002 000e 0000 04 01 120a10 02 0004 0001 84 000010", 0x04, false, false, false, false, NULL, 0, NULL },
        { "32010000000300 0e 0006 05 01 120a10 02 0002 0005 84 000018 00 04 0010 aabb", 0x05, true, false, false, false, NULL, 0, NULL },
        { "320100000e00002000001a00010000000000095f30413030303031500d31303030353030303030343030", 0x1a, true, true, true, false, "DB", 1, NULL },
        { "320100000100001200001b00000000000000095f3041303030303150", 0x1b, true, true, true, false, "DB", 1, NULL },
        { "320100000700001200001c00000000000000095f3041303030303150", 0x1c, true, true, true, false, "DB", 1, NULL },
        { "320100000600001200001d00000000000000095f3042303030303041", 0x1d, false, true, false, true, "SDB", 0, NULL },
        { "32010000000a00080000 1e 00 0000 00000007", 0x1e, false, true, false, true, NULL, 0, NULL },
        { "32010000000b00080000 1f 00 0000 00000007", 0x1f, false, true, false, true, NULL, 0, NULL },
        { "320100000f00001a000028000000000000fd000a01003041303030303150055f494e5345", 0x28, true, true, false, false, "DB", 1, "_INSE" },
        { "32010000000c00100000 29 0000000000 09 505f50524f4752414d", 0x29, false, true, false, false, NULL, 0, "P_PROGRAM" },
        { "32010000000d00140000 28 000000000000fd 0000 09 505f50524f4752414d", 0x28, false, true, false, false, NULL, 0, "P_PROGRAM" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        send_s(f, cases[i].pdu);
        assert_int_equal(f->seen.n_ops, (int)i + 1);
        obs_ics_op *op = last(f);
        assert_string_equal(op->protocol, "s7comm");
        assert_int_equal(op->function, cases[i].fc);
        assert_false(op->is_response);
        assert_false(op->malformed);
        assert_int_equal(op->s7.rosctr, S7_ROSCTR_JOB);
        assert_int_equal(op->is_write, cases[i].write);
        assert_int_equal(op->is_control, cases[i].control);
        assert_int_equal(op->s7.download, cases[i].download);
        assert_int_equal(op->s7.upload, cases[i].upload);
        assert_int_equal(op->s7.has_block, cases[i].block != NULL);
        if (cases[i].block) {
            assert_string_equal(op->s7.block_type, cases[i].block);
            assert_int_equal(op->s7.block_number, cases[i].number);
        }
        assert_string_equal(f->seen.op_text[i], cases[i].service ? cases[i].service : "");
    }
    obs_ics_op *rd = &f->seen.ops[1];
    assert_string_equal(rd->function_name, "read_var");
    assert_true(rd->has_range);
    assert_int_equal(rd->address, 2);            /* bit address 16: byte 2 */
    assert_int_equal(rd->quantity, 4);
    assert_int_equal(rd->s7.area, 0x84);
    assert_int_equal(rd->s7.db, 1);
    assert_int_equal(f->seen.ops[2].address, 3);
    assert_int_equal(f->seen.ops[2].s7.db, 5);
}

static void test_userdata_groups(void **state)
{
    harness_fixture *f = *state;
    /* read SZL 0x0011 (CPU functions), read clock, set clock, list blocks */
    send_s(f, "32070000 0005 0008 0008 000112 04 11 44 01 00 ff090004 0011 0000");
    obs_ics_op *op = last(f);
    assert_int_equal(op->function, S7_FC_USERDATA_BASE | S7_GRP_CPU);
    assert_string_equal(op->function_name, "cpu_functions");
    assert_true(op->has_subfunction);
    assert_int_equal(op->subfunction, 1);
    assert_true(op->s7.has_szl);
    assert_int_equal(op->s7.szl_id, 0x0011);
    assert_false(op->is_write);
    send_s(f, "32070000060000080004 000112 04 11 47 01 00 0a000000");
    assert_int_equal(last(f)->function, 0x47);
    assert_false(last(f)->is_write);
    send_s(f, "3207000007000008000e 000112 04 11 47 02 00 ff09000a 00191105231200000001");
    assert_int_equal(last(f)->function, 0x47);
    assert_string_equal(last(f)->function_name, "time_functions");
    assert_true(last(f)->is_write);              /* set clock */
    send_s(f, "32070000080000080004 000112 04 11 43 01 00 0a000000");
    assert_string_equal(last(f)->function_name, "block_functions");
    /* a response with a parameter error code */
    send_c(f, "32070000 0800 000c 0004 000112 08 12 83 01 00 00 00 d209 0a000000");
    op = last(f);
    assert_true(op->is_response);
    assert_true(op->paired);
    assert_true(op->exception);
    assert_int_equal(op->s7.error, 0xd209);
    assert_false(op->malformed);
}

static void test_responses_pair_and_errors(void **state)
{
    harness_fixture *f = *state;
    send_s(f, "32010000 0002 000e 0000 04 01 120a10 02 0004 0001 84 000010");
    send_c(f, "32030000 0002 0002 0004 0000 04 01 0a000000");   /* item: object does not exist */
    obs_ics_op *rsp = last(f);
    assert_true(rsp->is_response);
    assert_true(rsp->paired);
    assert_int_equal(rsp->function, 4);
    assert_true(rsp->exception);
    assert_int_equal(rsp->exception_code, 0x0a);
    assert_int_equal(rsp->address, 2);           /* range from the request */
    assert_int_equal(rsp->s7.db, 1);
    /* PI service response: the service and class come from the request */
    send_s(f, "320100000f00001a000028000000000000fd000a01003041303030303150055f494e5345");
    send_c(f, "32030000 0f00 0001 0000 0000 28");
    rsp = last(f);
    assert_true(rsp->paired);
    assert_true(rsp->is_write);
    assert_true(rsp->is_control);
    assert_string_equal(f->seen.op_text[f->seen.n_ops - 1], "_INSE");
    /* an Ack with a header error pairs by reference and takes the job's function */
    send_s(f, "320100000600001200001d00000000000000095f3042303030303041");
    send_c(f, "320200000600000000 00 d241");
    rsp = last(f);
    assert_int_equal(rsp->function, S7_FC_START_UPLOAD);
    assert_true(rsp->paired && rsp->exception && rsp->is_control);
    assert_int_equal(rsp->s7.error, 0xd241);
    /* an Ack nobody asked for */
    send_c(f, "320200000077000000000000");
    assert_int_equal(last(f)->function, 0xff);
    assert_false(last(f)->paired);
    /* a PLC-initiated job (download block) pairs with the client's Ack-Data */
    send_c(f, "320100000100001200001b00000000000000095f3041303030303150");
    send_s(f, "32030000 0100 0002 0006 0000 1b00 0002 00fb abcd");
    assert_true(last(f)->paired);
    assert_true(last(f)->s7.download);
}

static void test_malformed_and_foreign(void **state)
{
    harness_fixture *f = *state;
    send_s(f, "32010000 0002 000e 0000 04 01 120a10 02 0004");       /* parameter shorter than said */
    assert_true(last(f)->malformed);
    send_s(f, "32010000000300080000 77 00000000000000");        /* no such job function */
    assert_true(last(f)->malformed);
    send_s(f, "32070000 0005 0008 0004 000112 04 11 44 01 00");             /* userdata missing its data */
    assert_true(last(f)->malformed);
    int n = f->seen.n_ops;
    send_s(f, "3209000000000000000000");                         /* unknown ROSCTR: not counted */
    send_s(f, "a0a0a0");                                         /* not S7 */
    send_s(f, "32");                                             /* header cut */
    assert_int_equal(f->seen.n_ops, n);
}

/* Module identification (0x0011) and component identification (0x001C)
 * as the snap7 server in s7ident answers, the second one in two userdata
 * fragments (data unit reference 6) with a follow-up request between. */
static void test_identity_from_szl(void **state)
{
    harness_fixture *f = *state;
    send_s(f, "32070000 0001 0008 0008 000112 04 11 44 01 00 ff090004 0011 0000");
    send_c(f, "320700000001000c007c000112081284010000000000ff09007800110000001c0004000136455337203331352d3245483134"
              "2d304142302000c000040001000636455337203331352d32454831342d304142302000c00004000100072020202020202020"
              "20202020202020202020202000c0560302060081426f6f74204c6f61646572202020202020202020000041200909");
    assert_int_equal(f->seen.n_ids, 0);          /* one list of two: wait */
    assert_true(last(f)->paired);
    assert_int_equal(last(f)->s7.szl_id, 0x0011);
    /* 0x001C: header and records 1, 2 and part of 3; more follows (unit 6) */
    send_s(f, "32070000 0002 0008 0008 000112 04 11 44 01 00 ff090004 001c 0000");
    send_c(f, "320700000002000c005c000112081284010106010000ff090058001c0000002200050001534e4150372d5345525645520000"
              "0000000000000000000000000000000000000002435055203331352d3220504e2f4450000000000000000000000000000000"
              "0000000300000000000000000000");
    assert_int_equal(f->seen.n_ids, 0);
    assert_int_equal(last(f)->s7.szl_id, 0x001c);
    /* the follow-up request for unit 6, then the rest: records 3, 5, 7 */
    send_s(f, "32070000 0003 000c 0004 000112 08 12 44 01 02 06 00 0000 0a000000");
    send_c(f, "320700000003000c005e000112081284010206000000ff09005a000000000000000000000000000000000000000000000005"
              "5320432d433255523238393232303132000000000000000000000000000000000007435055203331352d3220504e2f445000"
              "00000000000000000000000000000000");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.vendor, "Siemens");
    assert_string_equal(f->seen.model, "6ES7 315-2EH14-0AB0");
    assert_string_equal(f->seen.firmware, "3.2.6");
    assert_string_equal(f->seen.product, "CPU 315-2 PN/DP");
    assert_string_equal(f->seen.serial, "S C-C2UR28922012");
    assert_string_equal(f->seen.name, "SNAP7-SERVER");
    assert_string_equal(f->seen.plant, "");
    assert_true(last(f)->paired);
    assert_false(last(f)->malformed);
    assert_int_equal(last(f)->s7.szl_id, 0x001c);
    /* nothing new: nothing more at flow end */
    f->pp->end(f->state, &f->ctx);
    assert_int_equal(f->seen.n_ids, 1);
}

static void test_partial_identity_at_flow_end(void **state)
{
    harness_fixture *f = *state;
    send_s(f, "32070000 0001 0008 0008 000112 04 11 44 01 00 ff090004 0111 0001");
    send_c(f, "320700000001000c0028000112081284010000000000ff09002401110001001c0001000136455337203231342d3141473430"
              "2d3058423020000000010001");
    assert_int_equal(f->seen.n_ids, 0);
    f->pp->end(f->state, &f->ctx);
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.model, "6ES7 214-1AG40-0XB0");
    assert_string_equal(f->seen.firmware, "");
}

static void test_split_packed_and_segmented(void **state)
{
    harness_fixture *f = *state;
    uint8_t stream[2048];
    size_t n = 0;
    n += dt(stream + n, "32010000000100080000 f0 00 0001 0001 01e0", false);
    n += dt(stream + n, "32010000 0002 000e 0000 04 01 120a10 02 0004 0001 84 000010", false);
    n += dt(stream + n, "32010000000c00100000 29 0000000000 09 505f50524f4752414d", false);
    harness_to_server(f, stream, n);             /* packed: three PDUs in one delivery */
    assert_int_equal(f->seen.n_ops, 3);
    for (size_t i = 0; i < n; i++) harness_to_server(f, stream + i, 1);   /* one byte at a time */
    assert_int_equal(f->seen.n_ops, 6);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(f->seen.ops[i].function, f->seen.ops[i + 3].function);
        assert_false(f->seen.ops[i + 3].malformed);
    }
    /* one S7 PDU in two COTP DT TPDUs (EOT clear on the first) */
    const char *pdu = "32010000 0002 000e 0000 04 01 120a10 02 0004 0001 84 000010";
    uint8_t whole[64];
    size_t w = harness_hex(whole, sizeof whole, pdu);
    uint8_t seg[128];
    size_t k = 0;
    seg[k++] = 3; seg[k++] = 0; seg[k++] = 0; seg[k++] = (uint8_t)(7 + 10); seg[k++] = 2; seg[k++] = 0xf0; seg[k++] = 0x00;
    memcpy(seg + k, whole, 10); k += 10;
    seg[k++] = 3; seg[k++] = 0; seg[k++] = 0; seg[k++] = (uint8_t)(7 + w - 10); seg[k++] = 2; seg[k++] = 0xf0; seg[k++] = 0x80;
    memcpy(seg + k, whole + 10, w - 10); k += w - 10;
    harness_to_server(f, seg, k);
    assert_int_equal(f->seen.n_ops, 7);
    assert_int_equal(last(f)->function, 4);
    assert_false(last(f)->malformed);
    assert_int_equal(last(f)->quantity, 4);
    /* non-DT TPDUs (connect request, disconnect) count nothing */
    uint8_t cr[] = { 3, 0, 0, 22, 17, 0xe0, 0, 0, 0, 1, 0, 0xc0, 1, 0x0a, 0xc1, 2, 1, 0, 0xc2, 2, 1, 2 };
    harness_to_server(f, cr, sizeof cr);
    assert_int_equal(f->seen.n_ops, 7);
}

static void test_oversized_pdu_truncated_not_lost(void **state)
{
    harness_fixture *f = *state;
    /* a 1400-byte write: more than the framer keeps; counted, not malformed */
    static char pdu[3200];
    int n = snprintf(pdu, sizeof pdu, "320100000009000e%04x 05 01 120a10 02 0564 0001 84 000000 0004 2b20", 4 + 1380);
    for (int i = 0; i < 1380; i++) n += snprintf(pdu + n, sizeof pdu - (size_t)n, "ab");
    static uint8_t b[1700];
    size_t len = dt(b, pdu, false);
    assert_true(len > 1400);
    harness_to_server(f, b, len);
    assert_int_equal(f->seen.n_ops, 1);
    assert_int_equal(last(f)->function, 5);
    assert_true(last(f)->is_write);
    assert_false(last(f)->malformed);
    send_s(f, "32010000000100080000 f0 00 0001 0001 01e0");   /* and the stream goes on */
    assert_int_equal(f->seen.n_ops, 2);
}

static void test_bad_header_and_gap_resync(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[256];
    size_t n = dt(b, "32010000000100080000 f0 00 0001 0001 01e0", false);
    /* garbage: lost until the next delivery, which starts a TPKT */
    uint8_t junk[] = { 0x47, 0x45, 0x54, 0x20, 0x2f, 0x20, 0x48, 0x54, 0x54, 0x50 };
    harness_to_server(f, junk, sizeof junk);
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 1);
    /* half a TPKT, a gap, then whole ones */
    harness_to_server(f, b, 9);
    harness_gap(f, NET_DIR_TO_SERVER, 100);
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_ops, 2);
    assert_false(last(f)->malformed);
    /* a TPKT length too small to hold COTP */
    uint8_t tiny[] = { 3, 0, 0, 5, 2, 0xf0, 0x80 };
    harness_to_client(f, tiny, sizeof tiny);
    harness_to_client(f, b, n);
    assert_int_equal(f->seen.n_ops, 3);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[128];
    size_t n = dt(b, "32010000000100080000 f0 00 0001 0001 01e0", false);
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 3, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(b, 8, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    n = dt(b, "72020010 31 0000 054c 0000 0001 00000000 00", false);
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    n = dt(b, "60 1234", false);                                 /* another payload on COTP */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    /* connect requests: S7 TSAPs (PG, rack 0 slot 2), S7comm-Plus's name, MMS's, RDP's */
    uint8_t s7cr[] = { 3, 0, 0, 22, 17, 0xe0, 0, 0, 0, 1, 0, 0xc0, 1, 0x0a, 0xc1, 2, 1, 0, 0xc2, 2, 1, 2 };
    assert_int_equal(f->pp->probe(s7cr, sizeof s7cr, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(s7cr, 12, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    uint8_t pluscr[] = { 3, 0, 0, 36, 31, 0xe0, 0, 0, 0, 1, 0, 0xc1, 2, 0x06, 0, 0xc2, 16,
                         'S', 'I', 'M', 'A', 'T', 'I', 'C', '-', 'R', 'O', 'O', 'T', '-', 'H', 'M', 'I', 0xc0, 1, 0x0a };
    assert_int_equal(f->pp->probe(pluscr, sizeof pluscr, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    uint8_t mmscr[] = { 3, 0, 0, 22, 17, 0xe0, 0, 0, 0, 1, 0, 0xc0, 1, 0x0d, 0xc1, 2, 0, 1, 0xc2, 2, 0, 1 };
    assert_int_equal(f->pp->probe(mmscr, sizeof mmscr, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    uint8_t rdpcr[] = { 3, 0, 0, 19, 14, 0xe0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 3, 0, 0, 0 };
    assert_int_equal(f->pp->probe(rdpcr, sizeof rdpcr, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    const char *http = "GET / HTTP/1.1\r\n";
    assert_int_equal(f->pp->probe((const uint8_t *)http, strlen(http), NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_s7comm_plus(void **state)
{
    harness_fixture *f = *state;
    /* V2 SetVariable of the CPU's operating state (object 52, attribute 2167) */
    send_s(f, "72020017 31 0000 04f2 0000 0005 70000001 34 00000034 01 9077 0801 72020000");
    obs_ics_op *op = last(f);
    assert_string_equal(op->protocol, "s7comm-plus");
    assert_int_equal(op->function, S7PLUS_FC_SET_VARIABLE);
    assert_string_equal(op->function_name, "set_variable");
    assert_int_equal(op->transaction, 5);
    assert_int_equal(op->s7.session, 0x70000001);
    assert_int_equal(op->s7.version, 2);
    assert_true(op->s7.integrity);
    assert_true(op->is_write);
    assert_true(op->is_control);
    assert_int_equal(op->address, 2167);
    assert_string_equal(f->seen.op_text[f->seen.n_ops - 1], "operating_state");
    assert_false(op->malformed);
    /* its response, with an error return value (-12: object not found, VLQ) */
    send_c(f, "7202000d 32 0000 04f2 0000 0005 00 83ff74 72020000");
    op = last(f);
    assert_true(op->is_response);
    assert_true(op->paired);
    assert_true(op->exception);
    assert_int_equal((int16_t)op->s7.error, -12);
    /* V3 with its integrity part; SetMultiVariables writes, GetMultiVariables reads */
    send_s(f, "72030030 20 0000000000000000000000000000000000000000000000000000000000000000"
              "31 0000 0542 0000 0006 70000001 34 00 72030000");
    op = last(f);
    assert_int_equal(op->s7.version, 3);
    assert_true(op->s7.integrity);
    assert_true(op->is_write);
    assert_false(op->is_control);
    send_s(f, "7202000f 31 0000 054c 0000 0007 70000001 34 00 72020000");
    assert_false(last(f)->is_write);
    /* a session opens and closes: housekeeping, not a program change */
    send_s(f, "72010013 31 0000 04ca 0000 0001 00000120 36 0000011d 00 72010000");
    assert_false(last(f)->is_write);
    assert_false(last(f)->is_control);
    send_s(f, "72020012 31 0000 04d4 0000 0008 70000001 34 70000001 72020000");
    assert_false(last(f)->is_write);
    /* creating or deleting any other object changes the program */
    send_s(f, "72020013 31 0000 04ca 0000 0009 70000001 34 00000003 00 72020000");
    assert_true(last(f)->is_write && last(f)->is_control && last(f)->s7.download);
    send_s(f, "72020012 31 0000 04d4 0000 000a 70000001 34 00010009 72020000");
    assert_true(last(f)->is_write && last(f)->is_control);
    /* a message in two fragments counts once; keep-alives not at all */
    int n = f->seen.n_ops;
    send_s(f, "7202000f 31 0000 0542 0000 000b 70000001 34 00");
    send_s(f, "72020004 aabbccdd 72020000");
    send_s(f, "72ff0100");
    assert_int_equal(f->seen.n_ops, n + 1);
    assert_int_equal(last(f)->function, S7PLUS_FC_SET_MULTI_VARIABLES);
    /* a bad version is counted as malformed */
    send_s(f, "72090004 31000000 72090000");
    assert_true(last(f)->malformed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_jobs_classified, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_userdata_groups, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_responses_pair_and_errors, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_and_foreign, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_identity_from_szl, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_partial_identity_at_flow_end, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_packed_and_segmented, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_oversized_pdu_truncated_not_lost, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bad_header_and_gap_resync, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_s7comm_plus, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
