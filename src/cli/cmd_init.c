/* cmd_init.c - `seawall init PORT.yaml`: validates the port model and, only
 * if it has no error, loads it into the database (created and migrated as
 * needed), reporting what was added, updated and removed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli_store.h"
#include "core/diag.h"
#include "core/sha256.h"

/* Far above the loader's own limit, which then reports the size properly;
 * this one only keeps a wrong path (a disk image) from filling memory. */
#define INIT_MAX_READ_BYTES (64u << 20)

/* Reads the whole file. The model is parsed from these bytes and their hash
 * is what the database records, so the two cannot disagree. */
static char *read_model_file(const char *path, size_t *len, const char **why)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { *why = strerror(errno); return NULL; }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = "not a regular file";
        close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size > INIT_MAX_READ_BYTES) {
        *why = "too large for a port model";
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size, got = 0;
    char *buf = malloc(cap + 1);
    if (!buf) { *why = "out of memory"; close(fd); return NULL; }
    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { *why = strerror(errno); free(buf); close(fd); return NULL; }
        if (r == 0) break;   /* the file shrank while we read it */
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

static const struct { const char *one, *many; } kind_words[STORE_KIND__COUNT] = {
    { "site", "sites" }, { "zone", "zones" }, { "conduit", "conduits" }, { "asset", "assets" },
    { "entry point", "entry points" }, { "person", "people" }, { "vendor", "vendors" },
};

/* "loaded Port of Aurora: 12 zones (+12), 180 assets (+3 ~2 -1), ..." */
static void print_human(const port_model *m, const store_sync_stats *st, const char *db)
{
    unsigned changes = 0;
    printf("loaded %s into %s:", m->port.name ? m->port.name : "the port", db);
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        const store_kind_counts *n = &st->kind[k];
        unsigned now = n->added + n->updated + n->unchanged;
        printf("%s %u %s", k ? "," : "", now, now == 1 ? kind_words[k].one : kind_words[k].many);
        if (n->added + n->updated + n->removed == 0) continue;
        changes += n->added + n->updated + n->removed;
        const char *sep = " (";
        if (n->added) { printf("%s+%u", sep, n->added); sep = " "; }
        if (n->updated) { printf("%s~%u", sep, n->updated); sep = " "; }
        if (n->removed) printf("%s-%u", sep, n->removed);
        printf(")");
    }
    printf("%s\n", changes ? "" : "; no changes");
}

static void print_json(const port_model *m, const store_sync_stats *st, const char *db, const char *sha)
{
    strbuf sb;
    json_writer w;
    strbuf_init(&sb);
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_kv_string(&w, "port", m->port.name);
    jw_kv_string(&w, "model", m->path);
    jw_kv_string(&w, "sha256", sha);
    jw_kv_string(&w, "db", db);
    jw_kv_int(&w, "load_id", st->load_id);
    jw_key(&w, "changes");
    jw_object_begin(&w);
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        const store_kind_counts *n = &st->kind[k];
        jw_key(&w, store_kind_name((store_kind)k));
        jw_object_begin(&w);
        jw_kv_uint(&w, "total", n->added + n->updated + n->unchanged);
        jw_kv_uint(&w, "added", n->added);
        jw_kv_uint(&w, "updated", n->updated);
        jw_kv_uint(&w, "unchanged", n->unchanged);
        jw_kv_uint(&w, "removed", n->removed);
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_object_end(&w);
    printf("%s\n", strbuf_cstr(&sb));
    strbuf_free(&sb);
}

/* Opens (creating and migrating) the database and syncs; the model is valid. */
static int load_into_store(const cli_ctx *ctx, const port_model *m, const char *sha)
{
    sw_error err = { 0 };
    store *s = store_open(ctx->db_path, STORE_CREATE, &err);
    if (!s) {
        fprintf(stderr, "seawall init: %s\n", err.msg);
        return EXIT_INPUT;
    }
    store_sync_stats st;
    if (store_sync_model(s, m, sha, &st, &err) != SW_OK) {
        fprintf(stderr, "seawall init: %s\nseawall init: nothing was changed\n", err.msg);
        store_close(s);
        return EXIT_INPUT;
    }
    store_close(s);
    if (ctx->json) print_json(m, &st, ctx->db_path, sha);
    else print_human(m, &st, ctx->db_path);
    return EXIT_OK;
}

static int run_init(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    if (cli_parse_common(cmd, ctx, argc, argv, &rc) < 0) return rc;
    if (optind >= argc) return cli_usage_error(cmd, "which port model? give the path of a port.yaml");
    if (argc - optind > 1) return cli_usage_error(cmd, "one port model at a time (got %d files)", argc - optind);
    const char *path = argv[optind];

    size_t len = 0;
    const char *why = NULL;
    char *data = read_model_file(path, &len, &why);
    if (!data) {
        fprintf(stderr, "seawall init: %s: cannot read: %s\n", path, why);
        return EXIT_INPUT;
    }
    char sha[SHA256_HEX_LEN];
    sha256_hex(data, len, sha);
    diag_list diags;
    diag_init(&diags, path);
    port_model *m = model_load_buffer(data, len, path, &diags);
    free(data);
    if (!m) {
        fprintf(stderr, "seawall init: %s: cannot load: out of memory\n", path);
        diag_free(&diags);
        return EXIT_INPUT;
    }
    diag_sort(&diags);
    if (diags.errors) {
        /* Any error: the database is not opened, so not even created. */
        diag_print(&diags, stderr);
        fprintf(stderr, "seawall init: refusing to load: %zu %s in %s; %s was not touched\n", diags.errors,
                diags.errors == 1 ? "error" : "errors", path, ctx->db_path);
        rc = EXIT_FINDINGS;
    } else {
        if (diags.len) diag_print(&diags, stderr);   /* warnings do not stop a load */
        rc = load_into_store(ctx, m, sha);
    }
    model_free(m);
    diag_free(&diags);
    return rc;
}

const cli_command cmd_init = {
    "init", "load a port model into the database",
    "Usage: seawall init [--db PATH] [--json] PORT.yaml\n"
    "\n"
    "Validates the port model PORT.yaml and loads it into the database (default\n"
    "./seawall.db, or $SEAWALL_DB), creating the database and bringing its schema\n"
    "up to date as needed. If the model has any error, prints every diagnostic as\n"
    "FILE:LINE:COL and refuses to load: the database is not touched, nor created.\n"
    "\n"
    "Loading again with an edited model changes only what changed: objects are\n"
    "matched by id, new ones added, changed ones updated, and ones no longer in\n"
    "the model removed; what sensors observed is kept (observations of a removed\n"
    "asset stay, unlinked). The load is one transaction: an interrupted load\n"
    "leaves the previous model whole. Prints the counts per kind with the\n"
    "changes, as '180 assets (+3 ~2 -1)': added, updated, removed. With --json,\n"
    "prints {port, model, sha256, db, load_id, changes: {KIND: {total, added,\n"
    "updated, unchanged, removed}}}.\n"
    "\n"
    "Exits 1 when the model has errors, 3 when PORT.yaml cannot be read or the\n"
    "database cannot be opened or written.\n",
    run_init,
};
