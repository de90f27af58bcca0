/* error.h - the error value returned across layers, and the process
 * exit codes that DESIGN.md fixes for the command line. */
#ifndef SW_ERROR_H
#define SW_ERROR_H
#include <stdarg.h>

enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1,   /* findings or validation errors */
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,      /* the input could not be read */
};

typedef enum {
    SW_OK = 0,
    SW_ERR_IO,        /* could not read or write */
    SW_ERR_PARSE,     /* malformed input */
    SW_ERR_INVALID,   /* well-formed but fails validation */
    SW_ERR_NOMEM,
    SW_ERR_DB,
    SW_ERR_USAGE,
    SW_ERR_LIMIT,     /* a configured bound was reached */
} sw_code;

typedef struct sw_error {
    sw_code code;
    char msg[512];
} sw_error;

/* Sets err (if non-NULL) and returns code, so `return sw_fail(err, ...)` reads well. */
sw_code sw_fail(sw_error *err, sw_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *sw_code_name(sw_code code);

#endif
