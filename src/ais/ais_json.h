/* ais_json.h - renders a decoded ais_msg as one gpsd-compatible JSON line
 * (the field names, order and number formatting of `gpsdecode -j`, scaled,
 * or `gpsdecode -u -j`, unscaled) or as gpsdecode's pipe-separated CSV
 * (`gpsdecode -c`). Pure: appends to a strbuf. */
#ifndef SW_AIS_JSON_H
#define SW_AIS_JSON_H
#include <stdbool.h>
#include "ais/ais.h"
#include "core/strbuf.h"

typedef struct ais_json_opts {
    bool scaled;            /* gpsdecode default; false = -u */
    const char *device;     /* "device" member, NULL to omit (gpsdecode: "stdin") */
} ais_json_opts;

/* Appends one JSON object and a newline. */
void ais_json_write(strbuf *out, const ais_msg *m, const ais_json_opts *o);
/* Appends one pipe-separated line (gpsdecode -c, always unscaled). */
void ais_csv_write(strbuf *out, const ais_msg *m);

/* Legend lookups shared with the CSV writer and documentation. */
const char *ais_nav_status_text(unsigned status);
const char *ais_epfd_text(unsigned epfd);
const char *ais_ship_type_text(unsigned shiptype);

#endif
