/* test_cpe.c - CPE 2.3 formatted-string validation: real NVD names pass,
 * CPE 2.2 URIs, wrong field counts, bad parts, spaces and stray wildcards fail
 * with a reason a person can act on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "model/cpe.h"

static void assert_valid(const char *cpe)
{
    char why[160] = "";
    if (!cpe23_valid(cpe, why, sizeof why)) fail_msg("%s rejected: %s", cpe, why);
}

/* Rejected, with a reason that contains `reason`. */
static void assert_invalid(const char *cpe, const char *reason)
{
    char why[160] = "";
    if (cpe23_valid(cpe, why, sizeof why)) fail_msg("%s accepted", cpe);
    if (!strstr(why, reason)) fail_msg("%s: reason '%s' lacks '%s'", cpe, why, reason);
}

static void test_real_names_are_valid(void **state)
{
    assert_valid("cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*");
    assert_valid("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
    assert_valid("cpe:2.3:h:schneider-electric:modicon_m340:-:*:*:*:*:*:*:*");
    assert_valid("cpe:2.3:o:rockwellautomation:controllogix_5580_firmware:33.011:*:*:*:*:*:*:*");
    assert_valid("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*");
    assert_valid("cpe:2.3:a:moxa:mxview:*:*:*:*:*:*:*:*");
    assert_valid("cpe:2.3:*:*:*:*:*:*:*:*:*:*:*");
}

static void test_escapes_and_wildcards(void **state)
{
    /* NISTIR 7695 examples: escaped punctuation and leading/trailing wildcards. */
    assert_valid("cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:special:ipod_touch:80gb:*");
    assert_valid("cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*");
    assert_valid("cpe:2.3:a:bea:weblogic_server:8.1:sp\\:2:*:*:*:*:*:*");     /* escaped colon is not a separator */
    assert_valid("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*");
    assert_valid("cpe:2.3:a:microsoft:internet_explorer:*8.0:??sp1:*:*:*:*:*:*");
    assert_valid("cpe:2.3:a:vendor:product:1.0:*:*:en-us:*:*:*:*");
    assert_valid("cpe:2.3:a:vendor:product:1.0:*:*:fr-150:*:*:*:*");
}

static void test_uri_binding_is_rejected(void **state)
{
    assert_invalid("cpe:/o:siemens:simatic_s7-1500_cpu_firmware:2.9.4", "CPE 2.2 URI");
    assert_invalid("cpe:2.2:a:vendor:product:1:*:*:*:*:*:*:*", "starts with 'cpe:2.3:'");
    assert_invalid("", "starts with");
    assert_invalid(NULL, "no CPE");
}

static void test_field_count(void **state)
{
    assert_invalid("cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*", "has 12");
    assert_invalid("cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*:*", "has 14");
    assert_invalid("cpe:2.3:o:siemens", "has 4");
    assert_invalid("cpe:2.3:", "has 3");
}

static void test_part(void **state)
{
    assert_invalid("cpe:2.3:x:siemens:simatic:1:*:*:*:*:*:*:*", "part must be");
    assert_invalid("cpe:2.3:ao:siemens:simatic:1:*:*:*:*:*:*:*", "part must be");
    assert_invalid("cpe:2.3::siemens:simatic:1:*:*:*:*:*:*:*", "part must be");
}

static void test_bad_characters(void **state)
{
    assert_invalid("cpe:2.3:o:siemens:simatic s7:2.9.4:*:*:*:*:*:*:*", "product has a space");
    assert_invalid("cpe:2.3:a:vendor:prod*uct:1:*:*:*:*:*:*:*", "wildcard '*' inside");
    assert_invalid("cpe:2.3:a:vendor:product:1.0$:*:*:*:*:*:*:*", "version has '$'");
    assert_invalid("cpe:2.3:a:vendor:product::*:*:*:*:*:*:*", "version is empty");
    assert_invalid("cpe:2.3:a:vendor:product:**:*:*:*:*:*:*:*", "only wildcards");
    assert_invalid("cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:x\\", "escapes nothing");
    assert_invalid("cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:\\a", "escapes nothing");
    assert_invalid("cpe:2.3:a:vendor:caf\xc3\xa9:1:*:*:*:*:*:*:*", "not printable ASCII");
    assert_invalid("cpe:2.3:a:vendor:product:1:*:*:english:*:*:*:*", "language");
    assert_invalid("cpe:2.3:a:vendor:product:1:*:*:en-u:*:*:*:*", "language");
}

static void test_attribute_extraction(void **state)
{
    char buf[64];
    const char *cpe = "cpe:2.3:a:bea:weblogic_server:8.1:sp\\:2:*:*:*:*:*:*";
    assert_true(cpe23_attribute(cpe, CPE_VENDOR, buf, sizeof buf));
    assert_string_equal(buf, "bea");
    assert_true(cpe23_attribute(cpe, CPE_UPDATE, buf, sizeof buf));
    assert_string_equal(buf, "sp\\:2");
    assert_true(cpe23_attribute(cpe, CPE_OTHER, buf, sizeof buf));
    assert_string_equal(buf, "*");
    assert_false(cpe23_attribute(cpe, CPE_PRODUCT, buf, 4));          /* too small */
    assert_false(cpe23_attribute("cpe:/a:bea", CPE_VENDOR, buf, sizeof buf));
    assert_false(cpe23_attribute(cpe, CPE__COUNT, buf, sizeof buf));
    assert_string_equal(cpe23_attribute_name(CPE_TARGET_HW), "target_hw");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_names_are_valid),
        cmocka_unit_test(test_escapes_and_wildcards),
        cmocka_unit_test(test_uri_binding_is_rejected),
        cmocka_unit_test(test_field_count),
        cmocka_unit_test(test_part),
        cmocka_unit_test(test_bad_characters),
        cmocka_unit_test(test_attribute_extraction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
