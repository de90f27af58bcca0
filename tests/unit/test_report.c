/* test_report.c - the board report's pure parts and storage with known
 * answers: nice axes (covering, multiples of 1/2/5 x 10^k, degenerate and
 * non-finite ranges), the SVG line chart (empty series, points inside the
 * plot, escaping), programme status changes and progress as of a day, the
 * trend over a window, and the snapshot/programme tables round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "analysis/risk_programme.h"
#include "report/board.h"
#include "report/svg_chart.h"
#include "store/store.h"
#include "store/store_risk.h"
#include "tmpdb.h"

#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* step is 1, 2 or 5 times a power of ten. */
static bool nice(double step)
{
    double mag = pow(10, floor(log10(step)));
    double m = step / mag;
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

static void check_axis(double lo, double hi, int ticks, bool zero)
{
    svg_axis a;
    svg_nice_axis(lo, hi, ticks, zero, &a);
    assert_true(a.lo <= lo + 1e-9 && a.hi >= hi - 1e-9);
    assert_true(a.n_ticks >= 1 && a.n_ticks <= ticks);
    assert_true(nice(a.step));
    assert_true(fabs(a.lo / a.step - round(a.lo / a.step)) < 1e-6);
    assert_true(fabs(a.lo + a.n_ticks * a.step - a.hi) < 1e-6 * fmax(1, fabs(a.hi)));
    if (zero) assert_true(a.lo <= 0 && a.hi >= 0);
}

static void test_nice_axis_known(void **state)
{
    (void)state;
    svg_axis a;
    svg_nice_axis(0, 15396730.41, 5, true, &a);   /* the sample port's residual EAL */
    assert_near(a.lo, 0, 0);
    assert_near(a.step, 5e6, 1e-6);
    assert_near(a.hi, 2e7, 1e-6);
    svg_nice_axis(3, 97, 5, false, &a);
    assert_near(a.step, 20, 1e-9);
    assert_near(a.lo, 0, 1e-9);
    assert_near(a.hi, 100, 1e-9);
    svg_nice_axis(-12, 7, 4, false, &a);
    assert_near(a.step, 10, 1e-9);
    assert_near(a.lo, -20, 1e-9);
    assert_near(a.hi, 10, 1e-9);
}

static void test_nice_axis_edges(void **state)
{
    (void)state;
    svg_axis a;
    svg_nice_axis(5e6, 5e6, 5, true, &a);          /* one value: from zero to above it */
    assert_true(a.lo == 0 && a.hi >= 5e6 && a.hi > a.lo);
    svg_nice_axis(0, 0, 5, true, &a);               /* all zero: still a usable axis */
    assert_true(a.hi > a.lo);
    svg_nice_axis(NAN, 3, 5, true, &a);             /* garbage in: 0..1 */
    assert_near(a.lo, 0, 0);
    assert_near(a.hi, 1, 1e-12);
    svg_nice_axis(9, 1, 5, false, &a);              /* reversed: 0..1 */
    assert_near(a.hi, 1, 1e-12);
    svg_nice_axis(-4, -4, 5, false, &a);            /* one negative value */
    assert_true(a.lo <= -4 && a.hi >= -4 && a.hi > a.lo);
    for (double lo = -1e7; lo < 1e7; lo += 1234567.0)
        for (int t = 2; t <= 10; t++) {
            check_axis(lo, lo + fabs(lo) * 0.37 + 0.01, t, false);
            check_axis(fabs(lo), fabs(lo) * 3 + 1, t, true);
        }
    check_axis(0.0012, 0.0049, 5, false);
    check_axis(1, 1e9, 3, true);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++) n++;
    return n;
}

static void test_chart_empty(void **state)
{
    (void)state;
    strbuf sb;
    strbuf_init(&sb);
    svg_series s = { "residual EAL", "#123456", NULL, NULL, 0, false };
    svg_chart c = { 700, 170, "EAL <trend>", "No snapshots & none", 100, 190 };
    svg_line_chart(&sb, &c, &s, 1);
    const char *out = strbuf_cstr(&sb);
    assert_non_null(strstr(out, "No snapshots &amp; none"));
    assert_non_null(strstr(out, "EAL &lt;trend&gt;"));
    assert_null(strstr(out, "<polyline"));
    assert_null(strstr(out, "<circle"));
    assert_true(!strncmp(out, "<svg", 4) && count(out, "</svg>") == 1);
    strbuf_free(&sb);
    /* No series at all is the same statement. */
    strbuf_init(&sb);
    svg_line_chart(&sb, &c, NULL, 0);
    assert_non_null(strstr(strbuf_cstr(&sb), "No snapshots"));
    strbuf_free(&sb);
}

/* Every plotted point lies inside the plot frame (64..686 x 10..126 for 700x170). */
static void test_chart_points(void **state)
{
    (void)state;
    int32_t days[3] = { 20500, 20530, 20560 };
    double y1[3] = { 15.4e6, 15.35e6, 9e6 }, y2[3] = { 36e6, 36e6, 36e6 };
    svg_series s[2] = { { "residual", "#1565c0", days, y1, 3, false }, { "inherent", "#90a4ae", days, y2, 3, true } };
    svg_chart c = { 700, 170, "t", "none", 20490, 20579 };
    strbuf sb;
    strbuf_init(&sb);
    svg_line_chart(&sb, &c, s, 2);
    const char *out = strbuf_cstr(&sb);
    assert_int_equal(count(out, "<polyline"), 2);
    assert_int_equal(count(out, "<circle"), 6);
    assert_int_equal(count(out, "stroke-dasharray"), 2);   /* the dashed line and its legend swatch */
    double lo_y = 1e9, hi_y = -1;
    for (const char *p = out; (p = strstr(p, "<circle cx=\"")); p++) {
        double cx, cy;
        assert_int_equal(sscanf(p, "<circle cx=\"%lf\" cy=\"%lf\"", &cx, &cy), 2);
        assert_true(cx >= 64 && cx <= 686 && cy >= 10 && cy <= 126);
        lo_y = fmin(lo_y, cy);
        hi_y = fmax(hi_y, cy);
    }
    /* 36M is the highest value and sits below the axis top (40M); 9M the lowest. */
    assert_true(lo_y > 10 && hi_y < 126);
    assert_non_null(strstr(out, ">40.00M<"));
    assert_non_null(strstr(out, ">0<"));
    char d[11];
    ppl_fmt_day(20490, d);
    assert_non_null(strstr(out, d));   /* the window's first day labels the axis */
    strbuf_free(&sb);
}

static void test_programme_status(void **state)
{
    (void)state;
    prog_item it = { .control = "C-01", .cost = 100, .status = PROG_PLANNED, .adopted = 100 };
    const char *why = NULL;
    assert_false(prog_set_status(&it, PROG_PLANNED, 101, &why));
    assert_non_null(why);
    assert_false(prog_set_status(&it, PROG_DONE, 99, &why));   /* before adoption */
    assert_true(prog_set_status(&it, PROG_IN_PROGRESS, 110, &why));
    assert_int_equal(it.started, 110);
    assert_false(prog_done_by(&it, 200));
    assert_true(prog_set_status(&it, PROG_DONE, 120, &why));
    assert_int_equal(it.done, 120);
    assert_int_equal(it.started, 110);
    assert_false(prog_done_by(&it, 119));
    assert_true(prog_done_by(&it, 120));
    assert_int_equal(prog_status_at(&it, 109), PROG_PLANNED);
    assert_int_equal(prog_status_at(&it, 115), PROG_IN_PROGRESS);
    assert_int_equal(prog_status_at(&it, 130), PROG_DONE);
    assert_false(prog_set_status(&it, PROG_IN_PROGRESS, 115, &why));   /* history never runs backwards */
    assert_true(prog_set_status(&it, PROG_IN_PROGRESS, 125, &why));    /* reopened */
    assert_int_equal(it.done, 0);
    assert_false(prog_done_by(&it, 500));
    /* planned -> done in one step starts it that day too */
    prog_item j = { .control = "C-02", .cost = 50, .status = PROG_PLANNED, .adopted = 100 };
    assert_true(prog_set_status(&j, PROG_DONE, 105, &why));
    assert_int_equal(j.started, 105);
    prog_status s;
    assert_true(prog_status_parse("in-progress", &s) && s == PROG_IN_PROGRESS);
    assert_false(prog_status_parse("finished", &s));
    assert_false(prog_status_parse(NULL, &s));
}

static void test_programme_progress(void **state)
{
    (void)state;
    prog_item items[3] = {
        { .control = "A", .cost = 30000, .status = PROG_DONE, .adopted = 10, .started = 12, .done = 20 },
        { .control = "B", .cost = 100000, .status = PROG_IN_PROGRESS, .adopted = 10, .started = 25 },
        { .control = "C", .cost = 20000, .status = PROG_PLANNED, .adopted = 10 },
    };
    prog_progress p;
    prog_progress_of(items, 3, 30, &p);
    assert_int_equal(p.count[PROG_DONE], 1);
    assert_int_equal(p.count[PROG_IN_PROGRESS], 1);
    assert_int_equal(p.count[PROG_PLANNED], 1);
    assert_near(p.cost_total, 150000, 1e-9);
    assert_near(p.pct_done_by_cost, 20, 1e-9);
    /* As of day 15: A started, not done; B not started yet. */
    prog_progress_of(items, 3, 15, &p);
    assert_int_equal(p.count[PROG_DONE], 0);
    assert_int_equal(p.count[PROG_IN_PROGRESS], 1);
    assert_int_equal(p.count[PROG_PLANNED], 2);
    assert_near(p.pct_done_by_cost, 0, 0);
    prog_progress_of(NULL, 0, 15, &p);
    assert_int_equal(p.total, 0);
    assert_near(p.pct_done_by_cost, 0, 0);
}

static void test_trend_window(void **state)
{
    (void)state;
    risk_trend_point pts[4] = { { 10, 30, 20, 40, 1 }, { 20, 30, 18, 38, 1 }, { 30, 30, 15, 33, 1 }, { 40, 30, 15.1, 33, 0 } };
    risk_trend t;
    risk_trend_of(pts, 4, 15, 35, &t);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.first, 1);
    assert_int_equal(t.last, 2);
    assert_near(t.change, -3, 1e-12);
    assert_near(t.change_pct, -100.0 * 3 / 18, 1e-9);
    assert_int_equal(t.direction, -1);
    risk_trend_of(pts, 4, 30, 40, &t);              /* 15 -> 15.1 is within 1%: flat */
    assert_int_equal(t.direction, 0);
    risk_trend_of(pts, 4, 50, 60, &t);
    assert_int_equal(t.n, 0);
    assert_int_equal(t.direction, 0);
}

/* Names come from hand-written YAML and CSV: everything is escaped, and a
 * report with no programme, no vulnerabilities, no compliance and no
 * snapshots says what is missing instead of showing empty tables. */
static void test_board_html_escapes_and_empty(void **state)
{
    (void)state;
    board_report b;
    board_init(&b);
    b.port = "Port <script>alert(1)</script> & Co";
    b.currency = "EUR";
    b.today = 20777;
    b.from = 20688;
    b.period_days = 90;
    b.n_risks = 1;
    b.residual_eal = 1234567;
    b.appetite_level = "medium";
    board_risk r = { .id = "R-<1>", .title = "\"quoted\" <b>bold</b>", .owner = "o'neil", .level = "high", .residual_eal = 1234567,
                     .residual_p90 = 4e6, .within_appetite = false };
    b.risks = &r;
    b.n_risk_rows = 1;
    board_note(&b, "Note with <tag> & ampersand.");
    strbuf sb;
    strbuf_init(&sb);
    board_write_html(&sb, &b);
    const char *h = strbuf_cstr(&sb);
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<b>bold</b>"));
    assert_non_null(strstr(h, "Port &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert_non_null(strstr(h, "R-&lt;1&gt;"));
    assert_non_null(strstr(h, "&quot;quoted&quot;"));
    assert_non_null(strstr(h, "o&#39;neil"));
    assert_non_null(strstr(h, "Note with &lt;tag&gt; &amp; ampersand."));
    assert_non_null(strstr(h, "<b>1.23M EUR</b>"));
    assert_non_null(strstr(h, "No investment programme adopted yet"));
    assert_non_null(strstr(h, "No vulnerability data imported"));
    assert_non_null(strstr(h, "No compliance evaluation available"));
    assert_non_null(strstr(h, "No snapshot"));
    assert_non_null(strstr(h, "No snapshots recorded in the period"));
    assert_non_null(strstr(h, "over appetite"));
    assert_int_equal(count(h, "<html"), 1);
    assert_int_equal(count(h, "</html>"), 1);
    strbuf_free(&sb);
    b.risks = NULL;                                 /* not the arena's */
    board_free(&b);
}

static int snap_count(void *ctx, const store_risk_snapshot *s)
{
    size_t *n = ctx;
    if (s->day == 20000) assert_true(s->residual_eal == 7.5 && !strcmp(s->controls_done, "C-04"));
    (*n)++;
    return 0;
}

static int item_count(void *ctx, const store_risk_item *it)
{
    size_t *n = ctx;
    assert_string_equal(it->risk, "R-01");
    assert_string_equal(it->res_level, "high");
    (*n)++;
    return 0;
}

static int prog_rows(void *ctx, const store_prog_row *r)
{
    size_t *n = ctx;
    if (!strcmp(r->control, "C-04")) assert_true(!strcmp(r->status, "done") && r->done == 20010 && r->started == 20005);
    (*n)++;
    return 0;
}

static void test_store_round_trip(void **state)
{
    tmpdb_fixture *f = *state;
    sw_error err = { 0 };
    store *s = store_open(f->db, STORE_CREATE, &err);
    assert_non_null(s);
    store_risk_item it = { .risk = "R-01", .target = "plc", .inh_level = "critical", .res_level = "high", .inh_likelihood = 4,
                           .inh_impact = 5, .res_likelihood = 3, .res_impact = 5, .residual_eal = 5 };
    store_risk_snapshot sn = { .day = 20000, .currency = "EUR", .residual_eal = 9, .controls_done = "" };
    assert_int_equal(store_risk_snapshot_put(s, &sn, &it, 1, &err), SW_OK);
    sn.residual_eal = 7.5;                          /* the same day again replaces it */
    sn.controls_done = "C-04";
    assert_int_equal(store_risk_snapshot_put(s, &sn, &it, 1, &err), SW_OK);
    sn.day = 19990;
    assert_int_equal(store_risk_snapshot_put(s, &sn, &it, 1, &err), SW_OK);
    size_t n = 0, m = 0;
    assert_int_equal(store_risk_snapshots(s, snap_count, &n, &err), SW_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_risk_snapshot_items(s, 20000, item_count, &m, &err), SW_OK);
    assert_int_equal(m, 1);

    store_prog_row r = { .control = "C-04", .title = "CCTV VLAN", .cost = 30000, .adopted = 20000, .budget = 150000, .currency = "EUR" };
    bool added = false;
    assert_int_equal(store_prog_add(s, &r, 1, &added, &err), SW_OK);
    assert_true(added);
    assert_int_equal(store_prog_add(s, &r, 2, &added, &err), SW_OK);
    assert_false(added);                            /* re-adoption keeps the row */
    r.status = "done";
    r.started = 20005;
    r.done = 20010;
    assert_int_equal(store_prog_update(s, &r, 3, &err), SW_OK);
    r.control = "C-99";
    assert_int_not_equal(store_prog_update(s, &r, 4, &err), SW_OK);
    r.control = "C-05";
    r.status = "finished";                          /* the schema refuses unknown statuses */
    assert_int_equal(store_prog_add(s, &r, 5, &added, &err), SW_OK);
    assert_int_not_equal(store_prog_update(s, &r, 6, &err), SW_OK);
    n = 0;
    assert_int_equal(store_prog_list(s, prog_rows, &n, &err), SW_OK);
    assert_int_equal(n, 2);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_axis_known),
        cmocka_unit_test(test_nice_axis_edges),
        cmocka_unit_test(test_chart_empty),
        cmocka_unit_test(test_chart_points),
        cmocka_unit_test(test_programme_status),
        cmocka_unit_test(test_programme_progress),
        cmocka_unit_test(test_trend_window),
        cmocka_unit_test(test_board_html_escapes_and_empty),
        cmocka_unit_test_setup_teardown(test_store_round_trip, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
