/* cli_incident_report.c - the post-incident report, as Markdown or HTML:
 * summary, the hash-chained timeline (verified first), detection-to-
 * containment times, decisions with who took them under which authority,
 * clocks met or missed and how late, notifications sent, business impact
 * from the impact roll-up, lessons learned and actions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/impact.h"
#include "cli/cli_incident.h"
#include "ir/incident_log.h"

typedef struct rep { FILE *f; bool html; size_t ncols; } rep;

/* Text as the format needs it: HTML-escaped, or Markdown with table pipes and newlines neutralised. */
static void put_text(rep *r, const char *s, bool cell)
{
    for (; s && *s; s++) {
        if (r->html) {
            switch (*s) {
            case '<': fputs("&lt;", r->f); break;
            case '>': fputs("&gt;", r->f); break;
            case '&': fputs("&amp;", r->f); break;
            case '"': fputs("&quot;", r->f); break;
            default: fputc(*s, r->f);
            }
        } else if (cell && *s == '|') fputs("\\|", r->f);
        else if (cell && (*s == '\n' || *s == '\r')) fputc(' ', r->f);
        else fputc(*s, r->f);
    }
}

static void heading(rep *r, int level, const char *text)
{
    if (r->html) { fprintf(r->f, "<h%d>", level); put_text(r, text, false); fprintf(r->f, "</h%d>\n", level); }
    else { fprintf(r->f, "\n%.*s ", level, "####"); put_text(r, text, false); fputs("\n\n", r->f); }
}

static void para(rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void para(rep *r, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs(r->html ? "<p>" : "", r->f);
    put_text(r, buf, false);
    fputs(r->html ? "</p>\n" : "\n\n", r->f);
}

static void table_begin(rep *r, size_t n, const char *const *headers)
{
    r->ncols = n;
    if (r->html) {
        fputs("<table>\n<tr>", r->f);
        for (size_t i = 0; i < n; i++) { fputs("<th>", r->f); put_text(r, headers[i], true); fputs("</th>", r->f); }
        fputs("</tr>\n", r->f);
        return;
    }
    for (size_t i = 0; i < n; i++) { fputs("| ", r->f); put_text(r, headers[i], true); fputc(' ', r->f); }
    fputs("|\n", r->f);
    for (size_t i = 0; i < n; i++) fputs("|---", r->f);
    fputs("|\n", r->f);
}

static void table_row(rep *r, const char *const *cells)
{
    fputs(r->html ? "<tr>" : "", r->f);
    for (size_t i = 0; i < r->ncols; i++) {
        fputs(r->html ? "<td>" : "| ", r->f);
        put_text(r, cells[i] ? cells[i] : "-", true);
        fputs(r->html ? "</td>" : " ", r->f);
    }
    fputs(r->html ? "</tr>\n" : "|\n", r->f);
}

static void table_end(rep *r) { fputs(r->html ? "</table>\n" : "\n", r->f); }

static void fmt_span(sw_time_us d, char out[48])
{
    int64_t s = (d < 0 ? -d : d) / SW_US_PER_SEC;
    if (s >= 86400) snprintf(out, 48, "%s%lldd %lldh %02lldm", d < 0 ? "-" : "", (long long)(s / 86400), (long long)(s % 86400 / 3600), (long long)(s % 3600 / 60));
    else snprintf(out, 48, "%s%lldh %02lldm", d < 0 ? "-" : "", (long long)(s / 3600), (long long)(s % 3600 / 60));
}

/* The first entry that moved the incident into state `to`. */
static const tl_entry *entered(const timeline *t, const char *to)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->e[i].kind, "state") && inc_body_str(&t->e[i], "to") && !strcmp(inc_body_str(&t->e[i], "to"), to)) return &t->e[i];
    return NULL;
}

static const tl_entry *last_of(const timeline *t, const char *kind)
{
    for (size_t i = t->n; i-- > 0;)
        if (!strcmp(t->e[i].kind, kind)) return &t->e[i];
    return NULL;
}

static void milestone(rep *r, inc_ctx *ic, const char *what, const tl_entry *e)
{
    char at[48] = "-", span[48] = "-";
    if (e) { inc_local_time(ic->m, e->ts, at); fmt_span(e->ts - ic->detected, span); }
    const char *cells[] = { what, e ? at : "not reached", e ? span : NULL, e ? e->actor : NULL };
    table_row(r, cells);
}

static void impact_section(rep *r, inc_ctx *ic, sw_time_us end)
{
    impact_graph g;
    if (!impact_graph_from_model(ic->m, &g)) { para(r, "The port model has no business-impact graph."); return; }
    uint32_t lost[256];
    size_t nl = inc_lost_assets(ic, lost, 256);
    double hours = inc_outage_hours(ic, end);
    impact_result res = { 0 };
    sw_error err = { 0 };
    if (!nl || impact_outage(&g, lost, nl, hours, &res, &err) != SW_OK) {
        para(r, "Business impact could not be computed%s%s.", err.msg[0] ? ": " : "", err.msg);
        free((void *)g.nodes);
        return;
    }
    para(r, "Over %.1f h from detection to close (the affected assets out for the whole time, the upper bound): %zu assets stopped, "
            "%.0f TEU lost, %.1f h vessel delay, cost %.0f %s%s.",
         res.hours, res.n_stopped, res.teu_lost, res.vessel_delay_hours, res.cost, ic->m->port.currency ? ic->m->port.currency : "",
         res.safety ? "; safety-relevant assets were affected" : "");
    static const char *const h[] = { "Stopped asset", "RTO", "RTO breached" };
    table_begin(r, 3, h);
    for (size_t i = 0; i < res.n_stopped; i++) {
        const impact_node *nd = &g.nodes[res.stopped[i].node];
        char rto[32] = "-";
        if (nd->rto_hours >= 0) snprintf(rto, sizeof rto, "%g h", nd->rto_hours);
        const char *cells[] = { nd->id, rto, res.stopped[i].rto_breached ? "yes" : "no" };
        table_row(r, cells);
    }
    table_end(r);
    impact_result_free(&res);
    free((void *)g.nodes);
}

int inc_report_write(inc_ctx *ic, FILE *f, bool html, sw_time_us now)
{
    timeline t = { 0 };
    int rc = inc_timeline_load(ic, &t);
    if (rc != EXIT_OK) { inc_timeline_free(&t); return rc; }
    ir_chain_walk w;
    int64_t entries = 0;
    bool found;
    sw_error err = { 0 };
    if (ir_log_verify(ic->s, ic->id, &w, &entries, &found, &err) != SW_OK) { fprintf(stderr, "seawall incident: %s\n", err.msg); inc_timeline_free(&t); return EXIT_INPUT; }
    rep r = { f, html, 0 };
    const tl_entry *closed = last_of(&t, "close");
    sw_time_us end = closed ? closed->ts : now;
    char title[640], det[48], op[48], en[48];
    snprintf(title, sizeof title, "Post-incident report: incident %lld", (long long)ic->id);
    if (html) {
        fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>", f);
        put_text(&r, title, false);
        fputs("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
              "td,th{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}</style></head><body>\n", f);
    }
    heading(&r, 1, title);
    inc_local_time(ic->m, ic->detected, det);
    inc_local_time(ic->m, ic->opened, op);
    inc_local_time(ic->m, end, en);
    heading(&r, 2, "Summary");
    para(&r, "%s. Severity %s, state %s, playbook %s%s%s. Affected assets: %s.", ic->title, ic->severity, ic->state,
         ic->playbook_id[0] ? ic->playbook_id : "none", ic->candidate[0] ? ", opened from correlation candidate " : "", ic->candidate, ic->assets);
    para(&r, "Detected %s, opened %s, %s %s (port local time, %s).", det, op, closed ? "closed" : "report made", en,
         ic->m->port.timezone ? ic->m->port.timezone : "UTC");
    if (closed) {
        para(&r, "%s", inc_body_str(closed, "summary") ? inc_body_str(closed, "summary") : "");
        if (json_is_true(json_object_get(closed->doc, "forced")))
            para(&r, "Closed by %s with open items, overriding the checks: %s", closed->actor,
                 inc_body_str(closed, "reason") ? inc_body_str(closed, "reason") : "");
    }
    heading(&r, 2, "Timeline integrity");
    if (w.broken) para(&r, "BROKEN: the hash chain breaks at entry %lld: it %s. The timeline below cannot be relied on from that entry.", (long long)w.broken_seq, w.why);
    else para(&r, "Verified: %lld entries on an intact SHA-256 hash chain, head %s.", (long long)entries, w.prev);

    heading(&r, 2, "Detection to containment");
    static const char *const mh[] = { "Milestone", "When (port local)", "After detection", "By" };
    table_begin(&r, 4, mh);
    const char *c0[] = { "detected (clocks start)", det, "0h 00m", NULL };
    table_row(&r, c0);
    milestone(&r, ic, "analysing", entered(&t, "analysing"));
    milestone(&r, ic, "containing", entered(&t, "containing"));
    milestone(&r, ic, "eradicating", entered(&t, "eradicating"));
    milestone(&r, ic, "recovering", entered(&t, "recovering"));
    milestone(&r, ic, "closed", closed);
    table_end(&r);

    heading(&r, 2, "Decisions");
    static const char *const dh[] = { "When (port local)", "Decision", "Decided by", "Authority (role)", "Why" };
    table_begin(&r, 5, dh);
    for (size_t i = 0; i < t.n; i++) {
        if (strcmp(t.e[i].kind, "decision")) continue;
        char at[48], who[256];
        inc_local_time(ic->m, t.e[i].ts, at);
        const model_person *p = model_person_by_id(ic->m, t.e[i].actor);
        snprintf(who, sizeof who, "%s%s%s%s", t.e[i].actor, p && p->name ? " (" : "", p && p->name ? p->name : "", p && p->name ? ")" : "");
        const char *cells[] = { at, inc_body_str(&t.e[i], "action"), who, inc_body_str(&t.e[i], "role"), inc_body_str(&t.e[i], "why") };
        table_row(&r, cells);
    }
    table_end(&r);
    if (ic->pb) {
        char open[1024] = "";
        for (size_t i = 0; i < ic->pb->n_decisions; i++)
            if (!inc_decision_taken(&t, ic->pb->decisions[i].id))
                snprintf(open + strlen(open), sizeof open - strlen(open), "%s%s", open[0] ? ", " : "", ic->pb->decisions[i].id);
        para(&r, "Playbook decisions not taken: %s.", open[0] ? open : "none");
    }

    heading(&r, 2, "Regulatory clocks");
    ir_clock c[16];
    size_t n = inc_clocks_of(ic, &t, end, c);
    static const char *const ch[] = { "Duty", "Agency", "Deadline (port local)", "Met (port local)", "Outcome", "Citation" };
    table_begin(&r, 6, ch);
    for (size_t i = 0; i < n; i++) {
        char dl[48], met[48] = "-", out[96];
        inc_local_time(ic->m, c[i].deadline, dl);
        if (c[i].met_at) {
            inc_local_time(ic->m, c[i].met_at, met);
            char late[48];
            fmt_span(c[i].met_at - c[i].deadline, late);
            if (c[i].duty->kind == IR_CLOCK_WITHOUT_DELAY) snprintf(out, sizeof out, "met %s after awareness (without delay)", late);
            else if (c[i].met_at <= c[i].deadline) snprintf(out, sizeof out, "met on time");
            else snprintf(out, sizeof out, "met LATE by %s", late);
        } else if (c[i].status == IR_DUTY_OVERDUE) {
            char late[48];
            fmt_span(end - c[i].deadline, late);
            snprintf(out, sizeof out, "MISSED: not sent, %s overdue", late);
        } else if (c[i].duty->kind == IR_CLOCK_WITHOUT_DELAY) snprintf(out, sizeof out, "MISSED: not sent (due without delay)");
        else snprintf(out, sizeof out, "not yet sent (due later)");
        const char *cells[] = { c[i].duty->id, c[i].duty->agency, dl, met, out, c[i].duty->citation };
        table_row(&r, cells);
    }
    table_end(&r);
    if (!n) para(&r, "The port model names no jurisdiction with reporting duties.");

    heading(&r, 2, "Notifications sent");
    static const char *const nh[] = { "When (port local)", "To", "Duty", "By", "What" };
    table_begin(&r, 5, nh);
    for (size_t i = 0; i < t.n; i++) {
        if (strcmp(t.e[i].kind, "comms")) continue;
        char at[48];
        inc_local_time(ic->m, t.e[i].ts, at);
        const char *cells[] = { at, inc_body_str(&t.e[i], "to"), inc_body_str(&t.e[i], "duty"), t.e[i].actor, inc_body_str(&t.e[i], "text") };
        table_row(&r, cells);
    }
    table_end(&r);

    heading(&r, 2, "Business impact");
    impact_section(&r, ic, end);

    heading(&r, 2, "Lessons learned and actions");
    const char *lessons = closed ? inc_body_str(closed, "lessons") : NULL;
    para(&r, "Lessons learned: %s", lessons ? lessons : "(not recorded: seawall incident close --lessons)");
    json_t *acts = closed ? json_object_get(closed->doc, "actions") : NULL;
    if (json_array_size(acts)) {
        static const char *const ah[] = { "#", "Action" };
        table_begin(&r, 2, ah);
        for (size_t i = 0; i < json_array_size(acts); i++) {
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            const char *cells[] = { num, json_string_value(json_array_get(acts, i)) };
            table_row(&r, cells);
        }
        table_end(&r);
    } else para(&r, "Actions: (none recorded: seawall incident close --actions \"A; B\")");

    heading(&r, 2, "Timeline");
    static const char *const th[] = { "#", "UTC", "Port local", "Kind", "Actor", "Entry" };
    table_begin(&r, 6, th);
    for (size_t i = 0; i < t.n; i++) {
        char seq[24], utc[SW_TIME_STR_MAX], at[48];
        snprintf(seq, sizeof seq, "%lld", (long long)t.e[i].seq);
        time_fmt_rfc3339(t.e[i].ts, 0, utc);
        inc_local_time(ic->m, t.e[i].ts, at);
        const char *cells[] = { seq, utc, at, t.e[i].kind, t.e[i].actor, t.e[i].body };
        table_row(&r, cells);
    }
    table_end(&r);
    if (html) fputs("</body></html>\n", f);
    inc_timeline_free(&t);
    return w.broken ? EXIT_FINDINGS : EXIT_OK;
}
