/* svg_chart.h - line charts as inline SVG for the reports: "nice" axis
 * ticks (1, 2 or 5 times a power of ten) covering the data, a time axis in
 * days, one polyline and point markers per series, a legend, and a plain
 * statement when there is nothing to draw. Pure: values in, text out. */
#ifndef SW_SVG_CHART_H
#define SW_SVG_CHART_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/strbuf.h"

#define SVG_AXIS_MAX_TICKS 12

/* An axis from lo to hi in steps of step: lo and hi are multiples of step,
 * lo <= every value, hi >= every value, at most max_ticks + 1 ticks. */
typedef struct svg_axis { double lo, hi, step; int n_ticks; } svg_axis;

/* Covers [min, max]. A single value gets a range around it (0 included
 * when the value is positive, as money charts should start at zero);
 * non-finite input or min > max gives 0..1. max_ticks is 2..SVG_AXIS_MAX_TICKS. */
void svg_nice_axis(double min, double max, int max_ticks, bool from_zero, svg_axis *out);

typedef struct svg_series {
    const char *name;
    const char *colour;            /* CSS colour */
    const int32_t *day;            /* x: days since 1970-01-01 */
    const double *y;
    size_t n;
    bool dashed;
} svg_series;

typedef struct svg_chart {
    int width, height;             /* the viewBox, in CSS px */
    const char *title;             /* aria-label and <title> */
    const char *empty_text;        /* shown when no series has a point */
    int32_t day_from, day_to;      /* the x range; from >= to: the data's range */
} svg_chart;

/* Money on the y axis (report_money), dates on the x axis. */
void svg_line_chart(strbuf *out, const svg_chart *c, const svg_series *s, size_t n_series);

#endif
