/* cli_comply_html.c - the compliance report as one HTML file: inline CSS,
 * an inline SVG bar of the status counts per framework, every text escaped,
 * nothing loaded from anywhere (no scripts, fonts, images or links out). */
#include <stdlib.h>
#include <string.h>
#include "cli/cli_comply.h"

/* Escapes for text and attribute values alike. */
static void esc(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char *const colours[COMP_STATUS__COUNT] = { "#2e7d32", "#f9a825", "#c62828", "#9e9e9e", "#cfd8dc" };

static void status_bar(FILE *out, const comply_fw *f)
{
    int64_t total = 0;
    for (int s = 0; s < COMP_STATUS__COUNT; s++) total += f->counts[s];
    fputs("<svg class=\"bar\" width=\"600\" height=\"22\" viewBox=\"0 0 600 22\" role=\"img\" aria-label=\"status counts\">", out);
    double x = 0;
    for (int s = 0; total && s < COMP_STATUS__COUNT; s++) {
        if (!f->counts[s]) continue;
        double w = 600.0 * (double)f->counts[s] / (double)total;
        fprintf(out, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"22\" fill=\"%s\"><title>%s: %lld</title></rect>", x, w,
                colours[s], comp_status_name((comp_status)s), (long long)f->counts[s]);
        x += w;
    }
    fputs("</svg>\n", out);
}

static void cell(FILE *out, const char *s)
{
    fputs("<td>", out);
    esc(out, s ? s : "");
    fputs("</td>", out);
}

/* A live requirement's evidence: the check, its reason, its numbers as
 * name-value pairs (the `data` of --json) and the items behind them. */
static void live_evidence(FILE *out, const comply_row *q)
{
    const comp_result *l = q->live;
    fputs("<i>", out);
    esc(out, q->check);
    fputs("</i>: ", out);
    esc(out, q->why ? q->why : "");
    const comp_check *c = comp_check_find(q->check);
    char name[48];
    if (comp_check_count_name(c, 0, name, sizeof name)) {
        fputs("<dl class=\"data\">", out);
        for (size_t i = 0; comp_check_count_name(c, i, name, sizeof name); i++) {
            fputs("<dt>", out);
            esc(out, name);
            fprintf(out, "</dt><dd>%lld</dd>", (long long)l->counts[i]);
        }
        fputs("</dl>", out);
    }
    if (l->n_items) {
        fputs("<ul class=\"items\">", out);
        for (size_t j = 0; j < l->n_items; j++) { fputs("<li>", out); esc(out, l->items[j]); fputs("</li>", out); }
        if (l->n_total > l->n_items) fprintf(out, "<li>and %zu more</li>", l->n_total - l->n_items);
        fputs("</ul>", out);
    }
}

void comply_write_html(FILE *out, const comply_report *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
          "<title>Seawall compliance report</title>\n<style>\n"
          "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #ccc}\n"
          "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}\n"
          "th{background:#f3f3f3}.met{color:#2e7d32}.partial{color:#b28704}.not-met{color:#c62828;font-weight:bold}.unassessed{color:#607d8b}\n"
          ".not-applicable{color:#757575}.counts span{margin-right:1.2em}.overdue{color:#c62828;font-weight:bold}ul.items{margin:.2em 0;padding-left:1.2em;font-size:.9em}\n"
          "dl.data{display:flex;flex-wrap:wrap;margin:.2em 0;font-size:.9em}dl.data dt{color:#555}dl.data dd{margin:0 1em 0 .3em;font-weight:bold}\n"
          ".bar{display:block;margin:.5em 0}\n</style></head><body>\n", out);
    fputs("<h1>Compliance report</h1>\n<p>As of ", out);
    esc(out, r->as_of);
    fputs(". Live checks judge what Seawall observes; the rest is the recorded assessment.</p>\n", out);
    for (size_t i = 0; i < r->fws.len; i++) {
        const comply_fw *f = &r->fws.items[i];
        fputs("<section class=\"framework\" id=\"fw-", out);
        esc(out, f->id);
        fputs("\">\n<h2>", out);
        esc(out, f->name);
        fputs("</h2>\n<p>", out);
        esc(out, f->source);
        fputs("</p>\n<p class=\"counts\">", out);
        fprintf(out, "<span>applicable: <b data-count=\"applicable\">%lld</b></span>", (long long)comply_applicable(f));
        for (int s = 0; s < COMP_STATUS__COUNT; s++)
            fprintf(out, "<span class=\"%s\">%s: <b data-count=\"%s\">%lld</b></span>", comp_status_name((comp_status)s),
                    comp_status_name((comp_status)s), comp_status_name((comp_status)s), (long long)f->counts[s]);
        fputs("</p>\n", out);
        status_bar(out, f);
        size_t n_plan = 0;
        size_t *plan = comply_plan(f, &n_plan);
        fprintf(out, "<h3>Plan of action and milestones (%zu gap%s)</h3>\n", n_plan, n_plan == 1 ? "" : "s");
        fputs("<table><tr><th>Due</th><th>Requirement</th><th>Zone</th><th>Title</th><th>Status</th><th>Owner</th><th>Why</th></tr>\n", out);
        for (size_t k = 0; plan && k < n_plan; k++) {
            const comply_row *g = &f->rows.items[plan[k]];
            fputs("<tr><td", out);
            if (g->overdue) fputs(" class=\"overdue\"", out);
            fputs(">", out);
            esc(out, g->due ? g->due : "-");
            if (g->overdue) fputs(" overdue", out);
            fputs("</td>", out);
            cell(out, g->id);
            cell(out, g->zone);
            cell(out, g->title);
            fprintf(out, "<td class=\"%s\">%s</td>", comp_status_name(g->status), comp_status_name(g->status));
            cell(out, g->owner);
            cell(out, g->why);
            fputs("</tr>\n", out);
        }
        fputs("</table>\n", out);
        free(plan);
        fputs("<h3>Requirements and evidence</h3>\n<table><tr><th>Requirement</th><th>Zone</th><th>Title</th><th>Citation</th>"
              "<th>Status</th><th>Basis</th><th>Evidence</th></tr>\n", out);
        for (size_t k = 0; k < f->rows.len; k++) {
            const comply_row *q = &f->rows.items[k];
            fputs("<tr>", out);
            cell(out, q->id);
            cell(out, q->zone);
            fputs("<td>", out);
            if (q->heading) fputs("<b>", out);
            esc(out, q->title);
            if (q->heading) fputs("</b>", out);
            fputs("</td>", out);
            cell(out, q->citation);
            fprintf(out, "<td class=\"%s\">%s</td>", comp_status_name(q->status), comp_status_name(q->status));
            cell(out, q->basis);
            fputs("<td>", out);
            if (comply_judged_live(q)) live_evidence(out, q);
            else esc(out, q->why ? q->why : "");
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n</section>\n", out);
    }
    fputs("<p>Generated by Seawall. Summaries of requirements are paraphrases; the citation is the authority.</p>\n</body></html>\n", out);
}
