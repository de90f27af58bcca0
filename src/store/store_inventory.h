/* store_inventory.h - the asset inventory: what the wire showed merged with
 * the declared port model. Every declared asset is matched, mismatched
 * (with each differing field: declared value, observed value, and the
 * protocol that said it) or never seen; every observed host is one of
 * those assets, an undeclared (shadow) device on the port's networks, or
 * an external address. Rows stream to callbacks; strings live until the
 * next call on the same inventory. */
#ifndef SW_STORE_INVENTORY_H
#define SW_STORE_INVENTORY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

typedef enum store_inv_state {
    STORE_INV_MATCHED,           /* seen, and nothing it said contradicts the model */
    STORE_INV_MISMATCH,          /* seen, with a MAC, address, vendor, product or firmware the model does not declare */
    STORE_INV_NEVER_SEEN,        /* declared, never seen sending */
    STORE_INV_SHADOW,            /* seen on the port's networks, declared nowhere */
    STORE_INV_EXTERNAL,          /* seen, outside the port's networks (the internet) */
    STORE_INV__COUNT
} store_inv_state;

const char *store_inv_state_name(store_inv_state s);    /* "matched", "never-seen", ... */
bool store_inv_state_parse(const char *s, store_inv_state *out);

typedef struct store_inv_mismatch {
    const char *field;           /* "mac", "ip", "vendor", "product", "firmware" */
    const char *declared, *observed;
    const char *source;          /* who said it: "arp", "ethernet", "enip", "s7comm", "modbus", ... */
} store_inv_mismatch;

#define STORE_INV_MISMATCH_MAX 12

/* One declared asset against the wire. */
typedef struct store_inv_asset {
    store_inv_state state;       /* matched, mismatch or never-seen */
    int64_t first_seen, last_seen;   /* 0 when never seen */
    const char *seen_ips;        /* its addresses that were seen, comma-separated; "" */
    const char *seen_mac;        /* the MAC its address has on the wire, or NULL */
    const char *mac_vendor;      /* that MAC's vendor (OUI), or NULL */
    size_t n_mismatches;         /* more than STORE_INV_MISMATCH_MAX are counted, not kept */
    store_inv_mismatch mismatches[STORE_INV_MISMATCH_MAX];
} store_inv_asset;

typedef struct store_inventory store_inventory;

store_inventory *store_inventory_open(store *s, sw_error *err);
void store_inventory_close(store_inventory *v);

/* Judges the declared asset `asset_id` against what was seen. */
sw_code store_inventory_asset(store_inventory *v, const char *asset_id, store_inv_asset *out, sw_error *err);

typedef struct store_inv_host_filter {
    const char *zone;            /* the host's zone id; NULL any */
    int state;                   /* a store_inv_state, or -1 any */
    bool undeclared;             /* only shadow and external hosts */
} store_inv_host_filter;

#define STORE_INV_NAMES_MAX 8         /* the most seen names of a host */
#define STORE_INV_SERVICES_MAX 16     /* the most used services, each way */

typedef struct store_inv_name {
    const char *name, *source;   /* source: "dhcp", "dns", "dns-ptr", "netbios", an identity protocol */
    int64_t count;
} store_inv_name;

typedef struct store_inv_service {
    int ip_proto, port;          /* the server's port */
    const char *app;             /* the protocol recognised, or NULL */
    int64_t flows;
} store_inv_service;

typedef struct store_inv_host_row {
    const char *ip;
    const char *mac;             /* the MAC the address has on the wire (ARP, or a MAC not routing for others); NULL */
    const char *mac_source;      /* "arp" or "ethernet" */
    const char *mac_vendor;      /* OUI vendor or "locally administered"; NULL */
    const char *zone;
    int64_t first_seen, last_seen, packets, bytes;
    store_inv_state state;
    const char *asset, *asset_name;          /* the declared asset (by address, else by MAC), or NULL */
    size_t n_names, n_offered, n_used;
    store_inv_name names[STORE_INV_NAMES_MAX];            /* most seen first */
    store_inv_service offered[STORE_INV_SERVICES_MAX];    /* ports it answered on, most flows first */
    store_inv_service used[STORE_INV_SERVICES_MAX];       /* server ports it used as a client */
    const char *id_protocol, *id_vendor, *id_product, *id_firmware, *id_serial;   /* newest identity, or NULL */
    const store_inv_asset *judged;           /* the asset's judgement when there is an asset */
} store_inv_host_row;
typedef int (*store_inv_host_fn)(void *ctx, const store_inv_host_row *row);

/* One row per address seen sending, ordered by address. */
sw_code store_inventory_hosts(store_inventory *v, const store_inv_host_filter *f, store_inv_host_fn fn, void *ctx,
                              sw_error *err);

#endif
