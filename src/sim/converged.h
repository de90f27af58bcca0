/* converged.h - the glue between a converged scenario (a network scenario
 * whose story also has access-control, video or AIS parts) and the feeds
 * that carry those parts; `seawall sim` calls these in feed order. */
#ifndef SW_SIM_CONVERGED_H
#define SW_SIM_CONVERGED_H
#include "sim/ais_sim.h"
#include "sim/phys_sim.h"
#include "sim/scenario.h"

/* The AIS scenarios the network run's converged scenarios asked for. */
size_t sim_converged_ais_requests(const sim_result *res, sim_ais_request *out, size_t max);
/* Widens each converged scenario's first/last to its events in every feed. */
void sim_converged_windows(sim_result *res, const sim_ais_result *ais);
/* Declares each converged scenario in the phys stream and adds its events. */
void sim_converged_phys(const sim_result *res, sim_phys *p);

#endif
