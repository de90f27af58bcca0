/* cli_comply.h - the compliance report `seawall comply` prints, as JSON or
 * as a self-contained HTML page: per framework the status counts, each
 * requirement with its evidence, the gaps, and the plan (gaps by due date). */
#ifndef SW_CLI_COMPLY_H
#define SW_CLI_COMPLY_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "analysis/compliance_checks.h"
#include "cli/cli_compliance.h"
#include "core/vec.h"

typedef struct comply_row {
    char *zone, *id, *title, *citation, *basis, *owner, *due, *why;
    char *check;                 /* the requirement's live check, or NULL */
    comp_result *live;           /* a copy of that check's result (data, items, reason), or NULL */
    comp_status status;
    bool heading, gap, overdue;
} comply_row;

typedef struct comply_fw {
    char *id, *name, *source;
    int64_t counts[COMP_STATUS__COUNT];   /* summed over zones for zoned frameworks */
    VEC(comply_row) rows;
} comply_fw;

typedef struct comply_report {
    VEC(comply_fw) fws;
    int64_t at;                  /* the time judged, as the visit resolved --at (latest: the newest stored hour) */
    char as_of[40];              /* `at` formatted, set on the first framework */
    char today[11];
} comply_report;

int64_t comply_applicable(const comply_fw *f);
/* Judged on its live check (basis "live"), not only carrying its result. */
bool comply_judged_live(const comply_row *q);
/* Indexes of the framework's gaps, earliest due first (undated last); malloc'd. */
size_t *comply_plan(const comply_fw *f, size_t *n);
void comply_write_html(FILE *out, const comply_report *r);
/* The cli_comp_visit callback that fills a comply_report (ctx), with
 * r->at set by the visit; the board report builds its compliance section
 * from the same evaluation as `seawall comply`. */
int comply_collect(void *ctx, const comp_framework *fw, const char *zone, int sl, const int64_t counts[COMP_STATUS__COUNT],
                   const cli_comp_item *items, size_t n);
void comply_report_free(comply_report *r);

#endif
