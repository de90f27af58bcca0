/* ais_world.h - the simulated sea, internal to src/sim/: stations (class A
 * and B vessels, base stations, aids to navigation) that follow scripted
 * legs and report at their ITU-R M.1371-5 rates, and the effects scenarios
 * add (silence, position jumps, identity changes, jamming). */
#ifndef SW_SIM_AIS_WORLD_H
#define SW_SIM_AIS_WORLD_H
#include "core/geo.h"
#include "core/prng.h"
#include "sim/ais_enc.h"
#include "sim/ais_sim.h"
#include "sim/engine.h"

typedef enum { AIS_ST_CLASS_A, AIS_ST_CLASS_B, AIS_ST_BASE, AIS_ST_ATON } ais_station_kind;

/* Navigation status (ITU-R M.1371 Table 45). */
enum { NAV_UNDERWAY = 0, NAV_ANCHORED = 1, NAV_MOORED = 5, NAV_FISHING = 7, NAV_SAILING = 8 };

typedef enum { LEG_GOTO, LEG_HOLD } ais_leg_kind;

typedef struct ais_leg {
    ais_leg_kind kind;
    geo_point to;                     /* GOTO: the waypoint */
    double kn;                        /* GOTO: speed through the water on the way */
    unsigned status;                  /* navigation status during the leg */
    sw_time_us dur;                   /* HOLD: how long; < 0 forever */
    double swing_m;                   /* HOLD at anchor: radius of the swing circle */
} ais_leg;

#define AIS_MAX_LEGS 40

typedef struct ais_identity {
    char shipname[21], callsign[8], destination[21];
    uint32_t imo;
    unsigned shiptype, to_bow, to_stern, to_port, to_starboard;
    double draught_m;
} ais_identity;

typedef struct ais_station {
    uint32_t mmsi;
    ais_station_kind kind;
    ais_identity id;
    ais_identity alt_id;              /* identity from alt_id_from on (identity swap) */
    sw_time_us alt_id_from;           /* < 0: never */
    bool alt_announced;               /* the new identity has been scheduled for sending */
    double max_kn;                    /* design speed, for acceleration */
    double accel_kn_s;                /* speed change per second */
    unsigned aid_type;                /* AtoN: ITU-R M.1371 Table 74 */
    bool virtual_aton;

    ais_leg legs[AIS_MAX_LEGS];
    size_t n_legs, leg;
    bool loop;                        /* start over after the last leg; else hold the last state */
    sw_time_us leg_start;

    geo_point pos;                    /* true position */
    geo_point anchor;                 /* centre of the swing circle */
    double sog, cog, heading;
    double last_reported_cog;
    unsigned status;

    sw_time_us on_from, on_until;     /* transmits only within [on_from, on_until) */
    sw_time_us dark_from, dark_until; /* silent within (a scenario) */
    sw_time_us jump_at;               /* from then on reports are offset (teleport), < 0: never */
    double jump_north_m, jump_east_m;

    sw_time_us next_pos, next_static;
    char channel;
    prng rng;
    sim_ais_run *run;                 /* the scenario it belongs to, or NULL */
} ais_station;

#define AIS_MAX_STATIONS 256

typedef struct ais_jam {
    sim_ais_run *run;
    geo_point centre;
    double full_m, partial_m;         /* all lost inside full_m; partial_loss lost out to partial_m */
    double partial_loss;
    sw_time_us from, until;
} ais_jam;

typedef struct ais_world {
    const port_model *m;
    sim_options opt;
    sw_time_us end;
    prng setup;
    ais_station st[AIS_MAX_STATIONS];
    size_t n_st;
    ais_jam jam[4];
    size_t n_jam;
    double loss;                      /* ordinary per-report reception loss */
    ais_nmea_writer nmea;
    sim_ais_result *res;
} ais_world;

/* Adds a station with no legs at p; NULL when the table is full. */
ais_station *ais_world_add(ais_world *w, ais_station_kind kind, uint32_t mmsi, geo_point p);
void ais_leg_goto(ais_station *s, geo_point to, double kn, unsigned status);
void ais_leg_hold(ais_station *s, sw_time_us dur, unsigned status, double swing_m);
/* Fills an identity; a valid IMO number (check digit) is derived from imo6. */
void ais_identity_set(ais_identity *id, const char *name, const char *callsign, uint32_t imo6, unsigned shiptype,
                      unsigned length_m, unsigned beam_m, double draught_m, const char *destination);
uint32_t ais_imo_with_check(uint32_t six_digits);

/* Geography helpers. */
/* Whether the straight line a-b stays on water the model knows (sampled every 100 m). */
bool ais_path_on_water(const port_model *m, geo_point a, geo_point b);
/* A random water point inside the VTS area at least min_shore_m from any model
 * land, reachable in a straight line from `from`; false when none was found. */
bool ais_random_sea_point(const port_model *m, prng *r, geo_point from, double min_shore_m, geo_point *out);
const model_berth *ais_berth_of_kind(const port_model *m, const char *kind, size_t nth);
/* The port's harbour entrance: the last-but-one centerline point of the first fairway (or the VTS area's centre). */
geo_point ais_port_entrance(const port_model *m);

/* Records an MMSI in a scenario run (once). */
void ais_run_add_mmsi(sim_ais_run *run, uint32_t mmsi);
void ais_run_touch(sim_ais_run *run, sw_time_us t);

/* Scenario helpers (ais_scn_common.c). */
#define AIS_MINUTES(x) ((sw_time_us)((x) * 60.0 * SW_US_PER_SEC))
/* A scenario's own vessel: transmits from `from` on, tagged with the run. */
ais_station *ais_scn_vessel(ais_world *w, sim_ais_run *run, uint32_t mmsi, geo_point p, sw_time_us from,
                            const char *name, const char *callsign, uint32_t imo6, unsigned shiptype,
                            unsigned length_m, unsigned beam_m, double draught_m);
/* Sets a scenario's window explicitly (its effect, not its whole life). */
void ais_scn_window(sim_ais_run *run, sw_time_us first, sw_time_us last);
/* Fails the injection with a reason. */
bool ais_scn_fail(sw_error *err, const char *why);

/* Runs the world from opt.start to end, feeding sink once per simulated second. */
sw_code ais_world_loop(ais_world *w, sim_ais_sink_fn sink, void *user, sw_error *err);

/* The benign fleet (ais_fleet.c). */
void ais_fleet_build(ais_world *w);

#endif
