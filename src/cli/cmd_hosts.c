/* cmd_hosts.c - `seawall hosts`: the inventory from the wire, one row per
 * address seen sending: its MAC and the MAC's vendor, the names it goes
 * by, the services it offers and uses, what it says it is, and the
 * declared asset it is (matched or mismatched), or shadow or external. */
#include <stdio.h>
#include "cli/cli_inventory.h"
#include "core/timeutil.h"

typedef struct hosts_out {
    cli_listing l;
    strbuf names, offers, uses, identity;
} hosts_out;

static int host_row(void *ctx, const store_inv_host_row *h)
{
    hosts_out *o = ctx;
    if (o->l.json) {
        cli_inv_jw_host(&o->l.w, h);
        cli_listing_row(&o->l, NULL);
        return 0;
    }
    char last[SW_TIME_STR_MAX];
    time_fmt_rfc3339(h->last_seen, 0, last);
    cli_inv_names_text(h, &o->names);
    cli_inv_services_text(h->offered, h->n_offered, &o->offers);
    cli_inv_services_text(h->used, h->n_used, &o->uses);
    strbuf_reset(&o->identity);
    if (h->id_protocol)
        strbuf_printf(&o->identity, "%s %s %s (%s)", h->id_vendor ? h->id_vendor : "-",
                      h->id_product ? h->id_product : "-", h->id_firmware ? h->id_firmware : "-", h->id_protocol);
    const char *cells[] = {
        h->ip, h->mac, h->mac_vendor, store_inv_state_name(h->state), h->asset, h->zone,
        o->names.len ? o->names.data : NULL, o->offers.len ? o->offers.data : NULL,
        o->uses.len ? o->uses.data : NULL, o->identity.len ? o->identity.data : NULL, last,
    };
    cli_listing_row(&o->l, cells);
    return 0;
}

static int run_hosts(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_UNDECLARED = 0x2000, OPT_STATE, OPT_ZONE };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "undeclared", no_argument, NULL, OPT_UNDECLARED },
        { "state", required_argument, NULL, OPT_STATE },
        { "zone", required_argument, NULL, OPT_ZONE },
        { 0, 0, 0, 0 },
    };
    store_inv_host_filter f = { NULL, -1, false };
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_UNDECLARED: f.undeclared = true; break;
        case OPT_ZONE: f.zone = optarg; break;
        case OPT_STATE:
            if ((f.state = cli_inv_parse_state(optarg)) < 0 || f.state == STORE_INV_NEVER_SEEN)
                return cli_usage_error(cmd, "unknown host state '%s' (matched, mismatch, shadow or external)", optarg);
            break;
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    sw_error err = { 0 };
    store_inventory *inv = store_inventory_open(s, &err);
    if (!inv) {
        fprintf(stderr, "seawall hosts: %s\n", err.msg);
        store_close(s);
        return EXIT_INPUT;
    }
    static const char *const headers[] = { "IP", "MAC", "MAC VENDOR", "STATE", "ASSET", "ZONE", "NAMES", "OFFERS",
                                           "USES", "IDENTITY", "LAST SEEN" };
    hosts_out o;
    cli_listing_begin(&o.l, ctx->json, 11, headers);
    strbuf_init(&o.names);
    strbuf_init(&o.offers);
    strbuf_init(&o.uses);
    strbuf_init(&o.identity);
    rc = EXIT_OK;
    if (store_inventory_hosts(inv, &f, host_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall hosts: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o.l, rc == EXIT_OK, "seawall hosts: no host matches");
    strbuf_free(&o.names);
    strbuf_free(&o.offers);
    strbuf_free(&o.uses);
    strbuf_free(&o.identity);
    store_inventory_close(inv);
    store_close(s);
    return rc;
}

const cli_command cmd_hosts = {
    "hosts", "list hosts seen on the wire: MAC vendor, names, services, identity, declared asset",
    "Usage: seawall hosts [--db PATH] [--json] [--state STATE] [--zone ZONE] [--undeclared]\n"
    "\n"
    "Lists every address 'seawall sense --store' saw sending (ARP senders\n"
    "included), ordered by address, with:\n"
    "  MAC         the MAC the address has on the wire: the one it sent ARP with,\n"
    "              else one seen with it that does not route for others\n"
    "  MAC VENDOR  the MAC's IEEE registrant, or \"locally administered\"\n"
    "  STATE       matched or mismatch (a declared asset; see 'seawall assets'),\n"
    "              shadow (on the port's networks, declared nowhere) or external\n"
    "  ASSET       the declared asset with the address, else with the MAC\n"
    "  NAMES       names it goes by and who said so: dhcp, dns, dns-ptr, mdns,\n"
    "              netbios, or the protocol of the device's own name (s7comm, snmp...)\n"
    "  OFFERS      ports it answered on (a SYN-ACK, a reply), with the protocol\n"
    "  USES        server ports it used as a client\n"
    "  IDENTITY    the newest identity it gave (Modbus, ListIdentity, SZL, I-Am, ...)\n"
    "Filters combine:\n"
    "  --state STATE   matched, mismatch, shadow or external\n"
    "  --zone ZONE     hosts whose address is in zone ZONE\n"
    "  --undeclared    hosts no declared asset claims (shadow and external)\n"
    "With --json, prints a JSON array of {ip, mac, mac_source, mac_vendor,\n"
    "first_seen, last_seen, packets, bytes, state, asset, declared, zone,\n"
    "names: [{name, source, count}], offers and uses: [{transport, port, app,\n"
    "flows}], identity_protocol, vendor, product, firmware, serial, and for a\n"
    "declared asset mismatches: [{field, declared, observed, source}]}.\n"
    "\n"
    "Exits 0 even when nothing matches, 1 when the database holds no port model,\n"
    "2 on a usage error, 3 when the database is missing or cannot be read.\n",
    run_hosts,
};
