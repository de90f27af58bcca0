/* web_api_people.c - the people side of the programme: GET
 * /api/v1/thirdparties (seawall thirdparty --json), /training (seawall
 * training --json) and /policies (seawall policies --json), each the
 * command's own report with its JSON captured into the response. */
#include <string.h>
#include "cli/cli_people.h"
#include "core/timeutil.h"
#include "web/web_api.h"

extern const cli_command cmd_thirdparty, cmd_training, cmd_policies;

typedef struct people_args {
    int32_t today;
    bool overdue;
    const char *only;
} people_args;

/* ?at=YYYY-MM-DD (or RFC 3339): the day judged; default today. */
static bool day_param(web_call *c, int32_t *today)
{
    const char *at = web_param(c->target, "at");
    *today = ppl_day_of_us(c->now);
    if (at && (strlen(at) > 40 || !cli_people_day(at, today))) {
        web_fail(c, 400, "bad_parameter", "at wants YYYY-MM-DD or an RFC 3339 time");
        return false;
    }
    return true;
}

static int run_thirdparty(void *arg, cli_ctx *ctx)
{
    const people_args *a = arg;
    return cli_thirdparty_report(&cmd_thirdparty, ctx, NULL, NULL, a->only);
}

void web_h_thirdparties(web_call *c)
{
    people_args a = { 0 };
    if (!web_param_id(c, "id", &a.only)) return;
    if (a.only) {
        /* The command treats an unknown id as a usage error; say 404 here. */
        web_cli_json(c, run_thirdparty, &a);
        if (c->res.status == 503) web_fail(c, 404, "not_found", "no vendor or partner '%s'", a.only);
        return;
    }
    web_cli_json(c, run_thirdparty, &a);
}

static int run_training(void *arg, cli_ctx *ctx)
{
    const people_args *a = arg;
    return cli_training_report(&cmd_training, ctx, NULL, NULL, a->overdue, a->today);
}

void web_h_training(web_call *c)
{
    people_args a = { 0 };
    const char *overdue = web_param(c->target, "overdue");
    if (overdue && strcmp(overdue, "true") && strcmp(overdue, "false"))
        return web_fail(c, 400, "bad_parameter", "overdue must be true or false");
    a.overdue = overdue && !strcmp(overdue, "true");
    if (!day_param(c, &a.today)) return;
    web_cli_json(c, run_training, &a);
}

static int run_policies(void *arg, cli_ctx *ctx)
{
    const people_args *a = arg;
    return cli_policies_report(&cmd_policies, ctx, NULL, NULL, a->today);
}

void web_h_policies(web_call *c)
{
    people_args a = { 0 };
    if (!day_param(c, &a.today)) return;
    web_cli_json(c, run_policies, &a);
}
