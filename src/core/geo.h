/* geo.h - plane and sphere geometry for positions in WGS 84 degrees:
 * great-circle distance and bearing, bounding boxes, point in polygon and
 * polygon self-intersection. Pure functions: the port model, the land layer,
 * the AIS checks and the simulator all measure the sea with these. */
#ifndef SW_GEO_H
#define SW_GEO_H
#include <stdbool.h>
#include <stddef.h>

#define GEO_EARTH_RADIUS_M 6371008.8     /* IUGG mean radius */
#define GEO_M_PER_NM 1852.0

typedef struct geo_point { double lat, lon; } geo_point;
typedef struct geo_bbox { double min_lat, min_lon, max_lat, max_lon; } geo_bbox;

static inline bool geo_lat_valid(double lat) { return lat >= -90.0 && lat <= 90.0; }
static inline bool geo_lon_valid(double lon) { return lon >= -180.0 && lon <= 180.0; }

/* Great-circle distance in metres (haversine). */
double geo_distance_m(geo_point a, geo_point b);
/* Initial bearing from a to b, degrees 0..360 from true north. */
double geo_bearing_deg(geo_point a, geo_point b);
/* The point `dist_m` from p along initial bearing `bearing_deg`. */
geo_point geo_destination(geo_point p, double bearing_deg, double dist_m);
/* Distance in metres from p to the segment a-b, in a local equirectangular
 * projection around p: exact enough below a few hundred kilometres. */
double geo_segment_distance_m(geo_point p, geo_point a, geo_point b);

geo_bbox geo_bbox_of(const geo_point *pts, size_t n);
static inline bool geo_bbox_contains(const geo_bbox *b, geo_point p)
{
    return p.lat >= b->min_lat && p.lat <= b->max_lat && p.lon >= b->min_lon && p.lon <= b->max_lon;
}

/* Even-odd point-in-polygon over the ring pts[0..n) (closing edge implied;
 * a repeated first point at the end is harmless), in the lat/lon plane.
 * A ring must not cross the antimeridian. Points exactly on an edge may
 * fall either way. */
bool geo_in_polygon(const geo_point *pts, size_t n, geo_point p);

/* Whether segments p1-p2 and q1-q2 cross or touch. */
bool geo_segments_intersect(geo_point p1, geo_point p2, geo_point q1, geo_point q2);
/* Finds two non-adjacent edges of the ring that cross. Returns true and sets
 * *i, *j (edge k runs from pts[k] to pts[k+1 mod n]) when it does. Rings
 * above max_points are not checked (returns false): O(n^2). */
bool geo_polygon_self_intersects(const geo_point *pts, size_t n, size_t max_points, size_t *i, size_t *j);
/* Signed area in square degrees (> 0 counter-clockwise), for degenerate-ring checks. */
double geo_ring_area(const geo_point *pts, size_t n);

#endif
