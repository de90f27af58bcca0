/* cmd_hosts.c - `seawall hosts`: the inventory from the wire, each host
 * seen beside the declared asset it matches, or "undeclared". */
#include <stdio.h>
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_observe.h"

static int host_row(void *ctx, const store_host_row *h)
{
    cli_listing *o = ctx;
    char first[SW_TIME_STR_MAX], last[SW_TIME_STR_MAX];
    if (o->json) {
        jw_object_begin(&o->w);
        jw_kv_string(&o->w, "ip", h->ip);
        jw_kv_string(&o->w, "mac", h->mac && *h->mac ? h->mac : NULL);
        jw_kv_string(&o->w, "first_seen", time_fmt_rfc3339(h->first_seen, 6, first));
        jw_kv_string(&o->w, "last_seen", time_fmt_rfc3339(h->last_seen, 6, last));
        jw_kv_int(&o->w, "packets", h->packets);
        jw_kv_int(&o->w, "bytes", h->bytes);
        jw_kv_string(&o->w, "asset", h->asset);
        jw_kv_bool(&o->w, "declared", h->asset != NULL);
        jw_kv_string(&o->w, "zone", h->zone);
        jw_kv_string(&o->w, "vendor", h->vendor);
        jw_kv_string(&o->w, "product", h->product);
        jw_kv_string(&o->w, "firmware", h->firmware);
        jw_object_end(&o->w);
        cli_listing_row(o, NULL);
        return 0;
    }
    char pk[24];
    snprintf(pk, sizeof pk, "%lld", (long long)h->packets);
    time_fmt_rfc3339(h->first_seen, 0, first);
    time_fmt_rfc3339(h->last_seen, 0, last);
    const char *cells[] = { h->ip, h->mac && *h->mac ? h->mac : NULL, h->asset ? h->asset : "undeclared", h->zone,
                            pk, first, last, h->vendor, h->product, h->firmware };
    cli_listing_row(o, cells);
    return 0;
}

static int run_hosts(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_UNDECLARED = 0x2000 };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "undeclared", no_argument, NULL, OPT_UNDECLARED },
        { 0, 0, 0, 0 },
    };
    bool undeclared = false;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_UNDECLARED: undeclared = true; break;
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "IP", "MAC", "ASSET", "ZONE", "PACKETS", "FIRST", "LAST",
                                           "VENDOR", "PRODUCT", "FIRMWARE" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 10, headers);
    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_hosts(s, undeclared, host_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall hosts: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, "seawall hosts: no host matches");
    store_close(s);
    return rc;
}

const cli_command cmd_hosts = {
    "hosts", "list hosts seen on the wire and the declared asset each matches",
    "Usage: seawall hosts [--db PATH] [--json] [--undeclared]\n"
    "\n"
    "Lists the hosts 'seawall sense --store' saw sending (by address and MAC;\n"
    "ARP senders included), ordered by address: the declared asset holding\n"
    "the address in the current model or \"undeclared\" (a shadow asset), its\n"
    "zone, packets sent, first and last seen, and the newest device identity\n"
    "the host gave (Modbus, ListIdentity, SZL, I-Am).\n"
    "  --undeclared    only hosts no declared asset claims\n"
    "With --json, prints a JSON array of {ip, mac, first_seen, last_seen, packets,\n"
    "bytes, asset, declared, zone, vendor, product, firmware}.\n"
    "\n"
    "Exits 0 even when nothing matches, 1 when the database holds no port model,\n"
    "2 on a usage error, 3 when the database is missing or cannot be read.\n",
    run_hosts,
};
