/* detect.h - the detectors: observations and the port model in, alerts out
 * through a callback. Pure (no I/O), bounded memory (fixed tables with
 * eviction, sized from detect_config at creation). */
#ifndef SW_DETECT_H
#define SW_DETECT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/ipaddr.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "model/model.h"
#include "net/observe.h"
#include "phys/phys.h"

typedef enum detect_severity { SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL, SEV__COUNT } detect_severity;
typedef enum detect_framework { DF_ICS, DF_ENTERPRISE, DF_AUTO } detect_framework;

typedef enum detect_rule_id {
#define DETECT_RULE(e, id, name, tech, sev, family, fw) RULE_##e,
#include "detect/rules.def"
#undef DETECT_RULE
    RULE__COUNT
} detect_rule_id;

typedef struct detect_rule {
    const char *id, *name;
    const char *techniques;      /* "T0855 T0836": space separated */
    detect_severity severity;    /* default; a detector may raise it */
    const char *family;
    detect_framework framework;
} detect_rule;

extern const detect_rule detect_rules[RULE__COUNT];

const char *detect_severity_name(detect_severity s);   /* "low" .. "critical" */
const char *detect_framework_name(detect_framework f); /* "MITRE ATT&CK for ICS", "MITRE ATT&CK" */

/* Thresholds and table sizes; detect_config_default documents each default
 * (docs/rules.md repeats them). */
typedef struct detect_config {
    uint32_t dedup_capacity;        /* alert suppression table slots (65536) */
    sw_time_us dedup_window;        /* one alert per rule and key this long (1 h) */
    uint32_t scan_sources;          /* sources tracked by the scan detector (2048, ~3.4 KB each) */
    sw_time_us scan_window;         /* probes counted in this window (60 s) */
    uint32_t scan_hosts;            /* distinct hosts on one port: horizontal (10; 2..32) */
    uint32_t scan_ports;            /* distinct ports on one host: vertical (8; 2..32) */
    uint32_t discovery_targets;     /* distinct devices sent identity requests (8; 2..32) */
    bool scan_skip_eng;             /* engineering workstations may scan (true) */
    bool rogue_ot;                  /* SW-ASSET-ROGUE in OT zones (true) */
    bool rogue_phys;                /* ... and in physical-security zones (false) */
    bool program_authorised;        /* download/upload/stop alerts also from may_write hosts (true) */
    bool baseline_phys;             /* the baseline covers physical-security assets too (false: OT only) */
    uint32_t baseline_capacity;     /* baseline items the CLI loads or learns (262144; 8 B x 2 each) */
    uint32_t intel_capacity;        /* indicators the CLI loads (1048576; sized to what is loaded) */
    uint32_t beacon_slots;          /* (source, destination, port) series tracked for beaconing (4096, ~170 B each) */
    uint32_t beacon_intervals;      /* regular intervals in a row that make a beacon (6; 3..15) */
    uint32_t beacon_jitter_pct;     /* each interval within this % of their median (10) */
    sw_time_us beacon_min_interval; /* shorter median intervals are sessions, not beacons (5 s) */
    sw_time_us beacon_max_interval; /* longer ones are not tracked (6 h) */
    bool beacon_internal;           /* also watch cross-zone flows inside the port, not only the internet (false) */
    uint32_t pivot_hosts;           /* hosts remembered as reached by an unexpected remote session (256) */
    sw_time_us pivot_window;        /* ICS writes from such a host this long after raise SW-ICS-PIVOT-WRITE (1 h) */
    double phys_max_speed;          /* impossible travel: faster than this between readers, m/s (12) */
    double phys_min_distance;       /* ... over at least this many metres (150) */
    sw_time_us phys_remote_window;  /* badge on site and remote login this close together (2 h) */
    sw_time_us phys_camera_silence; /* a camera whose RTSP stream was seen and then stopped this long is down (0: off) */
} detect_config;

void detect_config_default(detect_config *cfg);

#define DETECT_MAX_FRAMES 4
#define DETECT_MAX_EXTRA_TECH 2

typedef struct detect_alert {
    detect_rule_id rule;
    detect_severity severity;
    detect_framework framework;  /* resolved: ICS or ENTERPRISE */
    sw_time_us ts;
    bool has_src, has_dst;
    ip_addr src, dst;
    uint16_t src_port, dst_port;
    uint8_t ip_proto;            /* 0 when no transport */
    bool has_src_mac;
    uint8_t src_mac[6];
    const char *protocol;        /* application protocol, or NULL */
    const model_zone *zone_src, *zone_dst;
    const model_asset *asset_src, *asset_dst;
    const char *extra_techniques[DETECT_MAX_EXTRA_TECH];
    size_t n_extra;
    uint64_t frames[DETECT_MAX_FRAMES];
    size_t n_frames;
    char message[320];
    /* Physical-security alerts (event.dataset seawall.phys). */
    bool phys;
    const model_person *person;
    const model_asset *reader, *camera;
    const model_access_area *area;
    char badge[PHYS_VALUE_MAX], door[PHYS_VALUE_MAX], user_name[PHYS_VALUE_MAX];
    const char *feed;            /* the feed the event lines are numbered in */
    uint64_t lines[DETECT_MAX_FRAMES];
    size_t n_lines;
} detect_alert;

typedef void (*detect_alert_fn)(void *user, const detect_alert *a);

typedef struct detect_stats {
    uint64_t alerts[RULE__COUNT];
    uint64_t suppressed;         /* repeats inside the dedup window */
    uint64_t dedup_evictions, scan_evictions;
    uint64_t baseline_full;      /* --learn items that did not fit the baseline set */
    size_t memory;               /* bytes allocated at creation: the bound */
} detect_stats;

typedef struct detect_engine detect_engine;

/* NULL when out of memory. The model must outlive the engine. */
detect_engine *detect_create(const port_model *m, const detect_config *cfg, detect_alert_fn fn, void *user);
void detect_destroy(detect_engine *e);
void detect_observe(detect_engine *e, const net_observation *o);
/* A sink for the observation fan-out, asking only for what detectors read. */
obs_sink detect_sink(detect_engine *e);
const detect_stats *detect_get_stats(const detect_engine *e);

/* Renders one alert as an ECS JSON object (no newline). `pcap` names the
 * input the frames are numbered in (NULL: omitted); `frames` are the frame
 * numbers within it. */
void detect_alert_render(const detect_alert *a, const char *pcap, const uint64_t *frames, size_t n_frames,
                         strbuf *out);

#endif
