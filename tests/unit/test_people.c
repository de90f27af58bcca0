/* test_people.c - the people and culture loaders (bad lines reported with
 * their numbers, a bad file adds nothing), the training deadlines of 33 CFR
 * 101.650(d) (newcomer: access + 5 days, hiring + 30 at most; refresher
 * yearly), the third-party register against a model, and the HTML report's
 * escaping of hostile requirement and evidence text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "analysis/thirdparty.h"
#include "cli/cli_comply.h"

static bool has_line(const diag_list *d, unsigned line, const char *needle)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].line == line && strstr(d->items[i].message, needle)) return true;
    for (size_t i = 0; i < d->len; i++) fprintf(stderr, "  have %u %s\n", d->items[i].line, d->items[i].message);
    return false;
}

static int32_t day(const char *s)
{
    int32_t d = 0;
    assert_true(ppl_parse_day(s, &d));
    return d;
}

static void test_days(void **st)
{
    (void)st;
    char b[11];
    assert_int_equal(day("1970-01-01"), 0);
    assert_int_equal(day("2026-01-12") - day("2025-07-16"), 180);   /* the 101.655 training date */
    ppl_fmt_day(day("2028-02-29"), b);
    assert_string_equal(b, "2028-02-29");
    int32_t x;
    assert_false(ppl_parse_day("2026-02-29", &x));
    assert_false(ppl_parse_day("2026-1-01", &x));
    assert_false(ppl_parse_day(NULL, &x));
}

static void test_training_csv_errors(void **st)
{
    (void)st;
    ppl_data p;
    ppl_init(&p);
    diag_list d;
    diag_init(&d, "training.csv");
    const char good[] = "person,event,course,date\nann,completed,basic,2026-01-02\n";
    assert_true(ppl_parse_training(&p, good, strlen(good), &d));
    assert_int_equal(p.n_events, 1);
    const char bad[] = "# comment\nperson,event,course,date\nbob,completed,basic,2026-01-02\n"
                       "bob,finished,basic,2026-01-02\n\"bob,completed,basic,2026-01-02\n"
                       "bob,completed,basic,2026-02-30\nbob,hired,basic,2026-01-02\nbob,completed\n";
    assert_false(ppl_parse_training(&p, bad, strlen(bad), &d));
    assert_true(has_line(&d, 4, "event must be hired, access or completed"));
    assert_true(has_line(&d, 5, "unterminated quoted field"));
    assert_true(has_line(&d, 6, "must be a date"));
    assert_true(has_line(&d, 7, "takes no course"));
    assert_true(has_line(&d, 8, "2 fields where the header has 4"));
    /* Nothing from the bad file: the earlier good data stays as it was. */
    assert_int_equal(p.n_events, 1);
    assert_string_equal(p.events[0].person, "ann");
    diag_free(&d);
    diag_init(&d, "x.csv");
    const char hdr[] = "person,when,course\n";
    assert_false(ppl_parse_training(&p, hdr, strlen(hdr), &d));
    assert_true(has_line(&d, 1, "unknown column 'when'"));
    diag_free(&d);
    ppl_free(&p);
}

static void test_phishing_and_drills(void **st)
{
    (void)st;
    ppl_data p;
    ppl_init(&p);
    diag_list d;
    diag_init(&d, "phishing.csv");
    const char ph[] = "campaign,date,kind,audience,sent,clicked,reported,submitted,title\n"
                      "A,2026-01-01,phishing-sim,all,100,10,30,2,\"Invoice, \"\"urgent\"\"\"\n"
                      "B,2026-02-01,phishing-sim,all,100,120,0,0,x\n"
                      "C,2026-03-01,awareness,all,50,,,,posters\n";
    assert_false(ppl_parse_phishing(&p, ph, strlen(ph), &d));
    assert_true(has_line(&d, 3, "cannot exceed sent"));
    assert_int_equal(p.n_campaigns, 0);
    diag_free(&d);
    diag_init(&d, "phishing.csv");
    const char ok[] = "campaign,date,kind,audience,sent,clicked,reported,submitted,title\n"
                      "A,2026-01-01,phishing-sim,all,100,10,30,2,\"Invoice, \"\"urgent\"\"\"\n";
    assert_true(ppl_parse_phishing(&p, ok, strlen(ok), &d));
    assert_string_equal(p.campaigns[0].title, "Invoice, \"urgent\"");
    diag_free(&d);
    diag_init(&d, "drills.csv");
    const char dr[] = "date,kind,title\n2026-01-01,drill,a\n2026-01-02,fire-drill,b\n";
    assert_false(ppl_parse_drills(&p, dr, strlen(dr), &d));
    assert_true(has_line(&d, 3, "kind must be drill or exercise"));
    assert_false(p.have_drills);
    diag_free(&d);
    ppl_free(&p);
}

static const char MODEL[] =
    "port: {name: T, timezone: UTC}\n"
    "zones:\n"
    "  - {id: it, domain: it, security_level: 1, networks: [10.0.0.0/16]}\n"
    "  - {id: ot, domain: ot, security_level: 3, networks: [10.1.0.0/16]}\n"
    "conduits:\n"
    "  - {from: it, to: ot, services: [modbus], justification: dispatch}\n"
    "assets:\n"
    "  - {id: plc, kind: plc, zone: ot, ip: 10.1.0.5, criticality: crown-jewel, rto_hours: 4}\n"
    "  - {id: srv, kind: server, zone: it, ip: 10.0.0.5, criticality: medium}\n"
    "entry_points:\n"
    "  - {id: vpn, kind: remote-access, reaches: [it]}\n"
    "people:\n"
    "  - {id: old, name: Old Hand, roles: [ot-engineer]}\n"
    "  - {id: new, name: Newcomer, roles: [ot-engineer]}\n"
    "  - {id: late, name: Late Hire, roles: [clerk]}\n"
    "  - {id: gone, name: Leaver, roles: [ot-engineer], status: left}\n"
    "vendors:\n"
    "  - {id: oem, name: OEM, remote_access: vpn, assets: [plc]}\n";

static port_model *model(void)
{
    diag_list d;
    diag_init(&d, "m.yaml");
    port_model *m = model_load_buffer(MODEL, strlen(MODEL), "m.yaml", &d);
    for (size_t i = 0; i < d.len; i++) fprintf(stderr, "%u: %s\n", d.items[i].line, d.items[i].message);
    assert_non_null(m);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    return m;
}

typedef struct seen { char who[8][16]; ppl_train_state st[8]; int32_t due[8]; int n; } seen;

static int on_row(void *ctx, const ppl_train_row *r)
{
    seen *s = ctx;
    snprintf(s->who[s->n], sizeof s->who[0], "%s", r->person->id);
    s->st[s->n] = r->state;
    s->due[s->n++] = r->due;
    return 0;
}

static void test_training_deadlines(void **st)
{
    (void)st;
    port_model *m = model();
    ppl_data p;
    ppl_init(&p);
    diag_list d;
    diag_init(&d, "policies.yaml");
    const char pol[] = "courses:\n  - {id: basic, roles: [\"*\"], initial_by: 2026-01-12, access_days: 5, hire_days: 30, every_days: 365}\n";
    assert_true(ppl_parse_policies(&p, pol, strlen(pol), &d));
    const char tr[] = "person,event,course,date\n"
                      "old,completed,basic,2025-12-01\n"
                      "new,hired,,2026-11-02\nnew,access,,2026-11-10\n"
                      "late,hired,,2026-11-01\n"
                      "gone,completed,basic,2020-01-01\n";
    assert_true(ppl_parse_training(&p, tr, strlen(tr), &d));
    seen s = { 0 };
    ppl_training_each(&p, m, day("2026-11-14"), 30, on_row, &s);
    assert_int_equal(s.n, 3);                          /* the leaver is not counted */
    assert_string_equal(s.who[0], "old");
    assert_int_equal(s.st[0], PPL_TR_DUE_SOON);         /* 2025-12-01 + 365 = 2026-12-01 */
    assert_int_equal(s.due[0], day("2026-12-01"));
    assert_int_equal(s.st[1], PPL_TR_PENDING);          /* access + 5 = 2026-11-15: not yet */
    assert_int_equal(s.due[1], day("2026-11-15"));
    assert_int_equal(s.st[2], PPL_TR_PENDING);          /* no access date: hired + 30 = 2026-12-01 */
    assert_int_equal(s.due[2], day("2026-12-01"));
    memset(&s, 0, sizeof s);
    ppl_training_each(&p, m, day("2026-11-16"), 30, on_row, &s);
    assert_int_equal(s.st[1], PPL_TR_OVERDUE);
    memset(&s, 0, sizeof s);
    ppl_training_each(&p, m, day("2026-12-02"), 30, on_row, &s);
    assert_int_equal(s.st[0], PPL_TR_OVERDUE);
    assert_int_equal(s.st[2], PPL_TR_OVERDUE);
    diag_free(&d);
    ppl_free(&p);
    model_free(m);
}

static void test_policies_yaml_errors(void **st)
{
    (void)st;
    ppl_data p;
    ppl_init(&p);
    diag_list d;
    diag_init(&d, "policies.yaml");
    const char y[] = "courses:\n  - {id: a, roles: [x], every_days: 0}\n"
                     "policies:\n  - {id: P1, title: t, owner: o, review_days: 365, last_reviewed: 2026-13-01}\n"
                     "  - {id: P1, title: t, owner: o, review_days: 365}\n";
    assert_false(ppl_parse_policies(&p, y, strlen(y), &d));
    assert_true(has_line(&d, 2, "'every_days' must be a whole number 1..3660"));
    assert_true(has_line(&d, 4, "'last_reviewed' must be a date"));
    assert_int_equal(p.n_courses + p.n_policies, 0);
    diag_free(&d);
    ppl_free(&p);
}

static void test_thirdparty(void **st)
{
    (void)st;
    port_model *m = model();
    diag_list d;
    diag_init(&d, "third-parties.yaml");
    tp_register r;
    const char bad[] = "third_parties:\n  - {id: oem, kind: crane-maker, assets: [srv]}\n"
                       "  - {id: truck, name: T, kind: trucking-firm, entry_point: nowhere, questionnaire: {score: 120}}\n";
    assert_false(tp_load(&r, m, bad, strlen(bad), &d));
    assert_true(has_line(&d, 2, "is a vendor of the port model"));
    assert_true(has_line(&d, 3, "no entry point 'nowhere'"));
    assert_true(has_line(&d, 3, "'score' must be 0 to 100"));
    tp_free(&r);
    diag_free(&d);
    diag_init(&d, "third-parties.yaml");
    const char good[] = "third_parties:\n  - {id: oem, kind: crane-maker, remote_access: VPN, questionnaire: {score: 55, assessed: 2026-01-05},\n"
                        "     clauses: [{id: C1, summary: \"Tell us of incidents.\"}]}\n"
                        "  - {id: truck, name: T, kind: trucking-firm, entry_point: vpn, assets: [srv]}\n";
    assert_true(tp_load(&r, m, good, strlen(good), &d));
    assert_int_equal(r.n, 2);
    const tp_party *oem = tp_find(&r, "oem");
    assert_int_equal(oem->score, 55);
    assert_string_equal(oem->entry_point, "vpn");
    tp_reach reach;
    assert_true(tp_reach_of(oem, m, &reach));
    assert_int_equal(reach.n_assets, 1);
    assert_int_equal(reach.n_conduits, 1);              /* it -> ot lands in the plc's zone */
    exposure_input in = { .m = m };
    sw_error err = { 0 };
    exposure *x = exposure_build(&in, &err);
    assert_non_null(x);
    tp_path *paths;
    size_t n;
    assert_true(tp_exposure(x, oem, &reach, &paths, &n));
    assert_int_equal(n, 1);
    assert_non_null(strstr(paths[0].text, "vpn > "));
    assert_non_null(strstr(paths[0].text, "> plc"));
    assert_true(paths[0].through_own_assets);
    tp_paths_free(paths, n);
    tp_reach_free(&reach);
    exposure_free(x);
    tp_free(&r);
    diag_free(&d);
    model_free(m);
}

static void test_html_escaping(void **st)
{
    (void)st;
    comply_report r = { 0 };
    snprintf(r.as_of, sizeof r.as_of, "2026-11-28T00:00:00Z");
    comply_fw f = { .id = "fw\"x", .name = "<b>Name</b>", .source = "s & t" };
    f.counts[COMP_NOT_MET] = 1;
    comp_result live = { .status = COMP_NOT_MET, .n_items = 1, .n_total = 3, .counts = { 62, 32, 18, 3, 9 } };
    snprintf(live.items[0], sizeof live.items[0], "<img src=x onerror=alert(1)>");
    comply_row row = { .id = "R1", .title = "<script>alert(1)</script>", .why = "evidence '<script>'", .status = COMP_NOT_MET,
                       .gap = true, .basis = "live", .check = "training-completion", .live = &live };
    vec_push(&f.rows, row);
    vec_push(&r.fws, f);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    comply_write_html(out, &r);
    fclose(out);
    assert_null(strstr(buf, "<script"));
    assert_null(strstr(buf, "<img"));
    assert_null(strstr(buf, "<b>Name"));
    assert_non_null(strstr(buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(buf, "evidence &#39;&lt;script&gt;&#39;"));
    assert_non_null(strstr(buf, "id=\"fw-fw&quot;x\""));
    assert_non_null(strstr(buf, "data-count=\"not-met\">1<"));
    /* The live check's numbers by name, and the items it did not keep. */
    assert_non_null(strstr(buf, "<dl class=\"data\"><dt>required</dt><dd>62</dd><dt>current</dt><dd>32</dd>"));
    assert_non_null(strstr(buf, "<dt>overdue</dt><dd>9</dd></dl>"));
    assert_non_null(strstr(buf, "<li>&lt;img src=x onerror=alert(1)&gt;</li><li>and 2 more</li>"));
    assert_null(strstr(buf, "src=\"http"));
    free(buf);
    vec_free(&r.fws.items[0].rows);
    vec_free(&r.fws);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_training_csv_errors),
        cmocka_unit_test(test_phishing_and_drills),
        cmocka_unit_test(test_training_deadlines),
        cmocka_unit_test(test_policies_yaml_errors),
        cmocka_unit_test(test_thirdparty),
        cmocka_unit_test(test_html_escaping),
    };
    return cmocka_run_group_tests_name("people, third parties, comply report", tests, NULL, NULL);
}
