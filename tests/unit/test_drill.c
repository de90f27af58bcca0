/* test_drill.c - drill answers and scoring: the answer grammar and the
 * answers-file times, detection against the attack's start (too early or
 * the wrong target does not count), decisions by role (a wrong role is not
 * counted, a later right one is), on-time/late boundaries to the
 * microsecond, reporting duties by their clocks from detection, duties due
 * after the drill pending, and an undetected incident missing every duty. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ir/drill.h"

#define MIN (60 * SW_US_PER_SEC)

static sw_time_us T(const char *s)
{
    sw_time_us t = 0;
    assert_true(time_parse_rfc3339(s, &t));
    return t;
}

static const char pb_yaml[] =
    "id: t\ntitle: Test\nsummary: s\nseverity: high\n"
    "decisions:\n"
    "  - {id: stop, action: Stop the crane, role: ops}\n"
    "  - {id: cut, action: Cut the conduit, role: cso}\n"
    "phases:\n"
    "  - id: contain\n    name: Containment\n    csf: [RS.MI]\n    steps:\n"
    "      - {do: Stop it, role: ops, decision: stop}\n"
    "      - {do: Cut it, role: net, decision: cut}\n"
    "      - {do: Tell the CSIRT, role: cso, duty: nis2-early-warning}\n";

static playbook *load(void)
{
    diag_list d;
    diag_init(&d, "t.yaml");
    playbook *pb = playbook_load_buffer(pb_yaml, strlen(pb_yaml), "t.yaml", &d);
    assert_non_null(pb);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    return pb;
}

/* ops-1 holds ops, cso-1 holds cso; nobody else holds anything. */
static bool roles(void *ctx, const char *person, const char *role)
{
    (void)ctx;
    return (!strcmp(person, "ops-1") && !strcmp(role, "ops")) || (!strcmp(person, "cso-1") && !strcmp(role, "cso"));
}

static void test_parse(void **state)
{
    (void)state;
    drill_answer a = { 0 };
    char why[256];
    assert_true(drill_parse_answer("detect sts01-plc", &a, why, sizeof why));
    assert_int_equal(a.verb, DRILL_DETECT);
    assert_string_equal(a.what, "sts01-plc");
    assert_true(drill_parse_answer("  decide stop by ops-1 \n", &a, why, sizeof why));
    assert_int_equal(a.verb, DRILL_DECIDE);
    assert_string_equal(a.by, "ops-1");
    assert_true(drill_parse_answer("notify uscg-nrc", &a, why, sizeof why));
    assert_string_equal(a.by, "");
    assert_true(drill_parse_answer("notify nis2-notification by cso-1", &a, why, sizeof why));
    assert_true(drill_parse_answer("task done 12", &a, why, sizeof why));
    assert_int_equal(a.task, 12);
    assert_false(drill_parse_answer("decide stop ops-1", &a, why, sizeof why));
    assert_false(drill_parse_answer("notify the-press", &a, why, sizeof why));
    assert_non_null(strstr(why, "no reporting duty 'the-press'"));
    assert_false(drill_parse_answer("task done 0", &a, why, sizeof why));
    assert_false(drill_parse_answer("task done 3x", &a, why, sizeof why));
    assert_false(drill_parse_answer("detect a b", &a, why, sizeof why));
    assert_false(drill_parse_answer("", &a, why, sizeof why));
    char longer[200];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    char line[256];
    snprintf(line, sizeof line, "detect %s", longer);
    assert_false(drill_parse_answer(line, &a, why, sizeof why));

    sw_time_us start = T("2026-03-29T00:30:00Z");
    assert_int_equal(drill_parse_script_line("+0:05 detect x", start, &a, why, sizeof why), 1);
    assert_int_equal(a.at, start + 5 * MIN);
    assert_int_equal(drill_parse_script_line("+1:30:15 detect x", start, &a, why, sizeof why), 1);
    assert_int_equal(a.at, start + 90 * MIN + 15 * SW_US_PER_SEC);
    assert_int_equal(drill_parse_script_line("2026-03-29T02:00:00Z notify uscg-nrc", start, &a, why, sizeof why), 1);
    assert_int_equal(a.at, T("2026-03-29T02:00:00Z"));
    assert_int_equal(drill_parse_script_line("   # a comment", start, &a, why, sizeof why), 0);
    assert_int_equal(drill_parse_script_line("\n", start, &a, why, sizeof why), 0);
    assert_int_equal(drill_parse_script_line("+0:60 detect x", start, &a, why, sizeof why), -1);
    assert_int_equal(drill_parse_script_line("+5 detect x", start, &a, why, sizeof why), -1);
    assert_int_equal(drill_parse_script_line("+0:05 shout", start, &a, why, sizeof why), -1);
    assert_int_equal(drill_parse_script_line("yesterday detect x", start, &a, why, sizeof why), -1);
}

static drill_answer A(sw_time_us at, drill_verb v, const char *what, const char *by)
{
    drill_answer a = { .at = at, .verb = v };
    snprintf(a.what, sizeof a.what, "%s", what);
    snprintf(a.by, sizeof a.by, "%s", by ? by : "");
    return a;
}

static const drill_item *item(const drill_score *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->items[i].id, id)) return &s->items[i];
    fail_msg("no item %s", id);
    return NULL;
}

static void test_score(void **state)
{
    (void)state;
    playbook *pb = load();
    sw_time_us t0 = T("2026-03-29T00:30:00Z");   /* the attack starts; Lisbon changes to summer time at 01:00 UTC */
    const char *targets[] = { "sts01-plc", "SW-ICS-CPU-STOP" };
    drill_facts f = { t0, t0 + 4 * 60 * MIN, targets, 2 };
    drill_rules r;
    drill_rules_default(&r);
    const char *j[] = { "eu-nis2", "us-cg" };
    static drill_score s;

    /* Detected exactly at the 15-minute target (on time); stop by the wrong
     * role first, then by ops-1 one microsecond after its due time (late). */
    drill_answer a[] = {
        A(t0 - 1, DRILL_DETECT, "sts01-plc", NULL),               /* before the attack: not a detection */
        A(t0 + MIN, DRILL_DETECT, "hr-laptop", NULL),             /* names nothing the scenario touched */
        A(t0 + 15 * MIN, DRILL_DETECT, "sw-ics-cpu-stop", NULL),  /* case does not matter */
        A(t0 + 20 * MIN, DRILL_DECIDE, "stop", "cso-1"),
        A(t0 + 75 * MIN + 1, DRILL_DECIDE, "stop", "ops-1"),
        A(t0 + 30 * MIN, DRILL_NOTIFY, "uscg-nrc", "cso-1"),
        A(t0 + 3 * 60 * MIN, DRILL_NOTIFY, "nis2-early-warning", NULL),
    };
    drill_score_compute(pb, j, 2, &f, &r, a, sizeof a / sizeof a[0], roles, NULL, &s);
    assert_int_equal(s.detected_at, t0 + 15 * MIN);
    assert_int_equal(item(&s, "detection")->outcome, DRILL_ON_TIME);
    assert_int_equal(s.wrong_detects, 2);
    const drill_item *stop = item(&s, "stop");
    assert_int_equal(stop->outcome, DRILL_LATE);
    assert_string_equal(stop->by, "ops-1");
    assert_int_equal(stop->took, 60 * MIN + 1);
    assert_int_equal(item(&s, "cut")->outcome, DRILL_MISSED);
    assert_int_equal(item(&s, "uscg-nrc")->outcome, DRILL_ON_TIME);
    assert_int_equal(item(&s, "uscg-cotp")->outcome, DRILL_MISSED);
    assert_int_equal(item(&s, "nis2-early-warning")->outcome, DRILL_ON_TIME);
    assert_int_equal(item(&s, "nis2-early-warning")->due, t0 + 15 * MIN + 24 * 60 * MIN);
    assert_int_equal(item(&s, "nis2-notification")->outcome, DRILL_PENDING);
    assert_int_equal(item(&s, "nis2-final-report")->outcome, DRILL_PENDING);
    /* detect 1 + stop 0.5 + nrc 1 + early warning 1; cut and cotp missed; 6 scored */
    assert_int_equal(s.scored, 6);
    assert_int_equal(s.missed, 2);
    assert_true(s.points == 3.5);
    assert_int_equal(s.tasks_total, 3);

    /* Only the wrong role ever decides: not counted. */
    drill_answer b[] = {
        A(t0 + 5 * MIN, DRILL_DETECT, "sts01-plc", NULL),
        A(t0 + 6 * MIN, DRILL_DECIDE, "cut", "ops-1"),
        { .at = t0 + 7 * MIN, .verb = DRILL_TASK, .task = 2 },
        { .at = t0 + 8 * MIN, .verb = DRILL_TASK, .task = 2 },
        { .at = t0 + 9 * MIN, .verb = DRILL_TASK, .task = 9 },
    };
    drill_score_compute(pb, j, 2, &f, &r, b, sizeof b / sizeof b[0], roles, NULL, &s);
    assert_int_equal(item(&s, "cut")->outcome, DRILL_WRONG_ROLE);
    assert_string_equal(item(&s, "cut")->by, "ops-1");
    assert_int_equal(s.tasks_done, 1);           /* task 2 once; 9 is not a step */

    /* Never detected: decisions and every duty missed, nothing pending. */
    drill_score_compute(pb, j, 1, &f, &r, NULL, 0, roles, NULL, &s);
    assert_int_equal(s.detected_at, 0);
    assert_int_equal(item(&s, "detection")->outcome, DRILL_MISSED);
    assert_int_equal(item(&s, "stop")->outcome, DRILL_MISSED);
    assert_int_equal(item(&s, "nis2-final-report")->outcome, DRILL_MISSED);
    assert_int_equal(s.n, 1 + 2 + 3);            /* eu-nis2 only: three duties */
    assert_int_equal(s.scored, s.n);
    assert_int_equal(s.missed, s.n);
    assert_true(s.points == 0);

    /* A long drill: the notification met late by one hour counts half. */
    f.end = t0 + 5 * 24 * 60 * MIN;
    drill_answer c[] = {
        A(t0 + 10 * MIN, DRILL_DETECT, "sts01-plc", NULL),
        A(t0 + 10 * MIN + 73 * 60 * MIN, DRILL_NOTIFY, "nis2-notification", NULL),
    };
    drill_score_compute(pb, j, 1, &f, &r, c, 2, roles, NULL, &s);
    assert_int_equal(item(&s, "nis2-notification")->outcome, DRILL_LATE);
    assert_int_equal(item(&s, "nis2-early-warning")->outcome, DRILL_MISSED);
    /* The final report counts a month from when the notification was sent. */
    assert_int_equal(item(&s, "nis2-final-report")->outcome, DRILL_PENDING);
    playbook_free(pb);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_parse), cmocka_unit_test(test_score) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
