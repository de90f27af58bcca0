/* log.c - leveled diagnostics (see log.h). */
#include "core/log.h"
#include <stdarg.h>
#include <stdio.h>

static log_level current_level = LOG_WARN;

void log_set_level(log_level lvl) { current_level = lvl; }
log_level log_get_level(void) { return current_level; }

void log_msg(log_level lvl, const char *fmt, ...)
{
    static const char *const names[] = { "error", "warning", "info", "debug" };
    if (lvl > current_level) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "seawall: %s: ", names[lvl]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
