/* ais_station.c - SW-AIS-FAKE-STATION: base station reports (type 4) and
 * aids to navigation (type 21) judged against the stations the port
 * declares: a declared MMSI reporting away from its position, or an
 * undeclared one inside the VTS area (for AtoNs: when the port declares
 * its AtoNs, or the aid is virtual, which no chart backs). */
#include <stdio.h>
#include "detect/ais_internal.h"

static void check_station(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    const ais_msg *m = c->m;
    bool aton = m->type == 21;
    if ((m->type != 4 && !aton) || !c->has_fix || !e->geo || !e->geo->station) return;
    const ais_geo *g = e->geo;
    double lat = ais_fix_lat(&c->fix), lon = ais_fix_lon(&c->fix);
    const char *what = aton ? (m->u.aton.virtual_aid ? "virtual aid to navigation" : "aid to navigation")
                            : "base station";
    ais_geo_station st;
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_FAKE_STATION, c);
    ais_alert_line(&a, c->meta ? c->meta->line_first : 0);
    ais_alert_line(&a, c->meta ? c->meta->line_last : 0);
    if (g->station(g->user, m->mmsi, &st)) {
        double d = ais_distance_m(lat, lon, st.lat, st.lon);
        if (d <= e->cfg.station_tolerance_m) return;
        snprintf(a.message, sizeof a.message, "%s %09u (%s) reports %.5f,%.5f, %.0f m from its declared position",
                 what, m->mmsi, st.id ? st.id : "declared", lat, lon, d);
    } else {
        bool judged = aton ? (g->n_atons > 0 || m->u.aton.virtual_aid) : g->n_base_stations > 0;
        if (!judged || !ais_in_vts(e, lat, lon, NULL)) return;
        snprintf(a.message, sizeof a.message, "%s %09u at %.5f,%.5f inside the VTS area is not one the port has",
                 what, m->mmsi, lat, lon);
    }
    ais_raise(e, &a, c->index);
}

const ais_family ais_family_station = { "station", 0, NULL, check_station, NULL };
