/* ais_config.c - the AIS integrity thresholds set by name at run time
 * (`seawall ais track --set NAME=VALUE`, `seawall sense --ais-set`): one
 * table line per ais_detect_config field, with the range a value must be in. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "detect/ais_detect.h"

typedef struct ais_setting {
    const char *name;
    size_t offset;
    bool is_double;
    double min, max;                /* inclusive */
} ais_setting;

#define WHOLE(f, lo, hi) { #f, offsetof(ais_detect_config, f), false, lo, hi }
#define REAL(f, lo, hi)  { #f, offsetof(ais_detect_config, f), true, lo, hi }
#define WEEK_S 604800

/* Bounds keep every check meaningful: a factor or count of zero would
 * alarm on everything (or divide by zero), a speed of zero on every move. */
static const ais_setting settings[] = {
    WHOLE(dedup_window_s, 0, WEEK_S),
    REAL(max_speed_kn, 1, 1000),
    REAL(max_speed_hsc_kn, 1, 1000),
    REAL(max_speed_class_b_kn, 1, 1000),
    REAL(jump_slack_nm, 0, 100),
    REAL(sog_ratio, 1, 100),
    REAL(sog_margin_kn, 0, 1000),
    WHOLE(sog_min_dt_s, 1, WEEK_S),
    WHOLE(sog_max_dt_s, 1, WEEK_S),
    WHOLE(clone_window_s, 1, WEEK_S),
    WHOLE(land_reports, 1, 1000),
    REAL(dark_factor, 1, 1000),
    WHOLE(dark_min_s, 1, WEEK_S),
    REAL(dark_edge_nm, 0, 1000),
    WHOLE(jam_window_s, 1, WEEK_S),
    WHOLE(jam_min_vessels, 2, 100000),
    WHOLE(tick_s, 1, 3600),
    WHOLE(rate_window_s, 1, 86400),
    REAL(rate_factor, 1, 1000),
    REAL(station_tolerance_m, 0, 1000000),
};
#define N_SETTINGS (sizeof settings / sizeof settings[0])

static const ais_setting *setting_named(const char *name, size_t len)
{
    for (size_t i = 0; i < N_SETTINGS; i++)
        if (strlen(settings[i].name) == len && memcmp(settings[i].name, name, len) == 0) return &settings[i];
    return NULL;
}

static double setting_get(const ais_detect_config *c, const ais_setting *s)
{
    const char *p = (const char *)c + s->offset;
    if (s->is_double) return *(const double *)(const void *)p;
    return *(const uint32_t *)(const void *)p;
}

sw_code ais_detect_config_set(ais_detect_config *c, const char *assignment, sw_error *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq) return sw_fail(err, SW_ERR_USAGE, "'%s' is not NAME=VALUE", assignment);
    const ais_setting *s = setting_named(assignment, (size_t)(eq - assignment));
    if (!s) {
        char names[400] = "";
        for (size_t i = 0; i < N_SETTINGS; i++) {
            size_t have = strlen(names);
            snprintf(names + have, sizeof names - have, "%s%s", i ? ", " : "", settings[i].name);
        }
        return sw_fail(err, SW_ERR_USAGE, "no AIS threshold '%.*s' (one of: %s)", (int)(eq - assignment),
                       assignment, names);
    }
    const char *text = eq + 1;
    char *end;
    double v = strtod(text, &end);
    bool whole = !s->is_double;
    if (*text == '\0' || *end != '\0' || !isfinite(v) || (whole && v != floor(v)) || v < s->min || v > s->max)
        return sw_fail(err, SW_ERR_USAGE, "%s wants %s from %g to %g, got '%s'", s->name,
                       whole ? "a whole number" : "a number", s->min, s->max, text);
    char *p = (char *)c + s->offset;
    if (s->is_double) *(double *)(void *)p = v;
    else *(uint32_t *)(void *)p = (uint32_t)v;
    return SW_OK;
}

sw_code ais_detect_config_check(const ais_detect_config *c, sw_error *err)
{
    if (c->sog_min_dt_s > c->sog_max_dt_s)
        return sw_fail(err, SW_ERR_USAGE, "sog_min_dt_s (%u) is above sog_max_dt_s (%u)", c->sog_min_dt_s,
                       c->sog_max_dt_s);
    return SW_OK;
}

bool ais_detect_config_field(const ais_detect_config *c, size_t i, const char **name, double *value)
{
    if (i >= N_SETTINGS) return false;
    *name = settings[i].name;
    *value = setting_get(c, &settings[i]);
    return true;
}
