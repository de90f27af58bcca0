/* sim.h - the port simulator: turns a port model into a deterministic,
 * time-ordered stream of Ethernet frames (normal traffic from per-kind
 * profiles plus injected attack scenarios) and records the ground truth. */
#ifndef SW_SIM_H
#define SW_SIM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "model/model.h"

/* Receives each frame in timestamp order; frame is valid only during the call. */
typedef void (*sim_sink_fn)(void *user, sw_time_us ts, const uint8_t *frame, size_t len);

#define SIM_DEFAULT_START 1767225600000000LL      /* 2026-01-01T00:00:00Z: fixed, never the wall clock */

typedef struct sim_options {
    uint64_t seed;             /* default 1 */
    sw_time_us start;          /* first timestamp */
    sw_time_us duration;
    unsigned scale;            /* >= 1: replicas of every normal-traffic flow */
    bool scenarios;            /* inject attack scenarios */
    const char *only;          /* comma-separated scenario ids, NULL = all */
} sim_options;

void sim_options_default(sim_options *o);

#define SIM_MAX_RUNS 32
#define SIM_RUN_HOSTS 8
#define SIM_RUN_EXPECT 12
#define SIM_RUN_PHYS 4
#define SIM_RUN_ALERTS 16

/* One scenario as injected (or skipped) in this run. */
typedef struct sim_scenario_run {
    const struct sim_scenario *def;
    bool skipped;
    char reason[160];          /* why it was skipped */
    sw_time_us planned;        /* when it was scheduled to begin */
    sw_time_us first, last;    /* first and last frame it emitted; first < 0 when none */
    uint64_t packets;
    struct sim_run_host {
        char id[64];           /* asset id, or the synthetic host's name */
        uint32_t ip;           /* host byte order */
        const char *role;      /* "attacker", "target", ... */
        bool in_model;         /* false for hosts the scenario invented */
    } hosts[SIM_RUN_HOSTS];
    size_t n_hosts;
    /* What a detector should raise for it (default thresholds): one line per rule. */
    struct sim_expect {
        const char *step;      /* "scan", "lateral", "write", ... */
        const char *rule;      /* "SW-SCAN-HORIZONTAL" */
        const char *techniques;/* "T0846 T0888": every one must be on the rule's alert */
    } expect[SIM_RUN_EXPECT];
    size_t n_expect;
    /* Where a rule keys its alerts on one exchange (SW-CRED-DEFAULT: client,
     * server, port, credential), the exact alerts each step should raise,
     * and the exchanges that look alike but must raise none (absent). */
    struct sim_expect_alert {
        const char *step, *rule;
        uint32_t src, dst;     /* host byte order */
        uint16_t port;         /* server port */
        const char *protocol;  /* network.protocol: "http", "telnet", ... */
        const char *note;      /* what was sent, or why nothing may be raised (never a password) */
        bool absent;
    } alerts[SIM_RUN_ALERTS];
    size_t n_alerts;
    /* Converged scenarios: what the same story puts in the other feeds
     * (sim_converged_* in converged.c hands these to them). */
    struct sim_phys_req {
        sw_time_us t;
        int kind;              /* phys_kind */
        const char *badge, *reader, *camera;   /* model ids, or NULL */
    } phys[SIM_RUN_PHYS];
    size_t n_phys;
    const char *ais_scenario;  /* an AIS scenario id to run in the AIS feed from ais_at, or NULL */
    sw_time_us ais_at;
} sim_scenario_run;

typedef struct sim_result {
    uint64_t packets, bytes;
    uint64_t sessions;         /* TCP connections and UDP exchanges started */
    uint64_t flows;            /* recurring client/server relationships planned */
    size_t hosts;
    sw_time_us first, last;    /* first and last frame timestamps */
    sim_scenario_run runs[SIM_MAX_RUNS];
    size_t n_runs;
    /* The AIS feed of the same run, when one was made (ais_sim.h); its
     * ground truth goes under "ais". */
    const struct sim_ais_result *ais;
    const char *ais_file;
} sim_result;

/* Runs the simulation. Errors only on bad options or out of memory;
 * scenarios the model cannot support are marked skipped, not fatal. */
sw_code sim_run(const port_model *m, const sim_options *o, sim_sink_fn sink, void *user,
                sim_result *res, sw_error *err);

/* The ground truth document (see docs/sim.md), one JSON object. */
void sim_truth_write(const port_model *m, const sim_options *o, const sim_result *res, strbuf *out);

/* Writes frames to a pcap file through libpcap. */
typedef struct sim_pcap sim_pcap;
sim_pcap *sim_pcap_open(const char *path, sw_error *err);
void sim_pcap_sink(void *user, sw_time_us ts, const uint8_t *frame, size_t len);
sw_code sim_pcap_close(sim_pcap *p, sw_error *err);

/* The registered profiles and scenarios, for --help style listings. */
size_t sim_profile_count(void);
const char *sim_profile_name(size_t i);
const char *sim_profile_summary(size_t i);
size_t sim_scenario_count(void);
const struct sim_scenario *sim_scenario_at(size_t i);
const char *sim_scenario_id(const struct sim_scenario *s);
const char *sim_scenario_name(const struct sim_scenario *s);
/* false for scenarios that run only when named in --scenarios (the converged ones). */
bool sim_scenario_by_default(const struct sim_scenario *s);

#endif
