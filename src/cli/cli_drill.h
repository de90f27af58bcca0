/* cli_drill.h - `seawall drill`: the scenario's injects from the simulator
 * (cli_drill_injects.c), playing and scoring a drill (cli_drill_run.c),
 * and listing stored drills (cmd_drill.c). */
#ifndef SW_CLI_DRILL_H
#define SW_CLI_DRILL_H
#include <stdio.h>
#include "cli/cli.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "ir/drill.h"
#include "detect/ais_detect.h"
#include "detect/detect.h"
#include "model/model.h"
#include "sim/ais_sim.h"
#include "sim/sim.h"
#include "store/store_drills.h"

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
    size_t n_expected, raised_expected;   /* the ground truth's expected rules, and how many the sensors raised */
    char not_raised[512];                 /* the others (", "-separated): detection gaps */
} drill_scenario;

/* Runs the simulator on the model for scenario id from start and the
 * sensor over its frames (a temporary pcap, removed after), and fills out. Returns EXIT_OK, or prints why and
 * returns an exit code. */
int drill_scenario_play(const cli_command *cmd, const port_model *m, const char *id, sw_time_us start, uint64_t seed,
                        drill_scenario *out);

/* Where a scenario's alerts go: the network and physical-security
 * sensor's, and the AIS sensor's (cli_drill_feeds.c). */
typedef struct drill_feed_sinks {
    /* Called once the feeds are written, before the sensors read them. */
    void (*ready)(void *user, const sim_result *res, const sim_ais_result *ais);
    detect_alert_fn alert;
    ais_alert_fn ais_alert;
    void *user;
} drill_feed_sinks;

/* Simulates so->only (one scenario id) into a temporary folder with the
 * feeds its story uses (pcap; ais.nmea and access.csv/vms.syslog for
 * converged scenarios), runs the sensors of `seawall sense` over them and
 * removes the folder. res and ais get the simulator's results. */
int drill_feeds_sense(const cli_command *cmd, const port_model *m, const sim_options *so, sim_result *res,
                      sim_ais_result *ais, const drill_feed_sinks *sinks);

typedef struct drill_run_opts {
    const char *scenario, *answers, *playbook;
    double speed;                  /* simulated seconds per wall second, interactive */
    sw_time_us start;              /* the simulator's start */
    sw_time_us duration;           /* drill length from the clock's start */
    uint64_t seed;
    drill_rules rules;
    bool exercise;                 /* --kind exercise: recorded as one when it tested the whole plan */
} drill_run_opts;

int drill_run(const cli_command *cmd, cli_ctx *ctx, const drill_run_opts *o);

/* The scored items of a stored result (JSON) as a table on stdout. */
void drill_print_items(const char *result_json);

/* A stored drill's fields as `drill list --json` gives them (into an open
 * object): id, scenario, playbook, kind, held, detect_s, points, scored,
 * missed. The web API's /api/v1/drills uses the same. */
void drill_list_fields_jw(json_writer *w, const store_drill_rec *r);

/* "+H:MM:SS" from a duration. */
void drill_fmt_offset(sw_time_us d, char out[32]);

#endif
