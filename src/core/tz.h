/* tz.h - UTC to local wall-clock time for a named IANA zone, read from the
 * system tz database (TZif files, RFC 8536, with the POSIX TZ footer for
 * instants after the last listed transition). No global state: unlike
 * localtime_r with setenv("TZ"), two zones can be used at once from any
 * thread. Only UTC -> local is offered, so DST gaps and overlaps never make
 * a conversion ambiguous. */
#ifndef SW_TZ_H
#define SW_TZ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/error.h"
#include "core/timeutil.h"

typedef struct sw_tz sw_tz;

typedef struct tz_local {
    int year, month, day;      /* month 1..12, day 1..31 */
    int wday;                  /* 0 Sunday .. 6 Saturday */
    int minute;                /* minute of the local day, 0..1439 */
    int second;                /* 0..59 */
    int32_t utoff;             /* seconds east of UTC in effect */
    bool isdst;
} tz_local;

/* Is `name` a plausible zone name: "Europe/Lisbon", "UTC", "America/Argentina/Buenos_Aires"?
 * Letters, digits, '_', '-', '+' and '/' separated parts; no "..", no leading '/'. */
bool tz_name_valid(const char *name);
/* Parses TZif bytes (untrusted: read through core/cursor). The zone lives in `a`. */
sw_tz *tz_parse(arena *a, const uint8_t *data, size_t len, sw_error *err);
/* Loads $TZDIR/NAME (default /usr/share/zoneinfo/NAME). */
sw_tz *tz_load(arena *a, const char *name, sw_error *err);
/* The zone's local time at UTC instant t; tz NULL means UTC. */
void tz_local_time(const sw_tz *tz, sw_time_us t, tz_local *out);

/* Civil calendar helpers (proleptic Gregorian). */
int64_t tz_days_from_civil(int64_t y, int m, int d);
void tz_civil_from_days(int64_t days, int *y, int *m, int *d);

/* A weekly window of local wall-clock time: "Mon-Fri 07:00-19:00",
 * "Mon-Fri 07:00-19:00, Sat 08:00-12:00", "Sat-Sun 22:00-06:00" (past
 * midnight: the rest runs into the next day), "daily 00:00-24:00". */
#define TZ_WINDOW_SPANS 8
typedef struct tz_window {
    uint8_t n;
    struct { uint8_t days; uint16_t from, to; } span[TZ_WINDOW_SPANS];   /* days: bit 0 Sunday; minutes */
} tz_window;

/* false on a malformed window: *at is the offset of the problem, *why says what. */
bool tz_window_parse(const char *s, tz_window *w, size_t *at, const char **why);
bool tz_window_contains(const tz_window *w, const tz_local *lt);
/* "Sun 02:40" (local): for messages. */
const char *tz_local_fmt(const tz_local *lt, char buf[32]);

#endif
