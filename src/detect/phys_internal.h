/* phys_internal.h - what the physical-security family's files share: the
 * alert skeleton of a feed event, a device's place in the model, and the
 * alarm checks (phys_alarms.c) that phys.c hands events to. */
#ifndef SW_PHYS_INTERNAL_H
#define SW_PHYS_INTERNAL_H
#include "detect/detect_internal.h"
#include "detect/phys_detect.h"

/* An alert of `rule` for a feed event: time, feed line, badge and door. */
void detect_phys_alert_init(detect_alert *a, detect_rule_id rule, const phys_event *ev, const char *feed);
/* The device (reader, door or camera) as the alert's target: its asset,
 * zone, address and access area. */
void detect_phys_set_device(detect_engine *e, detect_alert *a, const model_asset *dev);
/* The person's name for messages (id or the feed's text when unknown). */
const char *detect_phys_who(const model_person *p, const phys_event *ev);
/* A hash of a string for alert keys (0 for NULL or ""). */
uint64_t detect_phys_str_key(const char *s);

/* Alarm events at sensitive areas (phys_alarms.c): door held open, reader
 * tamper, anti-passback, motion outside the area's hours. dev is the
 * reader, door or camera the event names (NULL: not in the model); p the
 * badge holder (NULL: unknown); tz the port's time zone (NULL: UTC). */
void detect_phys_alarm(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *dev,
                       const model_person *p, const sw_tz *tz);

#endif
