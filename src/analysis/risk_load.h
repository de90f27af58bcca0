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
    bool generated;                             /* made from the attack graph (risk_gen.h), not written in the file */
} risk_def;

typedef struct risk_valuation {
    double per_teu, per_vessel_delay_hour;      /* money */
    double safety_event, environment_event, regulatory_event;   /* money added once an event when flagged */
} risk_valuation;

/* The `generated:` section: scenarios made from the attack graph for each
 * (entry point, crown jewel) pair with a path (analysis/risk_gen.h). */
typedef struct risk_kind_range { const char *kind; risk_range range; model_pos pos; } risk_kind_range;
typedef struct risk_generated {
    bool enabled;                               /* the section is present */
    risk_kind_range *freq; size_t n_freq;       /* threat events a year by entry kind; kind "default" for the rest */
    bool has_outage; risk_range outage_hours;   /* else from the target's rto_hours */
    risk_in_place *in_place; size_t n_in_place; /* controls in place on every generated scenario */
    double min_likelihood;                      /* pairs whose best path is less likely are left out */
    const char *owner;                          /* when the target asset has no owner */
    const char **entries; size_t n_entries;     /* only these entry points; none: all */
    model_pos pos, owner_pos, entries_pos;
} risk_generated;

typedef struct risk_register_file {
    const char *currency;
    uint64_t seed;
    uint32_t trials;
    risk_matrix matrix;
    risk_valuation valuation;
    risk_def *risks; size_t n_risks;
    risk_generated generated;
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
