/* test_tz.c - the TZif reader and POSIX rules against glibc's localtime_r
 * (the independent oracle) over 1900-2200 in zones with odd rules, and the
 * weekly access windows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/tz.h"

static void compare_zone(const char *name)
{
    arena a;
    arena_init(&a, 4096);
    sw_error err = { 0 };
    sw_tz *tz = tz_load(&a, name, &err);
    if (!tz) fail_msg("%s: %s", name, err.msg);
    setenv("TZ", name, 1);
    tzset();
    /* Every ~37 hours from 1901 to 2199, plus both sides of each second near transitions. */
    int mismatches = 0;
    for (int64_t t = -2145916800LL; t < 7258118400LL; t += 133331) {
        for (int64_t d = 0; d < 2; d++) {
            time_t tt = (time_t)(t + d * 3599);
            struct tm tm;
            if (!localtime_r(&tt, &tm)) continue;
            tz_local lt;
            tz_local_time(tz, (sw_time_us)tt * SW_US_PER_SEC, &lt);
            bool same = lt.year == tm.tm_year + 1900 && lt.month == tm.tm_mon + 1 && lt.day == tm.tm_mday &&
                        lt.wday == tm.tm_wday && lt.minute == tm.tm_hour * 60 + tm.tm_min && lt.second == tm.tm_sec &&
                        lt.utoff == tm.tm_gmtoff && lt.isdst == (tm.tm_isdst > 0);
            if (!same && mismatches++ < 3)
                print_error("%s at %lld: got %04d-%02d-%02d %04d off %d dst %d, glibc %04d-%02d-%02d %02d:%02d off %ld dst %d\n",
                            name, (long long)tt, lt.year, lt.month, lt.day, lt.minute, lt.utoff, lt.isdst,
                            tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_gmtoff, tm.tm_isdst);
        }
    }
    assert_int_equal(mismatches, 0);
    arena_free(&a);
}

static void test_matches_glibc(void **state)
{
    static const char *const zones[] = { "Europe/Lisbon", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
                                         "America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca", "UTC",
                                         "America/St_Johns", "Europe/Dublin" };
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) compare_zone(zones[i]);
}

static void test_lisbon_dst_edges(void **state)
{
    arena a;
    arena_init(&a, 4096);
    sw_tz *tz = tz_load(&a, "Europe/Lisbon", NULL);
    assert_non_null(tz);
    tz_local lt;
    /* 2026-03-29 01:00:00Z: WET -> WEST, local 01:00 becomes 02:00. */
    tz_local_time(tz, 1774745999LL * SW_US_PER_SEC, &lt);
    assert_int_equal(lt.minute, 59); assert_false(lt.isdst);
    tz_local_time(tz, 1774746000LL * SW_US_PER_SEC, &lt);
    assert_int_equal(lt.minute, 120); assert_true(lt.isdst); assert_int_equal(lt.wday, 0);
    /* 2026-01-04T02:40:00Z is a Sunday night in Lisbon (WET = UTC). */
    tz_local_time(tz, 1767494400LL * SW_US_PER_SEC, &lt);
    char buf[32];
    assert_string_equal(tz_local_fmt(&lt, buf), "Sun 02:40");
    arena_free(&a);
}

static void test_bad_names_and_bytes(void **state)
{
    assert_false(tz_name_valid("../etc/passwd"));
    assert_false(tz_name_valid("/etc/localtime"));
    assert_false(tz_name_valid("Europe/../../x"));
    assert_false(tz_name_valid(""));
    assert_false(tz_name_valid("Europe/Lis bon"));
    assert_true(tz_name_valid("America/Argentina/Buenos_Aires"));
    assert_true(tz_name_valid("Etc/GMT+5"));
    arena a;
    arena_init(&a, 4096);
    sw_error err = { 0 };
    assert_null(tz_load(&a, "Mars/Olympus_Mons", &err));
    assert_non_null(strstr(err.msg, "unknown time zone"));
    static const uint8_t junk[] = "TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    assert_null(tz_parse(&a, junk, sizeof junk, &err));    /* zero types */
    assert_null(tz_parse(&a, (const uint8_t *)"TZ", 2, &err));
    tz_local lt;
    tz_local_time(NULL, 0, &lt);
    assert_int_equal(lt.year, 1970); assert_int_equal(lt.wday, 4); assert_int_equal(lt.minute, 0);
    arena_free(&a);
}

static void test_windows(void **state)
{
    tz_window w;
    size_t at;
    const char *why;
    assert_true(tz_window_parse("Mon-Fri 07:00-19:00", &w, &at, &why));
    tz_local lt = { .wday = 1, .minute = 7 * 60 };
    assert_true(tz_window_contains(&w, &lt));
    lt.minute = 19 * 60; assert_false(tz_window_contains(&w, &lt));
    lt.wday = 0; lt.minute = 12 * 60; assert_false(tz_window_contains(&w, &lt));
    assert_true(tz_window_parse("Sat-Sun 22:00-06:00, Wed 08:00-24:00", &w, &at, &why));
    lt.wday = 6; lt.minute = 23 * 60; assert_true(tz_window_contains(&w, &lt));
    lt.wday = 1; lt.minute = 5 * 60; assert_true(tz_window_contains(&w, &lt));   /* Sunday night into Monday */
    lt.wday = 6; lt.minute = 5 * 60; assert_false(tz_window_contains(&w, &lt));  /* Friday night is not listed */
    lt.wday = 3; lt.minute = 1439; assert_true(tz_window_contains(&w, &lt));
    assert_true(tz_window_parse("Fri-Mon 00:00-24:00", &w, &at, &why));
    assert_int_equal(w.span[0].days, 0x63);
    assert_true(tz_window_parse("daily 06:00-22:00", &w, &at, &why));
    assert_int_equal(w.span[0].days, 0x7f);
    assert_false(tz_window_parse("Mon-Fry 07:00-19:00", &w, &at, &why));
    assert_int_equal(at, 4);
    assert_false(tz_window_parse("Mon 7:00-19:00", &w, &at, &why));
    assert_int_equal(at, 4);
    assert_false(tz_window_parse("Mon 07:00-25:00", &w, &at, &why));
    assert_false(tz_window_parse("Mon 07:00-07:00", &w, &at, &why));
    assert_false(tz_window_parse("Mon 07:00-19:00;", &w, &at, &why));
    assert_int_equal(at, 15);
    assert_false(tz_window_parse("", &w, &at, &why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_glibc),
        cmocka_unit_test(test_lisbon_dst_edges),
        cmocka_unit_test(test_bad_names_and_bytes),
        cmocka_unit_test(test_windows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
