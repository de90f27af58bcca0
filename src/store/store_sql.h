/* store_sql.h - SQLite helpers shared by the store's own files (and by tests
 * that inspect the database). Everything above the store uses store.h only.
 * Every helper checks the SQLite return code and turns it into an sw_error. */
#ifndef SW_STORE_SQL_H
#define SW_STORE_SQL_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/sha256.h"
#include "store/store.h"

sqlite3 *store_db(store *s);

/* Fills err with "what: sqlite message" and returns SW_ERR_DB. */
sw_code store_fail(store *s, sw_error *err, const char *what);
/* Runs one or more statements that return no rows. */
sw_code store_exec(store *s, const char *sql, sw_error *err);
sw_code store_prepare(store *s, const char *sql, sqlite3_stmt **out, sw_error *err);
/* Runs a query for one integer: the first column of the first row, 0 when no row. */
sw_code store_query_int(store *s, const char *sql, int64_t *out, sw_error *err);
/* Steps a query: *row is true with a row ready, false when done. */
sw_code store_step(store *s, sqlite3_stmt *st, bool *row, sw_error *err);

/* A text column as a C string; NULL for SQL NULL. */
static inline const char *col_text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

/* Positional arguments with a sticky error, like core/cursor.h: bind in
 * order without checking each call, then store_run checks once.
 * With `fingerprint` set every value is also hashed, and with `dry_run`
 * it is only hashed: the model sync runs its writers once dry to learn
 * what they would write, so an object's fingerprint is by construction
 * the hash of exactly what is stored for it. */
typedef struct store_args {
    sqlite3_stmt *st;
    int next;                 /* 1-based index of the next parameter */
    int rc;                   /* first failing SQLite code, SQLITE_OK while fine */
    sha256_ctx *fingerprint;  /* NULL: no hashing */
    bool dry_run;             /* hash only: nothing is bound or run (st may be NULL) */
} store_args;

store_args store_args_of(sqlite3_stmt *st);
void arg_text(store_args *a, const char *s);     /* NULL binds NULL */
void arg_int(store_args *a, int64_t v);
void arg_real(store_args *a, double v);
void arg_blob(store_args *a, const void *p, size_t n);
void arg_null(store_args *a);
/* Fails if any bind failed; else steps a no-row statement to completion.
 * Either way the statement is reset with bindings cleared, ready for reuse. */
sw_code store_run(store *s, store_args *a, sw_error *err);

/* --- migrations (store_migrate.c) ---------------------------------------- */

/* One schema step. Adding a migration is adding a file under migrations/
 * defining one of these and a line in migrations/migrations.def. */
typedef struct store_migration {
    int version;        /* 1, 2, 3, ... with no gaps */
    const char *name;
    const char *sql;    /* runs inside the migration's own transaction */
} store_migration;

/* Applies every migration newer than the database's user_version, each in
 * its own transaction; refuses a database newer than this binary. */
sw_code store_migrate(store *s, sw_error *err);

#endif
