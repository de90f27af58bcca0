/* 0012_risk_history.c - schema v12: the risk register's totals recorded
 * by `seawall risk --record`, one row a day (the last recording of the day
 * wins), for the risk trend on the overview and the board report. */
#include "store/store_sql.h"

const store_migration store_migration_0012_risk_history = {
    12, "risk totals by day for the trend",
    "CREATE TABLE risk_history (\n"
    "  day           TEXT PRIMARY KEY,  -- YYYY-MM-DD (UTC) of the recording\n"
    "  taken_at      INTEGER NOT NULL,  -- microseconds since the epoch\n"
    "  inherent_eal  REAL NOT NULL,     -- expected annual loss without the controls in place\n"
    "  residual_eal  REAL NOT NULL,\n"
    "  over_appetite INTEGER NOT NULL,\n"
    "  risks         INTEGER NOT NULL,\n"
    "  currency      TEXT\n"
    ") STRICT, WITHOUT ROWID;\n",
};
