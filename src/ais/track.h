/* track.h - per-MMSI vessel state fed by decoded AIS messages: the last
 * positions with their times, kinematics, transceiver class, and static and
 * voyage data. Fixed memory: a table of `capacity` vessels allocated once,
 * an open-addressing MMSI index and an LRU list; when full the vessel heard
 * least recently is evicted (counted, and handed to an optional hook so a
 * store can keep it). Pure: no I/O, no allocation per message. */
#ifndef SW_AIS_TRACK_H
#define SW_AIS_TRACK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ais/ais.h"
#include "ais/stream.h"

#define AIS_NO_TIME INT64_MIN
#define AIS_TRACK_FIXES 4           /* positions kept per vessel */
#define AIS_TRACK_NONE UINT32_MAX   /* no vessel index */

typedef enum ais_class {
    AIS_CLASS_UNKNOWN = 0,
    AIS_CLASS_A,                    /* types 1-3, 5 */
    AIS_CLASS_B_SO,                 /* type 18 with cs = 0 (SOTDMA), 19 */
    AIS_CLASS_B_CS,                 /* type 18 with cs = 1 (carrier sense) */
    AIS_CLASS_BASE,                 /* type 4 */
    AIS_CLASS_ATON,                 /* type 21 */
    AIS_CLASS_SAR,                  /* type 9 */
    AIS_CLASS__COUNT
} ais_class;

const char *ais_class_name(ais_class c);  /* "A", "B-SO", "B-CS", "base", "aton", "sar", "unknown" */

/* One reported position. lat/lon in 1/10000 minute (AIS_LATLON_DIV);
 * sog in 1/10 knot and cog in 1/10 degree (AIS_*_NOT_AVAILABLE when not). */
typedef struct ais_fix {
    int64_t t_ms;                   /* AIS_NO_TIME when the report had none */
    uint64_t line;                  /* last input line of its message */
    int32_t lat, lon;
    uint16_t sog, cog;
    uint8_t type, second;           /* message type; UTC second field (60+ = n/a) */
} ais_fix;

typedef struct ais_vessel {
    uint32_t mmsi;
    uint32_t gen;                   /* bumped each time the slot is reused */
    uint32_t lru_prev, lru_next;    /* slot indices, AIS_TRACK_NONE at the ends */
    ais_class cls;
    uint32_t types_seen;            /* bit t: message type t heard */
    int64_t first_seen_ms, last_seen_ms;  /* AIS_NO_TIME until a dated message */
    uint64_t first_line, last_line;
    uint32_t messages, positions;
    /* newest position is fixes[(fix_head + nfix - 1) % AIS_TRACK_FIXES] */
    ais_fix fixes[AIS_TRACK_FIXES];
    uint8_t nfix, fix_head;
    uint16_t heading;               /* degrees, 511 n/a */
    uint8_t nav_status;             /* 15 n/a */
    /* static and voyage data (types 5, 19, 24; 21 for an AtoN's name) */
    bool has_static;
    char name[37], callsign[8], destination[21];
    uint32_t imo;
    uint8_t shiptype, to_port, to_starboard, draught;   /* draught in 1/10 m */
    uint16_t to_bow, to_stern;
    uint8_t eta_month, eta_day, eta_hour, eta_minute;
    uint64_t static_line;
    /* integrity, kept by the checks (src/detect/ais_*.c) */
    uint32_t checks;                /* bit c: check c raised an alert for this MMSI */
    uint32_t alerts;
    bool dirty;                     /* changed since the store last took it */
    uint32_t stored_messages, stored_positions, stored_alerts;   /* counts the store already has */
    int64_t track_stored_ms;        /* time of the newest fix the store's track took; 0 none */
} ais_vessel;

/* Position fields of any position-bearing message, normalised to the
 * units of ais_fix. False when the message has no valid position. */
bool ais_msg_position(const ais_msg *m, ais_fix *out);
static inline double ais_fix_lat(const ais_fix *f) { return f->lat / AIS_LATLON_DIV; }
static inline double ais_fix_lon(const ais_fix *f) { return f->lon / AIS_LATLON_DIV; }
const ais_fix *ais_vessel_last_fix(const ais_vessel *v);   /* NULL: none yet */
/* The transceiver class this message implies (UNKNOWN for types that do not). */
ais_class ais_msg_class(const ais_msg *m);

typedef struct ais_tracker_stats {
    uint64_t updates, created, evicted;
    uint32_t live, capacity;
    size_t memory;                  /* bytes allocated at creation: the bound */
} ais_tracker_stats;

typedef void (*ais_evict_fn)(void *user, const ais_vessel *v);
typedef struct ais_tracker ais_tracker;

/* NULL when out of memory or capacity is 0. */
ais_tracker *ais_tracker_create(uint32_t capacity, ais_evict_fn on_evict, void *user);
void ais_tracker_destroy(ais_tracker *t);
ais_vessel *ais_tracker_find(ais_tracker *t, uint32_t mmsi);
/* The vessel for mmsi, created (evicting the least recently heard when
 * full) if new; *created says which. Marks it most recently heard. */
ais_vessel *ais_tracker_get(ais_tracker *t, uint32_t mmsi, bool *created);
/* Folds one message into the vessel. t_ms is the reception time
 * (AIS_NO_TIME when unknown). */
void ais_tracker_apply(ais_tracker *t, ais_vessel *v, const ais_msg *m, const ais_meta *meta, int64_t t_ms);
uint32_t ais_tracker_index(const ais_tracker *t, const ais_vessel *v);
ais_vessel *ais_tracker_at(ais_tracker *t, uint32_t index);
/* LRU order: the least recently heard vessel, and the next more recent one. */
ais_vessel *ais_tracker_oldest(ais_tracker *t);
ais_vessel *ais_tracker_newer(ais_tracker *t, const ais_vessel *v);
const ais_tracker_stats *ais_tracker_get_stats(const ais_tracker *t);

#endif
