/* fuzz_assessment_import.c - any bytes given to `compliance import` as CSV
 * or JSON (the first byte chooses) must be read and checked, or refused
 * with errors, never a crash, hang or leak; a file the checker accepts must
 * hold at least one row or be a header (CSV) or an empty array (JSON). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_compliance.h"

static const char org_yaml[] =
    "framework: {id: nis2, name: N, source: S, version: \"1\", paraphrase: true, scope: organisation}\n"
    "requirements:\n"
    "  - {id: \"21\", title: T, summary: S, citation: C}\n"
    "  - {id: \"21(2)(a)\", parent: \"21\", title: T, summary: S, citation: C}\n"
    "  - {id: \"21(2)(b)\", parent: \"21\", title: T, summary: S, citation: C}\n";
static const char zone_yaml[] =
    "framework: {id: iec62443-3-3, name: I, source: S, version: \"1\", paraphrase: true, scope: zone}\n"
    "requirements:\n"
    "  - {id: \"FR 1\", title: T, summary: S, citation: C}\n"
    "  - {id: \"SR 1.1\", parent: \"FR 1\", title: T, summary: S, citation: C, sl: [1, 2, 3, 4]}\n";
static const char *const zones[] = { "crane-t1", "corp-it", "vendor-dmz" };

static comp_catalog cat;
static arena cat_mem;
static FILE *sink;

static void setup(void)
{
    arena_init(&cat_mem, 16 * 1024);
    comp_catalog_init(&cat);
    const char *files[2] = { org_yaml, zone_yaml };
    for (int i = 0; i < 2; i++) {
        diag_list d;
        diag_init(&d, "fuzz.yaml");
        comp_framework *fw = comp_framework_parse(&cat_mem, "fuzz.yaml", files[i], strlen(files[i]), &d);
        if (!fw || d.errors || !comp_catalog_add(&cat, fw, &d)) abort();
        diag_free(&d);
    }
    sink = fopen("/dev/null", "w");
    if (!sink) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink) setup();
    if (size < 1) return 0;
    bool json = data[0] & 1;
    size_t rows = 0;
    size_t errors = cli_comp_import_check("fuzz", json, (const char *)data + 1, size - 1, &cat, zones, 3, sink, &rows);
    if (!errors && json && rows == 0) {
        /* Accepted with no rows: only an empty array may do that. */
        const char *p = (const char *)data + 1, *end = p + size - 1;
        while (p < end && strchr(" \t\r\n", *p)) p++;
        if (p == end || *p != '[') abort();
    }
    return 0;
}
