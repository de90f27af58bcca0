/* cmd_flows.c - `seawall flows`: who talks to whom, as `seawall sense
 * --store` summed it, with zones and segmentation verdicts. */
#include <stdio.h>
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "model/model_service.h"
#include "store/store_observe.h"

static int flow_row(void *ctx, const store_flow_row *f)
{
    cli_listing *o = ctx;
    const char *proto = model_ip_proto_name((uint8_t)f->ip_proto);
    if (o->json) {
        jw_object_begin(&o->w);
        jw_kv_string(&o->w, "src", f->src_ip);
        jw_kv_string(&o->w, "dst", f->dst_ip);
        jw_kv_int(&o->w, "ip_proto", f->ip_proto);
        jw_kv_string(&o->w, "transport", proto);
        jw_kv_int(&o->w, "dst_port", f->dst_port);
        jw_kv_string(&o->w, "app", f->service);
        jw_kv_int(&o->w, "flows", f->flows);
        jw_kv_int(&o->w, "packets", f->packets);
        jw_kv_int(&o->w, "bytes", f->bytes);
        char t[SW_TIME_STR_MAX];
        jw_kv_string(&o->w, "first_seen", time_fmt_rfc3339(f->first_seen, 6, t));
        jw_kv_string(&o->w, "last_seen", time_fmt_rfc3339(f->last_seen, 6, t));
        jw_kv_string(&o->w, "src_zone", f->src_zone);
        jw_kv_string(&o->w, "dst_zone", f->dst_zone);
        jw_kv_string(&o->w, "src_asset", f->src_asset);
        jw_kv_string(&o->w, "dst_asset", f->dst_asset);
        jw_kv_string(&o->w, "violation", f->violation);
        jw_object_end(&o->w);
        cli_listing_row(o, NULL);
        return 0;
    }
    char src[128], dst[128], svc[48], pk[24], by[24], first[SW_TIME_STR_MAX], last[SW_TIME_STR_MAX], zones[160];
    snprintf(src, sizeof src, "%s%s%s%s", f->src_ip, f->src_asset ? " (" : "", f->src_asset ? f->src_asset : "",
             f->src_asset ? ")" : "");
    snprintf(dst, sizeof dst, "%s%s%s%s", f->dst_ip, f->dst_asset ? " (" : "", f->dst_asset ? f->dst_asset : "",
             f->dst_asset ? ")" : "");
    if (f->dst_port) snprintf(svc, sizeof svc, "%s/%lld", proto ? proto : "?", (long long)f->dst_port);
    else snprintf(svc, sizeof svc, "%s", proto ? proto : "?");
    snprintf(pk, sizeof pk, "%lld", (long long)f->packets);
    snprintf(by, sizeof by, "%lld", (long long)f->bytes);
    time_fmt_rfc3339(f->first_seen, 0, first);
    time_fmt_rfc3339(f->last_seen, 0, last);
    snprintf(zones, sizeof zones, "%s -> %s", f->src_zone ? f->src_zone : "-", f->dst_zone ? f->dst_zone : "-");
    const char *cells[] = { src, dst, svc, f->service, pk, by, first, last, zones, f->violation };
    cli_listing_row(o, cells);
    return 0;
}

static int run_flows(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ZONE = 0x2000, OPT_VIOLATIONS };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "zone", required_argument, NULL, OPT_ZONE },
        { "violations", no_argument, NULL, OPT_VIOLATIONS },
        { 0, 0, 0, 0 },
    };
    store_flow_filter filter = { 0 };
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_ZONE: filter.zone = optarg; break;
        case OPT_VIOLATIONS: filter.violations = true; break;
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "SOURCE", "DESTINATION", "SERVICE", "APP", "PACKETS", "BYTES",
                                           "FIRST", "LAST", "ZONES", "VIOLATION" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 10, headers);
    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_flows(s, &filter, flow_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall flows: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, "seawall flows: no flow matches");
    store_close(s);
    return rc;
}

const cli_command cmd_flows = {
    "flows", "list observed flows per talker pair and service, with zones",
    "Usage: seawall flows [--db PATH] [--json] [--zone ZONE] [--violations]\n"
    "\n"
    "Lists what 'seawall sense --store' saw, one row per client, server,\n"
    "transport and server port (the hourly per-5-tuple rows summed, client\n"
    "ports folded), largest by bytes first: packets and bytes both ways,\n"
    "first and last seen, the zone pair and the declared assets.\n"
    "  --zone ZONE     flows from or to zone ZONE\n"
    "  --violations    only pairs a segmentation rule (SW-SEG-*) alerted on;\n"
    "                  VIOLATION names the rule\n"
    "With --json, prints a JSON array of {src, dst, ip_proto, transport, dst_port,\n"
    "app, flows, packets, bytes, first_seen, last_seen, src_zone, dst_zone,\n"
    "src_asset, dst_asset, violation}.\n"
    "\n"
    "Exits 0 even when nothing matches, 1 when the database holds no port model,\n"
    "2 on a usage error, 3 when the database is missing or cannot be read.\n",
    run_flows,
};
