/* store_query.h - the port model read back from the store: zones, conduits
 * and assets one row at a time to a callback (bounded memory on any port;
 * a row's strings live only during the call), and the summary counts. */
#ifndef SW_STORE_QUERY_H
#define SW_STORE_QUERY_H
#include <stdint.h>
#include "store/store.h"

/* A callback returns 0 to continue, anything else to stop early. */

typedef struct store_zone_row {
    const char *id, *name, *domain, *site;
    int security_level;
    const char *networks;       /* comma-separated CIDRs in file order; "" when none */
    int64_t assets;             /* assets in the zone */
} store_zone_row;
typedef int (*store_zone_fn)(void *ctx, const store_zone_row *row);
/* Ordered by domain (it, ot, phys), then id. */
sw_code store_list_zones(store *s, store_zone_fn fn, void *ctx, sw_error *err);

typedef struct store_conduit_row {
    const char *id, *from_zone, *to_zone, *justification;
    bool bidirectional;
    const char *services;       /* comma-separated, as written: "modbus,tcp/502" */
} store_conduit_row;
typedef int (*store_conduit_fn)(void *ctx, const store_conduit_row *row);
/* Ordered by from zone, to zone, id. */
sw_code store_list_conduits(store *s, store_conduit_fn fn, void *ctx, sw_error *err);

typedef struct store_asset_filter {
    const char *zone;           /* zone id; NULL: any */
    const char *kind;           /* plc, camera, ...; NULL: any */
    const char *domain;         /* it, ot, phys (the asset's zone's domain); NULL: any */
    const char *criticality;    /* low ... crown-jewel; NULL: any */
} store_asset_filter;

typedef struct store_asset_row {
    const char *id, *name, *kind, *zone, *domain, *criticality;
    const char *ips;            /* comma-separated addresses in file order; "" when none */
    const char *mac, *vendor, *product, *version, *owner;
} store_asset_row;
typedef int (*store_asset_fn)(void *ctx, const store_asset_row *row);
/* Ordered by zone, then id. */
sw_code store_list_assets(store *s, const store_asset_filter *filter, store_asset_fn fn, void *ctx,
                          sw_error *err);

#define STORE_SL_COUNT 5        /* security levels 0..4 */

typedef struct store_summary {
    char *port_name, *timezone, *currency;   /* owned; store_summary_free */
    char *model_path, *model_sha256;
    int64_t loaded_at;                       /* microseconds since the epoch */
    int64_t sites, zones, conduits, assets, entry_points, people, vendors;
    int64_t vendors_with_remote_access;
    int64_t zones_by_domain_sl[DOMAIN__COUNT][STORE_SL_COUNT];
    /* Assets by their zone's domain; the extra last row counts assets in no zone. */
    int64_t assets_by_domain_criticality[DOMAIN__COUNT + 1][CRIT__COUNT];
    int64_t observed_hosts, observed_flows;
} store_summary;

/* SW_ERR_INVALID (with a message) when no model has been loaded. */
sw_code store_get_summary(store *s, store_summary *out, sw_error *err);
void store_summary_free(store_summary *sum);

#endif
