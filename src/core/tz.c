/* tz.c - TZif reader (RFC 8536) and POSIX TZ rule evaluation: the offset
 * in effect at a UTC instant is the last transition at or before it, or,
 * past the table's end, what the footer rule ("WET0WEST,M3.5.0/1,M10.5.0")
 * says for that year. */
#include "core/tz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/cursor.h"

#define TZ_MAX_TRANS 8192
#define TZ_MAX_TYPES 256

typedef struct tz_rule_date {
    char form;                 /* 'J' (1..365, no Feb 29), 'D' (0..365), 'M' (month.week.day) */
    int n, month, week, wday;
    int32_t time;              /* seconds after local midnight (may be negative or > 24h) */
} tz_rule_date;

typedef struct tz_rule {
    bool ok, has_dst;
    int32_t std_off, dst_off;  /* seconds east of UTC */
    tz_rule_date start, end;
} tz_rule;

struct sw_tz {
    int64_t *trans;            /* UTC seconds, ascending */
    uint8_t *idx;              /* type in effect from trans[i] */
    size_t n_trans;
    int32_t off[TZ_MAX_TYPES];
    bool dst[TZ_MAX_TYPES];
    size_t n_types;
    tz_rule rule;
};

int64_t tz_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tz_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int month_days(int64_t y, int m)
{
    static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

bool tz_name_valid(const char *name)
{
    if (!name || !*name || name[0] == '/' || strlen(name) > 128) return false;
    const char *part = name;
    for (const char *p = name;; p++) {
        if (*p == '/' || *p == 0) {
            size_t n = (size_t)(p - part);
            if (n == 0 || (n == 2 && part[0] == '.' && part[1] == '.') || (n == 1 && part[0] == '.')) return false;
            if (!*p) return true;
            part = p + 1;
            continue;
        }
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  c == '+' || c == '.';
        if (!ok) return false;
    }
}

/* ---- POSIX TZ strings (the TZif footer) ---- */

static const char *skip_name(const char *s)
{
    if (*s == '<') {
        const char *e = strchr(s, '>');
        return e && e - s >= 4 ? e + 1 : NULL;
    }
    const char *p = s;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) p++;
    return p - s >= 3 ? p : NULL;
}

static int parse_num(const char **s, int max)
{
    const char *p = *s;
    int v = 0;
    if (*p < '0' || *p > '9') return -1;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        if (v > max) return -1;
    }
    *s = p;
    return v;
}

/* [+-]hh[:mm[:ss]] in seconds; hours up to 167 (RFC 8536 extension). */
static bool parse_hms(const char **s, int32_t *out)
{
    const char *p = *s;
    int sign = 1;
    if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
    int h = parse_num(&p, 167), m = 0, sec = 0;
    if (h < 0) return false;
    if (*p == ':') { p++; if ((m = parse_num(&p, 59)) < 0) return false; }
    if (*p == ':') { p++; if ((sec = parse_num(&p, 59)) < 0) return false; }
    *out = sign * (h * 3600 + m * 60 + sec);
    *s = p;
    return true;
}

static bool parse_date(const char **s, tz_rule_date *d)
{
    const char *p = *s;
    memset(d, 0, sizeof *d);
    if (*p == 'J') {
        p++;
        d->form = 'J';
        if ((d->n = parse_num(&p, 365)) < 1) return false;
    } else if (*p == 'M') {
        p++;
        d->form = 'M';
        if ((d->month = parse_num(&p, 12)) < 1 || *p++ != '.') return false;
        if ((d->week = parse_num(&p, 5)) < 1 || *p++ != '.') return false;
        if ((d->wday = parse_num(&p, 6)) < 0) return false;
    } else {
        d->form = 'D';
        if ((d->n = parse_num(&p, 365)) < 0) return false;
    }
    d->time = 7200;
    if (*p == '/') { p++; if (!parse_hms(&p, &d->time)) return false; }
    *s = p;
    return true;
}

static bool parse_rule(const char *s, tz_rule *r)
{
    memset(r, 0, sizeof *r);
    const char *p = skip_name(s);
    int32_t off;
    if (!p || !parse_hms(&p, &off)) return false;
    r->std_off = -off;                     /* POSIX offsets count west */
    if (!*p) { r->ok = true; return true; }
    if (!(p = skip_name(p))) return false;
    r->has_dst = true;
    r->dst_off = r->std_off + 3600;
    if (*p && *p != ',') {
        if (!parse_hms(&p, &off)) return false;
        r->dst_off = -off;
    }
    if (!*p) {                             /* no rule: POSIX leaves it to the implementation; use the US one */
        r->start = (tz_rule_date){ 'M', 0, 3, 2, 0, 7200 };
        r->end = (tz_rule_date){ 'M', 0, 11, 1, 0, 7200 };
        r->ok = true;
        return true;
    }
    if (*p++ != ',' || !parse_date(&p, &r->start) || *p++ != ',' || !parse_date(&p, &r->end) || *p) return false;
    r->ok = true;
    return true;
}

/* Local midnight of the rule's day in year y, as days since the epoch. */
static int64_t rule_day(const tz_rule_date *d, int64_t y)
{
    int64_t jan1 = tz_days_from_civil(y, 1, 1);
    if (d->form == 'J') return jan1 + d->n - 1 + (leap(y) && d->n >= 60);
    if (d->form == 'D') return jan1 + d->n;
    int64_t first = tz_days_from_civil(y, d->month, 1);
    int wd1 = (int)(((first + 4) % 7 + 7) % 7);
    int day = 1 + (d->wday - wd1 + 7) % 7 + 7 * (d->week - 1);
    while (day > month_days(y, d->month)) day -= 7;
    return first + day - 1;
}

static void rule_offset(const tz_rule *r, int64_t t, int32_t *off, bool *isdst)
{
    *off = r->std_off;
    *isdst = false;
    if (!r->has_dst) return;
    int y, m, d;
    tz_civil_from_days((t + r->std_off) / 86400 - ((t + r->std_off) % 86400 < 0), &y, &m, &d);
    int64_t start = rule_day(&r->start, y) * 86400 + r->start.time - r->std_off;
    int64_t end = rule_day(&r->end, y) * 86400 + r->end.time - r->dst_off;
    bool in = start < end ? (t >= start && t < end) : (t < end || t >= start);
    if (in) { *off = r->dst_off; *isdst = true; }
}

/* ---- TZif ---- */

typedef struct tzif_counts { uint32_t isut, isstd, leap, time, type, chars; } tzif_counts;

static bool read_header(cursor *c, tzif_counts *n, uint8_t *version)
{
    if (!cursor_has(c, 44) || memcmp(cursor_ptr(c), "TZif", 4) != 0) return false;
    cursor_skip(c, 4);
    *version = cursor_u8(c);
    cursor_skip(c, 15);
    n->isut = cursor_be32(c);
    n->isstd = cursor_be32(c);
    n->leap = cursor_be32(c);
    n->time = cursor_be32(c);
    n->type = cursor_be32(c);
    n->chars = cursor_be32(c);
    return cursor_ok(c) && n->type >= 1 && n->type <= TZ_MAX_TYPES && n->time <= TZ_MAX_TRANS && n->chars <= 4096 &&
           n->leap <= 1024 && (n->isut == 0 || n->isut == n->type) && (n->isstd == 0 || n->isstd == n->type);
}

static size_t block_size(const tzif_counts *n, size_t tsize)
{
    return (size_t)n->time * tsize + n->time + (size_t)n->type * 6 + n->chars + (size_t)n->leap * (tsize + 4) +
           n->isstd + n->isut;
}

sw_tz *tz_parse(arena *a, const uint8_t *data, size_t len, sw_error *err)
{
    cursor c = cursor_make(data, len);
    tzif_counts n;
    uint8_t version;
    if (!read_header(&c, &n, &version)) { sw_fail(err, SW_ERR_PARSE, "not a TZif file, or its counts are out of range"); return NULL; }
    size_t tsize = 4;
    if (version >= '2') {                  /* skip the 32-bit block; the 64-bit one follows */
        cursor_skip(&c, block_size(&n, 4));
        if (!read_header(&c, &n, &version)) { sw_fail(err, SW_ERR_PARSE, "TZif: bad second header"); return NULL; }
        tsize = 8;
    }
    if (!cursor_has(&c, block_size(&n, tsize))) { sw_fail(err, SW_ERR_PARSE, "TZif: truncated data block"); return NULL; }
    sw_tz *tz = arena_alloc(a, sizeof *tz);
    if (!tz) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    tz->n_trans = n.time;
    tz->trans = arena_alloc(a, (n.time ? n.time : 1) * sizeof *tz->trans);
    tz->idx = arena_alloc(a, n.time ? n.time : 1);
    if (!tz->trans || !tz->idx) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    for (uint32_t i = 0; i < n.time; i++) {
        tz->trans[i] = tsize == 8 ? (int64_t)cursor_be64(&c) : (int64_t)(int32_t)cursor_be32(&c);
        if (i && tz->trans[i] <= tz->trans[i - 1]) { sw_fail(err, SW_ERR_PARSE, "TZif: transitions out of order"); return NULL; }
    }
    for (uint32_t i = 0; i < n.time; i++)
        if ((tz->idx[i] = cursor_u8(&c)) >= n.type) { sw_fail(err, SW_ERR_PARSE, "TZif: type index out of range"); return NULL; }
    tz->n_types = n.type;
    for (uint32_t i = 0; i < n.type; i++) {
        int32_t off = (int32_t)cursor_be32(&c);
        uint8_t isdst = cursor_u8(&c);
        cursor_u8(&c);                     /* abbreviation index: names are not needed */
        if (off <= -25 * 3600 || off >= 26 * 3600 || isdst > 1) { sw_fail(err, SW_ERR_PARSE, "TZif: bad local time type"); return NULL; }
        tz->off[i] = off;
        tz->dst[i] = isdst;
    }
    cursor_skip(&c, n.chars + (size_t)n.leap * (tsize + 4) + n.isstd + n.isut);
    if (tsize == 8 && cursor_left(&c) >= 2 && cursor_peek_u8(&c, 0) == '\n') {
        cursor_skip(&c, 1);
        char footer[128];
        size_t k = 0;
        while (cursor_left(&c) && cursor_peek_u8(&c, 0) != '\n' && k < sizeof footer - 1) footer[k++] = (char)cursor_u8(&c);
        footer[k] = 0;
        if (k && !(cursor_left(&c) && cursor_peek_u8(&c, 0) == '\n')) { sw_fail(err, SW_ERR_PARSE, "TZif: footer not terminated"); return NULL; }
        if (k && !parse_rule(footer, &tz->rule)) { sw_fail(err, SW_ERR_PARSE, "TZif: bad POSIX TZ footer '%.60s'", footer); return NULL; }
    }
    if (!cursor_ok(&c)) { sw_fail(err, SW_ERR_PARSE, "TZif: truncated"); return NULL; }
    return tz;
}

sw_tz *tz_load(arena *a, const char *name, sw_error *err)
{
    if (!tz_name_valid(name)) { sw_fail(err, SW_ERR_INVALID, "'%.80s' is not a time zone name", name ? name : ""); return NULL; }
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    FILE *f = fopen(path, "rb");
    if (!f) { sw_fail(err, SW_ERR_IO, "unknown time zone '%s' (no %s)", name, path); return NULL; }
    static const size_t max = 1 << 20;
    uint8_t *buf = malloc(max);
    size_t len = buf ? fread(buf, 1, max, f) : 0;
    bool bad = ferror(f) || len == max;
    fclose(f);
    sw_tz *tz = NULL;
    if (!buf) sw_fail(err, SW_ERR_NOMEM, "out of memory");
    else if (bad) sw_fail(err, SW_ERR_IO, "%s: unreadable or larger than 1 MiB", path);
    else if (!(tz = tz_parse(a, buf, len, err))) {
        char why[160];
        snprintf(why, sizeof why, "%.150s", err ? err->msg : "");
        sw_fail(err, SW_ERR_PARSE, "%s: %s", path, why);
    }
    free(buf);
    return tz;
}

void tz_local_time(const sw_tz *tz, sw_time_us t_us, tz_local *out)
{
    int64_t t = t_us / SW_US_PER_SEC - (t_us % SW_US_PER_SEC < 0);
    int32_t off = 0;
    bool isdst = false;
    if (tz) {
        size_t lo = 0, hi = tz->n_trans;   /* first transition after t */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (tz->trans[mid] <= t) lo = mid + 1; else hi = mid;
        }
        if (lo == tz->n_trans && tz->rule.ok) rule_offset(&tz->rule, t, &off, &isdst);
        else {
            /* Before the first transition: the first non-DST type (RFC 8536 3.2), else type 0. */
            size_t type = 0;
            if (lo > 0) type = tz->idx[lo - 1];
            else for (size_t i = 0; i < tz->n_types; i++) if (!tz->dst[i]) { type = i; break; }
            off = tz->off[type];
            isdst = tz->dst[type];
        }
    }
    int64_t local = t + off;
    int64_t days = local / 86400 - (local % 86400 < 0);
    int64_t secs = local - days * 86400;
    tz_civil_from_days(days, &out->year, &out->month, &out->day);
    out->wday = (int)(((days + 4) % 7 + 7) % 7);
    out->minute = (int)(secs / 60);
    out->second = (int)(secs % 60);
    out->utoff = off;
    out->isdst = isdst;
}

/* ---- weekly windows ---- */

static const char *const day_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

static int parse_day(const char **s)
{
    for (int d = 0; d < 7; d++)
        if (strncasecmp(*s, day_names[d], 3) == 0) { *s += 3; return d; }
    return -1;
}

static int parse_clock(const char **s)
{
    const char *p = *s;
    if (p[0] < '0' || p[0] > '2' || p[1] < '0' || p[1] > '9' || p[2] != ':' || p[3] < '0' || p[3] > '5' ||
        p[4] < '0' || p[4] > '9')
        return -1;
    int h = (p[0] - '0') * 10 + p[1] - '0', m = (p[3] - '0') * 10 + p[4] - '0';
    if (h > 24 || (h == 24 && m)) return -1;
    *s = p + 5;
    return h * 60 + m;
}

bool tz_window_parse(const char *s, tz_window *w, size_t *at, const char **why)
{
    memset(w, 0, sizeof *w);
    const char *p = s;
#define FAIL(msg) do { if (at) *at = (size_t)(p - s); if (why) *why = (msg); return false; } while (0)
    for (;;) {
        while (*p == ' ') p++;
        if (w->n == TZ_WINDOW_SPANS) FAIL("more than 8 spans");
        uint8_t days = 0;
        if (strncasecmp(p, "daily", 5) == 0) { days = 0x7f; p += 5; }
        else {
            int a = parse_day(&p);
            if (a < 0) FAIL("expected a day (Mon..Sun) or 'daily'");
            int b = a;
            if (*p == '-') { p++; if ((b = parse_day(&p)) < 0) FAIL("expected a day after '-'"); }
            for (int d = a;; d = (d + 1) % 7) { days |= (uint8_t)(1u << d); if (d == b) break; }
        }
        if (*p != ' ') FAIL("expected a space, then HH:MM-HH:MM");
        while (*p == ' ') p++;
        int from = parse_clock(&p);
        if (from < 0 || from == 1440) FAIL("expected a start time HH:MM (00:00..23:59)");
        if (*p != '-') FAIL("expected '-' between the times");
        p++;
        int to = parse_clock(&p);
        if (to < 0) FAIL("expected an end time HH:MM (00:00..24:00)");
        if (to == from) FAIL("empty span: start equals end");
        w->span[w->n].days = days;
        w->span[w->n].from = (uint16_t)from;
        w->span[w->n].to = (uint16_t)to;
        w->n++;
        while (*p == ' ') p++;
        if (!*p) return true;
        if (*p != ',') FAIL("expected ',' before the next span, or the end");
        p++;
    }
#undef FAIL
}

bool tz_window_contains(const tz_window *w, const tz_local *lt)
{
    int today = lt->wday, yesterday = (lt->wday + 6) % 7;
    for (size_t i = 0; i < w->n; i++) {
        unsigned days = w->span[i].days, from = w->span[i].from, to = w->span[i].to, m = (unsigned)lt->minute;
        if (from < to) {
            if ((days >> today & 1) && m >= from && m < to) return true;
        } else {                           /* runs past midnight */
            if ((days >> today & 1) && m >= from) return true;
            if ((days >> yesterday & 1) && m < to) return true;
        }
    }
    return false;
}

const char *tz_local_fmt(const tz_local *lt, char buf[32])
{
    unsigned wd = (unsigned)lt->wday % 7, h = (unsigned)lt->minute / 60 % 24, m = (unsigned)lt->minute % 60;
    snprintf(buf, 32, "%s %02u:%02u", day_names[wd], h, m);
    return buf;
}
