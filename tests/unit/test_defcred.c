/* test_defcred.c - the vendor default-credential table and its matcher:
 * ids unique, logins with a user and SNMP without, each entry documented in
 * docs/rules.md; whole and streamed comparison (user without case, password
 * exactly: no prefix, no extension, no case fold), empty passwords, NULs,
 * an edited stream giving no verdict. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "net/proto/defcred.h"

static const char *id_of(defcred_scope scope, const char *user, const char *pw)
{
    const defcred *d = defcred_match(scope, user, pw, strlen(pw));
    return d ? d->id : NULL;
}

static void test_table(void **state)
{
    (void)state;
    size_t n = defcred_count();
    assert_true(n >= 20 && n <= DEFCRED_MAX);
    assert_null(defcred_at(n));
    for (size_t i = 0; i < n; i++) {
        const defcred *d = defcred_at(i);
        assert_non_null(d->id);
        assert_non_null(d->password);
        assert_true(d->vendors && strlen(d->vendors) > 5);
        if (d->scope == DEFCRED_LOGIN) assert_true(d->user && d->user[0]);
        else assert_null(d->user);
        for (size_t k = 0; k < i; k++) {
            assert_string_not_equal(defcred_at(k)->id, d->id);
            /* two entries with one pair would make the verdict depend on table order */
            const defcred *o = defcred_at(k);
            assert_false(o->scope == d->scope && !strcmp(o->password, d->password) &&
                         (!o->user || !strcasecmp(o->user, d->user)));
        }
    }
}

/* Each entry is in docs/rules.md, with the vendors that ship it. */
static void test_documented(void **state)
{
    (void)state;
    const char *src = getenv("SEAWALL_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/rules.md", src ? src : ".");
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char doc[1 << 20];
    size_t len = fread(doc, 1, sizeof doc - 1, fp);
    fclose(fp);
    doc[len] = '\0';
    for (size_t i = 0; i < defcred_count(); i++) {
        char want[128];
        snprintf(want, sizeof want, "`%s`", defcred_at(i)->id);
        if (!strstr(doc, want)) fail_msg("docs/rules.md does not list %s", want);
    }
}

static void test_whole(void **state)
{
    (void)state;
    assert_string_equal(id_of(DEFCRED_LOGIN, "admin", "admin"), "admin-admin");
    assert_string_equal(id_of(DEFCRED_LOGIN, "Admin", "private"), "admin-private");   /* user without case */
    assert_null(id_of(DEFCRED_LOGIN, "admin", "Private"));                            /* password exactly */
    assert_null(id_of(DEFCRED_LOGIN, "admin", "privat"));                             /* no prefix */
    assert_null(id_of(DEFCRED_LOGIN, "admin", "private1"));                           /* no extension */
    assert_null(id_of(DEFCRED_LOGIN, "operator", "private"));                         /* another user */
    assert_null(id_of(DEFCRED_LOGIN, NULL, "admin"));
    assert_null(id_of(DEFCRED_LOGIN, "", "admin"));
    assert_string_equal(id_of(DEFCRED_LOGIN, "admin", ""), "admin-empty");
    assert_string_equal(id_of(DEFCRED_LOGIN, "apc", "apc"), "apc-apc");
    assert_string_equal(id_of(DEFCRED_LOGIN, "sysdiag", "factorycast@schneider"), "sysdiag-factorycast");
    assert_string_equal(id_of(DEFCRED_SNMP, NULL, "public"), "snmp-public");
    assert_string_equal(id_of(DEFCRED_SNMP, "ignored", "private"), "snmp-private");
    assert_null(id_of(DEFCRED_SNMP, NULL, "aur0ra-m0n"));
    assert_null(id_of(DEFCRED_SNMP, NULL, ""));
    assert_null(id_of(DEFCRED_LOGIN, "user", "user"));       /* "USER"/"USER": the password has case */
    assert_string_equal(id_of(DEFCRED_LOGIN, "user", "USER"), "user-user");
    /* a login password is not a community, nor the other way round */
    assert_null(id_of(DEFCRED_LOGIN, "admin", "public"));
    assert_null(id_of(DEFCRED_SNMP, NULL, "admin"));
    /* a NUL inside or after the password is a different password */
    assert_null(defcred_match(DEFCRED_LOGIN, "admin", "admin\0", 6));
    assert_null(defcred_match(DEFCRED_SNMP, NULL, "pub\0lic", 7));
}

static void test_stream(void **state)
{
    (void)state;
    defcred_stream s;
    defcred_stream_begin(&s, DEFCRED_LOGIN, "root");
    for (const char *p = "pass"; *p; p++) defcred_stream_put(&s, (uint8_t)*p);
    const defcred *d = defcred_stream_end(&s);
    assert_non_null(d);
    assert_string_equal(d->id, "root-pass");
    assert_null(defcred_stream_end(&s));                 /* ended: a second end says nothing */
    /* "roo" is a prefix of "root": its entry drops out, not the one being typed */
    defcred_stream_begin(&s, DEFCRED_LOGIN, "root");
    for (const char *p = "roo"; *p; p++) defcred_stream_put(&s, (uint8_t)*p);
    assert_null(defcred_stream_end(&s));
    defcred_stream_begin(&s, DEFCRED_LOGIN, "root");
    defcred_stream_put(&s, 'p');
    defcred_stream_spoil(&s);
    for (const char *p = "ass"; *p; p++) defcred_stream_put(&s, (uint8_t)*p);
    assert_null(defcred_stream_end(&s));
    /* a zeroed stream matches nothing, and a long password does not wrap */
    memset(&s, 0, sizeof s);
    assert_null(defcred_stream_end(&s));
    defcred_stream_begin(&s, DEFCRED_LOGIN, "admin");
    for (int i = 0; i < 70000; i++) defcred_stream_put(&s, 'a');
    assert_null(defcred_stream_end(&s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_documented),
        cmocka_unit_test(test_whole),
        cmocka_unit_test(test_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
