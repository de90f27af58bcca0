/* cmd_policies.c - `seawall policies`: the policies register with owner,
 * review cycle (overdue reviews) and acknowledgement by the roles that
 * must acknowledge each policy. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli_people.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"

static bool acked(const ppl_policy *p, const char *person)
{
    for (size_t i = 0; i < p->n_acks; i++) if (!strcmp(p->acks[i].person, person)) return true;
    return false;
}

static int run_policies(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_MODEL = 0x2000, OPT_DATA, OPT_AT };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS, { "model", required_argument, NULL, OPT_MODEL }, { "data", required_argument, NULL, OPT_DATA },
        { "at", required_argument, NULL, OPT_AT }, { 0, 0, 0, 0 },
    };
    const char *model = NULL, *data = NULL;
    int32_t today = ppl_day_of_us(time_now_us());
    int opt, rc;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        if (opt == OPT_MODEL) model = optarg;
        else if (opt == OPT_DATA) data = optarg;
        else if (opt == OPT_AT) {
            if (!cli_people_day(optarg, &today)) return cli_usage_error(cmd, "--at wants YYYY-MM-DD or an RFC 3339 time, not '%s'", optarg);
        } else {
            int common = cli_common_option(cmd, ctx, opt, optarg, &rc);
            if (common < 0) return rc;
            if (common == 0) return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind != argc) return cli_usage_error(cmd, "policies takes no argument");
    return cli_policies_report(cmd, ctx, model, data, today);
}

int cli_policies_report(const cli_command *cmd, cli_ctx *ctx, const char *model, const char *data, int32_t today)
{
    int rc;
    cli_people cp;
    if ((rc = cli_people_open(cmd, ctx, model, data, false, &cp))) return rc;
    ppl_data p;
    ppl_init(&p);
    rc = cli_people_load(cmd, &cp, &p);
    if (rc == EXIT_OK && !p.have_policies) { fprintf(stderr, "seawall %s: no policies.yaml in %s\n", cmd->name, cp.dir); rc = EXIT_INPUT; }
    if (rc == EXIT_OK) {
        static const char *const headers[] = { "POLICY", "TITLE", "OWNER", "VERSION", "LAST REVIEWED", "NEXT REVIEW", "ACKNOWLEDGED", "MISSING" };
        cli_listing l;
        cli_listing_begin_ctx(&l, ctx, 8, headers);
        bool gap = false;
        for (size_t i = 0; i < p.n_policies; i++) {
            const ppl_policy *q = &p.policies[i];
            int64_t required = 0, have = 0;
            char missing[1024] = "";
            for (size_t k = 0; k < cp.m->n_people; k++) {
                const model_person *who = &cp.m->people[k];
                if (who->status && !strcmp(who->status, "left")) continue;
                if (!ppl_roles_match(who, q->ack_roles, q->n_ack_roles)) continue;
                required++;
                if (acked(q, who->id)) have++;
                else {
                    strncat(missing, missing[0] ? "," : "", sizeof missing - strlen(missing) - 1);
                    strncat(missing, who->id, sizeof missing - strlen(missing) - 1);
                }
            }
            int32_t next = q->last_reviewed ? q->last_reviewed + q->review_days : 0;
            bool overdue = !next || today > next;
            gap |= overdue || have < required;
            char last[11] = "never", nx[24] = "now", ack[48];
            if (q->last_reviewed) ppl_fmt_day(q->last_reviewed, last);
            if (next) { ppl_fmt_day(next, nx); if (overdue) strcat(nx, " OVERDUE"); }
            snprintf(ack, sizeof ack, "%lld/%lld", (long long)have, (long long)required);
            if (ctx->json) {
                jw_object_begin(&l.w);
                jw_kv_string(&l.w, "id", q->id);
                jw_kv_string(&l.w, "title", q->title);
                jw_kv_string(&l.w, "owner", q->owner);
                jw_kv_string(&l.w, "version", q->version);
                jw_kv_int(&l.w, "review_days", q->review_days);
                jw_kv_string(&l.w, "last_reviewed", q->last_reviewed ? last : NULL);
                if (next) ppl_fmt_day(next, nx);
                jw_kv_string(&l.w, "next_review", next ? nx : NULL);
                jw_kv_bool(&l.w, "review_overdue", overdue);
                jw_kv_int(&l.w, "acknowledged", have);
                jw_kv_int(&l.w, "required", required);
                cli_jw_csv_array(&l.w, "missing", missing[0] ? missing : NULL);
                jw_object_end(&l.w);
                cli_listing_row(&l, NULL);
            } else {
                const char *cells[] = { q->id, q->title, q->owner, q->version, last, nx, ack, missing[0] ? missing : NULL };
                cli_listing_row(&l, cells);
            }
        }
        cli_listing_end(&l, true, "the register is empty");
        if (gap) rc = EXIT_FINDINGS;
    }
    ppl_free(&p);
    cli_people_close(&cp);
    return rc;
}

const cli_command cmd_policies = {
    "policies", "the policies register: owners, review cycle, acknowledgements",
    "Usage: seawall policies [--at YYYY-MM-DD] [--model port.yaml] [--data DIR] [--json]\n"
    "\n"
    "The policies of DIR/policies.yaml (--data, else the model's folder; format in\n"
    "docs/compliance.md) with owner, version, last review and the next one\n"
    "(OVERDUE past it), and how many of the active people whose roles must\n"
    "acknowledge a policy have done so, naming those missing. Exits 1 when a\n"
    "review is overdue or an acknowledgement is missing.\n",
    run_policies,
};
