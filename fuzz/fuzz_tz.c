/* fuzz_tz.c - hostile TZif bytes and access-window strings: tz_parse must
 * reject or accept without reading out of bounds, and any zone it accepts
 * must convert instants across the whole 64-bit-safe range to a sane
 * local time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 4096);
    sw_tz *tz = tz_parse(&a, data, size, NULL);
    static const int64_t probes[] = { -4102444800LL, -1, 0, 1767494400LL, 2147483647LL, 4102444800LL, 32503680000LL };
    for (size_t i = 0; tz && i < sizeof probes / sizeof *probes; i++) {
        tz_local lt;
        tz_local_time(tz, probes[i] * 1000000, &lt);
        if (lt.minute < 0 || lt.minute >= 1440 || lt.wday < 0 || lt.wday > 6 || lt.month < 1 || lt.month > 12 ||
            lt.day < 1 || lt.day > 31)
            abort();
    }
    arena_free(&a);
    /* The same bytes as an access window. */
    char s[256];
    size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
    memcpy(s, data, n);
    s[n] = 0;
    tz_window w;
    size_t at = 0;
    const char *why = NULL;
    if (tz_window_parse(s, &w, &at, &why)) {
        tz_local lt = { .wday = 3, .minute = 600 };
        (void)tz_window_contains(&w, &lt);
        if (w.n == 0 || w.n > TZ_WINDOW_SPANS) abort();
    } else if (at > n || !why) {
        abort();
    }
    return 0;
}
