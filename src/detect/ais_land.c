/* ais_land.c - SW-AIS-ON-LAND: vessel positions (types 1-3, 18, 19, 27)
 * on land, by the port's land and water polygons and then the world land
 * layer (ais_geo.surface_at). Base stations and AtoNs stand on land by
 * design and are not judged; a single stray fix is not enough. */
#include <stdio.h>
#include "detect/ais_internal.h"

typedef struct land_vessel {
    uint32_t run;                   /* consecutive reports on land */
    uint64_t first_line;
    double first_lat, first_lon;
} land_vessel;

static void check_land(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    land_vessel *l = vs;
    unsigned t = c->m->type;
    if (!c->has_fix || !e->geo || !e->geo->surface_at) return;
    if (!(t <= 3 || t == 18 || t == 19 || t == 27)) return;
    double lat = ais_fix_lat(&c->fix), lon = ais_fix_lon(&c->fix);
    const char *where = NULL;
    if (e->geo->surface_at(e->geo->user, lat, lon, &where) != AIS_SURFACE_LAND) {
        l->run = 0;
        return;
    }
    if (l->run++ == 0) {
        l->first_line = c->fix.line;
        l->first_lat = lat;
        l->first_lon = lon;
    }
    uint32_t need = e->cfg.land_reports ? e->cfg.land_reports : 1;
    if (l->run != need) return;
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_ON_LAND, c);
    ais_alert_line(&a, l->first_line);
    ais_alert_line(&a, c->fix.line);
    snprintf(a.message, sizeof a.message, "MMSI %09u reports %u positions on land (%s), first %.5f,%.5f", c->m->mmsi,
             l->run, where ? where : "land", l->first_lat, l->first_lon);
    ais_raise(e, &a, c->index);
}

const ais_family ais_family_land = { "land", sizeof(land_vessel), NULL, check_land, NULL };
