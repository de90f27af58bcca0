/* profiles.c - the profile table, built from profiles.def. */
#include <string.h>
#include "sim/engine.h"

#define SIM_PROFILE(ident) extern const sim_profile ident;
#include "sim/profiles.def"
#undef SIM_PROFILE

static const sim_profile *const profiles[] = {
#define SIM_PROFILE(ident) &ident,
#include "sim/profiles.def"
#undef SIM_PROFILE
};

size_t sim_profile_count(void) { return sizeof profiles / sizeof profiles[0]; }
const char *sim_profile_name(size_t i) { return i < sim_profile_count() ? profiles[i]->name : NULL; }
const char *sim_profile_summary(size_t i) { return i < sim_profile_count() ? profiles[i]->summary : NULL; }

const sim_profile *sim_profile_find(const char *name)
{
    for (size_t i = 0; i < sim_profile_count(); i++)
        if (strcmp(profiles[i]->name, name) == 0) return profiles[i];
    return NULL;
}

const sim_profile *sim_profile_at(size_t i) { return i < sim_profile_count() ? profiles[i] : NULL; }
