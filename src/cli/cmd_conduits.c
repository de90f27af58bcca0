/* cmd_conduits.c - `seawall conduits`: the conduits between zones, the only
 * cross-zone flows the port allows, as loaded into the store. */
#include <stdio.h>
#include "cli/cli_store.h"
#include "store/store_query.h"


static int conduit_row(void *ctx, const store_conduit_row *c)
{
    cli_listing *o = ctx;
    if (o->json) {
        jw_object_begin(&o->w);
        jw_kv_string(&o->w, "id", c->id);
        jw_kv_string(&o->w, "from", c->from_zone);
        jw_kv_string(&o->w, "to", c->to_zone);
        cli_jw_csv_array(&o->w, "services", c->services);
        jw_kv_bool(&o->w, "bidirectional", c->bidirectional);
        jw_kv_string(&o->w, "justification", c->justification);
        jw_object_end(&o->w);
        cli_listing_row(o, NULL);
        return 0;
    }
    const char *cells[] = { c->id, c->from_zone, c->bidirectional ? "<->" : "->", c->to_zone, c->services,
                            c->justification };
    cli_listing_row(o, cells);
    return 0;
}

static int run_conduits(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    if (cli_parse_common(cmd, ctx, argc, argv, &rc) < 0) return rc;
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;

    static const char *const headers[] = { "CONDUIT", "FROM", "DIR", "TO", "SERVICES", "JUSTIFICATION" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 6, headers);

    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_list_conduits(s, conduit_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall conduits: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, NULL);
    store_close(s);
    return rc;
}

const cli_command cmd_conduits = {
    "conduits", "list the conduits between zones from the database",
    "Usage: seawall conduits [--db PATH] [--json]\n"
    "\n"
    "Lists the conduits of the port model loaded by 'seawall init': the only\n"
    "cross-zone flows the port allows, with the zone that initiates (FROM), the\n"
    "direction (-> one way, <-> both), the services and the justification.\n"
    "A conduit without an id in port.yaml is named FROM->TO. With --json, prints\n"
    "a JSON array of {id, from, to, services, bidirectional, justification}.\n"
    "\n"
    "Exits 1 when the database holds no port model, 3 when it is missing or\n"
    "cannot be read.\n",
    run_conduits,
};
