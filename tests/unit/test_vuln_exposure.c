/* test_vuln_exposure.c - the sample port with the real samples imported:
 * the assessment finds CVE-2016-8562 (KEV) on the S7-1500 station with the
 * CP 1543-1 and nothing else, reachable; its hook for the attack graph
 * carries p 0.95, and the exposure graph built with it backs an edge into
 * that asset with the vulnerability. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/vuln_exposure.h"
#include "analysis/vuln_import.h"

static char *slurp(const char *path, size_t *len)
{
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

static void test_sample_port(void **state)
{
    const char *src = getenv("SEAWALL_SRC") ? getenv("SEAWALL_SRC") : ".";
    char path[512];
    snprintf(path, sizeof path, "%s/examples/aurora/port.yaml", src);
    diag_list diags;
    diag_init(&diags, path);
    port_model *m = model_load_file(path, &diags);
    assert_non_null(m);
    assert_int_equal(diags.errors, 0);
    diag_free(&diags);

    static const char *const files[] = { "nvd-api-2.0-siemens.json", "cve5-CVE-2020-15782.json", "csaf-icsa-21-152-01.json",
                                         "cve5-CVE-2016-8562.json", "kev-excerpt.json" };
    arena mem;
    arena_init(&mem, 1 << 16);
    vuln_record recs[16];
    vuln_kev kev[8];
    size_t nr = 0, nk = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, "%s/tests/data/vulns/%s", src, files[f]);
        size_t len;
        char *data = slurp(path, &len);
        vuln_doc doc;
        sw_error err = { 0 };
        if (vuln_import_parse(data, len, &mem, &doc, &err)) fail_msg("%s: %s", files[f], err.msg);
        free(data);
        for (size_t i = 0; i < doc.n_records; i++) recs[nr++] = doc.records[i];
        for (size_t i = 0; i < doc.n_kev; i++) kev[nk++] = doc.kev[i];
    }
    /* KEV sorted by id for the join. */
    for (size_t a = 1; a < nk; a++)
        for (size_t b = a; b > 0 && strcmp(kev[b - 1].cve_id, kev[b].cve_id) > 0; b--) {
            vuln_kev t = kev[b]; kev[b] = kev[b - 1]; kev[b - 1] = t;
        }
    vuln_assessment as;
    sw_error err = { 0 };
    assert_int_equal(vuln_assess(m, recs, NULL, nr, kev, nk, &as, &err), SW_OK);
    assert_int_equal(as.n, 1);
    const vuln_finding *f = &as.items[0];
    assert_string_equal(m->assets[f->asset].id, "sts-t1-01-plc");
    assert_string_equal(f->cve_id, "CVE-2016-8562");
    assert_int_equal(f->verdict, VM_YES);
    assert_non_null(f->kev);
    assert_true(f->reachable);
    assert_string_equal(f->sources, "nvd");          /* the CVE 5 record names n/a, so only NVD matched */

    exposure_vuln *hooks;
    size_t nh;
    assert_true(vuln_exposure_vulns(&as, false, &hooks, &nh));
    assert_int_equal(nh, 1);
    assert_true(hooks[0].p == 0.95);
    exposure_input in = { .m = m, .vulns = hooks, .n_vulns = nh };
    exposure *x = exposure_build(&in, &err);
    assert_non_null(x);
    bool backed = false;
    for (size_t e = 0; e < x->n_ev; e++) backed |= x->ev[e].vuln == 0;
    assert_true(backed);
    exposure_free(x);
    free(hooks);
    vuln_assessment_free(&as);
    arena_free(&mem);
    model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_sample_port) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
