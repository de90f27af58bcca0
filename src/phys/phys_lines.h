/* phys_lines.h - cuts a feed's bytes into lines for the decoder, in
 * whatever pieces they arrive (file reads of any size, UDP datagrams). */
#ifndef SW_PHYS_LINES_H
#define SW_PHYS_LINES_H
#include <stdbool.h>
#include <stddef.h>
#include "phys/phys.h"

/* One line, without its '\n'. `overlong`: it passed PHYS_LINE_MAX + 1
 * bytes, `line` is NULL and the rest of it up to the next newline (or the
 * end of the unit) is dropped; the caller counts it as one malformed line. */
typedef void (*phys_line_fn)(void *user, const char *line, size_t len, bool overlong);

typedef struct phys_line_cutter {
    char buf[PHYS_LINE_MAX + 1];
    size_t have;
    bool skipping;                  /* inside an overlong line, after reporting it */
} phys_line_cutter;

void phys_lines_init(phys_line_cutter *lc);
/* Feeds n bytes. `unit_end`: the bytes end a unit whose last line ends with
 * it, newline or not (a datagram, or the end of a file). */
void phys_lines_feed(phys_line_cutter *lc, const void *data, size_t n, bool unit_end, phys_line_fn fn, void *user);

#endif
