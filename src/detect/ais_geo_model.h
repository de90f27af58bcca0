/* ais_geo_model.h - the AIS checks' view of the port (ais_geo) from the
 * port model's geography and the coarse world land layer. */
#ifndef SW_AIS_GEO_MODEL_H
#define SW_AIS_GEO_MODEL_H
#include "detect/ais_detect.h"
#include "model/land.h"
#include "model/model.h"

typedef struct ais_geo_model {
    ais_geo geo;
    const port_model *m;            /* NULL: no port geography */
    const land_layer *land;         /* NULL: no world layer */
    double inland_margin_m;         /* the world layer says land only this far inland */
} ais_geo_model;

/* Fills g; m and land may be NULL and must outlive it. */
void ais_geo_model_init(ais_geo_model *g, const port_model *m, const land_layer *land);

#endif
