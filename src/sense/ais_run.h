/* ais_run.h - the AIS sensor: feeds (files, UDP, TCP) through the decoder,
 * the tracker and the integrity checks, alerts to an ECS file and the
 * store, vessels to the store. Stops cleanly on SIGINT/SIGTERM with
 * everything flushed. */
#ifndef SW_SENSE_AIS_RUN_H
#define SW_SENSE_AIS_RUN_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "ais/stream.h"
#include "detect/ais_detect.h"
#include "model/land.h"
#include "model/model.h"
#include "detect/ais_geo_model.h"
#include "sense/ais_feed.h"
#include "store/store.h"

typedef struct ais_run_options {
    const char *const *sources;      /* files, "-", udp://..., tcp://... */
    size_t n_sources;
    const port_model *model;         /* NULL: no port geography */
    const land_layer *land;          /* NULL: no world land layer */
    ais_detect_config cfg;
    FILE *eve;                       /* alerts as ECS lines; NULL none */
    store *db;                       /* vessels and alerts; NULL none */
    uint32_t store_every_s;          /* live feeds: write vessels this often (5) */
    ais_alert_fn on_alert;           /* also handed every alert (a drill's injects); NULL none */
    void *on_alert_user;
    /* The stored tracks' retention, applied at each write: feed time kept
     * behind the newest point (0: AIS_TRACK_KEEP_DAYS) and points per
     * vessel (0: AIS_TRACK_POINTS). */
    int64_t track_keep_us;
    uint32_t track_points;
} ais_run_options;

#define AIS_TRACK_KEEP_DAYS 7
/* A week at the track's one point per 30 s, so by default age is the bound
 * that bites and the count only caps what several feeds interleave. */
#define AIS_TRACK_POINTS 20160
#define AIS_TRACK_POINTS_MAX 10000000u

typedef struct ais_run_result {
    ais_stats stream;                /* summed over the sources */
    ais_feed_stats feed;
    ais_detect_stats detect;
    ais_tracker_stats tracker;
    uint64_t vessels_stored, alerts_stored, alerts_total;
    uint64_t track_stored, track_trimmed;   /* track points written, and deleted by the retention */
    size_t sources_failed;
    bool interrupted;
    double seconds;
} ais_run_result;

/* SW_OK when every source was read (and, with a store, written). A source
 * that cannot be opened is reported and skipped (SW_ERR_IO at the end);
 * a malformed feed URL is SW_ERR_USAGE before anything runs. */
sw_code ais_run(const ais_run_options *o, ais_run_result *res, sw_error *err);

#endif
