/* risk_gen.h - risk scenarios made from the attack graph: one for each
 * (entry point, crown jewel) pair that the graph connects and no declared
 * scenario covers, with its likelihood from the best path (known
 * vulnerabilities as steps, at their KEV/CVSS probability) and the
 * register's `generated:` section (docs/risk.md). Pure. */
#ifndef SW_RISK_GEN_H
#define SW_RISK_GEN_H
#include <stdbool.h>
#include <stddef.h>
#include "analysis/exposure.h"
#include "analysis/risk.h"
#include "analysis/risk_load.h"
#include "core/arena.h"
#include "core/diag.h"
#include "model/model.h"

/* Threat events a year through an entry point of a kind: the section's
 * `frequency` for that kind, else its "default", else the built-in prior
 * (docs/risk.md, "Generated scenarios"). */
risk_range risk_gen_frequency(const risk_generated *g, const char *kind);

/* Outage hours of a generated scenario against an asset: the section's
 * `outage_hours`, else {rto, 2 rto, 6 rto} (rto 24 h when unset). */
risk_range risk_gen_outage(const risk_generated *g, const model_asset *a);

/* A declared, path-based scenario covers (entry, asset) when its target is
 * the asset or the asset's zone and its entry points include the entry
 * point (or are all of them). */
bool risk_gen_covered(const port_model *m, const risk_register_file *reg, size_t entry, size_t asset);

/* Appends the generated scenarios to reg->risks (a new array in mem), after
 * the declared ones, ordered by entry point then crown jewel in model
 * order: each pair not covered whose best path's likelihood is at least
 * generated.min_likelihood (and above 0). Its frequency is the entry kind's
 * (risk_gen_frequency) divided by the number of crown jewels the entry point
 * reaches at all: an attempt aims at one of them. Does nothing unless the
 * section is present. Unknown entry ids of the section go to d. Returns how
 * many were added, or -1 when out of memory. */
long risk_generate(arena *mem, const port_model *m, const exposure *x, const risk_net *net, risk_register_file *reg,
                   diag_list *d);

#endif
