/* compliance_checks.h - the live evidence checks: what Seawall can observe
 * for a requirement, evaluated from the store (and the port model for the
 * vendor windows) into a status, a reason and the data behind it. */
#ifndef SW_COMPLIANCE_CHECKS_H
#define SW_COMPLIANCE_CHECKS_H
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "core/strbuf.h"
#include "model/model.h"
#include "store/store.h"

typedef enum {
#define COMP_CHECK(e, name, what, counts) COMP_CHECK_##e,
#include "analysis/compliance_checks.def"
#undef COMP_CHECK
    COMP_CHECK__COUNT
} comp_check_id;

typedef struct comp_check {
    comp_check_id id;
    const char *name, *what;
    const char *counts;                        /* comma-separated names of comp_result.counts */
} comp_check;

const comp_check *comp_check_find(const char *name);
const char *comp_check_names(void);            /* "segmentation, inventory-coverage, ..." */

typedef enum { COMP_MET, COMP_PARTIAL, COMP_NOT_MET, COMP_NA, COMP_UNASSESSED, COMP_STATUS__COUNT } comp_status;
const char *comp_status_name(comp_status s);   /* "met", "partial", "not-met", "not-applicable", "unassessed" */
bool comp_status_parse(const char *s, comp_status *out);   /* the first four only */

#define COMP_EVIDENCE_MAX 20                   /* items of data kept per result */
#define COMP_RESULT_COUNTS 6                   /* numbers a check may give */

/* One check's verdict: the status, a one-line reason with the numbers, and
 * the items behind it (alert ids and flows, asset ids, ...). */
typedef struct comp_result {
    comp_status status;
    char reason[512];
    size_t n_items, n_total;                   /* n_total may exceed what was kept */
    char items[COMP_EVIDENCE_MAX][200];
    int64_t counts[COMP_RESULT_COUNTS];        /* check-specific numbers, named in docs/compliance.md */
} comp_result;

/* The name of count i of check c (its `counts` list: "overdue", ...) into
 * buf, cut to fit; false when c is NULL or has no count i. */
bool comp_check_count_name(const comp_check *c, size_t i, char *buf, size_t size);

/* Adds one printf-formatted item of data to r: counted in n_total always,
 * kept (cut to the item size) while fewer than COMP_EVIDENCE_MAX are kept. */
void comp_result_add_item(comp_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct comp_check_ctx {
    store *s;
    const port_model *m;                       /* may be NULL: vendor windows then read no model */
    int64_t now_us;
    int window_days;                           /* how far back alerts count (30) */
    const char *zone;                          /* restrict to flows touching this zone; NULL all */
    const char *data_dir;                      /* people and culture files (training.csv, ...); NULL: the model's folder */
} comp_check_ctx;

/* The checks of compliance_checks_people.c (training, drills, incident
 * reporting, KEV age), called by comp_check_run. */
sw_code comp_check_training(const comp_check_ctx *c, comp_result *r, sw_error *err);
sw_code comp_check_drills(const comp_check_ctx *c, comp_result *r, sw_error *err);
sw_code comp_check_incident_reporting(const comp_check_ctx *c, comp_result *r, sw_error *err);
sw_code comp_check_kev_age(const comp_check_ctx *c, comp_result *r, sw_error *err);
/* The people-data folder the checks read: data_dir, else the model file's folder. */
const char *comp_check_data_dir(const comp_check_ctx *c, char *buf, size_t size);
/* Phishing-simulation click rates against their target (compliance_checks_awareness.c)
 * and MFA on third-party remote access into OT (compliance_checks_access.c). */
sw_code comp_check_awareness(const comp_check_ctx *c, comp_result *r, sw_error *err);
sw_code comp_check_remote_mfa(const comp_check_ctx *c, comp_result *r, sw_error *err);
/* Loads the people files into p (ppl_init'ed); false (reason filled, status
 * unassessed) when the folder is unknown or a file has errors. */
struct ppl_data;
bool comp_check_load_people(const comp_check_ctx *c, comp_result *r, struct ppl_data *p, sw_code *rc, sw_error *err);

sw_code comp_check_run(const comp_check *c, const comp_check_ctx *ctx, comp_result *out, sw_error *err);

#endif
