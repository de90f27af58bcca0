/* scenario.h - an injected attack or policy violation: its identity, the
 * ATT&CK techniques a detector should name, and an inject function that
 * picks hosts from the model and schedules sessions or actors. */
#ifndef SW_SIM_SCENARIO_H
#define SW_SIM_SCENARIO_H
#include "sim/plan.h"

typedef struct sim_scenario {
    const char *id;                    /* "vendor-plc-write" */
    const char *name;
    const char *description;
    const char *const *techniques;     /* NULL-terminated ATT&CK ids */
    const char *const *rule_hints;     /* NULL-terminated: what a detector rule should key on */
    /* Starts the scenario at run->planned. Returns false with err filled
     * when the model lacks what the scenario needs; nothing is emitted then. */
    bool (*inject)(sim_ctx *c, sim_scenario_run *run, sw_error *err);
    sw_time_us span;                   /* how long it runs: the planner starts it early enough to finish */
} sim_scenario;

/* Helpers scenarios share (scenarios.c). */
/* The zone that best matches `word` in id or name, preferring the one with
 * the most controllers; -1 when none matches. */
int scn_zone_like(const sim_ctx *c, const char *word);
/* The zone holding the most controllers (PLC/RTU), or -1. */
int scn_busiest_control_zone(const sim_ctx *c);
/* Zones an entry point of `kind` reaches (directly or through an asset). Returns how many. */
size_t scn_entry_zones(const sim_ctx *c, const char *kind, int *out, size_t max);
/* The first host in zone matching pred (pred NULL: any host). -1 if none. */
int scn_host_in_zone(const sim_ctx *c, int zone, sim_host_pred pred);

/* Records an alert the scenario should raise (see sim_scenario_run.expect). */
void scn_expect(sim_scenario_run *run, const char *step, const char *rule, const char *techniques);
/* Records one alert a step should raise on the exchange client -> server:port
 * (absent: an exchange that must raise none of `rule`), with what makes it
 * one (note). An expected alert also enters `expect` under its rule. */
void scn_expect_alert(sim_ctx *c, sim_scenario_run *run, const char *step, const char *rule, const char *techniques,
                      int client, int server, uint16_t port, const char *protocol, const char *note);
void scn_expect_no_alert(sim_ctx *c, sim_scenario_run *run, const char *step, const char *rule, int client, int server,
                         uint16_t port, const char *protocol, const char *why);
/* Records what the zones and conduits make of client -> server (the
 * segmentation and cleartext remote-access rules), as the detectors judge it. */
void scn_expect_policy(sim_ctx *c, sim_scenario_run *run, const char *step, int client, int server, uint8_t ip_proto,
                       uint16_t port, const char *service);
/* The port's local wall-clock time at t (port.timezone; UTC without one). */
void scn_local(const sim_ctx *c, sw_time_us t, tz_local *lt);
/* The first whole minute in [from, until] whose local time satisfies pred, or -1. */
sw_time_us scn_find_local(const sim_ctx *c, sw_time_us from, sw_time_us until,
                          bool (*pred)(const tz_local *lt, const void *arg), const void *arg);
/* Steps other scenarios reuse (the converged ones): an ARP and SYN sweep
 * of zone's network by scanner from t0 (scn_camera_chain.c); the camera
 * chain from cam against zone, starting at run->planned; an unknown laptop
 * joining zone and polling its controller (scn_rogue_device.c). Each
 * records its expected alerts; false with err when the model lacks a part. */
bool scn_sweep_start(sim_ctx *c, sim_scenario_run *run, int scanner, int zone, sw_time_us t0, sw_error *err);
bool scn_camera_chain_from(sim_ctx *c, sim_scenario_run *run, int cam, int zone, sw_error *err);
bool scn_rogue_device_in(sim_ctx *c, sim_scenario_run *run, int zone, sw_error *err);
/* Puts an access-control or video event of this scenario's story into the
 * physical-security feed at t (badge, reader, camera: model ids or NULL). */
void scn_phys(sim_scenario_run *run, sw_time_us t, int kind, const char *badge, const char *reader, const char *camera);

/* The latest start that lets a scenario of this span finish inside the run. */
sw_time_us scn_latest_start(const sim_ctx *c, sw_time_us span);

#endif
