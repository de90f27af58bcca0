/* vuln_version.h - ordering product versions as advisories write them
 * ("2.9.4", "V2.9.4", "2.9.4a", "V3.0 SP1", "1.0.0-rc.1", "22.7R2.3") and
 * deciding whether a version falls in an advisory's range. Pure. */
#ifndef SW_VULN_VERSION_H
#define SW_VULN_VERSION_H
#include <stdbool.h>

/* How a match is judged: certainly not, possibly (the data cannot say), certainly. */
typedef enum { VM_NO = 0, VM_POSSIBLE = 1, VM_YES = 2 } vuln_verdict;

/* The scheme a range's bounds are written in (CVE 5 versionType). */
typedef enum { VT_GENERIC, VT_SEMVER, VT_GIT, VT_CUSTOM } vuln_version_type;
vuln_version_type vuln_version_type_parse(const char *s);   /* NULL or unknown -> VT_GENERIC */

/* <0, 0, >0 like strcmp. Numbers compare by value (leading zeros and
 * unequal lengths do not matter), a leading "v" is ignored, missing
 * trailing zero parts are equal ("1.0" == "1.0.0"), a pre-release word
 * (dev, alpha, a, beta, b, pre, preview, rc) sorts before the release and
 * any other suffix (a letter, "sp1", "update 3", "p1") after it. With
 * semver, build metadata after '+' is ignored. */
int vuln_version_cmp(const char *a, const char *b, vuln_version_type type);

/* True when the text stands for no specific version: NULL, "", "*", "-",
 * "n/a", "all versions". */
bool vuln_version_is_any(const char *v);

/* A range as NVD and CVE 5 write them. Any bound may be NULL (unbounded);
 * `exact` (when set) must equal the version. */
typedef struct vuln_range {
    const char *exact;
    const char *start; bool start_incl;
    const char *end;   bool end_incl;
    vuln_version_type type;
} vuln_range;

/* Whether `version` (the asset's) lies in r. An unknown asset version
 * ("*", "", NULL) gives VM_POSSIBLE when r constrains the version; "-"
 * (not applicable) gives VM_NO unless r is unconstrained or exact "-".
 * A git range cannot be ordered: only equality is VM_YES, the rest VM_POSSIBLE. */
vuln_verdict vuln_range_contains(const vuln_range *r, const char *version);

/* Reads a bound written in prose or as a vers: URI into r: "< V2.9.2",
 * "<= 4.1", ">= 2.0 < 3.1", "All versions < V4.5.0", "All versions",
 * "vers:generic/>=1.0|<2.0", "vers:all/" followed by a star. Bounds point into buf, which
 * receives a normalised copy. False when the text is not a range (then
 * the caller takes it as an exact version). */
bool vuln_range_parse_text(const char *text, vuln_range *r, char *buf, unsigned buf_len);

#endif
