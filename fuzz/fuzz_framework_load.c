/* fuzz_framework_load.c - any bytes given to the control-catalogue loader
 * must give a framework or NULL with diagnostics, never a crash, hang or
 * unbounded memory; a loaded framework's parent links must be in range and
 * acyclic, and its ids must look themselves up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/compliance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena mem;
    arena_init(&mem, 16 * 1024);
    mem.limit = (size_t)256 << 20;
    diag_list d;
    diag_init(&d, "fuzz.yaml");
    comp_framework *fw = comp_framework_parse(&mem, "fuzz.yaml", (const char *)data, size, &d);
    if (fw) {
        if (d.errors) abort();
        for (size_t i = 0; i < fw->n_reqs; i++) {
            const comp_req *r = &fw->reqs[i];
            if (r->parent_index < -1 || r->parent_index >= (int)fw->n_reqs) abort();
            if (r->depth < 0 || (size_t)r->depth >= fw->n_reqs + 1) abort();
            if (comp_framework_req(fw, r->id) != r) abort();
            if (!r->citation || !r->summary || strlen(r->summary) > COMP_SUMMARY_MAX) abort();
            if (r->sl_mask & ~0x1eu) abort();
        }
        comp_catalog c;
        comp_catalog_init(&c);
        diag_list v;
        diag_init(&v, "fuzz.yaml");
        if (comp_catalog_add(&c, fw, &v)) (void)comp_catalog_validate(&c, &v);
        diag_free(&v);
        c.n = 0;                 /* fw lives in `mem`, not in c.mem */
        comp_catalog_free(&c);
        hashmap_free(&fw->by_id);
    } else if (!d.errors) {
        abort();
    }
    diag_free(&d);
    arena_free(&mem);
    return 0;
}
