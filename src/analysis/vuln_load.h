/* vuln_load.h - the stored vulnerability records and KEV catalog read back
 * into vuln_record/vuln_kev arrays for vuln_assess: `seawall vulns`, the
 * attack-path inputs (exposure, risk, plan) and the compliance KEV-age check. */
#ifndef SW_VULN_LOAD_H
#define SW_VULN_LOAD_H
#include "analysis/vuln_record.h"
#include "core/error.h"
#include "store/store.h"

typedef struct vuln_loaded {
    arena mem;
    vuln_record *recs; int64_t *first; size_t n, cap;
    vuln_kev *kev; size_t n_kev, cap_kev;
} vuln_loaded;

/* Reads every record and KEV entry into out; on failure out is already
 * freed (vuln_loaded_free on it again is harmless). */
sw_code vuln_load_store(store *s, vuln_loaded *out, sw_error *err);
void vuln_loaded_free(vuln_loaded *l);

#endif
