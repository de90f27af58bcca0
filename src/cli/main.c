/* main.c - `seawall COMMAND [options]`: global options, then dispatch
 * through the command table in commands.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/log.h"
#include "core/strbuf.h"

static void print_help(FILE *out)
{
    fprintf(out,
            "Seawall %s - converged IT/OT/physical security for a maritime port\n\n"
            "Usage: seawall [--db PATH] [--json] COMMAND [options]\n\nCommands:\n",
            SEAWALL_VERSION);
    for (size_t i = 0; i < cli_n_commands; i++)
        fprintf(out, "  %-12s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    fprintf(out, "\n'seawall COMMAND --help' shows a command's options.\n");
}

int main(int argc, char **argv)
{
    cli_ctx ctx = { 0 };
    const char *env_db = getenv("SEAWALL_DB");
    ctx.db_path = env_db && *env_db ? env_db : "seawall.db";

    /* Global options before the command name. */
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 && i + 1 < argc) ctx.db_path = argv[++i];
        else if (strncmp(a, "--db=", 5) == 0) ctx.db_path = a + 5;
        else if (strcmp(a, "--json") == 0) ctx.json = true;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            ctx.verbose++;
            log_set_level(ctx.verbose >= 2 ? LOG_DEBUG : LOG_INFO);
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("seawall %s (%s)\n", SEAWALL_VERSION, SEAWALL_GITREV);
            return EXIT_OK;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_help(stdout);
            return EXIT_OK;
        } else {
            fprintf(stderr, "seawall: unknown option '%s'\nTry 'seawall help'.\n", a);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[i];
    if (strcmp(name, "help") == 0) {
        if (i + 1 < argc) {
            const cli_command *c = cli_find_command(argv[i + 1]);
            if (!c) {
                fprintf(stderr, "seawall: unknown command '%s'\n", argv[i + 1]);
                return EXIT_USAGE;
            }
            cli_print_usage(c, stdout);
            return EXIT_OK;
        }
        print_help(stdout);
        return EXIT_OK;
    }
    const cli_command *cmd = cli_find_command(name);
    if (!cmd) {
        const char *names[64];
        size_t n = 0;
        for (size_t k = 0; k < cli_n_commands && n < 64; k++) names[n++] = cli_commands[k]->name;
        const char *guess = str_suggest(name, names, n);
        fprintf(stderr, "seawall: unknown command '%s'", name);
        if (guess) fprintf(stderr, "; did you mean '%s'?", guess);
        fprintf(stderr, "\nTry 'seawall help'.\n");
        return EXIT_USAGE;
    }
    optind = 0;
    return cmd->run(cmd, &ctx, argc - i, argv + i);
}
