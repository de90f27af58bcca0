/* incident_state.c - the lifecycle table. Containment may skip eradication
 * (a misconfiguration has nothing to eradicate); analysis may close (a false
 * positive); a closed incident may be reopened into analysis when new
 * evidence appears. Nothing else moves backwards. */
#include <stdio.h>
#include <string.h>
#include "ir/incident_state.h"

static const char *const state_names[IR_STATE__COUNT] = {
    "detected", "analysing", "containing", "eradicating", "recovering", "closed",
};

#define T(s) (1u << (s))
static const unsigned allowed[IR_STATE__COUNT] = {
    [IR_DETECTED]    = T(IR_ANALYSING) | T(IR_CONTAINING),
    [IR_ANALYSING]   = T(IR_CONTAINING) | T(IR_CLOSED),
    [IR_CONTAINING]  = T(IR_ERADICATING) | T(IR_RECOVERING),
    [IR_ERADICATING] = T(IR_RECOVERING),
    [IR_RECOVERING]  = T(IR_CLOSED),
    [IR_CLOSED]      = T(IR_ANALYSING),
};

const char *ir_state_name(ir_state s)
{
    return (unsigned)s < IR_STATE__COUNT ? state_names[s] : "?";
}

bool ir_state_parse(const char *s, ir_state *out)
{
    for (int i = 0; i < IR_STATE__COUNT; i++)
        if (s && !strcmp(s, state_names[i])) { *out = (ir_state)i; return true; }
    return false;
}

bool ir_transition_allowed(ir_state from, ir_state to)
{
    if ((unsigned)from >= IR_STATE__COUNT || (unsigned)to >= IR_STATE__COUNT) return false;
    return (allowed[from] & T(to)) != 0;
}

void ir_transitions_from(ir_state from, char *buf, unsigned size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int i = 0; i < IR_STATE__COUNT && (unsigned)from < IR_STATE__COUNT; i++) {
        if (!(allowed[from] & T(i))) continue;
        int n = snprintf(buf + at, size - at, "%s%s", at ? ", " : "", state_names[i]);
        if (n < 0 || (size_t)n >= size - at) break;
        at += (size_t)n;
    }
}

bool ir_severity_valid(const char *s)
{
    static const char *const sev[] = { "low", "medium", "high", "critical" };
    for (size_t i = 0; i < 4; i++)
        if (s && !strcmp(s, sev[i])) return true;
    return false;
}
