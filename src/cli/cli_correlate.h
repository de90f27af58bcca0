/* cli_correlate.h - one incident candidate as the store keeps it, shared by
 * `seawall correlate` and the live hook in `seawall sense`. */
#ifndef SW_CLI_CORRELATE_H
#define SW_CLI_CORRELATE_H
#include "correlate/correlate.h"
#include "store/store_candidates.h"

/* Fills rec (pointing into doc and text, valid until they change) and sum. */
void cli_candidate_record(const corr_engine *e, const corr_candidate *c, strbuf *doc, strbuf *text,
                          store_candidate_rec *rec, corr_summary *sum);

#endif
