/* 0003_baseline_intel.c - schema v3: the learned baseline of OT assets
 * (`seawall sense --learn`) and imported threat-intelligence indicators
 * (`seawall intel import`). */
#include "store/store_sql.h"

/* Times are INTEGER microseconds since the epoch, UTC, as in v1 and v2.
 * The baseline's asset ids are the port model's ids but carry no foreign
 * key: the sensor's --model may be newer than the last `seawall init`, and
 * a baseline must not vanish when a model re-load renames an asset; it is
 * dropped with `seawall baseline clear [--asset ID]`. */
const store_migration store_migration_0003_baseline_intel = {
    3, "OT baseline (talkers, ICS functions) and threat-intelligence indicators",

    "CREATE TABLE baseline_talkers (  -- a peer an OT asset talked with while learning\n"
    "  asset_id   TEXT NOT NULL,\n"
    "  peer_ip    TEXT NOT NULL,\n"
    "  role       TEXT NOT NULL CHECK (role IN ('server', 'client')),  -- the asset's: server = the peer opened the flow\n"
    "  service    TEXT NOT NULL,     -- parser name ('modbus'), else 'tcp/8080', 'udp/161', 'icmp'\n"
    "  first_seen INTEGER NOT NULL,\n"
    "  last_seen  INTEGER NOT NULL,\n"
    "  PRIMARY KEY (asset_id, peer_ip, role, service)\n"
    ") STRICT, WITHOUT ROWID;\n"

    "CREATE TABLE baseline_functions (  -- an ICS request function an OT asset received while learning\n"
    "  asset_id    TEXT NOT NULL,\n"
    "  protocol    TEXT NOT NULL,     -- 'modbus', 's7comm', ...\n"
    "  function    INTEGER NOT NULL,  -- function code; -1 none\n"
    "  subfunction INTEGER NOT NULL,  -- Modbus FC 8/43/90 sub-code; -1 none\n"
    "  function_name TEXT,\n"
    "  first_seen  INTEGER NOT NULL,\n"
    "  last_seen   INTEGER NOT NULL,\n"
    "  PRIMARY KEY (asset_id, protocol, function, subfunction)\n"
    ") STRICT, WITHOUT ROWID;\n"

    "CREATE TABLE intel_indicators (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  type        TEXT NOT NULL CHECK (type IN ('domain-name', 'ipv4-addr', 'ipv6-addr', 'url')),\n"
    "  value       TEXT NOT NULL,     -- normal form (docs/cli.md, seawall intel)\n"
    "  source      TEXT NOT NULL,     -- the feed: --source, else the file's name\n"
    "  name        TEXT,\n"
    "  description TEXT,\n"
    "  stix_id     TEXT,\n"
    "  valid_from  INTEGER,           -- NULL: unbounded\n"
    "  valid_until INTEGER,\n"
    "  first_imported INTEGER NOT NULL,\n"
    "  last_imported  INTEGER NOT NULL,\n"
    "  UNIQUE (type, value, source)\n"
    ") STRICT;\n"
    "CREATE INDEX intel_indicators_source ON intel_indicators(source);\n",
};
