/* nmea.c - splitting and checking one line of an AIS feed (see nmea.h).
 * All reads go through core/cursor.h. */
#include "ais/nmea.h"
#include <string.h>
#include "core/cursor.h"

const char *ais_line_kind_name(ais_line_kind k)
{
    static const char *const names[AIS_LINE_KIND_COUNT] = {
        "sentence", "blank", "time", "other_nmea", "garbage", "bad_checksum",
        "no_checksum", "bad_tag_block", "malformed",
    };
    return (unsigned)k < AIS_LINE_KIND_COUNT ? names[k] : "?";
}

uint8_t ais_nmea_checksum(const char *p, size_t n)
{
    /* Eight bytes at a time, folded at the end. */
    uint64_t w = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        w ^= v;
    }
    w ^= w >> 32;
    w ^= w >> 16;
    w ^= w >> 8;
    uint8_t x = (uint8_t)w;
    for (; i < n; i++) x ^= (uint8_t)p[i];
    return x;
}

int64_t ais_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    /* Howard Hinnant's days_from_civil. */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Reads up to maxd decimal digits; false if none. */
static bool cur_uint(cursor *c, unsigned maxd, uint64_t *out)
{
    uint64_t v = 0;
    unsigned n = 0;
    while (n < maxd && cursor_left(c) && is_digit(cursor_peek_u8(c, 0))) {
        v = v * 10 + (uint64_t)(cursor_u8(c) - '0');
        n++;
    }
    *out = v;
    return n > 0;
}

static bool cur_expect(cursor *c, uint8_t ch)
{
    if (cursor_left(c) && cursor_peek_u8(c, 0) == ch) { cursor_skip(c, 1); return true; }
    return false;
}

static int64_t civil_ms(uint64_t y, uint64_t mo, uint64_t d, uint64_t h, uint64_t mi, uint64_t s, uint64_t ms)
{
    return ((ais_days_from_civil((int64_t)y, (unsigned)mo, (unsigned)d) * 86400 +
             (int64_t)(h * 3600 + mi * 60 + s)) * 1000) + (int64_t)ms;
}

/* Fractional seconds after a '.', as milliseconds. */
static uint64_t cur_millis(cursor *c)
{
    uint64_t ms = 0;
    unsigned n = 0;
    while (cursor_left(c) && is_digit(cursor_peek_u8(c, 0))) {
        uint8_t d = cursor_u8(c);
        if (n < 3) ms = ms * 10 + (uint64_t)(d - '0');
        n++;
    }
    while (n < 3) { ms *= 10; n++; }
    return ms;
}

/* A receiver timestamp before the sentence: epoch seconds (optionally with
 * a fraction) or an ISO 8601 date-time ("2012-05-13T12:34:56.789Z" or with
 * a space). Anything else is ignored (the sentence still decodes). */
static bool parse_prefix_time(const char *p, size_t n, int64_t *ms_out)
{
    cursor c = cursor_make(p, n);
    while (cursor_left(&c) && (cursor_peek_u8(&c, 0) == ' ' || cursor_peek_u8(&c, 0) == '\t')) cursor_skip(&c, 1);
    cursor probe = c;
    uint64_t y, mo, d, h, mi, s, ms = 0;
    if (cur_uint(&probe, 4, &y) && cur_expect(&probe, '-')) {
        if (!cur_uint(&probe, 2, &mo) || !cur_expect(&probe, '-') || !cur_uint(&probe, 2, &d)) return false;
        if (!cur_expect(&probe, 'T') && !cur_expect(&probe, ' ')) return false;
        if (!cur_uint(&probe, 2, &h) || !cur_expect(&probe, ':') || !cur_uint(&probe, 2, &mi) ||
            !cur_expect(&probe, ':') || !cur_uint(&probe, 2, &s)) return false;
        if (cur_expect(&probe, '.') || cur_expect(&probe, ',')) ms = cur_millis(&probe);
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
        *ms_out = civil_ms(y, mo, d, h, mi, s, ms);
        return true;
    }
    uint64_t secs;
    if (!cur_uint(&c, 12, &secs)) return false;
    if (secs < 100000000ull) return false;   /* not an epoch time (before 1973) */
    if (cur_expect(&c, '.')) ms = cur_millis(&c);
    *ms_out = (int64_t)(secs * 1000 + ms);
    return true;
}

/* NMEA 4.10 tag block contents between the backslashes. */
static bool parse_tag_block(const char *p, size_t n, ais_sentence *s)
{
    const char *star = memchr(p, '*', n);
    size_t body = star ? (size_t)(star - p) : n;
    if (star) {
        if (n - body != 3) return false;
        int hi = hexval((uint8_t)star[1]), lo = hexval((uint8_t)star[2]);
        if (hi < 0 || lo < 0 || ais_nmea_checksum(p, body) != (uint8_t)(hi << 4 | lo)) return false;
    }
    cursor c = cursor_make(p, body);
    while (cursor_left(&c)) {
        if (cursor_left(&c) < 2 || cursor_peek_u8(&c, 1) != ':') return false;
        uint8_t key = cursor_u8(&c);
        cursor_skip(&c, 1);
        size_t start = c.pos;
        while (cursor_left(&c) && cursor_peek_u8(&c, 0) != ',') cursor_skip(&c, 1);
        cursor v = cursor_make(p + start, c.pos - start);
        uint64_t a, b2, id;
        switch (key) {
        case 'c':
            if (!cur_uint(&v, 15, &a) || cursor_left(&v)) return false;
            s->has_time = true;
            s->time_ms = (int64_t)(a >= 100000000000ull ? a : a * 1000);
            break;
        case 'g':
            if (!cur_uint(&v, 2, &a) || !cur_expect(&v, '-') || !cur_uint(&v, 2, &b2) ||
                !cur_expect(&v, '-') || !cur_uint(&v, 9, &id) || cursor_left(&v))
                return false;
            if (a < 1 || b2 < 1 || a > b2 || b2 > 9) return false;
            s->has_group = true;
            s->group_num = (uint8_t)a;
            s->group_total = (uint8_t)b2;
            s->group_id = (uint32_t)id;
            break;
        case 's': {
            size_t k = v.len < sizeof s->source - 1 ? v.len : sizeof s->source - 1;
            cursor_copy(&v, s->source, k);
            s->source[k] = '\0';
            break;
        }
        default:
            break;          /* d:, n:, r:, t:, T:, q: ... carried but unused */
        }
        cur_expect(&c, ',');
    }
    return true;
}

/* $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,... (Gatehouse): dates the next sentence. */
static bool parse_pghp(const char *p, size_t n, int64_t *ms_out)
{
    cursor c = cursor_make(p, n);
    uint64_t v[8];
    if (!cur_expect(&c, '1') || !cur_expect(&c, ',')) return false;
    for (int i = 0; i < 7; i++) {
        if (!cur_uint(&c, 4, &v[i]) || !cur_expect(&c, ',')) return false;
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 || v[6] > 999)
        return false;
    *ms_out = civil_ms(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    return true;
}

ais_line_kind ais_parse_line(const char *line, size_t len, ais_sentence *s)
{
    memset(s, 0, sizeof *s);
    s->seqid = -1;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                       line[len - 1] == '\t' || line[len - 1] == '\0'))
        len--;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
    if (i == len || line[i] == '#') return AIS_LINE_BLANK;

    /* Skip a receiver prefix up to the first tag block or sentence. */
    size_t start = i;
    while (i < len && line[i] != '\\' && line[i] != '!' && line[i] != '$') i++;
    if (i == len) return AIS_LINE_GARBAGE;
    if (i > start) {
        int64_t ms;
        if (parse_prefix_time(line + start, i - start, &ms)) { s->has_time = true; s->time_ms = ms; }
    }

    /* Tag blocks. */
    while (i < len && line[i] == '\\') {
        const char *end = memchr(line + i + 1, '\\', len - i - 1);
        if (!end) return AIS_LINE_BAD_TAG;
        size_t tlen = (size_t)(end - (line + i + 1));
        if (!parse_tag_block(line + i + 1, tlen, s)) return AIS_LINE_BAD_TAG;
        i += tlen + 2;
    }
    if (i >= len || (line[i] != '!' && line[i] != '$')) return AIS_LINE_GARBAGE;

    const char *sent = line + i;
    size_t slen = len - i;
    bool vdm = slen >= 6 && sent[0] == '!' && sent[3] == 'V' && sent[4] == 'D' &&
               (sent[5] == 'M' || sent[5] == 'O');
    bool pghp = slen >= 6 && memcmp(sent, "$PGHP,", 6) == 0;
    const char *star = memchr(sent, '*', slen);
    if (!star) return vdm ? AIS_LINE_NO_CHECKSUM : AIS_LINE_OTHER_NMEA;
    size_t body = (size_t)(star - sent);
    if (slen - body < 3) return vdm ? AIS_LINE_NO_CHECKSUM : AIS_LINE_OTHER_NMEA;
    int hi = hexval((uint8_t)star[1]), lo = hexval((uint8_t)star[2]);
    if (hi < 0 || lo < 0) return vdm ? AIS_LINE_NO_CHECKSUM : AIS_LINE_OTHER_NMEA;
    bool sum_ok = ais_nmea_checksum(sent + 1, body - 1) == (uint8_t)(hi << 4 | lo);
    if (!vdm) {
        if (pghp && sum_ok && parse_pghp(sent + 6, body - 6, &s->time_ms)) {
            s->has_time = true;
            return AIS_LINE_TIME;
        }
        return sum_ok ? AIS_LINE_OTHER_NMEA : AIS_LINE_BAD_CHECKSUM;
    }
    if (!sum_ok) return AIS_LINE_BAD_CHECKSUM;

    /* Trailing USCG fields after the checksum: the last one is epoch seconds. */
    if (slen - body > 3 && star[3] == ',' && !s->has_time) {
        const char *t = sent + slen;
        size_t k = 0;
        while (k < slen - body - 3 && is_digit((uint8_t)t[-1 - (ptrdiff_t)k])) k++;
        if (k >= 9 && k <= 10 && t[-1 - (ptrdiff_t)k] == ',') {
            cursor c = cursor_make(t - k, k);
            uint64_t secs;
            if (cur_uint(&c, 10, &secs)) { s->has_time = true; s->time_ms = (int64_t)secs * 1000; }
        }
    }

    s->talker[0] = sent[1];
    s->talker[1] = sent[2];
    s->own = sent[5] == 'O';
    cursor c = cursor_make(sent + 6, body - 6);
    uint64_t v;
    if (!cur_expect(&c, ',') || !cur_uint(&c, 1, &v) || v < 1) return AIS_LINE_MALFORMED;
    s->total = (uint8_t)v;
    if (!cur_expect(&c, ',') || !cur_uint(&c, 1, &v) || v < 1 || v > s->total) return AIS_LINE_MALFORMED;
    s->num = (uint8_t)v;
    if (!cur_expect(&c, ',')) return AIS_LINE_MALFORMED;
    if (cur_uint(&c, 2, &v)) s->seqid = (int8_t)v;
    if (!cur_expect(&c, ',')) return AIS_LINE_MALFORMED;
    if (cursor_left(&c) && cursor_peek_u8(&c, 0) != ',') {
        uint8_t ch = cursor_u8(&c);
        if (ch != 'A' && ch != 'B' && ch != '1' && ch != '2') return AIS_LINE_MALFORMED;
        s->channel = (char)ch;
    }
    if (!cur_expect(&c, ',')) return AIS_LINE_MALFORMED;
    size_t pstart = c.pos;
    const uint8_t *comma = cursor_left(&c) ? memchr(cursor_ptr(&c), ',', cursor_left(&c)) : NULL;
    cursor_skip(&c, comma ? (size_t)(comma - cursor_ptr(&c)) : cursor_left(&c));
    s->payload = sent + 6 + pstart;
    s->payload_len = c.pos - pstart;
    if (!cur_expect(&c, ',')) return AIS_LINE_MALFORMED;
    if (cursor_left(&c)) {
        if (!cur_uint(&c, 1, &v) || v > 5) return AIS_LINE_MALFORMED;
        s->fill = (uint8_t)v;
    }
    if (cursor_left(&c)) return AIS_LINE_MALFORMED;
    return AIS_LINE_SENTENCE;
}
