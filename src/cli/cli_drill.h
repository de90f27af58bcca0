/* cli_drill.h - `seawall drill`: the scenario's injects from the simulator
 * (cli_drill_injects.c), playing and scoring a drill (cli_drill_run.c),
 * and listing stored drills (cmd_drill.c). */
#ifndef SW_CLI_DRILL_H
#define SW_CLI_DRILL_H
#include <stdio.h>
#include "cli/cli.h"
#include "core/strbuf.h"
#include "ir/drill.h"
#include "model/model.h"

#define DRILL_MAX_INJECTS 48
#define DRILL_MAX_TARGETS 48

typedef struct drill_inject { sw_time_us t; char text[256]; } drill_inject;

/* What the simulator did for one scenario: injects in time order, what a
 * correct detection may name, and the assets it touched (csv). */
typedef struct drill_scenario {
    char id[64], name[160];
    drill_inject injects[DRILL_MAX_INJECTS];
    size_t n_injects;
    char targets[DRILL_MAX_TARGETS][96];
    size_t n_targets;
    char assets[1024];
    char tactics[512];             /* ATT&CK for ICS tactics of its techniques, for the playbook match */
    sw_time_us attack_start, attack_end;
    size_t n_expected, raised_expected;   /* the ground truth's expected rules, and how many the network sensor raised */
    char not_raised[512];                 /* the others: rules of the access-control, video or AIS feeds, or sensor misses */
} drill_scenario;

/* Runs the simulator on the model for scenario id from start and the
 * sensor over its frames (a temporary pcap, removed after), and fills out. Returns EXIT_OK, or prints why and
 * returns an exit code. */
int drill_scenario_play(const cli_command *cmd, const port_model *m, const char *id, sw_time_us start, uint64_t seed,
                        drill_scenario *out);

typedef struct drill_run_opts {
    const char *scenario, *answers, *playbook;
    double speed;                  /* simulated seconds per wall second, interactive */
    sw_time_us start;              /* the simulator's start */
    sw_time_us duration;           /* drill length from the clock's start */
    uint64_t seed;
    drill_rules rules;
} drill_run_opts;

int drill_run(const cli_command *cmd, cli_ctx *ctx, const drill_run_opts *o);

/* The scored items of a stored result (JSON) as a table on stdout. */
void drill_print_items(const char *result_json);

/* "+H:MM:SS" from a duration. */
void drill_fmt_offset(sw_time_us d, char out[32]);

#endif
