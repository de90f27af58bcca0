/* test_vuln_version.c - version ordering and ranges with known answers: a
 * table of comparisons (dotted numbers of different lengths, leading zeros,
 * letter suffixes, Siemens "V" prefixes, service packs and updates, semver
 * pre-releases and build metadata) and range edge cases (inclusive and
 * exclusive ends, ANY and NA versions, lessThan "*", git ranges), plus the
 * prose and vers: ranges advisories write. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "analysis/vuln_version.h"

typedef struct cmp_case { const char *a, *b; vuln_version_type type; int want; } cmp_case;

static const cmp_case cmp_cases[] = {
    /* dotted numerics */
    { "1.0", "1.0", VT_GENERIC, 0 },
    { "1.0", "1.0.0", VT_GENERIC, 0 },
    { "1.0.0.0", "1", VT_GENERIC, 0 },
    { "1.0", "1.0.1", VT_GENERIC, -1 },
    { "1.2", "1.10", VT_GENERIC, -1 },
    { "1.10", "1.9", VT_GENERIC, 1 },
    { "2.9.4", "2.9.2", VT_GENERIC, 1 },
    { "2.9.10", "2.9.9", VT_GENERIC, 1 },
    { "10.0", "9.99.99", VT_GENERIC, 1 },
    { "19.21.0.0.0", "19.3", VT_GENERIC, 1 },
    /* leading zeros */
    { "1.01", "1.1", VT_GENERIC, 0 },
    { "01.002.0003", "1.2.3", VT_GENERIC, 0 },
    { "33.011", "33.11", VT_GENERIC, 0 },
    { "33.011", "33.2", VT_GENERIC, 1 },
    { "00000000000000000001", "1", VT_GENERIC, 0 },
    { "123456789012345678901234567890", "123456789012345678901234567891", VT_GENERIC, -1 },
    /* Siemens "V" prefix */
    { "V2.9.4", "2.9.4", VT_GENERIC, 0 },
    { "v2.9.4", "V2.9.4", VT_GENERIC, 0 },
    { "V2.9.4", "V2.9.2", VT_GENERIC, 1 },
    { "V3.1.0", "2.9.4", VT_GENERIC, 1 },
    { "V21.9", "V4.0", VT_GENERIC, 1 },
    /* letter suffixes are later rebuilds */
    { "2.9.4a", "2.9.4", VT_GENERIC, 1 },
    { "2.9.4a", "2.9.4b", VT_GENERIC, -1 },
    { "2.9.4a", "2.9.5", VT_GENERIC, -1 },
    { "17.9.4a", "17.9.4", VT_GENERIC, 1 },
    { "1.0.2k", "1.0.2l", VT_GENERIC, -1 },
    { "9.2p1", "9.2", VT_GENERIC, 1 },
    { "9.2p1", "9.3", VT_GENERIC, -1 },
    { "2.9.4a", "2.9.4.1", VT_GENERIC, -1 },
    /* service packs, updates, releases */
    { "V3.0 SP1", "V3.0", VT_GENERIC, 1 },
    { "V3.0 SP1", "V3.0 SP2", VT_GENERIC, -1 },
    { "V3.0 SP2", "V3.1", VT_GENERIC, -1 },
    { "V18 Update 3", "V18", VT_GENERIC, 1 },
    { "V18 Update 3", "V18 Update 12", VT_GENERIC, -1 },
    { "V18 Update 3", "V19", VT_GENERIC, -1 },
    { "update 3", "update 3", VT_GENERIC, 0 },
    { "22.7R2.3", "22.7R2.2", VT_GENERIC, 1 },
    { "22.7R2.3", "22.7R1.9", VT_GENERIC, 1 },
    { "10.2.7-h3", "10.2.7", VT_GENERIC, 1 },
    { "10.2.7-h3", "10.2.7-h12", VT_GENERIC, -1 },
    /* pre-releases sort before the release */
    { "1.0.0-rc.1", "1.0.0", VT_GENERIC, -1 },
    { "1.0rc1", "1.0", VT_GENERIC, -1 },
    { "1.0a1", "1.0", VT_GENERIC, -1 },
    { "1.0a1", "1.0b1", VT_GENERIC, -1 },
    { "1.0b2", "1.0rc1", VT_GENERIC, -1 },
    { "1.0-beta", "1.0-alpha", VT_GENERIC, 1 },
    { "2.0-dev", "2.0-alpha", VT_GENERIC, -1 },
    { "1.0-rc1", "1.0.1", VT_GENERIC, -1 },
    { "1.0.0-alpha", "1.0.0-ALPHA", VT_GENERIC, 0 },
    /* semver 2.0.0 section 11's precedence example */
    { "1.0.0-alpha", "1.0.0-alpha.1", VT_SEMVER, -1 },
    { "1.0.0-alpha.1", "1.0.0-alpha.beta", VT_SEMVER, -1 },
    { "1.0.0-alpha.beta", "1.0.0-beta", VT_SEMVER, -1 },
    { "1.0.0-beta", "1.0.0-beta.2", VT_SEMVER, -1 },
    { "1.0.0-beta.2", "1.0.0-beta.11", VT_SEMVER, -1 },
    { "1.0.0-beta.11", "1.0.0-rc.1", VT_SEMVER, -1 },
    { "1.0.0-rc.1", "1.0.0", VT_SEMVER, -1 },
    { "1.0.0-x", "1.0.0", VT_SEMVER, -1 },
    { "1.0.0+20130313144700", "1.0.0", VT_SEMVER, 0 },
    { "1.0.0-beta+exp.sha.5114f85", "1.0.0-beta", VT_SEMVER, 0 },
    { "2.0.0", "1.99.99", VT_SEMVER, 1 },
};

static int sign(int x) { return x < 0 ? -1 : x > 0; }

static void test_comparison_table(void **state)
{
    size_t n = sizeof cmp_cases / sizeof cmp_cases[0];
    assert_true(n >= 60);
    for (size_t i = 0; i < n; i++) {
        const cmp_case *c = &cmp_cases[i];
        int got = sign(vuln_version_cmp(c->a, c->b, c->type));
        if (got != c->want) fail_msg("cmp(%s, %s) = %d, want %d", c->a, c->b, got, c->want);
        int back = sign(vuln_version_cmp(c->b, c->a, c->type));
        if (back != -c->want) fail_msg("cmp(%s, %s) = %d, want %d (antisymmetry)", c->b, c->a, back, -c->want);
    }
}

typedef struct range_case {
    vuln_range r;
    const char *version;
    vuln_verdict want;
} range_case;

static void test_range_edges(void **state)
{
    const range_case cases[] = {
        /* NVD versionEndExcluding 2.0.28 (CVE-2016-8562) */
        { { .end = "2.0.28" }, "2.0.27", VM_YES },
        { { .end = "2.0.28" }, "2.0.28", VM_NO },
        { { .end = "2.0.28" }, "V2.0.28", VM_NO },
        { { .end = "2.0.28" }, "1.1", VM_YES },
        { { .end = "2.0.28", .end_incl = true }, "2.0.28", VM_YES },
        { { .start = "2.0", .start_incl = true, .end = "3.0" }, "2.0", VM_YES },
        { { .start = "2.0", .start_incl = false, .end = "3.0" }, "2.0", VM_NO },
        { { .start = "2.0", .start_incl = false, .end = "3.0" }, "2.0.1", VM_YES },
        { { .start = "2.0", .start_incl = true, .end = "3.0" }, "1.9.9", VM_NO },
        { { .start = "2.0", .start_incl = true, .end = "3.0" }, "3.0-rc1", VM_YES },
        { { .start = "2.0", .start_incl = true, .end = "3.0" }, "3.0", VM_NO },
        /* exact versions, V prefix and NA */
        { { .exact = "V2.9.4" }, "2.9.4", VM_YES },
        { { .exact = "2.9.4" }, "2.9.4a", VM_NO },
        { { .exact = "-" }, "-", VM_YES },
        { { .exact = "-" }, "1.0", VM_NO },
        { { .end = "2.0" }, "-", VM_NO },
        /* unknown asset versions are possible, never certain */
        { { .end = "2.0" }, "*", VM_POSSIBLE },
        { { .end = "2.0" }, NULL, VM_POSSIBLE },
        { { .end = "2.0" }, "", VM_POSSIBLE },
        /* unconstrained ranges (CVE 5 version "0" lessThan "*" is stored as no bounds) */
        { { 0 }, "1.2.3", VM_YES },
        { { 0 }, "*", VM_YES },
        { { 0 }, "-", VM_YES },
        { { .start = "*", .end = "*" }, "4.4", VM_YES },
        /* git ranges cannot be ordered offline */
        { { .start = "a1b2c3d", .start_incl = true, .end = "e4f5a6b", .type = VT_GIT }, "0123456", VM_POSSIBLE },
        { { .start = "a1b2c3d", .start_incl = true, .end = "e4f5a6b", .type = VT_GIT }, "a1b2c3d", VM_YES },
        { { .start = "a1b2c3d", .start_incl = true, .end = "e4f5a6b", .type = VT_GIT }, "e4f5a6b", VM_NO },
        { { .exact = "e4f5a6b", .type = VT_GIT }, "E4F5A6B", VM_YES },
        /* semver ranges honour pre-releases */
        { { .start = "1.0.0", .start_incl = true, .end = "2.0.0", .type = VT_SEMVER }, "2.0.0-rc.1", VM_YES },
        { { .start = "1.0.0", .start_incl = true, .end = "2.0.0", .type = VT_SEMVER }, "1.0.0-rc.1", VM_NO },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vuln_verdict got = vuln_range_contains(&cases[i].r, cases[i].version);
        if (got != cases[i].want)
            fail_msg("case %zu: %s in [%s, %s] exact %s = %d, want %d", i, cases[i].version ? cases[i].version : "NULL",
                     cases[i].r.start ? cases[i].r.start : "-", cases[i].r.end ? cases[i].r.end : "-",
                     cases[i].r.exact ? cases[i].r.exact : "-", got, cases[i].want);
    }
}

static void expect_text(const char *text, bool ok, const char *exact, const char *start, bool si, const char *end, bool ei)
{
    vuln_range r;
    char buf[128];
    bool got = vuln_range_parse_text(text, &r, buf, sizeof buf);
    if (got != ok) fail_msg("'%s': parse %d, want %d", text, got, ok);
    if (!ok) return;
#define SAME(a, b) ((a) == NULL ? (b) == NULL : ((b) != NULL && !strcmp((a), (b))))
    if (!SAME(exact, r.exact) || !SAME(start, r.start) || !SAME(end, r.end) ||
        (start && si != r.start_incl) || (end && ei != r.end_incl))
        fail_msg("'%s': got exact %s start %s%s end %s%s", text, r.exact ? r.exact : "-", r.start ? r.start : "-",
                 r.start_incl ? "(incl)" : "", r.end ? r.end : "-", r.end_incl ? "(incl)" : "");
#undef SAME
}

static void test_ranges_in_text(void **state)
{
    expect_text("All versions < V2.9.2", true, NULL, NULL, false, "V2.9.2", false);
    expect_text("< V2.9.2", true, NULL, NULL, false, "V2.9.2", false);
    expect_text("<V4.5.0", true, NULL, NULL, false, "V4.5.0", false);
    expect_text("<= 4.1", true, NULL, NULL, false, "4.1", true);
    expect_text("All versions >= V3.0 < V3.1.2", true, NULL, "V3.0", true, "V3.1.2", false);
    expect_text(">= V3.0 SP1 < V3.1", true, NULL, "V3.0 SP1", true, "V3.1", false);
    expect_text("All versions", true, NULL, NULL, false, NULL, false);
    expect_text("vers:all/*", true, NULL, NULL, false, NULL, false);
    expect_text("vers:generic/>=1.0|<2.0", true, NULL, "1.0", true, "2.0", false);
    expect_text("vers:intdot/<3.1.0", true, NULL, NULL, false, "3.1.0", false);
    expect_text("2.9.4", false, NULL, NULL, false, NULL, false);
    expect_text("Drives manufactured before 2021-08-13", false, NULL, NULL, false, NULL, false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comparison_table),
        cmocka_unit_test(test_range_edges),
        cmocka_unit_test(test_ranges_in_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
