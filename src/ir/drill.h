/* drill.h - scoring an incident-response drill: the team's answers
 * (detect, decide, notify, task done), each stamped with simulated time,
 * against what the scenario did and what its playbook and the port's
 * regulatory clocks require. Pure: no I/O, no store. */
#ifndef SW_IR_DRILL_H
#define SW_IR_DRILL_H
#include <stdbool.h>
#include <stddef.h>
#include "core/timeutil.h"
#include "ir/playbook.h"

typedef enum { DRILL_DETECT, DRILL_DECIDE, DRILL_NOTIFY, DRILL_TASK } drill_verb;

typedef struct drill_answer {
    sw_time_us at;
    drill_verb verb;
    char what[96];            /* detect: asset, rule or feed object; decide: decision id; notify: duty id */
    char by[64];              /* decide: who (required); notify: who (optional) */
    int task;                 /* task done N */
} drill_answer;

/* One command as typed: "detect X", "decide ACTION by PERSON",
 * "notify DUTY [by PERSON]", "task done N". False with why filled otherwise. */
bool drill_parse_answer(const char *line, drill_answer *out, char *why, size_t why_size);
/* One answers-file line: "+H:MM[:SS] COMMAND" (offset from the drill
 * clock's start) or "RFC3339 COMMAND". 1: an answer; 0: blank or # comment;
 * -1: bad (why filled). */
int drill_parse_script_line(const char *line, sw_time_us clock_start, drill_answer *out, char *why, size_t why_size);

/* What the scenario did, from the simulator's ground truth. */
typedef struct drill_facts {
    sw_time_us attack_start;  /* its first event in any feed: time to detect counts from here */
    sw_time_us end;           /* when the drill stopped: duties due later are pending, not missed */
    const char *const *targets; size_t n_targets;   /* what a correct "detect" may name */
} drill_facts;

/* Targets: the playbook sets who decides; these set how fast. */
typedef struct drill_rules {
    sw_time_us detect_within; /* from attack_start */
    sw_time_us decide_within; /* from detection */
    sw_time_us prompt_within; /* a "without delay" duty, from detection */
} drill_rules;
void drill_rules_default(drill_rules *r);   /* 15 min, 60 min, 60 min */

typedef enum { DRILL_ON_TIME, DRILL_LATE, DRILL_MISSED, DRILL_WRONG_ROLE, DRILL_PENDING } drill_outcome;
const char *drill_outcome_name(drill_outcome o);   /* on-time, late, missed, wrong-role, pending */

#define DRILL_MAX_ITEMS 48
typedef struct drill_item {
    char kind[8];             /* detect, decide, notify */
    char id[64];              /* "detection", a decision id or a duty id */
    char role[48];            /* decide: the role the playbook requires */
    char by[64];              /* who did it (decide, notify) */
    sw_time_us due, at;       /* at 0: not done */
    sw_time_us took;          /* at minus its reference (attack start, or detection) */
    drill_outcome outcome;
    char note[160];
} drill_item;

typedef struct drill_score {
    drill_item items[DRILL_MAX_ITEMS];
    size_t n;
    sw_time_us detected_at;   /* 0: never */
    double points;            /* on time 1, late 0.5 */
    size_t scored, missed;    /* scored: items not pending; missed: missed or wrong role */
    size_t tasks_total, tasks_done;
    size_t wrong_detects;     /* detect answers that named nothing the scenario touched */
} drill_score;

/* Does person hold role (and is active)? */
typedef bool (*drill_role_fn)(void *ctx, const char *person, const char *role);

/* Scores answers (in time order) against the playbook's decisions, the
 * reporting duties of the jurisdictions and the facts. */
void drill_score_compute(const playbook *pb, const char *const *jurisdictions, size_t n_jurisdictions, const drill_facts *f,
                         const drill_rules *r, const drill_answer *a, size_t n, drill_role_fn has_role, void *role_ctx,
                         drill_score *out);

/* An exercise (ISPS B/18.6, 33 CFR 105.220(c)) tests the whole plan, not
 * one element as a drill may: the incident detected, every decision of the
 * playbook taken by its role (late counts), every reporting duty due in the
 * exercise sent, and someone holding fso_role ("pfso") deciding or
 * notifying. Fills up to max sentences saying what is missing; returns how
 * many gaps there are (0: it is an exercise). */
#define DRILL_GAP_MAX 160
size_t drill_exercise_gaps(const drill_score *s, const drill_answer *a, size_t n, drill_role_fn has_role, void *role_ctx,
                           const char *fso_role, char (*gaps)[DRILL_GAP_MAX], size_t max);

#endif
