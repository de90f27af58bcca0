/* phys_alarms.c - access-control and video alarms that matter where the
 * OT equipment is: a door held open or a reader tampered with at a
 * sensitive room, a badge refused for anti-passback, motion in a sensitive
 * area outside the hours people are expected there (docs/rules.md). */
#include <stdio.h>
#include <string.h>
#include "detect/phys_internal.h"

static const model_access_area *area_of(const detect_engine *e, const model_asset *dev)
{
    return dev && dev->area_index >= 0 ? &e->m->access_areas[dev->area_index] : NULL;
}

static void raise_at(detect_engine *e, detect_alert *a, const model_asset *dev, const char *what)
{
    const model_access_area *area = area_of(e, dev);
    snprintf(a->message, sizeof a->message, "%s at %s (%s, %s)%s%s", what, dev->id, area->id, area->kind,
             area->zone ? ", housing zone " : "", area->zone ? area->zone : "");
    detect_raise(e, a, detect_key(a->rule, NULL, NULL, 0, detect_phys_str_key(dev->id)));
}

/* A door propped open lets anyone follow; at a room of OT equipment that is
 * a way in without a badge. */
static void check_held(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *dev)
{
    detect_alert a;
    detect_phys_alert_init(&a, RULE_PHYS_DOOR_HELD_OT, ev, feed);
    detect_phys_set_device(e, &a, dev);
    raise_at(e, &a, dev, "door held open");
}

/* A reader opened or pulled off the wall: the usual first step to bypass or
 * skim it. */
static void check_tamper(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *dev)
{
    detect_alert a;
    detect_phys_alert_init(&a, RULE_PHYS_READER_TAMPER_OT, ev, feed);
    detect_phys_set_device(e, &a, dev);
    raise_at(e, &a, dev, "badge reader tampered with");
}

/* Entering twice without leaving: the card was passed back to someone else,
 * or copied. Anywhere it is worth a look; at a sensitive room it is high. */
static void check_passback(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *dev,
                           const model_person *p)
{
    const model_access_area *area = area_of(e, dev);
    detect_alert a;
    detect_phys_alert_init(&a, RULE_PHYS_ANTI_PASSBACK, ev, feed);
    detect_phys_set_device(e, &a, dev);
    a.person = p;
    bool sensitive = area && model_area_kind_sensitive(area->kind);
    if (sensitive) a.severity = SEV_HIGH;
    const char *where = dev ? dev->id : a.door[0] ? a.door : "an unnamed door";
    snprintf(a.message, sizeof a.message, "anti-passback: badge %s of %s (%s) presented to enter again without leaving, at %s%s%s%s%s",
             ev->value[PF_BADGE][0] ? ev->value[PF_BADGE] : "?", detect_phys_who(p, ev), p ? p->id : "not in the model", where,
             area ? " (" : "", area ? area->id : "", area ? ")" : "", sensitive ? ", a sensitive room" : "");
    uint64_t who = p ? detect_phys_str_key(p->id) : detect_phys_str_key(ev->value[PF_BADGE]);
    detect_raise(e, &a, detect_key(RULE_PHYS_ANTI_PASSBACK, NULL, NULL, 0, who ^ detect_phys_str_key(area ? area->id : where)));
}

/* Motion seen by a camera in a sensitive area that declares its hours, at
 * a time outside them: someone is there when nobody should be. */
static void check_motion(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *cam, const sw_tz *tz)
{
    const model_access_area *area = area_of(e, cam);
    if (!area || !area->has_hours || !model_area_kind_sensitive(area->kind)) return;
    tz_local lt;
    tz_local_time(tz, ev->ts, &lt);
    if (tz_window_contains(&area->hours_window, &lt)) return;
    detect_alert a;
    detect_phys_alert_init(&a, RULE_PHYS_MOTION_OFF_HOURS, ev, feed);
    detect_phys_set_device(e, &a, cam);
    char when[32];
    snprintf(a.message, sizeof a.message, "motion seen by %s in %s (%s) at %s local, outside its hours %s", cam->id, area->id,
             area->kind, tz_local_fmt(&lt, when), area->hours);
    detect_raise(e, &a, detect_key(RULE_PHYS_MOTION_OFF_HOURS, NULL, NULL, 0, detect_phys_str_key(area->id)));
}

void detect_phys_alarm(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *dev,
                       const model_person *p, const sw_tz *tz)
{
    if (ev->kind == PHYS_ANTI_PASSBACK) { check_passback(e, ev, feed, dev, p); return; }
    const model_access_area *area = area_of(e, dev);
    if (!area || !model_area_kind_sensitive(area->kind)) {
        /* motion has its own test of the area; the rest need a sensitive room */
        if (ev->kind != PHYS_MOTION) return;
    }
    switch (ev->kind) {
    case PHYS_HELD_OPEN: check_held(e, ev, feed, dev); break;
    case PHYS_TAMPER: check_tamper(e, ev, feed, dev); break;
    case PHYS_MOTION: check_motion(e, ev, feed, dev, tz); break;
    default: break;
    }
}
