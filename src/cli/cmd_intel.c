/* cmd_intel.c - `seawall intel`: threat-intelligence indicators imported
 * from a STIX 2.1 bundle or a plain list, listed, and cleared by source;
 * `seawall sense` matches them (SW-INTEL-*). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "detect/intel_import.h"
#include "store/store_intel.h"

#define INTEL_FILE_MAX (512u << 20)

typedef struct import_ctx {
    const char *file, *source;
    store_intel_import *im;
    int64_t now;
    size_t added, updated;
    sw_code rc;
    sw_error err;
} import_ctx;

static void on_indicator(void *user, const detect_indicator *ind)
{
    import_ctx *c = user;
    if (c->rc != SW_OK) return;
    store_indicator_rec r = { detect_ioc_type_name(ind->type), ind->value, c->source, ind->name, ind->description,
                              ind->ref, ind->valid_from, ind->valid_until, 0, 0 };
    bool added;
    c->rc = store_intel_import_add(c->im, &r, c->now, &added, &c->err);
    if (c->rc == SW_OK) { if (added) c->added++; else c->updated++; }
}

static void on_problem(void *user, const char *where, bool error, const char *msg)
{
    import_ctx *c = user;
    fprintf(stderr, "%s: %s: %s: %s\n", c->file, where, error ? "error" : "skipped", msg);
}

/* The whole file, or NULL with a message (bounded: feeds are not gigabytes). */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return NULL; }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= INTEL_FILE_MAX) { fprintf(stderr, "%s: larger than %u MiB\n", path, INTEL_FILE_MAX >> 20); free(buf); fclose(f); return NULL; }
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap + 1);
            if (!nb) { fprintf(stderr, "%s: out of memory\n", path); free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) { fprintf(stderr, "%s: read error\n", path); free(buf); return NULL; }
    if (!buf) buf = malloc(1);
    if (buf) buf[n] = '\0';
    *len = n;
    return buf;
}

static int import(const cli_command *cmd, const cli_ctx *ctx, const char *file, const char *source)
{
    size_t len;
    char *data = read_file(file, &len);
    if (!data) return EXIT_INPUT;
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) { free(data); return rc; }
    const char *base = strrchr(file, '/');
    import_ctx c = { file, source ? source : (base ? base + 1 : file), NULL, time_now_us(), 0, 0, SW_OK, { 0 } };
    if (!(c.im = store_intel_import_begin(s, &c.err))) {
        fprintf(stderr, "seawall intel: %s\n", c.err.msg);
        store_close(s);
        free(data);
        return EXIT_INPUT;
    }
    intel_import_sink sink = { on_indicator, on_problem, &c };
    intel_import_stats st;
    sw_error perr = { 0 };
    sw_code prc = intel_import_parse(data, len, &sink, &st, &perr);
    free(data);
    if (prc != SW_OK || c.rc != SW_OK) {
        store_intel_import_abort(c.im);
        store_close(s);
        if (prc != SW_OK) fprintf(stderr, "%s: %s; nothing imported\n", file, perr.msg);
        else fprintf(stderr, "seawall intel: %s; nothing imported\n", c.err.msg);
        return EXIT_INPUT;
    }
    if (store_intel_import_commit(c.im, &c.err) != SW_OK) {
        fprintf(stderr, "seawall intel: %s; nothing imported\n", c.err.msg);
        store_close(s);
        return EXIT_INPUT;
    }
    store_close(s);
    if (ctx->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        jw_object_begin(&w);
        jw_kv_string(&w, "file", file);
        jw_kv_string(&w, "format", st.format);
        jw_kv_string(&w, "source", c.source);
        jw_kv_uint(&w, "items", st.items);
        jw_kv_uint(&w, "indicators", st.indicators);
        jw_kv_uint(&w, "added", c.added);
        jw_kv_uint(&w, "updated", c.updated);
        jw_kv_uint(&w, "errors", st.errors);
        jw_kv_uint(&w, "unsupported", st.unsupported);
        jw_kv_uint(&w, "revoked", st.revoked);
        jw_object_end(&w);
        strbuf_putc(&sb, '\n');
        cli_jw_flush(&sb);
        strbuf_free(&sb);
    } else {
        printf("%s (%s, source %s): %zu %s, %zu indicators (%zu new, %zu updated), %zu errors, %zu unsupported, "
               "%zu revoked\n", file, !strcmp(st.format, "stix") ? "STIX" : "plain list", c.source, st.items,
               !strcmp(st.format, "stix") ? "objects" : "lines", st.indicators, c.added, c.updated, st.errors,
               st.unsupported, st.revoked);
    }
    return st.errors ? EXIT_FINDINGS : EXIT_OK;
}

static int list_row(void *ctx, const store_indicator_rec *r)
{
    cli_listing *l = ctx;
    char until[SW_TIME_STR_MAX] = "", from[SW_TIME_STR_MAX] = "", imported[SW_TIME_STR_MAX];
    if (l->json) {
        jw_object_begin(&l->w);
        jw_kv_string(&l->w, "type", r->type);
        jw_kv_string(&l->w, "value", r->value);
        jw_kv_string(&l->w, "source", r->source);
        jw_kv_string(&l->w, "name", r->name);
        jw_kv_string(&l->w, "description", r->description);
        jw_kv_string(&l->w, "stix_id", r->stix_id);
        jw_kv_string(&l->w, "valid_from", r->valid_from ? time_fmt_rfc3339(r->valid_from, 0, from) : NULL);
        jw_kv_string(&l->w, "valid_until", r->valid_until ? time_fmt_rfc3339(r->valid_until, 0, until) : NULL);
        jw_kv_string(&l->w, "first_imported", time_fmt_rfc3339(r->first_imported, 0, imported));
        jw_kv_string(&l->w, "last_imported", time_fmt_rfc3339(r->last_imported, 0, imported));
        jw_object_end(&l->w);
        cli_listing_row(l, NULL);
        return 0;
    }
    const char *cells[] = { r->type, r->value, r->source, r->name,
                            r->valid_until ? time_fmt_rfc3339(r->valid_until, 0, until) : NULL,
                            time_fmt_rfc3339(r->first_imported, 0, imported) };
    cli_listing_row(l, cells);
    return 0;
}

static int run_intel(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_SOURCE = 0x2000 };
    static const struct option opts[] = { CLI_COMMON_OPTIONS, { "source", required_argument, NULL, OPT_SOURCE }, { 0, 0, 0, 0 } };
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) { cli_print_usage(cmd, stdout); return EXIT_OK; }
        return cli_usage_error(cmd, "give a subcommand: import FILE, list or clear");
    }
    const char *action = argv[1];
    if (strcmp(action, "import") && strcmp(action, "list") && strcmp(action, "clear"))
        return cli_usage_error(cmd, "unknown subcommand '%s' (import, list or clear)", action);
    argv++;
    argc--;
    const char *source = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        if (opt == OPT_SOURCE) {
            if (!*optarg) return cli_usage_error(cmd, "--source wants a name");
            source = optarg;
            continue;
        }
        int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (common < 0) return rc;
        if (common == 0) return cli_usage_error(cmd, "unknown option");
    }
    if (!strcmp(action, "import")) {
        if (optind + 1 != argc) return cli_usage_error(cmd, "import wants exactly one FILE");
        return import(cmd, ctx, argv[optind], source);
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    sw_error err = { 0 };
    rc = EXIT_OK;
    if (!strcmp(action, "clear")) {
        int64_t removed;
        if (store_intel_clear(s, source, &removed, &err) != SW_OK) {
            fprintf(stderr, "seawall intel: %s\n", err.msg);
            rc = EXIT_INPUT;
        } else {
            printf("removed %lld indicators%s%s\n", (long long)removed, source ? " of source " : "", source ? source : "");
        }
    } else {
        static const char *const headers[] = { "TYPE", "VALUE", "SOURCE", "NAME", "VALID UNTIL", "IMPORTED" };
        cli_listing l;
        cli_listing_begin(&l, ctx->json, 6, headers);
        if (store_intel_each(s, source, list_row, &l, &err) != SW_OK) {
            fprintf(stderr, "seawall intel: %s\n", err.msg);
            rc = EXIT_INPUT;
        }
        cli_listing_end(&l, rc == EXIT_OK, "seawall intel: no indicators; import some with 'seawall intel import FILE'");
    }
    store_close(s);
    return rc;
}

const cli_command cmd_intel = {
    "intel", "threat-intelligence indicators: import, list, clear",
    "Usage: seawall intel import FILE [--source NAME] [--db PATH] [--json]\n"
    "       seawall intel list [--source NAME] [--db PATH] [--json]\n"
    "       seawall intel clear [--source NAME] [--db PATH]\n"
    "\n"
    "import reads a STIX 2.1 bundle (JSON: indicator objects whose patterns\n"
    "compare domain-name, ipv4-addr, ipv6-addr, url or network-traffic address\n"
    "values, joined by OR; and domain-name/ipv4-addr/ipv6-addr/url objects) or a\n"
    "plain list (one domain, address, CIDR network or URL a line, # comments),\n"
    "telling them apart by the first character. Bad lines and objects are\n"
    "reported with their position and counted; the rest is imported in one\n"
    "transaction. Indicators are unique per type, value and source; importing\n"
    "again updates them. 'seawall sense --store' (or --intel) matches them.\n"
    "\n"
    "  --source NAME  the feed's name (default: the file's name); list and\n"
    "                 clear only that source's indicators\n"
    "\n"
    "Exit: 0 ok, 1 some lines or objects were bad (the others are imported) or\n"
    "no port model in the database, 2 usage, 3 the file or database could not\n"
    "be read (a JSON syntax error imports nothing).\n",
    run_intel,
};
