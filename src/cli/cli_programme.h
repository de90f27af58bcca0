/* cli_programme.h - the adopted investment programme read back from the
 * store as analysis/risk_programme.h items, and the mask of candidate
 * controls it has done by a day: what `seawall risk` credits to residual
 * risk, `plan progress` reports and the board report shows. */
#ifndef SW_CLI_PROGRAMME_H
#define SW_CLI_PROGRAMME_H
#include <stdio.h>
#include "analysis/risk_programme.h"
#include "cli/cli_risk.h"
#include "core/arena.h"
#include "store/store.h"

typedef struct cli_prog {
    arena mem;
    prog_item *items;
    size_t n;
    double budget;                 /* of the latest adoption */
    const char *currency;
} cli_prog;

/* Empty (n 0) when s is NULL or nothing was adopted. */
sw_code cli_prog_load(store *s, cli_prog *out, sw_error *err);
void cli_prog_free(cli_prog *p);

/* chosen[i] for candidate control i of r: in the programme and done by
 * `day`. A programme control no longer in controls.yaml cannot be
 * credited: it is named on warn (may be NULL). Returns how many are set. */
size_t cli_prog_done_mask(const cli_prog *p, const cli_risk_ctx *r, int32_t day, bool *chosen, FILE *warn);

/* Today (UTC) in days since 1970-01-01, or the --at DATE given (YYYY-MM-DD);
 * false when the date is malformed. */
bool cli_day_arg(const char *arg, int32_t *day);



/* The programme's state for the board: progress by `day`, and the
 * residual expected annual loss simulated as `seawall risk` does (same
 * seeds) with no programme control, with those done by `day` (equal to
 * `risk`'s residual on that day), and with all of them done.
 * r must have its controls loaded. False when out of memory. */
typedef struct cli_prog_figures {
    prog_progress progress;
    double eal_none, eal_now, eal_complete;
    size_t unknown;                /* programme controls not in controls.yaml */
} cli_prog_figures;
bool cli_prog_figures_of(const cli_prog *p, cli_risk_ctx *r, int32_t day, cli_prog_figures *out);

/* `seawall plan` subcommands (cli_plan_programme.c). */
int cli_plan_adopt(const cli_command *cmd, cli_risk_ctx *r, const bool *chosen, double budget, int32_t day, bool json);
int cli_plan_progress(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv);
int cli_plan_set(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv);

#endif
