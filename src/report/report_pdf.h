/* report_pdf.h - HTML to PDF through Debian's headless chromium
 * (`--headless --no-sandbox --print-to-pdf`), run as a child process in its
 * own process group with a timeout, from a temporary folder it cannot
 * outlive. Why chromium and not weasyprint: docs/report.md. */
#ifndef SW_REPORT_PDF_H
#define SW_REPORT_PDF_H
#include <stddef.h>
#include "core/error.h"

#define REPORT_PDF_TIMEOUT_S 90

/* Writes pdf_path from the HTML document. The browser is $SEAWALL_CHROMIUM
 * or `chromium` on PATH; when neither exists the error names the Debian
 * package. SW_ERR_IO for a missing browser, a failed or timed-out run, or
 * output that is not a PDF; pdf_path is then left untouched. */
sw_code report_html_to_pdf(const char *html, size_t len, const char *pdf_path, int timeout_s, sw_error *err);

#endif
