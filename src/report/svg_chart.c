/* svg_chart.c - nice axes and the SVG line chart (svg_chart.h). */
#include "report/svg_chart.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "analysis/people.h"
#include "report/report_html.h"

static double nice_step(double raw, int bump)
{
    static const double steps[] = { 1, 2, 5, 10 };
    double mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    int k = 0;
    while (k < 3 && norm > steps[k] * (1 + 1e-9)) k++;
    k += bump;
    while (k > 3) { k -= 3; mag *= 10; }
    return steps[k] * mag;
}

void svg_nice_axis(double min, double max, int max_ticks, bool from_zero, svg_axis *out)
{
    if (max_ticks < 2) max_ticks = 2;
    if (max_ticks > SVG_AXIS_MAX_TICKS) max_ticks = SVG_AXIS_MAX_TICKS;
    if (!isfinite(min) || !isfinite(max) || min > max) { min = 0; max = 1; }
    if (from_zero) {
        if (min > 0) min = 0;
        if (max < 0) max = 0;
    }
    if (max == min) {
        double pad = min ? fabs(min) * 0.1 : 1;
        min -= pad;
        max += pad;
        if (from_zero && min < 0 && max - pad >= 0) min = 0;
    }
    double raw = (max - min) / max_ticks;
    for (int bump = 0;; bump++) {
        double step = nice_step(raw, bump);
        double lo = floor(min / step + 1e-9) * step, hi = ceil(max / step - 1e-9) * step;
        int n = (int)llround((hi - lo) / step);
        if (n <= max_ticks || bump > 6) {
            *out = (svg_axis){ lo, hi, step, n };
            return;
        }
    }
}

typedef struct frame { double left, top, w, h; int32_t d0, d1; svg_axis y; } frame;

static double px_x(const frame *f, int32_t day)
{
    if (f->d1 <= f->d0) return f->left + f->w / 2;
    return f->left + f->w * (double)(day - f->d0) / (double)(f->d1 - f->d0);
}

static double px_y(const frame *f, double v)
{
    return f->top + f->h * (1 - (v - f->y.lo) / (f->y.hi - f->y.lo));
}

void svg_line_chart(strbuf *out, const svg_chart *c, const svg_series *s, size_t n_series)
{
    size_t points = 0;
    double ymin = INFINITY, ymax = -INFINITY;
    int32_t dmin = INT32_MAX, dmax = INT32_MIN;
    for (size_t k = 0; k < n_series; k++)
        for (size_t i = 0; i < s[k].n; i++) {
            if (!isfinite(s[k].y[i])) continue;
            points++;
            if (s[k].y[i] < ymin) ymin = s[k].y[i];
            if (s[k].y[i] > ymax) ymax = s[k].y[i];
            if (s[k].day[i] < dmin) dmin = s[k].day[i];
            if (s[k].day[i] > dmax) dmax = s[k].day[i];
        }
    strbuf_printf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
                  c->width, c->height, c->width, c->height);
    html_esc(out, c->title);
    strbuf_puts(out, "\"><title>");
    html_esc(out, c->title);
    strbuf_puts(out, "</title>");
    frame f = { 64, 10, c->width - 64 - 14, c->height - 10 - 44, c->day_from, c->day_to, { 0, 0, 0, 0 } };
    if (f.d0 >= f.d1) { f.d0 = points ? dmin : 0; f.d1 = points ? dmax : 0; }
    svg_nice_axis(points ? ymin : 0, points ? ymax : 1, 5, true, &f.y);
    strbuf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#b0bec5\"/>", f.left, f.top, f.w, f.h);
    if (!points) {
        strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"#546e7a\">", f.left + f.w / 2, f.top + f.h / 2);
        html_esc(out, c->empty_text ? c->empty_text : "No data");
        strbuf_puts(out, "</text></svg>");
        return;
    }
    for (int t = 0; t <= f.y.n_ticks; t++) {
        double v = f.y.lo + t * f.y.step, y = px_y(&f, v);
        char m[32];
        report_money(m, sizeof m, fabs(v) < f.y.step * 1e-6 ? 0 : v);
        strbuf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eceff1\"/>", f.left, y, f.left + f.w, y);
        strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\" fill=\"#37474f\">%s</text>", f.left - 4, y + 3, m);
    }
    /* Date ticks: the ends, and at most three evenly between them. */
    int n_dt = f.d1 > f.d0 ? (f.d1 - f.d0 >= 4 ? 4 : f.d1 - f.d0) : 0;
    for (int t = 0; t <= n_dt; t++) {
        int32_t day = n_dt ? f.d0 + (int32_t)((int64_t)(f.d1 - f.d0) * t / n_dt) : f.d0;
        char d[11];
        ppl_fmt_day(day, d);
        double x = px_x(&f, day);
        /* The end labels keep inside the frame. */
        const char *anchor = n_dt && t == 0 ? "start" : n_dt && t == n_dt ? "end" : "middle";
        strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"10\" fill=\"#37474f\">%s</text>", x, f.top + f.h + 13, anchor, d);
    }
    double lx = f.left;
    for (size_t k = 0; k < n_series; k++) {
        const char *col = s[k].colour ? s[k].colour : "#1565c0";
        if (s[k].n) {
            strbuf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", col, s[k].dashed ? " stroke-dasharray=\"5 3\"" : "");
            const char *sep = "";
            for (size_t i = 0; i < s[k].n; i++)
                if (isfinite(s[k].y[i])) {
                    strbuf_printf(out, "%s%.1f,%.1f", sep, px_x(&f, s[k].day[i]), px_y(&f, s[k].y[i]));
                    sep = " ";
                }
            strbuf_puts(out, "\"/>");
            for (size_t i = 0; i < s[k].n; i++)
                if (isfinite(s[k].y[i])) strbuf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", px_x(&f, s[k].day[i]), px_y(&f, s[k].y[i]), col);
        }
        double ly = f.top + f.h + 32;
        strbuf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>", lx, ly - 4, lx + 18, ly - 4, col,
                      s[k].dashed ? " stroke-dasharray=\"5 3\"" : "");
        strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#263238\">", lx + 22, ly);
        html_esc(out, s[k].name);
        strbuf_puts(out, "</text>");
        lx += 30 + 6.0 * (double)(s[k].name ? strlen(s[k].name) : 0);
    }
    strbuf_puts(out, "</svg>");
}
