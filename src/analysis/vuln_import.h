/* vuln_import.h - reading vulnerability files: CVE JSON 5 records (one, or
 * an array of them), NVD CVE API 2.0 responses, the CISA KEV catalog and
 * CSAF 2.0 advisories, told apart by their content. Pure: bytes in,
 * records out. A file is all or nothing: the first problem fails it with
 * where (line:col for JSON syntax, a JSON pointer otherwise) and what. */
#ifndef SW_VULN_IMPORT_H
#define SW_VULN_IMPORT_H
#include <stddef.h>
#include "analysis/vuln_record.h"
#include "core/arena.h"
#include "core/error.h"

typedef enum { VF_CVE5, VF_NVD, VF_KEV, VF_CSAF } vuln_format;
const char *vuln_format_name(vuln_format f);   /* "cve5", "nvd", "kev", "csaf" */

typedef struct vuln_doc {
    vuln_format format;
    vuln_record *records; size_t n_records;
    vuln_kev *kev; size_t n_kev;
    size_t skipped;                /* rejected or reserved CVE records, CSAF vulnerabilities without a CVE */
    const char *label;             /* catalog version or advisory id, for messages; may be NULL */
} vuln_doc;

/* Parses data into doc; every string and array lives in mem (the caller
 * frees the arena). On failure doc is unusable and err says what. */
sw_code vuln_import_parse(const char *data, size_t len, arena *mem, vuln_doc *doc, sw_error *err);

#endif
