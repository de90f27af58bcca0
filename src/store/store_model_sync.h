/* store_model_sync.h - what the per-kind model writers (store_model_*.c)
 * share with the sync driver in store_model.c. Internal to src/store/. */
#ifndef SW_STORE_MODEL_SYNC_H
#define SW_STORE_MODEL_SYNC_H
#include "core/arena.h"
#include "core/sha256.h"
#include "store/store_sql.h"

#define SYNC_MAX_STMTS 32

typedef struct sync_ctx {
    store *s;
    const port_model *m;
    store_sync_stats *stats;
    sw_error *err;
    arena scratch;                     /* derived ids (conduits), freed at the end */
    /* Prepared statements by SQL text (pointer identity): each writer's
     * statements are prepared once per sync and reused for every object. */
    struct { const char *sql; sqlite3_stmt *st; } stmts[SYNC_MAX_STMTS];
    size_t n_stmts;
    sqlite3_stmt *fingerprint_of[STORE_KIND__COUNT];   /* SELECT fingerprint FROM <kind> WHERE id = ? */
    sqlite3_stmt *keep;                /* INSERT INTO temp.sync_keep */
    /* The pass in progress: dry (fingerprint only) or writing. */
    bool dry_run;
    sha256_ctx fp_ctx;
    uint8_t fingerprint[SHA256_LEN];
} sync_ctx;

/* Writes one object (row, then children: delete theirs and insert the
 * model's). Called twice per object by sync_object: dry, then for real. */
typedef sw_code (*sync_write_fn)(sync_ctx *c, const void *object, const char *id);

/* Fingerprints the object with a dry run of write, compares with what is
 * stored under id, and writes it only when new or changed; counts it. */
sw_code sync_object(sync_ctx *c, store_kind kind, const void *object, const char *id, sync_write_fn write);

/* Arguments for sql in the current pass (prepared on first use when writing). */
sw_code sync_args(sync_ctx *c, const char *sql, store_args *a);
/* Binds the object's fingerprint (nothing in the dry pass, which computes it). */
void sync_arg_fingerprint(sync_ctx *c, store_args *a);
sw_code sync_run(sync_ctx *c, store_args *a);
/* id when the reference resolved (the FK target exists), else NULL. */
const char *sync_ref(const char *id, int index);
const char *sync_ref_in(const hashmap *by_id, const char *id);

/* One per kind, in the files that own the kind's tables. */
sw_code sync_sites(sync_ctx *c);            /* store_model_network.c */
sw_code sync_zones(sync_ctx *c);
sw_code sync_conduits(sync_ctx *c);
sw_code sync_assets(sync_ctx *c);           /* store_model_assets.c */
sw_code sync_entry_points(sync_ctx *c);     /* store_model_parties.c */
sw_code sync_people(sync_ctx *c);
sw_code sync_vendors(sync_ctx *c);

#endif
