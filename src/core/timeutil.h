/* timeutil.h - durations ("90s", "15m", "1h30m", "2d") and RFC 3339 UTC
 * timestamps in microseconds since the epoch. */
#ifndef SW_TIMEUTIL_H
#define SW_TIMEUTIL_H
#include <stdbool.h>
#include <stdint.h>

typedef int64_t sw_time_us;   /* microseconds since 1970-01-01T00:00:00Z */

#define SW_US_PER_SEC 1000000LL
#define SW_TIME_STR_MAX 32

/* Parses a duration into microseconds; false on junk, overflow or zero units. */
bool duration_parse(const char *s, sw_time_us *out);
/* "2026-11-28T07:01:20.123456Z" (fraction digits: 0, 3 or 6). */
const char *time_fmt_rfc3339(sw_time_us t, int frac_digits, char buf[SW_TIME_STR_MAX]);
/* Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm)". */
bool time_parse_rfc3339(const char *s, sw_time_us *out);
sw_time_us time_now_us(void);

#endif
