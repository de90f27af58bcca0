/* report_html.h - what the reports' HTML writers share: escaping for text
 * and attribute values, and money as a board reads it (12.3M, 450k). */
#ifndef SW_REPORT_HTML_H
#define SW_REPORT_HTML_H
#include <stddef.h>
#include "core/strbuf.h"

/* Appends s escaped for HTML text and attribute values (NULL appends nothing). */
void html_esc(strbuf *out, const char *s);
/* "12.35M", "450k", "980": three significant figures at most above 1000. */
void report_money(char *buf, size_t n, double v);

#endif
