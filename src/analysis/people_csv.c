/* people_csv.c - the CSV reader of people_csv.h: one record a line,
 * header mapped by name, fields unquoted into the caller's arena. */
#include "analysis/people_csv.h"
#include <string.h>
#include "core/cursor.h"

#define PCSV_MAX_LINE_FIELDS 64

typedef struct raw_field { const uint8_t *p; size_t n; bool quoted; } raw_field;

/* Splits one line (without its newline) into fields; NULL or the problem. */
static const char *split(cursor *line, raw_field *out, size_t *n_out, size_t *col_out)
{
    size_t n = 0;
    for (;;) {
        if (n == PCSV_MAX_LINE_FIELDS) return "more than 64 fields";
        raw_field *f = &out[n++];
        *col_out = line->pos + 1;
        if (cursor_peek_u8(line, 0) == '"' && cursor_left(line)) {
            cursor_u8(line);
            f->p = cursor_ptr(line);
            f->quoted = true;
            size_t k = 0;
            for (;;) {
                if (k >= cursor_left(line)) return "unterminated quoted field";
                if (cursor_peek_u8(line, k) == '"') {
                    if (k + 1 < cursor_left(line) && cursor_peek_u8(line, k + 1) == '"') { k += 2; continue; }
                    break;
                }
                k++;
            }
            f->n = k;
            cursor_skip(line, k + 1);
            if (cursor_left(line) && cursor_peek_u8(line, 0) != ',') return "text after a closing quote";
        } else {
            f->p = cursor_ptr(line);
            f->quoted = false;
            size_t k = 0;
            while (k < cursor_left(line) && cursor_peek_u8(line, k) != ',') {
                if (cursor_peek_u8(line, k) == '"') return "a quote inside an unquoted field";
                k++;
            }
            f->n = k;
            cursor_skip(line, k);
        }
        if (!cursor_left(line)) break;
        cursor_u8(line);                          /* the comma */
    }
    *n_out = n;
    return NULL;
}

/* The field's text, unquoted and trimmed, in mem; NULL when empty. */
static const char *field_text(arena *mem, const raw_field *f, bool *bad)
{
    size_t lo = 0, hi = f->n;
    while (!f->quoted && lo < hi && (f->p[lo] == ' ' || f->p[lo] == '\t')) lo++;
    while (!f->quoted && hi > lo && (f->p[hi - 1] == ' ' || f->p[hi - 1] == '\t')) hi--;
    if (hi == lo) return NULL;
    char *s = arena_alloc(mem, hi - lo + 1);
    if (!s) { *bad = true; return NULL; }
    size_t n = 0;
    for (size_t i = lo; i < hi; i++) {
        if (f->p[i] == '\0') { *bad = true; return NULL; }
        s[n++] = (char)f->p[i];
        if (f->quoted && f->p[i] == '"') i++;    /* "" inside quotes */
    }
    s[n] = '\0';
    return s;
}

bool pcsv_read(arena *mem, const char *data, size_t len, const char *const *cols, size_t n_cols, size_t required,
               pcsv_row_fn row, void *ctx, diag_list *d)
{
    cursor c = cursor_make(data, len);
    unsigned line_no = 0;
    int map[PCSV_MAX_LINE_FIELDS];
    bool have_header = false, ok = true;
    size_t header_fields = 0;
    raw_field f[PCSV_MAX_LINE_FIELDS];
    while (cursor_left(&c)) {
        line_no++;
        size_t n = 0;
        while (n < cursor_left(&c) && cursor_peek_u8(&c, n) != '\n') n++;
        cursor line = cursor_sub(&c, n);
        if (cursor_left(&c)) cursor_u8(&c);
        if (line.len && line.data[line.len - 1] == '\r') line.len--;
        if (line_no == 1 && line.len >= 3 && !memcmp(line.data, "\xEF\xBB\xBF", 3)) line.pos = 3;   /* BOM */
        size_t blank = line.pos;
        while (blank < line.len && (line.data[blank] == ' ' || line.data[blank] == '\t')) blank++;
        if (blank == line.len || line.data[blank] == '#') continue;
        size_t nf = 0, col = 1;
        const char *why = split(&line, f, &nf, &col);
        if (why) { diag_add(d, DIAG_ERROR, line_no, (unsigned)col, "%s", why); ok = false; continue; }
        if (!have_header) {
            have_header = true;
            header_fields = nf;
            bool seen[PCSV_MAX_COLS] = { false };
            for (size_t i = 0; i < nf; i++) {
                map[i] = -1;
                for (size_t k = 0; k < n_cols; k++)
                    if (f[i].n == strlen(cols[k]) && !memcmp(f[i].p, cols[k], f[i].n)) {
                        if (seen[k]) { diag_add(d, DIAG_ERROR, line_no, 0, "column '%s' named twice", cols[k]); ok = false; }
                        seen[k] = true;
                        map[i] = (int)k;
                    }
                if (map[i] < 0) {
                    diag_add(d, DIAG_ERROR, line_no, 0, "unknown column '%.*s' (known: see docs/compliance.md)",
                             (int)(f[i].n > 40 ? 40 : f[i].n), (const char *)f[i].p);
                    ok = false;
                }
            }
            for (size_t k = 0; k < required; k++)
                if (!seen[k]) { diag_add(d, DIAG_ERROR, line_no, 0, "the header lacks the column '%s'", cols[k]); ok = false; }
            if (!ok) return false;                /* without a header, every line would be an error */
            continue;
        }
        if (nf != header_fields) {
            diag_add(d, DIAG_ERROR, line_no, 0, "%zu fields where the header has %zu", nf, header_fields);
            ok = false;
            continue;
        }
        pcsv_row r = { .line = line_no };
        bool bad = false;
        for (size_t i = 0; i < nf; i++)
            if (map[i] >= 0) r.field[map[i]] = field_text(mem, &f[i], &bad);
        if (bad) { diag_add(d, DIAG_ERROR, line_no, 0, "a NUL byte or no memory"); ok = false; continue; }
        for (size_t k = 0; k < required; k++)
            if (!r.field[k]) { diag_add(d, DIAG_ERROR, line_no, 0, "'%s' is empty", cols[k]); bad = true; }
        if (bad) { ok = false; continue; }
        if (!row(ctx, &r, d)) ok = false;
    }
    if (!have_header) { diag_add(d, DIAG_ERROR, line_no ? line_no : 1, 0, "no header line"); return false; }
    return ok;
}
