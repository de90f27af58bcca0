/* test_net_opcua.c - the OPC UA binary parser on hand-made messages:
 * handshake, OpenSecureChannel with SecurityPolicy#None flagged, services
 * and their classes, pairing and faults, encrypted channels, chunks, split,
 * packed and oversized messages, resync, probe, server identity. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/opcua.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

static const char *security_policy(const obs_ics_op *op) { return op->opcua.security_policy; }
static int setup(void **state)
{
    int rc = harness_setup(state, "opcua");
    ((harness_fixture *)*state)->op_text_of = security_policy;
    return rc;
}

/* ---- message builders ---- */

typedef struct mb { uint8_t b[9000]; size_t n; } mb;

static void put(mb *m, const void *p, size_t n) { memcpy(m->b + m->n, p, n); m->n += n; }
static void u8(mb *m, uint8_t v) { m->b[m->n++] = v; }
static void u32(mb *m, uint32_t v) { for (int i = 0; i < 4; i++) u8(m, (uint8_t)(v >> (8 * i))); }
static void str(mb *m, const char *s)
{
    if (!s) { u32(m, 0xffffffffu); return; }
    u32(m, (uint32_t)strlen(s));
    put(m, s, strlen(s));
}
static void nodeid(mb *m, uint16_t ns, uint32_t id)
{
    if (ns == 0 && id < 256) { u8(m, 0); u8(m, (uint8_t)id); }
    else if (ns < 256 && id < 65536) { u8(m, 1); u8(m, (uint8_t)ns); u8(m, (uint8_t)id); u8(m, (uint8_t)(id >> 8)); }
    else { u8(m, 2); u8(m, (uint8_t)ns); u8(m, (uint8_t)(ns >> 8)); u32(m, id); }
}
static void request_header(mb *m, uint32_t handle)
{
    nodeid(m, 0, 0);                           /* authentication token */
    u32(m, 0); u32(m, 0);                      /* timestamp */
    u32(m, handle); u32(m, 0);
    str(m, NULL);                              /* audit entry id */
    u32(m, 10000);
    nodeid(m, 0, 0); u8(m, 0);                 /* additional header */
}
static void response_header(mb *m, uint32_t handle, uint32_t result)
{
    u32(m, 0); u32(m, 0);
    u32(m, handle); u32(m, result);
    u8(m, 0);                                  /* diagnostic info */
    u32(m, 0);                                 /* string table */
    nodeid(m, 0, 0); u8(m, 0);
}
/* Starts a message: type, chunk, size filled by finish(). */
static void start(mb *m, const char *type, char chunk) { m->n = 0; put(m, type, 3); u8(m, (uint8_t)chunk); u32(m, 0); }
static void finish(mb *m)
{
    for (int i = 0; i < 4; i++) m->b[4 + i] = (uint8_t)(m->n >> (8 * i));
}
/* MSG header up to the body: channel, token, sequence number, request id. */
static void msg_start(mb *m, const char *type, char chunk, uint32_t request_id)
{
    start(m, type, chunk);
    u32(m, 7); u32(m, 1); u32(m, request_id + 50); u32(m, request_id);
}

static const obs_ics_op *last(harness_fixture *f) { return &f->seen.ops[f->seen.n_ops - 1]; }

static void hello(mb *m)
{
    start(m, "HEL", 'F');
    u32(m, 0); u32(m, 65536); u32(m, 65536); u32(m, 0); u32(m, 0);
    str(m, "opc.tcp://plc:4840");
    finish(m);
}

static void open_channel(mb *m, bool response, const char *policy, uint32_t mode)
{
    start(m, "OPN", 'F');
    u32(m, response ? 7 : 0);
    str(m, policy); str(m, NULL); str(m, NULL);
    u32(m, 1); u32(m, 1);                      /* sequence number, request id */
    if (!response) {
        nodeid(m, 0, 446);
        request_header(m, 1);
        u32(m, 0); u32(m, 0); u32(m, mode);
        str(m, NULL); u32(m, 600000);
    } else {
        nodeid(m, 0, 449);
        response_header(m, 1, 0);
        u32(m, 0); u32(m, 7); u32(m, 1); u32(m, 0); u32(m, 0); u32(m, 600000); str(m, NULL);
    }
    finish(m);
}

static void test_handshake_and_policy_none(void **state)
{
    harness_fixture *f = *state;
    mb m;
    hello(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(last(f)->function, OPCUA_FN_HEL);
    assert_false(last(f)->is_response);
    assert_false(last(f)->malformed);
    assert_string_equal(last(f)->opcua.message_type, "HEL");
    start(&m, "ACK", 'F');
    u32(&m, 0); u32(&m, 65536); u32(&m, 65536); u32(&m, 0); u32(&m, 0);
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_int_equal(last(f)->function, OPCUA_FN_ACK);
    assert_true(last(f)->is_response);
    assert_true(last(f)->paired);

    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1);
    int before = f->seen.n_ops;
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, before + 2);
    const obs_ics_op *op = &f->seen.ops[before];
    assert_int_equal(op->function, OPCUA_OPEN_SECURE_CHANNEL);
    assert_string_equal(op->function_name, "OpenSecureChannelRequest");
    assert_true(op->opcua.policy_none);
    assert_int_equal(op->opcua.security_mode, 1);
    assert_string_equal(f->seen.op_text[before], "http://opcfoundation.org/UA/SecurityPolicy#None");
    assert_false(op->malformed);
    op = &f->seen.ops[before + 1];
    assert_int_equal(op->function, OPCUA_FN_POLICY_NONE);
    assert_string_equal(op->function_name, "security_policy_none");
    assert_true(op->opcua.policy_none);

    open_channel(&m, true, "http://opcfoundation.org/UA/SecurityPolicy#None", 0);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    op = &f->seen.ops[f->seen.n_ops - 2];
    assert_int_equal(op->function, 449);
    assert_true(op->is_response);
    assert_true(op->paired);
    assert_int_equal(last(f)->function, OPCUA_FN_POLICY_NONE);

    /* ERR: a status code and a reason */
    start(&m, "ERR", 'F');
    u32(&m, 0x80070000u); str(&m, "decoding");
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_int_equal(last(f)->function, OPCUA_FN_ERR);
    assert_true(last(f)->exception);
    assert_int_equal(last(f)->opcua.status, 0x80070000u);
    assert_int_equal(f->seen.n_ids, 0);
}

typedef struct svc_case { uint32_t id; bool write, control; } svc_case;

static void test_services_classes_and_pairing(void **state)
{
    harness_fixture *f = *state;
    mb m;
    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    static const svc_case cases[] = {
        { 631, false, false }, { 673, true, false }, { 712, false, true }, { 488, true, false },
        { 494, true, false }, { 500, true, false }, { 506, true, false }, { 700, true, false },
        { 527, false, false }, { 826, false, false }, { 461, false, false }, { 787, false, false },
        { 12211, true, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t rid = 100 + (uint32_t)i;
        msg_start(&m, "MSG", 'F', rid);
        nodeid(&m, 0, cases[i].id);
        request_header(&m, rid);
        if (cases[i].id == 631) {
            u32(&m, 0); u32(&m, 0); u32(&m, 2);         /* max age, timestamps */
            u32(&m, 2); nodeid(&m, 2, 1001);             /* two nodes, the first ns=2;i=1001 */
        } else if (cases[i].id == 673) {
            u32(&m, 1); nodeid(&m, 3, 70000);
        } else if (cases[i].id == 712) {
            u32(&m, 1); nodeid(&m, 2, 5000); nodeid(&m, 2, 5001);   /* object, then method */
        }
        finish(&m);
        harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
        const obs_ics_op *op = last(f);
        assert_int_equal(op->function, cases[i].id);
        assert_non_null(op->function_name);
        assert_false(op->is_response);
        assert_int_equal(op->is_write, cases[i].write);
        assert_int_equal(op->is_control, cases[i].control);
        assert_false(op->malformed);
        assert_false(op->opcua.encrypted);
        assert_true(op->opcua.policy_none);
        assert_int_equal(op->transaction, rid);
        if (cases[i].id == 631) { assert_int_equal(op->address, 1001); assert_int_equal(op->quantity, 2); assert_int_equal(op->unit_id, 2); }
        if (cases[i].id == 673) { assert_int_equal(op->address, 70000); assert_int_equal(op->unit_id, 3); }
        if (cases[i].id == 712) assert_int_equal(op->address, 5001);
    }
    /* the Write's response pairs and is a write; a fault answers the Call */
    msg_start(&m, "MSG", 'F', 101);
    nodeid(&m, 0, 676); response_header(&m, 101, 0); u32(&m, 1); u32(&m, 0);
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_true(last(f)->is_response);
    assert_true(last(f)->paired);
    assert_true(last(f)->is_write);
    assert_false(last(f)->exception);
    msg_start(&m, "MSG", 'F', 102);
    nodeid(&m, 0, 397); response_header(&m, 102, 0x80340000u);
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_string_equal(last(f)->function_name, "ServiceFault");
    assert_true(last(f)->exception);
    assert_true(last(f)->paired);
    assert_true(last(f)->is_control);
    assert_int_equal(last(f)->opcua.status, 0x80340000u);
    /* a bad result in a normal response; a response nobody asked for */
    msg_start(&m, "MSG", 'F', 109);
    nodeid(&m, 0, 829); response_header(&m, 109, 0x80790000u);
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_true(last(f)->exception);
    assert_true(last(f)->paired);
    msg_start(&m, "MSG", 'F', 999);
    nodeid(&m, 0, 634); response_header(&m, 999, 0);
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_false(last(f)->paired);
    /* CLO carries CloseSecureChannel */
    msg_start(&m, "CLO", 'F', 200);
    nodeid(&m, 0, 452); request_header(&m, 200);
    finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(last(f)->function, 452);
    assert_string_equal(last(f)->opcua.message_type, "CLO");
}

static void test_secured_channel(void **state)
{
    harness_fixture *f = *state;
    mb m;
    /* OPN with a real policy: the rest is asymmetrically encrypted */
    start(&m, "OPN", 'F');
    u32(&m, 0);
    str(&m, "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256");
    u32(&m, 4); put(&m, "CERT", 4); u32(&m, 20); put(&m, "01234567890123456789", 20);
    for (int i = 0; i < 64; i++) u8(&m, (uint8_t)(i * 37 + 11));
    finish(&m);
    int before = f->seen.n_ops;
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, before + 1);          /* no None flag */
    assert_int_equal(last(f)->function, OPCUA_FN_OPN);
    assert_true(last(f)->opcua.encrypted);
    assert_false(last(f)->opcua.policy_none);
    assert_string_equal(f->seen.op_text[f->seen.n_ops - 1], "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256");
    /* an encrypted MSG body: counted by type only */
    start(&m, "MSG", 'F');
    u32(&m, 7); u32(&m, 1);
    for (int i = 0; i < 80; i++) u8(&m, (uint8_t)(i * 91 + 3));
    finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(last(f)->function, OPCUA_FN_MSG);
    assert_true(last(f)->opcua.encrypted);
    assert_false(last(f)->is_write);
    /* mode Sign: bodies in clear, a known service is believed */
    msg_start(&m, "MSG", 'F', 5);
    nodeid(&m, 0, 673); request_header(&m, 5); u32(&m, 1); nodeid(&m, 2, 9);
    finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(last(f)->function, 673);
    assert_true(last(f)->is_write);
    assert_false(last(f)->opcua.policy_none);
}

static void test_chunks_and_abort(void **state)
{
    harness_fixture *f = *state;
    mb m;
    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    int before = f->seen.n_ops;
    msg_start(&m, "MSG", 'C', 40);
    nodeid(&m, 0, 673); request_header(&m, 40); u32(&m, 1); nodeid(&m, 2, 9);
    finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    msg_start(&m, "MSG", 'C', 40); u32(&m, 0x12345678); finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    msg_start(&m, "MSG", 'F', 40); u32(&m, 0x12345678); finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, before + 1);          /* one message, counted at its first chunk */
    assert_int_equal(last(f)->function, 673);
    /* an abort chunk */
    msg_start(&m, "MSG", 'A', 41); u32(&m, 0x80ac0000u); str(&m, "too long"); finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_true(last(f)->exception);
    assert_int_equal(last(f)->opcua.status, 0x80ac0000u);
}

static void test_split_packed_oversized_and_gaps(void **state)
{
    harness_fixture *f = *state;
    mb m, stream;
    stream.n = 0;
    hello(&m); put(&stream, m.b, m.n);
    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1); put(&stream, m.b, m.n);
    msg_start(&m, "MSG", 'F', 3); nodeid(&m, 0, 631); request_header(&m, 3);
    u32(&m, 0); u32(&m, 0); u32(&m, 2); u32(&m, 1); nodeid(&m, 0, 2258);
    for (int i = 0; i < 3000; i++) u8(&m, 0xee);       /* far beyond the kept prefix */
    finish(&m); put(&stream, m.b, m.n);
    msg_start(&m, "MSG", 'F', 4); nodeid(&m, 0, 826); request_header(&m, 4); u32(&m, 0); finish(&m);
    put(&stream, m.b, m.n);
    /* all at once */
    harness_feed(f, NET_DIR_TO_SERVER, stream.b, stream.n);
    assert_int_equal(f->seen.n_ops, 5);                   /* HEL, OPN, None flag, Read, Publish */
    assert_int_equal(f->seen.ops[3].function, 631);
    assert_int_equal(f->seen.ops[3].address, 2258);
    assert_int_equal(f->seen.ops[4].function, 826);
    /* byte by byte, then cut in two at a spread of offsets */
    memset(f->state, 0, f->pp->state_size);
    f->seen.n_ops = 0;
    for (size_t i = 0; i < stream.n; i++) harness_feed(f, NET_DIR_TO_CLIENT, stream.b + i, 1);
    assert_int_equal(f->seen.n_ops, 5);
    assert_int_equal(f->seen.ops[4].function, 826);
    for (size_t cut = 1; cut < stream.n; cut += 37) {
        memset(f->state, 0, f->pp->state_size);
        f->seen.n_ops = 0;
        harness_feed(f, NET_DIR_TO_SERVER, stream.b, cut);
        harness_feed(f, NET_DIR_TO_SERVER, stream.b + cut, stream.n - cut);
        assert_int_equal(f->seen.n_ops, 5);
        assert_int_equal(f->seen.ops[3].function, 631);
        assert_int_equal(f->seen.ops[4].function, 826);
    }
    /* a gap inside the skipped tail of the big Read keeps sync */
    memset(f->state, 0, f->pp->state_size);
    f->seen.n_ops = 0;
    size_t read_at = stream.n - m.n - 3100, gap_at = read_at + 1200;
    harness_feed(f, NET_DIR_TO_SERVER, stream.b, gap_at);
    harness_gap(f, NET_DIR_TO_SERVER, 500);
    harness_feed(f, NET_DIR_TO_SERVER, stream.b + gap_at + 500, stream.n - gap_at - 500);
    assert_int_equal(f->seen.n_ops, 5);
    assert_int_equal(f->seen.ops[4].function, 826);
    /* a gap cutting a header: the partial message is dropped, the next delivery starts fresh */
    memset(f->state, 0, f->pp->state_size);
    f->seen.n_ops = 0;
    hello(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, 5);
    harness_gap(f, NET_DIR_TO_SERVER, 10);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, 1);
    assert_int_equal(f->seen.ops[0].function, OPCUA_FN_HEL);
}

static void test_malformed_and_resync(void **state)
{
    harness_fixture *f = *state;
    mb m;
    /* garbage: this delivery is skipped, the next one starts a message */
    harness_feed(f, NET_DIR_TO_SERVER, (const uint8_t *)"GET / HTTP/1.1\r\n\r\n", 18);
    assert_int_equal(f->seen.n_ops, 0);
    hello(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, 1);
    /* a size below the header, a size past the limit */
    start(&m, "MSG", 'F'); finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    const uint8_t huge[] = { 'M', 'S', 'G', 'F', 0xff, 0xff, 0xff, 0x7f };
    harness_feed(f, NET_DIR_TO_SERVER, huge, sizeof huge);
    assert_int_equal(f->seen.n_ops, 1);
    /* a body cut short inside its request header: flagged */
    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    int before = f->seen.n_ops;
    msg_start(&m, "MSG", 'F', 9); nodeid(&m, 0, 673); u8(&m, 0); finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, before + 1);
    assert_int_equal(last(f)->function, 673);
    assert_true(last(f)->malformed);
    /* HEL as an intermediate chunk, an unknown chunk type */
    hello(&m); m.b[3] = 'C';
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_true(last(f)->malformed);
    hello(&m); m.b[3] = 'X';
    before = f->seen.n_ops;
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    assert_int_equal(f->seen.n_ops, before);
    /* every prefix of a message on a fresh flow: nothing, then one op */
    msg_start(&m, "MSG", 'F', 3); nodeid(&m, 0, 631); request_header(&m, 3); u32(&m, 0); finish(&m);
    for (size_t k = 0; k <= m.n; k++) {
        memset(f->state, 0, f->pp->state_size);
        f->seen.n_ops = 0;
        uint8_t *cut = malloc(k ? k : 1);
        memcpy(cut, m.b, k);
        harness_feed(f, NET_DIR_TO_SERVER, cut, k);
        free(cut);
        assert_int_equal(f->seen.n_ops, k == m.n ? 1 : 0);
    }
}

static void test_server_identity(void **state)
{
    harness_fixture *f = *state;
    mb m;
    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    msg_start(&m, "MSG", 'F', 2); nodeid(&m, 0, 428); request_header(&m, 2);
    str(&m, "opc.tcp://plc:4840"); u32(&m, 0); u32(&m, 0); finish(&m);
    harness_feed(f, NET_DIR_TO_SERVER, m.b, m.n);
    msg_start(&m, "MSG", 'F', 2); nodeid(&m, 0, 431); response_header(&m, 2, 0);
    u32(&m, 1);
    str(&m, "opc.tcp://plc:4840");
    str(&m, "urn:crane:plc"); str(&m, "http://vendor.example/ua-server");
    u8(&m, 0x03); str(&m, "en"); str(&m, "STS crane PLC server");
    u32(&m, 0);
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_true(last(f)->paired);
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.product, "http://vendor.example/ua-server");
    assert_string_equal(f->seen.name, "STS crane PLC server");
    assert_string_equal(f->seen.url, "urn:crane:plc");
    /* FindServers: the description comes first */
    msg_start(&m, "MSG", 'F', 3); nodeid(&m, 0, 425); response_header(&m, 3, 0);
    u32(&m, 1); str(&m, "urn:x"); str(&m, NULL); u8(&m, 0x02); str(&m, "X");
    finish(&m);
    harness_feed(f, NET_DIR_TO_CLIENT, m.b, m.n);
    assert_int_equal(f->seen.n_ids, 2);
    assert_string_equal(f->seen.product, "");
    assert_string_equal(f->seen.name, "X");
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    mb m;
    hello(&m);
    assert_int_equal(f->pp->probe(m.b, m.n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(m.b, 2, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe(m.b, 7, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    m.b[3] = 'C';
    assert_int_equal(f->pp->probe(m.b, m.n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    m.b[3] = 'F'; m.b[4] = 20; m.b[5] = 0;           /* a HEL shorter than its fields */
    assert_int_equal(f->pp->probe(m.b, m.n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    open_channel(&m, false, "http://opcfoundation.org/UA/SecurityPolicy#None", 1);
    assert_int_equal(f->pp->probe(m.b, m.n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe((const uint8_t *)"HELLO world", 11, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"GET / HTTP", 10, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"MSG", 3, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(opcua_service_name(631), "ReadRequest");
    assert_string_equal(opcua_service_name(634), "ReadResponse");
    assert_string_equal(opcua_service_name(12212), "RegisterServer2Response");
    assert_null(opcua_service_name(1));
    assert_true(opcua_service_is_response(397));
    assert_false(opcua_service_is_response(712));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handshake_and_policy_none, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_services_classes_and_pairing, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_secured_channel, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_chunks_and_abort, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_packed_oversized_and_gaps, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_and_resync, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_server_identity, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
