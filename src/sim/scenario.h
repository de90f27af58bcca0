/* scenario.h - an injected attack or policy violation: its identity, the
 * ATT&CK techniques a detector should name, and an inject function that
 * picks hosts from the model and schedules sessions or actors. */
#ifndef SW_SIM_SCENARIO_H
#define SW_SIM_SCENARIO_H
#include "sim/engine.h"

typedef struct sim_scenario {
    const char *id;                    /* "vendor-plc-write" */
    const char *name;
    const char *description;
    const char *const *techniques;     /* NULL-terminated ATT&CK ids */
    const char *const *rule_hints;     /* NULL-terminated: what a detector rule should key on */
    /* Starts the scenario at run->planned. Returns false with err filled
     * when the model lacks what the scenario needs; nothing is emitted then. */
    bool (*inject)(sim_ctx *c, sim_scenario_run *run, sw_error *err);
} sim_scenario;

#endif
