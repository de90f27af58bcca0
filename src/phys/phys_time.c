/* phys_time.c - event times as access-control and VMS exports write them:
 * ISO 8601 / RFC 3339 with or without an offset, Unix seconds or
 * milliseconds, or a strptime-like pattern; local times go through the
 * port's time zone. */
#include <string.h>
#include "core/cursor.h"
#include "phys/phys.h"

#define US_PER_S INT64_C(1000000)

sw_time_us phys_local_to_utc(const sw_tz *tz, int y, int mo, int d, int h, int mi, int s, int64_t us)
{
    int64_t wall = (tz_days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + s) * US_PER_S + us;
    if (!tz) return wall;
    /* The offset in effect at the instant, found by two fixed-point steps;
     * in a DST gap or overlap this settles on one of the two readings. */
    tz_local lt;
    tz_local_time(tz, wall, &lt);
    sw_time_us t = wall - (sw_time_us)lt.utoff * US_PER_S;
    tz_local_time(tz, t, &lt);
    return wall - (sw_time_us)lt.utoff * US_PER_S;
}

/* Reads exactly `digits` (min..max) decimal digits. */
static bool read_num(cursor *c, int min, int max, int *out)
{
    int n = 0, v = 0;
    while (n < max && cursor_peek_u8(c, 0) >= '0' && cursor_peek_u8(c, 0) <= '9') {
        v = v * 10 + (cursor_u8(c) - '0');
        n++;
    }
    *out = v;
    return n >= min;
}

static bool read_fraction(cursor *c, int64_t *us)
{
    int64_t v = 0, scale = 100000;
    int n = 0;
    while (cursor_peek_u8(c, 0) >= '0' && cursor_peek_u8(c, 0) <= '9') {
        int dgt = cursor_u8(c) - '0';
        if (n < 6) { v += dgt * scale; scale /= 10; }
        n++;
        if (n > 12) return false;
    }
    *us = v;
    return n > 0;
}

static bool valid_civil(int y, int mo, int d, int h, int mi, int s)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 24 || mi > 59 || s > 60) return false;
    if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    if (h == 24 && (mi || s)) return false;
    return true;
}

/* An optional offset: Z, +hh:mm, +hhmm, +hh. Sets *has when present. */
static bool read_offset(cursor *c, bool *has, int *secs)
{
    uint8_t b = cursor_peek_u8(c, 0);
    *has = false;
    *secs = 0;
    if (b == 'Z' || b == 'z') { cursor_u8(c); *has = true; return true; }
    if (b != '+' && b != '-') return true;
    cursor_u8(c);
    int hh, mm = 0;
    if (!read_num(c, 2, 2, &hh)) return false;
    if (cursor_peek_u8(c, 0) == ':') cursor_u8(c);
    if (cursor_peek_u8(c, 0) >= '0' && cursor_peek_u8(c, 0) <= '9' && !read_num(c, 2, 2, &mm)) return false;
    if (hh > 23 || mm > 59) return false;
    *secs = (b == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    *has = true;
    return true;
}

static bool finish(const sw_tz *tz, bool local, int y, int mo, int d, int h, int mi, int s, int64_t us, bool has_off,
                   int off, sw_time_us *out)
{
    if (!valid_civil(y, mo, d, h, mi, s)) return false;
    if (s == 60) s = 59;   /* a leap second is kept inside its minute */
    if (has_off) *out = phys_local_to_utc(NULL, y, mo, d, h, mi, s, us) - (sw_time_us)off * US_PER_S;
    else *out = phys_local_to_utc(local ? tz : NULL, y, mo, d, h, mi, s, us);
    return true;
}

static bool parse_iso(cursor *c, const sw_tz *tz, bool local, sw_time_us *out)
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    int64_t us = 0;
    if (!read_num(c, 4, 4, &y) || cursor_u8(c) != '-' || !read_num(c, 2, 2, &mo) || cursor_u8(c) != '-' ||
        !read_num(c, 2, 2, &d))
        return false;
    uint8_t sep = cursor_peek_u8(c, 0);
    if (sep == 'T' || sep == 't' || sep == ' ') {
        cursor_u8(c);
        if (!read_num(c, 2, 2, &h) || cursor_u8(c) != ':' || !read_num(c, 2, 2, &mi)) return false;
        if (cursor_peek_u8(c, 0) == ':') {
            cursor_u8(c);
            if (!read_num(c, 2, 2, &s)) return false;
            if ((cursor_peek_u8(c, 0) == '.' || cursor_peek_u8(c, 0) == ',')) {
                cursor_u8(c);
                if (!read_fraction(c, &us)) return false;
            }
        }
    }
    while (cursor_peek_u8(c, 0) == ' ') cursor_u8(c);
    bool has_off;
    int off;
    if (!read_offset(c, &has_off, &off) || cursor_left(c)) return false;
    return finish(tz, local, y, mo, d, h, mi, s, us, has_off, off, out);
}

static bool parse_epoch(cursor *c, bool ms, sw_time_us *out)
{
    int64_t v = 0;
    int n = 0;
    while (cursor_peek_u8(c, 0) >= '0' && cursor_peek_u8(c, 0) <= '9') {
        if (++n > 16) return false;
        v = v * 10 + (cursor_u8(c) - '0');
    }
    int64_t frac = 0;
    if (!ms && cursor_peek_u8(c, 0) == '.') {
        cursor_u8(c);
        if (!read_fraction(c, &frac)) return false;
    }
    if (!n || cursor_left(c)) return false;
    if (ms) {
        if (v > INT64_C(253402300799999)) return false;
        *out = v * 1000;
    } else {
        if (v > INT64_C(253402300799)) return false;
        *out = v * US_PER_S + frac;
    }
    return true;
}

static int month_abbrev(cursor *c)
{
    static const char *const names[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    char m[3];
    for (int i = 0; i < 3; i++) {
        uint8_t b = cursor_u8(c);
        m[i] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    for (int i = 0; i < 12; i++)
        if (!memcmp(m, names[i], 3)) return i + 1;
    return 0;
}

/* %Y %m %d %H %M %S %f %b %p %I, '%%' and literal characters; a single space
 * in the pattern matches one or more spaces (syslog pads days). */
static bool parse_pattern(cursor *c, const char *pat, const sw_tz *tz, bool local, int year_hint, sw_time_us *out)
{
    int y = year_hint ? year_hint : 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, pm = -1;
    int64_t us = 0;
    for (const char *p = pat; *p; p++) {
        if (*p == ' ') {
            if (cursor_peek_u8(c, 0) != ' ') return false;
            while (cursor_peek_u8(c, 0) == ' ') cursor_u8(c);
            continue;
        }
        if (*p != '%') {
            if (cursor_u8(c) != (uint8_t)*p) return false;
            continue;
        }
        p++;
        bool ok = true;
        switch (*p) {
        case 'Y': ok = read_num(c, 4, 4, &y); break;
        case 'm': ok = read_num(c, 1, 2, &mo); break;
        case 'd': ok = read_num(c, 1, 2, &d); break;
        case 'H': case 'I': ok = read_num(c, 1, 2, &h); break;
        case 'M': ok = read_num(c, 2, 2, &mi); break;
        case 'S': ok = read_num(c, 2, 2, &s); break;
        case 'f': ok = read_fraction(c, &us); break;
        case 'b': ok = (mo = month_abbrev(c)) != 0; break;
        case 'p': {
            uint8_t a = cursor_u8(c), m = cursor_u8(c);
            if ((m | 0x20) != 'm') return false;
            if ((a | 0x20) == 'a') pm = 0;
            else if ((a | 0x20) == 'p') pm = 1;
            else return false;
            break;
        }
        case '%': ok = cursor_u8(c) == '%'; break;
        default: return false;
        }
        if (!ok || !cursor_ok(c)) return false;
    }
    if (pm >= 0) {
        if (h < 1 || h > 12) return false;
        h = h % 12 + (pm ? 12 : 0);
    }
    while (cursor_peek_u8(c, 0) == ' ') cursor_u8(c);
    bool has_off;
    int off;
    if (!read_offset(c, &has_off, &off) || cursor_left(c)) return false;
    return finish(tz, local, y, mo, d, h, mi, s, us, has_off, off, out);
}

bool phys_time_parse(const phys_profile *p, const sw_tz *tz, int year_hint, const char *s, size_t n, sw_time_us *out)
{
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    cursor c = cursor_make(s, n);
    bool ok;
    switch (p->time_format) {
    case PHYS_TIME_EPOCH: ok = parse_epoch(&c, false, out); break;
    case PHYS_TIME_EPOCH_MS: ok = parse_epoch(&c, true, out); break;
    case PHYS_TIME_PATTERN: ok = parse_pattern(&c, p->time_pattern, tz, p->local_time, year_hint, out); break;
    default: ok = parse_iso(&c, tz, p->local_time, out); break;
    }
    return ok && cursor_ok(&c);
}
