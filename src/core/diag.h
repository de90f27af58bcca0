/* diag.h - a list of diagnostics pointing at file:line:col, so loaders of
 * hand-written files (port.yaml, playbooks, catalogues) report every
 * problem at once in the form editors and compilers use. */
#ifndef SW_DIAG_H
#define SW_DIAG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

typedef struct diag {
    diag_severity severity;
    unsigned line, col;     /* 1-based; 0 when unknown */
    char *message;
} diag;

typedef struct diag_list {
    const char *file;       /* shown as given */
    diag *items;
    size_t len, cap;
    size_t errors, warnings;
    size_t max;             /* stop recording past this many (0 = 1000) */
    bool truncated;
} diag_list;

void diag_init(diag_list *d, const char *file);
void diag_free(diag_list *d);
void diag_add(diag_list *d, diag_severity sev, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Sorts by position (stable), so output follows the file. */
void diag_sort(diag_list *d);
/* "file:line:col: error: message" one a line. */
void diag_print(const diag_list *d, FILE *out);

#endif
