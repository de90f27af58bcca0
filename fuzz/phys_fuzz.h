/* phys_fuzz.h - the shared driver for the physical-security feed targets:
 * the input is cut into lines and decoded with a profile; every line must
 * come back as an event, a skip, an unmapped kind or a malformed line with
 * a reason, the counts must add up, and events must hold clean values. */
#ifndef SW_PHYS_FUZZ_H
#define SW_PHYS_FUZZ_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "phys/phys.h"

static phys_decoder phys_fuzz_dec;

static inline void phys_fuzz_check_event(const phys_event *ev)
{
    if (ev->kind <= PHYS_NONE || ev->kind >= PHYS__COUNT || !phys_kind_name(ev->kind)) abort();
    for (int f = 0; f < PF__COUNT; f++) {
        size_t n = strnlen(ev->value[f], PHYS_VALUE_MAX);
        if (n == PHYS_VALUE_MAX) abort();
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)ev->value[f][i] < 0x20) abort();
    }
}

static inline void phys_fuzz_run(const char *profile_text, const uint8_t *data, size_t size, const sw_tz *tz)
{
    static phys_profile prof;
    static int loaded;
    if (!loaded) {
        unsigned line;
        char why[200];
        if (!phys_profile_parse(profile_text, strlen(profile_text), &prof, &line, why, sizeof why)) abort();
        loaded = 1;
    }
    phys_decoder_init(&phys_fuzz_dec, &prof, tz);
    size_t start = 0;
    uint64_t lines = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n') continue;
        if (i == size && start == size) break;
        phys_event ev;
        char why[200];
        phys_line_result r = phys_decode_line(&phys_fuzz_dec, (const char *)data + start, i - start, &ev, why, sizeof why);
        lines++;
        if (ev.line != lines) abort();
        if (r == PHYS_LINE_EVENT) phys_fuzz_check_event(&ev);
        if (r == PHYS_LINE_MALFORMED && !why[0]) abort();
        start = i + 1;
    }
    const phys_stats *st = &phys_fuzz_dec.stats;
    if (st->lines != lines || st->events + st->malformed + st->unmapped + st->skipped != st->lines) abort();
}

#endif
