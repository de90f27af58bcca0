/* store.h - Seawall's database: open (creating and migrating it when asked),
 * transactions, syncing the port model in, and reading it back. This is the
 * interface upper layers use; SQLite is behind it (store_sql.h). */
#ifndef SW_STORE_H
#define SW_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "model/model.h"

typedef struct store store;

enum {
    /* Create the database file when it does not exist. Without it a missing
     * file is SW_ERR_IO, so read-only commands never leave an empty db behind. */
    STORE_CREATE = 1 << 0,
};

/* Opens path and brings its schema to the latest version this binary knows.
 * NULL on failure with err set: SW_ERR_IO when the file is missing (and
 * STORE_CREATE not given) or cannot be opened, SW_ERR_DB when it is not a
 * Seawall database, is newer than this binary, or a migration failed. */
store *store_open(const char *path, unsigned flags, sw_error *err);
void store_close(store *s);
const char *store_path(const store *s);

/* Write transactions. BEGIN IMMEDIATE takes the write lock up front, so two
 * writers queue on busy_timeout instead of one failing half-way with BUSY. */
sw_code store_begin(store *s, sw_error *err);
sw_code store_commit(store *s, sw_error *err);
/* Safe to call when no transaction is open; never fails in a way callers can act on. */
void store_rollback(store *s);

/* Schema versions: what the database is at, and the newest this binary knows. */
int store_schema_version(store *s);
int store_schema_latest(void);

/* --- the port model (store_model.c) --------------------------------------- */

typedef enum {
    STORE_KIND_SITE, STORE_KIND_ZONE, STORE_KIND_CONDUIT, STORE_KIND_ASSET,
    STORE_KIND_ENTRY_POINT, STORE_KIND_PERSON, STORE_KIND_VENDOR, STORE_KIND__COUNT
} store_kind;

typedef struct store_kind_counts {
    unsigned added, updated, unchanged, removed;
} store_kind_counts;

typedef struct store_sync_stats {
    store_kind_counts kind[STORE_KIND__COUNT];
    int64_t load_id;               /* row id in model_loads */
} store_sync_stats;

/* "zones", "assets", ... as used in messages, JSON and model_load_counts. */
const char *store_kind_name(store_kind k);

/* Makes the database hold exactly model m, in one transaction: objects are
 * upserted by id, children of changed objects rebuilt, objects no longer in
 * the model deleted (their observations stay, unlinked), and the load is
 * recorded in model_loads. model_sha256 is the hex hash of the bytes m was
 * parsed from. On failure nothing changes. Call outside any transaction. */
sw_code store_sync_model(store *s, const port_model *m, const char *model_sha256,
                         store_sync_stats *stats, sw_error *err);

/* True when a port model has been loaded. */
sw_code store_has_model(store *s, bool *out, sw_error *err);

#endif
