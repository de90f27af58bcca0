/* cmd_assets.c - `seawall assets`: the port's assets from the store with
 * what the wire showed of each (matched, mismatch with the differing
 * fields, never seen), filtered by zone, kind, domain, criticality and
 * state; --state shadow lists the devices seen that no asset declares. */
#include <stdio.h>
#include "cli/cli_inventory.h"
#include "core/timeutil.h"
#include "store/store_query.h"

typedef struct assets_out {
    cli_listing l;
    store_inventory *inv;
    int state;                   /* store_inv_state to keep, or -1 */
    strbuf text;
    sw_error err;
    sw_code rc;
} assets_out;

static int asset_row(void *ctx, const store_asset_row *a)
{
    assets_out *o = ctx;
    store_inv_asset j;
    if ((o->rc = store_inventory_asset(o->inv, a->id, &j, &o->err)) != SW_OK) return 1;
    if (o->state >= 0 && (int)j.state != o->state) return 0;
    if (o->l.json) {
        cli_inv_jw_asset(&o->l.w, a, &j);
        cli_listing_row(&o->l, NULL);
        return 0;
    }
    char last[SW_TIME_STR_MAX];
    cli_inv_mismatch_text(&j, &o->text);
    const char *cells[] = { a->id, a->name, a->kind, a->zone, a->domain, a->criticality, a->ips, a->vendor,
                            a->product, store_inv_state_name(j.state),
                            j.last_seen ? time_fmt_rfc3339(j.last_seen, 0, last) : NULL,
                            o->text.len ? o->text.data : NULL };
    cli_listing_row(&o->l, cells);
    return 0;
}

/* --state shadow (or external): the hosts seen that no asset declares, in
 * the same columns: no id, their names for a name, their MAC's vendor. */
static int undeclared_row(void *ctx, const store_inv_host_row *h)
{
    assets_out *o = ctx;
    if (o->l.json) {
        cli_inv_jw_host(&o->l.w, h);
        cli_listing_row(&o->l, NULL);
        return 0;
    }
    char last[SW_TIME_STR_MAX];
    cli_inv_names_text(h, &o->text);
    const char *cells[] = { NULL, o->text.len ? o->text.data : NULL, NULL, h->zone, NULL, NULL, h->ip,
                            h->mac_vendor, h->id_product, store_inv_state_name(h->state),
                            time_fmt_rfc3339(h->last_seen, 0, last), NULL };
    cli_listing_row(&o->l, cells);
    return 0;
}

static int run_assets(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ZONE = 0x2000, OPT_KIND, OPT_DOMAIN, OPT_CRITICALITY, OPT_STATE };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "zone", required_argument, NULL, OPT_ZONE },
        { "kind", required_argument, NULL, OPT_KIND },
        { "domain", required_argument, NULL, OPT_DOMAIN },
        { "criticality", required_argument, NULL, OPT_CRITICALITY },
        { "state", required_argument, NULL, OPT_STATE },
        { 0, 0, 0, 0 },
    };
    store_asset_filter filter = { 0 };
    const char *state = NULL;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_ZONE: filter.zone = optarg; break;
        case OPT_KIND: filter.kind = optarg; break;
        case OPT_DOMAIN: filter.domain = optarg; break;
        case OPT_CRITICALITY: filter.criticality = optarg; break;
        case OPT_STATE: state = optarg; break;
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
    int want = state ? cli_inv_parse_state(state) : -1;
    if (state && want < 0)
        return cli_usage_error(cmd, "unknown state '%s' (matched, mismatch, never-seen, shadow or external)", state);
    bool undeclared = want == STORE_INV_SHADOW || want == STORE_INV_EXTERNAL;
    if (undeclared && (filter.kind || filter.domain || filter.criticality))
        return cli_usage_error(cmd, "--state %s lists undeclared hosts: only --zone applies", state);

    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    assets_out o = { .state = want };
    o.inv = store_inventory_open(s, &o.err);
    if (!o.inv) {
        fprintf(stderr, "seawall assets: %s\n", o.err.msg);
        store_close(s);
        return EXIT_INPUT;
    }
    static const char *const headers[] = { "ASSET", "NAME", "KIND", "ZONE", "DOMAIN", "CRITICALITY", "IP",
                                           "VENDOR", "PRODUCT", "STATE", "LAST SEEN", "MISMATCHES" };
    cli_listing_begin(&o.l, ctx->json, 12, headers);
    strbuf_init(&o.text);
    sw_error err = { 0 };
    sw_code qrc;
    if (undeclared) {
        store_inv_host_filter hf = { filter.zone, want, true };
        qrc = store_inventory_hosts(o.inv, &hf, undeclared_row, &o, &err);
    } else {
        qrc = store_list_assets(s, &filter, asset_row, &o, &err);
        if (qrc == SW_OK && o.rc != SW_OK) { qrc = o.rc; err = o.err; }
    }
    rc = EXIT_OK;
    if (qrc != SW_OK) {
        fprintf(stderr, "seawall assets: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o.l, rc == EXIT_OK, "seawall assets: no asset matches");
    strbuf_free(&o.text);
    store_inventory_close(o.inv);
    store_close(s);
    return rc;
}

const cli_command cmd_assets = {
    "assets", "list the declared assets and what the wire showed of each, with filters",
    "Usage: seawall assets [--db PATH] [--json] [--zone ZONE] [--kind KIND]\n"
    "                      [--domain it|ot|phys] [--criticality LEVEL] [--state STATE]\n"
    "\n"
    "Lists the assets of the port model loaded by 'seawall init', ordered by zone\n"
    "then id, each with what 'seawall sense --store' saw of it:\n"
    "  STATE       matched: seen, nothing it said contradicts the model;\n"
    "              mismatch: seen with a MAC, address, vendor, product or firmware\n"
    "              the model does not declare; never-seen: never seen sending\n"
    "  LAST SEEN   when it last sent\n"
    "  MISMATCHES  field declared -> observed (who said it), e.g.\n"
    "              \"firmware 32.012 -> 33.11 (enip)\", \"mac ... (arp)\"\n"
    "Filters combine (all must match):\n"
    "  --zone ZONE          assets in zone ZONE (its id)\n"
    "  --kind KIND          plc, hmi, server, camera, ...\n"
    "  --domain DOMAIN      it, ot or phys: the domain of the asset's zone\n"
    "  --criticality LEVEL  crown-jewel, high, medium or low\n"
    "  --state STATE        matched, mismatch or never-seen; shadow lists instead\n"
    "                       the devices seen on the port's networks that no asset\n"
    "                       declares (external: those outside them); only --zone\n"
    "                       combines with these two\n"
    "With --json, prints a JSON array of {id, name, kind, zone, domain,\n"
    "criticality, ips, mac, vendor, product, version, owner, state, first_seen,\n"
    "last_seen, seen_ips, seen_mac, mac_vendor, mismatches: [{field, declared,\n"
    "observed, source}], mismatch_count}; with --state shadow or external, the\n"
    "objects 'seawall hosts --json' prints.\n"
    "\n"
    "Exits 0 even when nothing matches (an empty list), 1 when the database holds\n"
    "no port model, 2 on an unknown domain, criticality or state, 3 when the\n"
    "database is missing or cannot be read.\n",
    run_assets,
};
