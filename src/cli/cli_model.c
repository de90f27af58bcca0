/* cli_model.c - the port model for analysis commands (cli_model.h). */
#include "cli/cli_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/diag.h"
#include "store/store_query.h"

port_model *cli_load_port_model(const cli_command *cmd, store *s, const char *path, int *exit_code)
{
    char *stored = NULL;
    if (!path && s) {
        store_summary sum;
        sw_error err = { 0 };
        if (store_get_summary(s, &sum, &err) == SW_OK) {
            stored = sum.model_path ? strdup(sum.model_path) : NULL;
            store_summary_free(&sum);
        }
        path = stored;
    }
    if (!path) {
        *exit_code = cli_usage_error(cmd, "give the port model with --model port.yaml (or a database made by 'seawall init')");
        return NULL;
    }
    diag_list diags;
    diag_init(&diags, path);
    port_model *m = model_load_file(path, &diags);
    if (!m || diags.errors) {
        diag_print(&diags, stderr);
        fprintf(stderr, "seawall %s: %s %s\n", cmd->name, path, m ? "has errors; fix them first ('seawall check')" : "cannot be read");
        *exit_code = m ? EXIT_FINDINGS : EXIT_INPUT;
        model_free(m);
        m = NULL;
    }
    diag_free(&diags);
    free(stored);
    return m;
}
