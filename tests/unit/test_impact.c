/* test_impact.c - the outage roll-up with known answers: a shared
 * dependency (a diamond) counted once, lost assets that depend on each
 * other, jurisdictions merged, RTO breaches, the recovery order
 * (dependencies first, then shortest RTO, unset last), and cycles refused
 * with their path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdlib.h>
#include <math.h>
#include "analysis/impact.h"

/*   db <- app1 <- crane1      db: the TOS database; app1/app2 its two
 *   db <- app2 <- crane1      application nodes; crane1 needs both
 *   db <- app2 <- gate        (the diamond); gate needs app2 only;
 *   power (independent)       hr depends on nothing lost. */
enum { DB, APP1, APP2, CRANE, GATE, HR, NN };
static const uint32_t app_deps[] = { DB };
static const uint32_t crane_deps[] = { APP1, APP2 };
static const uint32_t gate_deps[] = { APP2 };
static const char *const nis2[] = { "eu-nis2" };
static const char *const port_j[] = { "eu-nis2", "isps", "us-cg" };

static impact_node nodes[NN];

static void setup_graph(impact_graph *g)
{
    nodes[DB] = (impact_node){ .id = "tos-db", .cost_per_hour = 5000, .regulatory = true, .jurisdictions = nis2, .n_jurisdictions = 1, .rto_hours = 4 };
    nodes[APP1] = (impact_node){ .id = "tos-app1", .cost_per_hour = 1000, .rto_hours = 2, .deps = app_deps, .n_deps = 1 };
    nodes[APP2] = (impact_node){ .id = "tos-app2", .cost_per_hour = 1000, .rto_hours = 1, .deps = app_deps, .n_deps = 1 };
    nodes[CRANE] = (impact_node){ .id = "crane1", .teu_per_hour = 40, .vessel_delay_per_hour = 0.3, .safety = true, .rto_hours = 8,
                                  .deps = crane_deps, .n_deps = 2 };
    nodes[GATE] = (impact_node){ .id = "gate", .teu_per_hour = 25, .regulatory = true, .rto_hours = -1, .deps = gate_deps, .n_deps = 1 };
    nodes[HR] = (impact_node){ .id = "hr", .cost_per_hour = 100, .environment = true, .rto_hours = 24 };
    *g = (impact_graph){ nodes, NN, port_j, 3 };
}

static void test_shared_dependency_counted_once(void **state)
{
    impact_graph g;
    setup_graph(&g);
    impact_result r;
    uint32_t lost[] = { DB };
    assert_int_equal(impact_outage(&g, lost, 1, 6, &r, NULL), SW_OK);
    assert_int_equal(r.n_stopped, 5);                         /* db, app1, app2, crane1 (once), gate */
    assert_true(r.teu_per_hour == 65);                        /* 40 + 25, crane1 once though two paths */
    assert_true(r.cost_per_hour == 7000);
    assert_true(r.vessel_delay_per_hour == 0.3);
    assert_true(r.teu_lost == 390 && r.cost == 42000);
    assert_true(fabs(r.vessel_delay_hours - 1.8) < 1e-9);
    assert_true(r.safety && r.regulatory && !r.environment);
    /* db names eu-nis2; gate has none, so the port's: the union, sorted, once. */
    assert_int_equal(r.n_jurisdictions, 3);
    assert_string_equal(r.jurisdictions[0], "eu-nis2");
    assert_string_equal(r.jurisdictions[1], "isps");
    assert_string_equal(r.jurisdictions[2], "us-cg");
    /* Recovery: db first; then app2 (RTO 1) before app1 (2); gate (no RTO)
     * waits only for app2 but sorts after crane1 (8) once both are ready. */
    const char *want[] = { "tos-db", "tos-app2", "tos-app1", "crane1", "gate" };
    for (size_t i = 0; i < 5; i++) assert_string_equal(nodes[r.stopped[i].node].id, want[i]);
    assert_true(r.stopped[0].lost);
    assert_false(r.stopped[3].lost);
    /* 6 h down: db (RTO 4), app1, app2 breach; crane1 (8) does not; gate has no RTO. */
    assert_true(r.stopped[0].rto_breached && r.stopped[1].rto_breached && r.stopped[2].rto_breached);
    assert_false(r.stopped[3].rto_breached);
    assert_false(r.stopped[4].rto_breached);
    impact_result_free(&r);
}

static void test_lost_together(void **state)
{
    impact_graph g;
    setup_graph(&g);
    impact_result r;
    uint32_t lost[] = { APP1, CRANE, APP1, HR };              /* crane1 also depends on app1; app1 twice */
    assert_int_equal(impact_outage(&g, lost, 4, 1, &r, NULL), SW_OK);
    assert_int_equal(r.n_stopped, 3);
    assert_true(r.teu_per_hour == 40 && r.cost_per_hour == 1100);
    assert_true(r.environment && !r.regulatory);
    assert_int_equal(r.n_jurisdictions, 0);
    /* app1 before crane1 (dependency), hr by RTO 24 after app1 (2) and crane1 (8). */
    assert_string_equal(nodes[r.stopped[0].node].id, "tos-app1");
    assert_string_equal(nodes[r.stopped[1].node].id, "crane1");
    assert_string_equal(nodes[r.stopped[2].node].id, "hr");
    impact_result_free(&r);
}

static void test_leaf_loses_only_itself(void **state)
{
    impact_graph g;
    setup_graph(&g);
    impact_result r;
    uint32_t lost[] = { GATE };
    assert_int_equal(impact_outage(&g, lost, 1, 2, &r, NULL), SW_OK);
    assert_int_equal(r.n_stopped, 1);
    assert_true(r.teu_lost == 50);
    impact_result_free(&r);
}

static void test_cycle_refused(void **state)
{
    impact_graph g;
    setup_graph(&g);
    static const uint32_t db_deps[] = { CRANE };               /* db -> crane1 -> app1 -> db */
    nodes[DB].deps = db_deps;
    nodes[DB].n_deps = 1;
    uint32_t *cyc;
    size_t len;
    assert_true(impact_find_cycle(&g, &cyc, &len));
    assert_int_equal(len, 4);
    assert_int_equal(cyc[0], cyc[len - 1]);
    free(cyc);
    impact_result r;
    sw_error err = { 0 };
    uint32_t lost[] = { HR };
    assert_int_equal(impact_outage(&g, lost, 1, 1, &r, &err), SW_ERR_INVALID);
    if (!strstr(err.msg, "tos-db -> crane1 -> tos-app1 -> tos-db")) fail_msg("cycle path: %s", err.msg);
    assert_null(r.stopped);
}

static void test_self_dependency_is_a_cycle(void **state)
{
    static const uint32_t self[] = { 0 };
    impact_node one = { .id = "x", .deps = self, .n_deps = 1, .rto_hours = -1 };
    impact_graph g = { &one, 1, NULL, 0 };
    uint32_t *cyc;
    size_t len;
    assert_true(impact_find_cycle(&g, &cyc, &len));
    assert_int_equal(len, 2);
    free(cyc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_dependency_counted_once),
        cmocka_unit_test(test_lost_together),
        cmocka_unit_test(test_leaf_loses_only_itself),
        cmocka_unit_test(test_cycle_refused),
        cmocka_unit_test(test_self_dependency_is_a_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
