/* test_identity.c - declared versus observed identity: vendor spellings
 * and aliases that are the same company, firmware strings that are the
 * same version, products named by catalogue number, and the real
 * differences each must still catch. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/identity.h"

#define SAME_VENDOR(a, b) do { if (!identity_vendor_matches(a, b)) fail_msg("vendor '%s' vs '%s': expected a match", a, b); } while (0)
#define OTHER_VENDOR(a, b) do { if (identity_vendor_matches(a, b)) fail_msg("vendor '%s' vs '%s': expected a mismatch", a, b); } while (0)
#define SAME_FW(a, b) do { if (!identity_firmware_matches(a, b)) fail_msg("firmware '%s' vs '%s': expected a match", a, b); } while (0)
#define OTHER_FW(a, b) do { if (identity_firmware_matches(a, b)) fail_msg("firmware '%s' vs '%s': expected a mismatch", a, b); } while (0)
#define SAME_PRODUCT(d, c, p, m) do { if (!identity_product_matches(d, c, p, m)) fail_msg("product '%s' vs '%s'/'%s': expected a match", d, p, m); } while (0)
#define OTHER_PRODUCT(d, c, p, m) do { if (identity_product_matches(d, c, p, m)) fail_msg("product '%s' vs '%s'/'%s': expected a mismatch", d, p, m); } while (0)

static void test_vendor_spellings(void **state)
{
    SAME_VENDOR("Siemens", "Siemens AG");
    SAME_VENDOR("Siemens", "SIEMENS AG,");
    SAME_VENDOR("Siemens", "Siemens Schweiz AG (Formerly: Landis & Staefa Division Europe)");
    SAME_VENDOR("Rockwell Automation", "Rockwell Automation/Allen-Bradley");
    SAME_VENDOR("Rockwell", "Allen-Bradley");
    SAME_VENDOR("Schneider Electric", "Telemecanique");
    SAME_VENDOR("Schneider Electric", "Schneider Electric SE");
    SAME_VENDOR("Hitachi Energy", "ABB");
    SAME_VENDOR("Cisco", "Cisco Systems, Inc");
    SAME_VENDOR("Dell", "Dell Inc.");
    SAME_VENDOR("Axis", "AXIS Communications AB");
    SAME_VENDOR(NULL, "Siemens");
    SAME_VENDOR("Siemens", "");
    SAME_VENDOR("  ", "Siemens");
    assert_true(identity_vendor_matches("Schneider Electric (APC)", "APC"));
}

static void test_vendor_differences(void **state)
{
    OTHER_VENDOR("Siemens", "Rockwell Automation/Allen-Bradley");
    OTHER_VENDOR("Rockwell Automation", "Schneider Electric");
    OTHER_VENDOR("Schneider Electric", "Siemens AG");
    OTHER_VENDOR("Cisco", "Juniper Networks");
    OTHER_VENDOR("Axis", "Hikvision");
    OTHER_VENDOR("Hitachi Energy", "Siemens");
}

static void test_firmware_same(void **state)
{
    SAME_FW("2.9.4", "V2.9.4");
    SAME_FW("V2.9.4", "v2.9.4");
    SAME_FW("33.011", "33.11");
    SAME_FW("2.9.4", "2.9");          /* the device says less: no contradiction */
    SAME_FW("2.9", "2.9.4");
    SAME_FW("17.9.4a", "17.9.4a");
    SAME_FW("17.9.4a", "17.9.4");
    SAME_FW("10.2.7-h3", "10.2.7-H3");
    SAME_FW("Firmware V4.2", "4.2.0");
    SAME_FW("CU13", "cu13");
    SAME_FW("LTS", " lts ");
    SAME_FW(NULL, "1.0");
    SAME_FW("1.0", "");
}

static void test_firmware_different(void **state)
{
    OTHER_FW("2.9.4", "V2.8.3");
    OTHER_FW("33.011", "32.12");
    OTHER_FW("32.012", "33.11");
    OTHER_FW("2.9.4", "2.9.5");
    OTHER_FW("10.12.114", "9.80.3.8");
    OTHER_FW("17.9.4a", "17.9.4b");
    OTHER_FW("LTS", "Beta");
    OTHER_FW("V1", "stable");          /* nothing in common to compare: the text differs */
    OTHER_FW("99999999999.1", "99999999998.1");   /* long parts do not wrap into equality */
}

static void test_product(void **state)
{
    SAME_PRODUCT("SIMATIC S7-1500 CPU 1516-3 PN/DP", NULL, "CPU 1516-3 PN/DP", "6ES7 516-3AN01-0AB0");
    SAME_PRODUCT("ControlLogix 1756-L83E", NULL, "1756-L83E/B", "1756-L83E/B");
    SAME_PRODUCT("CompactLogix 5380 5069-L330ER", NULL, "CompactLogix 5380 5069-L330ER", NULL);
    SAME_PRODUCT("Modicon M340 BMXP342020", NULL, "BMX P34 2020", NULL);
    SAME_PRODUCT("Modicon M580", "cpe:2.3:o:schneider-electric:modicon_m580_firmware:4.10:*:*:*:*:*:*:*", "M580", NULL);
    SAME_PRODUCT("AXIS P1455-LE", NULL, "P1455-LE", NULL);
    SAME_PRODUCT(NULL, NULL, "anything", NULL);
    SAME_PRODUCT("ControlLogix 1756-L83E", NULL, NULL, NULL);

    OTHER_PRODUCT("SIMATIC S7-1500 CPU 1516-3 PN/DP", NULL, "CPU 1518-4 PN/DP", "6ES7 518-4AP00-0AB0");
    OTHER_PRODUCT("SIMATIC S7-1500 CPU 1516-3 PN/DP", NULL, "SIMATIC S7-1500 CPU 1518", NULL);
    OTHER_PRODUCT("ControlLogix 1756-L83E", NULL, "1756-L85E/B", NULL);
    OTHER_PRODUCT("AXIS P1455-LE", NULL, "DS-2CD2143G2-I", NULL);
    OTHER_PRODUCT("Modicon M580", NULL, "Raspberry Pi", NULL);
}

/* Service banners name software, not the device: never judged against the model. */
static void test_service_banner(void **state)
{
    (void)state;
    assert_true(identity_is_service_banner("ssh"));
    assert_true(identity_is_service_banner("ftp"));
    assert_true(identity_is_service_banner("http"));
    assert_false(identity_is_service_banner("enip"));
    assert_false(identity_is_service_banner("s7comm"));
    assert_false(identity_is_service_banner("snmp"));
    assert_false(identity_is_service_banner(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vendor_spellings),
        cmocka_unit_test(test_vendor_differences),
        cmocka_unit_test(test_firmware_same),
        cmocka_unit_test(test_firmware_different),
        cmocka_unit_test(test_product),
        cmocka_unit_test(test_service_banner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
