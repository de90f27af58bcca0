/* web_api_playbooks.c - GET /api/v1/playbooks: the incident-response
 * playbooks with their roles checked against the port model, as
 * `seawall playbooks --json --model` lists them. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli_incident.h"
#include "web/web_api.h"

extern const cli_command cmd_playbooks;

static int run_playbooks(void *arg, cli_ctx *ctx)
{
    const char *model = arg;
    return cli_playbooks_report(&cmd_playbooks, ctx, "list", NULL, model, NULL);
}

void web_h_playbooks(web_call *c)
{
    /* With the model, each playbook says how many of its roles nobody active holds. */
    port_model *m = web_load_model(c);
    if (!m) return;
    char *path = m->path ? strdup(m->path) : NULL;
    model_free(m);
    web_cli_json(c, run_playbooks, path);
    free(path);
}
