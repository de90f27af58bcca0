/* 0013_vessel_track.c - schema v13: each vessel's track, one dated position
 * at most every 30 s of feed time per vessel (the sensor thins them), for
 * the harbour map. */
#include "store/store_sql.h"

const store_migration store_migration_0013_vessel_track = {
    13, "vessel tracks",
    "CREATE TABLE vessel_track (\n"
    "  mmsi    INTEGER NOT NULL,\n"
    "  ts      INTEGER NOT NULL,     -- microseconds since the epoch (feed time)\n"
    "  lat     REAL NOT NULL,\n"
    "  lon     REAL NOT NULL,\n"
    "  sog_kn  REAL,                 -- NULL: not available\n"
    "  cog_deg REAL,\n"
    "  line    INTEGER,              -- NMEA line of the message\n"
    "  PRIMARY KEY (mmsi, ts)\n"
    ") STRICT, WITHOUT ROWID;\n",
};
