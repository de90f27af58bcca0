/* test_compliance_checks.c - the names of the live checks' numbers: every
 * check's `counts` list of compliance_checks.def fits in a result and reads
 * back name by name, as `assess --json` and the comply report write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "analysis/compliance_checks.h"

static const char *const all_checks[] = {
#define COMP_CHECK(e, name, what, counts) name,
#include "analysis/compliance_checks.def"
#undef COMP_CHECK
};

static void test_training_names(void **state)
{
    (void)state;
    const comp_check *c = comp_check_find("training-completion");
    assert_non_null(c);
    static const char *const want[] = { "required", "current", "due_soon", "pending", "overdue" };
    char name[48];
    for (size_t i = 0; i < 5; i++) {
        assert_true(comp_check_count_name(c, i, name, sizeof name));
        assert_string_equal(name, want[i]);
    }
    assert_false(comp_check_count_name(c, 5, name, sizeof name));
    assert_false(comp_check_count_name(c, 99, name, sizeof name));
    assert_false(comp_check_count_name(NULL, 0, name, sizeof name));
}

static void test_cut_to_buffer(void **state)
{
    (void)state;
    const comp_check *c = comp_check_find("training-completion");
    char name[5];
    assert_true(comp_check_count_name(c, 0, name, sizeof name));
    assert_string_equal(name, "requ");
    assert_true(comp_check_count_name(c, 4, name, sizeof name));
    assert_string_equal(name, "over");
}

/* Joined back with commas, the names read are the whole list: none lost to
 * COMP_RESULT_COUNTS, none empty. */
static void test_every_check_fits(void **state)
{
    (void)state;
    assert_int_equal(sizeof all_checks / sizeof all_checks[0], COMP_CHECK__COUNT);
    for (size_t k = 0; k < COMP_CHECK__COUNT; k++) {
        const comp_check *c = comp_check_find(all_checks[k]);
        assert_non_null(c);
        char joined[512] = "", name[48];
        size_t n = 0;
        for (; comp_check_count_name(c, n, name, sizeof name); n++) {
            assert_true(name[0] != '\0');
            snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", n ? "," : "", name);
        }
        assert_true(n >= 1 && n <= COMP_RESULT_COUNTS);
        assert_string_equal(joined, c->counts);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_training_names),
        cmocka_unit_test(test_cut_to_buffer),
        cmocka_unit_test(test_every_check_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
