/* people.h - people and culture as data files next to the port model
 * (docs/compliance.md "People and culture"): training events (training.csv),
 * required courses and the policies register (policies.yaml), phishing
 * simulations and awareness campaigns (phishing.csv), drills and exercises
 * (drills.csv). Parsers are pure and report every bad line; a file with
 * errors is refused whole, so nothing is judged from half a file. */
#ifndef SW_PEOPLE_H
#define SW_PEOPLE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "core/arena.h"
#include "core/diag.h"
#include "core/error.h"
#include "model/model.h"

#define PPL_MAX_FILE_BYTES (8u << 20)
#define PPL_MAX_ROWS 200000

/* Dates are whole days since 1970-01-01 (UTC): what HR exports carry. */
bool ppl_parse_day(const char *s, int32_t *day);
void ppl_fmt_day(int32_t day, char buf[11]);
static inline int32_t ppl_day_of_us(int64_t us) { return (int32_t)(us / 86400000000LL - (us < 0 && us % 86400000000LL)); }

typedef enum { PPL_EV_HIRED, PPL_EV_ACCESS, PPL_EV_COMPLETED } ppl_event_kind;

typedef struct ppl_event {
    const char *person, *course;   /* course NULL for hired/access */
    ppl_event_kind kind;
    int32_t day;
    unsigned line;
} ppl_event;

/* A course required by role: who (roles, "*" = every active person), the
 * first deadline for people already in post (initial_by), for newcomers
 * (access_days after IT/OT access, and at most hire_days after hiring) and
 * the refresher period. */
typedef struct ppl_course {
    const char *id, *title, *citation;
    const char **roles;
    size_t n_roles;
    int32_t initial_by;            /* day; 0 none */
    int access_days, hire_days, every_days;   /* 0 = no such deadline */
    model_pos pos;
} ppl_course;

typedef struct ppl_ack { const char *person; int32_t day; } ppl_ack;

typedef struct ppl_policy {
    const char *id, *title, *owner, *version;
    int review_days;
    int32_t last_reviewed;         /* 0 never */
    const char **ack_roles;        /* who must acknowledge; "*" everyone */
    size_t n_ack_roles;
    ppl_ack *acks;
    size_t n_acks;
    model_pos pos;
} ppl_policy;

typedef struct ppl_campaign {
    const char *id, *kind, *audience, *title;   /* kind: phishing-sim | awareness */
    int32_t day;
    int64_t sent, clicked, reported, submitted;  /* submitted: credentials entered */
    unsigned line;
} ppl_campaign;

typedef struct ppl_drill {
    int32_t day;
    const char *kind, *title, *scope, *findings;   /* kind: drill | exercise */
    unsigned line;
} ppl_drill;

typedef struct ppl_data {
    arena mem;
    ppl_event *events; size_t n_events;
    ppl_course *courses; size_t n_courses;
    ppl_policy *policies; size_t n_policies;
    ppl_campaign *campaigns; size_t n_campaigns;
    ppl_drill *drills; size_t n_drills;
    /* policies.yaml `awareness:` - the highest acceptable click rate of a
     * phishing simulation, in percent; -1 when the file does not set it. */
    int click_rate_max;
    /* Which files were found and read without error. */
    bool have_training, have_policies, have_phishing, have_drills;
} ppl_data;

#define PPL_CLICK_RATE_MAX_DEFAULT 10   /* percent, when policies.yaml sets none */

void ppl_init(ppl_data *p);
void ppl_free(ppl_data *p);

/* Pure parsers of one file's bytes into p (strings in p->mem). Every
 * problem goes to d with its line; on any error nothing is added to p. */
bool ppl_parse_training(ppl_data *p, const char *data, size_t len, diag_list *d);
bool ppl_parse_phishing(ppl_data *p, const char *data, size_t len, diag_list *d);
bool ppl_parse_drills(ppl_data *p, const char *data, size_t len, diag_list *d);
bool ppl_parse_policies(ppl_data *p, const char *data, size_t len, diag_list *d);

/* Reads dir/training.csv, policies.yaml, phishing.csv and drills.csv where
 * they exist (a missing file is not an error: its have_ flag stays false).
 * Problems are printed to out as file:line:col; SW_ERR_INVALID when any
 * file has errors (that file's data is left out), SW_ERR_IO on a read error. */
sw_code ppl_load_dir(ppl_data *p, const char *dir, FILE *out, sw_error *err);

/* Training state of one person for one course on day `today`. */
typedef enum { PPL_TR_CURRENT, PPL_TR_DUE_SOON, PPL_TR_PENDING, PPL_TR_OVERDUE, PPL_TR__COUNT } ppl_train_state;
const char *ppl_train_state_name(ppl_train_state s);   /* current, due-soon, pending, overdue */

typedef struct ppl_train_row {
    const model_person *person;
    const ppl_course *course;
    ppl_train_state state;
    int32_t last_done;             /* 0 never */
    int32_t due;                   /* the deadline that applies now; 0 none */
    const char *basis;             /* why that deadline: "refresher", "new staff: access + N days", ... */
} ppl_train_row;
typedef int (*ppl_train_fn)(void *ctx, const ppl_train_row *r);

/* Every (active person, required course) pair of the model, in people order.
 * People who left are skipped. due_soon_days marks deadlines close ahead. */
void ppl_training_each(const ppl_data *p, const port_model *m, int32_t today, int due_soon_days, ppl_train_fn fn,
                       void *ctx);

/* Whether a person holds a role the list names ("*" = anyone). */
bool ppl_roles_match(const model_person *who, const char *const *roles, size_t n);

#endif
