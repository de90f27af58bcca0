/* intel_import.h - reading indicator files: a STIX 2.1 bundle (indicator
 * objects with STIX patterns, and domain-name/ipv4-addr/ipv6-addr/url
 * objects) or a plain list (one domain, address, network or URL a line).
 * Pure: bytes in, indicators and problems out through callbacks. */
#ifndef SW_DETECT_INTEL_IMPORT_H
#define SW_DETECT_INTEL_IMPORT_H
#include <stdbool.h>
#include <stddef.h>
#include "core/error.h"
#include "detect/intel.h"

typedef struct intel_import_sink {
    /* One indicator, value in normal form, source NULL (the caller names
     * the feed); strings live only during the call. */
    void (*indicator)(void *user, const detect_indicator *ind);
    /* A line or object that gave nothing: `where` is "line 12" or
     * "objects[3] (indicator--...)"; error false for what is valid but not
     * matchable (a file-hash pattern, a revoked indicator). */
    void (*problem)(void *user, const char *where, bool error, const char *msg);
    void *user;
} intel_import_sink;

typedef struct intel_import_stats {
    const char *format;          /* "stix" or "list" */
    size_t items;                /* lines with content, or bundle objects */
    size_t indicators;           /* handed to the sink */
    size_t errors;               /* malformed lines, objects or patterns */
    size_t unsupported;          /* valid, but nothing Seawall can match */
    size_t revoked;
} intel_import_stats;

/* Parses the whole buffer; problems in one line or object never stop the
 * rest. Fails, err saying where, only when the file as a
 * whole cannot be read (SW_ERR_PARSE): JSON that does not parse, or JSON that is not a
 * bundle, a STIX object or an array of them. */
sw_code intel_import_parse(const char *data, size_t len, const intel_import_sink *sink, intel_import_stats *st,
                           sw_error *err);

#endif
