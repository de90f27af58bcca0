/* ais_detect.h - AIS integrity: decoded messages in, vessel tracks kept
 * (ais/track.h) and ECS alerts out through a callback. Pure: the port's
 * geography comes in through ais_geo, time from the messages (tag blocks)
 * or the caller's receive clock; memory is fixed at creation. */
#ifndef SW_AIS_DETECT_H
#define SW_AIS_DETECT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ais/ais.h"
#include "ais/stream.h"
#include "ais/track.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "detect/detect.h"

typedef enum ais_check_id {
#define AIS_CHECK(e, id, name, tech, sev) AIS_CHECK_##e,
#include "detect/ais_checks.def"
#undef AIS_CHECK
    AIS_CHECK__COUNT
} ais_check_id;

typedef struct ais_check_info {
    const char *id, *name;
    const char *techniques;         /* "T0856": space separated, "" none */
    detect_severity severity;
} ais_check_info;

extern const ais_check_info ais_checks[AIS_CHECK__COUNT];
/* The check with this id ("SW-AIS-DARK"), or -1. */
int ais_check_by_id(const char *id);

/* What the port looks like, asked by the checks. Any callback may be NULL:
 * the checks that need it then stay silent. */
typedef enum { AIS_SURFACE_UNKNOWN, AIS_SURFACE_WATER, AIS_SURFACE_LAND } ais_surface;
typedef struct ais_geo_station {
    const char *id;
    uint32_t mmsi;
    double lat, lon;
    bool aton, is_virtual;
} ais_geo_station;
typedef struct ais_geo {
    void *user;
    /* The port's land and water polygons first, then a world land layer;
     * *where names the polygon or layer ("land:quay-north", "world"). */
    ais_surface (*surface_at)(void *user, double lat, double lon, const char **where);
    /* Inside the VTS area; *edge_m is the distance to its boundary. */
    bool (*in_vts)(void *user, double lat, double lon, double *edge_m);
    /* The port's base station or AtoN with this MMSI. */
    bool (*station)(void *user, uint32_t mmsi, ais_geo_station *out);
    size_t n_base_stations, n_atons;    /* how many the port declares */
} ais_geo;

/* Thresholds; ais_detect_config_default documents each default and
 * docs/rules.md "AIS integrity" repeats them. */
typedef struct ais_detect_config {
    uint32_t capacity;              /* vessels tracked (65536) */
    uint32_t dedup_window_s;        /* one alert per check and MMSI this long (3600) */
    /* TELEPORT and CLONE */
    double max_speed_kn;            /* class A and unknown (40) */
    double max_speed_hsc_kn;        /* ship types 20-29 and 40-49: WIG and high-speed craft (70) */
    double max_speed_class_b_kn;    /* class B (60) */
    double jump_slack_nm;           /* a jump is beyond max speed * time + this (0.5) */
    double sog_ratio;               /* SOG disagreement: implied > ratio * reported + margin (2.0) */
    double sog_margin_kn;           /* (5) */
    uint32_t sog_min_dt_s;          /* only over gaps this long or longer (30) */
    uint32_t sog_max_dt_s;          /* and this long or shorter (600) */
    uint32_t clone_window_s;        /* two tracks count as simultaneous within this (600) */
    /* ON-LAND */
    uint32_t land_reports;          /* consecutive reports on land before an alert (2) */
    /* DARK and JAMMING */
    double dark_factor;             /* silent beyond factor * ITU reporting interval (3) */
    uint32_t dark_min_s;            /* and at least this long (60) */
    double dark_edge_nm;            /* not within this of the VTS boundary (1.0) */
    uint32_t jam_window_s;          /* vessels falling silent within this of each other (60) */
    uint32_t jam_min_vessels;       /* this many at once is jamming, not one vessel dark (3) */
    uint32_t tick_s;                /* how often silence is looked for, in feed time (10) */
    /* RATE */
    uint32_t rate_window_s;         /* reports counted over this window (60) */
    double rate_factor;             /* alert above factor * window / ITU minimum interval + 2 (1.5) */
    /* FAKE-STATION */
    double station_tolerance_m;     /* a declared station's position may be off by this (200) */
} ais_detect_config;

void ais_detect_config_default(ais_detect_config *c);
/* Sets one threshold from "NAME=VALUE", NAME a field above (not capacity),
 * as docs/rules.md names it: SW_ERR_USAGE with a message for an unknown
 * name or a value out of its range (ais_config.c). */
sw_code ais_detect_config_set(ais_detect_config *c, const char *assignment, sw_error *err);
/* Checks the thresholds against one another, after every set. */
sw_code ais_detect_config_check(const ais_detect_config *c, sw_error *err);
/* The i-th settable threshold and its value; false past the last. */
bool ais_detect_config_field(const ais_detect_config *c, size_t i, const char **name, double *value);

#define AIS_ALERT_MAX_LINES 8
#define AIS_ALERT_MAX_MMSIS 16

typedef struct ais_alert {
    ais_check_id check;
    detect_severity severity;
    int64_t t_ms;                   /* feed time, or the caller's clock when the feed has none */
    uint32_t mmsi;                  /* 0 for area-wide alerts (JAMMING) */
    const ais_vessel *vessel;       /* its track (NULL for JAMMING) */
    bool has_pos;
    double lat, lon;
    uint64_t lines[AIS_ALERT_MAX_LINES];   /* NMEA line numbers, ascending */
    size_t n_lines;
    uint32_t mmsis[AIS_ALERT_MAX_MMSIS];   /* vessels involved (JAMMING) */
    size_t n_mmsis, total_mmsis;
    bool no_dedup;                  /* a follow-up of an alert already raised (DARK reappearing) */
    char message[320];
} ais_alert;

typedef void (*ais_alert_fn)(void *user, const ais_alert *a);

typedef struct ais_detect_stats {
    uint64_t messages, alerts[AIS_CHECK__COUNT];
    uint64_t suppressed;            /* repeats inside the dedup window */
    uint64_t timeless;              /* messages with no time: time checks skipped */
    size_t memory;                  /* bytes allocated at creation: the bound */
} ais_detect_stats;

typedef struct ais_detect ais_detect;

/* geo may be NULL (no geography). The geo and its data must outlive the engine.
 * on_evict is called for a vessel about to be dropped from a full table. */
ais_detect *ais_detect_create(const ais_detect_config *cfg, const ais_geo *geo, ais_alert_fn fn, void *user,
                              ais_evict_fn on_evict, void *evict_user);
void ais_detect_destroy(ais_detect *e);
/* One decoded message. t_ms is its reception time (the tag block or the
 * receive clock), AIS_NO_TIME when unknown: checks that need time then
 * skip it. wall_ms dates alerts when t_ms is unknown. Returns its vessel. */
const ais_vessel *ais_detect_message(ais_detect *e, const ais_msg *m, const ais_meta *meta, int64_t t_ms,
                                     int64_t wall_ms);
/* The feed ended (or time passed with no message, for live feeds): judges
 * vessels still silent at now_ms. */
void ais_detect_finish(ais_detect *e, int64_t now_ms);
void ais_detect_tick(ais_detect *e, int64_t now_ms);
ais_tracker *ais_detect_tracker(ais_detect *e);
const ais_detect_stats *ais_detect_get_stats(const ais_detect *e);

/* Integrity status of a vessel from the checks it raised: "ok", "suspect"
 * (only DARK, RATE or JAMMING) or "alert". */
const char *ais_vessel_status(const ais_vessel *v);

/* ITU-R M.1371-5 Table 1/2 nominal reporting interval, in seconds, for the
 * vessel's class, speed and navigational status. */
double ais_reporting_interval_s(ais_class cls, double sog_kn, uint8_t nav_status, bool assigned);

/* The alert as one ECS JSON object (no newline); `input` names the feed the
 * line numbers count in (NULL: omitted). */
void ais_alert_render(const ais_alert *a, const char *input, strbuf *out);

#endif
