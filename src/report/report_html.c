/* report_html.c - HTML escaping and money formatting for the reports
 * (report_html.h). */
#include "report/report_html.h"
#include <math.h>
#include <stdio.h>

void html_esc(strbuf *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': strbuf_puts(out, "&lt;"); break;
        case '>': strbuf_puts(out, "&gt;"); break;
        case '&': strbuf_puts(out, "&amp;"); break;
        case '"': strbuf_puts(out, "&quot;"); break;
        case '\'': strbuf_puts(out, "&#39;"); break;
        default: strbuf_putc(out, *s);
        }
    }
}

void report_money(char *buf, size_t n, double v)
{
    double a = fabs(v);
    if (a >= 1e9) snprintf(buf, n, "%.2fbn", v / 1e9);
    else if (a >= 1e6) snprintf(buf, n, "%.2fM", v / 1e6);
    else if (a >= 1e3) snprintf(buf, n, "%.0fk", v / 1e3);
    else snprintf(buf, n, "%.0f", v);
}
