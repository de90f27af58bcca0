/* test_net_smb.c - the SMB parser on hand-made sessions: SMB2 negotiate,
 * NTLMSSP session setup (user, domain, workstation), tree connect share,
 * create file, compounds; SMB1 negotiate, plaintext-password session setup
 * and tree connect; the NetBIOS session request; packed, byte-by-byte and
 * gapped delivery; malformed framing; the probe. */
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

/* SMB2 NEGOTIATE request offering 2.0.2, 3.0 and 3.1.1 */
static const char NEGOTIATE[] =
    "0000006afe534d4240000100000000000000010000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000024000300010000007f00000000000000000000000000000000000000"
    "0000000000000000020200031103";

/* SESSION_SETUP with SPNEGO NegTokenResp wrapping an NTLMSSP AUTHENTICATE
 * message: domain AURORA, user jdoe, workstation WS-HQ-001 (UTF-16LE) */
static const char SESSION_SETUP[] =
    "000000e6fe534d4240000100000000000100010000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000019000001010000000000000058008e000000000000000000a182008a"
    "30820086a28200820482007e4e544c4d5353500003000000000000000000000000000000000000000c000c0058000000"
    "0800080064000000120012006c0000000000000000000000158288e20000000000000000000000000000000000000000"
    "000000004100550052004f00520041006a0064006f006500570053002d00480051002d00300030003100";

/* TREE_CONNECT to the share \\fs-01\finance (UTF-16LE) */
static const char TREE_CONNECT[] =
    "00000066fe534d4240000100000000000300010000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000900000048001e005c005c00660073002d00300031005c0066006900"
    "6e0061006e0063006500";

/* CREATE of budget\2024.xlsx */
static const char CREATE[] =
    "00000098fe534d4240000100000000000500010000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000039000000020000000000000000000000000000000000000089001200"
    "000000000700000001000000400000007800200000000000000000006200750064006700650074005c00320030003200"
    "34002e0078006c0073007800";

/* READ of 64 KiB */
static const char READ[] =
    "00000069fe534d4240000100000000000800010000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000031000000000001000000000000000000000000000000000000000000"
    "00000000000000000000000000";

/* NEGOTIATE response choosing 3.1.1 */
static const char NEGOTIATE_RESPONSE[] =
    "00000080fe534d4240000100000000000000010001000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000041000100110300000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000";

/* SESSION_SETUP response, STATUS_MORE_PROCESSING_REQUIRED, with an NTLMSSP
 * CHALLENGE whose target info names domain AURORA and computer FS-01 */
static const char CHALLENGE[] =
    "000000a2fe534d4240000100160000c00100010001000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000900000048005a004e544c4d53535000020000000000000038000000"
    "158289e2000000000000000000000000000000002200220038000000000000000000000002000c004100550052004f00"
    "5200410001000a00460053002d003000310000000000";

/* SMB1 over NBSS (139): a session request from WS-FAC-01 to FS-01<20>, a
 * negotiate offering three dialects, the reply choosing NT LM 0.12 in
 * user-level security without encrypted passwords, a session setup with
 * the OEM password in clear (account guest, domain PORT), a tree connect. */
static const char SMB1_SESSION_REQUEST[] =
    "810000442045474644434e4441444243414341434143414341434143414341434143414341002046484644434e4547"
    "45424544434e44414442434143414341434143414341414100";
static const char SMB1_NEGOTIATE[] =
    "00000052ff534d4272000000001801c80000000000000000000000000000fffe00000100002f00025043204e455457"
    "4f524b2050524f4752414d20312e3000024c414e4d414e312e3000024e54204c4d20302e313200";
static const char SMB1_NEGOTIATE_RESPONSE[] =
    "00000045ff534d4272000000009801c80000000000000000000000000000fffe0000010011020001320001000000010000"
    "00010000000000fde3000000000000000000000000000000";
static const char SMB1_SESSION_SETUP[] =
    "00000059ff534d4273000000001801480000000000000000000000000000fffe000001000dff00000004113200000000"
    "0000000600000000000000000000001c00736563726574677565737400504f525400556e69780053616d626100";
static const char SMB1_TREE_CONNECT[] =
    "00000041ff534d4275000000001801480000000000000000000000000000fffe0000010004ff000000000001001600005c"
    "5c46532d30315c5055424c4943003f3f3f3f3f00";

static int setup(void **state) { return harness_setup(state, "smb"); }

static size_t hex(uint8_t *out, size_t cap, const char *h) { return harness_hex(out, cap, h); }

static void send_hex(harness_fixture *f, net_dir dir, const char *h)
{
    uint8_t b[1024];
    size_t n = hex(b, sizeof b, h);
    harness_feed(f, dir, b, n);
}

/* The index of the app meta with this event, or -1. */
static int find_event(const harness_seen *s, const char *event)
{
    for (int i = 0; i < s->n_metas && i < HARNESS_MAX_METAS; i++)
        if (!strcmp(s->event[i], event)) return i;
    return -1;
}

static void check_client_side(const harness_seen *s)
{
    assert_int_equal(s->n_metas, 5);
    assert_string_equal(s->event[0], "negotiate");
    assert_string_equal(harness_meta_get(s, 0, "smb.dialects", 0), "2.0.2,3.0,3.1.1");
    assert_string_equal(s->event[1], "session_setup");
    assert_string_equal(harness_meta_get(s, 1, "user.name", 0), "jdoe");
    assert_string_equal(harness_meta_get(s, 1, "smb.domain", 0), "AURORA");
    assert_string_equal(harness_meta_get(s, 1, "netbios.name", 0), "WS-HQ-001");
    assert_string_equal(harness_meta_get(s, 1, "smb.auth", 0), "ntlmssp");
    assert_false(s->clear[1]);                      /* NTLM is no password in clear */
    assert_string_equal(s->event[2], "tree_connect");
    assert_string_equal(harness_meta_get(s, 2, "smb.share", 0), "\\\\fs-01\\finance");
    assert_string_equal(s->event[3], "create");
    assert_string_equal(harness_meta_get(s, 3, "smb.file", 0), "budget\\2024.xlsx");
    assert_string_equal(s->event[4], "read");
    assert_null(harness_meta_get(s, 4, "smb.truncated", 0));
    assert_int_equal(s->n_ids, 1);
    assert_string_equal(s->id.name, "WS-HQ-001");
    assert_int_equal(s->id_dir, NET_DIR_TO_SERVER);
}

static void test_smb2_session_packed(void **state)
{
    harness_fixture *f = *state;
    uint8_t all[2048];
    size_t n = 0;
    const char *const msgs[] = { NEGOTIATE, SESSION_SETUP, TREE_CONNECT, CREATE, READ };
    for (size_t i = 0; i < 5; i++) n += hex(all + n, sizeof all - n, msgs[i]);
    harness_to_server(f, all, n);
    check_client_side(&f->seen);
    send_hex(f, NET_DIR_TO_CLIENT, NEGOTIATE_RESPONSE);
    send_hex(f, NET_DIR_TO_CLIENT, CHALLENGE);
    assert_int_equal(f->seen.n_metas, 7);
    assert_string_equal(f->seen.event[5], "negotiate_response");
    assert_string_equal(harness_meta_get(&f->seen, 5, "smb.dialect", 0), "3.1.1");
    assert_string_equal(f->seen.event[6], "session_setup_response");
    assert_string_equal(harness_meta_get(&f->seen, 6, "smb.status", 0), "0xc0000016");
    assert_string_equal(harness_meta_get(&f->seen, 6, "netbios.name", 0), "FS-01");
    assert_string_equal(harness_meta_get(&f->seen, 6, "smb.domain", 0), "AURORA");
    assert_int_equal(f->seen.n_ids, 2);
    assert_string_equal(f->seen.id.name, "FS-01");
    assert_int_equal(f->seen.id_dir, NET_DIR_TO_CLIENT);
}

static void test_smb2_byte_by_byte(void **state)
{
    harness_fixture *f = *state;
    uint8_t all[2048];
    size_t n = 0;
    const char *const msgs[] = { NEGOTIATE, SESSION_SETUP, TREE_CONNECT, CREATE, READ };
    for (size_t i = 0; i < 5; i++) n += hex(all + n, sizeof all - n, msgs[i]);
    for (size_t i = 0; i < n; i++) harness_to_server(f, all + i, 1);
    check_client_side(&f->seen);
}

/* Two PDUs in one NetBIOS message, chained by NextCommand: the tree
 * connect (padded to 8) and the create. */
static void test_smb2_compound(void **state)
{
    harness_fixture *f = *state;
    uint8_t tc[256], cr[256], msg[600];
    size_t ntc = hex(tc, sizeof tc, TREE_CONNECT) - 4, ncr = hex(cr, sizeof cr, CREATE) - 4;
    size_t first = (ntc + 7) & ~(size_t)7;
    memset(msg, 0, sizeof msg);
    memcpy(msg + 4, tc + 4, ntc);
    msg[4 + 20] = (uint8_t)first;                   /* NextCommand */
    memcpy(msg + 4 + first, cr + 4, ncr);
    size_t total = first + ncr;
    msg[1] = (uint8_t)(total >> 16); msg[2] = (uint8_t)(total >> 8); msg[3] = (uint8_t)total;
    harness_to_server(f, msg, 4 + total);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(f->seen.event[0], "tree_connect");
    assert_string_equal(harness_meta_get(&f->seen, 0, "smb.share", 0), "\\\\fs-01\\finance");
    assert_string_equal(f->seen.event[1], "create");
    assert_string_equal(harness_meta_get(&f->seen, 1, "smb.file", 0), "budget\\2024.xlsx");
}

static void test_gaps(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[1024];
    /* a gap inside a message body, past its head, keeps the framing: the
     * message is marked truncated and the next one is read (a READ grown
     * by 400 bytes of padding, as a WRITE's data would) */
    memset(b, 0, sizeof b);
    size_t n = hex(b, sizeof b, READ) + 400;
    b[2] = (uint8_t)((n - 4) >> 8);
    b[3] = (uint8_t)(n - 4);
    harness_to_server(f, b, 300);
    harness_gap(f, NET_DIR_TO_SERVER, 3);
    harness_to_server(f, b + 303, n - 303);
    send_hex(f, NET_DIR_TO_SERVER, TREE_CONNECT);
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(f->seen.event[0], "read");
    assert_string_equal(harness_meta_get(&f->seen, 0, "smb.truncated", 0), "true");
    assert_string_equal(f->seen.event[1], "tree_connect");
    /* a gap past the end of the message loses the framing: the rest of the
     * delivery is dropped until one starts with a message */
    n = hex(b, sizeof b, CREATE);
    harness_to_server(f, b, 80);
    harness_gap(f, NET_DIR_TO_SERVER, 5000);
    harness_to_server(f, b + 90, n - 90);
    harness_to_server(f, (const uint8_t *)"\x00\x00\x00\x10garbage-garbage!", 20);
    assert_int_equal(f->seen.n_metas, 2);
    send_hex(f, NET_DIR_TO_SERVER, NEGOTIATE);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[2], "negotiate");
}

static void test_smb1_plaintext_session(void **state)
{
    harness_fixture *f = *state;
    send_hex(f, NET_DIR_TO_SERVER, SMB1_SESSION_REQUEST);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "session_request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "netbios.name", 0), "WS-FAC-01<00>");
    assert_string_equal(harness_meta_get(&f->seen, 0, "smb.called_name", 0), "FS-01<20>");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.id.name, "WS-FAC-01");
    harness_to_client(f, (const uint8_t *)"\x82\x00\x00\x00", 4);   /* positive session response */
    send_hex(f, NET_DIR_TO_SERVER, SMB1_NEGOTIATE);
    assert_string_equal(f->seen.event[1], "smb1_negotiate");
    assert_string_equal(harness_meta_get(&f->seen, 1, "smb.dialects", 0), "PC NETWORK PROGRAM 1.0,LANMAN1.0,NT LM 0.12");
    send_hex(f, NET_DIR_TO_CLIENT, SMB1_NEGOTIATE_RESPONSE);
    assert_string_equal(f->seen.event[2], "smb1_negotiate_response");
    assert_string_equal(harness_meta_get(&f->seen, 2, "smb.dialect", 0), "NT LM 0.12");
    send_hex(f, NET_DIR_TO_SERVER, SMB1_SESSION_SETUP);
    int i = find_event(&f->seen, "smb1_session_setup_andx");
    assert_int_equal(i, 3);
    assert_string_equal(harness_meta_get(&f->seen, i, "user.name", 0), "guest");
    assert_string_equal(harness_meta_get(&f->seen, i, "smb.domain", 0), "PORT");
    assert_true(f->seen.clear[i]);
    for (size_t k = 0; k < f->seen.nkv[i]; k++) assert_null(strstr(f->seen.val[i][k], "secret"));
    send_hex(f, NET_DIR_TO_SERVER, SMB1_TREE_CONNECT);
    assert_string_equal(f->seen.event[4], "smb1_tree_connect_andx");
    assert_string_equal(harness_meta_get(&f->seen, 4, "smb.share", 0), "\\\\FS-01\\PUBLIC");
    assert_false(f->seen.clear[4]);                 /* an empty share password */
}

static void test_malformed(void **state)
{
    harness_fixture *f = *state;
    /* an unknown session service type loses the framing */
    harness_to_server(f, (const uint8_t *)"\x47\x45\x54\x20/ HTTP/1.1\r\n\r\n", 18);
    /* a message too short for an SMB2 header: counted as nothing */
    harness_to_server(f, (const uint8_t *)"\x00\x00\x00\x08\xfeSMB\x40\x00\x01\x00", 12);
    assert_int_equal(f->seen.n_metas, 0);
    /* a session setup whose NTLMSSP offsets point past the message */
    uint8_t b[1024];
    size_t n = hex(b, sizeof b, SESSION_SETUP);
    b[4 + 88 + 16 + 36 + 4] = 0xff;                 /* user name offset low byte */
    b[4 + 88 + 16 + 36 + 5] = 0xff;
    harness_to_server(f, b, n);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "session_setup");
    assert_null(harness_meta_get(&f->seen, 0, "user.name", 0));
    assert_string_equal(harness_meta_get(&f->seen, 0, "smb.domain", 0), "AURORA");
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t b[1024];
    size_t n = hex(b, sizeof b, NEGOTIATE);
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 3, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    n = hex(b, sizeof b, SMB1_SESSION_REQUEST);
    assert_int_equal(f->pp->probe(b, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(b, 10, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe((const uint8_t *)"\x82\x00\x00\x00", 4, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe((const uint8_t *)"\x82\x00\x00\x00", 4, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"GET / HTTP/1.1\r\n", 16, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"\x00\x00\x00\x10\x03\x00\x00\x10", 8, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_smb2_session_packed, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_smb2_byte_by_byte, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_smb2_compound, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_gaps, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_smb1_plaintext_session, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
