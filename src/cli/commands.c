/* commands.c - the command table: adding a command is adding its cmd_*.c
 * file (which defines `const cli_command cmd_NAME`) and one line in
 * commands.def. `seawall help` lists them in that order. */
#include "cli/cli.h"

#define CLI_COMMAND(ident) extern const cli_command ident;
#include "cli/commands.def"
#undef CLI_COMMAND

const cli_command *const cli_commands[] = {
#define CLI_COMMAND(ident) &ident,
#include "cli/commands.def"
#undef CLI_COMMAND
};
const size_t cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];
