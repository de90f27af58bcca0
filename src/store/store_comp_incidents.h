/* store_comp_incidents.h - what the incident-reporting compliance check
 * reads from the incidents table, if the store has one: the table belongs
 * to the incident-response work, so its absence (or a schema without the
 * time columns) is reported, not treated as an error. */
#ifndef SW_STORE_COMP_INCIDENTS_H
#define SW_STORE_COMP_INCIDENTS_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_comp_incident {
    const char *id;
    int64_t detected, reported;     /* microseconds; reported 0 = not reported */
} store_comp_incident;
typedef int (*store_comp_incident_fn)(void *ctx, const store_comp_incident *r);

/* *schema is set to NULL when there is no incidents table or it lacks a
 * detection time column, else to a description of the columns used
 * ("detected_at, reported_at"). Incidents detected at or after since. */
sw_code store_comp_incidents(store *s, int64_t since, const char **schema, store_comp_incident_fn fn, void *ctx,
                             sw_error *err);

#endif
