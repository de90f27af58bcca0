/* cli_store.c - opening the store for read commands, and JSON helpers for
 * the store's list columns (see cli_store.h). */
#include "cli/cli_store.h"
#include <stdio.h>
#include <string.h>

store *cli_open_model_store(const cli_command *cmd, const cli_ctx *ctx, int *exit_code)
{
    sw_error err = { 0 };
    store *s = store_open(ctx->db_path, 0, &err);
    if (!s) {
        if (err.code == SW_ERR_IO)
            fprintf(stderr, "seawall %s: cannot open the database: %s\n"
                            "Load a port model first: seawall init [--db PATH] port.yaml\n", cmd->name, err.msg);
        else
            fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        *exit_code = EXIT_INPUT;
        return NULL;
    }
    bool has = false;
    if (store_has_model(s, &has, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        store_close(s);
        *exit_code = EXIT_INPUT;
        return NULL;
    }
    if (!has) {
        fprintf(stderr, "seawall %s: no port model in %s; run 'seawall init port.yaml'\n", cmd->name,
                ctx->db_path);
        store_close(s);
        *exit_code = EXIT_FINDINGS;
        return NULL;
    }
    return s;
}

void cli_jw_csv_array(json_writer *w, const char *key, const char *csv)
{
    jw_key(w, key);
    jw_array_begin(w);
    for (const char *p = csv; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        jw_string_n(w, p, n);
        p = comma ? comma + 1 : p + n;
    }
    jw_array_end(w);
}

void cli_jw_flush(strbuf *sb) { cli_jw_flush_to(sb, stdout); }

void cli_jw_flush_to(strbuf *sb, FILE *out)
{
    if (sb->len) fwrite(sb->data, 1, sb->len, out);
    strbuf_reset(sb);
}

FILE *cli_out(const cli_ctx *ctx) { return ctx && ctx->out ? ctx->out : stdout; }

static void listing_flush(cli_listing *l)
{
    if (l->sb.len) fwrite(l->sb.data, 1, l->sb.len, l->out);
    strbuf_reset(&l->sb);
}

void cli_listing_begin_ctx(cli_listing *l, const cli_ctx *ctx, size_t ncols, const char *const *headers)
{
    cli_listing_begin(l, ctx->json, ncols, headers);
    l->out = cli_out(ctx);
}

void cli_listing_begin(cli_listing *l, bool json, size_t ncols, const char *const *headers)
{
    l->json = json;
    l->out = stdout;
    l->rows = 0;
    strbuf_init(&l->sb);
    jw_init(&l->w, &l->sb);
    if (json) jw_array_begin(&l->w);
    else cli_table_init(&l->table, ncols, headers);
}

void cli_listing_row(cli_listing *l, const char *const *cells)
{
    l->rows++;
    if (l->json) listing_flush(l);
    else cli_table_row(&l->table, cells);
}

void cli_listing_end(cli_listing *l, bool ok, const char *empty_note)
{
    if (l->json) {
        jw_array_end(&l->w);
        strbuf_putc(&l->sb, '\n');
        listing_flush(l);
    } else {
        if (ok && !l->rows && empty_note) fprintf(stderr, "%s\n", empty_note);
        else if (ok) cli_table_print(&l->table, stdout);
        cli_table_free(&l->table);
    }
    strbuf_free(&l->sb);
}
