/* cmd_summary.c - `seawall summary`: the port at a glance from the store:
 * zones by domain and security level, assets by domain and criticality,
 * and who can reach in (entry points, people, vendors). */
#include <stdio.h>
#include <string.h>
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_query.h"

/* Criticality columns, most critical first as a reader scans them. */
static const model_criticality crit_order[CRIT__COUNT] = { CRIT_CROWN_JEWEL, CRIT_HIGH, CRIT_MEDIUM, CRIT_LOW };

static const char *count_cell(char *buf, size_t n, int64_t v)
{
    if (v == 0) return "-";   /* zeros as dashes let the few real numbers stand out */
    snprintf(buf, n, "%lld", (long long)v);
    return buf;
}

static void print_zone_matrix(const store_summary *sum)
{
    static const char *const headers[] = { "DOMAIN", "ZONES", "SL0", "SL1", "SL2", "SL3", "SL4" };
    cli_table t;
    cli_table_init(&t, 7, headers);
    for (int d = 0; d < DOMAIN__COUNT; d++) {
        char cells[7][24];
        const char *row[7];
        int64_t total = 0;
        for (int l = 0; l < STORE_SL_COUNT; l++) total += sum->zones_by_domain_sl[d][l];
        row[0] = model_domain_name((model_domain)d);
        row[1] = count_cell(cells[1], sizeof cells[1], total);
        for (int l = 0; l < STORE_SL_COUNT; l++)
            row[2 + l] = count_cell(cells[2 + l], sizeof cells[2 + l], sum->zones_by_domain_sl[d][l]);
        cli_table_row(&t, row);
    }
    cli_table_print(&t, stdout);
    cli_table_free(&t);
}

static void print_asset_matrix(const store_summary *sum)
{
    static const char *const headers[] = { "DOMAIN", "CROWN-JEWEL", "HIGH", "MEDIUM", "LOW", "TOTAL" };
    cli_table t;
    cli_table_init(&t, 6, headers);
    int64_t col_total[CRIT__COUNT] = { 0 }, all = 0;
    for (int d = 0; d <= DOMAIN__COUNT; d++) {
        char cells[6][24];
        const char *row[6];
        int64_t total = 0;
        for (int c = 0; c < CRIT__COUNT; c++) total += sum->assets_by_domain_criticality[d][c];
        if (d == DOMAIN__COUNT && total == 0) break;   /* the "no zone" row only when it has assets */
        row[0] = d < DOMAIN__COUNT ? model_domain_name((model_domain)d) : "no zone";
        for (int c = 0; c < CRIT__COUNT; c++) {
            int64_t v = sum->assets_by_domain_criticality[d][crit_order[c]];
            col_total[c] += v;
            row[1 + c] = count_cell(cells[1 + c], sizeof cells[1 + c], v);
        }
        row[5] = count_cell(cells[5], sizeof cells[5], total);
        all += total;
        cli_table_row(&t, row);
    }
    char cells[6][24];
    const char *row[6] = { "total" };
    for (int c = 0; c < CRIT__COUNT; c++) row[1 + c] = count_cell(cells[1 + c], sizeof cells[1 + c], col_total[c]);
    row[5] = count_cell(cells[5], sizeof cells[5], all);
    cli_table_row(&t, row);
    cli_table_print(&t, stdout);
    cli_table_free(&t);
}

/* "1 site", "3 sites" */
static void print_count(const char *before, int64_t n, const char *one, const char *many)
{
    printf("%s%lld %s", before, (long long)n, n == 1 ? one : many);
}

static void print_human(const store_summary *sum)
{
    char when[SW_TIME_STR_MAX];
    printf("%s", sum->port_name);
    if (sum->timezone || sum->currency)
        printf(" (%s%s%s)", sum->timezone ? sum->timezone : "", sum->timezone && sum->currency ? ", " : "",
               sum->currency ? sum->currency : "");
    printf("\nmodel %s (sha256 %.12s), loaded %s\n\n", sum->model_path, sum->model_sha256,
           time_fmt_rfc3339(sum->loaded_at, 0, when));
    print_count("", sum->sites, "site", "sites");
    print_count(", ", sum->zones, "zone", "zones");
    print_count(", ", sum->conduits, "conduit", "conduits");
    print_count(", ", sum->assets, "asset", "assets");
    printf("\n\n");
    printf("Zones by domain and target security level\n");
    print_zone_matrix(sum);
    printf("\nAssets by domain and criticality\n");
    print_asset_matrix(sum);
    print_count("\n", sum->entry_points, "entry point", "entry points");
    print_count(", ", sum->people, "person", "people");
    print_count(", ", sum->vendors, "vendor", "vendors");
    printf(" (%lld with remote access)\n", (long long)sum->vendors_with_remote_access);
    print_count("observed: ", sum->observed_hosts, "host", "hosts");
    print_count(", ", sum->observed_flows, "flow", "flows");
    printf("\n");
}

static void print_json(const store_summary *sum)
{
    strbuf sb;
    json_writer w;
    char when[SW_TIME_STR_MAX];
    strbuf_init(&sb);
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_key(&w, "port");
    jw_object_begin(&w);
    jw_kv_string(&w, "name", sum->port_name);
    jw_kv_string(&w, "timezone", sum->timezone);
    jw_kv_string(&w, "currency", sum->currency);
    jw_object_end(&w);
    jw_key(&w, "model");
    jw_object_begin(&w);
    jw_kv_string(&w, "path", sum->model_path);
    jw_kv_string(&w, "sha256", sum->model_sha256);
    jw_kv_string(&w, "loaded_at", time_fmt_rfc3339(sum->loaded_at, 0, when));
    jw_object_end(&w);
    jw_kv_int(&w, "sites", sum->sites);

    jw_key(&w, "zones");
    jw_object_begin(&w);
    jw_kv_int(&w, "total", sum->zones);
    jw_key(&w, "by_domain");
    jw_object_begin(&w);
    for (int d = 0; d < DOMAIN__COUNT; d++) {
        jw_key(&w, model_domain_name((model_domain)d));
        jw_object_begin(&w);   /* security level -> zones */
        for (int l = 0; l < STORE_SL_COUNT; l++) {
            char key[16];
            snprintf(key, sizeof key, "SL%d", l);
            jw_kv_int(&w, key, sum->zones_by_domain_sl[d][l]);
        }
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_object_end(&w);
    jw_kv_int(&w, "conduits", sum->conduits);

    jw_key(&w, "assets");
    jw_object_begin(&w);
    jw_kv_int(&w, "total", sum->assets);
    jw_key(&w, "by_domain");
    jw_object_begin(&w);
    for (int d = 0; d <= DOMAIN__COUNT; d++) {
        jw_key(&w, d < DOMAIN__COUNT ? model_domain_name((model_domain)d) : "none");
        jw_object_begin(&w);   /* criticality -> assets */
        for (int c = 0; c < CRIT__COUNT; c++)
            jw_kv_int(&w, model_criticality_name(crit_order[c]), sum->assets_by_domain_criticality[d][crit_order[c]]);
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_object_end(&w);

    jw_kv_int(&w, "entry_points", sum->entry_points);
    jw_kv_int(&w, "people", sum->people);
    jw_kv_int(&w, "vendors", sum->vendors);
    jw_kv_int(&w, "vendors_with_remote_access", sum->vendors_with_remote_access);
    jw_key(&w, "observed");
    jw_object_begin(&w);
    jw_kv_int(&w, "hosts", sum->observed_hosts);
    jw_kv_int(&w, "flows", sum->observed_flows);
    jw_object_end(&w);
    jw_object_end(&w);
    printf("%s\n", strbuf_cstr(&sb));
    strbuf_free(&sb);
}

static int run_summary(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    if (cli_parse_common(cmd, ctx, argc, argv, &rc) < 0) return rc;
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    store_summary sum;
    sw_error err = { 0 };
    if (store_get_summary(s, &sum, &err) != SW_OK) {
        fprintf(stderr, "seawall summary: %s\n", err.msg);
        store_close(s);
        return err.code == SW_ERR_INVALID ? EXIT_FINDINGS : EXIT_INPUT;
    }
    if (ctx->json) print_json(&sum);
    else print_human(&sum);
    store_summary_free(&sum);
    store_close(s);
    return EXIT_OK;
}

const cli_command cmd_summary = {
    "summary", "the port at a glance: zones, assets, who can reach in",
    "Usage: seawall summary [--db PATH] [--json]\n"
    "\n"
    "Summarises the port model loaded by 'seawall init': the port and the model\n"
    "file it came from, counts of sites, zones, conduits and assets, zones by\n"
    "domain and target security level (SL0-SL4), assets by domain and\n"
    "criticality, entry points, people, vendors (and how many have remote\n"
    "access), and how many hosts and flows sensors have observed.\n"
    "With --json, prints one JSON object with the same numbers.\n"
    "\n"
    "Exits 1 when the database holds no port model, 3 when it is missing or\n"
    "cannot be read.\n",
    run_summary,
};
