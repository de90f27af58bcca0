/* cli_common.c - shared option handling, usage errors and tables (see cli.h). */
#include "cli/cli.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "core/log.h"

int cli_common_option(const cli_command *cmd, cli_ctx *ctx, int opt, const char *arg, int *exit_code)
{
    switch (opt) {
    case CLI_OPT_DB: ctx->db_path = arg; return 1;
    case CLI_OPT_JSON: ctx->json = true; return 1;
    case 'v':
        ctx->verbose++;
        log_set_level(ctx->verbose >= 2 ? LOG_DEBUG : LOG_INFO);
        return 1;
    case 'h':
        cli_print_usage(cmd, stdout);
        *exit_code = EXIT_OK;
        return -1;
    case '?':
    case ':':
        fprintf(stderr, "Try 'seawall %s --help'.\n", cmd->name);
        *exit_code = EXIT_USAGE;
        return -1;
    }
    return 0;
}

int cli_parse_common(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv, int *exit_code)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS, { 0, 0, 0, 0 } };
    int opt;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int r = cli_common_option(cmd, ctx, opt, optarg, exit_code);
        if (r < 0) return -1;
    }
    return 0;
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "seawall %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'seawall %s --help'.\n", cmd->name);
    va_end(ap);
    return EXIT_USAGE;
}

void cli_print_usage(const cli_command *cmd, FILE *out)
{
    fprintf(out, "%s", cmd->usage);
    fprintf(out,
            "\nCommon options:\n"
            "  --db PATH      database (default $SEAWALL_DB, else ./seawall.db)\n"
            "  --json         machine-readable output\n"
            "  -v, --verbose  more diagnostics (twice for debug)\n"
            "  -h, --help     this help\n"
            "\nExit status: 0 ok, 1 findings or validation errors, 2 usage error,\n"
            "3 the input could not be read.\n");
}

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i]->name, name) == 0) return cli_commands[i];
    return NULL;
}

/* Stores row `row` (0 = headers); false when out of memory. */
static bool table_put_row(cli_table *t, size_t row, const char *const *values)
{
    size_t need = (row + 1) * t->ncols;
    if (need > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : t->ncols * 16;
        while (cap < need) cap *= 2;
        char **cells = realloc(t->cells, cap * sizeof *cells);
        if (!cells) return false;
        t->cells = cells;
        t->cap = cap;
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[row * t->ncols + c] = strdup(values[c] && *values[c] ? values[c] : "-");
    return true;
}

void cli_table_init(cli_table *t, size_t ncols, const char *const *headers)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    table_put_row(t, 0, headers);
}

void cli_table_row(cli_table *t, const char *const *values)
{
    if (table_put_row(t, t->nrows + 1, values)) t->nrows++;
}

void cli_table_print(const cli_table *t, FILE *out)
{
    size_t *w = calloc(t->ncols, sizeof *w);
    if (!w) return;
    for (size_t r = 0; r <= t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t l = s ? strlen(s) : 0;
            if (l > w[c]) w[c] = l;
        }
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            if (c + 1 < t->ncols) fprintf(out, "%-*s  ", (int)w[c], s ? s : "");
            else fprintf(out, "%s\n", s ? s : "");
        }
        if (r == 0) {
            for (size_t c = 0; c < t->ncols; c++) {
                for (size_t k = 0; k < w[c]; k++) fputc('-', out);
                fputs(c + 1 < t->ncols ? "  " : "\n", out);
            }
        }
    }
    free(w);
}

void cli_table_free(cli_table *t)
{
    if (t->cells)
        for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++) free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
