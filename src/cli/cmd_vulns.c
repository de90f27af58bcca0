/* cmd_vulns.c - `seawall vulns`: import CVE JSON 5, NVD API 2.0, CISA KEV
 * and CSAF 2.0 files (each file in one transaction), and list each asset's
 * vulnerabilities with CVSS, KEV status, reachability and age. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/vuln_assess.h"
#include "analysis/vuln_import.h"
#include "cli/cli_model.h"
#include "cli/cli_vulns.h"
#include "cli/cli_store.h"
#include "core/sha256.h"
#include "core/timeutil.h"
#include "store/store_vulns.h"

#define VULN_FILE_MAX (1024u << 20)

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "%s: %s\n", path, strerror(errno)); return NULL; }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= VULN_FILE_MAX) { fprintf(stderr, "%s: larger than %u MiB\n", path, VULN_FILE_MAX >> 20); free(buf); fclose(f); return NULL; }
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
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* One file: parse, then write everything in one transaction. */
static bool import_file(store *s, const char *file, bool json, strbuf *out, json_writer *w)
{
    size_t len;
    char *data = read_all(file, &len);
    if (!data) return false;
    char sha[SHA256_HEX_LEN];
    sha256_hex(data, len, sha);
    arena mem;
    arena_init(&mem, 256 * 1024);
    vuln_doc doc;
    sw_error err = { 0 };
    sw_code rc = vuln_import_parse(data, len, &mem, &doc, &err);
    free(data);
    if (rc != SW_OK) {
        fprintf(stderr, "%s: %s; nothing imported from this file\n", file, err.msg);
        arena_free(&mem);
        return false;
    }
    int64_t now = time_now_us();
    size_t added = 0, updated = 0;
    store_vuln_import *im = store_vuln_import_begin(s, &err);
    strbuf tree;
    strbuf_init(&tree);
    for (size_t i = 0; im && rc == SW_OK && i < doc.n_records; i++) {
        const vuln_record *r = &doc.records[i];
        strbuf_reset(&tree);
        vuln_config_to_json(r, &tree);
        store_vuln_row row = { r->cve_id, r->source, r->advisory, r->title, r->published * 1000000, r->modified * 1000000,
                               r->cvss_score, r->cvss_version, r->cvss_vector, strbuf_cstr(&tree), file, 0, 0 };
        bool is_new;
        rc = store_vuln_import_record(im, &row, now, &is_new, &err);
        if (rc == SW_OK) { if (is_new) added++; else updated++; }
    }
    for (size_t i = 0; im && rc == SW_OK && i < doc.n_kev; i++) {
        const vuln_kev *k = &doc.kev[i];
        store_kev_row row = { k->cve_id, k->vendor, k->product, k->name, k->date_added * 1000000, k->due_date * 1000000,
                              k->ransomware, 0, 0 };
        bool is_new;
        rc = store_vuln_import_kev(im, &row, now, &is_new, &err);
        if (rc == SW_OK) { if (is_new) added++; else updated++; }
    }
    strbuf_free(&tree);
    if (im && rc == SW_OK)
        rc = store_vuln_import_log(im, file, sha, vuln_format_name(doc.format), doc.label, (int64_t)doc.n_records,
                                   (int64_t)doc.n_kev, (int64_t)doc.skipped, now, &err);
    if (!im || rc != SW_OK || store_vuln_import_commit(im, &err) != SW_OK) {
        if (im && rc != SW_OK) store_vuln_import_abort(im);
        fprintf(stderr, "%s: %s; nothing imported from this file\n", file, err.msg);
        arena_free(&mem);
        return false;
    }
    if (json) {
        jw_object_begin(w);
        jw_kv_string(w, "file", file);
        jw_kv_string(w, "format", vuln_format_name(doc.format));
        jw_kv_string(w, "label", doc.label);
        jw_kv_uint(w, "records", doc.n_records);
        jw_kv_uint(w, "kev", doc.n_kev);
        jw_kv_uint(w, "skipped", doc.skipped);
        jw_kv_uint(w, "added", added);
        jw_kv_uint(w, "updated", updated);
        jw_object_end(w);
        cli_jw_flush(out);
    } else {
        printf("%s (%s%s%s): %zu records, %zu KEV entries, %zu skipped; %zu new, %zu updated\n", file,
               vuln_format_name(doc.format), doc.label ? " " : "", doc.label ? doc.label : "", doc.n_records, doc.n_kev,
               doc.skipped, added, updated);
    }
    arena_free(&mem);
    return true;
}

static int run_import(const cli_command *cmd, const cli_ctx *ctx, int nfiles, char **files)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    strbuf out;
    strbuf_init(&out);
    json_writer w;
    jw_init(&w, &out);
    if (ctx->json) jw_array_begin(&w);
    int ok = 0;
    for (int i = 0; i < nfiles; i++) ok += import_file(s, files[i], ctx->json, &out, &w);
    if (ctx->json) { jw_array_end(&w); strbuf_putc(&out, '\n'); cli_jw_flush(&out); }
    strbuf_free(&out);
    store_close(s);
    if (ok < nfiles) {
        fprintf(stderr, "seawall vulns: %d of %d files imported; the others changed nothing\n", ok, nfiles);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

/* --- listing ------------------------------------------------------------------ */

static const char *date_of(int64_t secs, char buf[SW_TIME_STR_MAX])
{
    if (!secs) return NULL;
    time_fmt_rfc3339(secs * 1000000, 0, buf);
    buf[10] = '\0';      /* the day is what counts */
    return buf;
}

void cli_vuln_finding_jw(json_writer *w, const port_model *m, const vuln_finding *f, int64_t now)
{
    const model_asset *a = &m->assets[f->asset];
    char d1[SW_TIME_STR_MAX], d2[SW_TIME_STR_MAX], d3[SW_TIME_STR_MAX], d4[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_string(w, "asset", a->id);
    jw_kv_string(w, "asset_name", a->name);
    jw_kv_string(w, "zone", a->zone);
    jw_kv_string(w, "criticality", model_criticality_name(a->criticality));
    jw_kv_string(w, "cve", f->cve_id);
    jw_kv_string(w, "certainty", f->verdict == VM_YES ? "certain" : "possible");
    jw_key(w, "cvss");
    if (f->cvss_score < 0) jw_null(w);
    else {
        jw_object_begin(w);
        jw_kv_double(w, "score", f->cvss_score, 1);
        jw_kv_string(w, "version", f->cvss_version);
        jw_kv_string(w, "vector", f->cvss_vector);
        jw_object_end(w);
    }
    jw_key(w, "kev");
    jw_object_begin(w);
    jw_kv_bool(w, "listed", f->kev != NULL);
    if (f->kev) {
        jw_kv_string(w, "date_added", date_of(f->kev->date_added, d1));
        jw_kv_string(w, "due_date", date_of(f->kev->due_date, d2));
        jw_kv_bool(w, "ransomware", f->kev->ransomware);
    }
    jw_object_end(w);
    jw_kv_bool(w, "reachable", f->reachable);
    jw_kv_string(w, "published", date_of(f->published, d3));
    jw_kv_string(w, "first_imported", date_of(f->first_imported, d4));
    int64_t since = f->published ? f->published : f->first_imported;
    if (since) jw_kv_int(w, "days_open", (now - since) / 86400);
    else jw_kv_string(w, "days_open", NULL);
    cli_jw_csv_array(w, "sources", f->sources);
    cli_jw_csv_array(w, "advisories", f->advisories);
    jw_kv_string(w, "title", f->title);
    jw_object_end(w);
}

static int run_list(const cli_command *cmd, cli_ctx *ctx, const char *model_path, const char *asset, bool kev_only,
                    double min_cvss, bool certain_only)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    port_model *m = cli_load_port_model(cmd, s, model_path, &rc);
    if (!m) { store_close(s); return rc; }
    const model_asset *only = NULL;
    if (asset && !(only = model_asset_by_id(m, asset))) {
        rc = cli_usage_error(cmd, "no asset '%s' in %s", asset, m->path ? m->path : "the model");
        model_free(m);
        store_close(s);
        return rc;
    }
    vuln_loaded l;
    sw_error err = { 0 };
    sw_time_us t0 = time_now_us();
    if (vuln_load_store(s, &l, &err) != SW_OK) {
        fprintf(stderr, "seawall vulns: %s\n", err.msg);
        rc = EXIT_INPUT;
        goto done;
    }
    sw_time_us t1 = time_now_us();
    vuln_assessment as;
    if (vuln_assess(m, l.recs, l.first, l.n, l.kev, l.n_kev, &as, &err) != SW_OK) {
        fprintf(stderr, "seawall vulns: %s\n", err.msg);
        rc = EXIT_INPUT;
        goto done;
    }
    sw_time_us t2 = time_now_us();
    if (ctx->verbose)
        fprintf(stderr, "seawall vulns: %zu records and %zu KEV entries loaded in %.3f s; %zu assets matched in %.3f s "
                "(%zu findings, %zu records tried on every asset)\n", l.n, l.n_kev, (double)(t1 - t0) / 1e6, m->n_assets,
                (double)(t2 - t1) / 1e6, as.n, as.n_unkeyed);
    int64_t now = time_now_us() / 1000000;
    static const char *const headers[] = { "ASSET", "CVE", "CERTAINTY", "CVSS", "KEV", "DUE", "REACHABLE", "DAYS OPEN", "SOURCES" };
    cli_listing out;
    cli_listing_begin(&out, ctx->json, 9, headers);
    rc = EXIT_OK;
    for (size_t i = 0; i < as.n; i++) {
        const vuln_finding *f = &as.items[i];
        if (only && &m->assets[f->asset] != only) continue;
        if (kev_only && !f->kev) continue;
        if (min_cvss >= 0 && (f->cvss_score < 0 || f->cvss_score < min_cvss)) continue;
        if (certain_only && f->verdict != VM_YES) continue;
        if (f->verdict == VM_YES) rc = EXIT_FINDINGS;
        if (ctx->json) {
            cli_vuln_finding_jw(&out.w, m, f, now);
            cli_listing_row(&out, NULL);
            continue;
        }
        char score[32] = "-", days[24] = "-", due[SW_TIME_STR_MAX];
        if (f->cvss_score >= 0) snprintf(score, sizeof score, "%.1f (v%s)", f->cvss_score, f->cvss_version ? f->cvss_version : "?");
        int64_t since = f->published ? f->published : f->first_imported;
        if (since) snprintf(days, sizeof days, "%lld", (long long)((now - since) / 86400));
        const char *cells[] = { m->assets[f->asset].id, f->cve_id, f->verdict == VM_YES ? "certain" : "possible", score,
                                f->kev ? (f->kev->ransomware ? "yes (ransomware)" : "yes") : "no",
                                f->kev ? date_of(f->kev->due_date, due) : NULL, f->reachable ? "yes" : "no", days, f->sources };
        cli_listing_row(&out, cells);
    }
    cli_listing_end(&out, true, "seawall vulns: no matching vulnerabilities (import some with 'seawall vulns import FILE')");
    vuln_assessment_free(&as);
done:
    vuln_loaded_free(&l);
    model_free(m);
    store_close(s);
    return rc;
}

static int run_vulns(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ASSET = 0x2000, OPT_KEV, OPT_MIN_CVSS, OPT_MODEL, OPT_CERTAIN };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "asset", required_argument, NULL, OPT_ASSET },
        { "kev", no_argument, NULL, OPT_KEV },
        { "min-cvss", required_argument, NULL, OPT_MIN_CVSS },
        { "model", required_argument, NULL, OPT_MODEL },
        { "certain", no_argument, NULL, OPT_CERTAIN },
        { 0, 0, 0, 0 },
    };
    bool import = argc >= 2 && !strcmp(argv[1], "import");
    if (import) { argv++; argc--; }
    const char *asset = NULL, *model = NULL;
    bool kev = false, certain = false;
    double min_cvss = -1;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (common < 0) return rc;
        if (common > 0) continue;
        if (import && opt != '?') return cli_usage_error(cmd, "import takes only --db, --json and files");
        switch (opt) {
        case OPT_ASSET: asset = optarg; break;
        case OPT_KEV: kev = true; break;
        case OPT_CERTAIN: certain = true; break;
        case OPT_MODEL: model = optarg; break;
        case OPT_MIN_CVSS: {
            char *end;
            errno = 0;
            min_cvss = strtod(optarg, &end);
            if (errno || *end || end == optarg || !isfinite(min_cvss) || min_cvss < 0 || min_cvss > 10)
                return cli_usage_error(cmd, "--min-cvss wants a score from 0 to 10, not '%s'", optarg);
            break;
        }
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    if (import) {
        if (optind >= argc) return cli_usage_error(cmd, "import wants one or more FILEs");
        return run_import(cmd, ctx, argc - optind, argv + optind);
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s' (did you mean 'seawall vulns import'?)", argv[optind]);
    return run_list(cmd, ctx, model, asset, kev, min_cvss, certain);
}

const cli_command cmd_vulns = {
    "vulns", "vulnerabilities: import CVE/NVD/KEV/CSAF files, list them per asset",
    "Usage: seawall vulns import FILE... [--db PATH] [--json]\n"
    "       seawall vulns [--asset ID] [--kev] [--min-cvss X] [--certain] [--model port.yaml]\n"
    "                     [--db PATH] [--json]\n"
    "\n"
    "import reads CVE JSON 5 records (one or an array), NVD CVE API 2.0\n"
    "responses, the CISA Known Exploited Vulnerabilities catalog and CSAF 2.0\n"
    "advisories, telling them apart by content. Each file is imported in one\n"
    "transaction: a file with any problem (JSON syntax at line:col, or a field\n"
    "named by its JSON pointer) imports nothing, and the others still do.\n"
    "\n"
    "Without import, matches the imported records against the port model's\n"
    "assets (cpe, cpes, vendor, product, version; docs/vulns.md) and lists per\n"
    "asset and CVE: certain or possible (the asset does not say enough), CVSS\n"
    "score with version and vector, KEV listing and due date, whether an entry\n"
    "point reaches the asset, and days open since publication.\n"
    "\n"
    "  --asset ID     only this asset\n"
    "  --kev          only CVEs in the KEV catalog\n"
    "  --min-cvss X   only CVEs scored X or more (unscored ones are left out)\n"
    "  --certain      leave out possible matches\n"
    "  --model FILE   the port model (default: the one 'seawall init' loaded)\n"
    "  --json         a JSON array, one object per asset and CVE\n"
    "\n"
    "Exit: 0 ok (no certain finding listed), 1 certain findings listed or no\n"
    "port model, 2 usage, 3 a file or the database could not be read (import:\n"
    "some file was rejected).\n",
    run_vulns,
};
