/* cli_store.h - what the commands that read the store share: opening it
 * with the documented errors and exit codes, and JSON for list columns. */
#ifndef SW_CLI_STORE_H
#define SW_CLI_STORE_H
#include "cli/cli.h"
#include "core/json.h"
#include "store/store.h"

/* Opens ctx->db_path for a command that reads the port model. Never creates
 * the file. On failure prints why and returns NULL with *exit_code set:
 * EXIT_INPUT when the database is missing or unreadable, EXIT_FINDINGS when
 * it holds no port model yet. */
store *cli_open_model_store(const cli_command *cmd, const cli_ctx *ctx, int *exit_code);

/* Writes "key": [items] from a comma-separated list ("" gives []). */
void cli_jw_csv_array(json_writer *w, const char *key, const char *csv);
/* Sends what the writer buffered to stdout and empties the buffer, so long
 * listings stream instead of growing one string. */
void cli_jw_flush(strbuf *sb);
/* The same to another stream. */
void cli_jw_flush_to(strbuf *sb, FILE *out);

/* A listing command's output: each row either streams to stdout as an
 * element of one JSON array, or is kept for a human table printed at the end. */
typedef struct cli_listing {
    bool json;
    FILE *out;
    size_t rows;
    strbuf sb;
    json_writer w;
    cli_table table;
} cli_listing;

void cli_listing_begin(cli_listing *l, bool json, size_t ncols, const char *const *headers);
/* The same, JSON or not and where to as ctx says (cli_out). */
void cli_listing_begin_ctx(cli_listing *l, const cli_ctx *ctx, size_t ncols, const char *const *headers);
/* Adds one row: the JSON object the caller wrote into l->w since the last
 * row is streamed out, or `cells` (ncols strings) goes into the table. */
void cli_listing_row(cli_listing *l, const char *const *cells);
/* Closes the JSON array, or prints the table when ok (with no rows and an
 * `empty_note`, prints the note to stderr instead); frees everything. */
void cli_listing_end(cli_listing *l, bool ok, const char *empty_note);

#endif
