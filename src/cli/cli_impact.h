/* cli_impact.h - the JSON of `seawall impact`, shared with the web API:
 * a what-if result and one asset's roll-up, and the roll-up order. */
#ifndef SW_CLI_IMPACT_H
#define SW_CLI_IMPACT_H
#include "analysis/impact.h"
#include "core/json.h"
#include "model/model.h"

/* The members of a what-if result, written into an open object. */
void cli_impact_result_jw(json_writer *w, const impact_graph *g, const port_model *m, const impact_result *r);
/* One asset's one-hour roll-up as an object. */
void cli_impact_rollup_jw(json_writer *w, const char *asset, const impact_result *r);

/* Every asset's roll-up for one hour of outage; sorted most costly first
 * by cli_impact_rollup_cmp (qsort). */
typedef struct cli_impact_rollup { uint32_t asset; impact_result r; } cli_impact_rollup;
int cli_impact_rollup_cmp(const void *a, const void *b);

#endif
