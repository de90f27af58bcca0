/* clocks.h - regulatory reporting clocks: which duties apply under the
 * port's jurisdictions, their deadlines from the time the port became
 * aware of the incident, and whether each is met, due or overdue.
 * All arithmetic is in UTC microseconds, so daylight-saving changes in
 * the port's time zone cannot shift a deadline; only display is local. */
#ifndef SW_IR_CLOCKS_H
#define SW_IR_CLOCKS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/timeutil.h"

typedef enum {
    IR_CLOCK_WITHOUT_DELAY,   /* due at once: the deadline is the awareness time */
    IR_CLOCK_HOURS,           /* awareness + hours */
    IR_CLOCK_MONTHS_AFTER,    /* months after another duty was met (else after its deadline) */
} ir_clock_kind;

typedef struct ir_duty {
    const char *id;            /* "nis2-early-warning" */
    const char *jurisdiction;  /* "eu-nis2" */
    const char *agency;        /* directory role: "nrc", "national-csirt", ... */
    const char *what;          /* one line */
    const char *citation;      /* "Directive (EU) 2022/2555 Art. 23(4)(a)" */
    ir_clock_kind kind;
    int amount;                /* hours or months */
    const char *after;         /* IR_CLOCK_MONTHS_AFTER: the duty it counts from */
} ir_duty;

extern const ir_duty ir_duties[];
extern const size_t ir_n_duties;
const ir_duty *ir_duty_by_id(const char *id);

typedef enum { IR_DUTY_MET, IR_DUTY_DUE, IR_DUTY_DUE_NOW, IR_DUTY_OVERDUE } ir_duty_status;
const char *ir_duty_status_name(ir_duty_status s);   /* met, due, due-now, overdue */

typedef struct ir_clock {
    const ir_duty *duty;
    sw_time_us deadline;
    sw_time_us met_at;         /* 0 when not met */
    ir_duty_status status;
    sw_time_us remaining;      /* deadline - now (negative when late) */
} ir_clock;

/* When each duty was met (0: not yet), looked up by duty id. */
typedef sw_time_us (*ir_met_fn)(void *ctx, const char *duty_id);

/* The clocks for the given jurisdictions, in table order, into out (room
 * for ir_n_duties). Returns how many. */
size_t ir_clocks_compute(const char *const *jurisdictions, size_t n_jurisdictions, sw_time_us aware, sw_time_us now,
                         ir_met_fn met, void *met_ctx, ir_clock *out);

/* t plus whole calendar months in UTC; the day is clamped to the target
 * month's length (31 January + 1 month = 28 or 29 February). */
sw_time_us ir_add_months_utc(sw_time_us t, int months);

#endif
