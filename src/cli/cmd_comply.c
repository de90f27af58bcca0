/* cmd_comply.c - `seawall comply [FRAMEWORK]`: the compliance position per
 * framework (status counts, evidence, gaps, plan of action) from the same
 * evaluation as `compliance assess`, as a table, JSON, or an HTML report. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_comply.h"
#include "cli/cli_compliance.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"

static char *dup0(const char *s) { return s ? strdup(s) : NULL; }

int64_t comply_applicable(const comply_fw *f)
{
    return f->counts[COMP_MET] + f->counts[COMP_PARTIAL] + f->counts[COMP_NOT_MET] + f->counts[COMP_UNASSESSED];
}

bool comply_judged_live(const comply_row *q) { return q->live && q->basis && !strcmp(q->basis, "live"); }

static const comply_fw *plan_fw;

static int plan_cmp(const void *pa, const void *pb)
{
    const comply_row *a = &plan_fw->rows.items[*(const size_t *)pa], *b = &plan_fw->rows.items[*(const size_t *)pb];
    if (!a->due != !b->due) return a->due ? -1 : 1;
    int c = a->due ? strcmp(a->due, b->due) : 0;
    if (c) return c;
    if (a->status != b->status) return a->status == COMP_NOT_MET ? -1 : 1;
    size_t x = *(const size_t *)pa, y = *(const size_t *)pb;
    return x < y ? -1 : x > y;
}

size_t *comply_plan(const comply_fw *f, size_t *n)
{
    *n = 0;
    size_t *idx = malloc((f->rows.len ? f->rows.len : 1) * sizeof *idx);
    if (!idx) return NULL;
    for (size_t i = 0; i < f->rows.len; i++) if (f->rows.items[i].gap) idx[(*n)++] = i;
    plan_fw = f;
    qsort(idx, *n, sizeof *idx, plan_cmp);
    return idx;
}

static void row_free(comply_row *q)
{
    free(q->zone); free(q->id); free(q->title); free(q->citation); free(q->basis);
    free(q->owner); free(q->due); free(q->why); free(q->check); free(q->live);
}

int comply_collect(void *ctx, const comp_framework *fw, const char *zone, int sl, const int64_t counts[COMP_STATUS__COUNT],
                   const cli_comp_item *items, size_t n)
{
    (void)sl;
    comply_report *r = ctx;
    if (!r->as_of[0]) {
        time_fmt_rfc3339(r->at, 0, r->as_of);
        memcpy(r->today, r->as_of, 10);
        r->today[10] = '\0';
    }
    comply_fw *f = r->fws.len ? &r->fws.items[r->fws.len - 1] : NULL;
    if (!f || strcmp(f->id, fw->id)) {
        comply_fw nf = { .id = dup0(fw->id), .name = dup0(fw->name), .source = dup0(fw->source) };
        vec_push(&r->fws, nf);
        f = &r->fws.items[r->fws.len - 1];
    }
    for (int s = 0; s < COMP_STATUS__COUNT; s++) f->counts[s] += counts[s];
    for (size_t i = 0; i < n; i++) {
        const cli_comp_item *it = &items[i];
        comply_row row = { .zone = dup0(zone), .id = dup0(it->r->id), .title = dup0(it->r->title), .citation = dup0(it->r->citation),
                           .basis = dup0(it->basis), .owner = dup0(it->owner), .due = dup0(it->due), .why = dup0(it->why),
                           .status = it->status, .heading = it->heading };
        row.gap = !it->heading && (it->status == COMP_NOT_MET || it->status == COMP_PARTIAL);
        row.overdue = row.gap && row.due && strcmp(row.due, r->today) < 0;
        /* A copy, not the pointer: the visit reuses its results for the next zone and framework. */
        if (it->live && (row.live = malloc(sizeof *row.live))) {
            *row.live = *it->live;
            row.check = dup0(it->r->evidence);
        }
        if ((it->live && (!row.live || !row.check)) || vec_push(&f->rows, row)) { row_free(&row); return 1; }
    }
    return 0;
}

void comply_report_free(comply_report *r)
{
    for (size_t i = 0; i < r->fws.len; i++) {
        comply_fw *f = &r->fws.items[i];
        for (size_t k = 0; k < f->rows.len; k++) row_free(&f->rows.items[k]);
        vec_free(&f->rows);
        free(f->id); free(f->name); free(f->source);
    }
    vec_free(&r->fws);
}

static void jw_counts(json_writer *w, const comply_fw *f)
{
    jw_key(w, "counts");
    jw_object_begin(w);
    jw_kv_int(w, "applicable", comply_applicable(f));
    for (int s = 0; s < COMP_STATUS__COUNT; s++) jw_kv_int(w, comp_status_name((comp_status)s), f->counts[s]);
    jw_object_end(w);
}

static void jw_row(json_writer *w, const comply_row *q)
{
    jw_object_begin(w);
    jw_kv_string(w, "id", q->id);
    jw_kv_string(w, "zone", q->zone);
    jw_kv_string(w, "title", q->title);
    jw_kv_string(w, "citation", q->citation);
    jw_kv_string(w, "status", comp_status_name(q->status));
    jw_kv_string(w, "basis", q->basis);
    jw_kv_string(w, "owner", q->owner);
    jw_kv_string(w, "due", q->due);
    jw_kv_bool(w, "overdue", q->overdue);
    jw_kv_string(w, "evidence", q->why);
    /* live_check and items as before (only when judged live); live as assess --json writes it. */
    bool judged = comply_judged_live(q);
    jw_kv_string(w, "live_check", judged ? q->check : NULL);
    jw_key(w, "items");
    jw_array_begin(w);
    for (size_t j = 0; judged && j < q->live->n_items; j++) jw_string(w, q->live->items[j]);
    jw_array_end(w);
    if (q->live) {
        jw_key(w, "live");
        cli_comp_live_json(w, q->live, q->check);
    }
    jw_object_end(w);
}

static void print_json(const comply_report *r)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_kv_string(&w, "as_of", r->as_of);
    jw_key(&w, "frameworks");
    jw_array_begin(&w);
    for (size_t i = 0; i < r->fws.len; i++) {
        const comply_fw *f = &r->fws.items[i];
        jw_object_begin(&w);
        jw_kv_string(&w, "id", f->id);
        jw_kv_string(&w, "name", f->name);
        jw_counts(&w, f);
        size_t n = 0;
        size_t *plan = comply_plan(f, &n);
        jw_key(&w, "plan");
        jw_array_begin(&w);
        for (size_t k = 0; plan && k < n; k++) jw_row(&w, &f->rows.items[plan[k]]);
        jw_array_end(&w);
        free(plan);
        jw_key(&w, "requirements");
        jw_array_begin(&w);
        for (size_t k = 0; k < f->rows.len; k++) jw_row(&w, &f->rows.items[k]);
        jw_array_end(&w);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_object_end(&w);
    strbuf_putc(&sb, '\n');
    fputs(strbuf_cstr(&sb), stdout);
    strbuf_free(&sb);
}

static void print_table(const comply_report *r, bool one)
{
    static const char *const headers[] = { "FRAMEWORK", "APPLICABLE", "MET", "PARTIAL", "NOT MET", "UNASSESSED", "N/A", "MET %", "GAPS" };
    cli_table t;
    cli_table_init(&t, 9, headers);
    for (size_t i = 0; i < r->fws.len; i++) {
        const comply_fw *f = &r->fws.items[i];
        char n[9][24];
        size_t gaps = 0;
        free(comply_plan(f, &gaps));
        int64_t app = comply_applicable(f);
        const int64_t v[] = { app, f->counts[COMP_MET], f->counts[COMP_PARTIAL], f->counts[COMP_NOT_MET], f->counts[COMP_UNASSESSED],
                              f->counts[COMP_NA] };
        for (int k = 0; k < 6; k++) snprintf(n[k], sizeof n[k], "%lld", (long long)v[k]);
        snprintf(n[6], sizeof n[6], "%lld%%", app ? (long long)(f->counts[COMP_MET] * 100 / app) : 0LL);
        snprintf(n[7], sizeof n[7], "%zu", gaps);
        const char *cells[] = { f->id, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7] };
        cli_table_row(&t, cells);
    }
    printf("Compliance as of %s\n\n", r->as_of);
    cli_table_print(&t, stdout);
    cli_table_free(&t);
    if (!one) { printf("\nseawall comply FRAMEWORK shows one framework's gaps and plan; --html FILE writes the full report\n"); return; }
    for (size_t i = 0; i < r->fws.len; i++) {
        const comply_fw *f = &r->fws.items[i];
        size_t n = 0;
        size_t *plan = comply_plan(f, &n);
        printf("\n%s: plan of action (%zu gap%s, earliest due first)\n", f->name, n, n == 1 ? "" : "s");
        for (size_t k = 0; plan && k < n; k++) {
            const comply_row *g = &f->rows.items[plan[k]];
            printf("  %-10s%s %-22s %s%s%s %s [%s%s%s]%s%s\n", g->due ? g->due : "-", g->overdue ? " OVERDUE" : "", g->id,
                   g->zone ? "(" : "", g->zone ? g->zone : "", g->zone ? ") " : "", g->title, comp_status_name(g->status),
                   g->owner ? ", " : "", g->owner ? g->owner : "", g->why ? " - " : "", g->why ? g->why : "");
        }
        free(plan);
    }
}

static int run_comply(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_CATALOG = 0x2000, OPT_MODEL, OPT_AT, OPT_WINDOW, OPT_DATA, OPT_HTML, OPT_ZONE };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "catalog", required_argument, NULL, OPT_CATALOG }, { "model", required_argument, NULL, OPT_MODEL },
        { "at", required_argument, NULL, OPT_AT }, { "window-days", required_argument, NULL, OPT_WINDOW },
        { "data", required_argument, NULL, OPT_DATA }, { "html", required_argument, NULL, OPT_HTML },
        { "zone", required_argument, NULL, OPT_ZONE }, { 0, 0, 0, 0 },
    };
    comp_opts o = { .window_days = 30 };
    const char *html = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_CATALOG: o.catalog_dir = optarg; break;
        case OPT_MODEL: o.model = optarg; break;
        case OPT_AT: o.at = optarg; break;
        case OPT_DATA: o.data_dir = optarg; break;
        case OPT_HTML: html = optarg; break;
        case OPT_ZONE: o.zone = optarg; break;
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
    if (argc - optind > 1) return cli_usage_error(cmd, "at most one FRAMEWORK");
    const char *framework = argc - optind == 1 ? argv[optind] : NULL;
    comply_report r = { 0 };
    rc = cli_comp_visit(cmd, ctx, &o, framework, comply_collect, &r, &r.at);
    if (rc == EXIT_OK && html) {
        FILE *f = fopen(html, "w");
        if (!f) { fprintf(stderr, "seawall %s: cannot write %s\n", cmd->name, html); rc = EXIT_INPUT; }
        else {
            comply_write_html(f, &r);
            if (fclose(f)) { fprintf(stderr, "seawall %s: writing %s failed\n", cmd->name, html); rc = EXIT_INPUT; }
        }
    }
    if (rc == EXIT_OK) {
        if (ctx->json) print_json(&r);
        else if (!html) print_table(&r, framework != NULL);
        else printf("wrote %s (%zu framework%s)\n", html, r.fws.len, r.fws.len == 1 ? "" : "s");
        for (size_t i = 0; i < r.fws.len; i++) if (r.fws.items[i].counts[COMP_NOT_MET]) rc = EXIT_FINDINGS;
    }
    comply_report_free(&r);
    return rc;
}

const cli_command cmd_comply = {
    "comply", "compliance position per framework: counts, evidence, gaps, plan (table, JSON, HTML)",
    "Usage: seawall comply [FRAMEWORK] [--json] [--html FILE] [--zone Z] [--at TIME|latest]\n"
    "                      [--window-days N] [--model port.yaml] [--data DIR] [--catalog DIR]\n"
    "\n"
    "Evaluates every framework (or FRAMEWORK) as `seawall compliance assess`\n"
    "does - live checks where Seawall observes the requirement, the recorded\n"
    "assessment otherwise, IEC 62443-3-3 per zone with counts summed over\n"
    "zones - and prints per framework the status counts and the number of gaps;\n"
    "with FRAMEWORK also its plan of action (gaps by due date, OVERDUE marks).\n"
    "--json gives counts, plan and every requirement with its evidence and\n"
    "its live check's result (reason, numbers, items) as `compliance assess\n"
    "--json` gives it; --html FILE writes the same as one self-contained HTML\n"
    "page (inline CSS and SVG, nothing loaded from elsewhere). Exits 1 when a\n"
    "framework has a requirement not met.\n",
    run_comply,
};
