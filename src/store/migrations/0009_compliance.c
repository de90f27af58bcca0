/* 0009_compliance.c - schema v9: compliance assessments. The current status
 * of each requirement (per zone for zone-scoped frameworks), every change to
 * it for the audit trail, and recorded assessment snapshots for the trend. */
#include "store/store_sql.h"

/* Requirements are named by catalogue id and requirement id as the catalogue
 * files spell them; the catalogues live outside the database, so there is no
 * foreign key: a status for a requirement a newer catalogue dropped stays
 * readable and the CLI reports it. zone is '' when not zoned. */
const store_migration store_migration_0009_compliance = {
    9, "compliance assessments, status history and snapshots",
    "CREATE TABLE compliance_status (\n"
    "  framework   TEXT NOT NULL,\n"
    "  requirement TEXT NOT NULL,\n"
    "  zone        TEXT NOT NULL DEFAULT '',\n"
    "  status      TEXT NOT NULL CHECK (status IN ('met', 'partial', 'not-met', 'not-applicable')),\n"
    "  owner       TEXT,\n"
    "  due         TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),\n"
    "  evidence    TEXT,              -- files, links, notes\n"
    "  updated_at  INTEGER NOT NULL,  -- microseconds since the epoch, UTC\n"
    "  PRIMARY KEY (framework, requirement, zone)\n"
    ") STRICT;\n"
    "CREATE TABLE compliance_changes (  -- every write to compliance_status, oldest first\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  framework   TEXT NOT NULL,\n"
    "  requirement TEXT NOT NULL,\n"
    "  zone        TEXT NOT NULL,\n"
    "  status      TEXT NOT NULL,\n"
    "  owner       TEXT,\n"
    "  due         TEXT,\n"
    "  evidence    TEXT,\n"
    "  source      TEXT NOT NULL,     -- 'set', 'import'\n"
    "  changed_at  INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX compliance_changes_req ON compliance_changes(framework, requirement, zone);\n"
    "CREATE TABLE compliance_snapshots (  -- a recorded assessment: counts by status\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  framework   TEXT NOT NULL,\n"
    "  zone        TEXT NOT NULL DEFAULT '',\n"
    "  taken_at    INTEGER NOT NULL,\n"
    "  applicable  INTEGER NOT NULL,\n"
    "  met         INTEGER NOT NULL,\n"
    "  partial     INTEGER NOT NULL,\n"
    "  not_met     INTEGER NOT NULL,\n"
    "  not_applicable INTEGER NOT NULL,\n"
    "  unassessed  INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX compliance_snapshots_fw ON compliance_snapshots(framework, zone, taken_at);\n",
};
