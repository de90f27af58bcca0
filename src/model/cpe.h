/* cpe.h - CPE 2.3 formatted-string names (NISTIR 7695, section 6.2):
 * "cpe:2.3:" then part and ten attribute values, with backslash escapes. */
#ifndef SW_CPE_H
#define SW_CPE_H
#include <stdbool.h>
#include <stddef.h>

enum { CPE_PART, CPE_VENDOR, CPE_PRODUCT, CPE_VERSION, CPE_UPDATE, CPE_EDITION, CPE_LANGUAGE,
       CPE_SW_EDITION, CPE_TARGET_SW, CPE_TARGET_HW, CPE_OTHER, CPE__COUNT };

/* True when s is a well-formed CPE 2.3 formatted string. Otherwise sets
 * why (may be NULL) to a short explanation naming the offending part. */
bool cpe23_valid(const char *s, char *why, size_t why_len);
/* Copies attribute `which` (CPE_VENDOR ...) of a valid name into buf,
 * still escaped as written; false when s is invalid or buf too small. */
bool cpe23_attribute(const char *s, int which, char *buf, size_t buf_len);
const char *cpe23_attribute_name(int which);

#endif
