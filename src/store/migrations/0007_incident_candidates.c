/* 0007_incident_candidates.c - schema v7: the correlation engine's incident
 * candidates (`seawall correlate`, `seawall incidents --candidates`). */
#include "store/store_sql.h"

/* A candidate is rebuilt whole on every correlation run (the engine is
 * deterministic, so the same alerts give the same ids); the document
 * holds its evidence, assets at stake and explanations, the columns what
 * a listing sorts and shows. Times are INTEGER microseconds, UTC. */
const store_migration store_migration_0007_incident_candidates = {
    7, "incident candidates from the correlation engine",

    "CREATE TABLE incident_candidates (\n"
    "  id          TEXT PRIMARY KEY,  -- 'C-' and 16 hex digits: the key of its first alert\n"
    "  first_ts    INTEGER NOT NULL,\n"
    "  last_ts     INTEGER NOT NULL,\n"
    "  score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),\n"
    "  severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),\n"
    "  alerts      INTEGER NOT NULL,\n"
    "  domains     TEXT NOT NULL,     -- 'net, phys'\n"
    "  tactics     TEXT NOT NULL,     -- 'Discovery > Lateral Movement', kill-chain order\n"
    "  assets      TEXT NOT NULL,     -- asset ids at stake, most critical first\n"
    "  explanation TEXT NOT NULL,     -- one sentence per link, newline separated\n"
    "  doc         TEXT NOT NULL CHECK (json_valid(doc)),\n"
    "  stored_at   INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX incident_candidates_score ON incident_candidates(score DESC, first_ts);\n",
};
