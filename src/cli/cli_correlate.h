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

/* Candidates kept current during a `seawall sense --store` run (docs/
 * correlate.md "Keeping candidates current"). One engine reads every stored
 * alert once: at the first refresh the alerts of earlier runs oldest first,
 * then each refresh the alerts stored since, and writes the candidates
 * that closed, grew or merged, in one transaction. */
typedef struct cli_live_corr cli_live_corr;
cli_live_corr *cli_live_corr_create(store *db, const port_model *m, sw_error *err);
/* `now`: the sensor's clock (packet time), 0 when unknown. After a failed
 * refresh the rest are skipped and the finish runs the full pass. */
sw_code cli_live_corr_refresh(cli_live_corr *l, sw_time_us now, sw_error *err);
/* Reads the last alerts and closes every candidate. When an alert came
 * late (after the engine had linked a later one) or a refresh failed, the
 * result could differ from a batch pass, so it runs cli_correlate_store
 * instead; *exact says whether the live result stood. */
sw_code cli_live_corr_finish(cli_live_corr *l, cli_correlate_counts *out, bool *exact, sw_error *err);
void cli_live_corr_destroy(cli_live_corr *l);

#endif
