/* intel.h - threat-intelligence indicators: their types and normal forms,
 * and the match table the CLI builds once from the store (bounded, no
 * allocation per lookup) for the SW-INTEL-* rules (intel_match.c). */
#ifndef SW_DETECT_INTEL_H
#define SW_DETECT_INTEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "detect/detect.h"

typedef enum detect_ioc_type { IOC_DOMAIN, IOC_IPV4, IOC_IPV6, IOC_URL, IOC__COUNT } detect_ioc_type;

/* STIX 2.1 object type names: "domain-name", "ipv4-addr", "ipv6-addr", "url". */
const char *detect_ioc_type_name(detect_ioc_type t);
bool detect_ioc_type_parse(const char *s, detect_ioc_type *out);

#define DETECT_IOC_MAX 2048      /* longest normal form, NUL included */

/* Normal forms, so the importer, the store and the matcher agree:
 * - domain: lower case, no trailing dot, a leading "*." dropped (subdomains
 *   match anyway); labels of letters, digits, '-' and '_', 1-63 bytes, at
 *   least two labels, 253 bytes at most;
 * - address: "192.0.2.1" or a network "10.0.0.0/8" (host bits must be
 *   clear; a /32 or /128 is written as the bare address); *type is set to
 *   IOC_IPV4 or IOC_IPV6;
 * - url: "scheme://host[:port]/path[?query]" with scheme and host in lower
 *   case, the default port dropped and an empty path written "/".
 * Returns false with *why set when the text is not one. */
bool detect_ioc_normalise(detect_ioc_type *type, const char *in, size_t n, char out[DETECT_IOC_MAX],
                          const char **why);

typedef struct detect_indicator {
    detect_ioc_type type;
    const char *value;           /* normal form */
    const char *source;          /* the feed it came from */
    const char *name;            /* STIX name, or NULL */
    const char *description;     /* not kept by the match table */
    const char *ref;             /* STIX id, or NULL; not kept by the match table */
    sw_time_us valid_from, valid_until;   /* 0: unbounded */
} detect_indicator;

typedef struct detect_intel detect_intel;

/* Room for `capacity` indicators; NULL when out of memory. */
detect_intel *detect_intel_create(size_t capacity);
void detect_intel_destroy(detect_intel *t);
/* Copies the indicator in. False when the table is full, the value is not
 * in normal form, or memory runs out (*why says which). */
bool detect_intel_add(detect_intel *t, const detect_indicator *ind, const char **why);
size_t detect_intel_count(const detect_intel *t);
size_t detect_intel_memory(const detect_intel *t);

/* Lookups valid at `ts`. A domain indicator matches the name and every
 * subdomain; addresses match the longest prefix holding them; a URL
 * matches "http://" + host + path exactly (host lower-cased here). */
const detect_indicator *detect_intel_match_domain(const detect_intel *t, const char *name, sw_time_us ts);
const detect_indicator *detect_intel_match_addr(const detect_intel *t, const ip_addr *a, sw_time_us ts);
const detect_indicator *detect_intel_match_url(const detect_intel *t, const char *host, const char *path,
                                               sw_time_us ts);

/* Hands the engine a table (it must outlive the engine); NULL turns the
 * SW-INTEL-* rules off. */
void detect_set_intel(detect_engine *e, const detect_intel *t);

#endif
