/* cli_register.h - the risk register evaluated as `seawall risk` prints it:
 * the context and its simulation with the programme's done controls
 * credited to residual risk, each risk placed on the 5x5 matrix inherent
 * and residual and judged against the appetite. Shared by `risk`, `risk
 * --record` and the board report so their figures are the same. */
#ifndef SW_CLI_REGISTER_H
#define SW_CLI_REGISTER_H
#include "cli/cli_programme.h"
#include "cli/cli_risk.h"

/* Likelihood band from loss events a year, impact band from the mean loss
 * an event; level from the matrix. */
typedef struct cli_placement { int lb, ib, level; double lef; } cli_placement;

typedef struct cli_register {
    cli_risk_ctx r;
    cli_risk_figures f;
    cli_prog prog;
    bool *done;                   /* per candidate control: credited (NULL: no controls loaded) */
    size_t n_done;
    int32_t day;                  /* the day the programme is taken at */
    cli_placement *inh, *res;     /* per risk */
    bool *within;                 /* per risk: within the appetite */
    size_t over;                  /* risks over the appetite */
    const char *currency;
} cli_register;

typedef struct cli_register_opts {
    bool db_given;
    const char *model, *risks, *controls;
    double seed, trials;          /* < 0: the file's */
    int32_t day;                  /* controls done by this day are credited */
    uint32_t max_trials;          /* 0, or a cap on the file's trials (the web API's) */
} cli_register_opts;

/* Prints why and returns an exit code other than EXIT_OK on failure; free
 * with cli_register_free in any case. */
int cli_register_eval(const cli_command *cmd, cli_ctx *ctx, const cli_register_opts *o, cli_register *g);
void cli_register_free(cli_register *g);
/* The attack-path state of today (the programme's done controls in place)
 * behind each risk's best path; NULL when out of memory. */
risk_work *cli_register_paths(cli_register *g);
/* The whole `seawall risk --json` document. */
void cli_register_json(json_writer *w, cli_register *g, risk_work *wk);

#endif
