/* store_migrate.c - brings a database's schema to the latest version: the
 * numbered migrations of migrations/migrations.def, each in its own
 * transaction, tracked in PRAGMA user_version and schema_migrations. */
#include "store/store_sql.h"
#include <stdio.h>
#include "core/timeutil.h"

#define STORE_MIGRATION(ident) extern const store_migration ident;
#include "store/migrations/migrations.def"
#undef STORE_MIGRATION

static const store_migration *const migrations[] = {
#define STORE_MIGRATION(ident) &ident,
#include "store/migrations/migrations.def"
#undef STORE_MIGRATION
};
static const int n_migrations = (int)(sizeof migrations / sizeof migrations[0]);

/* 'SWAL' in the database header marks a file as Seawall's, so we never
 * migrate some other program's database by mistake. */
#define SEAWALL_APPLICATION_ID 0x5357414c

int store_schema_latest(void) { return n_migrations; }

int store_schema_version(store *s)
{
    int64_t v = -1;
    if (store_query_int(s, "PRAGMA user_version", &v, NULL) != SW_OK) return -1;
    return (int)v;
}

/* Refuses databases that are not Seawall's: another application id, or an
 * unversioned file that already has tables of its own. */
static sw_code check_ownership(store *s, int64_t version, sw_error *err)
{
    int64_t app_id, tables;
    if (store_query_int(s, "PRAGMA application_id", &app_id, err)) return SW_ERR_DB;
    if (store_query_int(s, "SELECT count(*) FROM sqlite_schema", &tables, err)) return SW_ERR_DB;
    if (app_id == SEAWALL_APPLICATION_ID || (app_id == 0 && version == 0 && tables == 0)) return SW_OK;
    return sw_fail(err, SW_ERR_DB, "%s: not a Seawall database (application id %#llx, %lld tables)",
                   store_path(s), (unsigned long long)app_id, (long long)tables);
}

/* The migration's own statements plus its bookkeeping, inside the transaction. */
static sw_code migration_body(store *s, const store_migration *mg, sw_error *err)
{
    if (store_exec(s,
                   "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
                   "  version    INTEGER PRIMARY KEY,\n"
                   "  name       TEXT NOT NULL,\n"
                   "  applied_at INTEGER NOT NULL  -- microseconds since the epoch, UTC\n"
                   ") STRICT", err))
        return SW_ERR_DB;
    if (sqlite3_exec(store_db(s), mg->sql, NULL, NULL, NULL) != SQLITE_OK)
        return sw_fail(err, SW_ERR_DB, "%s: migration %d (%s): %s", store_path(s), mg->version, mg->name,
                       sqlite3_errmsg(store_db(s)));
    sqlite3_stmt *st;
    if (store_prepare(s, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)", &st, err))
        return SW_ERR_DB;
    store_args a = store_args_of(st);
    arg_int(&a, mg->version);
    arg_text(&a, mg->name);
    arg_int(&a, time_now_us());
    sw_code rc = store_run(s, &a, err);
    sqlite3_finalize(st);
    if (rc) return rc;
    /* PRAGMAs take no parameters; both values are integers we control. */
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d", mg->version,
             SEAWALL_APPLICATION_ID);
    return store_exec(s, sql, err);
}

static sw_code apply_one(store *s, const store_migration *mg, sw_error *err)
{
    int64_t version;
    if (store_begin(s, err)) return SW_ERR_DB;
    /* Another process may have migrated while we waited for the write lock. */
    if (store_query_int(s, "PRAGMA user_version", &version, err)) {
        store_rollback(s);
        return SW_ERR_DB;
    }
    if (version >= mg->version) {
        store_rollback(s);
        return SW_OK;
    }
    if (migration_body(s, mg, err)) {
        store_rollback(s);
        return SW_ERR_DB;
    }
    return store_commit(s, err);
}

sw_code store_migrate(store *s, sw_error *err)
{
    int64_t version;
    if (store_query_int(s, "PRAGMA user_version", &version, err)) return SW_ERR_DB;
    if (version > n_migrations)
        return sw_fail(err, SW_ERR_DB,
                       "%s: database schema version %lld is newer than this seawall knows (%d); "
                       "use a newer seawall", store_path(s), (long long)version, n_migrations);
    if (check_ownership(s, version, err)) return SW_ERR_DB;
    for (int i = (int)version; i < n_migrations; i++) {
        /* The table is the only ordering: catch a gap or a misnumbered file. */
        if (migrations[i]->version != i + 1)
            return sw_fail(err, SW_ERR_DB, "migration table broken: entry %d has version %d",
                           i + 1, migrations[i]->version);
        if (apply_one(s, migrations[i], err)) return SW_ERR_DB;
    }
    return SW_OK;
}
