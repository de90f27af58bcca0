/* 0010_incidents.c - schema v10: incidents, their hash-chained timeline,
 * tasks from the playbook and evidence files (`seawall incident`). */
#include "store/store_sql.h"

/* The timeline is the record: every change to an incident is an entry,
 * chained by SHA-256 (docs/ir.md), and triggers refuse UPDATE and DELETE on
 * it. The incidents row holds what listings show plus the chain head (entry
 * count and last hash), so a removed tail is caught too. Times are INTEGER
 * microseconds, UTC. */
const store_migration store_migration_0010_incidents = {
    10, "incidents, hash-chained timeline, tasks and evidence",

    "CREATE TABLE incidents (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  title       TEXT NOT NULL,\n"
    "  severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),\n"
    "  state       TEXT NOT NULL,\n"
    "  playbook    TEXT,              -- playbook id, NULL when opened without one\n"
    "  candidate   TEXT,              -- correlation candidate it was opened from\n"
    "  assets      TEXT NOT NULL,     -- affected asset ids, comma separated\n"
    "  detected_at INTEGER NOT NULL,  -- when the port became aware: the clocks start here\n"
    "  opened_at   INTEGER NOT NULL,\n"
    "  entries     INTEGER NOT NULL DEFAULT 0,\n"
    "  head        TEXT NOT NULL      -- hash of the last timeline entry\n"
    ") STRICT;\n"
    "CREATE TABLE incident_timeline (\n"
    "  incident    INTEGER NOT NULL REFERENCES incidents(id),\n"
    "  seq         INTEGER NOT NULL,\n"
    "  ts          INTEGER NOT NULL,\n"
    "  kind        TEXT NOT NULL,     -- opened, state, task, decision, note, comms, evidence\n"
    "  actor       TEXT NOT NULL,\n"
    "  body        TEXT NOT NULL,\n"
    "  prev_hash   TEXT NOT NULL,\n"
    "  hash        TEXT NOT NULL,\n"
    "  PRIMARY KEY (incident, seq)\n"
    ") STRICT;\n"
    "CREATE TRIGGER incident_timeline_no_update BEFORE UPDATE ON incident_timeline\n"
    "  BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;\n"
    "CREATE TRIGGER incident_timeline_no_delete BEFORE DELETE ON incident_timeline\n"
    "  BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;\n"
    "CREATE TABLE incident_tasks (\n"
    "  incident    INTEGER NOT NULL REFERENCES incidents(id),\n"
    "  n           INTEGER NOT NULL,  -- 1, 2, ... in playbook order\n"
    "  phase       TEXT NOT NULL,\n"
    "  text        TEXT NOT NULL,\n"
    "  role        TEXT NOT NULL,\n"
    "  assignee    TEXT,              -- person id; NULL when no active person holds the role\n"
    "  decision    TEXT,\n"
    "  duty        TEXT,\n"
    "  done_by     TEXT,\n"
    "  done_at     INTEGER,\n"
    "  PRIMARY KEY (incident, n)\n"
    ") STRICT;\n"
    "CREATE TABLE incident_evidence (\n"
    "  incident    INTEGER NOT NULL REFERENCES incidents(id),\n"
    "  sha256      TEXT NOT NULL,\n"
    "  name        TEXT NOT NULL,     -- the file name as given\n"
    "  size        INTEGER NOT NULL,\n"
    "  path        TEXT NOT NULL,     -- where the copy is, content-addressed\n"
    "  added_at    INTEGER NOT NULL,\n"
    "  added_by    TEXT NOT NULL,\n"
    "  PRIMARY KEY (incident, sha256)\n"
    ") STRICT;\n",
};
