/* test_ir.c - incident response: the timeline hash chain (including
 * tampering, reordering and a cut tail), lifecycle transitions, regulatory
 * clocks for each jurisdiction (UTC arithmetic across the Lisbon DST change,
 * month-end clamping), the playbook loader's errors and the role check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/sha256.h"
#include "ir/chain.h"
#include "ir/clocks.h"
#include "ir/incident_state.h"
#include "ir/playbook.h"
#include "ir/playbook_check.h"

static sw_time_us T(const char *s)
{
    sw_time_us t = 0;
    assert_true(time_parse_rfc3339(s, &t));
    return t;
}

typedef struct row { ir_entry e; char prev[SHA256_HEX_LEN], hash[SHA256_HEX_LEN]; } row;

static void build(row *r, size_t n)
{
    static const char *const bodies[] = { "{\"title\":\"TOS\"}", "{\"why\":\"spread\",\"decision\":\"cut\"}", "{\"text\":\"sent\"}" };
    const char *prev = ir_chain_genesis;
    for (size_t i = 0; i < n; i++) {
        r[i].e = (ir_entry){ 7, (int64_t)i + 1, T("2026-03-29T00:30:00Z") + (sw_time_us)i, "note", "cso", bodies[i % 3] };
        strcpy(r[i].prev, prev);
        assert_true(ir_entry_hash(prev, &r[i].e, r[i].hash));
        prev = r[i].hash;
    }
}

static int walk(row *r, size_t n, int64_t head_n, const char *head, int64_t *broken)
{
    ir_chain_walk w;
    ir_chain_walk_init(&w, 7);
    for (size_t i = 0; i < n; i++)
        if (!ir_chain_walk_step(&w, &r[i].e, r[i].prev, r[i].hash)) break;
    bool ok = ir_chain_walk_finish(&w, head_n, head);
    *broken = w.broken_seq;
    return ok;
}

static void test_chain(void **state)
{
    row r[3];
    int64_t b;
    build(r, 3);
    assert_true(walk(r, 3, 3, r[2].hash, &b));
    /* Canonical form ignores key order and spacing in the body, not its content. */
    ir_entry e = r[1].e;
    char h[SHA256_HEX_LEN];
    e.body = "{ \"decision\" : \"cut\", \"why\": \"spread\" }";
    assert_true(ir_entry_hash(r[1].prev, &e, h));
    assert_string_equal(h, r[1].hash);
    r[1].e.body = "{\"why\":\"routine\",\"decision\":\"cut\"}";
    assert_false(walk(r, 3, 3, r[2].hash, &b));
    assert_int_equal(b, 2);
    build(r, 3);
    r[0].e.actor = "soc-analyst-1";
    assert_false(walk(r, 3, 3, r[2].hash, &b));
    assert_int_equal(b, 1);
    build(r, 3);
    assert_false(walk(r, 2, 3, r[2].hash, &b));   /* tail removed */
    assert_int_equal(b, 3);
    row swapped[2] = { r[1], r[0] };
    assert_false(walk(swapped, 2, 2, r[1].hash, &b));
    e.body = "[1]";
    assert_false(ir_entry_hash(ir_chain_genesis, &e, h));
}

static void test_states(void **state)
{
    assert_true(ir_transition_allowed(IR_DETECTED, IR_ANALYSING));
    assert_true(ir_transition_allowed(IR_CONTAINING, IR_RECOVERING));
    assert_true(ir_transition_allowed(IR_RECOVERING, IR_CLOSED));
    assert_true(ir_transition_allowed(IR_CLOSED, IR_ANALYSING));
    assert_false(ir_transition_allowed(IR_DETECTED, IR_CLOSED));
    assert_false(ir_transition_allowed(IR_RECOVERING, IR_CONTAINING));
    assert_false(ir_transition_allowed(IR_CLOSED, IR_CLOSED));
    ir_state s;
    assert_true(ir_state_parse("eradicating", &s));
    assert_int_equal(s, IR_ERADICATING);
    assert_false(ir_state_parse("done", &s));
    char buf[64];
    ir_transitions_from(IR_ANALYSING, buf, sizeof buf);
    assert_string_equal(buf, "containing, closed");
    assert_true(ir_severity_valid("critical"));
    assert_false(ir_severity_valid("severe"));
}

static sw_time_us met_none(void *ctx, const char *d) { (void)ctx; (void)d; return 0; }
static sw_time_us met_notif(void *ctx, const char *d) { return !strcmp(d, "nis2-notification") ? *(sw_time_us *)ctx : 0; }

static const ir_clock *find(const ir_clock *c, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].duty->id, id)) return &c[i];
    fail_msg("no clock %s", id);
    return NULL;
}

static void test_clocks(void **state)
{
    /* Aware 30 minutes before Lisbon moves to summer time (2026-03-29 01:00 UTC):
     * deadlines are exact hours in UTC, so the lost local hour changes nothing. */
    sw_time_us aware = T("2026-03-29T00:30:00Z");
    const char *all[] = { "us-cg", "eu-nis2", "isps" };
    ir_clock c[16];
    size_t n = ir_clocks_compute(all, 3, aware, T("2026-03-29T12:00:00Z"), met_none, NULL, c);
    assert_int_equal(n, ir_n_duties);
    assert_int_equal(find(c, n, "nis2-early-warning")->deadline, T("2026-03-30T00:30:00Z"));
    assert_int_equal(find(c, n, "nis2-notification")->deadline, T("2026-04-01T00:30:00Z"));
    assert_int_equal(find(c, n, "nis2-final-report")->deadline, T("2026-05-01T00:30:00Z"));
    assert_int_equal(find(c, n, "uscg-nrc")->deadline, aware);
    assert_int_equal(find(c, n, "uscg-nrc")->status, IR_DUTY_DUE_NOW);
    assert_int_equal(find(c, n, "isps-designated-authority")->status, IR_DUTY_DUE_NOW);
    assert_int_equal(find(c, n, "nis2-early-warning")->status, IR_DUTY_DUE);
    /* One microsecond past the deadline is overdue; at it, still due. */
    n = ir_clocks_compute(all, 3, aware, T("2026-03-30T00:30:00Z"), met_none, NULL, c);
    assert_int_equal(find(c, n, "nis2-early-warning")->status, IR_DUTY_DUE);
    n = ir_clocks_compute(all, 3, aware, T("2026-03-30T00:30:00Z") + 1, met_none, NULL, c);
    assert_int_equal(find(c, n, "nis2-early-warning")->status, IR_DUTY_OVERDUE);
    /* The final report counts from when the notification was sent. */
    sw_time_us sent = T("2026-01-31T10:00:00Z");
    n = ir_clocks_compute(all + 1, 1, T("2026-01-29T10:00:00Z"), sent, met_notif, &sent, c);
    assert_int_equal(n, 3);
    assert_int_equal(find(c, n, "nis2-notification")->status, IR_DUTY_MET);
    assert_int_equal(find(c, n, "nis2-final-report")->deadline, T("2026-02-28T10:00:00Z"));
    /* Only the jurisdictions given apply. */
    const char *us[] = { "us-cg" };
    assert_int_equal(ir_clocks_compute(us, 1, aware, aware, met_none, NULL, c), 2);
    assert_int_equal(ir_clocks_compute(NULL, 0, aware, aware, met_none, NULL, c), 0);
    /* Month arithmetic: clamping, leap years, year end, autumn DST in UTC. */
    assert_int_equal(ir_add_months_utc(T("2028-01-31T23:59:59Z"), 1), T("2028-02-29T23:59:59Z"));
    assert_int_equal(ir_add_months_utc(T("2026-12-15T00:00:00Z"), 1), T("2027-01-15T00:00:00Z"));
    assert_int_equal(ir_add_months_utc(T("2026-10-25T00:30:00Z"), 1), T("2026-11-25T00:30:00Z"));
    assert_int_equal(ir_add_months_utc(T("1969-12-31T12:00:00Z"), 2), T("1970-02-28T12:00:00Z"));
}

static playbook *load(const char *y, diag_list *d)
{
    diag_init(d, "t.yaml");
    return playbook_load_buffer(y, strlen(y), "t.yaml", d);
}

static bool has(const diag_list *d, unsigned line, const char *text)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].line == line && strstr(d->items[i].message, text)) return true;
    return false;
}

static const char good[] =
    "id: t\n"
    "title: Test\n"
    "decisions:\n"
    "  - {id: cut, action: Cut the IT/OT conduit, role: cso}\n"
    "phases:\n"
    "  - id: contain\n"
    "    csf: [RS.MI]\n"
    "    steps:\n"
    "      - {do: Cut it, role: network-admin, decision: cut, duty: nis2-early-warning}\n"
    "fallbacks:\n"
    "  - {function: gate, state: paper, procedure: Clerks write slips, decision: cut}\n";

static void test_playbook_loader(void **state)
{
    diag_list d;
    playbook *pb = load(good, &d);
    assert_non_null(pb);
    assert_int_equal(d.errors, 0);
    assert_int_equal(pb->phases[0].steps[0].decision_index, 0);
    assert_string_equal(playbook_decision(pb, "cut")->role, "cso");
    const char *roles[8];
    assert_int_equal(playbook_roles(pb, roles, NULL, 8), 2);
    playbook_free(pb);
    diag_free(&d);

    pb = load("id: t\ntitle: x\nphases:\n  - id: a\n    csf: [RS.XX]\n    steps:\n      - {do: y, role: r, decision: nope, duty: zzz, colour: red}\nextra: 1\n", &d);
    assert_non_null(pb);
    assert_true(has(&d, 5, "'RS.XX' is not a CSF 2.0 category"));
    assert_true(has(&d, 7, "unknown reporting duty 'zzz'"));
    assert_true(has(&d, 7, "unknown field 'colour'"));
    assert_true(has(&d, 7, "decision 'nope', which the playbook does not define"));
    assert_true(has(&d, 8, "unknown field 'extra'"));
    playbook_free(pb);
    diag_free(&d);

    pb = load("id: Bad_Id\nphases: []\n", &d);
    assert_true(has(&d, 1, "lowercase letters"));
    assert_true(has(&d, 1, "needs a 'title'"));
    playbook_free(pb);
    diag_free(&d);

    /* Found by fuzz_playbook_load: a repeated list key must replace the list, not overrun it. */
    pb = load("id: x\ntitle: y\nphases: [{id: a, csf: [RS.MA], csf: [RS.MA, RS.AN, RS.MI], steps: [{do: z, role: r}]}]\n"
              "decisions: [{id: a, action: b, role: c}]\ndecisions: [{id: a, action: b, role: c}, {id: d, action: e, role: f}]\n", &d);
    assert_non_null(pb);
    assert_true(has(&d, 3, "'csf' is given twice"));
    assert_true(has(&d, 5, "'decisions' is given twice"));
    assert_int_equal(pb->phases[0].csf.len, 3);
    assert_int_equal(pb->n_decisions, 2);
    playbook_free(pb);
    diag_free(&d);

    pb = load("- a list\n", &d);
    assert_true(d.errors > 0);
    playbook_free(pb);
    diag_free(&d);
    pb = load("id: [unclosed\n", &d);
    assert_null(pb);
    assert_true(d.errors > 0);
    diag_free(&d);
}

static void test_roles(void **state)
{
    const char *model_yaml =
        "port: {name: P, timezone: UTC, jurisdictions: [eu-nis2]}\n"
        "people:\n"
        "  - {id: a, name: A, roles: [cso]}\n"
        "  - {id: b, name: B, roles: [network-admin], status: left}\n";
    diag_list md;
    diag_init(&md, "m.yaml");
    port_model *m = model_load_buffer(model_yaml, strlen(model_yaml), "m.yaml", &md);
    assert_non_null(m);
    diag_list d;
    playbook *pb = load(good, &d);
    assert_int_equal(playbook_check_roles(pb, m, &d), 1);
    assert_true(has(&d, 9, "role 'network-admin' is held by nobody active"));
    assert_true(has(&d, 9, "only by b (left)"));
    assert_string_equal(role_first_holder(m, "cso")->id, "a");
    assert_null(role_first_holder(m, "network-admin"));
    playbook_free(pb);
    diag_free(&d);
    model_free(m);
    diag_free(&md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain),   cmocka_unit_test(test_states),          cmocka_unit_test(test_clocks),
        cmocka_unit_test(test_playbook_loader), cmocka_unit_test(test_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
