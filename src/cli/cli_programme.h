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

#endif
