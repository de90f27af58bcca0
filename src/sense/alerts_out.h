/* alerts_out.h - the sensor's alert sink: renders each detector alert as
 * an ECS JSON line to the --eve file, maps frame numbers back to the input
 * file they came from, and counts alerts by rule and severity. */
#ifndef SW_SENSE_ALERTS_OUT_H
#define SW_SENSE_ALERTS_OUT_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "core/json.h"
#include "core/strbuf.h"
#include "detect/detect.h"

#define SENSE_ALERT_SOURCES 256

typedef struct sense_alerts {
    FILE *eve;                   /* NULL: count only */
    strbuf line;
    uint64_t by_rule[RULE__COUNT];
    uint64_t by_severity[SEV__COUNT];
    uint64_t total, write_errors;
    struct { const char *name; uint64_t first_frame; } sources[SENSE_ALERT_SOURCES];
    size_t n_sources;
} sense_alerts;

void sense_alerts_init(sense_alerts *s, FILE *eve);
void sense_alerts_free(sense_alerts *s);
/* The pipeline opened input `name`; its frames follow global frame `before`. */
void sense_alerts_source(void *user, const char *name, uint64_t before);
/* detect_alert_fn */
void sense_alerts_emit(void *user, const detect_alert *a);
void sense_alerts_print(const sense_alerts *s, FILE *out);
/* "alerts": {"total": N, "by_severity": {...}, "by_rule": {...}} as one member. */
void sense_alerts_json(const sense_alerts *s, json_writer *w);

#endif
