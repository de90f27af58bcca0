/* 0013_drills.c - schema v13: incident-response drills (`seawall drill
 * run`): which scenario was played against which playbook, when, and how
 * the team scored; the compliance drill check counts these rows. */
#include "store/store_sql.h"

/* held_at is the wall-clock time the drill was run (what the ISPS and
 * 33 CFR 105 drill intervals count); sim_start is the simulated clock's
 * start. result is the full scoring as a JSON object (docs/ir.md). */
const store_migration store_migration_0013_drills = {
    13, "incident-response drills and their scores",

    "CREATE TABLE drills (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  scenario    TEXT NOT NULL,\n"
    "  playbook    TEXT NOT NULL,\n"
    "  held_at     INTEGER NOT NULL,\n"
    "  sim_start   INTEGER NOT NULL,\n"
    "  detect_us   INTEGER,            -- time to detect; NULL when the team never detected\n"
    "  points      REAL NOT NULL,      -- on time 1, late 0.5, else 0\n"
    "  scored      INTEGER NOT NULL,   -- how many items were scored\n"
    "  missed      INTEGER NOT NULL,\n"
    "  result      TEXT NOT NULL       -- the scoring as JSON\n"
    ") STRICT;\n",
};
