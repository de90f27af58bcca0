/* 0011_flow_index_trim.c - schema v11: drops the observed_flows index on the
 * server address, which no query reads, so each flow row written updates one
 * b-tree fewer (the sensor writes one row per 5-tuple and hour). */
#include "store/store_sql.h"

/* The readers of observed_flows, checked with EXPLAIN QUERY PLAN: `flows`
 * (store_list_flows) scans the unique key and groups in a temporary b-tree;
 * compliance counts and takes the maximum by hour (observed_flows_hour).
 * The zone and asset indexes stay: they serve the ON DELETE SET NULL
 * actions when a reloaded model drops a zone or asset; without them each
 * dropped parent would scan the whole table. */
const store_migration store_migration_0011_flow_index_trim = {
    11, "drop the unused observed_flows index on dst_ip",
    "DROP INDEX IF EXISTS observed_flows_dst;\n",
};
