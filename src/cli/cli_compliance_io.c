/* cli_compliance_io.c - `seawall compliance export|import FILE`: the stored
 * statuses as CSV (RFC 4180) or JSON. An import checks every row against
 * the catalogues and the port's zones first and writes nothing unless all
 * rows are good; then it writes them in one transaction. */
#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_compliance.h"
#include "cli/cli_store.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "store/store_compliance.h"
#include "store/store_query.h"

#define IMPORT_MAX_BYTES ((size_t)64 << 20)
#define FIELD_MAX 4096
enum { F_FRAMEWORK, F_REQUIREMENT, F_ZONE, F_STATUS, F_OWNER, F_DUE, F_EVIDENCE, F__COUNT };
static const char *const field_names[F__COUNT] = { "framework", "requirement", "zone", "status", "owner", "due", "evidence" };

static bool is_json(const comp_opts *o, const char *path)
{
    if (o->format) return !strcmp(o->format, "json");
    size_t n = strlen(path);
    return n >= 5 && !strcmp(path + n - 5, ".json");
}

/* --- export ------------------------------------------------------------------------- */

typedef struct exporter { FILE *f; bool json; size_t rows; strbuf sb; json_writer w; } exporter;

static void csv_field(FILE *f, const char *s, bool last)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) { if (*s == '"') fputc('"', f); fputc(*s, f); }
        fputc('"', f);
    } else if (s) fputs(s, f);
    fputs(last ? "\r\n" : ",", f);
}

static int export_row(void *ctx, const store_comp_status *r)
{
    exporter *x = ctx;
    const char *v[F__COUNT] = { r->framework, r->requirement, r->zone, r->status, r->owner, r->due, r->evidence };
    if (!x->json) {
        for (int i = 0; i < F__COUNT; i++) csv_field(x->f, v[i], i == F__COUNT - 1);
    } else {
        /* One object a line, streamed: the writer's own array would buffer everything. */
        if (x->rows) fputs(",\n", x->f);
        jw_init(&x->w, &x->sb);
        jw_object_begin(&x->w);
        for (int i = 0; i < F__COUNT; i++) jw_kv_string(&x->w, field_names[i], i == F_ZONE && !v[i][0] ? NULL : v[i]);
        jw_object_end(&x->w);
        fputs(strbuf_cstr(&x->sb), x->f);
        strbuf_reset(&x->sb);
    }
    x->rows++;
    return 0;
}

int cli_comp_export(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *path)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    bool to_stdout = !strcmp(path, "-");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    exporter x = { .json = is_json(o, path) };
    x.f = to_stdout ? stdout : fopen(tmp, "w");
    if (!x.f) {
        fprintf(stderr, "seawall %s: %s: %s\n", cmd->name, tmp, strerror(errno));
        store_close(s);
        return EXIT_INPUT;
    }
    strbuf_init(&x.sb);
    jw_init(&x.w, &x.sb);
    if (x.json) fputs("[\n", x.f);
    else for (int i = 0; i < F__COUNT; i++) csv_field(x.f, field_names[i], i == F__COUNT - 1);
    sw_error err = { 0 };
    sw_code qrc = store_comp_list(s, NULL, NULL, export_row, &x, &err);
    if (x.json) fputs(x.rows ? "\n]\n" : "]\n", x.f);
    rc = EXIT_OK;
    if (qrc) { fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg); rc = EXIT_INPUT; }
    if (!to_stdout) {
        bool bad = ferror(x.f) | (fclose(x.f) != 0);
        if (rc == EXIT_OK && (bad || rename(tmp, path))) {
            fprintf(stderr, "seawall %s: %s: %s\n", cmd->name, path, strerror(errno));
            rc = EXIT_INPUT;
        }
        if (rc) remove(tmp);
    }
    if (rc == EXIT_OK && !to_stdout && !ctx->json) fprintf(stderr, "exported %zu statuses to %s\n", x.rows, path);
    strbuf_free(&x.sb);
    store_close(s);
    return rc;
}

/* --- import -------------------------------------------------------------------------- */

typedef struct in_row {
    char *v[F__COUNT];           /* owned; NULL for an empty optional field */
    unsigned line;               /* CSV: the record's first line; JSON: the element's first line */
    size_t index;                /* JSON: the element's index */
} in_row;

typedef struct importer {
    const char *path;
    bool json;
    FILE *errs;                  /* where problems are printed */
    in_row *rows;
    size_t n, cap;
    size_t errors;
} importer;

static void bad(importer *im, const in_row *r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bad(importer *im, const in_row *r, const char *fmt, ...)
{
    va_list ap;
    if (im->json && r) fprintf(im->errs, "%s:%u: element %zu: ", im->path, r->line, r->index);
    else fprintf(im->errs, "%s:%u: ", im->path, r ? r->line : 0);
    va_start(ap, fmt);
    vfprintf(im->errs, fmt, ap);
    va_end(ap);
    fputc('\n', im->errs);
    im->errors++;
}

static in_row *new_row(importer *im)
{
    if (im->n == im->cap) {
        size_t cap = im->cap ? im->cap * 2 : 64;
        in_row *p = realloc(im->rows, cap * sizeof *p);
        if (!p) return NULL;
        im->rows = p;
        im->cap = cap;
    }
    in_row *r = &im->rows[im->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Reads one CSV record (RFC 4180: quoted fields may hold commas, quotes
 * doubled, and line breaks). Returns the number of fields, 0 at the end, -1
 * on a malformed record (reported). *line advances past the record. */
static int csv_record(importer *im, const char **p, const char *end, unsigned *line, char **out, int max, unsigned start)
{
    int n = 0;
    strbuf f;
    strbuf_init(&f);
    if (*p >= end) { strbuf_free(&f); return 0; }
    for (;;) {
        strbuf_reset(&f);
        bool quoted = false;
        if (*p < end && **p == '"') {
            quoted = true;
            (*p)++;
            for (;;) {
                if (*p >= end) { in_row r = { .line = start }; bad(im, &r, "unterminated quoted field"); goto fail; }
                char c = *(*p)++;
                if (c == '"') {
                    if (*p < end && **p == '"') { strbuf_putc(&f, '"'); (*p)++; continue; }
                    break;
                }
                if (c == '\n') (*line)++;
                strbuf_putc(&f, c);
            }
        } else {
            while (*p < end && **p != ',' && **p != '\n' && **p != '\r') {
                if (**p == '"') { in_row r = { .line = start }; bad(im, &r, "a quote inside an unquoted field"); goto fail; }
                strbuf_putc(&f, *(*p)++);
            }
        }
        if (f.len > FIELD_MAX) { in_row r = { .line = start }; bad(im, &r, "a field longer than %d bytes", FIELD_MAX); goto fail; }
        if (memchr(f.data ? f.data : "", '\0', f.len)) { in_row r = { .line = start }; bad(im, &r, "a field holds a NUL byte"); goto fail; }
        if (n < max) out[n] = f.len || quoted ? strdup(strbuf_cstr(&f)) : NULL;
        n++;
        if (*p < end && **p == ',') { (*p)++; continue; }
        if (*p < end && **p == '\r') (*p)++;
        if (*p < end && **p == '\n') { (*p)++; (*line)++; break; }
        if (*p >= end) break;
        in_row r = { .line = start };
        bad(im, &r, "unexpected character after a quoted field");
        goto fail;
    }
    strbuf_free(&f);
    return n;
fail:
    /* The caller gets nothing from a broken record: free what it was given. */
    for (int i = 0; i < n && i < max; i++) { free(out[i]); out[i] = NULL; }
    strbuf_free(&f);
    return -1;
}

static void free_fields(char **v, int n)
{
    for (int i = 0; i < n && i < F__COUNT; i++) { free(v[i]); v[i] = NULL; }
}

static bool read_csv(importer *im, const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    unsigned line = 1;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;   /* a BOM from spreadsheets */
    char *hdr[F__COUNT] = { 0 };
    unsigned start = line;
    int n = csv_record(im, &p, end, &line, hdr, F__COUNT, start);
    bool ok = n == F__COUNT;
    for (int i = 0; ok && i < F__COUNT; i++) ok = hdr[i] && !strcmp(hdr[i], field_names[i]);
    free_fields(hdr, n);
    if (!ok) {
        if (n >= 0) {
            in_row r = { .line = 1 };
            bad(im, &r, "the header must be: framework,requirement,zone,status,owner,due,evidence");
        }
        return false;
    }
    while (p < end) {
        start = line;
        char *v[F__COUNT] = { 0 };
        n = csv_record(im, &p, end, &line, v, F__COUNT, start);
        if (n < 0) return false;   /* the reader cannot resynchronise after a broken quote */
        bool blank = n == 1 && !v[0];
        if (blank) continue;
        in_row *r = new_row(im);
        if (!r) { free_fields(v, n); return false; }
        r->line = start;
        memcpy(r->v, v, sizeof v);
        if (n != F__COUNT) bad(im, r, "%d fields; a row has %d (framework,requirement,zone,status,owner,due,evidence)", n, F__COUNT);
    }
    return true;
}

/* The line each element of the top-level array starts on, for messages:
 * jansson keeps no positions, so the text it accepted is walked once more
 * (strings skipped, nesting counted). Elements past `max` get line 0. */
static void json_element_lines(const char *data, size_t len, unsigned *lines, size_t max)
{
    unsigned line = 1;
    size_t depth = 0, k = 0;
    bool in_str = false, want = false;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (c == '\n') line++;
        if (in_str) {
            if (c == '\\') i++;
            else if (c == '"') in_str = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (depth == 1 && want && c != ']') {
            if (k < max) lines[k] = line;
            k++;
            want = false;
        }
        if (c == '"') in_str = true;
        else if (c == '[' || c == '{') { if (++depth == 1) want = true; }
        else if (c == ']' || c == '}') depth--;
        else if (c == ',' && depth == 1) want = true;
    }
}

static bool read_json(importer *im, const char *data, size_t len)
{
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        fprintf(im->errs, "%s:%d:%d: %s\n", im->path, je.line, je.column, je.text);
        im->errors++;
        return false;
    }
    if (!json_is_array(root)) {
        fprintf(im->errs, "%s:1: the file must hold a JSON array of status objects\n", im->path);
        im->errors++;
        json_decref(root);
        return false;
    }
    size_t n_el = json_array_size(root);
    unsigned *lines = calloc(n_el ? n_el : 1, sizeof *lines);
    if (!lines) { json_decref(root); return false; }
    json_element_lines(data, len, lines, n_el);
    size_t i;
    json_t *el;
    json_array_foreach(root, i, el) {
        in_row *r = new_row(im);
        if (!r) break;
        r->index = i;
        r->line = lines[i];
        if (!json_is_object(el)) { bad(im, r, "not an object"); continue; }
        const char *key;
        json_t *val;
        json_object_foreach(el, key, val) {
            int f = -1;
            for (int k = 0; k < F__COUNT; k++) if (!strcmp(key, field_names[k])) f = k;
            if (f < 0) { bad(im, r, "unknown field '%s'", key); continue; }
            if (json_is_null(val)) continue;
            if (!json_is_string(val)) { bad(im, r, "'%s' must be a string or null", key); continue; }
            if (json_string_length(val) > FIELD_MAX) { bad(im, r, "'%s' is longer than %d bytes", key, FIELD_MAX); continue; }
            if (strlen(json_string_value(val)) != json_string_length(val)) { bad(im, r, "'%s' holds a NUL byte", key); continue; }
            r->v[f] = strdup(json_string_value(val));
        }
    }
    free(lines);
    json_decref(root);
    return true;
}

typedef struct zone_set { char *id[1024]; size_t n; } zone_set;

static int zone_add(void *ctx, const store_zone_row *z)
{
    zone_set *zs = ctx;
    if (zs->n < 1024) zs->id[zs->n++] = strdup(z->id);
    return 0;
}

static bool zone_known(const char *const *zones, size_t n_zones, const char *id)
{
    for (size_t i = 0; i < n_zones; i++) if (!strcmp(zones[i], id)) return true;
    return false;
}

static void check_rows(importer *im, const comp_catalog *cat, const char *const *zones, size_t n_zones)
{
    hashmap seen;
    hashmap_init(&seen);
    strbuf key;
    strbuf_init(&key);
    char **keys = calloc(im->n ? im->n : 1, sizeof *keys);
    for (size_t i = 0; i < im->n; i++) {
        in_row *r = &im->rows[i];
        char **v = r->v;
        const comp_framework *fw = NULL;
        comp_status st;
        if (!v[F_FRAMEWORK]) { bad(im, r, "no framework"); continue; }
        if (!(fw = comp_catalog_find(cat, v[F_FRAMEWORK]))) { bad(im, r, "unknown framework '%s'", v[F_FRAMEWORK]); continue; }
        if (!v[F_REQUIREMENT]) bad(im, r, "no requirement");
        else if (!comp_framework_req(fw, v[F_REQUIREMENT]))
            bad(im, r, "'%s' is not a requirement of %s", v[F_REQUIREMENT], fw->id);
        if (cli_comp_zoned(fw) && !v[F_ZONE]) bad(im, r, "%s is assessed per zone: the zone is missing", fw->id);
        else if (!cli_comp_zoned(fw) && v[F_ZONE] && v[F_ZONE][0]) bad(im, r, "%s is not assessed per zone: leave the zone empty", fw->id);
        else if (v[F_ZONE] && v[F_ZONE][0] && !zone_known(zones, n_zones, v[F_ZONE])) bad(im, r, "no zone '%s' in the port model", v[F_ZONE]);
        if (!v[F_STATUS]) bad(im, r, "no status");
        else if (!comp_status_parse(v[F_STATUS], &st))
            bad(im, r, "unknown status '%s' (met, partial, not-met or not-applicable)", v[F_STATUS]);
        if (v[F_DUE] && !cli_comp_valid_date(v[F_DUE])) bad(im, r, "due '%s' is not a date YYYY-MM-DD", v[F_DUE]);
        if (!v[F_REQUIREMENT]) continue;
        strbuf_reset(&key);
        strbuf_printf(&key, "%s\x1f%s\x1f%s", fw->id, v[F_REQUIREMENT], v[F_ZONE] ? v[F_ZONE] : "");
        in_row *prev = hashmap_get(&seen, strbuf_cstr(&key));
        if (prev) {
            if (im->json) bad(im, r, "the same requirement again (first at element %zu, line %u)", prev->index, prev->line);
            else bad(im, r, "the same requirement again (first on line %u)", prev->line);
        } else if ((keys[i] = strdup(strbuf_cstr(&key)))) hashmap_put(&seen, keys[i], r);
    }
    for (size_t i = 0; i < im->n; i++) free(keys[i]);
    free(keys);
    strbuf_free(&key);
    hashmap_free(&seen);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return NULL;
    strbuf sb;
    strbuf_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= IMPORT_MAX_BYTES) strbuf_append(&sb, buf, n);
    bool err = ferror(f);
    if (f != stdin) fclose(f);
    if (err || sb.len > IMPORT_MAX_BYTES) { strbuf_free(&sb); errno = err ? EIO : EFBIG; return NULL; }
    *len = sb.len;
    if (!sb.cap) return strdup("");   /* an empty file: sb.data is strbuf's static empty string */
    return sb.data;
}

static void import_free(importer *im)
{
    for (size_t i = 0; i < im->n; i++) free_fields(im->rows[i].v, F__COUNT);
    free(im->rows);
    im->rows = NULL;
    im->n = im->cap = 0;
}

/* Reads and checks every row; the error count (each printed with its line). */
static size_t import_read(importer *im, const char *data, size_t len, const comp_catalog *cat, const char *const *zones,
                          size_t n_zones)
{
    bool parsed = im->json ? read_json(im, data, len) : read_csv(im, data, len);
    if (parsed) check_rows(im, cat, zones, n_zones);
    return im->errors;
}

size_t cli_comp_import_check(const char *path, bool json, const char *data, size_t len, const comp_catalog *cat,
                             const char *const *zones, size_t n_zones, FILE *errs, size_t *rows)
{
    importer im = { .path = path, .json = json, .errs = errs };
    size_t errors = import_read(&im, data, len, cat, zones, n_zones);
    if (rows) *rows = im.n;
    import_free(&im);
    return errors;
}

int cli_comp_import(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data) { fprintf(stderr, "seawall %s: %s: %s\n", cmd->name, path, strerror(errno)); return EXIT_INPUT; }
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    if (rc) { free(data); comp_catalog_free(&cat); return rc; }
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) { free(data); comp_catalog_free(&cat); return rc; }
    importer im = { .path = path, .json = is_json(o, path), .errs = stderr };
    zone_set zs = { 0 };
    sw_error err = { 0 };
    if (store_list_zones(s, zone_add, &zs, &err)) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        rc = EXIT_INPUT;
    } else {
        if (import_read(&im, data, len, &cat, (const char *const *)zs.id, zs.n)) {
            fprintf(stderr, "seawall %s: %s: %zu error%s; nothing imported\n", cmd->name, path, im.errors, im.errors == 1 ? "" : "s");
            rc = EXIT_FINDINGS;
        } else {
            int64_t now = time_now_us();
            sw_code w = store_begin(s, &err);
            for (size_t i = 0; w == SW_OK && i < im.n; i++) {
                char **v = im.rows[i].v;
                store_comp_status st = { v[F_FRAMEWORK], v[F_REQUIREMENT], v[F_ZONE], v[F_STATUS], v[F_OWNER], v[F_DUE], v[F_EVIDENCE], now };
                w = store_comp_set(s, &st, "import", now, &err);
            }
            if (w == SW_OK) w = store_commit(s, &err);
            if (w) {
                store_rollback(s);
                fprintf(stderr, "seawall %s: %s; nothing imported\n", cmd->name, err.msg);
                rc = EXIT_INPUT;
            } else if (!ctx->json) printf("imported %zu statuses from %s\n", im.n, path);
        }
    }
    import_free(&im);
    for (size_t i = 0; i < zs.n; i++) free(zs.id[i]);
    free(data);
    store_close(s);
    comp_catalog_free(&cat);
    return rc;
}
