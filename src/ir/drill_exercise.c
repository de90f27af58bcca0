/* drill_exercise.c - whether a scored drill tested the whole plan, as the
 * yearly exercise of ISPS Code B/18.6 and 33 CFR 105.220(c) must: the
 * incident detected, every playbook decision taken by its role, every
 * reporting duty due in the exercise sent, and the facility security
 * officer taking part. Pure: what is missing, as sentences. */
#include <stdio.h>
#include <string.h>
#include "ir/drill.h"

size_t drill_exercise_gaps(const drill_score *s, const drill_answer *a, size_t n, drill_role_fn has_role, void *role_ctx,
                           const char *fso_role, char (*gaps)[DRILL_GAP_MAX], size_t max)
{
    size_t g = 0;
#define GAP(...) do { if (g < max) snprintf(gaps[g], DRILL_GAP_MAX, __VA_ARGS__); g++; } while (0)
    if (!s->detected_at) GAP("the incident was never detected");
    for (size_t i = 0; i < s->n; i++) {
        const drill_item *it = &s->items[i];
        if (!strcmp(it->kind, "decide") && (it->outcome == DRILL_MISSED || it->outcome == DRILL_WRONG_ROLE))
            GAP("decision %s was not taken by its role (%s)%s", it->id, it->role, it->outcome == DRILL_WRONG_ROLE ? ": taken by the wrong role" : "");
        else if (!strcmp(it->kind, "notify") && it->outcome == DRILL_MISSED)
            GAP("reporting duty %s was not sent", it->id);
    }
    bool fso = false;
    for (size_t i = 0; i < n && !fso; i++)
        if ((a[i].verb == DRILL_DECIDE || a[i].verb == DRILL_NOTIFY) && a[i].by[0] && has_role(role_ctx, a[i].by, fso_role))
            fso = true;
    if (!fso) GAP("nobody holding the %s role decided or notified", fso_role);
#undef GAP
    return g;
}
