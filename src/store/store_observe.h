/* store_observe.h - what sensors saw, written to the store in bounded
 * batches: hosts, flow summaries per 5-tuple and hour, ICS operation
 * counts, device identities and alerts; and the views that read them. */
#ifndef SW_STORE_OBSERVE_H
#define SW_STORE_OBSERVE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

/* --- writing ------------------------------------------------------------------
 * Records are copied into the writer. When `batch` records are held (or
 * their strings pass STORE_OBS_MAX_BYTES) they are written in one
 * transaction with prepared statements, so memory stays bounded on any
 * capture and a crash loses at most the open batch. Counters add up on
 * conflict, so two runs over different captures accumulate. Zone and asset
 * ids the database does not hold are stored as NULL, not refused. */

#define STORE_OBS_DEFAULT_BATCH 4096
#define STORE_OBS_MAX_BYTES (8u << 20)

typedef struct store_host_rec {
    const char *ip, *mac;        /* mac "" when unseen; asset linked by ip from asset_ips */
    int64_t first_seen, last_seen;
    uint64_t packets, bytes;     /* sent by the host */
    uint64_t arp_packets;        /* ARP the host sent with this pair: it owns the MAC */
    const char *zone;            /* the address's zone id, or NULL */
    const char *vendor;          /* the MAC's OUI vendor or "locally administered"; NULL unknown */
} store_host_rec;

/* A name a host goes by: keyed by address, by MAC, or both. */
typedef struct store_name_rec {
    const char *ip, *mac;        /* "" or NULL when unknown (not both) */
    const char *name, *source;   /* source: "dhcp", "dns", "dns-ptr", "netbios", an identity protocol */
    int64_t first_seen, last_seen;
    uint64_t count;
} store_name_rec;

/* A service a host answered on (server) or used (client), by server port. */
typedef struct store_service_rec {
    const char *ip;
    bool server;
    int ip_proto, port;
    const char *app;             /* recognised protocol, or NULL */
    const char *peer;            /* the last peer, or NULL */
    int64_t first_seen, last_seen;
    uint64_t flows;
} store_service_rec;

typedef struct store_flow_rec {
    const char *src_ip, *dst_ip; /* client, server */
    int src_port, dst_port;      /* 0 without ports */
    int ip_proto;
    const char *service;         /* decoded application, or NULL */
    int64_t first_seen, last_seen;  /* the hour bucket is first_seen's */
    uint64_t packets, bytes, packets_to_server, bytes_to_server;
    const char *src_zone, *dst_zone;   /* zone ids, or NULL */
} store_flow_rec;

typedef struct store_ics_rec {
    const char *src_ip, *dst_ip, *protocol, *function_name;
    int function;
    int64_t first_seen, last_seen;  /* same UTC hour; the bucket is first_seen's */
    uint64_t count, writes, controls;
} store_ics_rec;

typedef struct store_identity_rec {
    const char *ip, *protocol;
    const char *vendor, *product, *firmware, *serial, *model;  /* NULL: not said */
    int64_t ts;
} store_identity_rec;

typedef struct store_alert_rec {
    int64_t ts;
    const char *rule_id, *rule_name, *severity, *dataset;
    const char *src_ip, *dst_ip;    /* NULL when absent */
    int src_port, dst_port;         /* -1: absent */
    const char *protocol;
    const char *src_zone, *dst_zone, *src_asset, *dst_asset;
    const char *ecs;                /* the ECS document; techniques and evidence are read from it */
} store_alert_rec;

typedef struct store_obs_stats {
    uint64_t hosts, flows, ics, identities, alerts;   /* records accepted */
    uint64_t names, services;
    uint64_t batches;                                 /* transactions committed */
} store_obs_stats;

typedef struct store_observer store_observer;

/* Prepares the statements; batch 0 means STORE_OBS_DEFAULT_BATCH. */
store_observer *store_observer_open(store *s, size_t batch, sw_error *err);
/* Each adds one record, flushing first when the batch is full. */
sw_code store_observer_host(store_observer *w, const store_host_rec *r, sw_error *err);
sw_code store_observer_flow(store_observer *w, const store_flow_rec *r, sw_error *err);
sw_code store_observer_ics(store_observer *w, const store_ics_rec *r, sw_error *err);
sw_code store_observer_identity(store_observer *w, const store_identity_rec *r, sw_error *err);
sw_code store_observer_alert(store_observer *w, const store_alert_rec *r, sw_error *err);
sw_code store_observer_name(store_observer *w, const store_name_rec *r, sw_error *err);
sw_code store_observer_service(store_observer *w, const store_service_rec *r, sw_error *err);
/* Writes what is held in one transaction; nothing changes on failure. */
sw_code store_observer_flush(store_observer *w, sw_error *err);
size_t store_observer_pending(const store_observer *w);
const store_obs_stats *store_observer_stats(const store_observer *w);
/* Drops unflushed records (flush first to keep them). */
void store_observer_close(store_observer *w);

/* --- reading ------------------------------------------------------------------
 * Rows go to a callback one at a time (0 continues); strings live only
 * during the call. */

typedef struct store_alert_filter {
    const char *rule;            /* rule id; NULL any */
    const char *min_severity;    /* low..critical: this or worse; NULL any */
    int64_t since;               /* ts >= since; 0 any */
    int64_t limit;               /* newest N; 0 all */
} store_alert_filter;

typedef struct store_alert_row {
    int64_t ts;
    const char *rule_id, *rule_name, *severity;
    const char *src_ip, *dst_ip, *protocol;
    int64_t src_port, dst_port;  /* -1 absent */
    const char *src_zone, *dst_zone, *src_asset, *dst_asset;
    const char *techniques;      /* JSON array */
    const char *ecs;
    int64_t id;                  /* row id: increases with every alert stored */
} store_alert_row;
typedef int (*store_alert_fn)(void *ctx, const store_alert_row *row);
/* Oldest first (the newest `limit` when limited). */
sw_code store_list_alerts(store *s, const store_alert_filter *f, store_alert_fn fn, void *ctx, sw_error *err);

/* Alerts a page at a time, for the API and its live stream: newest first by
 * (ts, id), strictly below the key (before_ts, before_id) when before_id > 0
 * (the last row of the previous page), as `seawall alerts` orders them; or,
 * with after_id > 0, oldest first by row id above after_id. limit must be
 * positive; min_severity, when given, one of low, medium, high, critical. */
typedef struct store_alert_page {
    const char *rule;            /* rule id; NULL any */
    const char *min_severity;    /* low..critical: this or worse; NULL any */
    const char *zone;            /* source or destination zone id; NULL any */
    const char *asset;           /* source or destination asset id; NULL any */
    int64_t since;               /* ts >= since; 0 any */
    int64_t before_ts, before_id;
    int64_t after_id;
    int64_t limit;
} store_alert_page;
sw_code store_list_alert_page(store *s, const store_alert_page *p, store_alert_fn fn, void *ctx, sw_error *err);
/* The newest alert's row id, 0 when there is none. */
sw_code store_alert_max_id(store *s, int64_t *out, sw_error *err);

typedef struct store_flow_filter {
    const char *zone;            /* src or dst zone; NULL any */
    bool violations;             /* only pairs a SW-SEG-* alert named */
} store_flow_filter;

typedef struct store_flow_row {
    const char *src_ip, *dst_ip, *service;
    int64_t dst_port, ip_proto;
    int64_t flows, packets, bytes, first_seen, last_seen;
    const char *src_zone, *dst_zone, *src_asset, *dst_asset;
    const char *violation;       /* the segmentation rule id, or NULL */
} store_flow_row;
typedef int (*store_flow_fn)(void *ctx, const store_flow_row *row);
/* One row per (src, dst, proto, dst port): the hourly 5-tuple rows summed,
 * the client's ephemeral ports folded. Ordered by bytes, largest first. */
sw_code store_list_flows(store *s, const store_flow_filter *f, store_flow_fn fn, void *ctx, sw_error *err);

typedef struct store_host_row {
    const char *ip, *mac;
    int64_t first_seen, last_seen, packets, bytes;
    const char *asset;           /* the declared asset with this address, or NULL: undeclared */
    const char *asset_name, *zone;
    const char *vendor, *product, *firmware;   /* a device identity seen, or NULL */
} store_host_row;
typedef int (*store_host_fn)(void *ctx, const store_host_row *row);
/* Ordered by address; with undeclared_only, only hosts no asset claims. */
sw_code store_list_hosts(store *s, bool undeclared_only, store_host_fn fn, void *ctx, sw_error *err);

#endif
