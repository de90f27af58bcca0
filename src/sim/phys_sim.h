/* phys_sim.h - the simulator's access-control and video streams: routine
 * badge use per shift and area, cameras coming online, and the phys-only
 * scenarios with ground truth; written as DIR/access.csv (generic-csv
 * profile) and DIR/vms.syslog (milestone-syslog profile, RFC 5424). */
#ifndef SW_SIM_PHYS_SIM_H
#define SW_SIM_PHYS_SIM_H
#include <stdbool.h>
#include "core/error.h"
#include "core/strbuf.h"
#include "model/model.h"
#include "phys/phys.h"
#include "sim/sim.h"

typedef struct sim_phys sim_phys;

/* NULL when out of memory. The port's time zone is loaded for shifts
 * (UTC when it cannot be). */
sim_phys *sim_phys_create(const port_model *m, const sim_options *o);
void sim_phys_free(sim_phys *p);
/* The benign day: staff badging in at gates and into their rooms on shift,
 * cameras' routine online events. */
void sim_phys_routine(sim_phys *p);
/* Adds one event at t (the hook converged scenarios use). badge, reader
 * and camera are model ids or NULL; scenario names the ground-truth entry
 * it belongs to, or NULL. false when the stream is full. */
bool sim_phys_inject(sim_phys *p, sw_time_us t, phys_kind kind, const char *badge, const char *reader, const char *camera,
                     const char *scenario);
/* Declares a ground-truth scenario for the events tagged with its id. */
bool sim_phys_scenario(sim_phys *p, const char *id, const char *name, const char *description, const char *rules);
/* The phys-only scenarios (docs/sim.md "Physical security"). */
void sim_phys_scenarios(sim_phys *p, const char *only);
/* Is this (not NUL-terminated) id one of the phys-only scenarios? */
bool sim_phys_is_scenario(const char *id, size_t len);
/* Copies the comma-separated ids that are not phys scenarios into out. */
/* Writes DIR/access.csv and DIR/vms.syslog, and adds "phys_scenarios"
 * (with each scenario's feed line numbers) to the ground-truth object. */
sw_code sim_phys_write(sim_phys *p, const char *dir, strbuf *truth, sw_error *err);

#endif
