/* phys_lines.c - the line cutter of phys_lines.h: bytes are read through a
 * cursor, a line is buffered until its newline, and an overlong line is
 * reported once and skipped to its end, so the lines after it are intact. */
#include "phys/phys_lines.h"
#include "core/cursor.h"

void phys_lines_init(phys_line_cutter *lc)
{
    lc->have = 0;
    lc->skipping = false;
}

void phys_lines_feed(phys_line_cutter *lc, const void *data, size_t n, bool unit_end, phys_line_fn fn, void *user)
{
    cursor c = cursor_make(data, n);
    while (cursor_left(&c)) {
        uint8_t ch = cursor_u8(&c);
        if (ch == '\n') {
            if (lc->skipping) lc->skipping = false;
            else fn(user, lc->buf, lc->have, false);
            lc->have = 0;
            continue;
        }
        if (lc->skipping) continue;
        if (lc->have == sizeof lc->buf) {
            fn(user, NULL, 0, true);
            lc->skipping = true;
            lc->have = 0;
            continue;
        }
        lc->buf[lc->have++] = (char)ch;
    }
    if (unit_end) {
        if (lc->have && !lc->skipping) fn(user, lc->buf, lc->have, false);
        lc->have = 0;
        lc->skipping = false;
    }
}
