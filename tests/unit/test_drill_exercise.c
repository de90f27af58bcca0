/* test_drill_exercise.c - what keeps a scored drill from being the yearly
 * exercise: no detection, a decision missed or by the wrong role, a duty
 * not sent (pending and late ones are fine), no PFSO answering; and the
 * gap list cut at max while the count stays whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "ir/drill.h"

static bool is_pfso(void *ctx, const char *person, const char *role)
{
    (void)ctx;
    return !strcmp(role, "pfso") && !strcmp(person, "harbour-fso");
}

static void item(drill_score *s, const char *kind, const char *id, const char *role, drill_outcome o)
{
    drill_item *it = &s->items[s->n++];
    memset(it, 0, sizeof *it);
    snprintf(it->kind, sizeof it->kind, "%s", kind);
    snprintf(it->id, sizeof it->id, "%s", id);
    snprintf(it->role, sizeof it->role, "%s", role);
    it->outcome = o;
}

static void answer(drill_answer *a, drill_verb v, const char *what, const char *by)
{
    memset(a, 0, sizeof *a);
    a->verb = v;
    snprintf(a->what, sizeof a->what, "%s", what);
    snprintf(a->by, sizeof a->by, "%s", by);
}

static void whole_plan_is_an_exercise(void **state)
{
    (void)state;
    static drill_score s;
    memset(&s, 0, sizeof s);
    s.detected_at = 1;
    item(&s, "detect", "detection", "", DRILL_LATE);
    item(&s, "decide", "stop", "ops", DRILL_LATE);
    item(&s, "notify", "uscg-nrc", "", DRILL_ON_TIME);
    item(&s, "notify", "nis2-final-report", "", DRILL_PENDING);
    drill_answer a[2];
    answer(&a[0], DRILL_DECIDE, "stop", "ops-1");
    answer(&a[1], DRILL_NOTIFY, "uscg-nrc", "harbour-fso");
    char gaps[4][DRILL_GAP_MAX];
    assert_int_equal(drill_exercise_gaps(&s, a, 2, is_pfso, NULL, "pfso", gaps, 4), 0);
}

static void each_gap_is_named(void **state)
{
    (void)state;
    static drill_score s;
    memset(&s, 0, sizeof s);
    item(&s, "detect", "detection", "", DRILL_MISSED);
    item(&s, "decide", "stop", "ops", DRILL_WRONG_ROLE);
    item(&s, "decide", "cut", "cso", DRILL_MISSED);
    item(&s, "notify", "uscg-nrc", "", DRILL_MISSED);
    drill_answer a[1];
    answer(&a[0], DRILL_DETECT, "plc", "");       /* a detect by the PFSO is not a decision or notification */
    snprintf(a[0].by, sizeof a[0].by, "harbour-fso");
    char gaps[8][DRILL_GAP_MAX];
    assert_int_equal(drill_exercise_gaps(&s, a, 1, is_pfso, NULL, "pfso", gaps, 8), 5);
    assert_string_equal(gaps[0], "the incident was never detected");
    assert_string_equal(gaps[1], "decision stop was not taken by its role (ops): taken by the wrong role");
    assert_string_equal(gaps[2], "decision cut was not taken by its role (cso)");
    assert_string_equal(gaps[3], "reporting duty uscg-nrc was not sent");
    assert_string_equal(gaps[4], "nobody holding the pfso role decided or notified");
    /* Fewer slots than gaps: the first ones are filled, the count is whole. */
    char two[2][DRILL_GAP_MAX];
    assert_int_equal(drill_exercise_gaps(&s, a, 1, is_pfso, NULL, "pfso", two, 2), 5);
    assert_string_equal(two[1], "decision stop was not taken by its role (ops): taken by the wrong role");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_plan_is_an_exercise),
        cmocka_unit_test(each_gap_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
