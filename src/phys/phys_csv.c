/* phys_csv.c - CSV exports (RFC 4180 quoting, any one-character delimiter):
 * the header line maps the profile's column names to positions; without a
 * header the profile names columns as #1, #2, ... A quoted field cannot
 * span lines (exports put one event on a line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/cursor.h"
#include "phys/phys.h"

#define CSV_MAX_COLUMNS 256

/* The next field as a slice; quoted fields are unescaped into scratch.
 * Returns NULL or the problem. */
static const char *next_field(phys_decoder *d, cursor *c, char delim, phys_slice *out)
{
    out->set = true;
    while (cursor_peek_u8(c, 0) == ' ' && delim != ' ') cursor_u8(c);
    if (cursor_peek_u8(c, 0) != '"') {
        const char *start = (const char *)cursor_ptr(c);
        size_t n = 0;
        while (n < cursor_left(c) && cursor_peek_u8(c, n) != (uint8_t)delim) {
            if (cursor_peek_u8(c, n) == '"') return "a quote inside an unquoted field";
            n++;
        }
        cursor_skip(c, n);
        out->p = start;
        out->n = n;
        return NULL;
    }
    cursor_u8(c);
    size_t cap = cursor_left(c);
    char *dst = phys_scratch_reserve(d, cap);
    if (!dst) return "line too long to unquote";
    size_t n = 0;
    for (;;) {
        if (!cursor_left(c)) return "unterminated quoted field";
        uint8_t b = cursor_u8(c);
        if (b == '"') {
            if (cursor_peek_u8(c, 0) == '"') { cursor_u8(c); dst[n++] = '"'; continue; }
            break;
        }
        dst[n++] = (char)b;
    }
    while (cursor_peek_u8(c, 0) == ' ' && delim != ' ') cursor_u8(c);
    if (cursor_left(c) && cursor_peek_u8(c, 0) != (uint8_t)delim) return "text after a closing quote";
    d->scratch_used -= cap - n;   /* the last reservation: give back the rest */
    out->p = dst;
    out->n = n;
    return NULL;
}

static bool same_name(const phys_slice *s, const char *name)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi && (s->p[lo] == ' ' || s->p[lo] == '\t')) lo++;
    while (hi > lo && (s->p[hi - 1] == ' ' || s->p[hi - 1] == '\t')) hi--;
    if (strlen(name) != hi - lo) return false;
    for (size_t i = lo; i < hi; i++) {
        char a = s->p[i], b = name[i - lo];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
        if (a != b) return false;
    }
    return true;
}

static const char *read_header(phys_decoder *d, cursor *c)
{
    const phys_profile *p = d->prof;
    for (int col = 0;; col++) {
        phys_slice s;
        const char *err = next_field(d, c, p->delimiter, &s);
        if (err) return err;
        for (int f = 0; f < PF__COUNT; f++)
            if (p->field[f][0] && d->column[f] < 0 && same_name(&s, p->field[f])) d->column[f] = col;
        if (!cursor_left(c)) break;
        cursor_u8(c);
        if (col >= CSV_MAX_COLUMNS) return "more than 256 columns";
    }
    for (int f = 0; f < PF__COUNT; f++)
        if ((f == PF_TIME || f == PF_KIND) && d->column[f] < 0) {
            for (int g = 0; g < PF__COUNT; g++) d->column[g] = -1;
            snprintf(d->reason, sizeof d->reason, "header has no '%.60s' column for the %s", p->field[f], phys_field_name((phys_field)f));
            return d->reason;
        }
    d->header_done = true;
    return PHYS_SKIP_LINE;
}

static void numbered_columns(phys_decoder *d)
{
    for (int f = 0; f < PF__COUNT; f++) {
        const char *s = d->prof->field[f];
        if (s[0] == '#' && s[1] >= '1' && s[1] <= '9') {
            long v = strtol(s + 1, NULL, 10);
            if (v >= 1 && v <= CSV_MAX_COLUMNS) d->column[f] = (int)v - 1;
        }
    }
    d->header_done = true;
}

const char *phys_csv_fields(phys_decoder *d, const char *line, size_t len, phys_slice out[PF__COUNT])
{
    cursor c = cursor_make(line, len);
    if (!d->header_done) {
        if (d->prof->header) return read_header(d, &c);
        numbered_columns(d);
    }
    int last = -1;
    for (int f = 0; f < PF__COUNT; f++)
        if (d->column[f] > last) last = d->column[f];
    for (int col = 0; col <= last; col++) {
        phys_slice s;
        const char *err = next_field(d, &c, d->prof->delimiter, &s);
        if (err) return err;
        for (int f = 0; f < PF__COUNT; f++)
            if (d->column[f] == col) out[f] = s;
        if (col < last) {
            if (!cursor_left(&c)) break;   /* short row: the missing fields stay unset */
            cursor_u8(&c);
        }
    }
    /* Check the rest of the row for quoting errors too: a broken row is reported, not half-read. */
    while (cursor_left(&c)) {
        cursor_u8(&c);
        phys_slice s;
        const char *err = next_field(d, &c, d->prof->delimiter, &s);
        if (err) return err;
    }
    return NULL;
}
