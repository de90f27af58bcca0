/* phys_event.c - what every physical-security feed shares: kind and field
 * names, the decoder's line handling (CR, BOM, size), mapping the raw field
 * slices a format back end found into an event, and the kind glob. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "phys/phys.h"

const char PHYS_SKIP_LINE[] = "not an event line";

static const char *const kind_names[PHYS__COUNT] = {
    [PHYS_NONE] = "ignore",
    [PHYS_GRANTED] = "granted", [PHYS_DENIED] = "denied", [PHYS_FORCED] = "forced",
    [PHYS_HELD_OPEN] = "held-open", [PHYS_TAMPER] = "tamper", [PHYS_ANTI_PASSBACK] = "anti-passback",
    [PHYS_CAMERA_ONLINE] = "camera-online", [PHYS_CAMERA_OFFLINE] = "camera-offline",
    [PHYS_VIDEO_LOSS] = "video-loss", [PHYS_CAMERA_TAMPER] = "camera-tamper", [PHYS_MOTION] = "motion",
};

static const char *const field_names[PF__COUNT] = {
    "time", "kind", "badge", "person", "door", "reader", "camera", "device",
};

const char *phys_kind_name(phys_kind k) { return k > PHYS_NONE && k < PHYS__COUNT ? kind_names[k] : NULL; }

bool phys_kind_parse(const char *s, phys_kind *out)
{
    for (int k = 0; k < PHYS__COUNT; k++)
        if (!strcmp(s, kind_names[k])) { *out = (phys_kind)k; return true; }
    return false;
}

bool phys_kind_is_video(phys_kind k) { return k >= PHYS_CAMERA_ONLINE && k <= PHYS_MOTION; }

const char *phys_field_name(phys_field f) { return f < PF__COUNT ? field_names[f] : "?"; }

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* Greedy '*' matching with one resume point: linear in practice and
 * O(pattern x text) at worst, whatever the input. */
bool phys_glob_match(const char *pattern, const char *text, size_t text_len)
{
    size_t p = 0, t = 0, star = SIZE_MAX, mark = 0, plen = strlen(pattern);
    while (t < text_len) {
        if (p < plen && pattern[p] == '*') { star = p++; mark = t; continue; }
        if (p < plen && lower((unsigned char)pattern[p]) == lower((unsigned char)text[t])) { p++; t++; continue; }
        if (star == SIZE_MAX) return false;
        p = star + 1;
        t = ++mark;
    }
    while (p < plen && pattern[p] == '*') p++;
    return p == plen;
}

bool phys_profile_kind(const phys_profile *p, const char *text, phys_kind *out)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < p->n_kinds; i++)
        if (phys_glob_match(p->kinds[i].pattern, text, n)) { *out = p->kinds[i].kind; return true; }
    return false;
}

void phys_decoder_init(phys_decoder *d, const phys_profile *prof, const sw_tz *tz)
{
    memset(d, 0, offsetof(phys_decoder, scratch));
    d->prof = prof;
    d->tz = tz;
    for (int f = 0; f < PF__COUNT; f++) d->column[f] = -1;
}

char *phys_scratch_reserve(phys_decoder *d, size_t n)
{
    if (n > sizeof d->scratch - d->scratch_used) return NULL;
    char *p = d->scratch + d->scratch_used;
    d->scratch_used += n;
    return p;
}

const char *phys_scratch_put(phys_decoder *d, const char *p, size_t n)
{
    char *out = phys_scratch_reserve(d, n);
    if (out && n) memcpy(out, p, n);
    return out;
}

/* Copies a value, trimmed of surrounding blanks; control characters become '?'
 * so an id can never forge a line in a report. false when it does not fit. */
static bool copy_value(char dst[PHYS_VALUE_MAX], const phys_slice *s)
{
    dst[0] = '\0';
    if (!s->set) return true;
    cursor c = cursor_make(s->p, s->n);
    size_t lo = 0, hi = s->n;
    while (lo < hi && (cursor_peek_u8(&c, lo) == ' ' || cursor_peek_u8(&c, lo) == '\t')) lo++;
    while (hi > lo && (cursor_peek_u8(&c, hi - 1) == ' ' || cursor_peek_u8(&c, hi - 1) == '\t')) hi--;
    if (hi - lo >= PHYS_VALUE_MAX) return false;
    for (size_t i = lo; i < hi; i++) {
        uint8_t b = cursor_peek_u8(&c, i);
        dst[i - lo] = (char)(b < 0x20 || b == 0x7f ? '?' : b);
    }
    dst[hi - lo] = '\0';
    return true;
}

static phys_line_result malformed(phys_decoder *d, char *why, size_t why_len, const char *fmt, const char *arg)
{
    d->stats.malformed++;
    if (why && why_len) snprintf(why, why_len, fmt, arg);
    return PHYS_LINE_MALFORMED;
}

phys_line_result phys_decode_line(phys_decoder *d, const char *line, size_t len, phys_event *ev, char *why, size_t why_len)
{
    d->line++;
    d->stats.lines++;
    d->scratch_used = 0;
    memset(ev, 0, sizeof *ev);
    ev->line = d->line;
    if (why && why_len) why[0] = '\0';
    cursor c = cursor_make(line, len);
    if (d->line == 1 && cursor_peek_u8(&c, 0) == 0xEF && cursor_peek_u8(&c, 1) == 0xBB && cursor_peek_u8(&c, 2) == 0xBF) {
        line += 3;
        len -= 3;
        c = cursor_make(line, len);
    }
    while (len && (cursor_peek_u8(&c, len - 1) == '\r' || cursor_peek_u8(&c, len - 1) == '\n')) len--;
    if (len > PHYS_LINE_MAX) return malformed(d, why, why_len, "line longer than %s bytes", "8192");
    size_t blank = 0;
    while (blank < len && (cursor_peek_u8(&c, blank) == ' ' || cursor_peek_u8(&c, blank) == '\t')) blank++;
    if (blank == len) { d->stats.skipped++; return PHYS_LINE_SKIP; }
    if (memchr(line, '\0', len)) return malformed(d, why, why_len, "%s", "NUL byte in the line");

    phys_slice raw[PF__COUNT];
    memset(raw, 0, sizeof raw);
    sw_time_us hdr_time = 0;
    bool has_hdr_time = false;
    const char *err;
    switch (d->prof->format) {
    case PHYS_FMT_CSV: err = phys_csv_fields(d, line, len, raw); break;
    case PHYS_FMT_JSONL: err = phys_jsonl_fields(d, line, len, raw); break;
    default: err = phys_syslog_fields(d, line, len, raw, &hdr_time, &has_hdr_time); break;
    }
    if (err == PHYS_SKIP_LINE) { d->stats.skipped++; return PHYS_LINE_SKIP; }
    if (err) return malformed(d, why, why_len, "%s", err);
    for (int f = 0; f < PF__COUNT; f++)
        if (!copy_value(ev->value[f], &raw[f])) return malformed(d, why, why_len, "%s value longer than 95 bytes", phys_field_name((phys_field)f));

    if (!ev->value[PF_KIND][0]) return malformed(d, why, why_len, "no event kind ('%s' is missing or empty)", d->prof->field[PF_KIND]);
    phys_kind k;
    if (!phys_profile_kind(d->prof, ev->value[PF_KIND], &k) || k == PHYS_NONE) {
        d->stats.unmapped++;
        if (why && why_len) snprintf(why, why_len, "%s", ev->value[PF_KIND]);
        return PHYS_LINE_UNMAPPED;
    }
    if (raw[PF_TIME].set) {
        if (!phys_time_parse(d->prof, d->tz, d->year_hint, raw[PF_TIME].p, raw[PF_TIME].n, &ev->ts))
            return malformed(d, why, why_len, "time '%s' does not match the profile's time format", ev->value[PF_TIME]);
    } else if (has_hdr_time) {
        ev->ts = hdr_time;
    } else {
        return malformed(d, why, why_len, "no time ('%s' is missing)", d->prof->field[PF_TIME]);
    }
    ev->kind = k;
    int y, mo, dd;
    tz_civil_from_days((ev->ts >= 0 ? ev->ts : ev->ts - 86399999999) / INT64_C(86400000000), &y, &mo, &dd);
    d->year_hint = y;   /* RFC 3164 lines that follow take this year */
    d->stats.events++;
    d->stats.by_kind[k]++;
    return PHYS_LINE_EVENT;
}
