/* cmd_report.c - `seawall report board -o FILE.html|FILE.pdf`: the board
 * report (src/report/board.h) as self-contained HTML, or printed to PDF by
 * headless chromium. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "cli/cli.h"
#include "cli/cli_programme.h"
#include "core/timeutil.h"
#include "report/board.h"
#include "report/report_pdf.h"

enum { OPT_OUT = 0x2000, OPT_PERIOD, OPT_AT, OPT_MODEL, OPT_RISKS, OPT_CONTROLS, OPT_TIMEOUT };

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && !strcasecmp(s + n - k, suffix);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "seawall report: cannot write %s\n", path); return EXIT_INPUT; }
    bool ok = fwrite(data, 1, len, f) == len;
    ok &= fclose(f) == 0;
    if (!ok) { fprintf(stderr, "seawall report: writing %s failed\n", path); remove(path); return EXIT_INPUT; }
    return EXIT_OK;
}

static int run_report(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "output", required_argument, NULL, OPT_OUT }, { "period", required_argument, NULL, OPT_PERIOD },
        { "at", required_argument, NULL, OPT_AT }, { "model", required_argument, NULL, OPT_MODEL },
        { "risks", required_argument, NULL, OPT_RISKS }, { "controls", required_argument, NULL, OPT_CONTROLS },
        { "timeout", required_argument, NULL, OPT_TIMEOUT }, { NULL, 0, NULL, 0 },
    };
    const char *out = NULL, *at = NULL, *period = "90d";
    board_opts bo = { .db_path = ctx->db_path };
    long timeout = REPORT_PDF_TIMEOUT_S;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vho:", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': case OPT_OUT: out = optarg; break;
        case OPT_PERIOD: period = optarg; break;
        case OPT_AT: at = optarg; break;
        case OPT_MODEL: bo.model = optarg; break;
        case OPT_RISKS: bo.risks = optarg; break;
        case OPT_CONTROLS: bo.controls = optarg; break;
        case OPT_TIMEOUT: {
            char *end;
            timeout = strtol(optarg, &end, 10);
            if (*end || end == optarg || timeout < 1 || timeout > 3600) return cli_usage_error(cmd, "--timeout wants 1 to 3600 seconds, not '%s'", optarg);
            break;
        }
        default: {
            int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (c < 0) return rc;
            if (c == 0) return cli_usage_error(cmd, "unknown option");
        }
        }
    }
    bo.db_path = ctx->db_path;
    if (argc - optind != 1 || strcmp(argv[optind], "board"))
        return cli_usage_error(cmd, argc - optind == 1 ? "unknown report '%s' (there is: board)" : "name the report: seawall report board -o FILE", argc - optind == 1 ? argv[optind] : "");
    if (!out) return cli_usage_error(cmd, "give the output with -o FILE.html or -o FILE.pdf");
    bool pdf = ends_with(out, ".pdf");
    if (!pdf && !ends_with(out, ".html") && !ends_with(out, ".htm"))
        return cli_usage_error(cmd, "-o must end in .html or .pdf, not '%s'", out);
    sw_time_us span;
    if (!duration_parse(period, &span) || span % (86400 * SW_US_PER_SEC) || span / (86400 * SW_US_PER_SEC) > 3660)
        return cli_usage_error(cmd, "--period wants whole days up to 3660 (90d), not '%s'", period);
    bo.period_days = (int)(span / (86400 * SW_US_PER_SEC));
    if (!cli_day_arg(at, &bo.today)) return cli_usage_error(cmd, "--at wants a date YYYY-MM-DD, not '%s'", at);

    board_report b;
    board_init(&b);
    rc = board_collect(cmd, &bo, &b);
    if (rc != EXIT_OK) { board_free(&b); return rc; }
    strbuf html;
    strbuf_init(&html);
    board_write_html(&html, &b);
    if (pdf) {
        sw_error err = { 0 };
        if (report_html_to_pdf(strbuf_cstr(&html), html.len, out, (int)timeout, &err) != SW_OK) {
            fprintf(stderr, "seawall report: %s\n", err.msg);
            rc = EXIT_INPUT;
        }
    } else
        rc = write_file(out, strbuf_cstr(&html), html.len);
    if (rc == EXIT_OK && !ctx->json) printf("wrote %s (board report of %s as of %s, %d days)\n", out, b.port, at ? at : "today", bo.period_days);
    strbuf_free(&html);
    board_free(&b);
    return rc;
}

const cli_command cmd_report = {
    "report", "board report: risk posture and trend, top risks, programme, compliance, incidents (HTML or PDF)",
    "Usage: seawall report board -o FILE.html|FILE.pdf [--period 90d] [--at YYYY-MM-DD]\n"
    "                            [--db PATH] [--model port.yaml] [--risks FILE] [--controls FILE]\n"
    "                            [--timeout SECONDS]\n"
    "\n"
    "Writes the one-to-two-page board report: risk posture and its trend\n"
    "(the snapshots of 'seawall risk --record', drawn as an SVG chart), the\n"
    "top risks in TEU/h, vessel-delay hours and money (EAL and P90 of the\n"
    "Monte Carlo), what is being done (programme progress of 'seawall plan\n"
    "--adopt' and remediation of known-exploited vulnerabilities), compliance\n"
    "per framework against its deadlines, and incidents and drills in the\n"
    "period. HTML is one self-contained file (inline CSS and SVG, no scripts,\n"
    "nothing loaded from elsewhere) with print CSS for A4; .pdf prints it with\n"
    "headless chromium (Debian package 'chromium', or $SEAWALL_CHROMIUM).\n"
    "\n"
    "  -o, --output FILE  FILE.html or FILE.pdf\n"
    "  --period DAYS      incidents, drills and trend over the last DAYS (default 90d)\n"
    "  --at DATE          the report's day (default today, UTC): programme and\n"
    "                     compliance as of then\n"
    "  --timeout S        give chromium at most S seconds (default 90)\n"
    "\n"
    "Exits 0, 2 on a usage error, 3 when the database, a file or chromium\n"
    "fails. What each figure means and where it comes from: docs/report.md.\n",
    run_report,
};
