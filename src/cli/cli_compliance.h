/* cli_compliance.h - what the `seawall compliance` subcommands share: their
 * options, loading the catalogues, and the zones a zoned framework covers. */
#ifndef SW_CLI_COMPLIANCE_H
#define SW_CLI_COMPLIANCE_H
#include <stdint.h>
#include <stdio.h>
#include "analysis/compliance.h"
#include "analysis/compliance_checks.h"
#include "cli/cli.h"
#include "core/json.h"
#include "store/store.h"

typedef struct comp_opts {
    const char *catalog_dir;     /* --catalog DIR; NULL: the default folder */
    const char *zone;            /* --zone */
    const char *status, *owner, *due, *evidence;   /* set */
    const char *model;           /* --model port.yaml for the vendor windows; default the stored path */
    const char *at;              /* --at TIME|latest */
    int window_days;             /* --window-days, 30 */
    const char *format;          /* --format csv|json; default from the file name */
    bool record;                 /* assess --record: store a snapshot for the trend */
    const char *data_dir;        /* --data DIR: people and culture files; default the model's folder */
} comp_opts;

/* Loads the catalogues, printing every problem; returns the exit code (0 ok). */
int cli_comp_load(const cli_command *cmd, const comp_opts *o, comp_catalog *cat);
/* The framework named on the command line, or a usage error listing the known ones. */
const comp_framework *cli_comp_framework(const cli_command *cmd, const comp_catalog *cat, const char *id, int *rc);
bool cli_comp_zoned(const comp_framework *fw);
/* The zone's target SL from the store, or -1 with an error printed when no such zone. */
int cli_comp_zone_sl(const cli_command *cmd, store *s, const char *zone);
bool cli_comp_valid_date(const char *s);

/* Writes one live check's result as an object: check, status, reason,
 * items_total, data (the check's numbers under the names docs/compliance.md
 * gives them) and items. `compliance assess --json` and the web's
 * GET /api/v1/compliance/{framework} both write it, so they cannot drift. */
void cli_comp_live_json(json_writer *w, const comp_result *r, const char *check);

int cli_comp_assess(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *framework);
int cli_comp_plan(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *framework);
int cli_comp_export(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *path);
int cli_comp_import(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *path);
/* The reading and checking half of import, with no store: parses the CSV
 * or JSON bytes, checks every row against the catalogues and the zone ids,
 * prints each problem to errs as PATH:LINE: ... and returns how many there
 * were (*rows: the rows read). Used by import and by the fuzz target. */
size_t cli_comp_import_check(const char *path, bool json, const char *data, size_t len, const comp_catalog *cat,
                             const char *const *zones, size_t n_zones, FILE *errs, size_t *rows);

/* One requirement's evaluation as `comply` reports it; strings are valid
 * only during the visit call. */
typedef struct cli_comp_item {
    const comp_req *r;
    comp_status status;
    const char *basis;           /* live, manual, rollup, sl, or NULL */
    const char *owner, *due, *why;
    const comp_result *live;     /* with its check name in r->evidence, or NULL */
    bool heading;                /* a parent counted through its children */
} cli_comp_item;
typedef int (*cli_comp_visit_fn)(void *ctx, const comp_framework *fw, const char *zone, int sl,
                                 const int64_t counts[COMP_STATUS__COUNT], const cli_comp_item *items, size_t n);

/* Evaluates every framework (or one), each zone of zoned ones, as assess
 * does, and hands each evaluation to fn. *judged_at (may be NULL) is set,
 * before the first call of fn, to the time judged (--at resolved, `latest`
 * included). Returns an exit code (0 ok). */
int cli_comp_visit(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *framework, cli_comp_visit_fn fn,
                   void *fctx, int64_t *judged_at);

#endif
