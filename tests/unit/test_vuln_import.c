/* test_vuln_import.c - each real sample (tests/data/vulns) read with the
 * counts, ids, CVSS, dates and trees it must give; malformed files
 * rejected with where and what, and nothing returned. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/vuln_import.h"
#include "analysis/vuln_match.h"

static char *slurp(const char *name, size_t *len)
{
    const char *src = getenv("SEAWALL_SRC");
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/vulns/%s", src ? src : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void parse_file(const char *name, arena *mem, vuln_doc *doc)
{
    size_t len;
    char *data = slurp(name, &len);
    sw_error err = { 0 };
    sw_code rc = vuln_import_parse(data, len, mem, doc, &err);
    free(data);
    if (rc != SW_OK) fail_msg("%s: %s", name, err.msg);
}

static const char *const s7_1516_cpes[] = {
    "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.1:*:*:*:*:*:*:*",
    "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*",
};

static void test_cve5_siemens_names(void **state)
{
    arena mem;
    arena_init(&mem, 65536);
    vuln_doc doc;
    parse_file("cve5-CVE-2020-15782.json", &mem, &doc);
    assert_int_equal(doc.format, VF_CVE5);
    assert_int_equal(doc.n_records, 1);
    const vuln_record *r = &doc.records[0];
    assert_string_equal(r->cve_id, "CVE-2020-15782");
    assert_int_equal(r->published, 1622218210);             /* 2021-05-28T16:10:10Z */
    assert_true(r->cvss_score < 0);                          /* the CNA gave no metrics */
    assert_int_equal(r->n_config, 10);                       /* one per affected product */
    /* "SIMATIC S7-1500 CPU family (...)" reads as a family with "All versions < V2.9.2". */
    const vuln_criterion *c = &r->config[4].crit[0];
    assert_string_equal(c->product_key, "simatic_s7-1500_cpu");
    assert_true(c->family);
    assert_string_equal(c->range.end, "V2.9.2");
    vuln_asset_view old = { "Siemens", "SIMATIC S7-1500 CPU 1516-3 PN/DP", "2.9.1", NULL, 0, false };
    vuln_asset_view fixed = { "Siemens", "SIMATIC S7-1500 CPU 1516-3 PN/DP", "V2.9.4", NULL, 0, false };
    vuln_asset_view s7_400 = { "Siemens", "SIMATIC S7-400 CPU 414-3 PN/DP", "6.0.9", NULL, 0, false };
    vuln_asset_view et200 = { "Siemens", "SIMATIC ET 200SP Open Controller CPU 1515SP PC", "V20.8", NULL, 0, false };
    assert_int_equal(vuln_record_applies(r, &old), VM_YES);
    assert_int_equal(vuln_record_applies(r, &fixed), VM_NO);
    assert_int_equal(vuln_record_applies(r, &s7_400), VM_NO);
    assert_int_equal(vuln_record_applies(r, &et200), VM_YES);  /* "All versions" */
    arena_free(&mem);
}

static void test_cve5_na_and_adp(void **state)
{
    arena mem;
    arena_init(&mem, 65536);
    vuln_doc doc;
    parse_file("cve5-CVE-2016-8562.json", &mem, &doc);
    assert_int_equal(doc.n_records, 1);
    const vuln_record *r = &doc.records[0];
    assert_string_equal(r->cve_id, "CVE-2016-8562");
    assert_int_equal(r->n_config, 0);                        /* vendor and product "n/a": nothing to match */
    assert_true(r->cvss_score == 7.5);                       /* from the CISA ADP container */
    assert_string_equal(r->cvss_version, "3.1");
    assert_string_equal(r->cvss_vector, "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H");
    arena_free(&mem);
}

static void test_nvd_and_trees(void **state)
{
    arena mem;
    arena_init(&mem, 65536);
    vuln_doc doc;
    parse_file("nvd-api-2.0-siemens.json", &mem, &doc);
    assert_int_equal(doc.format, VF_NVD);
    assert_int_equal(doc.n_records, 2);
    const vuln_record *cp = &doc.records[0], *s7 = &doc.records[1];
    assert_string_equal(cp->cve_id, "CVE-2016-8562");
    assert_true(cp->cvss_score == 7.5);                      /* v3.1 Primary over v2 3.5 */
    assert_string_equal(cp->cvss_version, "3.1");
    assert_int_equal(cp->n_config, 2);
    assert_true(cp->config[0].and_op);
    assert_int_equal(cp->config[0].n_child, 2);
    assert_false(cp->config[0].child[1].crit[0].vulnerable);
    assert_string_equal(s7->cve_id, "CVE-2020-15782");
    assert_true(s7->cvss_score == 9.8);

    /* CP 1543-1 firmware V1.1 on its hardware: vulnerable. */
    const char *const cp_old[] = { "cpe:2.3:o:siemens:simatic_cp_1543-1_firmware:1.1:*:*:*:*:*:*:*",
                                   "cpe:2.3:h:siemens:simatic_cp_1543-1:-:*:*:*:*:*:*:*" };
    const char *const cp_new[] = { "cpe:2.3:o:siemens:simatic_cp_1543-1_firmware:2.0.28:*:*:*:*:*:*:*",
                                   "cpe:2.3:h:siemens:simatic_cp_1543-1:-:*:*:*:*:*:*:*" };
    const char *const cp_fw_only[] = { "cpe:2.3:o:siemens:simatic_cp_1543-1_firmware:1.1:*:*:*:*:*:*:*" };
    const char *const cp_on_siplus_hw[] = { "cpe:2.3:o:siemens:simatic_cp_1543-1_firmware:1.1:*:*:*:*:*:*:*",
                                            "cpe:2.3:h:siemens:siplus_net_cp_1543-1:-:*:*:*:*:*:*:*" };
    vuln_asset_view a = { NULL, NULL, NULL, cp_old, 2, false };
    assert_int_equal(vuln_record_applies(cp, &a), VM_YES);
    a.cpes = cp_new;
    assert_int_equal(vuln_record_applies(cp, &a), VM_NO);    /* versionEndExcluding 2.0.28 */
    a.cpes = cp_fw_only;
    a.n_cpes = 1;
    assert_int_equal(vuln_record_applies(cp, &a), VM_POSSIBLE);   /* the hardware is not declared */
    a.cpes = cp_on_siplus_hw;
    a.n_cpes = 2;
    assert_int_equal(vuln_record_applies(cp, &a), VM_NO);    /* declared hardware is another one */

    vuln_asset_view s = { NULL, NULL, NULL, s7_1516_cpes, 2, false };
    assert_int_equal(vuln_record_applies(s7, &s), VM_YES);
    arena_free(&mem);
}

static void test_kev(void **state)
{
    arena mem;
    arena_init(&mem, 65536);
    vuln_doc doc;
    parse_file("kev-excerpt.json", &mem, &doc);
    assert_int_equal(doc.format, VF_KEV);
    assert_int_equal(doc.n_kev, 3);
    assert_int_equal(doc.n_records, 0);
    assert_string_equal(doc.label, "2025.08.25");
    const vuln_kev *cp = NULL;
    for (size_t i = 0; i < doc.n_kev; i++)
        if (!strcmp(doc.kev[i].cve_id, "CVE-2016-8562")) cp = &doc.kev[i];
    assert_non_null(cp);
    assert_string_equal(cp->vendor, "Siemens");
    assert_int_equal(cp->date_added, 1646265600);            /* 2022-03-03 */
    assert_int_equal(cp->due_date, 1648080000);              /* 2022-03-24 */
    assert_false(cp->ransomware);
    size_t known = 0;
    for (size_t i = 0; i < doc.n_kev; i++) known += doc.kev[i].ransomware;
    assert_int_equal(known, 1);                              /* CVE-2024-3400 */
    arena_free(&mem);
}

static void test_csaf(void **state)
{
    arena mem;
    arena_init(&mem, 65536);
    vuln_doc doc;
    parse_file("csaf-icsa-21-152-01.json", &mem, &doc);
    assert_int_equal(doc.format, VF_CSAF);
    assert_int_equal(doc.n_records, 1);
    const vuln_record *r = &doc.records[0];
    assert_string_equal(r->cve_id, "CVE-2020-15782");
    assert_string_equal(r->advisory, "ICSA-21-152-01");
    assert_true(r->cvss_score == 8.1);
    assert_int_equal(r->n_config, 1);
    assert_int_equal(r->config[0].n_crit, 7);
    vuln_asset_view old = { "Siemens", "SIMATIC S7-1500 CPU 1518-4 PN/DP", "V2.8.3", NULL, 0, false };
    vuln_asset_view newer = { "Siemens", "SIMATIC S7-1500 CPU 1518-4 PN/DP", "3.0.3", NULL, 0, false };
    vuln_asset_view open_ctl = { "Siemens", "SIMATIC ET 200SP Open Controller CPU 1515SP PC", "21.8", NULL, 0, false };
    assert_int_equal(vuln_record_applies(r, &old), VM_YES);
    assert_int_equal(vuln_record_applies(r, &newer), VM_NO);
    assert_int_equal(vuln_record_applies(r, &open_ctl), VM_YES);   /* vers:all */
    arena_free(&mem);
}

/* Rejected, with err naming where (containing `where`) and what (`what`). */
static void expect_bad(const char *json, const char *where, const char *what)
{
    arena mem;
    arena_init(&mem, 4096);
    vuln_doc doc;
    sw_error err = { 0 };
    sw_code rc = vuln_import_parse(json, strlen(json), &mem, &doc, &err);
    if (rc == SW_OK) fail_msg("accepted: %s", json);
    if (!strstr(err.msg, where) || !strstr(err.msg, what)) fail_msg("'%s' lacks '%s' or '%s'", err.msg, where, what);
    arena_free(&mem);
}

static void test_malformed_rejected(void **state)
{
    expect_bad("{\"vulnerabilities\": [", "1:", "JSON syntax");
    expect_bad("{\"a\": 1, \"a\": 2}", "1:", "JSON syntax");
    expect_bad("{\"hello\": 1}", "at /", "not a CVE JSON 5 record");
    expect_bad("{\"cveMetadata\": {\"cveId\": \"CVE-20-1\", \"state\": \"PUBLISHED\"}, \"containers\": {\"cna\": {}}}",
               "/cveMetadata", "not a CVE id");
    expect_bad("{\"cveMetadata\": {\"cveId\": \"CVE-2020-1234\", \"state\": \"PUBLISHED\", \"datePublished\": \"yesterday\"},"
               " \"containers\": {\"cna\": {}}}", "/cveMetadata/datePublished", "not a date");
    expect_bad("{\"cveMetadata\": {\"cveId\": \"CVE-2020-1234\"}, \"containers\": {\"cna\": {\"affected\": "
               "[{\"vendor\": \"Acme\", \"product\": \"Widget\", \"versions\": [{\"version\": \"1.0\", \"status\": \"broken\"}]}]}}}",
               "/containers/cna/affected/0/versions/0", "status \"broken\"");
    expect_bad("{\"format\": \"NVD_CVE\", \"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-2020-1234\", \"configurations\": "
               "[{\"nodes\": [{\"operator\": \"OR\", \"cpeMatch\": [{\"vulnerable\": true, \"criteria\": \"cpe:/o:acme:widget\"}]}]}]}}]}",
               "/vulnerabilities/0/cve/configurations/0/nodes/0/cpeMatch/0/criteria", "CPE 2.2 URI");
    expect_bad("{\"format\": \"NVD_CVE\", \"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-2020-1234\", \"configurations\": "
               "[{\"operator\": \"XOR\", \"nodes\": []}]}}]}", "/vulnerabilities/0/cve/configurations/0", "XOR");
    expect_bad("{\"catalogVersion\": \"x\", \"vulnerabilities\": [{\"cveID\": \"CVE-2022-0001\", \"dateAdded\": \"2022-13-01\"}]}",
               "/vulnerabilities/0/dateAdded", "not a date");
    expect_bad("{\"document\": {\"csaf_version\": \"2.0\", \"tracking\": {\"id\": \"X-1\"}}, \"vulnerabilities\": "
               "[{\"cve\": \"CVE-2021-0001\", \"product_status\": {\"known_affected\": [\"CSAFPID-9\"]}}]}",
               "/vulnerabilities/0/product_status/known_affected/0", "not in the product_tree");
    expect_bad("{\"format\": \"NVD_CVE\", \"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-2020-1234\", \"metrics\": "
               "{\"cvssMetricV31\": [{\"type\": \"Primary\", \"cvssData\": {\"version\": \"3.1\", \"baseScore\": 11}}]}}}]}",
               "/vulnerabilities/0/cve/metrics/cvssMetricV31/0/cvssData", "outside 0..10");
}

static void test_cve5_changes_and_default(void **state)
{
    /* CVE 5's own example shape: affected from 1.0 up to (not incl.) 2.0,
     * fixed at 1.5.2 within it; and defaultStatus affected with a hole. */
    const char *json =
        "{\"cveMetadata\": {\"cveId\": \"CVE-2023-0001\", \"state\": \"PUBLISHED\"}, \"containers\": {\"cna\": {\"affected\": ["
        "{\"vendor\": \"Acme\", \"product\": \"Crane HMI\", \"versions\": [{\"version\": \"1.0\", \"lessThan\": \"2.0\","
        " \"status\": \"affected\", \"versionType\": \"semver\", \"changes\": [{\"at\": \"1.5.2\", \"status\": \"unaffected\"}]}]},"
        "{\"vendor\": \"Acme\", \"product\": \"Gate OCR\", \"defaultStatus\": \"affected\", \"versions\": "
        "[{\"version\": \"3.1\", \"lessThanOrEqual\": \"3.1.9\", \"status\": \"unaffected\"}]},"
        "{\"vendor\": \"Acme\", \"product\": \"Yard App\", \"versions\": [{\"version\": \"4.0\", \"lessThan\": \"*\", \"status\": \"affected\"}]}"
        "]}}}";
    arena mem;
    arena_init(&mem, 4096);
    vuln_doc doc;
    sw_error err = { 0 };
    assert_int_equal(vuln_import_parse(json, strlen(json), &mem, &doc, &err), SW_OK);
    const vuln_record *r = &doc.records[0];
    struct { const char *product, *version; vuln_verdict want; } cases[] = {
        { "Crane HMI", "0.9", VM_NO }, { "Crane HMI", "1.0.0", VM_YES }, { "Crane HMI", "1.5.1", VM_YES },
        { "Crane HMI", "1.5.2", VM_NO }, { "Crane HMI", "1.9.9", VM_NO }, { "Crane HMI", "2.0", VM_NO },
        { "Gate OCR", "2.0", VM_YES }, { "Gate OCR", "3.1.5", VM_NO }, { "Gate OCR", "3.1.9", VM_NO },
        { "Gate OCR", "3.2", VM_YES }, { "Gate OCR", "*", VM_POSSIBLE },
        { "Yard App", "3.9", VM_NO }, { "Yard App", "4.0", VM_YES }, { "Yard App", "99.1", VM_YES },
        { "Yard Application", "4.0", VM_NO },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vuln_asset_view a = { "ACME", cases[i].product, cases[i].version, NULL, 0, false };
        vuln_verdict got = vuln_record_applies(r, &a);
        if (got != cases[i].want) fail_msg("%s %s: %d, want %d", cases[i].product, cases[i].version, got, cases[i].want);
    }
    arena_free(&mem);
}

static void test_tree_round_trips(void **state)
{
    arena mem;
    arena_init(&mem, 65536);
    vuln_doc doc;
    parse_file("nvd-api-2.0-siemens.json", &mem, &doc);
    strbuf sb;
    strbuf_init(&sb);
    vuln_config_to_json(&doc.records[0], &sb);
    vuln_record back = { 0 };
    sw_error err = { 0 };
    assert_int_equal(vuln_config_from_json(strbuf_cstr(&sb), &mem, &back, &err), SW_OK);
    strbuf again;
    strbuf_init(&again);
    vuln_config_to_json(&back, &again);
    assert_string_equal(strbuf_cstr(&sb), strbuf_cstr(&again));
    strbuf_free(&sb);
    strbuf_free(&again);
    arena_free(&mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cve5_siemens_names),
        cmocka_unit_test(test_cve5_na_and_adp),
        cmocka_unit_test(test_nvd_and_trees),
        cmocka_unit_test(test_kev),
        cmocka_unit_test(test_csaf),
        cmocka_unit_test(test_malformed_rejected),
        cmocka_unit_test(test_cve5_changes_and_default),
        cmocka_unit_test(test_tree_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
