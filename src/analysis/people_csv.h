/* people_csv.h - the small CSV reader the people and culture files share:
 * RFC 4180 quoting (a quoted field cannot span lines), a header naming the
 * columns, '#' comment lines and blank lines skipped, every field copied
 * into an arena. Reads through the byte cursor. */
#ifndef SW_PEOPLE_CSV_H
#define SW_PEOPLE_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/diag.h"

#define PCSV_MAX_COLS 16

typedef struct pcsv_row {
    unsigned line;
    const char *field[PCSV_MAX_COLS];   /* by the caller's column order; NULL when empty or absent */
} pcsv_row;

/* Calls row() for each data line with fields arranged as `cols` names
 * them (the header may order them any way; `required` of them must be
 * present). Problems go to d with their line. row() returns false to
 * reject the line (it reports why). Returns false when anything was wrong. */
typedef bool (*pcsv_row_fn)(void *ctx, const pcsv_row *r, diag_list *d);
bool pcsv_read(arena *mem, const char *data, size_t len, const char *const *cols, size_t n_cols, size_t required,
               pcsv_row_fn row, void *ctx, diag_list *d);

#endif
