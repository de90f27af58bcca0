/* detect_db.h - what the detectors take from and give to the database:
 * the learned baseline and the threat-intelligence indicators loaded into
 * bounded in-memory structures before a run, and the items `--learn` finds
 * written back in batches. The detectors themselves never see the store. */
#ifndef SW_SENSE_DETECT_DB_H
#define SW_SENSE_DETECT_DB_H
#include <stddef.h>
#include <stdint.h>
#include "detect/baseline.h"
#include "detect/intel.h"
#include "store/store_baseline.h"

/* The stored baseline as a set of at most `capacity` items (a talker
 * counts two). With `for_learning` an empty baseline still gives a set to
 * learn into; otherwise *out is NULL when nothing was learned (the
 * SW-BASE rules stay off). SW_ERR_LIMIT when it does not fit. */
sw_code sense_load_baseline(store *db, uint32_t capacity, bool for_learning, detect_baseline **out,
                            store_baseline_counts *counts, sw_error *err);

/* Every stored indicator in a match table sized to them (at most
 * `capacity`); *out NULL when there are none. SW_ERR_LIMIT when they do
 * not fit; a stored row the table refuses is an error too. */
sw_code sense_load_intel(store *db, uint32_t capacity, detect_intel **out, sw_error *err);

/* --learn: a detect_learn_fn target writing through the store's batched
 * baseline writer. */
typedef struct sense_learner sense_learner;
sense_learner *sense_learner_create(store *db, sw_error *err);
void sense_learner_item(void *user, const detect_learned *l);
/* Writes what is held; returns the first error of the run. */
sw_code sense_learner_finish(sense_learner *l, sw_error *err);
size_t sense_learner_talkers(const sense_learner *l);
size_t sense_learner_functions(const sense_learner *l);
void sense_learner_destroy(sense_learner *l);

#endif
