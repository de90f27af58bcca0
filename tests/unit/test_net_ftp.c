/* test_net_ftp.c - the FTP parser on hand-made control connections: the
 * greeting as identity, commands (USER as user name, PASS flagged and never
 * kept, transfer file names), reply codes with multi-line replies counted
 * once, split and packed delivery, bare LF, overlong lines, gaps, the
 * probe (SMTP's 220 refused). */
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

static int setup(void **state) { return harness_setup(state, "ftp"); }
static void cs(harness_fixture *f, const char *s) { harness_to_server(f, (const uint8_t *)s, strlen(s)); }
static void sc(harness_fixture *f, const char *s) { harness_to_client(f, (const uint8_t *)s, strlen(s)); }

static void test_session(void **state)
{
    harness_fixture *f = *state;
    sc(f, "220-Port of Aurora PLC file service\r\n220-  authorised use only\r\n220 (vsFTPd 3.0.3)\r\n");
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "response");
    assert_string_equal(harness_meta_get(&f->seen, 0, "ftp.reply_code", 0), "220");
    assert_string_equal(harness_meta_get(&f->seen, 0, "ftp.banner", 0), "Port of Aurora PLC file service");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.product, "Port of Aurora PLC file service");
    cs(f, "USER plcadmin\r\nPASS Winter2024!\r\n");
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(harness_meta_get(&f->seen, 1, "ftp.command", 0), "USER");
    assert_string_equal(harness_meta_get(&f->seen, 1, "user.name", 0), "plcadmin");
    assert_false(f->seen.clear[1]);
    assert_string_equal(harness_meta_get(&f->seen, 2, "ftp.command", 0), "PASS");
    assert_true(f->seen.clear[2]);
    assert_int_equal(f->seen.nkv[2], 1);             /* the command only: never the password */
    assert_null(f->seen.default_id[2]);
    sc(f, "331 Please specify the password.\r\n230 Login successful.\r\n");
    cs(f, "TYPE I\r\npasv\r\nRETR /fw/S7-1500_V2.9.4.upd\r\nSTOR backup 2024.cfg\r\nQUIT\r\n");
    assert_int_equal(f->seen.n_metas, 10);
    assert_string_equal(harness_meta_get(&f->seen, 5, "ftp.command", 0), "TYPE");
    assert_string_equal(harness_meta_get(&f->seen, 6, "ftp.command", 0), "PASV");   /* upper-cased */
    assert_string_equal(harness_meta_get(&f->seen, 7, "ftp.file", 0), "/fw/S7-1500_V2.9.4.upd");
    assert_string_equal(harness_meta_get(&f->seen, 8, "ftp.file", 0), "backup 2024.cfg");
    assert_null(harness_meta_get(&f->seen, 9, "ftp.file", 0));
    /* a multi-line FEAT reply is one response; its lines are text */
    sc(f, "211-Features:\r\n EPRT\r\n 123 not a reply\r\n211 End\r\n221 Goodbye.\r\n");
    assert_int_equal(f->seen.n_metas, 12);
    assert_string_equal(harness_meta_get(&f->seen, 10, "ftp.reply_code", 0), "211");
    assert_string_equal(harness_meta_get(&f->seen, 11, "ftp.reply_code", 0), "221");
    assert_int_equal(f->seen.n_ids, 1);              /* only the greeting is an identity */
}

/* PASS is compared with the vendor defaults for the last USER, and the
 * finding goes out on the server's 230 (or 202); a 4xx/5xx refusal, a
 * non-default or an overlong line give none; an empty PASS is the empty
 * password; replies to earlier commands (the greeting, 331) keep it waiting. */
static void test_default_credentials(void **state)
{
    harness_fixture *f = *state;
    cs(f, "USER USER\r\nPASS USER\r\n");          /* sent before the greeting was read */
    assert_int_equal(f->seen.n_metas, 2);
    assert_null(f->seen.default_id[1]);              /* the password itself carries nothing */
    assert_int_equal(f->seen.nkv[1], 1);
    sc(f, "220 Schneider Electric FTP server\r\n331 Password required\r\n230 Logged in\r\n");
    assert_int_equal(f->seen.n_metas, 5);
    assert_null(f->seen.default_id[2]);
    assert_null(f->seen.default_id[3]);
    assert_string_equal(harness_meta_get(&f->seen, 4, "ftp.reply_code", 0), "230");
    assert_string_equal(f->seen.default_id[4], "user-user");
    assert_true(f->seen.accepted[4]);
    sc(f, "200 Again\r\n");                         /* said once */
    assert_null(f->seen.default_id[5]);
    /* the empty password, refused */
    cs(f, "USER admin\r\nPASS\r\n");
    sc(f, "331 Password required\r\n530 Login incorrect.\r\n");
    assert_int_equal(f->seen.n_metas, 10);
    assert_null(f->seen.default_id[8]);
    assert_null(f->seen.default_id[9]);
    /* the empty password, taken; then a password with the wrong case and anonymous */
    cs(f, "USER admin\r\nPASS\r\n");
    sc(f, "331 Password required\r\n230 Logged in\r\n");
    assert_int_equal(f->seen.n_metas, 14);
    assert_string_equal(f->seen.default_id[13], "admin-empty");
    cs(f, "USER admin\r\nPASS Admin\r\nUSER anonymous\r\nPASS admin\r\n");
    sc(f, "331 Password required\r\n230 Logged in\r\n331 Password required\r\n230 Logged in\r\n");
    assert_int_equal(f->seen.n_metas, 22);
    for (int i = 14; i < 22; i++) assert_null(f->seen.default_id[i]);
    /* a PASS with no USER before it in this connection belongs to nobody known */
    harness_teardown(state);
    harness_setup(state, "ftp");
    f = *state;
    sc(f, "220 ready\r\n");
    cs(f, "PASS admin\r\n");
    sc(f, "230 Logged in\r\n");
    assert_null(f->seen.default_id[2]);
    /* an overlong PASS line is cut when kept: never judged from its start */
    cs(f, "USER admin\r\n");
    char line[300] = "PASS admin";
    memset(line + 10, ' ', 250);
    strcpy(line + 260, "\r\n");
    cs(f, line);
    sc(f, "331 Password required\r\n230 Logged in\r\n");
    assert_int_equal(f->seen.n_metas, 7);
    assert_null(f->seen.default_id[6]);
    /* a default PASS the server never answers: reported at the flow's end, not as accepted, once */
    cs(f, "USER admin\r\nPASS admin\r\n");
    assert_int_equal(f->seen.n_metas, 9);
    harness_end(f);
    harness_end(f);
    assert_int_equal(f->seen.n_metas, 10);
    assert_string_equal(f->seen.event[9], "login_unanswered");
    assert_string_equal(f->seen.default_id[9], "admin-admin");
    assert_false(f->seen.accepted[9]);
}

static void test_split_and_bare_lf(void **state)
{
    harness_fixture *f = *state;
    const char *srv = "220 FileZilla Server 1.8.0\n";
    for (size_t i = 0; i < strlen(srv); i++) harness_to_client(f, (const uint8_t *)srv + i, 1);
    const char *cmd = "USER ftpuser\r\nPASS ?\r\n";
    for (size_t i = 0; i < strlen(cmd); i++) harness_to_server(f, (const uint8_t *)cmd + i, 1);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(harness_meta_get(&f->seen, 0, "ftp.banner", 0), "FileZilla Server 1.8.0");
    assert_string_equal(harness_meta_get(&f->seen, 1, "user.name", 0), "ftpuser");
    assert_true(f->seen.clear[2]);
}

static void test_bad_input_and_gap(void **state)
{
    harness_fixture *f = *state;
    /* Telnet IP/Synch bytes and unknown words between commands are skipped */
    cs(f, "\xff\xf4\xff\xf2" "ABOR\r\nXYZZY now\r\nNOOP\r\n");
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(harness_meta_get(&f->seen, 0, "ftp.command", 0), "NOOP");
    /* an overlong argument is cut */
    static char big[1000];
    memset(big, 'f', sizeof big);
    memcpy(big, "RETR ", 5);
    memcpy(big + sizeof big - 2, "\r\n", 2);
    harness_to_server(f, (const uint8_t *)big, sizeof big);
    assert_int_equal(f->seen.n_metas, 2);
    assert_int_equal(strlen(harness_meta_get(&f->seen, 1, "ftp.file", 0)), 195);
    /* a line lost in the middle: the rest of it is dropped, the next read */
    cs(f, "STOR a.b");
    harness_gap(f, NET_DIR_TO_SERVER, 30);
    cs(f, "in\r\nDELE old.cfg\r\n");
    assert_int_equal(f->seen.n_metas, 3);           /* "in" is no command; DELE names a file */
    assert_string_equal(harness_meta_get(&f->seen, 2, "ftp.file", 0), "old.cfg");
    /* a server that is not FTP: its first line is not a reply */
    sc(f, "SSH-2.0-x\r\n220 fake\r\n");
    assert_int_equal(f->seen.n_metas, 3);
    /* a never-ending line stops the direction */
    static char endless[5000];
    memset(endless, 'x', sizeof endless);
    harness_to_server(f, (const uint8_t *)endless, sizeof endless);
    cs(f, "\r\nNOOP\r\n");
    assert_int_equal(f->seen.n_metas, 3);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const proto_parser *p = f->pp;
#define PR(s, d) p->probe((const uint8_t *)s, strlen(s), d)
    assert_int_equal(PR("220 (vsFTPd 3.0.3)\r\n", NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(PR("220-Welcome\r\n", NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(PR("220 mail.port.example ESMTP Postfix\r\n", NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(PR("22", NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    assert_int_equal(PR("220 partial", NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    assert_int_equal(PR("200 OK\r\n", NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    assert_int_equal(PR("USER anonymous\r\n", NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(PR("AUTH TLS\r\n", NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(PR("US", NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(PR("HELP\r\n", NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(PR("EHLO x\r\n", NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(PR("GET / HTTP/1.1\r\n", NET_DIR_TO_SERVER), PROTO_PROBE_NO);
#undef PR
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_session, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_default_credentials, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_and_bare_lf, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_and_gap, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
