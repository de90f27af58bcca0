/* geo.c - great-circle and planar geometry on WGS 84 positions (see geo.h). */
#include <math.h>
#include "core/geo.h"

#define DEG2RAD (M_PI / 180.0)
#define RAD2DEG (180.0 / M_PI)

double geo_distance_m(geo_point a, geo_point b)
{
    double p1 = a.lat * DEG2RAD, p2 = b.lat * DEG2RAD;
    double dp = (b.lat - a.lat) * DEG2RAD, dl = (b.lon - a.lon) * DEG2RAD;
    double s = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    if (s > 1) s = 1;
    return 2 * GEO_EARTH_RADIUS_M * asin(sqrt(s));
}

double geo_bearing_deg(geo_point a, geo_point b)
{
    double p1 = a.lat * DEG2RAD, p2 = b.lat * DEG2RAD, dl = (b.lon - a.lon) * DEG2RAD;
    double y = sin(dl) * cos(p2);
    double x = cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl);
    double d = atan2(y, x) * RAD2DEG;
    return d < 0 ? d + 360.0 : d;
}

geo_point geo_destination(geo_point p, double bearing_deg, double dist_m)
{
    double d = dist_m / GEO_EARTH_RADIUS_M, t = bearing_deg * DEG2RAD;
    double p1 = p.lat * DEG2RAD, l1 = p.lon * DEG2RAD;
    double p2 = asin(sin(p1) * cos(d) + cos(p1) * sin(d) * cos(t));
    double l2 = l1 + atan2(sin(t) * sin(d) * cos(p1), cos(d) - sin(p1) * sin(p2));
    geo_point r = { p2 * RAD2DEG, fmod(l2 * RAD2DEG + 540.0, 360.0) - 180.0 };
    return r;
}

double geo_segment_distance_m(geo_point p, geo_point a, geo_point b)
{
    /* Metres east and north of p. */
    double ky = GEO_EARTH_RADIUS_M * DEG2RAD, kx = ky * cos(p.lat * DEG2RAD);
    double ax = (a.lon - p.lon) * kx, ay = (a.lat - p.lat) * ky;
    double bx = (b.lon - p.lon) * kx, by = (b.lat - p.lat) * ky;
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    double cx = ax + t * dx, cy = ay + t * dy;
    return sqrt(cx * cx + cy * cy);
}

geo_bbox geo_bbox_of(const geo_point *pts, size_t n)
{
    geo_bbox b = { 90, 180, -90, -180 };
    for (size_t i = 0; i < n; i++) {
        if (pts[i].lat < b.min_lat) b.min_lat = pts[i].lat;
        if (pts[i].lat > b.max_lat) b.max_lat = pts[i].lat;
        if (pts[i].lon < b.min_lon) b.min_lon = pts[i].lon;
        if (pts[i].lon > b.max_lon) b.max_lon = pts[i].lon;
    }
    return b;
}

bool geo_in_polygon(const geo_point *pts, size_t n, geo_point p)
{
    bool in = false;
    if (n < 3) return false;
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const geo_point *a = &pts[i], *b = &pts[j];
        /* Half-open in latitude so a vertex on the ray is counted once. */
        if ((a->lat > p.lat) != (b->lat > p.lat)) {
            double x = a->lon + (p.lat - a->lat) * (b->lon - a->lon) / (b->lat - a->lat);
            if (p.lon < x) in = !in;
        }
    }
    return in;
}

static int orient(geo_point a, geo_point b, geo_point c)
{
    double v = (b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon);
    return (v > 0) - (v < 0);
}

static bool on_segment(geo_point a, geo_point b, geo_point c)   /* c collinear with a-b: inside it? */
{
    return fmin(a.lon, b.lon) <= c.lon && c.lon <= fmax(a.lon, b.lon) && fmin(a.lat, b.lat) <= c.lat &&
           c.lat <= fmax(a.lat, b.lat);
}

bool geo_segments_intersect(geo_point p1, geo_point p2, geo_point q1, geo_point q2)
{
    int o1 = orient(p1, p2, q1), o2 = orient(p1, p2, q2), o3 = orient(q1, q2, p1), o4 = orient(q1, q2, p2);
    if (o1 != o2 && o3 != o4) return true;
    return (o1 == 0 && on_segment(p1, p2, q1)) || (o2 == 0 && on_segment(p1, p2, q2)) ||
           (o3 == 0 && on_segment(q1, q2, p1)) || (o4 == 0 && on_segment(q1, q2, p2));
}

static bool same_point(geo_point a, geo_point b) { return a.lat == b.lat && a.lon == b.lon; }

bool geo_polygon_self_intersects(const geo_point *pts, size_t n, size_t max_points, size_t *i_out, size_t *j_out)
{
    if (n > 0 && same_point(pts[0], pts[n - 1])) n--;    /* explicitly closed ring */
    if (n < 4 || n > max_points) return false;
    for (size_t i = 0; i < n; i++) {
        geo_point a = pts[i], b = pts[(i + 1) % n];
        /* Edges i and i+1 share a vertex, and so do edge n-1 and edge 0. */
        for (size_t j = i + 2; j < n; j++) {
            if (i == 0 && j == n - 1) continue;
            if (geo_segments_intersect(a, b, pts[j], pts[(j + 1) % n])) {
                *i_out = i;
                *j_out = j;
                return true;
            }
        }
    }
    return false;
}

double geo_ring_area(const geo_point *pts, size_t n)
{
    double s = 0;
    for (size_t i = 0, j = n ? n - 1 : 0; i < n; j = i++) s += pts[j].lon * pts[i].lat - pts[i].lon * pts[j].lat;
    return s / 2;
}
