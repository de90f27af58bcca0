/* 0014_alert_keyset_indexes.c - schema v14: the zone and asset indexes on
 * alerts gain ts, so every filter of the API's alert pages (rule, severity,
 * zone, asset) is an index whose next columns are (ts, rowid) and a page
 * walks O(limit) entries newest first instead of sorting every match. */
#include "store/store_sql.h"

/* The new indexes replace the one-column ones: same leading column, so they
 * still serve the ON DELETE SET NULL actions when a reloaded model drops a
 * zone or asset. Severity with a zone is the dashboard's usual filter and
 * has its own two indexes: without them a rare severity in a busy zone
 * walks the zone's whole range. Alerts are few beside flows, so the two
 * extra b-trees cost the sensor little.
 * ANALYZE gives the planner row counts to pick the most selective index
 * when a page has several filters (critical alerts in one zone: the
 * severity index, not the zone's). */
const store_migration store_migration_0014_alert_keyset_indexes = {
    14, "alerts: zone, asset and severity-with-zone indexes with ts for keyset pages",
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
    "ANALYZE alerts;\n",
};
