/* error.c - error values (see error.h). */
#include "core/error.h"
#include <stdio.h>

sw_code sw_fail(sw_error *err, sw_code code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *sw_code_name(sw_code code)
{
    switch (code) {
    case SW_OK: return "ok";
    case SW_ERR_IO: return "i/o error";
    case SW_ERR_PARSE: return "parse error";
    case SW_ERR_INVALID: return "invalid";
    case SW_ERR_NOMEM: return "out of memory";
    case SW_ERR_DB: return "database error";
    case SW_ERR_USAGE: return "usage error";
    case SW_ERR_LIMIT: return "limit reached";
    }
    return "error";
}
