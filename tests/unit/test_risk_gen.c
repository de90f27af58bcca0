/* test_risk_gen.c - risk scenarios generated from the attack graph, with
 * known answers on a small model: which (entry point, crown jewel) pairs
 * become scenarios, their best-path likelihood, the frequency share, the
 * outage from the RTO, owners, the declared scenario that covers a pair,
 * the likelihood floor, a known vulnerability on the path, and the
 * `generated:` section's errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/exposure.h"
#include "analysis/risk.h"
#include "analysis/risk_gen.h"
#include "analysis/risk_load.h"

/* mail (email) lands in it; rdp over it->ot reaches the hmi, which may
 * write the plc; ot->dmz carries only syslog. dmzin (internet) lands in
 * dmz, which has no way out. Crown jewels: plc (rto 4 h, owner alice) and
 * log (no rto, no owner). */
static const char model_yaml[] =
    "port: {name: Test}\n"
    "zones:\n"
    "  - {id: it, domain: it, security_level: 1, networks: [10.1.0.0/24]}\n"
    "  - {id: ot, domain: ot, security_level: 3, networks: [10.2.0.0/24]}\n"
    "  - {id: dmz, domain: it, security_level: 2, networks: [10.3.0.0/24]}\n"
    "conduits:\n"
    "  - {id: it-ot, from: it, to: ot, services: [rdp], justification: admins}\n"
    "  - {id: ot-dmz, from: ot, to: dmz, services: [syslog], justification: logs}\n"
    "assets:\n"
    "  - {id: ws, kind: workstation, zone: it, ip: 10.1.0.5}\n"
    "  - {id: hmi, kind: hmi, zone: ot, ip: 10.2.0.5}\n"
    "  - {id: plc, kind: plc, zone: ot, ip: 10.2.0.6, criticality: crown-jewel, may_write: [hmi], rto_hours: 4, owner: alice}\n"
    "  - {id: log, kind: server, zone: dmz, ip: 10.3.0.5, criticality: crown-jewel}\n"
    "entry_points:\n"
    "  - {id: mail, kind: email, reaches: [it]}\n"
    "  - {id: dmzin, kind: internet, reaches: [dmz]}\n"
    "people:\n"
    "  - {id: alice, name: Alice, roles: [ot-engineer]}\n"
    "  - {id: bob, name: Bob, roles: [it-admin]}\n";

/* R-1 covers (mail, plc); R-2 (stated susceptibility) covers nothing. */
static const char register_head[] =
    "risks:\n"
    "  - {id: R-1, title: t, threat: t, target: plc, entry: mail, owner: alice, frequency: {min: 1, likely: 2, max: 3},\n"
    "     outage_hours: {min: 1, likely: 2, max: 3}}\n"
    "  - {id: R-2, title: t, threat: t, target: log, owner: bob, frequency: {min: 1, likely: 2, max: 3},\n"
    "     susceptibility: 0.5, loss: {min: 1, likely: 2, max: 3}}\n";

typedef struct fixture {
    port_model *m;
    exposure_input in;
    exposure *x;
    risk_net net;
    arena mem;
    risk_register_file reg;
    diag_list d;
} fixture;

static void setup(fixture *f, const char *generated, const exposure_vuln *vulns, size_t n_vulns)
{
    memset(f, 0, sizeof *f);
    diag_list md;
    diag_init(&md, "t.yaml");
    f->m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &md);
    assert_non_null(f->m);
    if (md.errors) { diag_print(&md, stderr); fail_msg("model has errors"); }
    diag_free(&md);
    f->in = (exposure_input){ .m = f->m, .vulns = vulns, .n_vulns = n_vulns };
    sw_error err = { 0 };
    f->x = exposure_build(&f->in, &err);
    assert_non_null(f->x);
    const xg_graph *g = &f->x->g;
    f->net = (risk_net){ .n = g->n, .m = g->m, .off = g->off, .to = g->to, .p = g->p, .p_novuln = g->p };
    arena_init(&f->mem, 4096);
    char text[2048];
    snprintf(text, sizeof text, "%s%s", register_head, generated);
    diag_init(&f->d, "risks.yaml");
    assert_true(risk_register_parse(&f->mem, text, strlen(text), &f->d, &f->reg));
}

static void teardown(fixture *f)
{
    diag_free(&f->d);
    arena_free(&f->mem);
    exposure_free(f->x);
    model_free(f->m);
}

static const risk_def *find(const risk_register_file *reg, const char *id)
{
    for (size_t i = 0; i < reg->n_risks; i++)
        if (!strcmp(reg->risks[i].id, id)) return &reg->risks[i];
    return NULL;
}

/* P(success) of a generated risk, by the register's own best-path search. */
static double success(const fixture *f, const risk_def *r)
{
    size_t e = 0;
    while (strcmp(f->m->entry_points[e].id, r->entries[0])) e++;
    uint32_t src = exposure_entry_node(f->x, e);
    risk_scen_model sc = { .sources = &src, .n_sources = 1, .in_place = 1, .mean_freq = 1, .mean_loss = 1,
                           .target = exposure_asset_node(f->x, (size_t)(model_asset_by_id(f->m, r->target) - f->m->assets)) };
    risk_work *w = risk_work_new(&f->net, 1);
    assert_non_null(w);
    double p = 0;
    risk_success(w, &sc, 1, NULL, 0, NULL, &p);
    risk_work_free(w);
    return p;
}

static void assert_range(risk_range r, double a, double b, double c)
{
    assert_true(fabs(r.min - a) < 1e-9 && fabs(r.likely - b) < 1e-9 && fabs(r.max - c) < 1e-9);
}

static void test_pairs_and_figures(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "generated:\n"
              "  frequency: {email: {min: 1, likely: 2, max: 3}, default: {min: 0.5, likely: 1, max: 2}}\n"
              "  controls_in_place: [{name: SOC, reduction: 0.25}]\n"
              "  owner: bob\n",
          NULL, 0);
    assert_true(f.reg.generated.enabled);
    assert_int_equal(risk_generate(&f.mem, f.m, f.x, &f.net, &f.reg, &f.d), 2);
    assert_int_equal(f.d.errors, 0);
    /* Declared ones first and unchanged. */
    assert_int_equal(f.reg.n_risks, 4);
    assert_string_equal(f.reg.risks[0].id, "R-1");
    assert_false(f.reg.risks[0].generated);
    /* (mail, plc) is R-1's; (dmzin, plc) has no path; R-2 states a
     * susceptibility, so it covers no pair. */
    assert_null(find(&f.reg, "G-mail-plc"));
    assert_null(find(&f.reg, "G-dmzin-plc"));
    const risk_def *ml = find(&f.reg, "G-mail-log"), *dl = find(&f.reg, "G-dmzin-log");
    assert_non_null(ml);
    assert_non_null(dl);
    assert_ptr_equal(ml, &f.reg.risks[2]);      /* entry point order, then crown jewel order */
    assert_true(ml->generated && dl->generated);
    assert_string_equal(ml->target, "log");
    assert_int_equal(ml->n_entries, 1);
    assert_string_equal(ml->entries[0], "mail");
    /* mail -> [it] -> rdp (0.5) hmi -> [ot] -> syslog over ot-dmz, an
     * allowed conduit (0.2) -> log: 0.3 x 0.5 x 0.2 = 0.03. dmzin -> [dmz]
     * -> log inside its zone, every port open; a server answers SMB or RDP
     * (remote service, 0.5): 0.3 x 0.5 = 0.15. */
    assert_true(fabs(success(&f, ml) - 0.3 * 0.5 * 0.2) < 1e-6);
    assert_true(fabs(success(&f, dl) - 0.3 * 0.5) < 1e-6);
    /* mail reaches two crown jewels (plc, log): half of email's {1,2,3}.
     * dmzin reaches one: internet is not listed, so "default", whole. */
    assert_range(ml->freq, 0.5, 1, 1.5);
    assert_range(dl->freq, 0.5, 1, 2);
    /* log has no RTO: 24 h, so {24, 48, 144}. */
    assert_true(ml->has_outage && !ml->has_loss && !ml->has_susceptibility);
    assert_range(ml->outage_hours, 24, 48, 144);
    /* log has no owner: the section's. */
    assert_string_equal(ml->owner, "bob");
    assert_null(ml->treatment);
    assert_int_equal(ml->n_in_place, 1);
    assert_true(fabs(ml->in_place[0].reduction - 0.25) < 1e-12);
    teardown(&f);
}

static void test_floor_entries_and_rto(void **state)
{
    (void)state;
    fixture f;
    /* The floor 0.05 drops G-mail-log (0.03); R-1 no longer exists in this
     * register's view when only dmzin is asked for. */
    setup(&f, "generated: {min_likelihood: 0.05}\n", NULL, 0);
    assert_int_equal(risk_generate(&f.mem, f.m, f.x, &f.net, &f.reg, &f.d), 1);
    assert_non_null(find(&f.reg, "G-dmzin-log"));
    assert_null(find(&f.reg, "G-mail-log"));
    /* No frequency given: the built-in prior for internet, whole (one
     * crown jewel reached). */
    risk_range prior = risk_gen_frequency(NULL, "internet");
    assert_range(find(&f.reg, "G-dmzin-log")->freq, prior.min, prior.likely, prior.max);
    teardown(&f);

    setup(&f, "generated: {entry: [mail]}\n", NULL, 0);
    assert_int_equal(risk_generate(&f.mem, f.m, f.x, &f.net, &f.reg, &f.d), 1);
    assert_non_null(find(&f.reg, "G-mail-log"));
    teardown(&f);

    setup(&f, "generated: {entry: [nowhere]}\n", NULL, 0);
    risk_generate(&f.mem, f.m, f.x, &f.net, &f.reg, &f.d);
    assert_int_equal(f.d.errors, 1);
    teardown(&f);

    /* A declared id that a generated one would take is an error. */
    {
        arena mem;
        arena_init(&mem, 4096);
        static const char text[] =
            "risks:\n"
            "  - {id: G-dmzin-log, title: t, threat: t, target: plc, entry: mail, owner: alice, frequency: {min: 1, likely: 2, max: 3},\n"
            "     loss: {min: 1, likely: 2, max: 3}}\n"
            "generated: {}\n";
        diag_list d;
        diag_init(&d, "risks.yaml");
        risk_register_file reg;
        assert_true(risk_register_parse(&mem, text, sizeof text - 1, &d, &reg));
        setup(&f, "", NULL, 0);
        assert_true(risk_generate(&mem, f.m, f.x, &f.net, &reg, &d) >= 0);
        assert_int_equal(d.errors, 1);
        teardown(&f);
        diag_free(&d);
        arena_free(&mem);
    }

    /* No section: nothing generated. */
    setup(&f, "", NULL, 0);
    assert_false(f.reg.generated.enabled);
    assert_int_equal(risk_generate(&f.mem, f.m, f.x, &f.net, &f.reg, &f.d), 0);
    assert_int_equal(f.reg.n_risks, 2);
    /* The RTO rule on the plc (4 h) and a stated outage range. */
    const model_asset *plc = model_asset_by_id(f.m, "plc");
    assert_range(risk_gen_outage(NULL, plc), 4, 8, 24);
    risk_generated g = { .has_outage = true, .outage_hours = { 1, 2, 3, RD_PERT } };
    assert_range(risk_gen_outage(&g, plc), 1, 2, 3);
    teardown(&f);
}

/* A known vulnerability on log (p 0.95, as KEV) makes the last step of both
 * pairs: mail ... [ot] -> log becomes 0.3 x 0.5 x 0.95 (above the floor). */
static void test_vulnerability_on_path(void **state)
{
    (void)state;
    fixture f;
    static exposure_vuln v[1];
    v[0] = (exposure_vuln){ 3, "CVE-2000-0001", 0.95 };
    setup(&f, "generated: {min_likelihood: 0.05}\n", v, 1);
    assert_int_equal(risk_generate(&f.mem, f.m, f.x, &f.net, &f.reg, &f.d), 2);
    const risk_def *ml = find(&f.reg, "G-mail-log");
    assert_non_null(ml);
    assert_true(fabs(success(&f, ml) - 0.3 * 0.5 * 0.95) < 1e-6);
    assert_true(fabs(success(&f, find(&f.reg, "G-dmzin-log")) - 0.3 * 0.95) < 1e-6);
    teardown(&f);
}

static void test_frequency_lookup(void **state)
{
    (void)state;
    risk_kind_range fr[2] = { { "wifi", { 1, 2, 3, RD_PERT }, { 0, 0 } }, { "default", { 4, 5, 6, RD_PERT }, { 0, 0 } } };
    risk_generated g = { .freq = fr, .n_freq = 2 };
    assert_range(risk_gen_frequency(&g, "wifi"), 1, 2, 3);
    assert_range(risk_gen_frequency(&g, "email"), 4, 5, 6);
    g.n_freq = 1;
    risk_range e = risk_gen_frequency(&g, "email"), o = risk_gen_frequency(&g, "carrier-pigeon");
    assert_range(e, 2, 6, 24);                 /* the built-in email prior */
    assert_range(o, 0.1, 0.5, 2);              /* the prior for other kinds */
}

static void test_section_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "generated: {colour: red}\n",
        "generated: {frequency: {email: {min: 3, likely: 2, max: 1}}}\n",
        "generated: {frequency: {email: {min: 1, likely: 2, max: 3}, email: {min: 1, likely: 2, max: 3}}}\n",
        "generated: {min_likelihood: 2}\n",
        "generated: {controls_in_place: [{name: x}]}\n",
        "generated: [1]\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        arena mem;
        arena_init(&mem, 4096);
        char text[2048];
        snprintf(text, sizeof text, "%s%s", register_head, bad[i]);
        diag_list d;
        diag_init(&d, "risks.yaml");
        risk_register_file reg;
        bool ok = risk_register_parse(&mem, text, strlen(text), &d, &reg);
        if (ok && !d.errors) fail_msg("accepted: %s", bad[i]);
        diag_free(&d);
        arena_free(&mem);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_and_figures),
        cmocka_unit_test(test_floor_entries_and_rto),
        cmocka_unit_test(test_vulnerability_on_path),
        cmocka_unit_test(test_frequency_lookup),
        cmocka_unit_test(test_section_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
