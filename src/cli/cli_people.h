/* cli_people.h - what `seawall thirdparty`, `training`, `policies` and
 * `comply` share: the port model (--model, else the stored path) and the
 * folder of the people and third-party files (--data, else the model's). */
#ifndef SW_CLI_PEOPLE_H
#define SW_CLI_PEOPLE_H
#include <stdint.h>
#include "analysis/people.h"
#include "cli/cli.h"
#include "model/model.h"
#include "store/store.h"

typedef struct cli_people {
    store *s;                 /* NULL when --model was given and no store is needed */
    port_model *m;
    char dir[4096];           /* the data folder */
} cli_people;

/* Returns EXIT_OK or the exit code after printing why. need_store opens the
 * store even with --model. */
int cli_people_open(const cli_command *cmd, const cli_ctx *ctx, const char *model, const char *data, bool need_store,
                    cli_people *out);
void cli_people_close(cli_people *p);

/* Loads the people files of p->dir, printing problems; EXIT_FINDINGS when a
 * file has errors (its data is left out), EXIT_INPUT when unreadable. */
int cli_people_load(const cli_command *cmd, const cli_people *p, ppl_data *d);

/* --at YYYY-MM-DD or RFC 3339 into a day; false when neither. */
bool cli_people_day(const char *s, int32_t *day);

/* `seawall training`, `policies` and `thirdparty` after their options are
 * parsed; JSON goes to cli_out(ctx). Exit codes as the commands'. */
int cli_training_report(const cli_command *cmd, cli_ctx *ctx, const char *model, const char *data, bool overdue, int32_t today);
int cli_policies_report(const cli_command *cmd, cli_ctx *ctx, const char *model, const char *data, int32_t today);
int cli_thirdparty_report(const cli_command *cmd, cli_ctx *ctx, const char *model, const char *data, const char *only);

#endif
