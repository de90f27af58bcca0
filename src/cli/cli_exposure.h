/* cli_exposure.h - printing an exposure report: chains and choke points a
 * CSO reads, or JSON for the dashboard. */
#ifndef SW_CLI_EXPOSURE_H
#define SW_CLI_EXPOSURE_H
#include <stdio.h>
#include "analysis/exposure.h"

/* Human output shows `show` paths per target with their steps. */
void cli_exposure_print(FILE *out, const exposure *x, const exposure_report *r, size_t show);
void cli_exposure_json(FILE *out, const exposure *x, const exposure_report *r, int k);
/* The attack graph as TSV (node and edge lines), for checks by other tools. */
void cli_exposure_graph_tsv(FILE *out, const exposure *x);

#endif
