/* test_vuln_match.c - CPE 2.3 name matching with known answers (NISTIR
 * 7696: ANY, NA, wildcards; versions compared as versions), AND/OR/negated
 * configuration trees, and the (vendor, product) index against a brute
 * force evaluation of every record on every asset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/vuln_match.h"
#include "core/prng.h"

static const vuln_range none = { 0 };

static void expect(const char *crit, const vuln_range *r, const char *asset, vuln_verdict want)
{
    vuln_verdict got = vuln_cpe_match(crit, r, asset);
    if (got != want) fail_msg("%s vs %s: %d, want %d", crit, asset, got, want);
}

static void test_attributes(void **state)
{
    const char *fw = "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*";
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*", &none, fw, VM_YES);          /* ANY */
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*", &none, fw, VM_YES);
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:v2.9.4:*:*:*:*:*:*:*", &none, fw, VM_YES);      /* version, not string */
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.40:*:*:*:*:*:*:*", &none, fw, VM_NO);
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*", &none,
           "cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*", VM_POSSIBLE);                     /* asset says ANY */
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:-:*:*:*:*:*:*:*", &none, fw, VM_NO);              /* NA vs a value */
    expect("cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*", &none,
           "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*", VM_YES);                           /* NA = NA */
    expect("cpe:2.3:h:siemens:6es7516-3an02-0ab0:*:*:*:*:*:*:*:*", &none,
           "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*", VM_YES);                           /* ANY > NA */
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*", &none,
           "cpe:2.3:a:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*", VM_NO);                      /* part */
    expect("cpe:2.3:o:siemens:s7-15??_cpu_firmware:*:*:*:*:*:*:*:*", &none, fw, VM_YES);             /* ? wildcards */
    expect("cpe:2.3:o:siemens:s7-15?_cpu_firmware:*:*:*:*:*:*:*:*", &none, fw, VM_NO);
    expect("cpe:2.3:o:siemens:s7-*:*:*:*:*:*:*:*:*", &none, fw, VM_YES);                             /* * wildcard */
    expect("cpe:2.3:o:siemens:*_firmware:*:*:*:*:*:*:*:*", &none, fw, VM_YES);
    expect("cpe:2.3:o:siemens:*_software:*:*:*:*:*:*:*:*", &none, fw, VM_NO);
    expect("cpe:2.3:o:SIEMENS:S7-1500_CPU_FIRMWARE:*:*:*:*:*:*:*:*", &none, fw, VM_YES);             /* case */
    expect("cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*", &none,
           "cpe:2.3:o:siemens:s7-15*:2.9.4:*:*:*:*:*:*:*", VM_NO);                                    /* target wildcard: undefined */
    /* escapes: "big\$money" is literal, and matches its unescaped form */
    expect("cpe:2.3:a:foo:big\\$money:*:*:*:*:*:*:*:*", &none, "cpe:2.3:a:foo:big\\$money:2010:*:*:*:*:*:*:*", VM_YES);
    expect("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*", &none,
           "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:*:*:*:*:*:*:*", VM_POSSIBLE);              /* update unknown */
    expect("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*", &none,
           "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp1:*:*:*:*:*:*", VM_NO);
    expect("cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*", &(vuln_range){ .start = "17.9", .start_incl = true, .end = "17.9.4a", .end_incl = true },
           "cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*", VM_YES);
    expect("cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*", &(vuln_range){ .end = "17.9.4a" },
           "cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*", VM_NO);
    expect("cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*", &(vuln_range){ .end = "17.9.4a" },
           "cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*", VM_POSSIBLE);
}

static vuln_criterion crit(const char *cpe, bool vulnerable, const char *end)
{
    vuln_criterion c = { .cpe = cpe, .vulnerable = vulnerable };
    c.range.end = end;
    return c;
}

static void test_trees(void **state)
{
    arena mem;
    arena_init(&mem, 4096);
    /* (firmware < 3.1 vulnerable) AND (running on CPU 1516-3 or 1518-4) */
    vuln_criterion fw[] = { crit("cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*", true, "3.1") };
    vuln_criterion hw[] = { crit("cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*", false, NULL),
                            crit("cpe:2.3:h:siemens:6es7518-4ap00-0ab0:-:*:*:*:*:*:*:*", false, NULL) };
    for (size_t i = 0; i < 1; i++) assert_true(vuln_criterion_keys(&mem, &fw[i]));
    for (size_t i = 0; i < 2; i++) assert_true(vuln_criterion_keys(&mem, &hw[i]));
    vuln_node kids[] = { { .crit = fw, .n_crit = 1 }, { .crit = hw, .n_crit = 2 } };
    vuln_node and_node = { .and_op = true, .child = kids, .n_child = 2 };
    vuln_record r = { .cve_id = "CVE-2000-0001", .config = &and_node, .n_config = 1 };

    const char *on_1516[] = { "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*",
                              "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*" };
    const char *on_1511[] = { "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*",
                              "cpe:2.3:h:siemens:6es7511-1ak02-0ab0:-:*:*:*:*:*:*:*" };
    const char *fixed[] = { "cpe:2.3:o:siemens:s7-1500_cpu_firmware:3.1.0:*:*:*:*:*:*:*",
                            "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*" };
    const char *hw_only[] = { "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*" };
    const char *fw_any[] = { "cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*",
                             "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*" };
    vuln_asset_view a = { NULL, NULL, NULL, on_1516, 2, false };
    assert_int_equal(vuln_record_applies(&r, &a), VM_YES);
    a.cpes = on_1511;
    assert_int_equal(vuln_record_applies(&r, &a), VM_NO);        /* other hardware */
    a.cpes = fixed;
    assert_int_equal(vuln_record_applies(&r, &a), VM_NO);        /* end excluded */
    a.cpes = hw_only;
    a.n_cpes = 1;
    assert_int_equal(vuln_record_applies(&r, &a), VM_NO);        /* only the platform matched */
    a.cpes = fw_any;
    a.n_cpes = 2;
    assert_int_equal(vuln_record_applies(&r, &a), VM_POSSIBLE);  /* firmware version unknown */
    a.version = "3.0.3";                                          /* ... but the asset declares it */
    assert_int_equal(vuln_record_applies(&r, &a), VM_YES);

    /* OR of the two with a negated node: all firmware < 3.1 except 2.9.x */
    vuln_criterion except[] = { { .cpe = "cpe:2.3:o:siemens:s7-1500_cpu_firmware:*:*:*:*:*:*:*:*", .vulnerable = true,
                                  .range = { .start = "2.9", .start_incl = true, .end = "3.0" } } };
    assert_true(vuln_criterion_keys(&mem, &except[0]));
    vuln_node parts[] = { { .crit = fw, .n_crit = 1 }, { .negate = true, .crit = except, .n_crit = 1 } };
    vuln_node but = { .and_op = true, .child = parts, .n_child = 2 };
    vuln_record r2 = { .cve_id = "CVE-2000-0002", .config = &but, .n_config = 1 };
    const char *v28[] = { "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.8.3:*:*:*:*:*:*:*" };
    const char *v294[] = { "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*" };
    vuln_asset_view b = { NULL, NULL, NULL, v28, 1, false };
    assert_int_equal(vuln_record_applies(&r2, &b), VM_YES);
    b.cpes = v294;
    assert_int_equal(vuln_record_applies(&r2, &b), VM_NO);
    arena_free(&mem);
}

/* The index must find exactly what evaluating every record finds. */
static void test_index_equals_brute_force(void **state)
{
    enum { NREC = 400, NASSET = 300 };
    static const char *const vendors[] = { "siemens", "cisco", "moxa", "schneider-electric", "hikvision" };
    static const char *const products[] = { "s7-1500_cpu_firmware", "ios_xe", "nport_5150_firmware", "modicon_m340_firmware", "ds-2cd2042wd" };
    arena mem;
    arena_init(&mem, 1 << 16);
    prng rng;
    prng_seed(&rng, 7696);
    vuln_record *recs = calloc(NREC, sizeof *recs);
    assert_non_null(recs);
    for (size_t i = 0; i < NREC; i++) {
        vuln_criterion *c = arena_alloc(&mem, 2 * sizeof *c);
        size_t v = prng_below(&rng, 5), p = prng_below(&rng, 5);
        char cpe[160], end[16];
        snprintf(cpe, sizeof cpe, "cpe:2.3:%c:%s:%s:*:*:*:*:*:*:*:*", prng_below(&rng, 2) ? 'o' : 'a',
                 prng_below(&rng, 20) ? vendors[v] : "sie*",
                 prng_below(&rng, 10) ? products[p] : "*_firmware");
        snprintf(end, sizeof end, "%u.%u", (unsigned)prng_below(&rng, 4), (unsigned)prng_below(&rng, 10));
        c[0] = (vuln_criterion){ .cpe = arena_strdup(&mem, cpe), .vulnerable = true };
        c[0].range.end = arena_strdup(&mem, end);
        c[0].range.end_incl = prng_below(&rng, 2);
        assert_true(vuln_criterion_keys(&mem, &c[0]));
        c[1] = (vuln_criterion){ .vendor = "Siemens", .product = prng_below(&rng, 2) ? "SIMATIC S7-1500 CPU family" : "SIMATIC S7-1500 CPU 1516-3 PN/DP",
                                 .vulnerable = true };
        c[1].range.end = c[0].range.end;
        assert_true(vuln_criterion_keys(&mem, &c[1]));
        vuln_node *n = arena_alloc(&mem, sizeof *n);
        *n = (vuln_node){ .crit = c, .n_crit = 1 + prng_below(&rng, 2) };
        recs[i] = (vuln_record){ .cve_id = "CVE-2000-0000", .config = n, .n_config = 1 };
    }
    vuln_index *ix = vuln_index_build(recs, NREC, NULL);
    assert_non_null(ix);
    assert_true(vuln_index_unkeyed(ix) > 0);        /* "sie*" vendors; "*_firmware" products key by vendor */
    vuln_hit *hits = NULL;
    size_t cap = 0, total = 0;
    for (size_t a = 0; a < NASSET; a++) {
        char cpe[160], ver[16];
        size_t v = prng_below(&rng, 5), p = prng_below(&rng, 5);
        snprintf(ver, sizeof ver, "%u.%u.%u", (unsigned)prng_below(&rng, 4), (unsigned)prng_below(&rng, 10), (unsigned)prng_below(&rng, 3));
        snprintf(cpe, sizeof cpe, "cpe:2.3:%c:%s:%s:%s:*:*:*:*:*:*:*", prng_below(&rng, 2) ? 'o' : 'a', vendors[v], products[p],
                 prng_below(&rng, 8) ? ver : "*");
        const char *cpes[] = { cpe };
        vuln_asset_view av = { "Siemens", prng_below(&rng, 2) ? "SIMATIC S7-1500 CPU 1516-3 PN/DP" : "SIMATIC S7-1200 CPU 1214C",
                               ver, cpes, 1, false };
        size_t n = vuln_index_match(ix, &av, &hits, &cap);
        assert_true(n != (size_t)-1);
        char *seen = calloc(NREC, 1);
        for (size_t h = 0; h < n; h++) {
            assert_int_equal(seen[hits[h].record], 0);   /* each record once */
            seen[hits[h].record] = 1;
            assert_int_equal(hits[h].verdict, vuln_record_applies(&recs[hits[h].record], &av));
        }
        for (size_t r = 0; r < NREC; r++)
            if (!seen[r] && vuln_record_applies(&recs[r], &av) != VM_NO) fail_msg("asset %zu: record %zu missed", a, r);
        total += n;
        free(seen);
    }
    assert_true(total > 0);
    free(hits);
    vuln_index_free(ix);
    free(recs);
    arena_free(&mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_trees),
        cmocka_unit_test(test_index_equals_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
