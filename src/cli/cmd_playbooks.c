/* cmd_playbooks.c - `seawall playbooks [list|show ID|check]`: the
 * incident-response playbooks in data/playbooks, and whether every role
 * they name is held by an active person in the port model. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_incident.h"
#include "cli/cli_model.h"
#include "cli/cli_store.h"
#include "ir/playbook_check.h"

#define PB_MAX_FILES 256

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The *.yaml files of dir, sorted; returns how many (at most PB_MAX_FILES). */
static size_t list_yaml(const char *dir, char **names)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < PB_MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".yaml") && e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    return n;
}

static void show(const playbook *pb, const port_model *m)
{
    printf("%s: %s (severity %s)\n%s\n", pb->id, pb->title, pb->severity ? pb->severity : "-", pb->summary ? pb->summary : "");
    printf("\nDecisions (who must decide):\n");
    for (size_t i = 0; i < pb->n_decisions; i++) {
        const pb_decision *d = &pb->decisions[i];
        const model_person *who = m ? role_first_holder(m, d->role) : NULL;
        printf("  %-22s %-45s role %s%s%s%s\n", d->id, d->action, d->role, who ? " (" : "", who ? who->id : "", who ? ")" : "");
    }
    for (size_t p = 0; p < pb->n_phases; p++) {
        const pb_phase *ph = &pb->phases[p];
        printf("\n%s [", ph->name ? ph->name : ph->id);
        for (size_t c = 0; c < ph->csf.len; c++) printf("%s%s", c ? ", " : "", ph->csf.items[c]);
        printf("]\n");
        for (size_t s = 0; s < ph->n_steps; s++) {
            const pb_step *st = &ph->steps[s];
            printf("  - %s  (%s%s%s%s%s)\n", st->text, st->role, st->decision ? "; decision " : "", st->decision ? st->decision : "",
                   st->duty ? "; duty " : "", st->duty ? st->duty : "");
        }
    }
    printf("\nManual fallbacks:\n");
    for (size_t i = 0; i < pb->n_fallbacks; i++)
        printf("  %s -> %s%s%s: %s\n", pb->fallbacks[i].function, pb->fallbacks[i].state, pb->fallbacks[i].decision ? " when " : "",
               pb->fallbacks[i].decision ? pb->fallbacks[i].decision : "", pb->fallbacks[i].procedure);
}

static int run_playbooks(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_MODEL = 0x2000, OPT_DIR };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "model", required_argument, NULL, OPT_MODEL }, { "dir", required_argument, NULL, OPT_DIR }, { 0, 0, 0, 0 },
    };
    const char *model = NULL, *dir = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        if (opt == OPT_MODEL) model = optarg;
        else if (opt == OPT_DIR) dir = optarg;
        else {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (!common) return cli_usage_error(cmd, "unknown option");
        }
    }
    const char *sub = optind < argc ? argv[optind++] : "list";
    const char *want = NULL;
    if (!strcmp(sub, "show")) {
        if (optind >= argc) return cli_usage_error(cmd, "show wants a playbook id");
        want = argv[optind++];
    } else if (strcmp(sub, "list") && strcmp(sub, "check")) return cli_usage_error(cmd, "unknown subcommand '%s' (list, show, check)", sub);
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return cli_playbooks_report(cmd, ctx, sub, want, model, dir);
}

int cli_playbooks_report(const cli_command *cmd, cli_ctx *ctx, const char *sub, const char *want, const char *model, const char *dir)
{
    int rc;
    char buf[4096];
    if (!dir && !(dir = playbook_default_dir(buf, sizeof buf))) {
        fprintf(stderr, "seawall playbooks: no playbook folder found (set SEAWALL_DATA or pass --dir DIR)\n");
        return EXIT_INPUT;
    }
    port_model *m = NULL;
    if (!strcmp(sub, "check") || model) {
        store *s = NULL;
        if (!model && !(s = cli_open_model_store(cmd, ctx, &rc))) return rc;
        m = cli_load_port_model(cmd, s, model, &rc);
        if (s) store_close(s);
        if (!m) return rc;
    }
    char *names[PB_MAX_FILES];
    size_t n = list_yaml(dir, names), bad = 0, unheld_total = 0, shown = 0;
    if (!n) { fprintf(stderr, "seawall playbooks: no *.yaml in %s\n", dir); model_free(m); return EXIT_INPUT; }
    static const char *const headers[] = { "ID", "TITLE", "SEVERITY", "PHASES", "DECISIONS", "FALLBACKS", "ROLES UNHELD" };
    cli_listing l;
    bool table = strcmp(sub, "show") != 0;
    if (table) cli_listing_begin_ctx(&l, ctx, 7, headers);
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        diag_list d;
        diag_init(&d, path);
        playbook *pb = playbook_load_file(path, &d);
        size_t unheld = pb && m && !d.errors ? playbook_check_roles(pb, m, &d) : 0;
        unheld_total += unheld;
        if (d.errors) bad++;
        diag_sort(&d);
        diag_print(&d, stderr);
        if (pb && want && pb->id && !strcmp(pb->id, want)) { show(pb, m); shown++; }
        if (pb && table && pb->id) {
            char ph[24], de[24], fb[24], un[24];
            snprintf(ph, sizeof ph, "%zu", pb->n_phases);
            snprintf(de, sizeof de, "%zu", pb->n_decisions);
            snprintf(fb, sizeof fb, "%zu", pb->n_fallbacks);
            snprintf(un, sizeof un, "%zu", unheld);
            if (l.json) {
                jw_object_begin(&l.w);
                jw_kv_string(&l.w, "id", pb->id);
                jw_kv_string(&l.w, "title", pb->title);
                jw_kv_string(&l.w, "severity", pb->severity);
                jw_kv_string(&l.w, "file", path);
                jw_kv_uint(&l.w, "phases", pb->n_phases);
                jw_kv_uint(&l.w, "decisions", pb->n_decisions);
                jw_kv_uint(&l.w, "fallbacks", pb->n_fallbacks);
                if (m) jw_kv_uint(&l.w, "roles_unheld", unheld);
                jw_kv_uint(&l.w, "errors", d.errors);
                jw_object_end(&l.w);
                cli_listing_row(&l, NULL);
            } else {
                const char *cells[] = { pb->id, pb->title, pb->severity, ph, de, fb, m ? un : NULL };
                cli_listing_row(&l, cells);
            }
        }
        diag_free(&d);
        playbook_free(pb);
        free(names[i]);
    }
    if (table) cli_listing_end(&l, true, NULL);
    model_free(m);
    if (want && !shown) { fprintf(stderr, "seawall playbooks: no playbook '%s' in %s\n", want, dir); return EXIT_USAGE; }
    if (!strcmp(sub, "check") && !ctx->json)
        printf("%zu playbook%s, %zu with errors, %zu role%s held by nobody active\n", n, n == 1 ? "" : "s", bad, unheld_total,
               unheld_total == 1 ? "" : "s");
    return bad || unheld_total ? EXIT_FINDINGS : EXIT_OK;
}

const cli_command cmd_playbooks = {
    "playbooks", "incident-response playbooks; check their roles against the port model",
    "Usage: seawall playbooks [list] [--model port.yaml] [--dir DIR] [--json]\n"
    "       seawall playbooks show ID [--model port.yaml]\n"
    "       seawall playbooks check [--model port.yaml] [--db PATH] [--dir DIR]\n"
    "\n"
    "Loads every playbook in DIR (default SEAWALL_DATA/playbooks or data/playbooks;\n"
    "format in docs/ir.md), reporting problems as file:line:col. check also\n"
    "loads the port model (--model, else the one 'seawall init' recorded) and\n"
    "reports every role a playbook names that no active person holds (people\n"
    "who left or are on leave do not count), naming the inactive holders.\n"
    "\n"
    "Exit: 0 ok, 1 a playbook has errors or a role is unheld, 2 usage, 3 unreadable.\n",
    run_playbooks,
};
