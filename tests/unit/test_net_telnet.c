/* test_net_telnet.c - the Telnet parser on hand-made sessions: option
 * negotiation read out of the data (subnegotiations and escaped 255s
 * skipped), login and password prompts in line and character mode, the
 * password never kept, erase characters, "Last login:" not a prompt,
 * gaps, overlong subnegotiation, the probe. */
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

static int setup(void **state) { return harness_setup(state, "telnet"); }
static void cs(harness_fixture *f, const char *s, size_t n) { harness_to_server(f, (const uint8_t *)s, n); }
static void sc(harness_fixture *f, const char *s, size_t n) { harness_to_client(f, (const uint8_t *)s, n); }
#define CS(f, lit) cs(f, lit, sizeof lit - 1)
#define SC(f, lit) sc(f, lit, sizeof lit - 1)

static void test_negotiation_and_line_login(void **state)
{
    harness_fixture *f = *state;
    /* DO TERMINAL-TYPE, DO NAWS, WILL ECHO, then SB TERMINAL-TYPE SEND with an escaped 255 */
    SC(f, "\xff\xfd\x18\xff\xfd\x1f\xff\xfb\x01\xff\xfa\x18\x01\xff\xff\xff\xf0");
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[0], "negotiation");
    assert_string_equal(harness_meta_get(&f->seen, 0, "telnet.command", 0), "DO");
    assert_string_equal(harness_meta_get(&f->seen, 0, "telnet.option", 0), "terminal-type");
    assert_string_equal(harness_meta_get(&f->seen, 1, "telnet.option", 0), "naws");
    assert_string_equal(harness_meta_get(&f->seen, 2, "telnet.command", 0), "WILL");
    assert_string_equal(harness_meta_get(&f->seen, 2, "telnet.option", 0), "echo");
    CS(f, "\xff\xfb\x18\xff\xfc\x1f\xff\xfe\x63");
    assert_int_equal(f->seen.n_metas, 6);
    assert_string_equal(harness_meta_get(&f->seen, 4, "telnet.command", 0), "WONT");
    assert_string_equal(harness_meta_get(&f->seen, 5, "telnet.command", 0), "DONT");
    assert_string_equal(harness_meta_get(&f->seen, 5, "telnet.option", 0), "99");
    SC(f, "Ubuntu 22.04 LTS\r\nrtu-gw login: ");
    CS(f, "operator\r\n");
    assert_int_equal(f->seen.n_metas, 7);
    assert_string_equal(f->seen.event[6], "login");
    assert_string_equal(harness_meta_get(&f->seen, 6, "user.name", 0), "operator");
    assert_false(f->seen.clear[6]);
    SC(f, "Password: ");
    CS(f, "hunter2\r\n");
    assert_int_equal(f->seen.n_metas, 8);
    assert_string_equal(f->seen.event[7], "password");
    assert_true(f->seen.clear[7]);
    assert_null(f->seen.default_id[7]);              /* not a vendor default */
    assert_null(harness_meta_get(&f->seen, 7, "user.name", 0));
    for (size_t k = 0; k < f->seen.nkv[7]; k++) assert_null(strstr(f->seen.val[7][k], "hunter2"));
    /* "Last login:" is followed by more text: not a prompt; commands are not user names */
    SC(f, "Last login: Mon Jan  1 10:00:00 from 10.22.0.11\r\n$ ");
    CS(f, "ls -l\r\n");
    assert_int_equal(f->seen.n_metas, 8);
}

static void test_character_mode(void **state)
{
    harness_fixture *f = *state;
    SC(f, "\xff\xfb\x01\xff\xfb\x03login:");
    /* one character a segment, each echoed; a typo erased with DEL; CR NUL ends the line */
    const char typed[] = "adx\x7fmin\r";
    for (size_t i = 0; i < sizeof typed - 1; i++) {
        cs(f, typed + i, 1);
        if (typed[i] != '\r') sc(f, typed + i, 1);
    }
    cs(f, "\0", 1);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(harness_meta_get(&f->seen, 2, "user.name", 0), "admin");
    SC(f, "\r\nPassword:");
    const char pw[] = "s3cr\xff\xff" "et\r\n";
    for (size_t i = 0; i < sizeof pw - 1; i++) cs(f, pw + i, 1);
    assert_int_equal(f->seen.n_metas, 4);
    assert_true(f->seen.clear[3]);
    /* a password prompt with no user name before it (a router's enable) */
    SC(f, "\r\nrouter>enable\r\nPassword: ");
    CS(f, "x\r\n");
    assert_int_equal(f->seen.n_metas, 5);
    assert_true(f->seen.clear[4]);
}

/* A factory password is recognised as typed, for the last login's user,
 * and reported on the server's verdict: a shell prompt took it, a failure
 * word or a new prompt refused it, the flow's end left it unanswered. An
 * edited line (BS, DEL or IAC EC) gives no verdict, whatever it ends as. */
static void test_default_password(void **state)
{
    harness_fixture *f = *state;
    SC(f, "\xff\xfb\x01ring-sw-07 login: ");
    CS(f, "admin\r\n");
    SC(f, "Password: ");
    const char pw[] = "private\r\0";
    for (size_t i = 0; i < sizeof pw - 1; i++) cs(f, pw + i, 1);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[2], "password");
    assert_true(f->seen.clear[2]);
    assert_null(f->seen.default_id[2]);              /* typed, not yet taken */
    for (size_t k = 0; k < f->seen.nkv[2]; k++) assert_null(strstr(f->seen.val[2][k], "private"));
    SC(f, "\r\n");                                   /* not yet a verdict */
    assert_int_equal(f->seen.n_metas, 3);
    SC(f, "Hirschmann Classic Switch\r\nLast login: Mon Jan  1 10:00:00\r\n*ring-sw-07> ");
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(f->seen.event[3], "login_result");
    assert_string_equal(f->seen.default_id[3], "admin-private");
    assert_true(f->seen.accepted[3]);
    /* refused: "Login incorrect" and a new prompt */
    CS(f, "logout\r\n");
    SC(f, "\r\nring-sw-07 login: ");
    CS(f, "admin\r\n");
    SC(f, "Password: ");
    CS(f, "private\r\n");
    SC(f, "\r\nLogin incorrect\r\n");
    SC(f, "ring-sw-07 login: ");
    assert_int_equal(f->seen.n_metas, 6);
    for (int i = 4; i < 6; i++) assert_null(f->seen.default_id[i]);
    /* refused by a prompt alone (no failure word) */
    CS(f, "admin\r\n");
    SC(f, "Password: ");
    CS(f, "private\r\n");
    SC(f, "\r\nPassword: ");
    assert_int_equal(f->seen.n_metas, 8);
    assert_null(f->seen.default_id[7]);
    /* corrected with DEL, or with IAC EC, to the same text: no verdict */
    CS(f, "privx\x7f" "ate\r\n");
    SC(f, "\r\n> ");
    SC(f, "\r\nPassword: ");
    CS(f, "privatx\xff\xf7\r\n");
    SC(f, "\r\n> ");
    assert_int_equal(f->seen.n_metas, 10);
    assert_null(f->seen.default_id[8]);
    assert_null(f->seen.default_id[9]);
    /* another user, the same password: not a default pair */
    SC(f, "\r\nlogin: ");
    CS(f, "operator\r\n");
    SC(f, "Password: ");
    CS(f, "private\r\n");
    SC(f, "\r\n$ ");
    assert_int_equal(f->seen.n_metas, 12);
    assert_null(f->seen.default_id[11]);
    /* a prefix or an extension of a default is not one; the default itself is */
    SC(f, "\r\nlogin: ");
    CS(f, "root\r\n");
    SC(f, "Password: ");
    CS(f, "pas\r\n");
    SC(f, "\r\nPassword: ");
    CS(f, "passs\r\n");
    SC(f, "\r\nPassword: ");
    CS(f, "pass\r\n");
    assert_int_equal(f->seen.n_metas, 16);
    /* no prompt from the server: the client typing a command says it is in */
    CS(f, "show ports\r\n");
    assert_int_equal(f->seen.n_metas, 17);
    assert_string_equal(f->seen.default_id[16], "root-pass");
    assert_true(f->seen.accepted[16]);
    for (int i = 12; i < 16; i++) assert_null(f->seen.default_id[i]);
}

/* Enter alone at the prompt is the empty password; a flow that ends before
 * the verdict still reports the default, not as accepted. */
static void test_default_empty_and_unanswered(void **state)
{
    harness_fixture *f = *state;
    SC(f, "\xff\xfb\x01login: ");
    CS(f, "admin\r\n");
    SC(f, "Password: ");
    CS(f, "\r\n");
    assert_int_equal(f->seen.n_metas, 3);             /* negotiation, login, password */
    assert_string_equal(f->seen.event[2], "password");
    SC(f, "\r\nEDS-408A# ");
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(f->seen.default_id[3], "admin-empty");
    CS(f, "exit\r\n");
    SC(f, "\r\nlogin: ");
    CS(f, "admin\r\n");
    SC(f, "Password: ");
    CS(f, "moxa\r\n");
    harness_end(f);
    assert_int_equal(f->seen.n_metas, 7);
    assert_string_equal(f->seen.event[6], "login_unanswered");
    assert_string_equal(f->seen.default_id[6], "admin-moxa");
    assert_false(f->seen.accepted[6]);
    harness_end(f);                                  /* said once */
    assert_int_equal(f->seen.n_metas, 7);
}

static void test_gap_and_bad_input(void **state)
{
    harness_fixture *f = *state;
    SC(f, "login: ");
    CS(f, "adm");
    harness_gap(f, NET_DIR_TO_SERVER, 20);
    CS(f, "in\r\n");
    assert_int_equal(f->seen.n_metas, 0);            /* the line lost its start: not reported */
    /* a gap in a subnegotiation resumes in data */
    SC(f, "\xff\xfa\x18");
    harness_gap(f, NET_DIR_TO_CLIENT, 5);
    SC(f, "\xff\xfd\x01");
    assert_int_equal(f->seen.n_metas, 1);
    /* an endless subnegotiation ends the reading of that direction */
    static uint8_t sb[5000];
    memset(sb, 'a', sizeof sb);
    sb[0] = 0xff; sb[1] = 0xfa;
    harness_to_client(f, sb, sizeof sb);
    SC(f, "\xff\xf0\xff\xfd\x01");
    assert_int_equal(f->seen.n_metas, 1);
    /* the client side still reads */
    CS(f, "\xff\xfb\x18");
    assert_int_equal(f->seen.n_metas, 2);
}

static void test_long_user(void **state)
{
    harness_fixture *f = *state;
    char longname[300];
    memset(longname, 'u', sizeof longname);
    memcpy(longname + sizeof longname - 2, "\r\n", 2);
    SC(f, "Username: ");
    cs(f, longname, sizeof longname);
    assert_int_equal(f->seen.n_metas, 1);
    assert_int_equal(strlen(harness_meta_get(&f->seen, 0, "user.name", 0)), 64);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const uint8_t doterm[] = { 0xff, 0xfd, 0x18 }, will[] = { 0xff, 0xfb, 0x01 }, sb[] = { 0xff, 0xfa, 0x18 };
    assert_int_equal(f->pp->probe(doterm, 3, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(will, 3, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(sb, 3, NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe(doterm, 1, NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    const uint8_t nop[] = { 0xff, 0xf1, 0x00 }, iac2[] = { 0xff, 0xff, 0x00 };
    assert_int_equal(f->pp->probe(nop, 3, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe(iac2, 3, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"login: ", 7, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_negotiation_and_line_login, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_character_mode, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_default_password, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_default_empty_and_unanswered, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_gap_and_bad_input, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_long_user, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
