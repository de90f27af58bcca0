/* phys_detect.h - physical-security events into the detection engine: the
 * phys family (phys.c) judges badge and video events against the port
 * model's people, areas, shifts and camera coverage, and joins them with
 * what the network sensor saw (remote logins, camera streams). */
#ifndef SW_PHYS_DETECT_H
#define SW_PHYS_DETECT_H
#include "core/tz.h"
#include "detect/detect.h"
#include "phys/phys.h"

/* The port's time zone for shifts (NULL: UTC). The zone must outlive the engine. */
void detect_phys_set_tz(detect_engine *e, const sw_tz *tz);
/* One access-control or video event; `feed` names its input for evidence. */
void detect_phys_event(detect_engine *e, const phys_event *ev, const char *feed);

/* The account part of a wire or log user name: "AURORA\\jdoe" and
 * "jdoe@AURORA.LOCAL" give "jdoe" (lower-cased into out). */
const char *detect_phys_account(const char *user, char out[PHYS_VALUE_MAX]);

#endif
