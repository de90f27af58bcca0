/* cmd_training.c - `seawall training`: every active person against the
 * courses their roles require, with the deadline that applies and its
 * basis; --overdue keeps the gaps. Also the phishing-simulation trend. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli_people.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"

typedef struct train_out { cli_listing l; bool overdue_only; int64_t n[PPL_TR__COUNT]; } train_out;

static int train_row(void *ctx, const ppl_train_row *r)
{
    train_out *o = ctx;
    o->n[r->state]++;
    if (o->overdue_only && r->state != PPL_TR_OVERDUE) return 0;
    char due[11] = "", last[11] = "";
    if (r->due) ppl_fmt_day(r->due, due);
    if (r->last_done) ppl_fmt_day(r->last_done, last);
    char roles[256] = "";
    for (size_t i = 0; i < r->person->roles.len; i++) {
        strncat(roles, i ? "," : "", sizeof roles - strlen(roles) - 1);
        strncat(roles, r->person->roles.items[i], sizeof roles - strlen(roles) - 1);
    }
    if (o->l.json) {
        json_writer *w = &o->l.w;
        jw_object_begin(w);
        jw_kv_string(w, "person", r->person->id);
        jw_kv_string(w, "name", r->person->name);
        jw_kv_string(w, "roles", roles);
        jw_kv_string(w, "course", r->course->id);
        jw_kv_string(w, "state", ppl_train_state_name(r->state));
        jw_kv_string(w, "last_completed", r->last_done ? last : NULL);
        jw_kv_string(w, "due", r->due ? due : NULL);
        jw_kv_string(w, "basis", r->basis);
        jw_kv_string(w, "citation", r->course->citation);
        jw_object_end(w);
        cli_listing_row(&o->l, NULL);
    } else {
        const char *cells[] = { r->person->id, roles, r->course->id, ppl_train_state_name(r->state), r->last_done ? last : "never",
                                r->due ? due : "-", r->basis };
        cli_listing_row(&o->l, cells);
    }
    return 0;
}

static void phishing_trend(const ppl_data *p)
{
    printf("\nphishing simulations (click rate, report rate, credentials entered; trend against the previous one of the same audience):\n");
    for (size_t i = 0; i < p->n_campaigns; i++) {
        const ppl_campaign *c = &p->campaigns[i];
        char d[11];
        ppl_fmt_day(c->day, d);
        if (strcmp(c->kind, "phishing-sim")) {
            printf("  %s %-14s awareness, %s: %lld reached%s%s\n", d, c->id, c->audience, (long long)c->sent, c->title ? " - " : "", c->title ? c->title : "");
            continue;
        }
        double click = 100.0 * (double)c->clicked / (double)c->sent, rep = 100.0 * (double)c->reported / (double)c->sent;
        const ppl_campaign *prev = NULL;
        for (size_t k = 0; k < i; k++)
            if (!strcmp(p->campaigns[k].kind, "phishing-sim") && !strcmp(p->campaigns[k].audience, c->audience)) prev = &p->campaigns[k];
        char trend[64] = "first";
        if (prev)
            snprintf(trend, sizeof trend, "clicks %+.1f pts, reports %+.1f pts", click - 100.0 * (double)prev->clicked / (double)prev->sent,
                     rep - 100.0 * (double)prev->reported / (double)prev->sent);
        printf("  %s %-14s %s: %.1f%% clicked, %.1f%% reported, %lld entered credentials (%s)\n", d, c->id, c->audience, click, rep,
               (long long)c->submitted, trend);
    }
}

static int run_training(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_MODEL = 0x2000, OPT_DATA, OPT_OVERDUE, OPT_AT };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "model", required_argument, NULL, OPT_MODEL }, { "data", required_argument, NULL, OPT_DATA },
        { "overdue", no_argument, NULL, OPT_OVERDUE }, { "at", required_argument, NULL, OPT_AT }, { 0, 0, 0, 0 },
    };
    const char *model = NULL, *data = NULL;
    bool overdue = false;
    int32_t today = ppl_day_of_us(time_now_us());
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        if (opt == OPT_MODEL) model = optarg;
        else if (opt == OPT_DATA) data = optarg;
        else if (opt == OPT_OVERDUE) overdue = true;
        else if (opt == OPT_AT) {
            if (!cli_people_day(optarg, &today)) return cli_usage_error(cmd, "--at wants YYYY-MM-DD or an RFC 3339 time, not '%s'", optarg);
        } else {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (common == 0) return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind != argc) return cli_usage_error(cmd, "training takes no argument");
    return cli_training_report(cmd, ctx, model, data, overdue, today);
}

int cli_training_report(const cli_command *cmd, cli_ctx *ctx, const char *model, const char *data, bool overdue, int32_t today)
{
    int rc;
    cli_people cp;
    if ((rc = cli_people_open(cmd, ctx, model, data, false, &cp))) return rc;
    ppl_data p;
    ppl_init(&p);
    rc = cli_people_load(cmd, &cp, &p);
    if (rc == EXIT_OK && (!p.have_training || !p.have_policies)) {
        fprintf(stderr, "seawall %s: %s lacks training.csv or policies.yaml (courses)\n", cmd->name, cp.dir);
        rc = EXIT_INPUT;
    }
    if (rc == EXIT_OK) {
        static const char *const headers[] = { "PERSON", "ROLES", "COURSE", "STATE", "LAST DONE", "DUE", "BASIS" };
        train_out o = { .overdue_only = overdue };
        cli_listing_begin_ctx(&o.l, ctx, 7, headers);
        ppl_training_each(&p, cp.m, today, 30, train_row, &o);
        cli_listing_end(&o.l, true, overdue ? "nobody is overdue" : "no person holds a role a course requires");
        if (!ctx->json) {
            char d[11];
            ppl_fmt_day(today, d);
            printf("\nas of %s: %lld current, %lld due within 30 days, %lld newcomers within their deadline, %lld overdue\n", d,
                   (long long)o.n[PPL_TR_CURRENT], (long long)o.n[PPL_TR_DUE_SOON], (long long)o.n[PPL_TR_PENDING],
                   (long long)o.n[PPL_TR_OVERDUE]);
            if (p.have_phishing && !overdue) phishing_trend(&p);
        }
        if (o.n[PPL_TR_OVERDUE]) rc = EXIT_FINDINGS;
    }
    ppl_free(&p);
    cli_people_close(&cp);
    return rc;
}

const cli_command cmd_training = {
    "training", "security training by role against its deadlines; phishing trend",
    "Usage: seawall training [--overdue] [--at YYYY-MM-DD] [--model port.yaml] [--data DIR] [--json]\n"
    "\n"
    "Every active person of the port model against each course policies.yaml\n"
    "requires of their roles, from the events of training.csv (both in DIR:\n"
    "--data, else the model's folder; format in docs/compliance.md). A course\n"
    "done is due again after every_days; one never done is due at initial_by\n"
    "for people in post, and for newcomers access_days after their IT/OT\n"
    "access or hire_days after hiring, whichever is first (33 CFR\n"
    "101.650(d)). States: current, due-soon (30 days), pending (newcomer in\n"
    "time), overdue. --overdue lists only the gaps. The human output ends with\n"
    "the phishing simulations of phishing.csv and their trend. Exits 1 when\n"
    "someone is overdue or a file has errors (listed with their lines).\n",
    run_training,
};
