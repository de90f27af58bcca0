/* diag.c - positioned diagnostics (see diag.h). */
#include "core/diag.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "core/strbuf.h"

void diag_init(diag_list *d, const char *file)
{
    memset(d, 0, sizeof *d);
    d->file = file;
}

void diag_free(diag_list *d)
{
    for (size_t i = 0; i < d->len; i++) free(d->items[i].message);
    free(d->items);
    const char *file = d->file;
    diag_init(d, file);
}

void diag_add(diag_list *d, diag_severity sev, unsigned line, unsigned col, const char *fmt, ...)
{
    if (sev == DIAG_ERROR) d->errors++;
    else if (sev == DIAG_WARNING) d->warnings++;
    size_t max = d->max ? d->max : 1000;
    if (d->len >= max) { d->truncated = true; return; }
    if (d->len == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        diag *items = realloc(d->items, cap * sizeof *items);
        if (!items) { d->truncated = true; return; }
        d->items = items;
        d->cap = cap;
    }
    strbuf sb;
    strbuf_init(&sb);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    char *msg = strdup(strbuf_cstr(&sb));
    strbuf_free(&sb);
    if (!msg) { d->truncated = true; return; }
    d->items[d->len++] = (diag){ sev, line, col, msg };
}

static int diag_cmp(const void *a, const void *b)
{
    const diag *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return 0;
}

void diag_sort(diag_list *d)
{
    /* Insertion sort keeps equal positions in the order they were found. */
    for (size_t i = 1; i < d->len; i++) {
        diag t = d->items[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&d->items[j - 1], &t) > 0) { d->items[j] = d->items[j - 1]; j--; }
        d->items[j] = t;
    }
}

void diag_print(const diag_list *d, FILE *out)
{
    static const char *const names[] = { "error", "warning", "note" };
    for (size_t i = 0; i < d->len; i++) {
        const diag *g = &d->items[i];
        fprintf(out, "%s:%u:%u: %s: %s\n", d->file ? d->file : "<input>", g->line, g->col,
                names[g->severity], g->message);
    }
    if (d->truncated) fprintf(out, "%s: note: more diagnostics were suppressed\n", d->file ? d->file : "<input>");
}
