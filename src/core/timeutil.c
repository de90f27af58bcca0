/* timeutil.c - durations and RFC 3339 timestamps (see timeutil.h). */
#include "core/timeutil.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

bool duration_parse(const char *s, sw_time_us *out)
{
    if (!s || !*s) return false;
    sw_time_us total = 0;
    while (*s) {
        if (!isdigit((unsigned char)*s)) return false;
        int64_t n = 0;
        while (isdigit((unsigned char)*s)) {
            if (n > INT64_MAX / 10 - 9) return false;
            n = n * 10 + (*s++ - '0');
        }
        int64_t unit;
        if (strncmp(s, "ms", 2) == 0) { unit = 1000; s += 2; }
        else if (*s == 's') { unit = SW_US_PER_SEC; s++; }
        else if (*s == 'm') { unit = 60 * SW_US_PER_SEC; s++; }
        else if (*s == 'h') { unit = 3600 * SW_US_PER_SEC; s++; }
        else if (*s == 'd') { unit = 86400 * SW_US_PER_SEC; s++; }
        else return false;
        if (n > (INT64_MAX - total) / unit) return false;
        total += n * unit;
    }
    *out = total;
    return true;
}

/* Days since the epoch for a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

const char *time_fmt_rfc3339(sw_time_us t, int frac_digits, char buf[SW_TIME_STR_MAX])
{
    int64_t secs = t / SW_US_PER_SEC, us = t % SW_US_PER_SEC;
    if (us < 0) { us += SW_US_PER_SEC; secs--; }
    time_t tt = (time_t)secs;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) { snprintf(buf, SW_TIME_STR_MAX, "invalid"); return buf; }
    int n = (int)strftime(buf, SW_TIME_STR_MAX, "%Y-%m-%dT%H:%M:%S", &tm);
    if (frac_digits == 3) n += snprintf(buf + n, (size_t)(SW_TIME_STR_MAX - n), ".%03lld", (long long)(us / 1000));
    else if (frac_digits == 6) n += snprintf(buf + n, (size_t)(SW_TIME_STR_MAX - n), ".%06lld", (long long)us);
    snprintf(buf + n, (size_t)(SW_TIME_STR_MAX - n), "Z");
    return buf;
}

static bool read_digits(const char **s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*s)[i])) return false;
        v = v * 10 + ((*s)[i] - '0');
    }
    *s += n;
    *out = v;
    return true;
}

bool time_parse_rfc3339(const char *s, sw_time_us *out)
{
    int Y, M, D, h, m, sec;
    if (!read_digits(&s, 4, &Y) || *s++ != '-' || !read_digits(&s, 2, &M) || *s++ != '-' ||
        !read_digits(&s, 2, &D) || (*s != 'T' && *s != 't' && *s != ' ') || !*s++ ||
        !read_digits(&s, 2, &h) || *s++ != ':' || !read_digits(&s, 2, &m) || *s++ != ':' ||
        !read_digits(&s, 2, &sec))
        return false;
    if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60) return false;
    int64_t us = 0;
    if (*s == '.') {
        s++;
        int digits = 0;
        while (isdigit((unsigned char)*s)) {
            if (digits < 6) us = us * 10 + (*s - '0');
            digits++;
            s++;
        }
        if (digits == 0) return false;
        for (; digits < 6; digits++) us *= 10;
    }
    int64_t offset = 0;
    if (*s == 'Z' || *s == 'z') s++;
    else if (*s == '+' || *s == '-') {
        int sign = *s++ == '-' ? -1 : 1, oh, om;
        if (!read_digits(&s, 2, &oh) || *s++ != ':' || !read_digits(&s, 2, &om)) return false;
        offset = sign * (oh * 3600 + om * 60);
    } else return false;
    if (*s) return false;
    int64_t secs = days_from_civil(Y, (unsigned)M, (unsigned)D) * 86400 + h * 3600 + m * 60 + sec - offset;
    *out = secs * SW_US_PER_SEC + us;
    return true;
}

sw_time_us time_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (sw_time_us)ts.tv_sec * SW_US_PER_SEC + ts.tv_nsec / 1000;
}
