/* cmd_compliance.c - `seawall compliance`: the control catalogues
 * (frameworks, show), manual assessment (set, export, import, history) and
 * the assessment with live evidence (assess, in cli_compliance_assess.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_compliance.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "store/store_compliance.h"
#include "store/store_query.h"

int cli_comp_load(const cli_command *cmd, const comp_opts *o, comp_catalog *cat)
{
    char buf[4096];
    const char *dir = o->catalog_dir ? o->catalog_dir : comp_default_dir(buf, sizeof buf);
    comp_catalog_init(cat);
    if (!dir) {
        fprintf(stderr, "seawall %s: no catalogue folder found (set SEAWALL_DATA or pass --catalog DIR)\n", cmd->name);
        return EXIT_INPUT;
    }
    sw_error err = { 0 };
    sw_code rc = comp_catalog_load_dir(cat, dir, stderr, &err);
    if (rc == SW_OK) return EXIT_OK;
    fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
    return rc == SW_ERR_INVALID ? EXIT_FINDINGS : EXIT_INPUT;
}

const comp_framework *cli_comp_framework(const cli_command *cmd, const comp_catalog *cat, const char *id, int *rc)
{
    const comp_framework *fw = comp_catalog_find(cat, id);
    if (fw) return fw;
    char known[512] = "";
    for (size_t i = 0; i < cat->n; i++) {
        strncat(known, i ? ", " : "", sizeof known - strlen(known) - 1);
        strncat(known, cat->fw[i]->id, sizeof known - strlen(known) - 1);
    }
    *rc = cli_usage_error(cmd, "unknown framework '%s' (known: %s)", id, known);
    return NULL;
}

bool cli_comp_zoned(const comp_framework *fw) { return fw->scope && !strcmp(fw->scope, "zone"); }

typedef struct zone_find { const char *id; int sl; } zone_find;

static int zone_row(void *ctx, const store_zone_row *z)
{
    zone_find *f = ctx;
    if (strcmp(z->id, f->id)) return 0;
    f->sl = z->security_level;
    return 1;
}

int cli_comp_zone_sl(const cli_command *cmd, store *s, const char *zone)
{
    zone_find f = { zone, -1 };
    sw_error err = { 0 };
    if (store_list_zones(s, zone_row, &f, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        return -1;
    }
    if (f.sl < 0) fprintf(stderr, "seawall %s: no zone '%s' in the port model\n", cmd->name, zone);
    return f.sl;
}

bool cli_comp_valid_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* --- frameworks ---------------------------------------------------------------- */

static int frameworks(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o)
{
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    if (rc) { comp_catalog_free(&cat); return rc; }
    static const char *const headers[] = { "FRAMEWORK", "NAME", "VERSION", "SCOPE", "REQUIREMENTS", "LIVE", "MAPPINGS", "FILE" };
    cli_listing l;
    cli_listing_begin(&l, ctx->json, 8, headers);
    for (size_t i = 0; i < cat.n; i++) {
        const comp_framework *fw = cat.fw[i];
        size_t live = 0, maps = 0;
        for (size_t k = 0; k < fw->n_reqs; k++) { live += fw->reqs[k].evidence != NULL; maps += fw->reqs[k].n_mappings; }
        if (ctx->json) {
            jw_object_begin(&l.w);
            jw_kv_string(&l.w, "id", fw->id);
            jw_kv_string(&l.w, "name", fw->name);
            jw_kv_string(&l.w, "source", fw->source);
            jw_kv_string(&l.w, "version", fw->version);
            jw_kv_string(&l.w, "superseded_by", fw->superseded_by);
            jw_kv_string(&l.w, "scope", fw->scope);
            jw_kv_bool(&l.w, "paraphrase", fw->paraphrase);
            jw_kv_uint(&l.w, "requirements", fw->n_reqs);
            jw_kv_uint(&l.w, "live_checks", live);
            jw_kv_uint(&l.w, "mappings", maps);
            jw_kv_string(&l.w, "file", fw->file);
            jw_object_end(&l.w);
            cli_listing_row(&l, NULL);
        } else {
            char n[24], lv[24], mp[24], ver[192];
            snprintf(ver, sizeof ver, "%s%s%s%s", fw->version, fw->superseded_by ? " [superseded by " : "",
                     fw->superseded_by ? fw->superseded_by : "", fw->superseded_by ? "]" : "");
            snprintf(n, sizeof n, "%zu", fw->n_reqs);
            snprintf(lv, sizeof lv, "%zu", live);
            snprintf(mp, sizeof mp, "%zu", maps);
            const char *cells[] = { fw->id, fw->name, ver, fw->scope, n, lv, mp, fw->file };
            cli_listing_row(&l, cells);
        }
    }
    cli_listing_end(&l, true, "no catalogue");
    comp_catalog_free(&cat);
    return EXIT_OK;
}

/* --- show ------------------------------------------------------------------------ */

static void sl_text(unsigned mask, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int sl = 1; sl <= 4; sl++)
        if (mask & (1u << sl)) {
            size_t at = strlen(buf);
            snprintf(buf + at, size - at, "%s%d", at ? "," : "", sl);
        }
}

static void jw_refs(json_writer *w, const char *key, const comp_ref *refs, size_t n)
{
    jw_key(w, key);
    jw_array_begin(w);
    for (size_t i = 0; i < n; i++) jw_string(w, refs[i].text);
    jw_array_end(w);
}

static int show(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *id)
{
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    const comp_framework *fw = rc ? NULL : cli_comp_framework(cmd, &cat, id, &rc);
    if (!fw) { comp_catalog_free(&cat); return rc; }
    static const char *const headers[] = { "REQUIREMENT", "TITLE", "CITATION", "SL", "LIVE CHECK", "MAPS TO" };
    cli_listing l;
    cli_listing_begin(&l, ctx->json, 6, headers);
    strbuf maps, title;
    strbuf_init(&maps);
    strbuf_init(&title);
    for (size_t i = 0; i < fw->n_reqs; i++) {
        const comp_req *r = &fw->reqs[i];
        char sl[16];
        sl_text(r->sl_mask, sl, sizeof sl);
        if (ctx->json) {
            json_writer *w = &l.w;
            jw_object_begin(w);
            jw_kv_string(w, "id", r->id);
            jw_kv_string(w, "parent", r->parent);
            jw_kv_string(w, "title", r->title);
            jw_kv_string(w, "summary", r->summary);
            jw_kv_string(w, "citation", r->citation);
            jw_refs(w, "mappings", r->mappings, r->n_mappings);
            jw_refs(w, "csf", r->csf, r->n_csf);
            jw_kv_string(w, "evidence", r->evidence);
            jw_key(w, "sl");
            jw_array_begin(w);
            for (int k = 1; k <= 4; k++) if (r->sl_mask & (1u << k)) jw_int(w, k);
            jw_array_end(w);
            jw_kv_string(w, "due", r->due);
            if (r->interval_days) jw_kv_int(w, "interval_days", r->interval_days);
            if (r->stage.name) {
                jw_key(w, "stage");
                jw_object_begin(w);
                jw_kv_string(w, "name", r->stage.name);
                jw_kv_int(w, "hours", r->stage.hours);
                if (r->stage.after) jw_kv_string(w, "after", r->stage.after);
                jw_object_end(w);
            }
            jw_object_end(w);
            cli_listing_row(&l, NULL);
            continue;
        }
        strbuf_reset(&maps);
        for (size_t k = 0; k < r->n_mappings; k++) strbuf_printf(&maps, "%s%s", k ? " " : "", r->mappings[k].text);
        strbuf_reset(&title);
        for (int d = 0; d < r->depth; d++) strbuf_puts(&title, "  ");
        strbuf_puts(&title, r->title);
        const char *cells[] = { r->id, strbuf_cstr(&title), r->citation, sl[0] ? sl : NULL, r->evidence,
                                maps.len ? strbuf_cstr(&maps) : NULL };
        cli_listing_row(&l, cells);
    }
    cli_listing_end(&l, true, "the catalogue has no requirement");
    strbuf_free(&maps);
    strbuf_free(&title);
    comp_catalog_free(&cat);
    return EXIT_OK;
}

/* --- set ---------------------------------------------------------------------------- */

static int set(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *fid, const char *rid)
{
    comp_status st;
    if (!o->status) return cli_usage_error(cmd, "set wants --status met|partial|not-met|not-applicable");
    if (!comp_status_parse(o->status, &st))
        return cli_usage_error(cmd, "unknown status '%s' (met, partial, not-met or not-applicable)", o->status);
    if (o->due && !cli_comp_valid_date(o->due)) return cli_usage_error(cmd, "--due wants a date YYYY-MM-DD, not '%s'", o->due);
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    const comp_framework *fw = rc ? NULL : cli_comp_framework(cmd, &cat, fid, &rc);
    if (!fw) { comp_catalog_free(&cat); return rc; }
    /* Usage errors print the framework id, which lives in the catalogue: free it after. */
    rc = -1;
    if (!comp_framework_req(fw, rid))
        rc = cli_usage_error(cmd, "'%s' is not a requirement of %s (see seawall compliance show %s)", rid, fw->id, fw->id);
    else if (cli_comp_zoned(fw) && !o->zone) rc = cli_usage_error(cmd, "%s is assessed per zone: give --zone ZONE", fw->id);
    else if (!cli_comp_zoned(fw) && o->zone) rc = cli_usage_error(cmd, "%s is not assessed per zone: drop --zone", fw->id);
    if (rc >= 0) { comp_catalog_free(&cat); return rc; }
    rc = EXIT_OK;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) { comp_catalog_free(&cat); return rc; }
    if (o->zone && cli_comp_zone_sl(cmd, s, o->zone) < 0) { store_close(s); comp_catalog_free(&cat); return EXIT_USAGE; }
    store_comp_status row = { fw->id, rid, o->zone, comp_status_name(st), o->owner, o->due, o->evidence, 0 };
    sw_error err = { 0 };
    if (store_begin(s, &err) || store_comp_set(s, &row, "set", time_now_us(), &err) || store_commit(s, &err)) {
        store_rollback(s);
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        rc = EXIT_INPUT;
    } else if (!ctx->json) {
        printf("%s %s%s%s: %s\n", fw->id, rid, o->zone ? " zone " : "", o->zone ? o->zone : "", row.status);
    }
    store_close(s);
    comp_catalog_free(&cat);
    return rc;
}

/* --- history ---------------------------------------------------------------------- */

typedef struct hist { cli_listing l; int64_t prev_met; bool have_prev; } hist;

static int hist_row(void *ctx, const store_comp_snapshot *r)
{
    hist *h = ctx;
    char t[SW_TIME_STR_MAX], pct[16], trend[24], n[5][24];
    int64_t scored = r->applicable - r->unassessed;
    snprintf(pct, sizeof pct, "%lld%%", scored > 0 ? (long long)(r->met * 100 / r->applicable) : 0LL);
    if (h->have_prev) snprintf(trend, sizeof trend, "%+lld met", (long long)(r->met - h->prev_met));
    else snprintf(trend, sizeof trend, "first");
    h->prev_met = r->met;
    h->have_prev = true;
    if (h->l.json) {
        json_writer *w = &h->l.w;
        jw_object_begin(w);
        jw_kv_string(w, "framework", r->framework);
        jw_kv_string(w, "zone", r->zone[0] ? r->zone : NULL);
        jw_kv_string(w, "taken_at", time_fmt_rfc3339(r->taken_at, 0, t));
        jw_kv_int(w, "applicable", r->applicable);
        jw_kv_int(w, "met", r->met);
        jw_kv_int(w, "partial", r->partial);
        jw_kv_int(w, "not_met", r->not_met);
        jw_kv_int(w, "not_applicable", r->not_applicable);
        jw_kv_int(w, "unassessed", r->unassessed);
        jw_kv_string(w, "trend", trend);
        jw_object_end(w);
        cli_listing_row(&h->l, NULL);
        return 0;
    }
    const int64_t v[5] = { r->applicable, r->met, r->partial, r->not_met, r->unassessed };
    for (int i = 0; i < 5; i++) snprintf(n[i], sizeof n[i], "%lld", (long long)v[i]);
    const char *cells[] = { time_fmt_rfc3339(r->taken_at, 0, t), r->framework, r->zone[0] ? r->zone : NULL, n[0], n[1], n[2],
                            n[3], n[4], pct, trend };
    cli_listing_row(&h->l, cells);
    return 0;
}

static int history(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *fid)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    static const char *const headers[] = { "TAKEN", "FRAMEWORK", "ZONE", "APPLICABLE", "MET", "PARTIAL", "NOT MET",
                                           "UNASSESSED", "MET %", "TREND" };
    hist h = { 0 };
    cli_listing_begin(&h.l, ctx->json, 10, headers);
    sw_error err = { 0 };
    rc = EXIT_OK;
    if (store_comp_snapshots(s, fid, o->zone, hist_row, &h, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&h.l, rc == EXIT_OK, "no recorded assessment: run seawall compliance assess FRAMEWORK --record");
    store_close(s);
    return rc;
}

/* --- dispatch ------------------------------------------------------------------------ */

static int run_compliance(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_ZONE = 0x2000, OPT_STATUS, OPT_OWNER, OPT_DUE, OPT_EVIDENCE, OPT_CATALOG, OPT_MODEL, OPT_AT, OPT_WINDOW,
           OPT_FORMAT, OPT_RECORD, OPT_DATA };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "zone", required_argument, NULL, OPT_ZONE }, { "status", required_argument, NULL, OPT_STATUS },
        { "owner", required_argument, NULL, OPT_OWNER }, { "due", required_argument, NULL, OPT_DUE },
        { "evidence", required_argument, NULL, OPT_EVIDENCE }, { "catalog", required_argument, NULL, OPT_CATALOG },
        { "model", required_argument, NULL, OPT_MODEL }, { "at", required_argument, NULL, OPT_AT },
        { "window-days", required_argument, NULL, OPT_WINDOW }, { "format", required_argument, NULL, OPT_FORMAT },
        { "record", no_argument, NULL, OPT_RECORD }, { "data", required_argument, NULL, OPT_DATA }, { 0, 0, 0, 0 },
    };
    static const char *const subs[] = { "frameworks", "show", "assess", "plan", "set", "export", "import", "history" };
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) { cli_print_usage(cmd, stdout); return EXIT_OK; }
        return cli_usage_error(cmd, "give a subcommand: frameworks, show, assess, plan, set, export, import or history");
    }
    const char *sub = argv[1];
    bool known = false;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) known |= !strcmp(sub, subs[i]);
    if (!known) return cli_usage_error(cmd, "unknown subcommand '%s' (frameworks, show, assess, plan, set, export, import, history)", sub);
    argv++;
    argc--;
    comp_opts o = { .window_days = 30 };
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_ZONE: o.zone = optarg; break;
        case OPT_STATUS: o.status = optarg; break;
        case OPT_OWNER: o.owner = optarg; break;
        case OPT_DUE: o.due = optarg; break;
        case OPT_EVIDENCE: o.evidence = optarg; break;
        case OPT_CATALOG: o.catalog_dir = optarg; break;
        case OPT_MODEL: o.model = optarg; break;
        case OPT_AT: o.at = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") && strcmp(optarg, "json")) return cli_usage_error(cmd, "--format is csv or json");
            o.format = optarg;
            break;
        case OPT_RECORD: o.record = true; break;
        case OPT_DATA: o.data_dir = optarg; break;
        case OPT_WINDOW: {
            char *end;
            long d = strtol(optarg, &end, 10);
            if (*end || end == optarg || d < 1 || d > 3660) return cli_usage_error(cmd, "--window-days wants 1 to 3660 days");
            o.window_days = (int)d;
            break;
        }
        default: {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (common == 0) return cli_usage_error(cmd, "unknown option");
        }
        }
    }
    int nargs = argc - optind;
    char **args = argv + optind;
    bool writes = o.status || o.owner || o.due || o.evidence;
    if (writes && strcmp(sub, "set")) return cli_usage_error(cmd, "--status, --owner, --due and --evidence go with set");
    if (!strcmp(sub, "frameworks")) {
        if (nargs) return cli_usage_error(cmd, "frameworks takes no argument");
        return frameworks(cmd, ctx, &o);
    }
    if (!strcmp(sub, "show")) {
        if (nargs != 1) return cli_usage_error(cmd, "show wants one FRAMEWORK");
        return show(cmd, ctx, &o, args[0]);
    }
    if (!strcmp(sub, "assess")) {
        if (nargs != 1) return cli_usage_error(cmd, "assess wants one FRAMEWORK");
        return cli_comp_assess(cmd, ctx, &o, args[0]);
    }
    if (!strcmp(sub, "plan")) {
        if (nargs > 1) return cli_usage_error(cmd, "plan wants at most one FRAMEWORK");
        return cli_comp_plan(cmd, ctx, &o, nargs ? args[0] : NULL);
    }
    if (!strcmp(sub, "set")) {
        if (nargs != 2) return cli_usage_error(cmd, "set wants FRAMEWORK REQUIREMENT --status S");
        return set(cmd, ctx, &o, args[0], args[1]);
    }
    if (!strcmp(sub, "history")) {
        if (nargs > 1) return cli_usage_error(cmd, "history wants at most one FRAMEWORK");
        return history(cmd, ctx, &o, nargs ? args[0] : NULL);
    }
    if (nargs != 1) return cli_usage_error(cmd, "%s wants one FILE (.csv or .json, or --format)", sub);
    return !strcmp(sub, "export") ? cli_comp_export(cmd, ctx, &o, args[0]) : cli_comp_import(cmd, ctx, &o, args[0]);
}

const cli_command cmd_compliance = {
    "compliance", "control catalogues, assessments and live compliance evidence",
    "Usage: seawall compliance frameworks [--json]\n"
    "       seawall compliance show FRAMEWORK [--json]\n"
    "       seawall compliance assess FRAMEWORK [--zone Z] [--at TIME|latest] [--window-days N]\n"
    "                                 [--model port.yaml] [--record] [--json]\n"
    "       seawall compliance plan [FRAMEWORK] [--zone Z] [--at TIME|latest] [--json]\n"
    "       seawall compliance set FRAMEWORK REQ --status S [--zone Z] [--owner P] [--due YYYY-MM-DD]\n"
    "                              [--evidence TEXT]\n"
    "       seawall compliance export FILE [--format csv|json]\n"
    "       seawall compliance import FILE [--format csv|json]\n"
    "       seawall compliance history [FRAMEWORK] [--zone Z] [--json]\n"
    "Common: --db PATH, --catalog DIR (default: SEAWALL_DATA/frameworks or data/frameworks),\n"
    "        --data DIR (training.csv, policies.yaml, phishing.csv, drills.csv; default: the model's folder)\n"
    "\n"
    "Catalogues are the YAML files in data/frameworks (docs/compliance.md).\n"
    "Statuses are met, partial, not-met and not-applicable. IEC 62443-3-3 is\n"
    "assessed per zone: a requirement applies when the zone's target SL is in\n"
    "its SL vector. assess evaluates the live checks (segmentation, inventory\n"
    "coverage, cleartext credentials, vendor access windows, training, drills,\n"
    "incident reporting, KEV age) over the last\n"
    "--window-days (30) up to --at (now; 'latest' = the newest stored\n"
    "observation), shows stored statuses for the rest and rolls children up\n"
    "into parents; it exits 1 when an applicable requirement is not met.\n"
    "--record stores the counts for `history` (the trend). plan lists every gap\n"
    "(not met or partial, live or manual) of every framework, earliest due\n"
    "date first, with owner and OVERDUE marks: the plan of action and\n"
    "milestones; it exits 1 when there is a gap. import checks every\n"
    "row first and writes nothing when any row is bad (errors name the line).\n",
    run_compliance,
};
