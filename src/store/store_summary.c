/* store_summary.c - the counts `seawall summary` shows: the port, its
 * zones by domain and security level, assets by domain and criticality,
 * and who can reach in (entry points, people, vendors). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_query.h"
#include "store/store_sql.h"

static char *dup_col(sqlite3_stmt *st, int col)
{
    const char *t = col_text(st, col);
    return t ? strdup(t) : NULL;
}

static sw_code read_port(store *s, store_summary *out, sw_error *err)
{
    static const char sql[] = "SELECT name, timezone, currency, model_path, model_sha256, loaded_at FROM port";
    sqlite3_stmt *st;
    bool row;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc = store_step(s, st, &row, err);
    if (rc == SW_OK && !row)
        rc = sw_fail(err, SW_ERR_INVALID, "no port model in %s; run 'seawall init port.yaml'", store_path(s));
    if (rc == SW_OK) {
        out->port_name = dup_col(st, 0);
        out->timezone = dup_col(st, 1);
        out->currency = dup_col(st, 2);
        out->model_path = dup_col(st, 3);
        out->model_sha256 = dup_col(st, 4);
        out->loaded_at = sqlite3_column_int64(st, 5);
        if (!out->port_name || !out->model_path || !out->model_sha256)
            rc = sw_fail(err, SW_ERR_NOMEM, "summary: out of memory");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Rows of (domain, bucket, count) into a [DOMAIN__COUNT + 1][ncols] matrix;
 * a NULL or unknown domain lands in the extra last row. */
static sw_code read_matrix(store *s, const char *sql, int64_t *matrix, int ncols,
                           bool (*bucket_of)(sqlite3_stmt *, int *), sw_error *err)
{
    sqlite3_stmt *st;
    bool row;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc;
    while ((rc = store_step(s, st, &row, err)) == SW_OK && row) {
        model_domain d;
        const char *dname = col_text(st, 0);
        int r = dname && model_domain_parse(dname, &d) ? (int)d : DOMAIN__COUNT;
        int b;
        if (bucket_of(st, &b) && b >= 0 && b < ncols) matrix[r * ncols + b] += sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc;
}

static bool security_level_bucket(sqlite3_stmt *st, int *out)
{
    *out = sqlite3_column_int(st, 1);
    return true;
}

static bool criticality_bucket(sqlite3_stmt *st, int *out)
{
    model_criticality c;
    const char *name = col_text(st, 1);
    if (!name || !model_criticality_parse(name, &c)) return false;
    *out = (int)c;
    return true;
}

sw_code store_get_summary(store *s, store_summary *out, sw_error *err)
{
    sw_error local;
    if (!err) err = &local;   /* the failure path returns err->code */
    /* zones always have a domain; the spare row only lets read_matrix share one shape */
    int64_t zones[DOMAIN__COUNT + 1][STORE_SL_COUNT] = { { 0 } };
    memset(out, 0, sizeof *out);
    if (read_port(s, out, err)) goto fail;

    static const struct { const char *sql; size_t offset; } counts[] = {
        { "SELECT count(*) FROM sites", offsetof(store_summary, sites) },
        { "SELECT count(*) FROM zones", offsetof(store_summary, zones) },
        { "SELECT count(*) FROM conduits", offsetof(store_summary, conduits) },
        { "SELECT count(*) FROM assets", offsetof(store_summary, assets) },
        { "SELECT count(*) FROM entry_points", offsetof(store_summary, entry_points) },
        { "SELECT count(*) FROM people", offsetof(store_summary, people) },
        { "SELECT count(*) FROM vendors", offsetof(store_summary, vendors) },
        { "SELECT count(*) FROM vendors WHERE remote_access_id IS NOT NULL",
          offsetof(store_summary, vendors_with_remote_access) },
        { "SELECT count(*) FROM observed_hosts", offsetof(store_summary, observed_hosts) },
        { "SELECT count(*) FROM observed_flows", offsetof(store_summary, observed_flows) },
    };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        if (store_query_int(s, counts[i].sql, (int64_t *)((char *)out + counts[i].offset), err)) goto fail;

    if (read_matrix(s, "SELECT domain, security_level, count(*) FROM zones GROUP BY 1, 2", &zones[0][0],
                    STORE_SL_COUNT, security_level_bucket, err))
        goto fail;
    memcpy(out->zones_by_domain_sl, zones, sizeof out->zones_by_domain_sl);
    if (read_matrix(s,
                    "SELECT z.domain, a.criticality, count(*) FROM assets a LEFT JOIN zones z ON z.id = a.zone_id\n"
                    "GROUP BY 1, 2",
                    &out->assets_by_domain_criticality[0][0], CRIT__COUNT, criticality_bucket, err))
        goto fail;
    return SW_OK;
fail:
    store_summary_free(out);
    return err->code;
}

void store_summary_free(store_summary *sum)
{
    free(sum->port_name);
    free(sum->timezone);
    free(sum->currency);
    free(sum->model_path);
    free(sum->model_sha256);
    memset(sum, 0, sizeof *sum);
}
