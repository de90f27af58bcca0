/* test_web_buckets.c - the overview's alert buckets: domain of an alert by
 * dataset and rule family, alignment, the window's edges and bad sizes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "web/web_buckets.h"

#define MIN_US (60LL * 1000000)
#define HOUR_US (60 * MIN_US)

static void test_domains(void **state)
{
    (void)state;
    assert_int_equal(web_alert_domain_of("seawall.net", "SW-SEG-NO-CONDUIT"), WEB_DOMAIN_NETWORK);
    assert_int_equal(web_alert_domain_of("seawall.ais", "SW-AIS-TELEPORT"), WEB_DOMAIN_AIS);
    assert_int_equal(web_alert_domain_of("seawall.phys", "SW-PHYS-CAMERA-DOWN"), WEB_DOMAIN_PHYSICAL);
    /* The dataset wins over the rule name. */
    assert_int_equal(web_alert_domain_of("seawall.net", "SW-PHYS-ACCOUNT-INACTIVE"), WEB_DOMAIN_NETWORK);
    /* Correlated alerts go by rule family. */
    assert_int_equal(web_alert_domain_of("seawall.correlate", "SW-AIS-SPOOF-CHAIN"), WEB_DOMAIN_AIS);
    assert_int_equal(web_alert_domain_of("seawall.correlate", "SW-PHYS-X"), WEB_DOMAIN_PHYSICAL);
    assert_int_equal(web_alert_domain_of("seawall.correlate", "SW-CORR-CAMERA-PIVOT"), WEB_DOMAIN_NETWORK);
    assert_int_equal(web_alert_domain_of(NULL, NULL), WEB_DOMAIN_NETWORK);
    assert_int_equal(web_alert_domain_of("seawall.correlate", "SW-AIS"), WEB_DOMAIN_NETWORK);
    assert_string_equal(web_alert_domain_name(WEB_DOMAIN_PHYSICAL), "physical");
}

static void test_alignment_and_edges(void **state)
{
    (void)state;
    static web_buckets b;
    /* 2026-11-28T10:47:13Z: the last half-hour bucket starts at 10:30. */
    int64_t newest = 1795862833LL * 1000000;
    assert_true(web_buckets_init(&b, newest, 24 * HOUR_US, 48));
    assert_int_equal(b.width, 30 * MIN_US);
    assert_int_equal(b.n, 48);
    assert_int_equal(b.start % b.width, 0);
    assert_int_equal(web_buckets_end(&b) - b.start, 24 * HOUR_US);
    assert_int_equal(web_buckets_index(&b, newest), 47);
    assert_true(newest < web_buckets_end(&b));
    assert_int_equal(web_buckets_index(&b, web_buckets_end(&b)), -1);
    assert_int_equal(web_buckets_index(&b, web_buckets_end(&b) - 1), 47);
    assert_int_equal(web_buckets_index(&b, b.start), 0);
    assert_int_equal(web_buckets_index(&b, b.start - 1), -1);
    assert_int_equal(web_buckets_index(&b, b.start + b.width), 1);
    /* A newest alert exactly on a boundary opens the last bucket. */
    assert_true(web_buckets_init(&b, 3 * HOUR_US, 24 * HOUR_US, 48));
    assert_int_equal(web_buckets_index(&b, 3 * HOUR_US), 47);
    assert_int_equal(b.start, 3 * HOUR_US - 47 * 30 * MIN_US);
    /* Before the epoch, still aligned. */
    assert_true(web_buckets_init(&b, -1, 24 * HOUR_US, 48));
    assert_int_equal(web_buckets_index(&b, -1), 47);
    assert_int_equal(web_buckets_end(&b), 0);
}

static void test_bad_sizes(void **state)
{
    (void)state;
    static web_buckets b;
    assert_false(web_buckets_init(&b, 0, 24 * HOUR_US, 0));
    assert_false(web_buckets_init(&b, 0, 24 * HOUR_US, WEB_BUCKETS_MAX + 1));
    assert_false(web_buckets_init(&b, 0, 0, 48));
    assert_false(web_buckets_init(&b, 0, 24 * HOUR_US + 1, 48));   /* not a whole width */
    assert_false(web_buckets_init(&b, INT64_MAX, 24 * HOUR_US, 48));
    assert_int_equal(web_buckets_index(&b, 0), -1);                 /* a failed init has no buckets */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domains),
        cmocka_unit_test(test_alignment_and_edges),
        cmocka_unit_test(test_bad_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
