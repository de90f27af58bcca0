/* test_net_bacnet.c - the BACnet/IP parser on hand-made datagrams: every
 * classified service and BVLC function, NPDU routing and network messages,
 * pairing, errors, malformed input, I-Am and ReadProperty identities, probe. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/bacnet.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

static int setup(void **state) { return harness_setup(state, "bacnet"); }

/* A BVLC datagram: this function, then the hex body; the length is filled. */
static size_t bvlc(uint8_t *out, size_t cap, uint8_t function, const char *body)
{
    size_t n = harness_hex(out + 4, cap - 4, body) + 4;
    out[0] = 0x81; out[1] = function; out[2] = (uint8_t)(n >> 8); out[3] = (uint8_t)n;
    return n;
}

/* Sends a BVLC Original-Unicast-NPDU (no routing) with this APDU. */
static const obs_ics_op *apdu(harness_fixture *f, net_dir dir, const char *apdu_hex)
{
    uint8_t b[512];
    char body[1100];
    snprintf(body, sizeof body, "0104 %s", apdu_hex);
    size_t n = bvlc(b, sizeof b, 0x0a, body);
    int before = f->seen.n_ops;
    harness_feed(f, dir, b, n);
    assert_int_equal(f->seen.n_ops, before + 1);
    return &f->seen.ops[f->seen.n_ops - 1];
}

static const obs_ics_op *raw(harness_fixture *f, net_dir dir, uint8_t function, const char *body)
{
    uint8_t b[512];
    size_t n = bvlc(b, sizeof b, function, body);
    int before = f->seen.n_ops;
    harness_feed(f, dir, b, n);
    assert_int_equal(f->seen.n_ops, before + 1);
    return &f->seen.ops[f->seen.n_ops - 1];
}

typedef struct svc_case {
    const char *apdu;
    uint16_t function;
    bool is_write, is_control, has_object;
    uint16_t object_type;
    uint32_t instance;
} svc_case;

static void test_confirmed_services_and_classes(void **state)
{
    harness_fixture *f = *state;
    static const svc_case cases[] = {
        { "00 05 01 0c 0c 00000001 19 55", 12, false, false, true, 0, 1 },                 /* ReadProperty */
        { "00 05 02 0f 0c 00800002 19 55 3e 44 42c80000 3f 49 08", 15, true, false, true, 2, 2 },   /* WriteProperty */
        { "00 05 03 0e 0c 00000001 1e 09 55 1f", 14, false, false, true, 0, 1 },           /* ReadPropertyMultiple */
        { "00 05 04 10 0c 00800002 1e 09 55 2e 44 42c80000 2f 1f", 16, true, false, true, 2, 2 },   /* WPM */
        { "00 05 05 11 09 0a 19 01 2d 04 00 616263", 17, false, true, false, 0, 0 },      /* DCC disable */
        { "00 05 06 14 09 00", 20, false, true, false, 0, 0 },                             /* Reinitialize cold */
        { "00 05 07 07 c4 02800001 0e 31 00 65 03 010203 0f", 7, true, true, true, 10, 1 },   /* AtomicWriteFile */
        { "00 05 08 06 c4 02800001 0e 31 00 21 40 0f", 6, false, false, true, 10, 1 },      /* AtomicReadFile */
        { "00 05 09 0a 0e 09 02 0f", 10, true, false, true, 2, 0 },                        /* CreateObject by type */
        { "00 05 0a 0b c4 00800005", 11, true, false, true, 2, 5 },                        /* DeleteObject */
        { "00 05 0b 05 09 01 1c 00000001 29 01 39 0a", 5, false, false, true, 0, 1 },      /* SubscribeCOV */
        { "00 05 0c 00 09 01 1c 00000001 29 00 3e 2e a4 7a0b1c02 b4 0c1e2d00 2f 3f", 0, true, false, false, 0, 0 },
        { "00 05 0d 08 0c 02000065 19 4c 3e c4 00000001 3f", 8, true, false, true, 8, 101 }, /* AddListElement */
        { "00 05 0e 1b 09 01 1c 00000001 39 01", 27, true, false, false, 0, 0 },           /* LifeSafetyOperation */
        { "00 05 0f 1a 0c 05000001 19 83", 26, false, false, true, 20, 1 },               /* ReadRange trend log */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const obs_ics_op *op = apdu(f, NET_DIR_TO_SERVER, cases[i].apdu);
        assert_string_equal(op->protocol, "bacnet");
        assert_int_equal(op->function, cases[i].function);
        assert_int_equal(op->is_write, cases[i].is_write);
        assert_int_equal(op->is_control, cases[i].is_control);
        assert_false(op->is_response);
        assert_false(op->malformed);
        assert_int_equal(op->bacnet.pdu_type, BACNET_PDU_CONFIRMED);
        assert_int_equal(op->bacnet.has_object, cases[i].has_object);
        if (cases[i].has_object) {
            assert_int_equal(op->bacnet.object_type, cases[i].object_type);
            assert_int_equal(op->bacnet.instance, cases[i].instance);
        }
    }
    /* fields of the first few */
    const obs_ics_op *rp = &f->seen.ops[0];
    assert_string_equal(rp->function_name, "read_property");
    assert_true(rp->bacnet.has_property);
    assert_int_equal(rp->bacnet.property, 85);
    assert_true(rp->has_range);
    assert_int_equal(rp->address, 1);
    assert_int_equal(rp->transaction, 1);
    assert_int_equal(f->seen.ops[1].address, 0x00800002);
    assert_int_equal(f->seen.ops[3].bacnet.property, 85);
    assert_true(f->seen.ops[4].has_subfunction);
    assert_int_equal(f->seen.ops[4].subfunction, 1);      /* disable */
    assert_int_equal(f->seen.ops[5].subfunction, 0);      /* coldstart */
}

static void test_unconfirmed_services(void **state)
{
    harness_fixture *f = *state;
    const obs_ics_op *op = apdu(f, NET_DIR_TO_SERVER, "10 08");
    assert_int_equal(op->function, BACNET_FN_UNCONFIRMED + 8);
    assert_string_equal(op->function_name, "who_is");
    assert_false(op->has_range);
    op = apdu(f, NET_DIR_TO_SERVER, "10 08 09 00 1a 03e8");
    assert_true(op->has_range);
    assert_int_equal(op->address, 0);
    assert_int_equal(op->quantity, 1001);
    op = apdu(f, NET_DIR_TO_SERVER, "10 06 a4 7a0b1c02 b4 0c1e2d00");
    assert_string_equal(op->function_name, "time_synchronization");
    assert_true(op->is_write);
    op = apdu(f, NET_DIR_TO_SERVER, "10 09 a4 7a0b1c02 b4 0c1e2d00");
    assert_true(op->is_write);
    op = apdu(f, NET_DIR_TO_SERVER, "10 07 3d 05 00 41424344");
    assert_string_equal(op->function_name, "who_has");
    assert_false(op->malformed);
    op = apdu(f, NET_DIR_TO_SERVER, "10 01 c4 02000065 c4 00000001 75 05 00 41424344");
    assert_string_equal(op->function_name, "i_have");
    assert_int_equal(op->bacnet.instance, 1);
    op = apdu(f, NET_DIR_TO_SERVER, "10 02 09 01 1c 02000065 2c 00000001 39 00 4e 09 55 2e 44 42c80000 2f 4f");
    assert_string_equal(op->function_name, "unconfirmed_cov_notification");
    assert_false(op->is_write);
    assert_int_equal(op->bacnet.instance, 1);
    assert_false(op->malformed);
    op = apdu(f, NET_DIR_TO_SERVER, "10 0a 09 01 1e 09 01 2e 91 01 2f 1f");
    assert_string_equal(op->function_name, "write_group");
    assert_true(op->is_write);
}

static void test_i_am_identity(void **state)
{
    harness_fixture *f = *state;
    const obs_ics_op *op = apdu(f, NET_DIR_TO_SERVER, "10 00 c4 02000065 22 0400 91 03 22 0104");
    assert_string_equal(op->function_name, "i_am");
    assert_false(op->malformed);
    assert_int_equal(f->seen.n_ids, 1);
    assert_int_equal(f->seen.id.unit_id, 101);
    assert_string_equal(f->seen.vendor, "BACnet Stack at SourceForge");
    assert_int_equal(f->seen.id_dir, NET_DIR_TO_SERVER);
    apdu(f, NET_DIR_TO_CLIENT, "10 00 c4 020002d1 22 0400 91 03 21 0f");
    assert_string_equal(f->seen.vendor, "Cornell University");
    assert_int_equal(f->seen.id.unit_id, 721);
    assert_int_equal(f->seen.id_dir, NET_DIR_TO_CLIENT);
    apdu(f, NET_DIR_TO_SERVER, "10 00 c4 02000001 22 0400 91 03 22 270f");
    assert_string_equal(f->seen.vendor, "BACnet vendor 9999");
    /* not a device object: no identity; truncated: malformed, no identity */
    apdu(f, NET_DIR_TO_SERVER, "10 00 c4 00000001 22 0400 91 03 21 0f");
    op = apdu(f, NET_DIR_TO_SERVER, "10 00 c4 02000065 22 04");
    assert_true(op->malformed);
    assert_int_equal(f->seen.n_ids, 3);
}

static void test_answers_pair_and_errors(void **state)
{
    harness_fixture *f = *state;
    apdu(f, NET_DIR_TO_SERVER, "00 05 21 0f 0c 00800002 19 55 3e 44 42c80000 3f");
    const obs_ics_op *op = apdu(f, NET_DIR_TO_CLIENT, "20 21 0f");
    assert_true(op->is_response);
    assert_true(op->paired);
    assert_int_equal(op->function, 15);
    assert_true(op->is_write);                 /* the answer to a write */
    assert_int_equal(op->bacnet.instance, 2);  /* from the request */
    assert_int_equal(op->bacnet.pdu_type, BACNET_PDU_SIMPLE_ACK);

    apdu(f, NET_DIR_TO_SERVER, "00 05 22 0c 0c 00000001 19 55");
    op = apdu(f, NET_DIR_TO_CLIENT, "30 22 0c 0c 00000001 19 55 3e 44 3f800000 3f");
    assert_true(op->paired);
    assert_false(op->malformed);
    assert_int_equal(op->bacnet.pdu_type, BACNET_PDU_COMPLEX_ACK);

    apdu(f, NET_DIR_TO_SERVER, "00 05 23 14 09 01 1d 04 00 61626364");
    op = apdu(f, NET_DIR_TO_CLIENT, "50 23 14 91 05 91 1a");
    assert_true(op->exception);
    assert_true(op->paired);
    assert_true(op->is_control);
    assert_true(op->bacnet.has_error);
    assert_int_equal(op->bacnet.error_class, 5);
    assert_int_equal(op->bacnet.error_code, 26);
    assert_false(op->malformed);
    /* a constructed error (CreateObject): [0] class code [0] [1] element */
    apdu(f, NET_DIR_TO_SERVER, "00 05 24 0a 0e 09 02 0f");
    op = apdu(f, NET_DIR_TO_CLIENT, "50 24 0a 0e 91 01 91 1f 0f 19 01");
    assert_true(op->exception);
    assert_int_equal(op->bacnet.error_code, 31);
    assert_false(op->malformed);

    apdu(f, NET_DIR_TO_SERVER, "00 05 25 0c 0c 00000001 19 55");
    op = apdu(f, NET_DIR_TO_CLIENT, "60 25 02");
    assert_int_equal(op->function, BACNET_FN_APDU + BACNET_PDU_REJECT);
    assert_true(op->exception);
    assert_int_equal(op->exception_code, 2);
    assert_true(op->paired);
    assert_int_equal(op->bacnet.property, 85);
    op = apdu(f, NET_DIR_TO_CLIENT, "71 26 04");
    assert_string_equal(op->function_name, "abort");
    assert_false(op->paired);                  /* nothing asked with invoke 0x26 */
    op = apdu(f, NET_DIR_TO_SERVER, "40 27 00 01");
    assert_string_equal(op->function_name, "segment_ack");
    assert_false(op->malformed);
    /* an answer going the same way as its request does not pair */
    apdu(f, NET_DIR_TO_SERVER, "00 05 28 0c 0c 00000001 19 55");
    op = apdu(f, NET_DIR_TO_SERVER, "30 28 0c 0c 00000001 19 55 3e 44 3f800000 3f");
    assert_false(op->paired);
}

static void test_segmented_messages(void **state)
{
    harness_fixture *f = *state;
    /* first segment of a request: service parsed as far as it goes */
    const obs_ics_op *op = apdu(f, NET_DIR_TO_SERVER, "0e 05 31 00 04 10 0c 00800002 1e 09 55 2e");
    assert_int_equal(op->function, 16);
    assert_true(op->is_write);
    assert_false(op->malformed);
    op = apdu(f, NET_DIR_TO_SERVER, "0a 05 31 01 04 10 44 42c80000 2f 1f");
    assert_int_equal(op->function, 16);
    op = apdu(f, NET_DIR_TO_CLIENT, "3c 32 00 04 0c 0c 00000001");
    assert_int_equal(op->function, 12);
    assert_false(op->malformed);
    /* the segmented request is remembered once: its ack pairs, a second does not */
    op = apdu(f, NET_DIR_TO_CLIENT, "20 31 10");
    assert_true(op->paired);
    assert_true(op->is_write);
    op = apdu(f, NET_DIR_TO_CLIENT, "20 31 10");
    assert_false(op->paired);
}

static void test_npdu_routing_and_network_messages(void **state)
{
    harness_fixture *f = *state;
    /* DNET 5 / DADR 07, SNET 9 / SADR 03, hop count, then ReadProperty */
    const obs_ics_op *op = raw(f, NET_DIR_TO_SERVER, 0x0a, "01 2c 0005 01 07 0009 01 03 ff 00 05 01 0c 0c 00000001 19 55");
    assert_int_equal(op->function, 12);
    assert_int_equal(op->unit_id, 5);
    assert_false(op->malformed);
    op = raw(f, NET_DIR_TO_SERVER, 0x0b, "01 80 00");
    assert_int_equal(op->function, BACNET_FN_NETWORK + 0);
    assert_string_equal(op->function_name, "who_is_router_to_network");
    op = raw(f, NET_DIR_TO_CLIENT, 0x0b, "01 80 01 0005 0009");
    assert_true(op->is_response);
    op = raw(f, NET_DIR_TO_SERVER, 0x0a, "01 80 06 01 0005 01 00");
    assert_true(op->is_write);                 /* Initialize-Routing-Table with a port */
    op = raw(f, NET_DIR_TO_SERVER, 0x0a, "01 80 06 00");
    assert_false(op->is_write);                /* with none it is a query */
    op = raw(f, NET_DIR_TO_CLIENT, 0x0a, "01 80 03 01 0005");
    assert_true(op->exception);
    assert_int_equal(op->exception_code, 1);
    op = raw(f, NET_DIR_TO_SERVER, 0x0a, "01 80 85 0104 aa");
    assert_string_equal(op->function_name, "proprietary_network_message");
    /* Forwarded-NPDU: originator address, then an I-Am */
    op = raw(f, NET_DIR_TO_SERVER, 0x04, "c0a80001 bac0 01 00 10 08");
    assert_string_equal(op->function_name, "who_is");
    /* bad NPDU version, empty source address */
    op = raw(f, NET_DIR_TO_SERVER, 0x0a, "02 00 10 08");
    assert_true(op->malformed);
    op = raw(f, NET_DIR_TO_SERVER, 0x0a, "01 08 0009 00 10 08");
    assert_true(op->malformed);
}

static void test_bvlc_functions(void **state)
{
    harness_fixture *f = *state;
    const obs_ics_op *op = raw(f, NET_DIR_TO_SERVER, 0x01, "c0a80001 bac0 ffffffff");
    assert_int_equal(op->function, BACNET_FN_BVLC + 1);
    assert_true(op->is_write);
    op = raw(f, NET_DIR_TO_SERVER, 0x05, "003c");
    assert_string_equal(op->function_name, "register_foreign_device");
    assert_true(op->is_write);
    op = raw(f, NET_DIR_TO_SERVER, 0x08, "c0a80001 bac0");
    assert_true(op->is_write);
    op = raw(f, NET_DIR_TO_SERVER, 0x02, "");
    assert_false(op->is_write);
    op = raw(f, NET_DIR_TO_CLIENT, 0x03, "c0a80001 bac0 ffffffff");
    assert_true(op->is_response);
    op = raw(f, NET_DIR_TO_CLIENT, 0x00, "0000");
    assert_true(op->is_response);
    assert_false(op->exception);
    op = raw(f, NET_DIR_TO_CLIENT, 0x00, "0030");
    assert_true(op->exception);
    assert_int_equal(op->exception_code, 0x30);
    op = raw(f, NET_DIR_TO_CLIENT, 0x0d, "");
    assert_true(op->malformed);
}

static void test_malformed_and_truncated(void **state)
{
    harness_fixture *f = *state;
    /* ReadProperty cut inside the object identifier */
    const obs_ics_op *op = apdu(f, NET_DIR_TO_SERVER, "00 05 01 0c 0c 0000");
    assert_int_equal(op->function, 12);
    assert_true(op->malformed);
    /* confirmed request without its service choice */
    op = apdu(f, NET_DIR_TO_SERVER, "00 05");
    assert_true(op->malformed);
    /* deep nesting is bounded */
    char deep[200] = "00 05 02 0f 0c 00800002 19 55 ";
    for (int i = 0; i < 40; i++) strcat(deep, "3e");
    op = apdu(f, NET_DIR_TO_SERVER, deep);
    assert_true(op->malformed);
    assert_true(op->is_write);
    /* a tag claiming more content than there is */
    op = apdu(f, NET_DIR_TO_SERVER, "00 05 02 0f 0c 00800002 19 55 3e 75 ff 00");
    assert_true(op->malformed);
    /* reserved APDU type */
    op = apdu(f, NET_DIR_TO_SERVER, "f0 00");
    assert_true(op->malformed);
    /* a BVLC length disagreeing with the datagram is flagged, still decoded */
    uint8_t b[32];
    size_t n = bvlc(b, sizeof b, 0x0a, "0104 00 05 01 0c 0c 00000001 19 55");
    b[3] = 0x30;
    harness_to_server(f, b, n);
    op = &f->seen.ops[f->seen.n_ops - 1];
    assert_int_equal(op->function, 12);
    assert_true(op->malformed);
    /* not BVLC, too short, empty: nothing, no crash */
    int before = f->seen.n_ops;
    harness_to_server(f, (const uint8_t *)"\x82\x0a\x00\x04", 4);
    harness_to_server(f, (const uint8_t *)"\x81", 1);
    harness_to_server(f, b, 0);
    harness_gap(f, NET_DIR_TO_SERVER, 100);
    assert_int_equal(f->seen.n_ops, before);
    /* every prefix of a full exchange decodes without reading past it */
    uint8_t full[64];
    size_t nf = bvlc(full, sizeof full, 0x0a, "0104 30 22 0c 0c 02000065 19 46 3e 75 05 00 41424344 3f");
    for (size_t k = 0; k <= nf; k++) {
        uint8_t *cut = malloc(k ? k : 1);
        memcpy(cut, full, k);
        harness_to_client(f, cut, k);
        free(cut);
    }
}

static void test_read_property_identity(void **state)
{
    harness_fixture *f = *state;
    /* the device asked through the wildcard instance, as discovery tools do */
    apdu(f, NET_DIR_TO_SERVER, "00 05 01 0c 0c 023fffff 19 4b");
    apdu(f, NET_DIR_TO_CLIENT, "30 01 0c 0c 023fffff 19 4b 3e c4 020001f4 3f");
    apdu(f, NET_DIR_TO_SERVER, "00 05 02 0c 0c 023fffff 19 79");
    apdu(f, NET_DIR_TO_CLIENT, "30 02 0c 0c 023fffff 19 79 3e 75 04 00 4a4349 3f");
    apdu(f, NET_DIR_TO_SERVER, "00 05 03 0c 0c 023fffff 19 46");
    /* UCS-2 model name */
    apdu(f, NET_DIR_TO_CLIENT, "30 03 0c 0c 023fffff 19 46 3e 75 09 04 004e00410045 0034 3f");
    apdu(f, NET_DIR_TO_SERVER, "00 05 04 0c 0c 023fffff 19 2c");
    apdu(f, NET_DIR_TO_CLIENT, "30 04 0c 0c 023fffff 19 2c 3e 75 06 00 352e312e30 3f");
    apdu(f, NET_DIR_TO_SERVER, "00 05 05 0c 0c 023fffff 19 4d");
    apdu(f, NET_DIR_TO_CLIENT, "30 05 0c 0c 023fffff 19 4d 3e 75 05 00 4e414531 3f");
    assert_int_equal(f->seen.n_ids, 0);        /* gathered until the flow ends */
    f->pp->end(f->state, &f->ctx);
    assert_int_equal(f->seen.n_ids, 1);
    assert_int_equal(f->seen.id.unit_id, 500);
    assert_string_equal(f->seen.vendor, "JCI");
    assert_string_equal(f->seen.model, "NAE4");
    assert_string_equal(f->seen.firmware, "5.1.0");
    assert_string_equal(f->seen.name, "NAE1");
    assert_int_equal(f->seen.id_dir, NET_DIR_TO_CLIENT);
    f->pp->end(f->state, &f->ctx);
    assert_int_equal(f->seen.n_ids, 1);        /* once */
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[64];
    size_t n = bvlc(b, sizeof b, 0x0a, "0104 00 05 01 0c 0c 00000001 19 55");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 1, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    b[3] = 0x11;                               /* stale length on an NPDU: still BACnet */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    b[3] = (uint8_t)n;
    b[4] = 0x02;                               /* NPDU version */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    b[4] = 0x01;
    b[0] = 0x82;
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = bvlc(b, sizeof b, 0x02, "");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 3, NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    b[3] = 9;                                  /* no NPDU: the length must be exact */
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    n = bvlc(b, sizeof b, 0x0e, "");
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"GET / HTTP/1.1", 14, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

static void test_names_and_vendors(void **state)
{
    (void)state;
    assert_string_equal(bacnet_confirmed_name(12), "read_property");
    assert_string_equal(bacnet_confirmed_name(200), "unknown");
    assert_string_equal(bacnet_unconfirmed_name(0), "i_am");
    assert_string_equal(bacnet_network_message_name(0x13), "network_number_is");
    assert_string_equal(bacnet_bvlc_name(0x0b), "original_broadcast_npdu");
    assert_string_equal(bacnet_vendor_name(22), "Siemens Schweiz AG (Formerly: Cerberus AG)");
    assert_null(bacnet_vendor_name(65000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_confirmed_services_and_classes, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_unconfirmed_services, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_i_am_identity, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_answers_pair_and_errors, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_segmented_messages, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_npdu_routing_and_network_messages, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bvlc_functions, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_and_truncated, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_read_property_identity, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
        cmocka_unit_test(test_names_and_vendors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
