/* drill.c - parses the team's drill answers and scores them: detection
 * against the scenario's start, each playbook decision against the role
 * the playbook requires (a wrong role is not counted), each reporting duty
 * against its regulatory clock started at the team's detection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ir/clocks.h"
#include "ir/drill.h"

#define MIN_US (60 * SW_US_PER_SEC)

void drill_rules_default(drill_rules *r)
{
    r->detect_within = 15 * MIN_US;
    r->decide_within = 60 * MIN_US;
    r->prompt_within = 60 * MIN_US;
}

const char *drill_outcome_name(drill_outcome o)
{
    static const char *const names[] = { "on-time", "late", "missed", "wrong-role", "pending" };
    return (unsigned)o < 5 ? names[o] : "?";
}

/* Splits line into at most max whitespace-separated words, in place. */
static size_t words(char *line, char **w, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save)) {
        if (n == max) return max + 1;
        w[n++] = t;
    }
    return n;
}

static bool copy_word(char *dst, size_t size, const char *src, const char *what, char *why, size_t why_size)
{
    if (strlen(src) >= size) { snprintf(why, why_size, "%s is too long (at most %zu characters)", what, size - 1); return false; }
    memcpy(dst, src, strlen(src) + 1);
    return true;
}

bool drill_parse_answer(const char *line, drill_answer *out, char *why, size_t why_size)
{
    char buf[512];
    if (strlen(line) >= sizeof buf) { snprintf(why, why_size, "the line is too long"); return false; }
    memcpy(buf, line, strlen(line) + 1);
    char *w[6];
    size_t n = words(buf, w, 5);
    sw_time_us at = out->at;
    memset(out, 0, sizeof *out);
    out->at = at;
    static const char usage[] = "say: detect WHAT | decide ACTION by PERSON | notify DUTY [by PERSON] | task done N";
    if (n == 0 || n > 5) { snprintf(why, why_size, "%s", usage); return false; }
    if (!strcmp(w[0], "detect") && n == 2) {
        out->verb = DRILL_DETECT;
        return copy_word(out->what, sizeof out->what, w[1], "what", why, why_size);
    }
    if (!strcmp(w[0], "decide") && n == 4 && !strcmp(w[2], "by")) {
        out->verb = DRILL_DECIDE;
        return copy_word(out->what, sizeof out->what, w[1], "the action", why, why_size) &&
               copy_word(out->by, sizeof out->by, w[3], "the person", why, why_size);
    }
    if (!strcmp(w[0], "notify") && (n == 2 || (n == 4 && !strcmp(w[2], "by")))) {
        out->verb = DRILL_NOTIFY;
        if (!ir_duty_by_id(w[1])) {
            snprintf(why, why_size, "no reporting duty '%.60s' (", w[1]);
            for (size_t i = 0; i < ir_n_duties; i++)
                snprintf(why + strlen(why), why_size - strlen(why), "%s%s", i ? ", " : "", ir_duties[i].id);
            snprintf(why + strlen(why), why_size - strlen(why), ")");
            return false;
        }
        return copy_word(out->what, sizeof out->what, w[1], "the duty", why, why_size) &&
               (n == 2 || copy_word(out->by, sizeof out->by, w[3], "the person", why, why_size));
    }
    if (!strcmp(w[0], "task") && n == 3 && !strcmp(w[1], "done")) {
        char *end;
        long v = strtol(w[2], &end, 10);
        if (*end || end == w[2] || v <= 0 || v > 10000) { snprintf(why, why_size, "a task number is a positive number, not '%.40s'", w[2]); return false; }
        out->verb = DRILL_TASK;
        out->task = (int)v;
        return true;
    }
    snprintf(why, why_size, "%s", usage);
    return false;
}

/* "+H:MM", "+H:MM:SS" -> microseconds; false when malformed. */
static bool parse_offset(const char *s, sw_time_us *out)
{
    long part[3];
    int n = 0;
    const char *p = s + 1;
    while (n < 3) {
        char *end;
        if (*p < '0' || *p > '9') return false;
        part[n++] = strtol(p, &end, 10);
        if (end - p > 6) return false;
        p = end;
        if (*p == '\0') break;
        if (*p++ != ':') return false;
    }
    if (*p || n < 2) return false;
    if (part[1] > 59 || (n == 3 && part[2] > 59)) return false;
    *out = ((sw_time_us)part[0] * 3600 + part[1] * 60 + (n == 3 ? part[2] : 0)) * SW_US_PER_SEC;
    return true;
}

int drill_parse_script_line(const char *line, sw_time_us clock_start, drill_answer *out, char *why, size_t why_size)
{
    while (*line == ' ' || *line == '\t') line++;
    if (!*line || *line == '#' || *line == '\n' || *line == '\r') return 0;
    size_t tl = strcspn(line, " \t");
    char stamp[48];
    if (tl >= sizeof stamp) { snprintf(why, why_size, "the time '%.20s...' is too long", line); return -1; }
    memcpy(stamp, line, tl);
    stamp[tl] = '\0';
    sw_time_us at;
    if (stamp[0] == '+') {
        sw_time_us off;
        if (!parse_offset(stamp, &off)) { snprintf(why, why_size, "'%s' is not an offset like +0:05 or +1:30:00", stamp); return -1; }
        at = clock_start + off;
    } else if (!time_parse_rfc3339(stamp, &at)) {
        snprintf(why, why_size, "a line starts with +H:MM[:SS] or an RFC 3339 time, not '%s'", stamp);
        return -1;
    }
    out->at = at;
    return drill_parse_answer(line + tl, out, why, why_size) ? 1 : -1;
}

/* --- scoring --------------------------------------------------------------- */

static drill_item *add_item(drill_score *s, const char *kind, const char *id)
{
    if (s->n == DRILL_MAX_ITEMS) return NULL;
    drill_item *it = &s->items[s->n++];
    memset(it, 0, sizeof *it);
    snprintf(it->kind, sizeof it->kind, "%s", kind);
    snprintf(it->id, sizeof it->id, "%s", id);
    return it;
}

static void judge(drill_item *it, sw_time_us end)
{
    if (it->at) it->outcome = it->at <= it->due ? DRILL_ON_TIME : DRILL_LATE;
    else if (it->outcome != DRILL_WRONG_ROLE) it->outcome = it->due <= end ? DRILL_MISSED : DRILL_PENDING;
}

static bool is_target(const drill_facts *f, const char *what)
{
    for (size_t i = 0; i < f->n_targets; i++)
        if (f->targets[i] && !strcasecmp(f->targets[i], what)) return true;
    return false;
}

typedef struct notify_ctx { const drill_answer *a; size_t n; sw_time_us from; } notify_ctx;

static const drill_answer *first_notify(const notify_ctx *c, const char *duty)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->a[i].verb == DRILL_NOTIFY && c->a[i].at >= c->from && !strcmp(c->a[i].what, duty)) return &c->a[i];
    return NULL;
}

static sw_time_us notify_met(void *ctx, const char *duty)
{
    const drill_answer *a = first_notify(ctx, duty);
    return a ? a->at : 0;
}

void drill_score_compute(const playbook *pb, const char *const *jurisdictions, size_t n_jurisdictions, const drill_facts *f,
                         const drill_rules *r, const drill_answer *a, size_t n, drill_role_fn has_role, void *role_ctx,
                         drill_score *out)
{
    memset(out, 0, sizeof *out);
    /* Detection: the first answer after the attack began that names something it touched. */
    drill_item *det = add_item(out, "detect", "detection");
    det->due = f->attack_start + r->detect_within;
    for (size_t i = 0; i < n; i++) {
        if (a[i].verb != DRILL_DETECT) continue;
        if (a[i].at >= f->attack_start && is_target(f, a[i].what)) {
            if (!det->at) {
                det->at = a[i].at;
                det->took = a[i].at - f->attack_start;
                snprintf(det->note, sizeof det->note, "named %.60s", a[i].what);
            }
        } else out->wrong_detects++;
    }
    judge(det, f->end);
    out->detected_at = det->at;
    sw_time_us reference = det->at ? det->at : f->attack_start;

    /* Decisions: the first by someone holding the role; wrong-role answers are listed, not counted. */
    for (size_t d = 0; pb && d < pb->n_decisions; d++) {
        const pb_decision *pd = &pb->decisions[d];
        drill_item *it = add_item(out, "decide", pd->id);
        if (!it) break;
        snprintf(it->role, sizeof it->role, "%s", pd->role);
        it->due = reference + r->decide_within;
        const drill_answer *wrong = NULL;
        for (size_t i = 0; i < n && !it->at; i++) {
            if (a[i].verb != DRILL_DECIDE || strcmp(a[i].what, pd->id) || a[i].at < f->attack_start) continue;
            if (has_role(role_ctx, a[i].by, pd->role)) {
                it->at = a[i].at;
                it->took = a[i].at - reference;
                snprintf(it->by, sizeof it->by, "%s", a[i].by);
            } else if (!wrong) wrong = &a[i];
        }
        if (!it->at && wrong) {
            it->outcome = DRILL_WRONG_ROLE;
            snprintf(it->by, sizeof it->by, "%s", wrong->by);
            snprintf(it->note, sizeof it->note, "decided by %.50s, who does not hold %.40s: not counted", wrong->by, pd->role);
        }
        judge(it, f->end);
    }

    /* Reporting duties: the clocks start when the team became aware. */
    if (pb) for (size_t p = 0; p < pb->n_phases; p++) out->tasks_total += pb->phases[p].n_steps;
    ir_clock c[16];
    notify_ctx nc = { a, n, f->attack_start };
    size_t nclk = ir_clocks_compute(jurisdictions, n_jurisdictions, reference, f->end, notify_met, &nc, c);
    for (size_t k = 0; k < nclk && k < 16; k++) {
        drill_item *it = add_item(out, "notify", c[k].duty->id);
        if (!it) break;
        it->due = c[k].duty->kind == IR_CLOCK_WITHOUT_DELAY ? reference + r->prompt_within : c[k].deadline;
        const drill_answer *na = first_notify(&nc, c[k].duty->id);
        if (!det->at) {
            it->outcome = DRILL_MISSED;
            snprintf(it->note, sizeof it->note, "the incident was never detected, so its clock never started");
            continue;
        }
        if (na) {
            it->at = na->at;
            it->took = na->at - reference;
            snprintf(it->by, sizeof it->by, "%s", na->by);
        }
        if (c[k].duty->kind == IR_CLOCK_WITHOUT_DELAY) snprintf(it->note, sizeof it->note, "without delay: drill allowance from detection");
        judge(it, f->end);
    }
    if (!det->at)
        for (size_t i = 0; i < out->n; i++)
            if (!strcmp(out->items[i].kind, "decide") && out->items[i].outcome == DRILL_PENDING) out->items[i].outcome = DRILL_MISSED;

    /* Tasks: distinct numbers within the playbook's steps. */
    for (size_t i = 0; i < n; i++) {
        if (a[i].verb != DRILL_TASK || a[i].task < 1 || (size_t)a[i].task > out->tasks_total) continue;
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++) dup = a[j].verb == DRILL_TASK && a[j].task == a[i].task;
        if (!dup) out->tasks_done++;
    }

    for (size_t i = 0; i < out->n; i++) {
        drill_item *it = &out->items[i];
        if (it->outcome == DRILL_PENDING) continue;
        out->scored++;
        if (it->outcome == DRILL_ON_TIME) out->points += 1.0;
        else if (it->outcome == DRILL_LATE) out->points += 0.5;
        else out->missed++;
    }
}
