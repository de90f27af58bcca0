/* cli_drill_run.c - `seawall drill run`: plays a scenario's injects on a
 * simulated clock, takes the team's answers from a prompt (stamped with
 * the simulated time when typed) or an answers file, scores them against
 * the playbook the scenario maps to, prints and stores the drill. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli_drill.h"
#include "cli/cli_incident.h"
#include "cli/cli_model.h"
#include "cli/cli_store.h"
#include "core/json.h"
#include "ir/playbook_check.h"
#include "store/store_drills.h"

#define DRILL_MAX_ANSWERS 512
#define DRILL_LEAD (60 * SW_US_PER_SEC)   /* the clock opens a minute before the first inject */

void drill_fmt_offset(sw_time_us d, char out[32])
{
    int64_t s = (d < 0 ? -d : d) / SW_US_PER_SEC;
    snprintf(out, 32, "%s+%lld:%02lld:%02lld", d < 0 ? "-" : "", (long long)(s / 3600), (long long)(s % 3600 / 60), (long long)(s % 60));
}

static bool role_of(void *ctx, const char *person, const char *role)
{
    const model_person *p = model_person_by_id(ctx, person);
    return p && person_active(p) && person_has_role(p, role);
}

typedef struct play {
    const cli_command *cmd;
    const port_model *m;
    const playbook *pb;
    drill_scenario sc;
    sw_time_us clock_start, end;
    drill_answer a[DRILL_MAX_ANSWERS];
    size_t n;
    size_t shown;                 /* injects printed so far */
    FILE *tx;                     /* the transcript: stdout, or stderr under --json */
} play;

/* Beyond the grammar: the decision is the playbook's, the person is in the model. */
static bool answer_valid(const play *p, const drill_answer *a, char *why, size_t size)
{
    if (a->verb == DRILL_DECIDE && !playbook_decision(p->pb, a->what)) {
        int at = snprintf(why, size, "playbook %s has no decision '%.60s'; it has:", p->pb->id, a->what);
        for (size_t i = 0; i < p->pb->n_decisions && at > 0 && (size_t)at < size; i++)
            at += snprintf(why + at, size - (size_t)at, " %s", p->pb->decisions[i].id);
        return false;
    }
    if (a->by[0] && !model_person_by_id(p->m, a->by)) { snprintf(why, size, "no person '%.60s' in the port model", a->by); return false; }
    if (a->at > p->end) { snprintf(why, size, "after the drill ended"); return false; }
    return true;
}

static void show_injects_until(play *p, sw_time_us t)
{
    for (; p->shown < p->sc.n_injects && p->sc.injects[p->shown].t <= t; p->shown++) {
        char off[32];
        drill_fmt_offset(p->sc.injects[p->shown].t - p->clock_start, off);
        fprintf(p->tx, "[%s] INJECT %s\n", off, p->sc.injects[p->shown].text);
    }
    fflush(p->tx);
}

static void echo_answer(const play *p, const drill_answer *a, const char *line)
{
    char off[32];
    drill_fmt_offset(a->at - p->clock_start, off);
    fprintf(p->tx, "[%s] TEAM   %s\n", off, line);
}

static int by_at(const void *x, const void *y)
{
    const drill_answer *a = x, *b = y;
    return a->at < b->at ? -1 : a->at > b->at;
}

static int scripted(play *p, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "seawall %s: cannot read %s: %s\n", p->cmd->name, path, strerror(errno)); return EXIT_INPUT; }
    char line[1024], why[512];
    int lineno = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (p->n == DRILL_MAX_ANSWERS) { fprintf(stderr, "%s:%d: more than %d answers\n", path, lineno, DRILL_MAX_ANSWERS); bad++; break; }
        int r = drill_parse_script_line(line, p->clock_start, &p->a[p->n], why, sizeof why);
        if (r == 1 && !answer_valid(p, &p->a[p->n], why, sizeof why)) r = -1;
        if (r < 0) { fprintf(stderr, "%s:%d: %s\n", path, lineno, why); bad++; }
        if (r == 1) p->n++;
    }
    fclose(f);
    if (bad) return EXIT_FINDINGS;
    /* A stable sort keeps same-time answers in file order. */
    for (size_t i = 1; i < p->n; i++)
        for (size_t j = i; j > 0 && by_at(&p->a[j - 1], &p->a[j]) > 0; j--) {
            drill_answer t = p->a[j];
            p->a[j] = p->a[j - 1];
            p->a[j - 1] = t;
        }
    for (size_t i = 0; i < p->n; i++) {
        show_injects_until(p, p->a[i].at);
        char text[256];
        const drill_answer *a = &p->a[i];
        if (a->verb == DRILL_TASK) snprintf(text, sizeof text, "task done %d", a->task);
        else snprintf(text, sizeof text, "%s %s%s%s", a->verb == DRILL_DETECT ? "detect" : a->verb == DRILL_DECIDE ? "decide" : "notify",
                      a->what, a->by[0] ? " by " : "", a->by);
        echo_answer(p, a, text);
    }
    show_injects_until(p, p->end);
    return EXIT_OK;
}

/* The prompt: the simulated clock runs at speed x wall time; injects print
 * when it passes them; each line is stamped with the clock as it is read. */
static int interactive(play *p, double speed)
{
    sw_time_us wall0 = time_now_us();
    char line[1024], why[512];
    size_t used = 0;
    fprintf(p->tx, "Drill clock runs at %gx. Commands: detect WHAT | decide ACTION by PERSON | notify DUTY [by PERSON] | task done N | end\n", speed);
    for (;;) {
        sw_time_us now = p->clock_start + (sw_time_us)((double)(time_now_us() - wall0) * speed);
        if (now > p->end) now = p->end;
        show_injects_until(p, now);
        if (now >= p->end) { fprintf(p->tx, "[drill time is up]\n"); break; }
        int wait_ms = -1;
        if (p->shown < p->sc.n_injects) {
            double ms = (double)(p->sc.injects[p->shown].t - now) / speed / 1000.0;
            wait_ms = ms < 1 ? 1 : ms > 60000 ? 60000 : (int)ms;
        } else {
            double ms = (double)(p->end - now) / speed / 1000.0;
            wait_ms = ms < 1 ? 1 : ms > 60000 ? 60000 : (int)ms;
        }
        struct pollfd pf = { STDIN_FILENO, POLLIN, 0 };
        int pr = poll(&pf, 1, wait_ms);
        if (pr < 0 && errno != EINTR) break;
        if (pr <= 0) continue;
        /* Read one line at a time with read(2) so poll keeps seeing what is buffered. */
        ssize_t got = read(STDIN_FILENO, line + used, sizeof line - 1 - used);
        if (got <= 0) { fprintf(p->tx, "[end of input]\n"); break; }
        used += (size_t)got;
        line[used] = '\0';
        char *nl;
        bool stop = false;
        while ((nl = strchr(line, '\n')) != NULL) {
            *nl = '\0';
            sw_time_us at = p->clock_start + (sw_time_us)((double)(time_now_us() - wall0) * speed);
            char *cmdline = line;
            while (*cmdline == ' ') cmdline++;
            if (!strcmp(cmdline, "end")) { stop = true; break; }
            if (*cmdline && p->n < DRILL_MAX_ANSWERS) {
                drill_answer *a = &p->a[p->n];
                a->at = at;
                if (drill_parse_answer(cmdline, a, why, sizeof why) && answer_valid(p, a, why, sizeof why)) {
                    echo_answer(p, a, cmdline);
                    p->n++;
                } else { fprintf(p->tx, "  not recorded: %s\n", why); fflush(p->tx); }
            }
            size_t rest = used - (size_t)(nl + 1 - line);
            memmove(line, nl + 1, rest + 1);
            used = rest;
        }
        if (stop) break;
        if (used == sizeof line - 1) { fprintf(p->tx, "  not recorded: a line longer than %zu characters\n", sizeof line - 2); used = 0; }
    }
    return EXIT_OK;
}

static void item_json(json_writer *w, const drill_item *it, sw_time_us clock_start)
{
    char t[SW_TIME_STR_MAX], off[32];
    jw_object_begin(w);
    jw_kv_string(w, "kind", it->kind);
    jw_kv_string(w, "id", it->id);
    if (it->role[0]) jw_kv_string(w, "role", it->role);
    jw_kv_string(w, "outcome", drill_outcome_name(it->outcome));
    jw_kv_string(w, "by", it->by[0] ? it->by : NULL);
    jw_kv_string(w, "due", time_fmt_rfc3339(it->due, 0, t));
    drill_fmt_offset(it->due - clock_start, off);
    jw_kv_string(w, "due_offset", off);
    jw_kv_string(w, "at", it->at ? time_fmt_rfc3339(it->at, 0, t) : NULL);
    if (it->at) {
        drill_fmt_offset(it->at - clock_start, off);
        jw_kv_string(w, "at_offset", off);
        jw_kv_int(w, "took_s", it->took / SW_US_PER_SEC);
        jw_kv_int(w, "late_s", it->at > it->due ? (it->at - it->due) / SW_US_PER_SEC : 0);
    }
    jw_kv_string(w, "note", it->note[0] ? it->note : NULL);
    jw_object_end(w);
}

/* What --kind exercise found: asked, and the gaps that kept it a drill. */
typedef struct exercise_verdict {
    bool asked;
    size_t n_gaps;
    char gaps[DRILL_MAX_ITEMS + 2][DRILL_GAP_MAX];
} exercise_verdict;

static void result_json(const play *p, const drill_score *sc, const exercise_verdict *ex, strbuf *out)
{
    json_writer w;
    char t[SW_TIME_STR_MAX];
    jw_init(&w, out);
    jw_object_begin(&w);
    jw_kv_string(&w, "scenario", p->sc.id);
    jw_kv_string(&w, "scenario_name", p->sc.name);
    jw_kv_string(&w, "kind", ex->asked && !ex->n_gaps ? "exercise" : "drill");
    if (ex->asked) {
        jw_key(&w, "exercise_gaps");
        jw_array_begin(&w);
        for (size_t i = 0; i < ex->n_gaps && i < sizeof ex->gaps / sizeof ex->gaps[0]; i++) jw_string(&w, ex->gaps[i]);
        jw_array_end(&w);
    }
    jw_kv_string(&w, "playbook", p->pb->id);
    jw_kv_string(&w, "clock_start", time_fmt_rfc3339(p->clock_start, 0, t));
    jw_kv_string(&w, "attack_start", time_fmt_rfc3339(p->sc.attack_start, 0, t));
    jw_kv_string(&w, "end", time_fmt_rfc3339(p->end, 0, t));
    jw_kv_double(&w, "points", sc->points, 1);
    jw_kv_uint(&w, "scored", sc->scored);
    jw_kv_uint(&w, "missed", sc->missed);
    jw_kv_int(&w, "percent", sc->scored ? (int64_t)lround(sc->points * 100.0 / (double)sc->scored) : 0);
    jw_kv_uint(&w, "tasks_done", sc->tasks_done);
    jw_kv_uint(&w, "tasks_total", sc->tasks_total);
    jw_kv_uint(&w, "wrong_detects", sc->wrong_detects);
    jw_kv_uint(&w, "expected_rules", p->sc.n_expected);
    jw_kv_uint(&w, "raised_expected", p->sc.raised_expected);
    jw_key(&w, "not_raised");
    jw_array_begin(&w);
    for (const char *r = p->sc.not_raised; *r;) {
        size_t n = strcspn(r, ",");
        jw_string_n(&w, r, n);
        r += n;
        while (*r == ',' || *r == ' ') r++;
    }
    jw_array_end(&w);
    jw_key(&w, "items");
    jw_array_begin(&w);
    for (size_t i = 0; i < sc->n; i++) item_json(&w, &sc->items[i], p->clock_start);
    jw_array_end(&w);
    jw_key(&w, "injects");
    jw_array_begin(&w);
    for (size_t i = 0; i < p->sc.n_injects; i++) {
        jw_object_begin(&w);
        jw_kv_string(&w, "t", time_fmt_rfc3339(p->sc.injects[i].t, 0, t));
        jw_kv_string(&w, "text", p->sc.injects[i].text);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_key(&w, "answers");
    jw_array_begin(&w);
    static const char *const verbs[] = { "detect", "decide", "notify", "task" };
    for (size_t i = 0; i < p->n; i++) {
        jw_object_begin(&w);
        jw_kv_string(&w, "t", time_fmt_rfc3339(p->a[i].at, 0, t));
        jw_kv_string(&w, "verb", verbs[p->a[i].verb]);
        if (p->a[i].verb == DRILL_TASK) jw_kv_int(&w, "task", p->a[i].task);
        else jw_kv_string(&w, "what", p->a[i].what);
        jw_kv_string(&w, "by", p->a[i].by[0] ? p->a[i].by : NULL);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_object_end(&w);
}

int drill_run(const cli_command *cmd, cli_ctx *ctx, const drill_run_opts *o)
{
    int rc;
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) return rc;
    port_model *m = cli_load_port_model(cmd, s, NULL, &rc);
    if (!m) { store_close(s); return rc; }
    static play p;                     /* large: answers and injects; one drill a process */
    memset(&p, 0, sizeof p);
    p.cmd = cmd;
    p.m = m;
    playbook *pb = NULL;
    char *pb_id = NULL;
    rc = drill_scenario_play(cmd, m, o->scenario, o->start, o->seed, &p.sc);
    if (rc == EXIT_OK) {
        pb_id = o->playbook ? strdup(o->playbook) : inc_suggest_playbook(m, p.sc.assets, p.sc.tactics);
        if (!pb_id) { fprintf(stderr, "seawall %s: no playbook matches %s's assets (%s); pass --playbook\n", cmd->name, p.sc.id, p.sc.assets); rc = EXIT_FINDINGS; }
        else if (!(pb = inc_load_playbook(cmd, pb_id, &rc))) { /* rc set */ }
    }
    if (rc != EXIT_OK) goto out;
    p.pb = pb;
    p.clock_start = p.sc.attack_start - DRILL_LEAD;
    p.end = p.clock_start + o->duration;
    char ts[SW_TIME_STR_MAX], off[32];
    p.tx = ctx->json ? stderr : stdout;
    drill_fmt_offset(o->duration, off);
    fprintf(p.tx, "Drill: %s (%s)\nPlaybook: %s - %s\nClock starts %s (+0:00:00); drill ends at %s\n", p.sc.id, p.sc.name, pb->id,
            pb->title, time_fmt_rfc3339(p.clock_start, 0, ts), off);
    fprintf(p.tx, "The sensors raised %zu of the %zu rules the scenario's ground truth expects%s%s%s.\n\n", p.sc.raised_expected,
            p.sc.n_expected, p.sc.not_raised[0] ? " (not raised, a detection gap: " : "", p.sc.not_raised,
            p.sc.not_raised[0] ? ")" : "");
    rc = o->answers ? scripted(&p, o->answers) : interactive(&p, o->speed);
    if (rc != EXIT_OK) goto out;
    if (!p.n) {
        /* A drill nobody answered exercised nothing: it must not count toward the drill requirement. */
        fprintf(stderr, "seawall %s: no answers: the drill is not recorded\n", cmd->name);
        rc = EXIT_FINDINGS;
        goto out;
    }
    drill_facts f = { p.sc.attack_start, p.end, NULL, p.sc.n_targets };
    const char *targets[DRILL_MAX_TARGETS];
    for (size_t i = 0; i < p.sc.n_targets; i++) targets[i] = p.sc.targets[i];
    f.targets = targets;
    static drill_score sc;
    drill_score_compute(pb, m->port.jurisdictions.items, m->port.jurisdictions.len, &f, &o->rules, p.a, p.n, role_of, m, &sc);
    static exercise_verdict ex;
    memset(&ex, 0, sizeof ex);
    ex.asked = o->exercise;
    if (ex.asked)
        ex.n_gaps = drill_exercise_gaps(&sc, p.a, p.n, role_of, m, "pfso", ex.gaps, sizeof ex.gaps / sizeof ex.gaps[0]);
    strbuf js;
    strbuf_init(&js);
    result_json(&p, &sc, &ex, &js);
    store_drill_rec rec = { 0, p.sc.id, pb->id, time_now_us(), p.clock_start, sc.detected_at ? sc.detected_at - p.sc.attack_start : -1,
                            sc.points, (int64_t)sc.scored, (int64_t)sc.missed, js.data, NULL };
    int64_t id = 0;
    sw_error err = { 0 };
    if (store_drill_insert(s, &rec, &id, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        rc = EXIT_INPUT;
    } else if (ctx->json) {
        printf("{\"id\":%lld,\"result\":%s}\n", (long long)id, js.data);
    } else {
        printf("\n%s %lld recorded. Score %.1f of %zu (%ld%%), %zu missed; tasks done %zu of %zu%s\n", ex.asked && !ex.n_gaps ? "Exercise" : "Drill", (long long)id, sc.points, sc.scored,
               sc.scored ? lround(sc.points * 100.0 / (double)sc.scored) : 0L, sc.missed, sc.tasks_done, sc.tasks_total,
               sc.wrong_detects ? "; some detect answers named nothing the scenario touched" : "");
        drill_print_items(js.data);
    }
    if (rc == EXIT_OK && ex.n_gaps) {
        /* Recorded all the same (the team's work is kept), but as a drill: it did not test the whole plan. */
        fprintf(stderr, "seawall %s: not an exercise, recorded as a drill: it did not test the whole plan:\n", cmd->name);
        for (size_t i = 0; i < ex.n_gaps && i < sizeof ex.gaps / sizeof ex.gaps[0]; i++) fprintf(stderr, "  - %s\n", ex.gaps[i]);
        rc = EXIT_FINDINGS;
    }
    strbuf_free(&js);
out:
    free(pb_id);
    playbook_free(pb);
    model_free(m);
    store_close(s);
    return rc;
}
