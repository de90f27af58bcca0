/* cmd_zones.c - `seawall zones`: the port's IEC 62443 zones as loaded into
 * the store, with their domain, target security level and networks. */
#include <stdio.h>
#include "cli/cli_store.h"
#include "store/store_query.h"


static int zone_row(void *ctx, const store_zone_row *z)
{
    cli_listing *o = ctx;
    if (o->json) {
        jw_object_begin(&o->w);
        jw_kv_string(&o->w, "id", z->id);
        jw_kv_string(&o->w, "name", z->name);
        jw_kv_string(&o->w, "domain", z->domain);
        jw_kv_int(&o->w, "security_level", z->security_level);
        jw_kv_string(&o->w, "site", z->site);
        cli_jw_csv_array(&o->w, "networks", z->networks);
        jw_kv_int(&o->w, "assets", z->assets);
        jw_object_end(&o->w);
        cli_listing_row(o, NULL);
        return 0;
    }
    char sl[16], assets[24];
    snprintf(sl, sizeof sl, "SL%d", z->security_level);
    snprintf(assets, sizeof assets, "%lld", (long long)z->assets);
    const char *cells[] = { z->id, z->name, z->domain, sl, z->site, z->networks, assets };
    cli_listing_row(o, cells);
    return 0;
}

static int run_zones(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    if (cli_parse_common(cmd, ctx, argc, argv, &rc) < 0) return rc;
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;

    static const char *const headers[] = { "ZONE", "NAME", "DOMAIN", "SL", "SITE", "NETWORKS", "ASSETS" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 7, headers);

    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_zones(s, zone_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall zones: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, NULL);
    store_close(s);
    return rc;
}

const cli_command cmd_zones = {
    "zones", "list the port's zones from the database",
    "Usage: seawall zones [--db PATH] [--json]\n"
    "\n"
    "Lists the IEC 62443 zones of the port model loaded by 'seawall init': id,\n"
    "name, domain (it, ot, phys), target security level, site, networks and the\n"
    "number of assets in each, ordered by domain then id. With --json, prints a\n"
    "JSON array of {id, name, domain, security_level, site, networks, assets}.\n"
    "\n"
    "Exits 1 when the database holds no port model, 3 when it is missing or\n"
    "cannot be read.\n",
    run_zones,
};
