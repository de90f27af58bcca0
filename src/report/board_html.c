/* board_html.c - the board report's HTML (board.h): two A4 pages at most,
 * in business terms, with the trend drawn by svg_chart. Long lists are cut
 * to what fits, and the cut says how many more there are. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "analysis/people.h"
#include "report/board.h"
#include "report/report_html.h"
#include "report/svg_chart.h"

#define TOP_RISKS 5
#define MAX_CONTROLS 7
#define MAX_KEVS 5
#define MAX_INCIDENTS 5
#define MAX_DRILLS 3

void board_init(board_report *b)
{
    memset(b, 0, sizeof *b);
    arena_init(&b->mem, 16 * 1024);
}

void board_free(board_report *b)
{
    arena_free(&b->mem);
    memset(b, 0, sizeof *b);
}

void board_note(board_report *b, const char *fmt, ...)
{
    if (b->n_notes == sizeof b->notes / sizeof b->notes[0]) return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    b->notes[b->n_notes] = arena_strdup(&b->mem, buf);
    if (b->notes[b->n_notes]) b->n_notes++;
}

static const char css[] =
    "@page{size:A4;margin:11mm 12mm}\n"
    "*{box-sizing:border-box}\n"
    "body{font:9.5pt/1.35 'DejaVu Sans',Arial,sans-serif;color:#1b2631;margin:0;max-width:186mm}\n"
    "h1{font-size:15pt;margin:0 0 1mm}h2{font-size:11.5pt;margin:4mm 0 1.5mm;border-bottom:1.5px solid #1565c0;padding-bottom:.5mm}\n"
    ".sub{color:#455a64;margin:0 0 2mm}\n"
    ".kpis{display:flex;gap:2.5mm;margin:1mm 0 2mm}.kpi{flex:1;border:1px solid #cfd8dc;border-radius:2mm;padding:1.5mm 2.5mm}\n"
    ".kpi b{display:block;font-size:13pt}.kpi span{color:#546e7a;font-size:8pt}\n"
    "table{border-collapse:collapse;width:100%;font-size:8.5pt}th,td{text-align:left;padding:.7mm 1.5mm;border-bottom:1px solid #eceff1;vertical-align:top}\n"
    "th{background:#eef3f8;font-weight:bold}td.n,th.n{text-align:right;white-space:nowrap}\n"
    ".tag{display:inline-block;padding:0 1.5mm;border-radius:1mm;font-size:8pt;font-weight:bold;color:#fff;white-space:nowrap}\n"
    "td.d{white-space:nowrap}\n"
    ".met,.done,.low,.within{background:#2e7d32}.partial,.in-progress,.medium{background:#ef6c00}.notmet,.over,.high,.critical,.none{background:#c62828}"
    ".planned{background:#607d8b}\n"
    "tr,.kpis,.chart{break-inside:avoid}.more{color:#546e7a;font-size:8pt;margin:.5mm 0}.notes{color:#546e7a;font-size:7.5pt;margin-top:3mm}\n"
    "p{margin:1.2mm 0}.chart{display:block;width:100%;height:auto;max-height:44mm}\n"
    "@media print{body{max-width:none}h2{break-after:avoid}}\n";

static void money_cell(strbuf *o, double v)
{
    char m[32];
    report_money(m, sizeof m, v);
    strbuf_printf(o, "<td class=\"n\">%s</td>", m);
}

static void tag(strbuf *o, const char *cls, const char *text)
{
    strbuf_puts(o, "<span class=\"tag ");
    html_esc(o, cls);
    strbuf_puts(o, "\">");
    html_esc(o, text);
    strbuf_puts(o, "</span>");
}

static void text_cell(strbuf *o, const char *s)
{
    strbuf_puts(o, "<td>");
    html_esc(o, s && *s ? s : "-");
    strbuf_puts(o, "</td>");
}

static void day_text(char d[11], int32_t day)
{
    if (day) ppl_fmt_day(day, d);
    else snprintf(d, 11, "-");
}

static void kpi(strbuf *o, const char *value, const char *label)
{
    strbuf_puts(o, "<div class=\"kpi\"><b>");
    html_esc(o, value);
    strbuf_puts(o, "</b><span>");
    html_esc(o, label);
    strbuf_puts(o, "</span></div>");
}

static void posture(strbuf *o, const board_report *b)
{
    char v[64], l[128], m[32];
    strbuf_puts(o, "<div class=\"section\"><h2>1. Risk posture and trend</h2><div class=\"kpis\">");
    report_money(m, sizeof m, b->residual_eal);
    snprintf(v, sizeof v, "%s %s", m, b->currency);
    kpi(o, v, "expected annual loss (residual EAL)");
    report_money(m, sizeof m, b->residual_p90);
    snprintf(v, sizeof v, "%s %s", m, b->currency);
    kpi(o, v, "a bad year (P90 of annual loss)");
    report_money(m, sizeof m, b->inherent_eal);
    snprintf(v, sizeof v, "%s %s", m, b->currency);
    kpi(o, v, "EAL without any controls (inherent)");
    snprintf(v, sizeof v, "%zu of %zu", b->over_appetite, b->n_risks);
    snprintf(l, sizeof l, "risks over appetite (%s)", b->appetite_level ? b->appetite_level : "-");
    kpi(o, v, l);
    strbuf_puts(o, "</div>");

    /* The trend over the period, from the recorded snapshots. */
    size_t first = b->n_trend, last = 0, n = 0;
    for (size_t i = 0; i < b->n_trend; i++)
        if (b->trend[i].day >= b->from && b->trend[i].day <= b->today) {
            if (first == b->n_trend) first = i;
            last = i;
            n++;
        }
    int32_t days[64];
    double res[64], inh[64];
    size_t k = 0;
    /* At most 64 points drawn: the latest ones of the period. */
    for (size_t i = n > 64 ? last + 1 - 64 : first; n && i <= last && k < 64; i++) {
        days[k] = b->trend[i].day;
        res[k] = b->trend[i].residual_eal;
        inh[k] = b->trend[i].inherent_eal;
        k++;
    }
    if (n >= 2) {
        double a = b->trend[first].residual_eal, z = b->trend[last].residual_eal;
        char ma[32], mz[32], d0[11], d1[11];
        report_money(ma, sizeof ma, a);
        report_money(mz, sizeof mz, z);
        ppl_fmt_day(b->trend[first].day, d0);
        ppl_fmt_day(b->trend[last].day, d1);
        double pct = a > 0 ? 100 * (z - a) / a : 0;
        strbuf_printf(o, "<p>Residual expected annual loss went from <b>%s</b> (%s) to <b>%s</b> (%s): <b>%s%.1f%%</b> over the period.</p>", ma, d0, mz,
                      d1, pct > 0 ? "+" : "", pct);
    } else {
        strbuf_printf(o, "<p>%s snapshot%s of the register recorded in the period: the trend needs two (<code>seawall risk --record</code>).</p>",
                      n ? "One" : "No", n == 1 ? "" : "s");
    }
    svg_series s[2] = {
        { "residual EAL", "#1565c0", days, res, k, false },
        { "inherent EAL", "#90a4ae", days, inh, k, true },
    };
    svg_chart c = { 700, 150, "Expected annual loss over the period", "No snapshots recorded in the period", b->from, b->today };
    svg_line_chart(o, &c, s, 2);
    strbuf_puts(o, "</div>");
}

static void top_risks(strbuf *o, const board_report *b)
{
    strbuf_printf(o, "<div class=\"section\"><h2>2. Top risks</h2><table><tr><th>Risk</th><th class=\"n\">TEU/h stopped</th>"
                     "<th class=\"n\">Vessel delay h / event</th><th class=\"n\">EAL %s</th><th class=\"n\">P90 %s</th><th>Level</th><th>Owner, due</th></tr>",
                  b->currency, b->currency);
    for (size_t i = 0; i < b->n_risk_rows && i < TOP_RISKS; i++) {
        const board_risk *r = &b->risks[i];
        strbuf_puts(o, "<tr><td><b>");
        html_esc(o, r->id);
        strbuf_puts(o, "</b> ");
        html_esc(o, r->title);
        strbuf_puts(o, "</td>");
        if (r->teu_per_hour > 0 || r->vessel_delay_hours > 0)
            strbuf_printf(o, "<td class=\"n\">%.0f</td><td class=\"n\">%.1f</td>", r->teu_per_hour, r->vessel_delay_hours);
        else
            strbuf_puts(o, "<td class=\"n\">-</td><td class=\"n\">-</td>");
        money_cell(o, r->residual_eal);
        money_cell(o, r->residual_p90);
        strbuf_puts(o, "<td>");
        tag(o, r->level ? r->level : "low", r->level ? r->level : "-");
        strbuf_puts(o, " ");
        tag(o, r->within_appetite ? "within" : "over", r->within_appetite ? "within" : "over appetite");
        strbuf_puts(o, "</td><td>");
        html_esc(o, r->owner ? r->owner : "-");
        strbuf_puts(o, ", ");
        html_esc(o, r->due ? r->due : "-");
        strbuf_puts(o, "</td></tr>");
    }
    strbuf_puts(o, "</table>");
    if (b->n_risk_rows > TOP_RISKS) strbuf_printf(o, "<p class=\"more\">%zu more risks in the register (seawall risk).</p>", b->n_risk_rows - TOP_RISKS);
    strbuf_puts(o, "</div>");
}

static void being_done(strbuf *o, const board_report *b)
{
    strbuf_puts(o, "<div class=\"section\"><h2>3. What is being done</h2>");
    if (!b->have_programme) {
        strbuf_puts(o, "<p>No investment programme adopted yet (<code>seawall plan --budget AMOUNT --adopt</code>).</p>");
    } else {
        char c0[32], c1[32], e0[32], e1[32], e2[32];
        report_money(c0, sizeof c0, b->cost_done);
        report_money(c1, sizeof c1, b->cost_total);
        report_money(e0, sizeof e0, b->eal_without_programme);
        report_money(e1, sizeof e1, b->eal_now);
        report_money(e2, sizeof e2, b->eal_when_complete);
        strbuf_printf(o, "<p>Investment programme: <b>%zu of %zu controls done</b>, %zu in progress, %zu planned; %s of %s %s spent on done "
                         "controls (<b>%.0f%%</b> by cost). Expected annual loss %s without the programme, <b>%s now</b>, %s when complete.</p>",
                      b->n_done, b->n_controls, b->n_in_progress, b->n_planned, c0, c1, b->currency, b->pct_done_by_cost, e0, e1, e2);
        strbuf_printf(o, "<table><tr><th>Control</th><th>Status</th><th class=\"n\">Cost %s</th><th>Started</th><th>Done</th></tr>", b->currency);
        for (size_t i = 0; i < b->n_controls && i < MAX_CONTROLS; i++) {
            const board_control *c = &b->controls[i];
            char d0[11], d1[11];
            day_text(d0, c->started);
            day_text(d1, c->done);
            strbuf_puts(o, "<tr><td><b>");
            html_esc(o, c->id);
            strbuf_puts(o, "</b> ");
            html_esc(o, c->title);
            strbuf_puts(o, "</td><td>");
            tag(o, c->status, c->status);
            strbuf_puts(o, "</td>");
            money_cell(o, c->cost);
            strbuf_printf(o, "<td class=\"d\">%s</td><td class=\"d\">%s</td></tr>", d0, d1);
        }
        strbuf_puts(o, "</table>");
        if (b->n_controls > MAX_CONTROLS) strbuf_printf(o, "<p class=\"more\">%zu more controls (seawall plan progress).</p>", b->n_controls - MAX_CONTROLS);
    }
    if (!b->have_vulns) {
        strbuf_puts(o, "<p>No vulnerability data imported (<code>seawall vulns import</code>): known-exploited vulnerabilities cannot be reported.</p>");
    } else {
        size_t cnt[4] = { 0, 0, 0, 0 };
        static const char *const kinds[4] = { "done", "in-progress", "planned", "none" };
        for (size_t i = 0; i < b->n_kevs; i++)
            for (int k = 0; k < 4; k++)
                if (!strcmp(b->kevs[i].remediation, kinds[k])) cnt[k]++;
        strbuf_printf(o, "<p>Known exploited vulnerabilities (CISA KEV) on port assets: <b>%zu</b>; remediated by a done control %zu, "
                         "in progress %zu, planned %zu, <b>no remedy adopted %zu</b>.</p>",
                      b->n_kevs, cnt[0], cnt[1], cnt[2], cnt[3]);
        if (b->n_kevs) {
            strbuf_puts(o, "<table><tr><th>CVE</th><th>Asset</th><th>Reachable</th><th>Remediation</th></tr>");
            for (size_t i = 0; i < b->n_kevs && i < MAX_KEVS; i++) {
                const board_kev *k = &b->kevs[i];
                strbuf_puts(o, "<tr>");
                text_cell(o, k->cve);
                text_cell(o, k->asset);
                strbuf_printf(o, "<td>%s</td><td>", k->reachable ? "from an entry point" : "no");
                tag(o, k->remediation, k->remediation);
                if (k->control) {
                    strbuf_puts(o, " by ");
                    html_esc(o, k->control);
                }
                strbuf_puts(o, "</td></tr>");
            }
            strbuf_puts(o, "</table>");
            if (b->n_kevs > MAX_KEVS) strbuf_printf(o, "<p class=\"more\">%zu more (seawall vulns).</p>", b->n_kevs - MAX_KEVS);
        }
    }
    strbuf_puts(o, "</div>");
}

static void compliance(strbuf *o, const board_report *b)
{
    strbuf_puts(o, "<div class=\"section\"><h2>4. Compliance against regulatory deadlines</h2>");
    if (!b->have_compliance) {
        strbuf_puts(o, "<p>No compliance evaluation available (see the notes).</p></div>");
        return;
    }
    strbuf_puts(o, "<table><tr><th>Framework</th><th>Status</th><th class=\"n\">Met</th><th class=\"n\">Partial</th><th class=\"n\">Not met</th>"
                   "<th class=\"n\">Unassessed</th><th class=\"n\">Applicable</th><th>Next deadline</th><th class=\"n\">Overdue</th></tr>");
    for (size_t i = 0; i < b->n_fws; i++) {
        const board_framework *f = &b->fws[i];
        strbuf_puts(o, "<tr>");
        text_cell(o, f->name ? f->name : f->id);
        strbuf_puts(o, "<td>");
        tag(o, !strcmp(f->status, "met") ? "met" : !strcmp(f->status, "partial") ? "partial" : "notmet", f->status);
        strbuf_printf(o, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td>",
                      (long long)f->met, (long long)f->partial, (long long)f->not_met, (long long)f->unassessed, (long long)f->applicable);
        if (f->next_deadline[0]) {
            html_esc(o, f->next_deadline);
            strbuf_puts(o, " (");
            html_esc(o, f->next_item);
            strbuf_puts(o, ")");
        } else
            strbuf_puts(o, "-");
        strbuf_printf(o, "</td><td class=\"n\">%lld</td></tr>", (long long)f->overdue);
    }
    strbuf_puts(o, "</table></div>");
}

static void incidents(strbuf *o, const board_report *b)
{
    char d0[11], d1[11];
    ppl_fmt_day(b->from, d0);
    ppl_fmt_day(b->today, d1);
    strbuf_printf(o, "<div class=\"section\"><h2>5. Incidents and drills, %s to %s</h2>", d0, d1);
    strbuf_printf(o, "<p><b>%zu incident%s</b> in the period, %zu still open.</p>", b->n_incidents, b->n_incidents == 1 ? "" : "s", b->incidents_open);
    if (b->n_incidents) {
        strbuf_puts(o, "<table><tr><th>#</th><th>Incident</th><th>Severity</th><th>State</th><th>Detected</th></tr>");
        for (size_t i = 0; i < b->n_incidents && i < MAX_INCIDENTS; i++) {
            const board_incident *x = &b->incidents[i];
            char d[11];
            ppl_fmt_day(ppl_day_of_us(x->detected), d);
            strbuf_printf(o, "<tr><td>%lld</td>", (long long)x->id);
            text_cell(o, x->title);
            strbuf_puts(o, "<td>");
            tag(o, x->severity, x->severity);
            strbuf_puts(o, "</td>");
            text_cell(o, x->state);
            strbuf_printf(o, "<td class=\"d\">%s</td></tr>", d);
        }
        strbuf_puts(o, "</table>");
        if (b->n_incidents > MAX_INCIDENTS) strbuf_printf(o, "<p class=\"more\">%zu more (seawall incidents).</p>", b->n_incidents - MAX_INCIDENTS);
    }
    if (!b->have_drills)
        strbuf_puts(o, "<p>No drills file (drills.csv) beside the port model and no drill run in seawall drill.</p>");
    else {
        size_t ex = 0;
        for (size_t i = 0; i < b->n_drills; i++) ex += b->drills[i].kind && !strcmp(b->drills[i].kind, "exercise");
        strbuf_printf(o, "<p><b>%zu drill%s and %zu exercise%s</b> held in the period, %zu of them run and scored in Seawall.</p>",
                      b->n_drills - ex, b->n_drills - ex == 1 ? "" : "s", ex, ex == 1 ? "" : "s", b->n_seawall_drills);
        if (b->n_drills) {
            strbuf_puts(o, "<table><tr><th>Date</th><th>Kind</th><th>Drill</th><th>Findings</th></tr>");
            for (size_t i = 0; i < b->n_drills && i < MAX_DRILLS; i++) {
                const board_drill *d = &b->drills[i];
                char day[11];
                ppl_fmt_day(d->day, day);
                strbuf_printf(o, "<tr><td class=\"d\">%s</td>", day);
                text_cell(o, d->kind);
                text_cell(o, d->title);
                text_cell(o, d->findings);
                strbuf_puts(o, "</tr>");
            }
            strbuf_puts(o, "</table>");
            if (b->n_drills > MAX_DRILLS) strbuf_printf(o, "<p class=\"more\">%zu more (drills.csv, seawall drill list).</p>", b->n_drills - MAX_DRILLS);
        }
    }
    strbuf_puts(o, "</div>");
}

void board_write_html(strbuf *o, const board_report *b)
{
    char d0[11], d1[11];
    ppl_fmt_day(b->from, d0);
    ppl_fmt_day(b->today, d1);
    strbuf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                   "<title>Board report: ");
    html_esc(o, b->port);
    strbuf_printf(o, ", %s</title><style>%s</style></head><body>\n<h1>", d1, css);
    html_esc(o, b->port);
    strbuf_printf(o, ": security risk report to the board</h1><p class=\"sub\">As of %s; period %s to %s (%d days). IT, OT and physical security; "
                     "money in %s.</p>\n",
                  d1, d0, d1, b->period_days, b->currency);
    posture(o, b);
    top_risks(o, b);
    being_done(o, b);
    compliance(o, b);
    incidents(o, b);
    strbuf_puts(o, "<p class=\"notes\">Figures: expected annual loss and P90 from Seawall's Monte Carlo of the risk register (seawall risk); residual "
                   "risk credits only controls of the programme that are done. TEU/h and vessel-delay hours from the business impact of losing the "
                   "risk's target. Compliance from seawall comply; see docs/report.md.");
    for (size_t i = 0; i < b->n_notes; i++) {
        strbuf_puts(o, " ");
        html_esc(o, b->notes[i]);
    }
    strbuf_puts(o, "</p>\n</body></html>\n");
}
