/* cmd_assets.c - `seawall assets`: the port's assets from the store,
 * filtered by zone, kind, domain and criticality. */
#include <stdio.h>
#include "cli/cli_store.h"
#include "store/store_query.h"


static int asset_row(void *ctx, const store_asset_row *a)
{
    cli_listing *o = ctx;
    if (o->json) {
        jw_object_begin(&o->w);
        jw_kv_string(&o->w, "id", a->id);
        jw_kv_string(&o->w, "name", a->name);
        jw_kv_string(&o->w, "kind", a->kind);
        jw_kv_string(&o->w, "zone", a->zone);
        jw_kv_string(&o->w, "domain", a->domain);
        jw_kv_string(&o->w, "criticality", a->criticality);
        cli_jw_csv_array(&o->w, "ips", a->ips);
        jw_kv_string(&o->w, "mac", a->mac);
        jw_kv_string(&o->w, "vendor", a->vendor);
        jw_kv_string(&o->w, "product", a->product);
        jw_kv_string(&o->w, "version", a->version);
        jw_kv_string(&o->w, "owner", a->owner);
        jw_object_end(&o->w);
        cli_listing_row(o, NULL);
        return 0;
    }
    const char *cells[] = { a->id, a->name, a->kind, a->zone, a->domain, a->criticality, a->ips, a->vendor,
                            a->product };
    cli_listing_row(o, cells);
    return 0;
}

static int run_assets(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ZONE = 0x2000, OPT_KIND, OPT_DOMAIN, OPT_CRITICALITY };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "zone", required_argument, NULL, OPT_ZONE },
        { "kind", required_argument, NULL, OPT_KIND },
        { "domain", required_argument, NULL, OPT_DOMAIN },
        { "criticality", required_argument, NULL, OPT_CRITICALITY },
        { 0, 0, 0, 0 },
    };
    store_asset_filter filter = { 0 };
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_ZONE: filter.zone = optarg; break;
        case OPT_KIND: filter.kind = optarg; break;
        case OPT_DOMAIN: filter.domain = optarg; break;
        case OPT_CRITICALITY: filter.criticality = optarg; break;
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    /* Closed vocabularies are checked here, so a typo is an error and not an empty list. */
    model_domain d;
    model_criticality c;
    if (filter.domain && !model_domain_parse(filter.domain, &d))
        return cli_usage_error(cmd, "unknown domain '%s' (it, ot or phys)", filter.domain);
    if (filter.criticality && !model_criticality_parse(filter.criticality, &c))
        return cli_usage_error(cmd, "unknown criticality '%s' (crown-jewel, high, medium or low)",
                               filter.criticality);

    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "ASSET", "NAME", "KIND", "ZONE", "DOMAIN", "CRITICALITY", "IP",
                                           "VENDOR", "PRODUCT" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 9, headers);

    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_assets(s, &filter, asset_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall assets: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, "seawall assets: no asset matches");
    store_close(s);
    return rc;
}

const cli_command cmd_assets = {
    "assets", "list assets from the database, with filters",
    "Usage: seawall assets [--db PATH] [--json] [--zone ZONE] [--kind KIND]\n"
    "                      [--domain it|ot|phys] [--criticality LEVEL]\n"
    "\n"
    "Lists the assets of the port model loaded by 'seawall init', ordered by zone\n"
    "then id. Filters combine (all must match):\n"
    "  --zone ZONE          assets in zone ZONE (its id)\n"
    "  --kind KIND          plc, hmi, server, camera, ...\n"
    "  --domain DOMAIN      it, ot or phys: the domain of the asset's zone\n"
    "  --criticality LEVEL  crown-jewel, high, medium or low\n"
    "With --json, prints a JSON array of {id, name, kind, zone, domain,\n"
    "criticality, ips, mac, vendor, product, version, owner}.\n"
    "\n"
    "Exits 0 even when nothing matches (an empty list), 1 when the database holds\n"
    "no port model, 2 on an unknown domain or criticality, 3 when the database is\n"
    "missing or cannot be read.\n",
    run_assets,
};
