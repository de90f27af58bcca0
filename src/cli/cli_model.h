/* cli_model.h - loading the port model for commands that analyse it: the
 * file given with --model, else the one `seawall init` recorded in the store. */
#ifndef SW_CLI_MODEL_H
#define SW_CLI_MODEL_H
#include "cli/cli.h"
#include "model/model.h"
#include "store/store.h"

/* Loads and validates; prints the diagnostics and returns NULL with
 * *exit_code set (EXIT_USAGE: no model named, EXIT_FINDINGS: it has
 * errors, EXIT_INPUT: unreadable). s may be NULL when path is given. */
port_model *cli_load_port_model(const cli_command *cmd, store *s, const char *path, int *exit_code);

#endif
