/* incident_state.h - an incident's lifecycle (NIST SP 800-61r3 phases as
 * states), the transitions allowed between them, and severities. */
#ifndef SW_IR_INCIDENT_STATE_H
#define SW_IR_INCIDENT_STATE_H
#include <stdbool.h>

typedef enum {
    IR_DETECTED, IR_ANALYSING, IR_CONTAINING, IR_ERADICATING, IR_RECOVERING, IR_CLOSED, IR_STATE__COUNT
} ir_state;

const char *ir_state_name(ir_state s);          /* "detected" ... "closed" */
bool ir_state_parse(const char *s, ir_state *out);
/* True when an incident may go from `from` to `to`. */
bool ir_transition_allowed(ir_state from, ir_state to);
/* The states reachable from `from`, comma separated, for error messages. */
void ir_transitions_from(ir_state from, char *buf, unsigned size);

bool ir_severity_valid(const char *s);          /* low, medium, high, critical */

#endif
