/* cmd_alerts.c - `seawall alerts`: alerts `seawall sense --store` kept,
 * filtered by rule, severity and time; --json gives the ECS documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_observe.h"

/* "ip:port (asset)", or "ip (asset)" without a port. */
static void endpoint(char *buf, size_t cap, const char *ip, int64_t port, const char *asset)
{
    if (!ip) { snprintf(buf, cap, "-"); return; }
    char p[24] = "";
    if (port > 0) snprintf(p, sizeof p, ":%lld", (long long)port);
    if (asset) snprintf(buf, cap, "%s%s (%s)", ip, p, asset);
    else snprintf(buf, cap, "%s%s", ip, p);
}

/* ["T0855","T0836"] -> T0855,T0836: technique ids hold no quotes or commas. */
static void techniques_csv(char *buf, size_t cap, const char *json)
{
    size_t n = 0;
    for (const char *p = json ? json : ""; *p && n + 1 < cap; p++)
        if (*p != '[' && *p != ']' && *p != '"' && *p != ' ') buf[n++] = *p;
    buf[n] = '\0';
}

static int alert_row(void *ctx, const store_alert_row *a)
{
    cli_listing *o = ctx;
    if (o->json) {
        jw_raw(&o->w, a->ecs);
        cli_listing_row(o, NULL);
        return 0;
    }
    char when[SW_TIME_STR_MAX], src[160], dst[160], zones[160], tech[128];
    time_fmt_rfc3339(a->ts, 0, when);
    endpoint(src, sizeof src, a->src_ip, a->src_port, a->src_asset);
    endpoint(dst, sizeof dst, a->dst_ip, a->dst_port, a->dst_asset);
    snprintf(zones, sizeof zones, "%s -> %s", a->src_zone ? a->src_zone : "-", a->dst_zone ? a->dst_zone : "-");
    techniques_csv(tech, sizeof tech, a->techniques);
    const char *cells[] = { when, a->severity, a->rule_id, src, dst, zones, tech };
    cli_listing_row(o, cells);
    return 0;
}

static bool severity_known(const char *s)
{
    static const char *const names[] = { "low", "medium", "high", "critical" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) return true;
    return false;
}

/* RFC 3339, or a duration meaning that long before now. */
static bool parse_since(const char *s, int64_t *out)
{
    sw_time_us d;
    if (time_parse_rfc3339(s, out)) return true;
    if (!duration_parse(s, &d)) return false;
    *out = time_now_us() - d;
    return true;
}

static int run_alerts(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_RULE = 0x2000, OPT_SEVERITY, OPT_SINCE, OPT_LIMIT };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "rule", required_argument, NULL, OPT_RULE },
        { "severity", required_argument, NULL, OPT_SEVERITY },
        { "since", required_argument, NULL, OPT_SINCE },
        { "limit", required_argument, NULL, OPT_LIMIT },
        { 0, 0, 0, 0 },
    };
    store_alert_filter filter = { 0 };
    int opt, rc;
    char *end;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_RULE: filter.rule = optarg; break;
        case OPT_SEVERITY:
            if (!severity_known(optarg))
                return cli_usage_error(cmd, "unknown severity '%s' (low, medium, high or critical)", optarg);
            filter.min_severity = optarg;
            break;
        case OPT_SINCE:
            if (!parse_since(optarg, &filter.since))
                return cli_usage_error(cmd, "--since wants a time (2026-01-01T00:00:00Z) or a duration (2h), got '%s'",
                                       optarg);
            break;
        case OPT_LIMIT:
            filter.limit = strtoll(optarg, &end, 10);
            if (*optarg == '\0' || *end || filter.limit <= 0)
                return cli_usage_error(cmd, "--limit wants a positive count, got '%s'", optarg);
            break;
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "TIME", "SEVERITY", "RULE", "SOURCE", "DESTINATION", "ZONES",
                                           "TECHNIQUES" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 7, headers);
    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_alerts(s, &filter, alert_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall alerts: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, "seawall alerts: no alert matches");
    store_close(s);
    return rc;
}

const cli_command cmd_alerts = {
    "alerts", "list the alerts 'seawall sense --store' kept, with filters",
    "Usage: seawall alerts [--db PATH] [--json] [--rule ID] [--severity LEVEL]\n"
    "                      [--since TIME] [--limit N]\n"
    "\n"
    "Lists stored alerts oldest first: time, severity, rule, source and\n"
    "destination with their asset ids, the zone pair and the ATT&CK technique\n"
    "ids. Filters combine:\n"
    "  --rule ID         one rule (SW-ICS-UNAUTH-WRITE, ...; docs/rules.md)\n"
    "  --severity LEVEL  this severity or worse: low, medium, high, critical\n"
    "  --since TIME      at or after TIME: RFC 3339 (2026-01-01T00:00:00Z) or a\n"
    "                    duration back from now (90m, 2h, 7d)\n"
    "  --limit N         only the newest N\n"
    "With --json, prints a JSON array of the ECS documents exactly as\n"
    "'seawall sense --eve' wrote them.\n"
    "\n"
    "Exits 0 even when nothing matches, 1 when the database holds no port model,\n"
    "2 on a bad option value, 3 when the database is missing or cannot be read.\n",
    run_alerts,
};
