/* phys_feed.h - `seawall sense --access/--vms`: physical-security feeds (a
 * file, "-" for stdin, or udp://[HOST]:PORT where each datagram holds one or
 * more lines) through a mapping profile into the detection engine. A bad
 * line is reported with its number and skipped; the rest is read. */
#ifndef SW_SENSE_PHYS_FEED_H
#define SW_SENSE_PHYS_FEED_H
#include <stdbool.h>
#include <stdio.h>
#include "core/error.h"
#include "detect/detect.h"
#include "phys/phys.h"

#define PHYS_FEED_MAX_REPORTED 50   /* malformed lines printed per feed; the rest are counted */

typedef struct phys_feed_result {
    phys_stats stats;
    uint64_t cut_lines;          /* longer than PHYS_LINE_MAX */
    bool interrupted;
} phys_feed_result;

/* Finds a profile: a path (holding '/' or ending in .ini), else NAME.ini in
 * $SEAWALL_DATA/phys-profiles, the tree's data/phys-profiles next to the
 * binary (../data), /usr/share/seawall/phys-profiles, ./data/phys-profiles.
 * SW_ERR_IO when not found, SW_ERR_USAGE when it does not parse. */
sw_code phys_profile_load(const char *name_or_path, phys_profile *p, sw_error *err);

/* Reads the feed to its end (a file) or until SIGINT/SIGTERM (udp://);
 * every event goes to detect_phys_event (det may be NULL: decode and count
 * only). Malformed lines go to `diag` as "SPEC:LINE: why". */
sw_code phys_feed_run(const char *spec, const phys_profile *prof, const sw_tz *tz, detect_engine *det, FILE *diag,
                      phys_feed_result *res, sw_error *err);

#endif
