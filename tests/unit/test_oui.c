/* test_oui.c - MAC vendor lookup: real prefixes of the sample port's
 * devices, the most specific IEEE block winning (/36 over /28 over /24),
 * locally administered, multicast and broadcast addresses, bad text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "net/oui.h"

static void assert_describes(const char *mac, const char *want)
{
    const char *got = oui_describe_text(mac);
    if (!want && got) fail_msg("%s: expected no vendor, got '%s'", mac, got);
    if (want && (!got || strcmp(got, want) != 0)) fail_msg("%s: expected '%s', got '%s'", mac, want, got ? got : "(null)");
}

static void test_table_is_sorted(void **state)
{
    assert_true(oui_table_ordered());
}

static void test_ma_l_vendors_with_legal_form_stripped(void **state)
{
    assert_describes("00:1b:1b:12:34:56", "Siemens");              /* "Siemens AG," */
    assert_describes("00:00:bc:ff:0d:b0", "Rockwell Automation");
    assert_describes("00:00:0c:07:ac:01", "Cisco Systems");        /* "Cisco Systems, Inc" */
    assert_describes("B8-27-EB-01-02-03", "Raspberry Pi Foundation");
    assert_describes("00:50:56:2d:36:07", "VMware");
    assert_describes("00:80:f4:00:00:01", "TELEMECANIQUE ELECTRIQUE");
}

static void test_most_specific_block_wins(void **state)
{
    /* 70:B3:D5 is the IEEE's own MA-L, split into /36 MA-S blocks */
    assert_describes("70:b3:d5:f2:f0:01", "TELEPLATFORMS");
    assert_describes("70:b3:d5:f2:ef:ff", "Shanghai JCY Technology");
    /* 20:85:93 split into /28 MA-M blocks */
    assert_describes("20:85:93:b1:22:33", "IOG Products");
    /* a sub-block the snapshot does not list falls back to the MA-L holder */
    assert_describes("20:85:93:00:00:00", "Hemina");
    /* a sub-block the snapshot does not list (20:85:93:F) falls back to the MA-L holder */
    assert_describes("20:85:93:f0:00:00", "IEEE Registration Authority");
}

static void test_local_group_and_unknown(void **state)
{
    uint8_t local[6] = { 0x02, 0x53, 1, 2, 3, 4 }, multi[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
    assert_int_equal(oui_kind_of(local), OUI_LOCAL);
    assert_null(oui_vendor(local));
    assert_string_equal(oui_describe(local), "locally administered");
    assert_int_equal(oui_kind_of(multi), OUI_GROUP);
    assert_null(oui_vendor(multi));
    assert_string_equal(oui_describe(multi), "multicast");
    assert_describes("ff:ff:ff:ff:ff:ff", "broadcast");
    assert_describes("00:00:00:00:00:00", NULL);                   /* loopback captures, not Xerox */
    assert_describes("00:00:00:00:00:01", "XEROX");
    /* a locally administered address whose other bits spell a real OUI is still local */
    assert_describes("02:1b:1b:12:34:56", "locally administered");
    /* bad text */
    assert_describes("00:1b:1b:12:34", NULL);
    assert_describes("00:1b:1b:12:34:5g", NULL);
    assert_describes("001b.1b12.3456", NULL);
    assert_describes("", NULL);
    assert_null(oui_describe_text(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_is_sorted),
        cmocka_unit_test(test_ma_l_vendors_with_legal_form_stripped),
        cmocka_unit_test(test_most_specific_block_wins),
        cmocka_unit_test(test_local_group_and_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
