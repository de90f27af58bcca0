/* cli_incident.h - what the `seawall incident` subcommands share: the
 * loaded incident, its playbook and model, and appending to its timeline. */
#ifndef SW_CLI_INCIDENT_H
#define SW_CLI_INCIDENT_H
#include <jansson.h>
#include "cli/cli.h"
#include "ir/clocks.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "ir/playbook.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_incidents.h"

typedef struct inc_opts {
    const char *by, *why, *action, *to, *duty, *title, *severity, *assets, *playbook, *candidate, *draft, *directory, *model;
    const char *summary, *reason, *lessons, *actions, *output;   /* close, report */
    bool force;
    sw_time_us at, now;          /* 0: now */
} inc_opts;

typedef struct inc_ctx {
    const cli_command *cmd;
    cli_ctx *cli;
    store *s;
    port_model *m;
    int64_t id;
    char title[512], severity[16], state[16], playbook_id[80], candidate[80];
    char *assets;                 /* malloc'd csv */
    sw_time_us detected, opened;
    int64_t entries;
    playbook *pb;                 /* NULL when opened without one */
} inc_ctx;

/* Loads incident `id_text` (and its playbook); prints why not and returns
 * an exit code other than EXIT_OK on failure. */
int inc_load(inc_ctx *ic, const char *id_text);
void inc_free(inc_ctx *ic);
/* A person of the model who is active; prints why not (exit 1) otherwise. */
const model_person *inc_person(inc_ctx *ic, const char *id);
playbook *inc_load_playbook(const cli_command *cmd, const char *id, int *rc);
/* Appends one timeline entry in its own transaction. */
int inc_append(inc_ctx *ic, sw_time_us ts, const char *kind, const char *actor, const char *body);

/* The shipped playbook whose tactics and asset kinds best match (assets
 * and tactics comma separated; tactics may be ""); NULL when none scores. */
char *inc_suggest_playbook(const port_model *m, const char *assets, const char *tactics);

/* The timeline, loaded whole (an incident's entries are few). */
typedef struct tl_entry { int64_t seq; sw_time_us ts; char *kind, *actor, *body; json_t *doc; } tl_entry;
typedef struct timeline { tl_entry *e; size_t n, cap; bool oom; } timeline;
int inc_timeline_load(inc_ctx *ic, timeline *t);
void inc_timeline_free(timeline *t);
const char *inc_body_str(const tl_entry *e, const char *key);
/* When a duty was first reported (a comms entry with that duty); ctx is a timeline. */
sw_time_us inc_duty_met(void *ctx, const char *duty);
const tl_entry *inc_decision_taken(const timeline *t, const char *id);
/* "YYYY-MM-DD HH:MM +HH:MM" in the port's time zone. */
void inc_local_time(const port_model *m, sw_time_us t, char out[48]);
size_t inc_clocks_of(inc_ctx *ic, timeline *t, sw_time_us now, ir_clock *out);
/* The incident's outage for the impact model: its assets as node indices of
 * the model's impact graph (unknown ids skipped, at most max), and the hours
 * from detection to end (at least a minute). */
size_t inc_lost_assets(const inc_ctx *ic, uint32_t *lost, size_t max);
double inc_outage_hours(const inc_ctx *ic, sw_time_us end);

/* The post-incident report (cli_incident_report.c), Markdown or HTML. */
int inc_report_write(inc_ctx *ic, FILE *out, bool html, sw_time_us now);

int inc_clocks(inc_ctx *ic, const inc_opts *o);
int inc_show(inc_ctx *ic, const inc_opts *o);

/* The whole incident as `show --json` writes it: state, impact, port
 * functions, tasks, decisions, comms, evidence, clocks, playbook and the
 * timeline. Returns an exit code (EXIT_INPUT when the store fails). */
int inc_show_jw(inc_ctx *ic, sw_time_us now, json_writer *w);
/* The clocks of `clocks --json` as a JSON array. */
int inc_clocks_jw(inc_ctx *ic, sw_time_us now, json_writer *w);

/* One incident as `seawall incident list --json` writes it. */
void inc_list_row_jw(json_writer *w, const store_incident_rec *r);

/* The outcome of a change (cli_incident_ops.c): the exit code, the HTTP
 * status that says the same, and the message (empty when the reason was
 * already printed, e.g. the model's diagnostics). */
typedef struct inc_outcome {
    int exit_code, http;
    char msg[600];
} inc_outcome;

typedef struct inc_opened {
    int64_t id;
    size_t tasks;
    char playbook[80], severity[16], assets[1024];
} inc_opened;

/* Each runs the checks of `seawall incident SUB` and appends its timeline
 * entry through src/ir; nothing is printed. */
int inc_do_open(const cli_command *cmd, cli_ctx *ctx, const inc_opts *o, inc_opened *res, inc_outcome *out);
int inc_do_task_done(inc_ctx *ic, const inc_opts *o, int64_t n, inc_outcome *out);
int inc_do_decide(inc_ctx *ic, const inc_opts *o, inc_outcome *out);
int inc_do_note(inc_ctx *ic, const inc_opts *o, const char *kind, const char *text, inc_outcome *out);
int inc_do_state(inc_ctx *ic, const inc_opts *o, const char *to, inc_outcome *out);
/* A person of the model who is active, else NULL with out filled. */
const model_person *inc_person_check(inc_ctx *ic, const char *id, inc_outcome *out);

/* `seawall playbooks SUB` (list, show or check) after option parsing. */
int cli_playbooks_report(const cli_command *cmd, cli_ctx *ctx, const char *sub, const char *want, const char *model, const char *dir);

#endif
