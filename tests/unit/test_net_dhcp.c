/* test_net_dhcp.c - the DHCP parser on hand-made BOOTP messages: message
 * types, hostname, vendor class, requested address, client id, parameter
 * list, the client MAC, the assigned address; malformed options; probe. */
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

/* A BOOTP message with the magic cookie and the options given as hex. */
static size_t dhcp_msg(uint8_t *out, size_t cap, uint8_t op, uint32_t yiaddr, const char *opts)
{
    memset(out, 0, 240);
    out[0] = op; out[1] = 1; out[2] = 6;
    out[4] = 0x12; out[5] = 0x34; out[6] = 0x56; out[7] = 0x78;
    out[16] = (uint8_t)(yiaddr >> 24); out[17] = (uint8_t)(yiaddr >> 16); out[18] = (uint8_t)(yiaddr >> 8); out[19] = (uint8_t)yiaddr;
    const uint8_t mac[6] = { 0xb8, 0x27, 0xeb, 0x96, 0xb5, 0x02 };
    memcpy(out + 28, mac, 6);
    out[236] = 0x63; out[237] = 0x82; out[238] = 0x53; out[239] = 0x63;
    return 240 + harness_hex(out + 240, cap - 240, opts);
}

static int setup(void **state) { return harness_setup(state, "dhcp"); }
/* key's value in the latest app meta, or NULL. */
static const char *last_value(const harness_seen *s, const char *key) { return harness_meta_get(s, s->n_metas - 1, key, 0); }

static void test_discover_and_ack(void **state)
{
    harness_fixture *f = *state;
    uint8_t m[600];
    /* discover: type 1, hostname "raspberrypi\0", vendor "dhcpcd-9.4.1", requested 10.0.0.7,
     * client id 01+MAC, parameter list 1,3,6,15 */
    size_t n = dhcp_msg(m, sizeof m, 1, 0, "350101 0c0c7261737062657272797069 00 3c0c64686370636400392e342e31"
                                 " 32040a000007 3d0701b827eb96b502 3704 01 03 06 0f ff");
    assert_int_equal(f->pp->probe(m, n, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    f->pp->parse_to_server(NULL, &f->ctx, m, n);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[f->seen.n_metas - 1], "discover");
    assert_string_equal(last_value(&f->seen, "dhcp.client_mac"), "b8:27:eb:96:b5:02");
    assert_string_equal(last_value(&f->seen, "dhcp.hostname"), "raspberrypi");
    assert_string_equal(last_value(&f->seen, "dhcp.requested_ip"), "10.0.0.7");
    assert_string_equal(last_value(&f->seen, "dhcp.client_id"), "01:b8:27:eb:96:b5:02");
    assert_string_equal(last_value(&f->seen, "dhcp.params"), "1,3,6,15");
    assert_null(last_value(&f->seen, "dhcp.assigned_ip"));
    assert_null(last_value(&f->seen, "dhcp.malformed"));
    /* ack with the assigned address */
    n = dhcp_msg(m, sizeof m, 2, 0x0a000007, "350105 ff");
    f->pp->parse_to_client(NULL, &f->ctx, m, n);
    assert_string_equal(f->seen.event[f->seen.n_metas - 1], "ack");
    assert_string_equal(last_value(&f->seen, "dhcp.assigned_ip"), "10.0.0.7");
    /* plain BOOTP, no message type */
    n = dhcp_msg(m, sizeof m, 1, 0, "ff");
    f->pp->parse_to_server(NULL, &f->ctx, m, n);
    assert_string_equal(f->seen.event[f->seen.n_metas - 1], "bootp_request");
}

static void test_malformed_and_probe(void **state)
{
    harness_fixture *f = *state;
    uint8_t m[600];
    /* an option running past the end: what came before is kept */
    size_t n = dhcp_msg(m, sizeof m, 1, 0, "350103 0c4061");
    f->pp->parse_to_server(NULL, &f->ctx, m, n);
    assert_string_equal(f->seen.event[f->seen.n_metas - 1], "request");
    assert_string_equal(last_value(&f->seen, "dhcp.malformed"), "true");
    assert_null(last_value(&f->seen, "dhcp.hostname"));
    /* unprintable hostname octets */
    n = dhcp_msg(m, sizeof m, 1, 0, "350108 0c03610a62");
    f->pp->parse_to_server(NULL, &f->ctx, m, n);
    assert_string_equal(last_value(&f->seen, "dhcp.hostname"), "a?b");
    /* probe: bad cookie, bad op, short */
    n = dhcp_msg(m, sizeof m, 1, 0, "ff");
    m[239] = 0;
    assert_int_equal(f->pp->probe(m, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    f->seen.n_metas = 0;
    f->pp->parse_to_server(NULL, &f->ctx, m, n);
    assert_int_equal(f->seen.n_metas, 0);
    n = dhcp_msg(m, sizeof m, 3, 0, "ff");
    assert_int_equal(f->pp->probe(m, n, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    n = dhcp_msg(m, sizeof m, 1, 0, "ff");
    assert_int_equal(f->pp->probe(m, 200, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    for (size_t k = 0; k < n; k++) f->pp->parse_to_server(NULL, &f->ctx, m, k);   /* every cut */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_discover_and_ack, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_and_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
