/* 0012_risk_programme.c - schema v12: dated snapshots of the risk register
 * (`seawall risk --record`) and the adopted investment programme with its
 * status history (`seawall plan --adopt`, `plan set`). */
#include "store/store_sql.h"

/* Days are whole days since 1970-01-01 UTC (the granularity a board trend
 * and a programme need); recording the same day again replaces that day's
 * snapshot. Money is in the register's currency, stored with it. */
const store_migration store_migration_0012_risk_programme = {
    12, "risk register snapshots and the investment programme",

    "CREATE TABLE risk_snapshots (\n"
    "  day           INTEGER PRIMARY KEY,   -- days since 1970-01-01 UTC\n"
    "  recorded_at   INTEGER NOT NULL,      -- microseconds, UTC\n"
    "  currency      TEXT NOT NULL,\n"
    "  seed          INTEGER NOT NULL,\n"
    "  trials        INTEGER NOT NULL,\n"
    "  inherent_eal  REAL NOT NULL,\n"
    "  residual_eal  REAL NOT NULL,\n"
    "  residual_p90  REAL NOT NULL,\n"
    "  over_appetite INTEGER NOT NULL,\n"
    "  controls_done TEXT NOT NULL         -- programme controls credited, comma separated\n"
    ") STRICT;\n"
    "CREATE TABLE risk_snapshot_items (\n"
    "  day           INTEGER NOT NULL REFERENCES risk_snapshots(day) ON DELETE CASCADE,\n"
    "  risk          TEXT NOT NULL,\n"
    "  title         TEXT,\n"
    "  target        TEXT NOT NULL,\n"
    "  owner         TEXT,\n"
    "  treatment     TEXT,\n"
    "  due           TEXT,\n"
    "  inh_likelihood INTEGER NOT NULL,\n"
    "  inh_impact    INTEGER NOT NULL,\n"
    "  inh_level     TEXT NOT NULL,\n"
    "  res_likelihood INTEGER NOT NULL,\n"
    "  res_impact    INTEGER NOT NULL,\n"
    "  res_level     TEXT NOT NULL,\n"
    "  inherent_eal  REAL NOT NULL,\n"
    "  residual_eal  REAL NOT NULL,\n"
    "  residual_p90  REAL NOT NULL,\n"
    "  within_appetite INTEGER NOT NULL,\n"
    "  PRIMARY KEY (day, risk)\n"
    ") STRICT;\n"
    "CREATE TABLE programme (\n"
    "  control     TEXT PRIMARY KEY,\n"
    "  title       TEXT,\n"
    "  cost        REAL NOT NULL,\n"
    "  status      TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done')),\n"
    "  adopted     INTEGER NOT NULL,        -- day\n"
    "  started     INTEGER NOT NULL DEFAULT 0,\n"
    "  done        INTEGER NOT NULL DEFAULT 0,\n"
    "  budget      REAL NOT NULL,           -- the budget of the plan it was adopted from\n"
    "  currency    TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE TABLE programme_log (\n"
    "  seq         INTEGER PRIMARY KEY,\n"
    "  control     TEXT NOT NULL,\n"
    "  status      TEXT NOT NULL,\n"
    "  day         INTEGER NOT NULL,\n"
    "  recorded_at INTEGER NOT NULL\n"
    ") STRICT;\n",
};
