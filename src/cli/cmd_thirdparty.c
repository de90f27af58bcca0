/* cmd_thirdparty.c - `seawall thirdparty [ID]`: vendors and partners with
 * what they touch (assets, zones, conduits), how they connect and when,
 * their contract clauses and questionnaire, and the exposure they bring:
 * the most likely attack path from their entry point to each crown jewel. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/thirdparty.h"
#include "cli/cli_people.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"

static char *read_small(const char *path, size_t *len, bool *missing)
{
    *missing = false;
    FILE *f = fopen(path, "rb");
    if (!f) { *missing = true; return NULL; }
    char *buf = malloc(PPL_MAX_FILE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, PPL_MAX_FILE_BYTES + 1, f) : 0;
    bool bad = !buf || ferror(f) || n > PPL_MAX_FILE_BYTES;
    fclose(f);
    if (bad) { free(buf); return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void print_party(const port_model *m, const tp_party *p, const tp_reach *r, const tp_path *paths, size_t n_paths,
                        int32_t today)
{
    const model_vendor *v = p->vendor >= 0 ? &m->vendors[p->vendor] : NULL;
    printf("%s - %s (%s)\n", p->id, p->name ? p->name : "-", p->kind ? p->kind : "vendor");
    printf("  remote access: %s via %s%s%s\n", p->access_method ? p->access_method : "-", p->entry_point ? p->entry_point : "no entry point",
           v && v->access_window ? ", window " : "", v && v->access_window ? v->access_window : (p->entry_point && v ? ", NO agreed window" : ""));
    if (p->score >= 0) {
        char d[11] = "never";
        if (p->assessed) ppl_fmt_day(p->assessed, d);
        printf("  questionnaire: %d/100, assessed %s%s\n", p->score, d, p->assessed && today - p->assessed > 365 ? " (older than a year)" : "");
    } else printf("  questionnaire: none recorded\n");
    for (size_t i = 0; i < p->n_clauses; i++) printf("  clause %s: %s\n", p->clauses[i].id, p->clauses[i].summary);
    if (!p->n_clauses) printf("  clauses: none recorded\n");
    printf("  assets (%zu):", r->n_assets);
    for (size_t i = 0; i < r->n_assets; i++) printf(" %s", m->assets[r->assets[i]].id);
    printf("\n  zones:");
    for (size_t i = 0; i < r->n_zones; i++) printf(" %s", r->zones[i]);
    printf("\n  conduits into or out of those zones (%zu):", r->n_conduits);
    for (size_t i = 0; i < r->n_conduits; i++) {
        const model_conduit *c = &m->conduits[r->conduits[i]];
        printf(" %s->%s", c->from, c->to);
    }
    printf("\n  exposure: %zu crown jewel%s reachable from %s\n", n_paths, n_paths == 1 ? "" : "s", p->entry_point ? p->entry_point : "-");
    for (size_t i = 0; i < n_paths; i++)
        printf("    %.3f %s%s\n", paths[i].p, paths[i].text, paths[i].through_own_assets ? "  [through their own assets]" : "");
    printf("\n");
}

static void json_party(json_writer *w, const port_model *m, const tp_party *p, const tp_reach *r, const tp_path *paths,
                       size_t n_paths)
{
    const model_vendor *v = p->vendor >= 0 ? &m->vendors[p->vendor] : NULL;
    char d[11];
    jw_object_begin(w);
    jw_kv_string(w, "id", p->id);
    jw_kv_string(w, "name", p->name);
    jw_kv_string(w, "kind", p->kind);
    jw_kv_bool(w, "model_vendor", v != NULL);
    jw_kv_string(w, "remote_access", p->access_method);
    jw_kv_string(w, "entry_point", p->entry_point);
    jw_kv_string(w, "access_window", v ? v->access_window : NULL);
    jw_key(w, "questionnaire");
    if (p->score < 0) jw_null(w);
    else {
        jw_object_begin(w);
        jw_kv_int(w, "score", p->score);
        if (p->assessed) ppl_fmt_day(p->assessed, d);
        jw_kv_string(w, "assessed", p->assessed ? d : NULL);
        jw_object_end(w);
    }
    jw_key(w, "clauses");
    jw_array_begin(w);
    for (size_t i = 0; i < p->n_clauses; i++) {
        jw_object_begin(w);
        jw_kv_string(w, "id", p->clauses[i].id);
        jw_kv_string(w, "summary", p->clauses[i].summary);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "assets");
    jw_array_begin(w);
    for (size_t i = 0; i < r->n_assets; i++) jw_string(w, m->assets[r->assets[i]].id);
    jw_array_end(w);
    jw_key(w, "zones");
    jw_array_begin(w);
    for (size_t i = 0; i < r->n_zones; i++) jw_string(w, r->zones[i]);
    jw_array_end(w);
    jw_key(w, "conduits");
    jw_array_begin(w);
    for (size_t i = 0; i < r->n_conduits; i++) {
        const model_conduit *c = &m->conduits[r->conduits[i]];
        jw_object_begin(w);
        jw_kv_string(w, "from", c->from);
        jw_kv_string(w, "to", c->to);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "exposure");
    jw_array_begin(w);
    for (size_t i = 0; i < n_paths; i++) {
        jw_object_begin(w);
        jw_kv_string(w, "crown_jewel", m->assets[paths[i].target].id);
        jw_kv_double(w, "p", paths[i].p, 4);
        jw_kv_string(w, "path", paths[i].text);
        jw_kv_bool(w, "through_own_assets", paths[i].through_own_assets);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

static int run_thirdparty(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_MODEL = 0x2000, OPT_DATA };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "model", required_argument, NULL, OPT_MODEL }, { "data", required_argument, NULL, OPT_DATA }, { 0, 0, 0, 0 },
    };
    const char *model = NULL, *data = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        if (opt == OPT_MODEL) model = optarg;
        else if (opt == OPT_DATA) data = optarg;
        else {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (common == 0) return cli_usage_error(cmd, "unknown option");
        }
    }
    if (argc - optind > 1) return cli_usage_error(cmd, "at most one third-party ID");
    return cli_thirdparty_report(cmd, ctx, model, data, argc - optind == 1 ? argv[optind] : NULL);
}

int cli_thirdparty_report(const cli_command *cmd, cli_ctx *ctx, const char *model, const char *data, const char *only)
{
    int rc;
    cli_people cp;
    if ((rc = cli_people_open(cmd, ctx, model, data, false, &cp))) return rc;
    char path[4200];
    snprintf(path, sizeof path, "%s/third-parties.yaml", cp.dir);
    size_t len = 0;
    bool missing;
    char *text = read_small(path, &len, &missing);
    if (!text && !missing) { fprintf(stderr, "seawall %s: %s: unreadable or larger than 8 MiB\n", cmd->name, path); cli_people_close(&cp); return EXIT_INPUT; }
    diag_list d;
    diag_init(&d, path);
    tp_register reg;
    bool ok = tp_load(&reg, cp.m, text, len, &d);
    free(text);
    if (!ok) {
        diag_sort(&d);
        diag_print(&d, stderr);
        fprintf(stderr, "seawall %s: %s has %zu error%s: nothing from it is used\n", cmd->name, path, d.errors, d.errors == 1 ? "" : "s");
        diag_free(&d);
        tp_free(&reg);
        cli_people_close(&cp);
        return EXIT_FINDINGS;
    }
    diag_free(&d);
    if (only && !tp_find(&reg, only)) {
        rc = cli_usage_error(cmd, "no vendor or partner '%s' (in the model's vendors or %s)", only, path);
        tp_free(&reg);
        cli_people_close(&cp);
        return rc;
    }
    exposure_input in = { .m = cp.m };
    sw_error err = { 0 };
    exposure *x = exposure_build(&in, &err);
    if (!x) { fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg); tp_free(&reg); cli_people_close(&cp); return EXIT_INPUT; }
    int32_t today = ppl_day_of_us(time_now_us());
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    if (ctx->json) jw_array_begin(&w);
    rc = EXIT_OK;
    for (size_t i = 0; i < reg.n; i++) {
        const tp_party *p = &reg.items[i];
        if (only && strcmp(p->id, only)) continue;
        tp_reach r;
        tp_path *paths = NULL;
        size_t n_paths = 0;
        if (!tp_reach_of(p, cp.m, &r) || !tp_exposure(x, p, &r, &paths, &n_paths)) {
            fprintf(stderr, "seawall %s: out of memory\n", cmd->name);
            tp_reach_free(&r);
            rc = EXIT_INPUT;
            break;
        }
        if (ctx->json) json_party(&w, cp.m, p, &r, paths, n_paths);
        else print_party(cp.m, p, &r, paths, n_paths, today);
        tp_paths_free(paths, n_paths);
        tp_reach_free(&r);
    }
    if (ctx->json) {
        jw_array_end(&w);
        strbuf_putc(&sb, '\n');
        fputs(strbuf_cstr(&sb), cli_out(ctx));
    }
    strbuf_free(&sb);
    exposure_free(x);
    tp_free(&reg);
    cli_people_close(&cp);
    return rc;
}

const cli_command cmd_thirdparty = {
    "thirdparty", "vendors and partners: access, clauses, questionnaire, exposure",
    "Usage: seawall thirdparty [ID] [--model port.yaml] [--data DIR] [--json]\n"
    "\n"
    "Lists the port model's vendors and the partners of DIR/third-parties.yaml\n"
    "(DIR: --data, else the model's folder; format in docs/compliance.md):\n"
    "their kind, remote-access method, entry point and agreed window, contract\n"
    "security clauses, questionnaire score and date, the assets they touch with\n"
    "their zones and the conduits into or out of those zones, and the exposure\n"
    "they bring: the most likely attack path from their entry point to each\n"
    "crown jewel, from the port model (seawall exposure adds observed flows).\n"
    "Exits 1 when third-parties.yaml has errors (listed with their lines).\n",
    run_thirdparty,
};
