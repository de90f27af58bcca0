/* fuzz_vuln_import.c - any bytes given to the vulnerability importer (CVE
 * JSON 5, NVD 2.0, KEV, CSAF) must give records or an error, never a
 * crash, hang or leak; every record it gives must round-trip through the
 * store's JSON form unchanged and be matchable against a few assets
 * without trouble; and every range text must order consistently. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/vuln_import.h"
#include "analysis/vuln_match.h"

static const char *const cpes[] = {
    "cpe:2.3:o:siemens:s7-1500_cpu_firmware:2.9.1:*:*:*:*:*:*:*",
    "cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*",
    "cpe:2.3:o:siemens:simatic_cp_1543-1_firmware:1.1:*:*:*:*:*:*:*",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena mem;
    arena_init(&mem, 16 * 1024);
    vuln_doc doc;
    sw_error err = { 0 };
    if (vuln_import_parse((const char *)data, size, &mem, &doc, &err) != SW_OK) {
        if (!err.msg[0]) abort();                     /* a failure always says why */
        arena_free(&mem);
        return 0;
    }
    for (size_t i = 0; i < doc.n_records; i++) {
        strbuf a, b;
        strbuf_init(&a);
        strbuf_init(&b);
        vuln_config_to_json(&doc.records[i], &a);
        vuln_record back = { 0 };
        if (vuln_config_from_json(strbuf_cstr(&a), &mem, &back, &err) != SW_OK) abort();
        vuln_config_to_json(&back, &b);
        if (strcmp(strbuf_cstr(&a), strbuf_cstr(&b))) abort();
        strbuf_free(&a);
        strbuf_free(&b);
    }
    vuln_index *ix = vuln_index_build(doc.records, doc.n_records, &err);
    if (ix) {
        vuln_asset_view views[] = {
            { "Siemens", "SIMATIC S7-1500 CPU 1516-3 PN/DP", "2.9.1", cpes, 3, false },
            { "Acme", "Widget", "*", NULL, 0, true },
            { NULL, NULL, NULL, cpes + 1, 2, true },
        };
        vuln_hit *hits = NULL;
        size_t cap = 0;
        for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
            size_t n = vuln_index_match(ix, &views[v], &hits, &cap);
            for (size_t h = 0; n != (size_t)-1 && h < n; h++)
                if (hits[h].verdict != vuln_record_applies(&doc.records[hits[h].record], &views[v])) abort();
        }
        free(hits);
        vuln_index_free(ix);
    }
    /* Version order is antisymmetric on whatever bounds the input held. */
    for (size_t i = 0; i < doc.n_records; i++)
        for (size_t c = 0; c < doc.records[i].n_config; c++) {
            const vuln_node *n = &doc.records[i].config[c];
            for (size_t k = 0; k < n->n_crit; k++) {
                const vuln_range *r = &n->crit[k].range;
                if (r->start && r->end) {
                    int x = vuln_version_cmp(r->start, r->end, r->type), y = vuln_version_cmp(r->end, r->start, r->type);
                    if ((x > 0) != (y < 0) || (x == 0) != (y == 0)) abort();
                }
            }
        }
    arena_free(&mem);
    return 0;
}
