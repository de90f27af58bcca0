/* test_compliance.c - the control catalogue loader: positioned errors on bad
 * YAML and bad fields, dangling parents and mappings; and every shipped
 * catalogue loads with the structure its source has (counts asserted from
 * the sources: 7 FRs and 51 SRs in 62443-3-3, NIS2 Art. 21(2)(a)-(j), the
 * Art. 23(4) stages with 24 h / 72 h / one month, ...). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/compliance.h"

static const char HEAD[] =
    "framework: {id: fw-a, name: A, source: s, version: v, paraphrase: true}\n"
    "requirements:\n";

static comp_framework *parse(arena *mem, const char *text, diag_list *d)
{
    diag_init(d, "t.yaml");
    return comp_framework_parse(mem, "t.yaml", text, strlen(text), d);
}

/* True when some diagnostic sits at line:col and contains `needle`. */
static bool has_diag(const diag_list *d, unsigned line, unsigned col, const char *needle)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].line == line && (!col || d->items[i].col == col) && strstr(d->items[i].message, needle)) return true;
    for (size_t i = 0; i < d->len; i++) fprintf(stderr, "  have %u:%u %s\n", d->items[i].line, d->items[i].col, d->items[i].message);
    return false;
}

static void test_good_minimal(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    char text[1024];
    snprintf(text, sizeof text, "%s%s", HEAD,
             "  - {id: \"1\", title: T, summary: S, citation: C}\n"
             "  - {id: \"1.a\", parent: \"1\", title: T, summary: S, citation: C, evidence: segmentation}\n");
    comp_framework *fw = parse(&mem, text, &d);
    assert_non_null(fw);
    assert_int_equal(fw->n_reqs, 2);
    assert_int_equal(fw->reqs[1].parent_index, 0);
    assert_int_equal(fw->reqs[1].depth, 1);
    assert_string_equal(fw->reqs[1].evidence, "segmentation");
    hashmap_free(&fw->by_id);
    diag_free(&d);
    arena_free(&mem);
}

static void test_bad_yaml_position(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    char text[1024];
    /* an unclosed flow mapping on line 3 */
    snprintf(text, sizeof text, "%s%s", HEAD, "  - {id: \"1\", title: T\n");
    assert_null(parse(&mem, text, &d));
    assert_true(d.errors > 0);
    assert_true(d.items[0].line >= 3);
    diag_free(&d);
    arena_free(&mem);
}

static void test_field_errors_positioned(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    char text[2048];
    snprintf(text, sizeof text, "%s%s", HEAD,
             "  - id: \"1\"\n"                       /* line 3 */
             "    title: T\n"
             "    summary: S\n"                      /* no citation */
             "  - id: \"1\"\n"                       /* line 6: duplicate */
             "    title: T\n"
             "    sumary: S\n"                       /* line 8: typo */
             "    citation: C\n"
             "    parent: \"9\"\n"                   /* line 10: dangling parent */
             "    evidence: telepathy\n"             /* line 11: unknown check */
             "    sl: [3, 2]\n"                      /* line 12: not ascending */
             "    csf: [XX.YY]\n");                  /* line 13: not a CSF category */
    assert_null(parse(&mem, text, &d));
    assert_true(has_diag(&d, 3, 5, "needs a 'citation'"));
    assert_true(has_diag(&d, 6, 5, "used twice (first at line 3)"));
    assert_true(has_diag(&d, 8, 5, "did you mean 'summary'"));
    assert_true(has_diag(&d, 10, 13, "parent '9'"));
    assert_true(has_diag(&d, 11, 15, "unknown live check 'telepathy'"));
    assert_true(has_diag(&d, 12, 0, "consecutive"));
    assert_true(has_diag(&d, 13, 11, "not a NIST CSF 2.0 category"));
    diag_free(&d);
    arena_free(&mem);
}

static void test_header_rules(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    const char *text =
        "framework: {id: Bad_Id, name: A, source: s, version: v, paraphrase: false}\n"
        "requirements: []\n";
    assert_null(parse(&mem, text, &d));
    assert_true(has_diag(&d, 1, 17, "lower-case"));
    assert_true(has_diag(&d, 1, 69, "must be paraphrases"));
    diag_free(&d);
    arena_free(&mem);
}

static void test_long_summary_refused(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    char text[4096];
    char big[COMP_SUMMARY_MAX + 40];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    snprintf(text, sizeof text, "%s  - {id: a, title: T, citation: C, summary: %s}\n", HEAD, big);
    assert_null(parse(&mem, text, &d));
    assert_true(has_diag(&d, 3, 0, "in our own words"));
    diag_free(&d);
    arena_free(&mem);
}

static void test_parent_cycle(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    char text[1024];
    snprintf(text, sizeof text, "%s%s", HEAD,
             "  - {id: a, parent: b, title: T, summary: S, citation: C}\n"
             "  - {id: b, parent: a, title: T, summary: S, citation: C}\n");
    assert_null(parse(&mem, text, &d));
    assert_true(has_diag(&d, 3, 0, "loops back"));
    diag_free(&d);
    arena_free(&mem);
}

static void test_dangling_mappings(void **state)
{
    (void)state;
    comp_catalog c;
    comp_catalog_init(&c);
    diag_list d[2];
    const char *a =
        "framework: {id: fw-a, name: A, source: s, version: v, paraphrase: true}\n"
        "requirements:\n"
        "  - {id: a1, title: T, summary: S, citation: C, mappings: [\"fw-b:b1\", \"fw-b:nope\", \"fw-z:b1\", nocolon, \"fw-a:a1\"]}\n";
    const char *b =
        "framework: {id: fw-b, name: B, source: s, version: v, paraphrase: true}\n"
        "requirements:\n"
        "  - {id: b1, title: T, summary: S, citation: C}\n";
    diag_init(&d[0], "a.yaml");
    diag_init(&d[1], "b.yaml");
    comp_framework *fa = comp_framework_parse(&c.mem, "a.yaml", a, strlen(a), &d[0]);
    comp_framework *fb = comp_framework_parse(&c.mem, "b.yaml", b, strlen(b), &d[1]);
    assert_non_null(fa);
    assert_non_null(fb);
    assert_true(comp_catalog_add(&c, fa, &d[0]));
    assert_true(comp_catalog_add(&c, fb, &d[1]));
    assert_int_equal(comp_catalog_validate(&c, d), 4);
    assert_true(has_diag(&d[0], 3, 0, "'nope' is not a requirement of fw-b"));
    assert_true(has_diag(&d[0], 3, 0, "names no loaded framework"));
    assert_true(has_diag(&d[0], 3, 0, "FRAMEWORK:REQUIREMENT"));
    assert_true(has_diag(&d[0], 3, 0, "its own catalogue"));
    assert_int_equal(d[1].errors, 0);
    const comp_framework *fw;
    assert_non_null(comp_catalog_resolve(&c, "fw-b:b1", &fw));
    assert_ptr_equal(fw, fb);
    diag_free(&d[0]);
    diag_free(&d[1]);
    comp_catalog_free(&c);
}

/* superseded_by must name another loaded framework that is itself current. */
static void test_superseded_by(void **state)
{
    (void)state;
    static const char *const text[] = {
        "framework: {id: old, name: O, source: s, version: v, superseded_by: new, paraphrase: true}\n"
        "requirements: [{id: o1, title: T, summary: S, citation: C}]\n",
        "framework: {id: new, name: N, source: s, version: v, superseded_by: newer, paraphrase: true}\n"
        "requirements: [{id: n1, title: T, summary: S, citation: C}]\n",
        "framework: {id: self, name: S, source: s, version: v, superseded_by: self, paraphrase: true}\n"
        "requirements: [{id: s1, title: T, summary: S, citation: C}]\n",
        "framework: {id: bad, name: B, source: s, version: v, superseded_by: \"Not An Id\", paraphrase: true}\n"
        "requirements: [{id: b1, title: T, summary: S, citation: C}]\n",
    };
    comp_catalog c;
    comp_catalog_init(&c);
    diag_list d[4];
    for (int i = 0; i < 3; i++) {
        diag_init(&d[i], "x.yaml");
        comp_framework *fw = comp_framework_parse(&c.mem, "x.yaml", text[i], strlen(text[i]), &d[i]);
        assert_non_null(fw);
        assert_true(comp_catalog_add(&c, fw, &d[i]));
    }
    assert_string_equal(comp_catalog_find(&c, "old")->superseded_by, "new");
    assert_int_equal(comp_catalog_validate(&c, d), 3);
    assert_true(has_diag(&d[0], 1, 0, "itself superseded (by newer)"));
    assert_true(has_diag(&d[1], 1, 0, "names no loaded framework: newer"));
    assert_true(has_diag(&d[2], 1, 0, "cannot supersede itself"));
    diag_init(&d[3], "x.yaml");
    assert_null(comp_framework_parse(&c.mem, "x.yaml", text[3], strlen(text[3]), &d[3]));
    assert_true(has_diag(&d[3], 1, 0, "must be a framework id"));
    for (int i = 0; i < 4; i++) diag_free(&d[i]);
    comp_catalog_free(&c);
}

/* A stage's clock starts at awareness or after another stage of the same
 * catalogue: the named stage must exist, differ, and the chain may not loop;
 * stage names are unique so `after` is never ambiguous. */
static void test_stage_after(void **state)
{
    (void)state;
    arena mem;
    arena_init(&mem, 4096);
    diag_list d;
    char text[2048];
    snprintf(text, sizeof text, "%s%s", HEAD,
             "  - {id: a, title: T, summary: S, citation: C, stage: {name: warn, hours: 24}}\n"
             "  - {id: b, title: T, summary: S, citation: C, stage: {name: notify, hours: 72}}\n"
             "  - {id: c, title: T, summary: S, citation: C, stage: {name: final, hours: 720, after: notify}}\n");
    comp_framework *fw = parse(&mem, text, &d);
    assert_non_null(fw);
    assert_null(fw->reqs[0].stage.after);
    assert_string_equal(fw->reqs[2].stage.after, "notify");
    hashmap_free(&fw->by_id);
    diag_free(&d);
    snprintf(text, sizeof text, "%s%s", HEAD,
             "  - {id: a, title: T, summary: S, citation: C, stage: {name: x, hours: 1, after: nowhere}}\n"   /* line 3 */
             "  - {id: b, title: T, summary: S, citation: C, stage: {name: y, hours: 1, after: y}}\n"         /* line 4 */
             "  - {id: c, title: T, summary: S, citation: C, stage: {name: p, hours: 1, after: q}}\n"         /* line 5 */
             "  - {id: d, title: T, summary: S, citation: C, stage: {name: q, hours: 1, after: p}}\n"         /* line 6 */
             "  - {id: e, title: T, summary: S, citation: C, stage: {name: x, hours: 1}}\n"                   /* line 7 */
             "  - {id: f, title: T, summary: S, citation: C, stage: {name: z, hours: 1, aftr: x}}\n");        /* line 8 */
    assert_null(parse(&mem, text, &d));
    assert_true(has_diag(&d, 3, 0, "'nowhere' of 'a' is not a stage of this catalogue"));
    assert_true(has_diag(&d, 4, 0, "cannot start after itself"));
    assert_true(has_diag(&d, 5, 0, "loops back on itself"));
    assert_true(has_diag(&d, 7, 5, "stage name 'x' is used twice (first at line 3)"));
    assert_true(has_diag(&d, 8, 0, "unknown field 'aftr' in 'stage' (known: name, hours, after)"));
    diag_free(&d);
    arena_free(&mem);
}

/* --- the shipped catalogues ------------------------------------------------------ */

static comp_catalog shipped;

static int load_shipped(void **state)
{
    (void)state;
    const char *src = getenv("SEAWALL_SRC");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/data/frameworks", src ? src : ".");
    comp_catalog_init(&shipped);
    sw_error err = { 0 };
    if (comp_catalog_load_dir(&shipped, dir, stderr, &err) != SW_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int free_shipped(void **state)
{
    (void)state;
    comp_catalog_free(&shipped);
    return 0;
}

static const comp_framework *fw_of(const char *id)
{
    const comp_framework *fw = comp_catalog_find(&shipped, id);
    if (!fw) fail_msg("framework %s not shipped", id);
    return fw;
}

static size_t children_matching(const comp_framework *fw, const char *parent, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < fw->n_reqs; i++)
        if (fw->reqs[i].parent && !strcmp(fw->reqs[i].parent, parent) && !strncmp(fw->reqs[i].id, prefix, strlen(prefix))) n++;
    return n;
}

static void test_shipped_all_frameworks(void **state)
{
    (void)state;
    static const char *const ids[] = { "uscg-101f", "imo-cyber", "isps-pf", "iec62443-3-3", "nis2", "cisa-cpg", "cisa-cpg2" };
    assert_int_equal(shipped.n, 7);
    for (size_t i = 0; i < 7; i++) {
        const comp_framework *fw = fw_of(ids[i]);
        assert_true(fw->paraphrase);
        for (size_t k = 0; k < fw->n_reqs; k++) {
            const comp_req *r = &fw->reqs[k];
            assert_non_null(r->citation);
            assert_true(strlen(r->summary) <= COMP_SUMMARY_MAX);
            for (size_t m = 0; m < r->n_mappings; m++)
                if (!comp_catalog_resolve(&shipped, r->mappings[m].text, NULL)) fail_msg("%s %s: %s", fw->id, r->id, r->mappings[m].text);
        }
    }
}

static void test_shipped_62443(void **state)
{
    (void)state;
    const comp_framework *fw = fw_of("iec62443-3-3");
    size_t frs = 0, srs = 0, res = 0;
    for (size_t i = 0; i < fw->n_reqs; i++) {
        const comp_req *r = &fw->reqs[i];
        if (!strncmp(r->id, "FR ", 3)) frs++;
        else if (strstr(r->id, " RE ")) {
            res++;
            /* an enhancement never applies below its SR */
            const comp_req *sr = &fw->reqs[r->parent_index];
            assert_true((r->sl_mask & ~sr->sl_mask) == 0);
        } else srs++;
    }
    assert_int_equal(frs, 7);
    assert_int_equal(srs, 51);
    assert_int_equal(res, 49);
    /* FR 5 has SR 5.1-5.4; SR 5.1 from SL 1, its RE 1 from SL 2, RE 3 only at SL 4 */
    assert_int_equal(children_matching(fw, "FR 5", "SR 5."), 4);
    assert_true(comp_req_applies_at(comp_framework_req(fw, "SR 5.1"), 1));
    assert_false(comp_req_applies_at(comp_framework_req(fw, "SR 5.1 RE 1"), 1));
    assert_true(comp_req_applies_at(comp_framework_req(fw, "SR 5.1 RE 1"), 2));
    assert_false(comp_req_applies_at(comp_framework_req(fw, "SR 5.1 RE 3"), 3));
    assert_true(comp_req_applies_at(comp_framework_req(fw, "SR 5.1 RE 3"), 4));
    assert_false(comp_req_applies_at(comp_framework_req(fw, "SR 2.7"), 2));   /* concurrent sessions: SL 3 */
    assert_string_equal(comp_framework_req(fw, "SR 5.1")->evidence, "segmentation");
}

static void test_shipped_nis2(void **state)
{
    (void)state;
    const comp_framework *fw = fw_of("nis2");
    assert_int_equal(children_matching(fw, "21(2)", "21(2)("), 10);
    static const char *const letters = "abcdefghij";
    for (int i = 0; i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "21(2)(%c)", letters[i]);
        assert_non_null(comp_framework_req(fw, id));
    }
    const comp_req *ew = comp_framework_req(fw, "23(4)(a)"), *nt = comp_framework_req(fw, "23(4)(b)"),
                   *fin = comp_framework_req(fw, "23(4)(d)");
    assert_string_equal(ew->stage.name, "early-warning");
    assert_int_equal(ew->stage.hours, 24);
    assert_string_equal(nt->stage.name, "notification");
    assert_int_equal(nt->stage.hours, 72);
    assert_string_equal(fin->stage.name, "final");
    assert_int_equal(fin->stage.hours, 30 * 24);
    /* (a) and (b) run from awareness, (d) from the submission of the notification */
    assert_null(ew->stage.after);
    assert_null(nt->stage.after);
    assert_string_equal(fin->stage.after, "notification");
}

static void test_shipped_uscg_isps_imo_cpg(void **state)
{
    (void)state;
    const comp_framework *us = fw_of("uscg-101f");
    assert_int_equal(children_matching(us, "101.650(a)", "101.650(a)("), 7);   /* lockout .. revocation */
    assert_int_equal(children_matching(us, "101.650", "101.650("), 9);         /* (a) .. (i) */
    assert_string_equal(comp_framework_req(us, "101.650(h)")->evidence, "segmentation");
    assert_string_equal(comp_framework_req(us, "101.655(plan)")->due, "2027-07-16");
    const comp_framework *isps = fw_of("isps-pf");
    assert_int_equal(comp_framework_req(isps, "B/18.5")->interval_days, 92);     /* every three months */
    assert_int_equal(comp_framework_req(isps, "B/18.6")->interval_days, 548);    /* at most 18 months apart */
    assert_int_equal(children_matching(isps, "A/17.2", "A/17.2."), 13);
    const comp_framework *imo = fw_of("imo-cyber");
    assert_int_equal(children_matching(imo, "3", "3.5."), 5);                   /* Identify .. Recover */
    for (size_t i = 0; i < imo->n_reqs; i++) assert_true(imo->reqs[i].n_csf > 0);
    const comp_framework *cpg = fw_of("cisa-cpg");
    assert_int_equal(children_matching(cpg, "2", "2."), 24);                    /* 2.A .. 2.X */
    assert_string_equal(cpg->superseded_by, "cisa-cpg2");
}

/* CPG 2.0: 34 goals over the six CSF 2.0 functions, Govern 5, Identify 5,
 * Protect 19, Detect 2, Respond 2, Recover 1, lettered from A in each. */
static void test_shipped_cpg2(void **state)
{
    (void)state;
    const comp_framework *cpg = fw_of("cisa-cpg2");
    static const int per_function[6] = { 5, 5, 19, 2, 2, 1 };
    size_t goals = 0;
    for (int f = 0; f < 6; f++) {
        char fn[12], prefix[16];
        snprintf(fn, sizeof fn, "%d", f + 1);
        snprintf(prefix, sizeof prefix, "%d.", f + 1);
        assert_int_equal(children_matching(cpg, fn, prefix), per_function[f]);
        for (int k = 0; k < per_function[f]; k++) {
            char id[16], cite[32];
            snprintf(id, sizeof id, "%d.%c", f + 1, 'A' + k);
            snprintf(cite, sizeof cite, "CPG 2.0 %s", id);
            const comp_req *r = comp_framework_req(cpg, id);
            if (!r) fail_msg("CPG 2.0 goal %s missing", id);
            assert_string_equal(r->citation, cite);
            assert_true(r->n_csf > 0);
            goals++;
        }
    }
    assert_int_equal(goals, 34);
    assert_null(cpg->superseded_by);
    assert_string_equal(comp_framework_req(cpg, "3.I")->evidence, "segmentation");
    assert_string_equal(comp_framework_req(cpg, "2.B")->evidence, "kev-age");
    assert_string_equal(comp_framework_req(cpg, "3.F")->evidence, "remote-access-mfa");
}

/* The default-password requirements, and only they, are judged by the
 * default-credentials check; none by the cleartext one, which could only
 * ever have judged them met. */
static void test_shipped_default_passwords(void **state)
{
    (void)state;
    static const char *const want[] = { "uscg-101f 101.650(a)(2)", "iec62443-3-3 SR 1.5", "cisa-cpg 2.A", "cisa-cpg2 3.A" };
    size_t found = 0;
    for (size_t i = 0; i < shipped.n; i++) {
        const comp_framework *fw = shipped.fw[i];
        for (size_t k = 0; k < fw->n_reqs; k++) {
            const comp_req *r = &fw->reqs[k];
            if (!r->evidence || strcmp(r->evidence, "default-credentials")) continue;
            char key[96];
            snprintf(key, sizeof key, "%s %s", fw->id, r->id);
            bool listed = false;
            for (size_t w = 0; w < 4; w++) listed |= !strcmp(key, want[w]);
            if (!listed) fail_msg("%s judged by default-credentials", key);
            found++;
        }
    }
    assert_int_equal(found, 4);
}

int main(void)
{
    const struct CMUnitTest loader[] = {
        cmocka_unit_test(test_good_minimal),
        cmocka_unit_test(test_bad_yaml_position),
        cmocka_unit_test(test_field_errors_positioned),
        cmocka_unit_test(test_header_rules),
        cmocka_unit_test(test_long_summary_refused),
        cmocka_unit_test(test_parent_cycle),
        cmocka_unit_test(test_dangling_mappings),
        cmocka_unit_test(test_superseded_by),
        cmocka_unit_test(test_stage_after),
    };
    const struct CMUnitTest catalogues[] = {
        cmocka_unit_test(test_shipped_all_frameworks),
        cmocka_unit_test(test_shipped_62443),
        cmocka_unit_test(test_shipped_nis2),
        cmocka_unit_test(test_shipped_uscg_isps_imo_cpg),
        cmocka_unit_test(test_shipped_cpg2),
        cmocka_unit_test(test_shipped_default_passwords),
    };
    int failed = cmocka_run_group_tests_name("compliance loader", loader, NULL, NULL);
    failed += cmocka_run_group_tests_name("shipped catalogues", catalogues, load_shipped, free_shipped);
    return failed;
}
