/* 0008_vulns.c - schema v8: imported vulnerability records (CVE JSON 5,
 * NVD, CSAF) with their applicability trees, the CISA KEV catalog, and a
 * log of the files imported (`seawall vulns import`). */
#include "store/store_sql.h"

/* Times are INTEGER microseconds since the epoch, UTC, as elsewhere. A
 * record is unique per CVE, source format and advisory (a CSAF tracking id,
 * else ''): the same CVE from NVD and from a vendor's CSAF are kept apart,
 * and matching reads them all. `applicability` is the normalised AND/OR
 * tree as compact JSON (analysis/vuln_record.h); matching against the port
 * model happens when asked, so a changed model needs no re-import. */
const store_migration store_migration_0008_vulns = {
    8, "vulnerability records, the KEV catalog and the import log",

    "CREATE TABLE vuln_records (\n"
    "  id            INTEGER PRIMARY KEY,\n"
    "  cve_id        TEXT NOT NULL,\n"
    "  source        TEXT NOT NULL CHECK (source IN ('cve5', 'nvd', 'csaf')),\n"
    "  advisory      TEXT NOT NULL DEFAULT '',\n"
    "  title         TEXT,\n"
    "  published     INTEGER,           -- NULL: unknown\n"
    "  modified      INTEGER,\n"
    "  cvss_score    REAL CHECK (cvss_score IS NULL OR (cvss_score >= 0 AND cvss_score <= 10)),\n"
    "  cvss_version  TEXT,\n"
    "  cvss_vector   TEXT,\n"
    "  applicability TEXT NOT NULL,     -- JSON array of configuration nodes\n"
    "  file          TEXT NOT NULL,     -- the file it was last imported from\n"
    "  first_imported INTEGER NOT NULL,\n"
    "  last_imported  INTEGER NOT NULL,\n"
    "  UNIQUE (cve_id, source, advisory)\n"
    ") STRICT;\n"
    "CREATE INDEX vuln_records_cve ON vuln_records(cve_id);\n"

    "CREATE TABLE vuln_kev (\n"
    "  cve_id        TEXT PRIMARY KEY,\n"
    "  vendor        TEXT,\n"
    "  product       TEXT,\n"
    "  name          TEXT,\n"
    "  date_added    INTEGER NOT NULL,\n"
    "  due_date      INTEGER,\n"
    "  ransomware    INTEGER NOT NULL CHECK (ransomware IN (0, 1)),  -- knownRansomwareCampaignUse = Known\n"
    "  first_imported INTEGER NOT NULL,\n"
    "  last_imported  INTEGER NOT NULL\n"
    ") STRICT, WITHOUT ROWID;\n"

    "CREATE TABLE vuln_imports (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  file        TEXT NOT NULL,\n"
    "  sha256      TEXT NOT NULL,\n"
    "  format      TEXT NOT NULL CHECK (format IN ('cve5', 'nvd', 'kev', 'csaf')),\n"
    "  label       TEXT,              -- KEV catalog version or CSAF tracking id\n"
    "  records     INTEGER NOT NULL,\n"
    "  kev         INTEGER NOT NULL,\n"
    "  skipped     INTEGER NOT NULL,\n"
    "  imported_at INTEGER NOT NULL\n"
    ") STRICT;\n",
};
