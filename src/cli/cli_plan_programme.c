/* cli_plan_programme.c - the investment programme on the command line:
 * `plan --adopt` records the chosen controls as planned, `plan set` moves
 * one through planned, in-progress and done, `plan progress` reports it
 * with what it has bought so far (cli_programme.h). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "cli/cli_programme.h"
#include "cli/cli_store.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "store/store_risk.h"

static void money(char *buf, size_t n, double v)
{
    if (fabs(v) >= 1e6) snprintf(buf, n, "%.2fM", v / 1e6);
    else if (fabs(v) >= 1e3) snprintf(buf, n, "%.0fk", v / 1e3);
    else snprintf(buf, n, "%.0f", v);
}

static long control_index(const cli_risk_ctx *r, const char *id)
{
    for (size_t i = 0; i < r->ctl.n; i++)
        if (!strcmp(r->ctl.controls[i].id, id)) return (long)i;
    return -1;
}

bool cli_prog_figures_of(const cli_prog *p, cli_risk_ctx *r, int32_t day, cli_prog_figures *out)
{
    memset(out, 0, sizeof *out);
    prog_progress_of(p->items, p->n, day, &out->progress);
    size_t n = r->ctl.n;
    bool *now = calloc(n + 1, sizeof *now), *all = calloc(n + 1, sizeof *all);
    if (!now || !all) { free(now); free(all); return false; }
    for (size_t k = 0; k < p->n; k++) {
        long i = control_index(r, p->items[k].control);
        if (i < 0) { out->unknown++; continue; }
        all[i] = true;
        now[i] = prog_done_by(&p->items[k], day);
    }
    /* Simulated with the register's seeds, as `seawall risk` does: "now"
     * is the residual EAL that `risk` prints on the same day, to the cent. */
    cli_risk_figures f;
    bool ok = true;
    const bool *sets[3] = { NULL, now, all };
    double *dst[3] = { &out->eal_none, &out->eal_now, &out->eal_complete };
    for (int k = 0; k < 3 && ok; k++) {
        if ((ok = cli_risk_simulate(r, sets[k], &f))) *dst[k] = f.total_residual.mean;
        cli_risk_figures_free(&f);
    }
    free(now);
    free(all);
    return ok;
}

int cli_plan_adopt(const cli_command *cmd, cli_risk_ctx *r, const bool *chosen, double budget, int32_t day, bool json)
{
    if (!r->s) {
        fprintf(stderr, "seawall %s: --adopt records the programme in the database: run seawall init, or give --db PATH\n", cmd->name);
        return EXIT_INPUT;
    }
    const char *cur = r->reg.currency ? r->reg.currency : r->m->port.currency ? r->m->port.currency : "";
    sw_error err = { 0 };
    size_t added = 0, kept = 0;
    int64_t now = time_now_us();
    sw_code rc = store_begin(r->s, &err);
    for (size_t i = 0; rc == SW_OK && i < r->ctl.n; i++) {
        if (!chosen[i]) continue;
        const control_def *c = &r->ctl.controls[i];
        store_prog_row row = { .control = c->id, .title = c->title, .cost = r->cost[i], .adopted = day, .budget = budget, .currency = cur };
        bool fresh = false;
        rc = store_prog_add(r->s, &row, now, &fresh, &err);
        if (fresh) added++;
        else kept++;
    }
    if (rc == SW_OK) rc = store_commit(r->s, &err);
    if (rc != SW_OK) {
        store_rollback(r->s);
        fprintf(stderr, "seawall %s: adopting the plan: %s\n", cmd->name, err.msg);
        return EXIT_INPUT;
    }
    char d[11];
    ppl_fmt_day(day, d);
    /* With --json stdout carries the plan's document alone. */
    fprintf(json ? stderr : stdout, "Adopted on %s: %zu control%s added to the programme as planned, %zu already in it (status kept).\n", d,
            added, added == 1 ? "" : "s", kept);
    return EXIT_OK;
}

/* Options both subcommands take: the common ones, --at, and for set --status. */
enum { OPT_AT = 0x3000, OPT_STATUS, OPT_MODEL, OPT_RISKS, OPT_CONTROLS };

int cli_plan_set(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "at", required_argument, NULL, OPT_AT }, { "status", required_argument, NULL, OPT_STATUS }, { NULL, 0, NULL, 0 },
    };
    const char *at = NULL, *status = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (c < 0) return rc;
        if (c > 0) continue;
        if (opt == OPT_AT) at = optarg;
        else if (opt == OPT_STATUS) status = optarg;
        else return cli_usage_error(cmd, "unknown option");
    }
    if (argc - optind != 1) return cli_usage_error(cmd, "plan set wants one CONTROL id");
    const char *control = argv[optind];
    prog_status to;
    if (!status) return cli_usage_error(cmd, "give the new status with --status planned|in-progress|done");
    if (!prog_status_parse(status, &to)) return cli_usage_error(cmd, "--status must be planned, in-progress or done, not '%s'", status);
    int32_t day;
    if (!cli_day_arg(at, &day)) return cli_usage_error(cmd, "--at wants a date YYYY-MM-DD, not '%s'", at);
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    cli_prog p;
    sw_error err = { 0 };
    if (cli_prog_load(s, &p, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        store_close(s);
        return EXIT_INPUT;
    }
    prog_item *it = NULL;
    for (size_t k = 0; k < p.n; k++)
        if (!strcmp(p.items[k].control, control)) it = &p.items[k];
    const char *why = NULL;
    if (!it) {
        fprintf(stderr, "seawall %s: control %s is not in the programme (%s); adopt a plan first: seawall plan --budget X --adopt\n", cmd->name,
                control, p.n ? "seawall plan progress lists it" : "none adopted yet");
        rc = EXIT_FINDINGS;
    } else if (!prog_set_status(it, to, day, &why)) {
        fprintf(stderr, "seawall %s: %s -> %s: %s\n", cmd->name, control, status, why);
        rc = EXIT_FINDINGS;
    } else {
        store_prog_row row = { .control = it->control, .status = prog_status_name(it->status), .adopted = it->adopted,
                               .started = it->started, .done = it->done };
        if (store_begin(s, &err) != SW_OK || store_prog_update(s, &row, time_now_us(), &err) != SW_OK || store_commit(s, &err) != SW_OK) {
            store_rollback(s);
            fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
            rc = EXIT_INPUT;
        } else {
            char d[11];
            ppl_fmt_day(day, d);
            if (!ctx->json) printf("%s is %s as of %s.\n", control, status, d);
            else printf("{\"control\":\"%s\",\"status\":\"%s\",\"date\":\"%s\"}\n", it->control, status, d);
            rc = EXIT_OK;
        }
    }
    cli_prog_free(&p);
    store_close(s);
    return rc;
}

static void day_json(json_writer *w, const char *key, int32_t day)
{
    jw_key(w, key);
    if (!day) { jw_null(w); return; }
    char d[11];
    ppl_fmt_day(day, d);
    jw_string(w, d);
}

int cli_plan_progress(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "at", required_argument, NULL, OPT_AT }, { "model", required_argument, NULL, OPT_MODEL },
        { "risks", required_argument, NULL, OPT_RISKS }, { "controls", required_argument, NULL, OPT_CONTROLS }, { NULL, 0, NULL, 0 },
    };
    const char *at = NULL, *model = NULL, *risks = NULL, *controls = NULL;
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        int c = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (c < 0) return rc;
        if (c > 0) continue;
        if (opt == OPT_AT) at = optarg;
        else if (opt == OPT_MODEL) model = optarg;
        else if (opt == OPT_RISKS) risks = optarg;
        else if (opt == OPT_CONTROLS) controls = optarg;
        else return cli_usage_error(cmd, "unknown option");
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    int32_t day;
    if (!cli_day_arg(at, &day)) return cli_usage_error(cmd, "--at wants a date YYYY-MM-DD, not '%s'", at);
    cli_risk_ctx r;
    /* The programme lives in the database: it must exist (db_given true). */
    rc = cli_risk_ctx_load(cmd, ctx, true, model, risks, controls, true, &r);
    if (rc != EXIT_OK) { cli_risk_ctx_free(&r); return rc; }
    cli_prog p;
    cli_prog_figures fg;
    sw_error err = { 0 };
    if (cli_prog_load(r.s, &p, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        cli_risk_ctx_free(&r);
        return EXIT_INPUT;
    }
    if (!cli_prog_figures_of(&p, &r, day, &fg)) {
        fprintf(stderr, "seawall %s: out of memory\n", cmd->name);
        cli_prog_free(&p);
        cli_risk_ctx_free(&r);
        return EXIT_INPUT;
    }
    const char *cur = r.reg.currency ? r.reg.currency : r.m->port.currency ? r.m->port.currency : "";
    const prog_progress *pr = &fg.progress;
    char d[11];
    ppl_fmt_day(day, d);
    if (ctx->json) {
        strbuf sb;
        strbuf_init(&sb);
        json_writer w;
        jw_init(&w, &sb);
        jw_object_begin(&w);
        jw_kv_string(&w, "as_of", d);
        jw_kv_string(&w, "currency", cur);
        jw_kv_double(&w, "budget", p.budget, 2);
        jw_key(&w, "counts");
        jw_object_begin(&w);
        for (int s = 0; s < PROG__COUNT; s++) jw_kv_uint(&w, prog_status_name((prog_status)s), pr->count[s]);
        jw_kv_uint(&w, "total", pr->total);
        jw_object_end(&w);
        jw_key(&w, "cost");
        jw_object_begin(&w);
        for (int s = 0; s < PROG__COUNT; s++) jw_kv_double(&w, prog_status_name((prog_status)s), pr->cost[s], 2);
        jw_kv_double(&w, "total", pr->cost_total, 2);
        jw_object_end(&w);
        jw_kv_double(&w, "percent_done_by_cost", pr->pct_done_by_cost, 1);
        jw_key(&w, "eal");
        jw_object_begin(&w);
        jw_kv_double(&w, "without_programme", fg.eal_none, 2);
        jw_kv_double(&w, "now", fg.eal_now, 2);
        jw_kv_double(&w, "when_complete", fg.eal_complete, 2);
        jw_object_end(&w);
        jw_key(&w, "controls");
        jw_array_begin(&w);
        for (size_t k = 0; k < p.n; k++) {
            const prog_item *it = &p.items[k];
            /* The status as of --at: a later change is not yet visible. */
            prog_status st = prog_status_at(it, day);
            jw_object_begin(&w);
            jw_kv_string(&w, "id", it->control);
            jw_kv_string(&w, "title", it->title);
            jw_kv_double(&w, "cost", it->cost, 2);
            jw_kv_string(&w, "status", prog_status_name(st));
            day_json(&w, "adopted", it->adopted);
            day_json(&w, "started", st != PROG_PLANNED ? it->started : 0);
            day_json(&w, "done", st == PROG_DONE ? it->done : 0);
            jw_kv_bool(&w, "in_controls_file", control_index(&r, it->control) >= 0);
            jw_object_end(&w);
        }
        jw_array_end(&w);
        jw_object_end(&w);
        fwrite(strbuf_cstr(&sb), 1, sb.len, stdout);
        putchar('\n');
        strbuf_free(&sb);
    } else if (!p.n) {
        printf("No programme adopted yet: seawall plan --budget AMOUNT --adopt.\n");
    } else {
        static const char *const headers[] = { "CONTROL", "STATUS", "COST", "ADOPTED", "STARTED", "DONE", "TITLE" };
        cli_table t;
        cli_table_init(&t, 7, headers);
        for (size_t k = 0; k < p.n; k++) {
            const prog_item *it = &p.items[k];
            prog_status st = prog_status_at(it, day);
            char cost[24], a[11], b[11] = "-", c[11] = "-";
            money(cost, sizeof cost, it->cost);
            ppl_fmt_day(it->adopted, a);
            if (st != PROG_PLANNED) ppl_fmt_day(it->started, b);
            if (st == PROG_DONE) ppl_fmt_day(it->done, c);
            const char *cells[] = { it->control, prog_status_name(st), cost, a, b, c, it->title ? it->title : "" };
            cli_table_row(&t, cells);
        }
        printf("Investment programme as of %s: %zu controls, %zu done, %zu in progress, %zu planned\n\n", d, pr->total,
               pr->count[PROG_DONE], pr->count[PROG_IN_PROGRESS], pr->count[PROG_PLANNED]);
        cli_table_print(&t, stdout);
        cli_table_free(&t);
        char c0[24], c1[24], e0[24], e1[24], e2[24];
        money(c0, sizeof c0, pr->cost[PROG_DONE]);
        money(c1, sizeof c1, pr->cost_total);
        money(e0, sizeof e0, fg.eal_none);
        money(e1, sizeof e1, fg.eal_now);
        money(e2, sizeof e2, fg.eal_complete);
        printf("\nDone: %s of %s %s (%.0f%% by cost). Expected annual loss: %s without the programme, %s now, %s when complete.\n",
               c0, c1, cur, pr->pct_done_by_cost, e0, e1, e2);
    }
    cli_prog_free(&p);
    cli_risk_ctx_free(&r);
    return EXIT_OK;
}
