/* cli.h - the command table and what every command shares: common
 * options (--db, --json, -v, --help), usage errors and human tables.
 * A command is one file with a run function and one line in commands.c. */
#ifndef SW_CLI_H
#define SW_CLI_H
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "core/error.h"

typedef struct cli_ctx {
    const char *db_path;   /* --db, else $SEAWALL_DB, else ./seawall.db */
    bool json;             /* --json: machine output */
    int verbose;
    FILE *out;             /* where --json documents go; NULL: stdout (the web API captures them) */
} cli_ctx;

/* ctx->out, or stdout. */
FILE *cli_out(const cli_ctx *ctx);

typedef struct cli_command cli_command;
typedef int (*cli_run_fn)(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv);

struct cli_command {
    const char *name;
    const char *summary;   /* one line for `seawall help` */
    const char *usage;     /* full text for `seawall NAME --help` */
    cli_run_fn run;
};

extern const cli_command *const cli_commands[];
extern const size_t cli_n_commands;

/* Long options every command accepts; put CLI_COMMON_OPTIONS first in a
 * command's option array and pass unknown values to cli_common_option. */
enum { CLI_OPT_DB = 0x1000, CLI_OPT_JSON };
#define CLI_COMMON_OPTIONS \
    { "db", required_argument, NULL, CLI_OPT_DB }, \
    { "json", no_argument, NULL, CLI_OPT_JSON }, \
    { "verbose", no_argument, NULL, 'v' }, \
    { "help", no_argument, NULL, 'h' }
#define CLI_COMMON_SHORT "+vh"

/* Returns 1 if opt was a common option (handled), 0 if not, and -1 when the
 * command must return *exit_code now (help printed, or '?' usage error). */
int cli_common_option(const cli_command *cmd, cli_ctx *ctx, int opt, const char *arg, int *exit_code);
/* Parses only the common options; for commands with no options of their own.
 * Returns -1 and sets *exit_code when the command must stop. */
int cli_parse_common(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv, int *exit_code);
/* Prints "seawall NAME: message" and a hint, returns EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_print_usage(const cli_command *cmd, FILE *out);
const cli_command *cli_find_command(const char *name);

/* A human table: columns sized to content, header underlined. */
typedef struct cli_table {
    size_t ncols, nrows, cap;
    char **cells;          /* row-major, (nrows+1)*ncols, row 0 = headers */
} cli_table;

void cli_table_init(cli_table *t, size_t ncols, const char *const *headers);
/* Adds a row of ncols strings (NULL prints as "-"). */
void cli_table_row(cli_table *t, const char *const *values);
void cli_table_print(const cli_table *t, FILE *out);
void cli_table_free(cli_table *t);

#endif
