/* risk_load.h - the risk register file (risks.yaml: simulation, valuation,
 * matrix, appetite, scenarios) and the candidate controls file
 * (controls.yaml), read into plain structs with every problem at its
 * file:line:col. Ids are checked against the model by the caller
 * (cli/cli_risk.c); the format is docs/risk.md. */
#ifndef SW_RISK_LOAD_H
#define SW_RISK_LOAD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis/risk.h"
#include "analysis/risk_dist.h"
#include "core/arena.h"
#include "core/diag.h"
#include "model/model.h"

typedef struct risk_in_place { const char *name; double reduction; } risk_in_place;

typedef struct risk_def {
    const char *id, *title, *threat, *target, *owner, *treatment, *due;
    const char **entries; size_t n_entries;     /* entry point ids; none: all */
    risk_range freq;                            /* threat events a year */
    bool has_susceptibility; double susceptibility;
    bool has_loss; risk_range loss;             /* money an event */
    bool has_outage; risk_range outage_hours;   /* or hours the target is lost an event */
    risk_in_place *in_place; size_t n_in_place;
    model_pos pos, target_pos, entries_pos, owner_pos;
} risk_def;

typedef struct risk_valuation {
    double per_teu, per_vessel_delay_hour;      /* money */
    double safety_event, environment_event, regulatory_event;   /* money added once an event when flagged */
} risk_valuation;

typedef struct risk_register_file {
    const char *currency;
    uint64_t seed;
    uint32_t trials;
    risk_matrix matrix;
    risk_valuation valuation;
    risk_def *risks; size_t n_risks;
} risk_register_file;

typedef struct control_def {
    const char *id, *title;
    double capex, opex;
    const char **harden; size_t n_harden;      /* asset, zone or conduit ids */
    double factor;                             /* hardened steps' probability x factor */
    const char **patches; size_t n_patches;    /* CVE ids */
    const char **reduce_ids; double *reduce_factor; size_t n_reduce;   /* risk id: likelihood x factor */
    model_pos pos, harden_pos, patches_pos, reduce_pos;
} control_def;

typedef struct control_file { control_def *controls; size_t n; } control_file;

/* False when the file has errors (in d). Strings live in mem. */
bool risk_register_parse(arena *mem, const char *data, size_t len, diag_list *d, risk_register_file *out);
bool risk_controls_parse(arena *mem, const char *data, size_t len, diag_list *d, control_file *out);

#endif
