/* scenarios.c - the scenario table, built from scenarios.def. */
#include "sim/scenario.h"

#define SIM_SCENARIO(ident) extern const sim_scenario ident;
#include "sim/scenarios.def"
#undef SIM_SCENARIO

static const sim_scenario *const scenarios[] = {
#define SIM_SCENARIO(ident) &ident,
#include "sim/scenarios.def"
#undef SIM_SCENARIO
    NULL,
};

size_t sim_scenario_count(void) { return sizeof scenarios / sizeof scenarios[0] - 1; }
const sim_scenario *sim_scenario_at(size_t i) { return i < sim_scenario_count() ? scenarios[i] : NULL; }
const char *sim_scenario_id(const sim_scenario *s) { return s->id; }
const char *sim_scenario_name(const sim_scenario *s) { return s->name; }
