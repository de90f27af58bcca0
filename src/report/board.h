/* board.h - the board report: its figures as plain values (filled by
 * board_collect.c from the same evaluations as `seawall risk`, `plan
 * progress`, `comply`, `vulns` and `incidents`) and the writer of the one
 * or two A4 pages of self-contained HTML (inline CSS and SVG, no scripts,
 * nothing loaded from elsewhere). docs/report.md says where each figure
 * comes from. */
#ifndef SW_BOARD_H
#define SW_BOARD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/strbuf.h"

typedef struct board_risk {
    const char *id, *title, *target, *owner, *treatment, *due, *level;
    double inherent_eal, residual_eal, residual_p90;
    double teu_per_hour;           /* what the outage stops; 0: stated loss, not from business impact */
    double vessel_delay_hours;     /* vessel-delay hours a loss event (per hour x mean outage hours) */
    double outage_hours;           /* mean */
    bool within_appetite;
} board_risk;

typedef struct board_control {
    const char *id, *title, *status;
    double cost;
    int32_t started, done;         /* days; 0 not yet */
} board_control;

typedef struct board_kev {
    const char *cve, *asset, *title;
    const char *remediation;       /* done, in-progress, planned or none */
    const char *control;           /* the programme control that patches it; NULL none */
    bool reachable;
} board_kev;

typedef struct board_framework {
    const char *id, *name;
    int64_t applicable, met, partial, not_met, unassessed, not_applicable;
    const char *status;            /* met, partial or not met */
    char next_deadline[11];        /* earliest due of an open gap on or after today; "" none */
    const char *next_item;         /* that requirement's id */
    int64_t overdue;               /* open gaps past their due date */
} board_framework;

typedef struct board_incident {
    int64_t id;
    const char *title, *severity, *state;
    int64_t detected;              /* when the port became aware, microseconds */
} board_incident;

typedef struct board_drill {
    int32_t day;
    const char *kind, *title, *findings;
    int64_t drill_id;              /* a drill run in Seawall (`seawall drill`), 0 for drills.csv */
    double points;                 /* ... and its score */
    int64_t scored, missed;
} board_drill;

typedef struct board_trend_point { int32_t day; double inherent_eal, residual_eal, residual_p90; } board_trend_point;

typedef struct board_report {
    arena mem;
    const char *port, *currency;
    int32_t today, from;           /* the period is [from, today] */
    int period_days;
    /* posture */
    size_t n_risks, over_appetite;
    double inherent_eal, residual_eal, residual_p50, residual_p90, residual_p99;
    const char *appetite_level;
    board_trend_point *trend; size_t n_trend;   /* all snapshots; the chart shows the period */
    board_risk *risks; size_t n_risk_rows;      /* by residual EAL, largest first */
    /* what is being done */
    bool have_programme;
    double budget, cost_total, cost_done, pct_done_by_cost;
    size_t n_planned, n_in_progress, n_done;
    double eal_without_programme, eal_now, eal_when_complete;
    board_control *controls; size_t n_controls;
    board_kev *kevs; size_t n_kevs;             /* open KEV findings on the port's assets */
    bool have_vulns;
    /* compliance */
    board_framework *fws; size_t n_fws;
    bool have_compliance;
    /* incidents and drills in the period */
    board_incident *incidents; size_t n_incidents;
    size_t incidents_open;
    board_drill *drills; size_t n_drills;   /* drills.csv and `seawall drill` runs, newest first */
    bool have_drills;
    size_t n_seawall_drills;                /* of them, run in `seawall drill` */
    bool have_seawall_drills;               /* the store has the drills table */
    /* why a section is thin (missing files, nothing recorded) */
    const char *notes[8]; size_t n_notes;
} board_report;

void board_init(board_report *b);
void board_free(board_report *b);
void board_note(board_report *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Where the figures come from (board_collect.c). */
typedef struct board_opts {
    const char *db_path;           /* the store: required */
    const char *model, *risks, *controls;   /* NULL: the stored model's path, files beside it */
    int32_t today;                 /* the report's day (UTC days); the programme and compliance as of then */
    int period_days;               /* incidents, drills and the trend over [today - period + 1, today] */
} board_opts;

struct cli_command;
/* Gathers every section; problems that leave a section empty become notes.
 * Returns an exit code (core/error.h): not EXIT_OK when the risk register
 * itself cannot be evaluated (the report would have no posture), with why
 * printed to stderr. cmd names the caller in messages. */
int board_collect(const struct cli_command *cmd, const board_opts *o, board_report *b);

/* The report as one HTML document. */
void board_write_html(strbuf *out, const board_report *b);

#endif
