/* 0005_ais_vessels.c - schema v5: vessels tracked from AIS feeds with their
 * last state and integrity status, and the checks each one raised. AIS
 * alerts go to the alerts table with dataset 'seawall.ais'. */
#include "store/store_sql.h"

/* Times are INTEGER microseconds since the epoch, UTC, NULL when the feed
 * carried no time. Counters accumulate over runs; the state columns hold
 * the newest report written. */
const store_migration store_migration_0005_ais_vessels = {
    5, "AIS vessels and their integrity checks",
    "CREATE TABLE vessels (\n"
    "  mmsi        INTEGER PRIMARY KEY,\n"
    "  station     TEXT NOT NULL,     -- from the MMSI form: ship, base-station, aton, sar-aircraft, ...\n"
    "  class       TEXT NOT NULL,     -- A, B-SO, B-CS, base, aton, sar, unknown (from the messages)\n"
    "  flag        TEXT,              -- ISO 3166 code of the MID, NULL when unallocated\n"
    "  name        TEXT,\n"
    "  callsign    TEXT,\n"
    "  imo         INTEGER,\n"
    "  shiptype    INTEGER,\n"
    "  length_m    INTEGER,\n"
    "  beam_m      INTEGER,\n"
    "  draught_m   REAL,\n"
    "  destination TEXT,\n"
    "  eta         TEXT,              -- 'MM-DDTHH:MM' as AIS gives it (no year)\n"
    "  lat         REAL,\n"
    "  lon         REAL,\n"
    "  sog_kn      REAL,\n"
    "  cog_deg     REAL,\n"
    "  heading     INTEGER,\n"
    "  nav_status  INTEGER,\n"
    "  first_seen  INTEGER,\n"
    "  last_seen   INTEGER,\n"
    "  first_line  INTEGER,           -- NMEA line of the first message in the run that first saw it\n"
    "  last_line   INTEGER,\n"
    "  messages    INTEGER NOT NULL DEFAULT 0,\n"
    "  positions   INTEGER NOT NULL DEFAULT 0,\n"
    "  alerts      INTEGER NOT NULL DEFAULT 0,\n"
    "  status      TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'suspect', 'alert')),\n"
    "  updated_at  INTEGER NOT NULL   -- when this row was last written (wall clock)\n"
    ") STRICT;\n"
    "CREATE INDEX vessels_status ON vessels(status);\n"
    "CREATE INDEX vessels_last_seen ON vessels(last_seen);\n"
    "CREATE TABLE vessel_checks (     -- which integrity checks fired for a vessel\n"
    "  mmsi        INTEGER NOT NULL REFERENCES vessels(mmsi) ON DELETE CASCADE,\n"
    "  check_id    TEXT NOT NULL,     -- 'SW-AIS-TELEPORT'\n"
    "  first_at    INTEGER NOT NULL,  -- wall clock of the first write naming it\n"
    "  last_at     INTEGER NOT NULL,\n"
    "  PRIMARY KEY (mmsi, check_id)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE INDEX alerts_dataset ON alerts(dataset);\n",
};
