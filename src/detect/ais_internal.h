/* ais_internal.h - what the AIS check families share: the engine, the
 * family table, the per-message context and raising an alert through the
 * per-vessel dedup. Not for use outside src/detect/ais_*.c. */
#ifndef SW_AIS_INTERNAL_H
#define SW_AIS_INTERNAL_H
#include "detect/ais_detect.h"

#define AIS_NM_M 1852.0
#define AIS_KN_MPS (1852.0 / 3600.0)

/* One message as the families see it, before the tracker folds it in:
 * `v` still holds the previous state. */
typedef struct ais_ctx {
    const ais_msg *m;
    const ais_meta *meta;
    ais_vessel *v;
    uint32_t index;                 /* vessel slot */
    bool created;                   /* first message of this MMSI */
    int64_t t_ms;                   /* AIS_NO_TIME when unknown */
    int64_t alert_ms;               /* t_ms, or the wall clock */
    bool has_fix;
    ais_fix fix;                    /* this message's position */
} ais_ctx;

typedef struct ais_family {
    const char *name;
    size_t vessel_state;            /* bytes of per-vessel state, zeroed for a new vessel */
    size_t (*state_size)(const ais_detect_config *cfg);   /* engine-wide state; NULL none */
    void (*message)(ais_detect *e, void *state, const ais_ctx *c, void *vs);
    void (*tick)(ais_detect *e, void *state, int64_t now_ms, bool final);   /* NULL none */
} ais_family;

#define AIS_FAMILY(sym) extern const ais_family sym;
#include "detect/ais_families.def"
#undef AIS_FAMILY

struct ais_detect {
    ais_detect_config cfg;
    const ais_geo *geo;
    ais_alert_fn fn;
    void *user;
    ais_tracker *tr;
    ais_detect_stats stats;
    uint32_t *gen;                  /* per slot: generation the states belong to */
    uint32_t (*alerted)[AIS_CHECK__COUNT];   /* per slot: feed second of the last alert, 0 never */
    void **family_state;            /* per family */
    uint8_t **family_vessel;        /* per family: capacity * vessel_state bytes */
    int64_t next_tick_ms;
    int64_t last_ms;                /* newest feed time seen */
};

/* The family's state for vessel slot i (valid after ais_detect_message made it current). */
void *ais_vessel_state(ais_detect *e, size_t family, uint32_t index);
size_t ais_family_index(const ais_family *f);

void ais_alert_init(ais_alert *a, ais_check_id check, const ais_ctx *c);
void ais_alert_line(ais_alert *a, uint64_t line);
/* Emits unless this check fired for this vessel within the dedup window
 * (index AIS_TRACK_NONE: no per-vessel dedup). Marks the vessel. */
bool ais_raise(ais_detect *e, ais_alert *a, uint32_t index);

double ais_distance_m(double lat1, double lon1, double lat2, double lon2);
/* Top speed the vessel could make, knots (the config's class/type limits). */
double ais_max_speed_kn(const ais_detect *e, const ais_vessel *v);
bool ais_in_vts(const ais_detect *e, double lat, double lon, double *edge_m);

#endif
