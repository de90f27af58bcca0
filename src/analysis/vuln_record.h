/* vuln_record.h - a vulnerability as Seawall keeps it, whatever format it
 * came in: the CVE id, CVSS, dates, and the applicability tree (AND/OR
 * nodes of CPE or vendor/product criteria with version ranges). Records
 * live in an arena; the tree round-trips through compact JSON for the store. */
#ifndef SW_VULN_RECORD_H
#define SW_VULN_RECORD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis/vuln_version.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/strbuf.h"

/* One criterion: a CPE 2.3 pattern, or (CVE 5 and CSAF without CPE) a
 * vendor and product name. vendor_key/product_key are the normal forms
 * the index uses (vuln_name_key). */
typedef struct vuln_criterion {
    const char *cpe;               /* NULL: matched by name */
    const char *vendor, *product;  /* as written (names), or from the CPE */
    const char *vendor_key, *product_key;
    bool family;                   /* "X family"/"X series": any product whose name starts with X */
    bool vulnerable;               /* false: the platform it must run on (NVD "vulnerable": false) */
    vuln_range range;
} vuln_criterion;

typedef struct vuln_node {
    bool and_op, negate;
    vuln_criterion *crit; size_t n_crit;
    struct vuln_node *child; size_t n_child;
} vuln_node;

typedef struct vuln_record {
    const char *cve_id;
    const char *source;            /* "cve5", "nvd", "csaf" */
    const char *advisory;          /* CSAF tracking id, else "" */
    const char *title;             /* short description or advisory title; may be NULL */
    int64_t published, modified;   /* unix seconds; 0 unknown */
    double cvss_score;             /* < 0: none */
    const char *cvss_version, *cvss_vector;
    vuln_node *config; size_t n_config;   /* the record applies when any configuration holds */
} vuln_record;

typedef struct vuln_kev {
    const char *cve_id, *vendor, *product, *name;
    int64_t date_added, due_date;  /* unix seconds (midnight UTC) */
    bool ransomware;               /* knownRansomwareCampaignUse == "Known" */
} vuln_kev;

/* The index keys: vendor "Palo Alto Networks" -> "paloaltonetworks"
 * (letters and digits only), product "SIMATIC S7-1500 CPU family (incl. ...)"
 * -> "simatic_s7-1500_cpu" (lower case, parentheses dropped, spaces as
 * underscores, a trailing family/series word dropped and reported). Also
 * used on CPE attribute values (unescaped). Returns an arena copy. */
const char *vuln_vendor_key(arena *mem, const char *vendor);
const char *vuln_product_key(arena *mem, const char *product, bool *family);

/* Fills a criterion's vendor/product (from its CPE when it has one) and
 * its keys; false when the CPE is not a valid CPE 2.3 name. */
bool vuln_criterion_keys(arena *mem, vuln_criterion *c);

/* A CPE attribute value unescaped and lower-cased into buf ("s7\-1500" ->
 * "s7-1500"); false when it does not fit. Wildcards stay as they are. */
bool vuln_cpe_unescape(const char *v, char *buf, size_t buf_len);

/* The applicability tree as compact JSON, and back (strings into mem).
 * from_json fails with err on JSON that to_json would not write. */
void vuln_config_to_json(const vuln_record *r, strbuf *out);
sw_code vuln_config_from_json(const char *json, arena *mem, vuln_record *r, sw_error *err);

/* "2016-11-18T21:59:02.033", "2022-03-03", "2021-09-14T00:00:00.000000Z",
 * "...+02:00" -> unix seconds; false when it is none of these. */
bool vuln_parse_date(const char *s, int64_t *out);

#endif
