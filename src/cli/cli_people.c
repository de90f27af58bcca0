/* cli_people.c - opening model, store and data folder for the people and
 * third-party commands (cli_people.h). */
#include "cli/cli_people.h"
#include <stdio.h>
#include <string.h>
#include "cli/cli_model.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"

int cli_people_open(const cli_command *cmd, const cli_ctx *ctx, const char *model, const char *data, bool need_store,
                    cli_people *out)
{
    memset(out, 0, sizeof *out);
    int rc = EXIT_OK;
    if (!model || need_store) {
        out->s = cli_open_model_store(cmd, ctx, &rc);
        if (!out->s) return rc;
    }
    out->m = cli_load_port_model(cmd, out->s, model, &rc);
    if (!out->m) { cli_people_close(out); return rc; }
    if (data) snprintf(out->dir, sizeof out->dir, "%s", data);
    else {
        const char *path = out->m->path ? out->m->path : ".";
        const char *slash = strrchr(path, '/');
        if (slash) snprintf(out->dir, sizeof out->dir, "%.*s", (int)(slash - path), path);
        else snprintf(out->dir, sizeof out->dir, ".");
    }
    return EXIT_OK;
}

void cli_people_close(cli_people *p)
{
    if (p->m) model_free(p->m);
    if (p->s) store_close(p->s);
    memset(p, 0, sizeof *p);
}

int cli_people_load(const cli_command *cmd, const cli_people *p, ppl_data *d)
{
    sw_error err = { 0 };
    sw_code rc = ppl_load_dir(d, p->dir, stderr, &err);
    if (rc == SW_OK) return EXIT_OK;
    fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
    return rc == SW_ERR_INVALID ? EXIT_FINDINGS : EXIT_INPUT;
}

bool cli_people_day(const char *s, int32_t *day)
{
    if (ppl_parse_day(s, day)) return true;
    sw_time_us t;
    if (!time_parse_rfc3339(s, &t)) return false;
    *day = ppl_day_of_us(t);
    return true;
}
