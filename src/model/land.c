/* land.c - the world land layer: parse, index by latitude band, and test
 * points with an even-odd ray cast restricted to the point's band (every
 * edge that can cross a horizontal ray through p overlaps p's band). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "model/land.h"
#include "model/data_path.h"

#define LAND_BAND_DEG 0.25
#define LAND_BANDS 720                       /* 180 / LAND_BAND_DEG */
#define LAND_MAX_FILE ((size_t)16 << 20)
#define LAND_MAX_RING 1000000

typedef struct land_edge { geo_point a, b; bool coast; } land_edge;

struct land_layer {
    land_edge *edges;
    size_t n_edges, n_rings;
    uint32_t band_start[LAND_BANDS + 1];     /* band k's edges: band_edges[band_start[k] .. band_start[k+1]) */
    uint32_t *band_edges;
};

static int band_of(double lat)
{
    int b = (int)floor((lat + 90.0) / LAND_BAND_DEG);
    return b < 0 ? 0 : b >= LAND_BANDS ? LAND_BANDS - 1 : b;
}

/* Rings are cut at the antimeridian and Antarctica is closed along the pole:
 * those edges bound the polygons but are no coast. */
static bool is_coast(geo_point a, geo_point b)
{
    if (fabs(a.lon) == 180.0 && a.lon == b.lon) return false;
    if (a.lat == -90.0 && b.lat == -90.0) return false;
    return true;
}

static bool build_index(land_layer *l)
{
    size_t total = 0;
    for (size_t i = 0; i < l->n_edges; i++) {
        const land_edge *e = &l->edges[i];
        total += (size_t)(band_of(fmax(e->a.lat, e->b.lat)) - band_of(fmin(e->a.lat, e->b.lat)) + 1);
    }
    if (total > UINT32_MAX) return false;
    l->band_edges = malloc((total ? total : 1) * sizeof *l->band_edges);
    uint32_t *fill = calloc(LAND_BANDS, sizeof *fill);
    if (!l->band_edges || !fill) { free(fill); return false; }
    memset(l->band_start, 0, sizeof l->band_start);
    for (size_t i = 0; i < l->n_edges; i++) {
        const land_edge *e = &l->edges[i];
        for (int b = band_of(fmin(e->a.lat, e->b.lat)); b <= band_of(fmax(e->a.lat, e->b.lat)); b++) l->band_start[b + 1]++;
    }
    for (int b = 0; b < LAND_BANDS; b++) l->band_start[b + 1] += l->band_start[b];
    for (size_t i = 0; i < l->n_edges; i++) {
        const land_edge *e = &l->edges[i];
        for (int b = band_of(fmin(e->a.lat, e->b.lat)); b <= band_of(fmax(e->a.lat, e->b.lat)); b++)
            l->band_edges[l->band_start[b] + fill[b]++] = (uint32_t)i;
    }
    free(fill);
    return true;
}

/* Reads one line starting at *pos into [line, line_len); false at the end. */
static bool next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *line_len)
{
    if (*pos >= len) return false;
    size_t s = *pos, e = s;
    while (e < len && data[e] != '\n') e++;
    *line = data + s;
    *line_len = e - s;
    if (*line_len && data[e - 1] == '\r') (*line_len)--;
    *pos = e < len ? e + 1 : e;
    return true;
}

static bool parse_pair(const char *line, size_t n, geo_point *out)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, line, n);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789+-. \t", buf[i])) return false;
    char *end;
    errno = 0;
    double lat = strtod(buf, &end);
    if (end == buf || (*end != ' ' && *end != '\t')) return false;
    char *mid = end;
    double lon = strtod(mid, &end);
    while (*end == ' ' || *end == '\t') end++;
    if (end == mid || *end || errno || !geo_lat_valid(lat) || !geo_lon_valid(lon)) return false;
    out->lat = lat;
    out->lon = lon;
    return true;
}

land_layer *land_load_buffer(const char *data, size_t len, const char *name, sw_error *err)
{
    if (!name) name = "<land>";
    if (len > LAND_MAX_FILE) { sw_fail(err, SW_ERR_LIMIT, "%s: larger than 16 MiB", name); return NULL; }
    land_layer *l = calloc(1, sizeof *l);
    /* At most one edge per line of at least 4 bytes ("0 0\n"). */
    size_t cap = len / 4 + 1;
    geo_point *ring = NULL;
    if (!l || !(l->edges = malloc(cap * sizeof *l->edges))) goto nomem;
    size_t pos = 0, lineno = 0, n;
    const char *line;
    while (next_line(data, len, &pos, &line, &n)) {
        lineno++;
        if (n == 0 || line[0] == '#') continue;
        char head[32];
        long count = 0;
        if (n >= sizeof head || n < 6 || memcmp(line, "ring ", 5) != 0) {
            sw_fail(err, SW_ERR_PARSE, "%s:%zu: expected 'ring N'", name, lineno);
            goto fail;
        }
        memcpy(head, line, n);
        head[n] = '\0';
        char *end;
        errno = 0;
        count = strtol(head + 5, &end, 10);
        if (errno || *end || count < 3 || count > LAND_MAX_RING) {
            sw_fail(err, SW_ERR_PARSE, "%s:%zu: a ring has 3 to %d points", name, lineno, LAND_MAX_RING);
            goto fail;
        }
        free(ring);
        if (!(ring = malloc((size_t)count * sizeof *ring))) goto nomem;
        for (long k = 0; k < count; k++) {
            if (!next_line(data, len, &pos, &line, &n)) {
                sw_fail(err, SW_ERR_PARSE, "%s:%zu: the file ends inside a ring of %ld points", name, lineno, count);
                goto fail;
            }
            lineno++;
            if (!parse_pair(line, n, &ring[k])) {
                sw_fail(err, SW_ERR_PARSE, "%s:%zu: expected 'lat lon' in degrees", name, lineno);
                goto fail;
            }
        }
        if (l->n_edges + (size_t)count > cap) {
            sw_fail(err, SW_ERR_PARSE, "%s:%zu: more points than lines", name, lineno);
            goto fail;
        }
        for (long k = 0; k < count; k++) {
            land_edge *e = &l->edges[l->n_edges++];
            e->a = ring[k];
            e->b = ring[(k + 1) % count];
            e->coast = is_coast(e->a, e->b);
        }
        l->n_rings++;
    }
    free(ring);
    ring = NULL;
    if (l->n_rings == 0) {
        sw_fail(err, SW_ERR_PARSE, "%s: no rings", name);
        goto fail;
    }
    if (!build_index(l)) goto nomem;
    return l;
nomem:
    sw_fail(err, SW_ERR_NOMEM, "%s: out of memory", name);
fail:
    free(ring);
    land_free(l);
    return NULL;
}

land_layer *land_load_file(const char *path, sw_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) { sw_fail(err, SW_ERR_IO, "%s: %s", path, strerror(errno)); return NULL; }
    char *buf = malloc(LAND_MAX_FILE + 1);
    size_t n = buf ? fread(buf, 1, LAND_MAX_FILE + 1, f) : 0;
    bool bad = !buf || ferror(f);
    fclose(f);
    if (bad) { free(buf); sw_fail(err, SW_ERR_IO, "%s: cannot read", path); return NULL; }
    land_layer *l = land_load_buffer(buf, n, path, err);
    free(buf);
    return l;
}

void land_free(land_layer *l)
{
    if (!l) return;
    free(l->edges);
    free(l->band_edges);
    free(l);
}

const char *land_default_path(char *buf, size_t size)
{
    return data_path_find(LAND_FILE_NAME, false, buf, size);
}

bool land_contains(const land_layer *l, geo_point p)
{
    int b = band_of(p.lat);
    bool in = false;
    for (uint32_t k = l->band_start[b]; k < l->band_start[b + 1]; k++) {
        const land_edge *e = &l->edges[l->band_edges[k]];
        if ((e->a.lat > p.lat) != (e->b.lat > p.lat)) {
            double x = e->a.lon + (p.lat - e->a.lat) * (e->b.lon - e->a.lon) / (e->b.lat - e->a.lat);
            if (p.lon < x) in = !in;
        }
    }
    return in;
}

double land_coast_distance_m(const land_layer *l, geo_point p, double max_m)
{
    double dlat = max_m / (GEO_EARTH_RADIUS_M * M_PI / 180.0);
    int lo = band_of(p.lat - dlat), hi = band_of(p.lat + dlat);
    double best = max_m;
    /* The same edge may sit in several bands: measuring it twice is cheaper than deduplicating. */
    for (uint32_t k = l->band_start[lo]; k < l->band_start[hi + 1]; k++) {
        const land_edge *e = &l->edges[l->band_edges[k]];
        if (!e->coast) continue;
        double d = geo_segment_distance_m(p, e->a, e->b);
        if (d < best) best = d;
    }
    return best;
}

bool land_contains_inland(const land_layer *l, geo_point p, double margin_m)
{
    return land_contains(l, p) && (margin_m <= 0 || land_coast_distance_m(l, p, margin_m) >= margin_m);
}

size_t land_ring_count(const land_layer *l) { return l->n_rings; }
size_t land_edge_count(const land_layer *l) { return l->n_edges; }
