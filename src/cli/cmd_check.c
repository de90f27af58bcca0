/* cmd_check.c - `seawall check [--json] FILE`: loads a port model and lists
 * every problem as file:line:col on stdout, then a one-line summary. */
#include <stdio.h>
#include "cli/cli.h"
#include "core/diag.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "model/model.h"

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

static void print_json(const diag_list *d)
{
    static const char *const severity[] = { "error", "warning", "note" };
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    jw_array_begin(&w);
    for (size_t i = 0; i < d->len; i++) {
        const diag *g = &d->items[i];
        jw_object_begin(&w);
        jw_kv_string(&w, "file", d->file);
        jw_kv_uint(&w, "line", g->line);
        jw_kv_uint(&w, "col", g->col);
        jw_kv_string(&w, "severity", severity[g->severity]);
        jw_kv_string(&w, "message", g->message);
        jw_object_end(&w);
    }
    if (d->truncated) {
        jw_object_begin(&w);
        jw_kv_string(&w, "file", d->file);
        jw_kv_uint(&w, "line", 0);
        jw_kv_uint(&w, "col", 0);
        jw_kv_string(&w, "severity", "note");
        jw_kv_string(&w, "message", "more diagnostics were suppressed");
        jw_object_end(&w);
    }
    jw_array_end(&w);
    printf("%s\n", strbuf_cstr(&sb));
    strbuf_free(&sb);
}

static void print_summary(const diag_list *d, const port_model *m)
{
    if (d->errors) {
        printf("%s: %zu %s, %zu %s\n", d->file, d->errors, plural(d->errors, "error", "errors"), d->warnings,
               plural(d->warnings, "warning", "warnings"));
        return;
    }
    printf("%s: ok, %zu %s, %zu %s, %zu %s", d->file, m->n_zones, plural(m->n_zones, "zone", "zones"), m->n_conduits,
           plural(m->n_conduits, "conduit", "conduits"), m->n_assets, plural(m->n_assets, "asset", "assets"));
    if (d->warnings) printf(", %zu %s", d->warnings, plural(d->warnings, "warning", "warnings"));
    printf("\n");
}

static int run_check(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    if (cli_parse_common(cmd, ctx, argc, argv, &rc) < 0) return rc;
    if (optind >= argc) return cli_usage_error(cmd, "which port model? give the path of a port.yaml");
    if (argc - optind > 1) return cli_usage_error(cmd, "one file at a time (got %d)", argc - optind);
    const char *path = argv[optind];

    diag_list diags;
    diag_init(&diags, path);
    port_model *m = model_load_file(path, &diags);
    if (!m) {
        /* The reason is the loader's one diagnostic, at no position. */
        fprintf(stderr, "seawall check: %s: %s\n", path, diags.len ? diags.items[0].message : "cannot read");
        diag_free(&diags);
        return EXIT_INPUT;
    }
    if (ctx->json) {
        print_json(&diags);
    } else {
        diag_print(&diags, stdout);
        print_summary(&diags, m);
    }
    rc = diags.errors ? EXIT_FINDINGS : EXIT_OK;
    model_free(m);
    diag_free(&diags);
    return rc;
}

const cli_command cmd_check = {
    "check", "validate a port model (port.yaml)",
    "Usage: seawall check [--json] FILE\n"
    "\n"
    "Loads the port model FILE and reports every problem at once, one a line as\n"
    "FILE:LINE:COL: error|warning: MESSAGE, sorted by position, on stdout, then a\n"
    "one-line summary. With --json, prints a JSON array of\n"
    "{file, line, col, severity, message} and no summary.\n"
    "\n"
    "Exits 1 when there is any error (a YAML syntax error included), 0 when there\n"
    "are only warnings or none, 3 when FILE cannot be read.\n"
    "See docs/port-model.md for the fields and the checks.\n",
    run_check,
};
