/* cli_correlate.h - one incident candidate as the store keeps it, shared by
 * `seawall correlate` and the live hook in `seawall sense`. */
#ifndef SW_CLI_CORRELATE_H
#define SW_CLI_CORRELATE_H
#include "correlate/correlate.h"
#include "store/store_candidates.h"

/* Fills rec (pointing into doc and text, valid until they change) and sum. */
void cli_candidate_record(const corr_engine *e, const corr_candidate *c, strbuf *doc, strbuf *text,
                          store_candidate_rec *rec, corr_summary *sum);

typedef struct cli_correlate_counts {
    uint64_t alerts, malformed, candidates;
} cli_correlate_counts;

/* Correlates every stored alert (time order, default limits) and replaces
 * the stored candidates with the result, in one transaction (rolled back
 * on error). m may be NULL: entities only. */
sw_code cli_correlate_store(store *db, const port_model *m, cli_correlate_counts *out, sw_error *err);

/* The end of a `seawall sense --store` run (network, physical or AIS):
 * cli_correlate_store, with one line on stderr saying what it found. */
struct cli_command;
sw_code cli_sense_correlate(const struct cli_command *cmd, store *db, const port_model *m);

#endif
