/* 0015_alert_keyset_indexes.c - schema v15: alert indexes for keyset pages
 * (every filter of the API's alert list an index whose next columns are
 * (ts, rowid)), and alert_slots, alert counts per five minutes kept by
 * triggers, so the overview's alerts-by-domain reads a few hundred rows
 * instead of a day of alerts. */
#include "store/store_sql.h"

/* The zone and asset indexes gain ts and replace the one-column ones: same
 * leading column, so they still serve the ON DELETE SET NULL actions when
 * a reloaded model drops a zone or asset. Severity with a zone is the
 * dashboard's usual filter and has its own two indexes: without them a rare
 * severity in a busy zone walks the zone's whole range. Alerts are few
 * beside flows, so the extra b-trees and triggers cost the sensor little.
 *
 * alert_slots keeps the rule only as the prefix that decides its domain
 * ('SW-AIS-', 'SW-PHYS-' or ''), so a slot has a handful of rows whatever
 * the rule mix. The triggers follow every insert (not an ignored
 * duplicate), delete and change of ts, dataset or rule_id, so the counts
 * always equal a count over alerts; the backfill covers the rows already
 * there. ANALYZE gives the planner row counts to pick the most selective
 * index when a page has several filters. */
#define SLOT_OF(t) "(" t ".ts - " t ".ts % 300000000)"
#define PREFIX_OF(t) \
    "(CASE WHEN " t ".rule_id LIKE 'SW-AIS-%' THEN 'SW-AIS-' WHEN " t ".rule_id LIKE 'SW-PHYS-%' THEN 'SW-PHYS-' ELSE '' END)"
#define ADD(t) \
    "  INSERT INTO alert_slots (slot, dataset, rule_prefix, alerts) VALUES (" SLOT_OF(t) ", " t ".dataset, " \
    PREFIX_OF(t) ", 1)\n  ON CONFLICT (slot, dataset, rule_prefix) DO UPDATE SET alerts = alerts + 1;\n"
#define SUB(t) \
    "  UPDATE alert_slots SET alerts = alerts - 1 WHERE slot = " SLOT_OF(t) " AND dataset = " t ".dataset\n" \
    "    AND rule_prefix = " PREFIX_OF(t) ";\n"

const store_migration store_migration_0015_alert_keyset_indexes = {
    15, "alerts: keyset page indexes; alert_slots, counts per five minutes kept by triggers",
    "DROP INDEX IF EXISTS alerts_src_zone;\n"
    "DROP INDEX IF EXISTS alerts_dst_zone;\n"
    "DROP INDEX IF EXISTS alerts_src_asset;\n"
    "DROP INDEX IF EXISTS alerts_dst_asset;\n"
    "CREATE INDEX alerts_src_zone_ts ON alerts(src_zone_id, ts);\n"
    "CREATE INDEX alerts_dst_zone_ts ON alerts(dst_zone_id, ts);\n"
    "CREATE INDEX alerts_src_asset_ts ON alerts(src_asset_id, ts);\n"
    "CREATE INDEX alerts_dst_asset_ts ON alerts(dst_asset_id, ts);\n"
    "CREATE INDEX alerts_severity_src_zone ON alerts(severity, src_zone_id, ts);\n"
    "CREATE INDEX alerts_severity_dst_zone ON alerts(severity, dst_zone_id, ts);\n"

    "CREATE TABLE alert_slots (   -- alerts per five minutes, dataset and domain prefix of the rule\n"
    "  slot        INTEGER NOT NULL,  -- start of the five minutes, microseconds (ts - ts % 300000000)\n"
    "  dataset     TEXT NOT NULL,\n"
    "  rule_prefix TEXT NOT NULL,     -- 'SW-AIS-', 'SW-PHYS-' or ''\n"
    "  alerts      INTEGER NOT NULL,\n"
    "  PRIMARY KEY (slot, dataset, rule_prefix)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "INSERT INTO alert_slots (slot, dataset, rule_prefix, alerts)\n"
    "  SELECT " SLOT_OF("a") ", a.dataset, " PREFIX_OF("a") ", count(*) FROM alerts a GROUP BY 1, 2, 3;\n"
    "CREATE TRIGGER alert_slots_insert AFTER INSERT ON alerts BEGIN\n" ADD("new") "END;\n"
    "CREATE TRIGGER alert_slots_delete AFTER DELETE ON alerts BEGIN\n" SUB("old") "END;\n"
    "CREATE TRIGGER alert_slots_update AFTER UPDATE OF ts, dataset, rule_id ON alerts BEGIN\n" SUB("old") ADD("new")
    "END;\n"
    "ANALYZE alerts;\n",
};
