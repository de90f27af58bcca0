/* land.h - the coarse world land layer (data/land/ne_110m_land.txt): which
 * positions are on land anywhere in the world, for the AIS on-land check
 * outside the waters the port model describes. Edges are indexed by
 * latitude band, so a test looks at a few dozen edges, not five thousand. */
#ifndef SW_LAND_H
#define SW_LAND_H
#include <stdbool.h>
#include <stddef.h>
#include "core/error.h"
#include "core/geo.h"

typedef struct land_layer land_layer;

#define LAND_FILE_NAME "land/ne_110m_land.txt"
/* Natural Earth 1:110m places coasts to within about this much; a position
 * inside land by less than this may well be at sea. */
#define LAND_110M_ACCURACY_M 20000.0

/* Parses the layer text (see the file's header for the format). NULL with
 * err filled ("name:line: why") on a malformed file or out of memory. */
land_layer *land_load_buffer(const char *data, size_t len, const char *name, sw_error *err);
land_layer *land_load_file(const char *path, sw_error *err);
void land_free(land_layer *l);

/* Where the shipped layer is: $SEAWALL_DATA/LAND_FILE_NAME, else data/ next
 * to the program's build or install tree (../data, ../share/seawall), else
 * ./data. Writes into buf; returns buf, or NULL when none exists. */
const char *land_default_path(char *buf, size_t size);

/* Whether p is inside the land polygons (even-odd over all rings). */
bool land_contains(const land_layer *l, geo_point p);
/* Distance in metres from p to the nearest coastline edge, searching no
 * further than max_m; returns max_m when none is that close. */
double land_coast_distance_m(const land_layer *l, geo_point p, double max_m);
/* Inside land and at least margin_m from any coast: what a coarse layer can
 * say for certain. */
bool land_contains_inland(const land_layer *l, geo_point p, double margin_m);

size_t land_ring_count(const land_layer *l);
size_t land_edge_count(const land_layer *l);

#endif
