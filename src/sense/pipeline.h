/* pipeline.h - `seawall sense` without the command line: capture sources
 * into the network engine, observations fanned out to every consumer
 * (summary now; inventory, segmentation, detection and the store later). */
#ifndef SW_SENSE_PIPELINE_H
#define SW_SENSE_PIPELINE_H
#include <stdbool.h>
#include <stddef.h>
#include "core/error.h"
#include "net/engine.h"
#include "net/observe.h"
#include "sense/summary.h"

#define SENSE_MAX_CONSUMERS 16

/* Observation fan-out: each consumer receives the kinds it asked for. */
typedef struct sense_consumers {
    obs_sink sinks[SENSE_MAX_CONSUMERS];
    size_t n;
    /* Filled by sense_consumers_sink: per kind, the sinks that asked for it,
     * so an observation (one per packet for OBS_PACKET) visits only those. */
    uint8_t by_kind[OBS__COUNT][SENSE_MAX_CONSUMERS];
    uint8_t n_by_kind[OBS__COUNT];
} sense_consumers;

bool sense_consumers_add(sense_consumers *c, obs_sink sink);
/* One sink that forwards to all; its kinds are the union of theirs. */
obs_sink sense_consumers_sink(sense_consumers *c);

typedef struct sense_options {
    const char *const *pcaps;
    size_t n_pcaps;
    const char *iface;           /* live capture, after the files */
    const char *bpf;
    int progress;                /* -1: when stderr is a terminal; 0 off; 1 on */
    const uint64_t *alerts;      /* alerts so far, for the progress line; NULL: not shown */
    net_engine_config engine;
    /* Optional: told each input as it opens, with the global frame number
     * its first frame follows (alerts rebase their evidence on it). */
    void (*on_source)(void *user, const char *name, uint64_t frames_before);
    void *source_user;
} sense_options;

/* Called once at the end, while the engine's counters are still alive. */
typedef void (*sense_report_fn)(void *user, const net_engine_stats *st, const sense_run_info *ri);

/* Runs every source to its end (or SIGINT/SIGTERM), flushes all flows and
 * reports. Returns SW_ERR_IO when an input could not be opened (the others
 * still run), SW_ERR_NOMEM when the engine cannot be built. */
sw_code sense_run(const sense_options *opt, sense_consumers *consumers, sense_report_fn report, void *user,
                  sw_error *err);

#endif
