/* store.c - opening the SQLite database with the settings Seawall relies on,
 * transactions, and the checked statement helpers of store_sql.h. */
#include "store/store_sql.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* How long a writer waits for another one (say `seawall init` while a sensor
 * writes observations) before giving up with "database is locked". */
#define STORE_BUSY_TIMEOUT_MS 5000

struct store {
    sqlite3 *db;
    char *path;
};

sqlite3 *store_db(store *s) { return s->db; }
const char *store_path(const store *s) { return s->path; }

sw_code store_fail(store *s, sw_error *err, const char *what)
{
    return sw_fail(err, SW_ERR_DB, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sw_code store_exec(store *s, const char *sql, sw_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) return store_fail(s, err, "exec");
    return SW_OK;
}

sw_code store_prepare(store *s, const char *sql, sqlite3_stmt **out, sw_error *err)
{
    *out = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, out, NULL) != SQLITE_OK) return store_fail(s, err, "prepare");
    return SW_OK;
}

sw_code store_step(store *s, sqlite3_stmt *st, bool *row, sw_error *err)
{
    int rc = sqlite3_step(st);
    *row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return SW_OK;
    return store_fail(s, err, "query");
}

sw_code store_query_int(store *s, const char *sql, int64_t *out, sw_error *err)
{
    sqlite3_stmt *st;
    bool row;
    *out = 0;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc = store_step(s, st, &row, err);
    if (rc == SW_OK && row) *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

store_args store_args_of(sqlite3_stmt *st)
{
    store_args a = { st, 1, SQLITE_OK, NULL, false };
    return a;
}

/* The fingerprint encoding: a type tag, then a fixed-size value or a
 * length and the bytes, so no two sequences of values hash alike. */
static void hash_tagged(store_args *a, char tag, const void *p, size_t n, bool with_len)
{
    if (!a->fingerprint) return;
    sha256_update(a->fingerprint, &tag, 1);
    if (with_len) {
        uint64_t len = n;
        sha256_update(a->fingerprint, &len, sizeof len);
    }
    if (n) sha256_update(a->fingerprint, p, n);
}

/* Records the first failure only, so the message names the real cause. */
static void arg_done(store_args *a, int rc)
{
    if (a->rc == SQLITE_OK && rc != SQLITE_OK) a->rc = rc;
    a->next++;
}

void arg_text(store_args *a, const char *s)
{
    if (s) hash_tagged(a, 't', s, strlen(s), true);
    else hash_tagged(a, 'n', NULL, 0, false);
    if (a->dry_run) { a->next++; return; }
    arg_done(a, s ? sqlite3_bind_text(a->st, a->next, s, -1, SQLITE_STATIC) : sqlite3_bind_null(a->st, a->next));
}

void arg_int(store_args *a, int64_t v)
{
    hash_tagged(a, 'i', &v, sizeof v, false);
    if (a->dry_run) { a->next++; return; }
    arg_done(a, sqlite3_bind_int64(a->st, a->next, v));
}

void arg_real(store_args *a, double v)
{
    hash_tagged(a, 'r', &v, sizeof v, false);
    if (a->dry_run) { a->next++; return; }
    arg_done(a, sqlite3_bind_double(a->st, a->next, v));
}

void arg_null(store_args *a)
{
    hash_tagged(a, 'n', NULL, 0, false);
    if (a->dry_run) { a->next++; return; }
    arg_done(a, sqlite3_bind_null(a->st, a->next));
}

void arg_blob(store_args *a, const void *p, size_t n)
{
    hash_tagged(a, 'b', p, n, true);
    if (a->dry_run) { a->next++; return; }
    arg_done(a, sqlite3_bind_blob64(a->st, a->next, p, n, SQLITE_STATIC));
}

sw_code store_run(store *s, store_args *a, sw_error *err)
{
    sw_code code = SW_OK;
    /* ends the statement's values in the fingerprint: [a b][c] is not [a][b c] */
    hash_tagged(a, ';', NULL, 0, false);
    if (a->dry_run) {
        a->next = 1;
        return SW_OK;
    }
    if (a->rc != SQLITE_OK)
        code = sw_fail(err, SW_ERR_DB, "%s: binding parameters: %s", s->path, sqlite3_errstr(a->rc));
    else if (sqlite3_step(a->st) != SQLITE_DONE)
        code = store_fail(s, err, "write");
    /* reset repeats the step's error code, already reported above */
    (void)sqlite3_reset(a->st);
    (void)sqlite3_clear_bindings(a->st);
    a->next = 1;
    a->rc = SQLITE_OK;
    return code;
}

sw_code store_begin(store *s, sw_error *err)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, "begin transaction");
    return SW_OK;
}

sw_code store_commit(store *s, sw_error *err)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        /* A failed COMMIT (deferred foreign key, disk full) leaves the
         * transaction open; end it so the handle is usable again. */
        sw_code rc = store_fail(s, err, "commit");
        store_rollback(s);
        return rc;
    }
    return SW_OK;
}

void store_rollback(store *s)
{
    if (!sqlite3_get_autocommit(s->db)) (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Runs a PRAGMA that answers with one text row and checks the answer, since
 * SQLite reports a setting it could not apply by answering with the old one
 * rather than by failing. */
static sw_code pragma_expect(store *s, const char *sql, const char *want, sw_error *err)
{
    sqlite3_stmt *st;
    bool row;
    if (store_prepare(s, sql, &st, err)) return SW_ERR_DB;
    sw_code rc = store_step(s, st, &row, err);
    if (rc == SW_OK) {
        const unsigned char *got = row ? sqlite3_column_text(st, 0) : NULL;
        if (!got || strcmp((const char *)got, want) != 0)
            rc = sw_fail(err, SW_ERR_DB, "%s: %s answered '%s', wanted '%s'", s->path, sql,
                         got ? (const char *)got : "", want);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The connection settings, in the order they must be applied:
 * - WAL: readers (dashboard, CLI) never block the writer and a crash at any
 *   moment leaves the last committed state; it persists in the file.
 * - synchronous=NORMAL: in WAL mode this never corrupts the database and
 *   never exposes half a transaction; a power cut (not a process crash) may
 *   lose the last few commits. Those are model loads that can be re-run and
 *   observations the sensors re-derive, so the fsync per commit of FULL is
 *   not worth it on the observation write path.
 * - foreign_keys: per connection and off by default in SQLite; the schema's
 *   ON DELETE rules (observations survive their asset) depend on it.
 * - temp_store=MEMORY: statement journals (every upsert inside a batch
 *   keeps one) and sorts stay in memory; on disk they spilled to /var/tmp
 *   as hundreds of thousands of small writes per sensor run. Each journal
 *   lives for one statement, so the memory is a few pages. */
static sw_code store_configure(store *s, sw_error *err)
{
    if (sqlite3_extended_result_codes(s->db, 1) != SQLITE_OK) return store_fail(s, err, "configure");
    if (sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK) return store_fail(s, err, "busy timeout");
    /* The first statement reads the header: a file that is not a database fails here. */
    if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
        return sw_fail(err, SW_ERR_DB, "%s: not a Seawall database: %s", s->path, sqlite3_errmsg(s->db));
    if (pragma_expect(s, "PRAGMA journal_mode=WAL", "wal", err)) return SW_ERR_DB;
    if (store_exec(s, "PRAGMA synchronous=NORMAL", err)) return SW_ERR_DB;
    if (store_exec(s, "PRAGMA foreign_keys=ON", err)) return SW_ERR_DB;
    if (pragma_expect(s, "PRAGMA foreign_keys", "1", err)) return SW_ERR_DB;
    if (store_exec(s, "PRAGMA temp_store=MEMORY", err)) return SW_ERR_DB;
    return SW_OK;
}

store *store_open(const char *path, unsigned flags, sw_error *err)
{
    struct stat sb;
    if (!(flags & STORE_CREATE) && stat(path, &sb) != 0) {
        sw_fail(err, SW_ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        sw_fail(err, SW_ERR_NOMEM, "%s: out of memory", path);
        return NULL;
    }
    int oflags = SQLITE_OPEN_READWRITE | (flags & STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        /* sqlite3_open_v2 allocates a handle even when it fails */
        sw_fail(err, SW_ERR_IO, "%s: cannot open: %s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    if (store_configure(s, err) != SW_OK || store_migrate(s, err) != SW_OK) {
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(store *s)
{
    if (!s) return;
    if (s->db) store_rollback(s);
    /* sqlite3_close (not _v2) fails loudly if a statement was leaked; the
     * store finalizes everything it prepares, so that would be a bug here. */
    if (s->db && sqlite3_close(s->db) != SQLITE_OK) (void)sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}
