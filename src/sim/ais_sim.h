/* ais_sim.h - the AIS side of `seawall sim`: an NMEA 0183 feed (!AIVDM with
 * NMEA 4.10 tag blocks) of the port's vessel traffic at ITU-R M.1371-5
 * reporting rates, with labelled spoofing and jamming scenarios whose
 * ground truth (time window, MMSIs, expected check ids) is recorded. */
#ifndef SW_SIM_AIS_SIM_H
#define SW_SIM_AIS_SIM_H
#include "core/json.h"
#include "sim/sim.h"

/* Receives the feed in time order, a few lines at a time (each "\r\n"-ended). */
typedef void (*sim_ais_sink_fn)(void *user, const char *text, size_t len);

#define SIM_AIS_MAX_RUNS 16
#define SIM_AIS_RUN_MMSIS 64

typedef struct sim_ais_scenario sim_ais_scenario;
struct ais_world;

typedef struct sim_ais_run {
    const sim_ais_scenario *def;
    bool skipped;
    char reason[160];
    sw_time_us first, last;           /* the scenario's window: its first and last effect; first < 0 when none */
    uint32_t mmsis[SIM_AIS_RUN_MMSIS];
    size_t n_mmsis;
    uint64_t sentences;               /* sentences its stations sent (0 for jamming: it removes them) */
    uint64_t suppressed;              /* reports it kept off the air (dark, jamming) */
    bool fixed_window;                /* the scenario set first/last itself */
    const char *part_of;              /* the converged scenario that asked for it, or NULL */
} sim_ais_run;

/* A converged scenario's request: run this AIS scenario from `at`. */
typedef struct sim_ais_request {
    const char *scenario, *part_of;
    sw_time_us at;
} sim_ais_request;

typedef struct sim_ais_result {
    uint64_t sentences, messages;
    uint64_t by_type[28];             /* messages per ITU message type */
    uint64_t lost;                    /* reports lost to ordinary reception loss */
    size_t stations;                  /* vessels, base stations and AtoNs */
    sim_ais_run runs[SIM_AIS_MAX_RUNS];
    size_t n_runs;
} sim_ais_result;

struct sim_ais_scenario {
    const char *id;                   /* "ais-teleport": stable, documented in docs/sim.md */
    const char *name;
    const char *description;
    const char *const *checks;        /* NULL-terminated: check ids a detector must raise */
    const char *const *also;          /* NULL-terminated: check ids that are right too (side effects) */
    const char *const *techniques;    /* ATT&CK ids */
    struct ais_world_inject {
        double at;                    /* planned start, as a fraction of the duration */
    } plan;
    sw_time_us min_duration;          /* shorter runs skip it */
    /* Adds its stations and effects to the world. false with err: skipped. */
    bool (*inject)(struct ais_world *w, sim_ais_run *run, sw_time_us at, sw_error *err);
};

/* True when the model has the geography the AIS feed needs (a VTS area). */
bool sim_ais_possible(const port_model *m, const char **why);
sw_code sim_ais_run_feed(const port_model *m, const sim_options *o, sim_ais_sink_fn sink, void *user,
                         sim_ais_result *res, sw_error *err);
/* The same, plus the AIS parts of converged scenarios (an unknown id is skipped with a reason). */
sw_code sim_ais_run_feed_with(const port_model *m, const sim_options *o, const sim_ais_request *req, size_t n_req,
                              sim_ais_sink_fn sink, void *user, sim_ais_result *res, sw_error *err);
/* Writes the "ais" member of ground-truth.json (see docs/sim.md). */
void sim_ais_truth_write(json_writer *w, const sim_options *o, const sim_ais_result *res, const char *file);

size_t sim_ais_scenario_count(void);
const sim_ais_scenario *sim_ais_scenario_at(size_t i);
/* Whether `only` (comma-separated ids, NULL = all) selects the id. */
bool sim_ais_selected(const char *only, const char *id);

#endif
