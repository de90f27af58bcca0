/* web_api_report.c - GET /api/v1/report/board: the board report as the
 * same self-contained HTML `seawall report board -o FILE.html` writes,
 * gathered by report/board_collect.c from the server's database. */
#include <stdio.h>
#include <string.h>
#include "analysis/people.h"
#include "cli/cli.h"
#include "core/timeutil.h"
#include "report/board.h"
#include "web/web_app.h"
#include "web/web_auth.h"

/* The report's policy: nothing loads, no script runs, its one inline
 * stylesheet is allowed by hash, and the dashboard (same origin, and only
 * it) may show it in a frame. Every other response keeps frame-ancestors
 * 'none'. */
static void report_csp(web_call *c)
{
    const char *body = c->res.body.data, *open = body ? strstr(body, "<style>") : NULL;
    const char *close = open ? strstr(open, "</style>") : NULL;
    char hash[45] = "";
    if (close) {
        open += strlen("<style>");
        web_sha256_base64(open, (size_t)(close - open), hash);
    }
    snprintf(c->res.csp, sizeof c->res.csp,
             "default-src 'none'; style-src %s%s%s; img-src data:; frame-ancestors 'self'; base-uri 'none'; "
             "form-action 'none'", hash[0] ? "'sha256-" : "'none'", hash, hash[0] ? "'" : "");
}

/* Messages from the shared collectors name this. */
static const cli_command report_api = { "report", "board report over the web API", "", NULL };

void web_h_report_board(web_call *c)
{
    board_opts o = { .db_path = store_path(c->db), .period_days = 90, .today = ppl_day_of_us(c->now) };
    const char *period = web_param(c->target, "period"), *at = web_param(c->target, "at");
    if (period) {
        sw_time_us span;
        if (strlen(period) > 16 || !duration_parse(period, &span) || span % (86400 * SW_US_PER_SEC) || span / (86400 * SW_US_PER_SEC) > 3660)
            return web_fail(c, 400, "bad_parameter", "period wants whole days up to 3660, such as 90d");
        o.period_days = (int)(span / (86400 * SW_US_PER_SEC));
    }
    if (at && (strlen(at) != 10 || !ppl_parse_day(at, &o.today)))
        return web_fail(c, 400, "bad_parameter", "at wants a date YYYY-MM-DD");
    board_report b;
    board_init(&b);
    int rc = board_collect(&report_api, &o, &b);
    if (rc != EXIT_OK) board_free(&b);
    /* Findings: no port model loaded yet, or the register or controls file
     * has errors - the port's data is not ready, the server is fine. */
    if (rc == EXIT_FINDINGS)
        return web_fail(c, 409, "not_ready", "the risk register cannot be evaluated: no port model, or risks.yaml has errors (the server log says which)");
    if (rc != EXIT_OK) return web_fail(c, 503, "report_unavailable", "the risk register could not be read (the server log says why)");
    c->res.status = 200;
    c->res.content_type = "text/html; charset=utf-8";
    strbuf_reset(&c->res.body);
    board_write_html(&c->res.body, &b);
    board_free(&b);
    report_csp(c);
}
