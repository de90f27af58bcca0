/* fuzz_drill_answers.c - any bytes as a drill answers file: every line
 * parses to an answer or a reason, never a crash; a parsed answer is well
 * formed (a known duty for notify, a person for decide, a positive task),
 * and scoring the answers keeps its counts consistent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ir/clocks.h"
#include "ir/drill.h"

#define MAX_ANSWERS 256

static bool nobody(void *ctx, const char *person, const char *role)
{
    (void)ctx;
    return person[0] == 'a' && role[0] != '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    static drill_answer a[MAX_ANSWERS];
    size_t n = 0;
    const sw_time_us start = 1774744200000000LL;   /* 2026-03-29T00:30:00Z */
    char why[256];
    for (char *line = text, *next; line && n < MAX_ANSWERS; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        why[0] = '\0';
        int r = drill_parse_script_line(line, start, &a[n], why, sizeof why);
        if (r < 0 && !why[0]) abort();
        if (r != 1) continue;
        const drill_answer *x = &a[n];
        if (memchr(x->what, '\0', sizeof x->what) == NULL || memchr(x->by, '\0', sizeof x->by) == NULL) abort();
        if (x->verb == DRILL_NOTIFY && !ir_duty_by_id(x->what)) abort();
        if (x->verb == DRILL_DECIDE && (!x->what[0] || !x->by[0])) abort();
        if (x->verb == DRILL_DETECT && !x->what[0]) abort();
        if (x->verb == DRILL_TASK && x->task <= 0) abort();
        n++;
    }
    const char *targets[] = { "plc-1", "SW-ICS-CPU-STOP" };
    const char *j[] = { "eu-nis2", "us-cg", "isps" };
    drill_facts f = { start, start + 4 * 3600 * SW_US_PER_SEC, targets, 2 };
    drill_rules r;
    drill_rules_default(&r);
    static drill_score s;
    drill_score_compute(NULL, j, 3, &f, &r, a, n, nobody, NULL, &s);
    if (s.points > (double)s.scored || s.missed > s.scored || s.scored > s.n || s.n > DRILL_MAX_ITEMS) abort();
    free(text);
    return 0;
}
