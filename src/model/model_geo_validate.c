/* model_geo_validate.c - the checks on the port's geography that need the
 * whole model: unique ids, berth sites, a position for every berth, AIS
 * station identities (base stations 00MIDdddd, aids to navigation
 * 99MIDdddd, no MMSI twice) and everything inside the VTS area. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "core/hashmap.h"
#include "model/model.h"
#include "model/model_internal.h"

/* Reports an id already seen in `seen` (one namespace per kind of thing). */
static void check_unique(diag_list *d, hashmap *seen, const char *kind, const char *id, const model_pos *pos)
{
    if (!id || !id[0]) return;
    const model_pos *first = hashmap_get(seen, id);
    if (first) {
        model_diag(d, DIAG_ERROR, *pos, "duplicate %s id '%s' (first defined at line %u:%u)", kind, id, first->line,
                   first->col);
        return;
    }
    hashmap_put(seen, id, (void *)pos);
}

static void warn_outside_vts(const port_model *m, diag_list *d, const char *kind, const char *id, geo_point p,
                             model_pos at)
{
    if (m->geo.vts_area.polygon.n >= 3 && !model_in_vts_area(m, p))
        model_diag(d, DIAG_WARNING, at, "%s '%s' at %.5f, %.5f is outside the VTS area", kind, id ? id : "?", p.lat,
                   p.lon);
}

static void check_areas(const port_model *m, diag_list *d, hashmap *seen, const model_area *a, size_t n,
                        const char *kind)
{
    for (size_t i = 0; i < n; i++) {
        check_unique(d, seen, kind, a[i].id, &a[i].id_pos);
        if (a[i].polygon.n >= 3 && m->geo.vts_area.polygon.n >= 3 &&
            !model_in_vts_area(m, model_polygon_centroid(&a[i].polygon)))
            model_diag(d, DIAG_WARNING, a[i].polygon.pos, "%s '%s' is outside the VTS area", kind, a[i].id ? a[i].id : "?");
    }
}

static void check_berths(const port_model *m, diag_list *d, hashmap *seen)
{
    for (size_t i = 0; i < m->geo.n_berths; i++) {
        model_berth *b = &m->geo.berths[i];
        check_unique(d, seen, "berth", b->id, &b->id_pos);
        if (b->site) {
            intptr_t s = (intptr_t)hashmap_get(&m->site_by_id, b->site);
            if (s >= 1 && (size_t)s <= m->n_sites) b->site_index = (int)(s - 1);
            else model_diag(d, DIAG_ERROR, b->site_pos, "unknown site '%s'", b->site);
        }
        bool point = b->has_lat || b->has_lon || b->has_radius;
        if (b->polygon.n && point) {
            model_diag(d, DIAG_ERROR, b->pos, "berth '%s' has both a polygon and lat/lon/radius_m; give one or the other",
                       b->id ? b->id : "?");
            continue;
        }
        if (!b->polygon.n && !(b->has_lat && b->has_lon && b->has_radius)) {
            model_diag(d, DIAG_ERROR, b->pos, "berth '%s' needs a polygon, or lat, lon and radius_m", b->id ? b->id : "?");
            continue;
        }
        if (!b->polygon.n && b->radius_m <= 0) {
            model_diag(d, DIAG_ERROR, b->pos, "berth '%s' has radius_m 0; a berth has room for a ship", b->id ? b->id : "?");
            continue;
        }
        warn_outside_vts(m, d, "berth", b->id, model_berth_center(b), b->polygon.n ? b->polygon.pos : b->lat_pos);
    }
}

/* ITU-R M.585 (d: any digit): base stations are 00MIDdddd (below 10 000 000), aids to
 * navigation 99MIDdddd. */
static void check_stations(port_model *m, diag_list *d, hashmap *seen, model_ais_station *st, size_t n, bool base,
                           hashmap *mmsis)
{
    for (size_t i = 0; i < n; i++) {
        model_ais_station *s = &st[i];
        const char *kind = base ? "AIS base station" : "aid to navigation";
        check_unique(d, seen, kind, s->id, &s->id_pos);
        if (s->mmsi) {
            bool fits = base ? s->mmsi < 10000000u && s->mmsi >= 2000000u : s->mmsi / 10000000u == 99;
            if (!fits)
                model_diag(d, DIAG_WARNING, s->mmsi_pos, "MMSI %09u does not have the form of %s (%s)", (unsigned)s->mmsi,
                           base ? "a base station" : "an aid to navigation", base ? "00MIDdddd" : "99MIDdddd");
            char key[12];
            snprintf(key, sizeof key, "%09u", (unsigned)s->mmsi);
            const model_ais_station *o = hashmap_get(mmsis, key);
            if (o)
                model_diag(d, DIAG_ERROR, s->mmsi_pos, "MMSI %s is also station '%s' (line %u:%u)", key, o->id ? o->id : "?",
                           o->pos.line, o->pos.col);
            else {
                const char *k = arena_strdup(&m->mem, key);
                if (k) hashmap_put(mmsis, k, s);
            }
        }
        if (base && s->id) {
            const model_asset *a = model_asset_by_id(m, s->id);
            if (!a)
                model_diag(d, DIAG_WARNING, s->id_pos, "AIS base station '%s' is not an asset; give it the id of the ais-base asset it is",
                           s->id);
            else {
                s->asset_index = (int)(a - m->assets);
                if (a->kind && strcmp(a->kind, "ais-base") != 0)
                    model_diag(d, DIAG_WARNING, s->id_pos, "asset '%s' is of kind '%s', not ais-base", s->id, a->kind);
            }
        }
        if (s->has_lat && s->has_lon) {
            geo_point p = { s->lat, s->lon };
            warn_outside_vts(m, d, kind, s->id, p, s->lat_pos);
        }
    }
}

void model_validate_geography(port_model *m, diag_list *d)
{
    model_geography *g = &m->geo;
    hashmap areas, fairways, berths, anchorages, stations, mmsis;
    hashmap_init(&areas);
    hashmap_init(&fairways);
    hashmap_init(&berths);
    hashmap_init(&anchorages);
    hashmap_init(&stations);
    hashmap_init(&mmsis);
    if (g->pos.line && g->vts_area.polygon.n < 3 && (g->n_berths || g->n_anchorages || g->n_ais_base_stations))
        model_diag(d, DIAG_WARNING, g->pos, "geography has no vts_area; AIS checks that need it (going dark) cannot run");
    check_areas(m, d, &areas, g->water, g->n_water, "water area");
    check_areas(m, d, &areas, g->land, g->n_land, "land area");
    check_areas(m, d, &anchorages, g->anchorages, g->n_anchorages, "anchorage");
    for (size_t i = 0; i < g->n_fairways; i++) check_unique(d, &fairways, "fairway", g->fairways[i].id, &g->fairways[i].id_pos);
    check_berths(m, d, &berths);
    check_stations(m, d, &stations, g->ais_base_stations, g->n_ais_base_stations, true, &mmsis);
    check_stations(m, d, &stations, g->aids_to_navigation, g->n_aids_to_navigation, false, &mmsis);
    hashmap_free(&areas);
    hashmap_free(&fairways);
    hashmap_free(&berths);
    hashmap_free(&anchorages);
    hashmap_free(&stations);
    hashmap_free(&mmsis);
}
