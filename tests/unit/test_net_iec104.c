/* test_net_iec104.c - the IEC 60870-5-104 parser on hand-made APDUs: every
 * classified type id, I/S/U formats, causes and negative confirmations,
 * pairing, split and packed APDUs, garbage and gap resync, probe. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/iec104.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

static int setup(void **state) { return harness_setup(state, "iec104"); }

/* An I-format APDU with these sequence numbers around a hex ASDU. */
static size_t i_apdu(uint8_t *out, size_t cap, uint16_t ns, uint16_t nr, const char *asdu)
{
    size_t n = harness_hex(out + 6, cap - 6, asdu);
    out[0] = 0x68; out[1] = (uint8_t)(n + 4);
    out[2] = (uint8_t)(ns << 1); out[3] = (uint8_t)(ns >> 7);
    out[4] = (uint8_t)(nr << 1); out[5] = (uint8_t)(nr >> 7);
    return n + 6;
}

static const obs_ics_op *asdu(harness_fixture *f, net_dir dir, const char *hex_asdu)
{
    uint8_t b[300];
    size_t n = i_apdu(b, sizeof b, 3, 5, hex_asdu);
    int before = f->seen.n_ops;
    harness_feed(f, dir, b, n);
    assert_int_equal(f->seen.n_ops, before + 1);
    return &f->seen.ops[f->seen.n_ops - 1];
}

typedef struct type_case {
    const char *asdu;
    uint8_t type;
    bool is_write, is_control;
} type_case;

/* ASDU header: type, VSQ, COT, originator, common address (LE); then IOA (LE, 3) */
static void test_command_types_and_classes(void **state)
{
    harness_fixture *f = *state;
    static const type_case cases[] = {
        { "2d 01 06 00 0100 e80300 81", 45, false, true },                   /* C_SC_NA_1 select/execute on */
        { "2e 01 06 00 0100 e90300 02", 46, false, true },                   /* C_DC_NA_1 */
        { "2f 01 06 00 0100 ea0300 02", 47, false, true },                   /* C_RC_NA_1 */
        { "30 01 06 00 0100 eb0300 6400 00", 48, true, false },              /* C_SE_NA_1 */
        { "31 01 06 00 0100 ec0300 6400 00", 49, true, false },              /* C_SE_NB_1 */
        { "32 01 06 00 0100 ed0300 0000c842 00", 50, true, false },          /* C_SE_NC_1 */
        { "33 01 06 00 0100 ee0300 01020304", 51, true, false },             /* C_BO_NA_1 */
        { "3a 01 06 00 0100 e80300 01 00000000000000", 58, false, true },    /* time-tagged commands */
        { "3b 01 06 00 0100 e80300 01 00000000000000", 59, false, true },
        { "3c 01 06 00 0100 e80300 01 00000000000000", 60, false, true },
        { "3d 01 06 00 0100 e80300 6400 00 00000000000000", 61, true, false },
        { "3e 01 06 00 0100 e80300 6400 00 00000000000000", 62, true, false },
        { "3f 01 06 00 0100 e80300 0000c842 00 00000000000000", 63, true, false },
        { "40 01 06 00 0100 e80300 01020304 00000000000000", 64, true, false },
        { "64 01 06 00 0100 000000 14", 100, false, false },                 /* C_IC_NA_1 station */
        { "65 01 06 00 0100 000000 05", 101, false, false },                 /* C_CI_NA_1 read, no freeze */
        { "65 01 06 00 0100 000000 85", 101, true, false },                  /* FRZ 2: freeze with reset */
        { "66 01 05 00 0100 e80300", 102, false, false },                    /* C_RD_NA_1 */
        { "67 01 06 00 0100 000000 00000000000000", 103, true, false },      /* C_CS_NA_1 */
        { "68 01 06 00 0100 000000 55aa", 104, false, false },               /* C_TS_NA_1 */
        { "69 01 06 00 0100 000000 01", 105, false, true },                  /* C_RP_NA_1 */
        { "6b 01 06 00 0100 000000 0100 00000000000000", 107, false, false },/* C_TS_TA_1 */
        { "6e 01 06 00 0100 e80300 6400 01", 110, true, false },             /* P_ME_NA_1 */
        { "6f 01 06 00 0100 e80300 6400 01", 111, true, false },
        { "70 01 06 00 0100 e80300 0000c842 01", 112, true, false },
        { "71 01 06 00 0100 e80300 01", 113, true, false },                  /* P_AC_NA_1 */
        { "7a 01 0d 00 0100 000000 0100 00 01", 122, false, true },          /* F_SC_NA_1 select file */
        { "7d 01 0d 00 0100 000000 0100 01 03 aabbcc", 125, true, true },    /* F_SG_NA_1 segment */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const obs_ics_op *op = asdu(f, NET_DIR_TO_SERVER, cases[i].asdu);
        assert_string_equal(op->protocol, "iec104");
        assert_int_equal(op->function, cases[i].type);
        assert_string_equal(op->function_name, iec104_type_name(cases[i].type));
        assert_int_equal(op->is_write, cases[i].is_write);
        assert_int_equal(op->is_control, cases[i].is_control);
        assert_false(op->is_response);
        assert_false(op->malformed);
        assert_int_equal(op->unit_id, 1);
        assert_int_equal(op->iec104.format, 'I');
        assert_true(op->has_range);
    }
    const obs_ics_op *sc = &f->seen.ops[0];
    assert_string_equal(sc->function_name, "C_SC_NA_1");
    assert_int_equal(sc->address, 1000);
    assert_int_equal(sc->quantity, 1);
    assert_int_equal(sc->iec104.cause, IEC104_COT_ACT);
    assert_int_equal(sc->iec104.send_seq, 3);
    assert_int_equal(sc->iec104.recv_seq, 5);
    assert_int_equal(sc->transaction, 3);
    assert_int_equal(f->seen.n_ids, 0);
}

static void test_monitoring_and_objects(void **state)
{
    harness_fixture *f = *state;
    /* M_ME_NC_1, SQ=0, two objects, spontaneous */
    const obs_ics_op *op = asdu(f, NET_DIR_TO_CLIENT, "0d 02 03 00 0200 140500 0000c842 00 150500 0000c842 00");
    assert_true(op->is_response);
    assert_false(op->paired);
    assert_false(op->malformed);
    assert_int_equal(op->address, 1300);
    assert_int_equal(op->quantity, 2);
    assert_int_equal(op->unit_id, 2);
    assert_false(op->iec104.sq);
    /* M_SP_NA_1, SQ=1: one address, three elements */
    op = asdu(f, NET_DIR_TO_CLIENT, "01 83 14 00 0200 010000 01 00 01");
    assert_true(op->iec104.sq);
    assert_int_equal(op->iec104.n_objects, 3);
    assert_false(op->malformed);
    /* wrong element count for the type: malformed */
    op = asdu(f, NET_DIR_TO_CLIENT, "0d 02 03 00 0200 140500 0000c842 00");
    assert_true(op->malformed);
    /* test bit, originator address */
    op = asdu(f, NET_DIR_TO_CLIENT, "1e 01 83 07 0200 010000 01 00000000000000");
    assert_true(op->iec104.test);
    assert_int_equal(op->iec104.originator, 7);
    assert_int_equal(op->function, 30);
    /* M_EI_NA_1 end of initialisation */
    op = asdu(f, NET_DIR_TO_CLIENT, "46 01 04 00 0200 000000 00");
    assert_true(op->is_response);
    assert_string_equal(op->function_name, "M_EI_NA_1");
}

static void test_pairing_and_negative(void **state)
{
    harness_fixture *f = *state;
    asdu(f, NET_DIR_TO_SERVER, "2d 01 06 00 0100 e80300 81");
    const obs_ics_op *op = asdu(f, NET_DIR_TO_CLIENT, "2d 01 07 00 0100 e80300 81");
    assert_true(op->is_response);
    assert_true(op->paired);
    assert_true(op->is_control);               /* the confirmation of a command */
    op = asdu(f, NET_DIR_TO_CLIENT, "2d 01 0a 00 0100 e80300 81");
    assert_true(op->paired);                   /* the termination ends it */
    op = asdu(f, NET_DIR_TO_CLIENT, "2d 01 0a 00 0100 e80300 81");
    assert_false(op->paired);
    /* negative confirmation */
    asdu(f, NET_DIR_TO_SERVER, "2e 01 06 00 0100 e90300 02");
    op = asdu(f, NET_DIR_TO_CLIENT, "2e 01 47 00 0100 e90300 02");
    assert_true(op->exception);
    assert_true(op->iec104.negative);
    assert_int_equal(op->exception_code, IEC104_COT_ACTCON);
    assert_true(op->paired);
    /* unknown information object address */
    asdu(f, NET_DIR_TO_SERVER, "30 01 06 00 0100 990300 6400 00");
    op = asdu(f, NET_DIR_TO_CLIENT, "30 01 2f 00 0100 990300 6400 00");
    assert_true(op->exception);
    assert_int_equal(op->exception_code, IEC104_COT_UNKNOWN_IOA);
    assert_true(op->paired);
    assert_true(op->is_write);
    /* interrogation: con, interrogated data (paired by common address), term */
    asdu(f, NET_DIR_TO_SERVER, "64 01 06 00 0500 000000 14");
    op = asdu(f, NET_DIR_TO_CLIENT, "64 01 07 00 0500 000000 14");
    assert_true(op->paired);
    op = asdu(f, NET_DIR_TO_CLIENT, "01 01 14 00 0500 010000 01");
    assert_true(op->paired);
    op = asdu(f, NET_DIR_TO_CLIENT, "64 01 0a 00 0500 000000 14");
    assert_true(op->paired);
    op = asdu(f, NET_DIR_TO_CLIENT, "01 01 14 00 0500 010000 01");
    assert_false(op->paired);                  /* after the termination */
    /* another common address does not pair */
    asdu(f, NET_DIR_TO_SERVER, "64 01 06 00 0500 000000 14");
    op = asdu(f, NET_DIR_TO_CLIENT, "64 01 07 00 0600 000000 14");
    assert_false(op->paired);
    /* read: the requested data pairs */
    asdu(f, NET_DIR_TO_SERVER, "66 01 05 00 0100 e80300");
    op = asdu(f, NET_DIR_TO_CLIENT, "0d 01 05 00 0100 e80300 0000c842 00");
    assert_true(op->paired);
}

static void test_s_and_u_frames(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[16];
    static const struct { const char *hex; net_dir dir; uint16_t fn; bool response, paired; } cases[] = {
        { "68 04 07 00 00 00", NET_DIR_TO_SERVER, IEC104_FN_U + 1, false, false },
        { "68 04 0b 00 00 00", NET_DIR_TO_CLIENT, IEC104_FN_U + 2, true, true },
        { "68 04 43 00 00 00", NET_DIR_TO_CLIENT, IEC104_FN_U + 16, false, false },   /* TESTFR act from the station */
        { "68 04 83 00 00 00", NET_DIR_TO_SERVER, IEC104_FN_U + 32, true, true },
        { "68 04 13 00 00 00", NET_DIR_TO_SERVER, IEC104_FN_U + 4, false, false },
        { "68 04 23 00 00 00", NET_DIR_TO_CLIENT, IEC104_FN_U + 8, true, true },
        { "68 04 23 00 00 00", NET_DIR_TO_CLIENT, IEC104_FN_U + 8, true, false },     /* a second con: nothing asked */
        { "68 04 01 00 9c 00", NET_DIR_TO_SERVER, IEC104_FN_S, false, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = harness_hex(b, sizeof b, cases[i].hex);
        harness_feed(f, cases[i].dir, b, n);
        const obs_ics_op *op = &f->seen.ops[f->seen.n_ops - 1];
        assert_int_equal(f->seen.n_ops, (int)i + 1);
        assert_int_equal(op->function, cases[i].fn);
        assert_int_equal(op->is_response, cases[i].response);
        assert_int_equal(op->paired, cases[i].paired);
        assert_false(op->malformed);
        assert_false(op->is_write || op->is_control);
    }
    assert_string_equal(f->seen.ops[0].function_name, "STARTDT_act");
    assert_int_equal(f->seen.ops[7].iec104.format, 'S');
    assert_int_equal(f->seen.ops[7].iec104.recv_seq, 78);
    /* two U bits at once, an S-frame with an ASDU: malformed */
    size_t n = harness_hex(b, sizeof b, "68 04 0f 00 00 00");
    harness_feed(f, NET_DIR_TO_SERVER, b, n);
    assert_true(f->seen.ops[f->seen.n_ops - 1].malformed);
    n = harness_hex(b, sizeof b, "68 05 01 00 00 00 01");
    harness_feed(f, NET_DIR_TO_SERVER, b, n);
    assert_true(f->seen.ops[f->seen.n_ops - 1].malformed);
}

static void test_split_and_packed_apdus(void **state)
{
    harness_fixture *f = *state;
    uint8_t stream[512];
    size_t n = 0;
    n += harness_hex(stream + n, sizeof stream - n, "68 04 07 00 00 00");
    n += i_apdu(stream + n, sizeof stream - n, 0, 0, "64 01 06 00 0100 000000 14");
    n += i_apdu(stream + n, sizeof stream - n, 1, 0, "2d 01 06 00 0100 e80300 81");
    n += harness_hex(stream + n, sizeof stream - n, "68 04 01 00 02 00");
    /* one byte at a time */
    for (size_t i = 0; i < n; i++) harness_feed(f, NET_DIR_TO_SERVER, stream + i, 1);
    assert_int_equal(f->seen.n_ops, 4);
    assert_int_equal(f->seen.ops[1].function, 100);
    assert_int_equal(f->seen.ops[2].function, 45);
    assert_int_equal(f->seen.ops[2].iec104.send_seq, 1);
    /* all at once, then cut at every offset into two deliveries */
    harness_feed(f, NET_DIR_TO_SERVER, stream, n);
    assert_int_equal(f->seen.n_ops, 8);
    for (size_t cut = 1; cut < n; cut++) {
        f->seen.n_ops = 8;
        harness_feed(f, NET_DIR_TO_CLIENT, stream, cut);
        harness_feed(f, NET_DIR_TO_CLIENT, stream + cut, n - cut);
        assert_int_equal(f->seen.n_ops, 12);
        assert_int_equal(f->seen.ops[9].function, 100);
        assert_int_equal(f->seen.ops[10].function, 45);
        assert_int_equal(f->seen.ops[11].function, IEC104_FN_S);
        assert_false(f->seen.ops[10].malformed);
    }
}

static void test_garbage_truncation_and_gap(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[64];
    /* a garbage prefix before a start octet is skipped (as tshark does) */
    size_t n = harness_hex(b, sizeof b, "08 08 08 08 08 08 08 08 68 06 18 18 18 18 18 18");
    harness_feed(f, NET_DIR_TO_SERVER, b, n);
    assert_int_equal(f->seen.n_ops, 1);
    assert_int_equal(f->seen.ops[0].function, 24);   /* an undefined type id, two octets of ASDU */
    assert_true(f->seen.ops[0].malformed);
    assert_string_equal(f->seen.ops[0].function_name, "unknown");
    /* an ASDU cut before its common address */
    n = harness_hex(b, sizeof b, "0a 0a 68 08 1a 1a 1a 1a 1a 1a 1a 1a");
    harness_feed(f, NET_DIR_TO_SERVER, b, n);
    assert_int_equal(f->seen.n_ops, 2);
    assert_int_equal(f->seen.ops[1].function, 26);
    assert_true(f->seen.ops[1].malformed);
    /* an I-format without an ASDU */
    n = harness_hex(b, sizeof b, "68 04 02 00 02 00");
    harness_feed(f, NET_DIR_TO_SERVER, b, n);
    assert_int_equal(f->seen.ops[2].function, IEC104_FN_NO_ASDU);
    assert_true(f->seen.ops[2].malformed);
    /* a start octet with an impossible length is data: hunting goes on */
    n = harness_hex(b, sizeof b, "68 02 68 ff 68 04 07 00 00 00");
    harness_feed(f, NET_DIR_TO_SERVER, b, n);
    assert_int_equal(f->seen.n_ops, 4);
    assert_int_equal(f->seen.ops[3].function, IEC104_FN_U + 1);
    /* half an APDU, a gap, then a whole one: the half is dropped */
    n = i_apdu(b, sizeof b, 0, 0, "2d 01 06 00 0100 e80300 81");
    harness_feed(f, NET_DIR_TO_CLIENT, b, 7);
    harness_gap(f, NET_DIR_TO_CLIENT, 1000);
    harness_feed(f, NET_DIR_TO_CLIENT, b + 7, n - 7);   /* the rest of it: no start octet, skipped */
    harness_feed(f, NET_DIR_TO_CLIENT, b, n);
    assert_int_equal(f->seen.n_ops, 5);
    assert_int_equal(f->seen.ops[4].function, 45);
    assert_false(f->seen.ops[4].malformed);
    /* every prefix of an APDU, each on a fresh flow: nothing or one op, no overread */
    n = i_apdu(b, sizeof b, 9, 9, "0d 02 03 00 0200 140500 0000c842 00 150500 0000c842 00");
    for (size_t k = 0; k <= n; k++) {
        memset(f->state, 0, f->pp->state_size);
        int before = f->seen.n_ops;
        uint8_t *cut = malloc(k ? k : 1);
        memcpy(cut, b, k);
        harness_feed(f, NET_DIR_TO_CLIENT, cut, k);
        free(cut);
        assert_int_equal(f->seen.n_ops, before + (k == n ? 1 : 0));
        f->seen.n_ops = before;
    }
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[64];
    size_t n = harness_hex(b, sizeof b, "68 04 07 00 00 00");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 1, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(b, 4, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    n = harness_hex(b, sizeof b, "68 04 0f 00 00 00");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = harness_hex(b, sizeof b, "68 04 01 00 02 00");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    n = i_apdu(b, sizeof b, 0, 0, "0d 01 03 00 0200 140500 0000c842 00");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 6, NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    b[6] = 24;                                 /* undefined type id */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    b[6] = 13;
    b[n] = 0x00;                               /* what follows must be another start octet */
    assert_int_equal(f->pp->probe(b, n + 1, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"\x68\x02", 2, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"GET /", 5, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(iec104_type_name(1), "M_SP_NA_1");
    assert_string_equal(iec104_type_name(127), "F_SC_NB_1");
    assert_string_equal(iec104_type_name(22), "unknown");
    assert_string_equal(iec104_type_name(200), "unknown");
    assert_int_equal(iec104_element_size(13), 5);
    assert_int_equal(iec104_element_size(125), -1);
    assert_string_equal(iec104_u_name(0x10), "TESTFR_act");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_command_types_and_classes, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_monitoring_and_objects, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_pairing_and_negative, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_s_and_u_frames, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_and_packed_apdus, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_garbage_truncation_and_gap, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
