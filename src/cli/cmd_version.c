/* cmd_version.c - `seawall version`: the program version and build. */
#include "cli/cli.h"

static int run_version(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    if (cli_parse_common(cmd, ctx, argc, argv, &rc) < 0) return rc;
    printf("seawall %s (%s)\n", SEAWALL_VERSION, SEAWALL_GITREV);
    return EXIT_OK;
}

const cli_command cmd_version = {
    "version", "print the version",
    "Usage: seawall version\n\nPrints the version and the build's git revision.\n",
    run_version,
};
