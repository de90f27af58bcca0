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

void cli_jw_flush(strbuf *sb)
{
    if (sb->len) fwrite(sb->data, 1, sb->len, stdout);
    strbuf_reset(sb);
}
