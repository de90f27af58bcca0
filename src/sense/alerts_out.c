/* alerts_out.c - alerts to ECS JSON lines (--eve) and the counts the
 * summary prints; frame numbers are rebased onto the file they came from. */
#include "sense/alerts_out.h"
#include <inttypes.h>
#include <string.h>

void sense_alerts_init(sense_alerts *s, FILE *eve)
{
    memset(s, 0, sizeof *s);
    s->eve = eve;
    strbuf_init(&s->line);
}

void sense_alerts_free(sense_alerts *s) { strbuf_free(&s->line); }

void sense_alerts_source(void *user, const char *name, uint64_t before)
{
    sense_alerts *s = user;
    if (s->n_sources == SENSE_ALERT_SOURCES) {           /* keep the newest in the last slot */
        s->sources[SENSE_ALERT_SOURCES - 1].name = name;
        s->sources[SENSE_ALERT_SOURCES - 1].first_frame = before;
        return;
    }
    s->sources[s->n_sources].name = name;
    s->sources[s->n_sources].first_frame = before;
    s->n_sources++;
}

void sense_alerts_emit(void *user, const detect_alert *a)
{
    sense_alerts *s = user;
    s->total++;
    s->by_rule[a->rule]++;
    s->by_severity[a->severity]++;
    if (!s->eve) return;
    /* The input holding the first frame names the evidence; frames are its own numbers. */
    const char *pcap = NULL;
    uint64_t base = 0, frames[DETECT_MAX_FRAMES];
    if (a->n_frames)
        for (size_t i = s->n_sources; i-- > 0;)
            if (a->frames[0] > s->sources[i].first_frame) { pcap = s->sources[i].name; base = s->sources[i].first_frame; break; }
    size_t n = 0;
    for (size_t i = 0; i < a->n_frames; i++)
        if (a->frames[i] > base) frames[n++] = a->frames[i] - base;
    s->line.len = 0;
    detect_alert_render(a, pcap, frames, n, &s->line);
    strbuf_putc(&s->line, '\n');
    if (fwrite(s->line.data, 1, s->line.len, s->eve) != s->line.len) s->write_errors++;
}

void sense_alerts_print(const sense_alerts *s, FILE *out)
{
    fprintf(out, "\nalerts: %" PRIu64, s->total);
    if (s->total) {
        fputs(" (", out);
        bool first = true;
        for (int v = SEV__COUNT - 1; v >= 0; v--)
            if (s->by_severity[v]) {
                fprintf(out, "%s%" PRIu64 " %s", first ? "" : ", ", s->by_severity[v], detect_severity_name((detect_severity)v));
                first = false;
            }
        fputc(')', out);
    }
    fputc('\n', out);
    for (size_t r = 0; r < RULE__COUNT; r++)
        if (s->by_rule[r])
            fprintf(out, "  %-26s %8" PRIu64 "  %s\n", detect_rules[r].id, s->by_rule[r], detect_rules[r].name);
}

void sense_alerts_json(const sense_alerts *s, json_writer *w)
{
    jw_key(w, "alerts");
    jw_object_begin(w);
    jw_kv_uint(w, "total", s->total);
    jw_key(w, "by_severity");
    jw_object_begin(w);
    for (int v = 0; v < SEV__COUNT; v++) jw_kv_uint(w, detect_severity_name((detect_severity)v), s->by_severity[v]);
    jw_object_end(w);
    jw_key(w, "by_rule");
    jw_object_begin(w);
    for (size_t r = 0; r < RULE__COUNT; r++)
        if (s->by_rule[r]) jw_kv_uint(w, detect_rules[r].id, s->by_rule[r]);
    jw_object_end(w);
    jw_object_end(w);
}
