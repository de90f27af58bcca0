/* ais_fleet.c - the port's ordinary traffic, drawn from its geography: the
 * base station and aids to navigation, ships alongside and at anchor, an
 * arrival up the fairway with pilot and tugs, a departure, a cross-river
 * ferry, a trawler, and class B leisure craft. Nothing here should ever
 * raise an integrity alert. */
#include <math.h>
#include <string.h>
#include "sim/ais_world.h"

#define HOURS(h) ((sw_time_us)((h) * 3600.0 * SW_US_PER_SEC))
#define MINUTES(x) ((sw_time_us)((x) * 60.0 * SW_US_PER_SEC))

/* Ship types (ITU-R M.1371 Table 53). */
enum { TYPE_FISHING = 30, TYPE_TUG = 52, TYPE_PILOT = 50, TYPE_SAILING = 36, TYPE_PLEASURE = 37,
       TYPE_PASSENGER = 60, TYPE_CARGO = 70, TYPE_TANKER = 80 };

static const geo_point *fairway(const port_model *m, size_t *n)
{
    if (!m->geo.n_fairways || m->geo.fairways[0].n_centerline < 2) { *n = 0; return NULL; }
    *n = m->geo.fairways[0].n_centerline;
    return m->geo.fairways[0].centerline;
}

/* A point alongside a berth: its centre. */
static geo_point berth_point(const model_berth *b) { return model_berth_center(b); }

static void stations(ais_world *w)
{
    const model_geography *g = &w->m->geo;
    for (size_t i = 0; i < g->n_ais_base_stations; i++) {
        const model_ais_station *bs = &g->ais_base_stations[i];
        ais_world_add(w, AIS_ST_BASE, bs->mmsi, (geo_point){ bs->lat, bs->lon });
    }
    for (size_t i = 0; i < g->n_aids_to_navigation; i++) {
        const model_ais_station *a = &g->aids_to_navigation[i];
        ais_station *s = ais_world_add(w, AIS_ST_ATON, a->mmsi, (geo_point){ a->lat, a->lon });
        if (!s) return;
        const char *name = a->name ? a->name : a->id;
        snprintf(s->id.shipname, sizeof s->id.shipname, "%s", name);
        for (char *c = s->id.shipname; *c; c++) if (*c == '(' || *c == ',') { *c = '\0'; break; }
        /* ITU-R M.1371 Table 74: 29 safe water, 24 port hand, 5 light, 1 reference point. */
        s->aid_type = strstr(name, "landfall") || strstr(name, "safe water") ? 29
                    : strstr(name, "port hand") || strstr(name, "No. 1") ? 24
                    : strstr(name, "light") ? 5 : 1;
        s->virtual_aton = a->is_virtual;
        s->next_pos = w->opt.start + (sw_time_us)prng_below(&s->rng, (uint64_t)SIM_S(180));
    }
}

static ais_station *ship(ais_world *w, ais_station_kind kind, uint32_t mmsi, geo_point p, const char *name,
                         const char *callsign, uint32_t imo6, unsigned type, unsigned len, unsigned beam, double draught,
                         const char *dest)
{
    ais_station *s = ais_world_add(w, kind, mmsi, p);
    if (!s) return NULL;
    ais_identity_set(&s->id, name, callsign, imo6, type, len, beam, draught, dest);
    if (kind == AIS_ST_CLASS_B) s->id.imo = 0;
    return s;
}

static void alongside(ais_world *w, const model_berth *b, uint32_t mmsi, const char *name, const char *cs,
                      uint32_t imo6, unsigned type, unsigned len, unsigned beam, double draught)
{
    if (!b) return;
    ais_station *s = ship(w, AIS_ST_CLASS_A, mmsi, berth_point(b), name, cs, imo6, type, len, beam, draught, "PTAUR");
    if (!s) return;
    s->status = NAV_MOORED;
    s->cog = s->heading = 90;
    ais_leg_hold(s, -1, NAV_MOORED, 0);
    s->next_pos = w->opt.start + (sw_time_us)prng_below(&s->rng, (uint64_t)SIM_S(180));
}

static void at_anchor(ais_world *w, const model_area *a, double fx, double fy, uint32_t mmsi, const char *name,
                      const char *cs, uint32_t imo6, unsigned type, unsigned len, unsigned beam, double draught)
{
    if (!a) return;
    const geo_bbox *bb = &a->polygon.bbox;
    geo_point p = { bb->min_lat + fy * (bb->max_lat - bb->min_lat), bb->min_lon + fx * (bb->max_lon - bb->min_lon) };
    if (!model_polygon_contains(&a->polygon, p)) p = model_polygon_centroid(&a->polygon);
    ais_station *s = ship(w, AIS_ST_CLASS_A, mmsi, p, name, cs, imo6, type, len, beam, draught, "PTAUR");
    if (!s) return;
    s->status = NAV_ANCHORED;
    ais_leg_hold(s, -1, NAV_ANCHORED, 40);
    s->next_pos = w->opt.start + (sw_time_us)prng_below(&s->rng, (uint64_t)SIM_S(180));
}

/* Inbound: from seaward of the fairway to a berth, pilot boarding at the
 * second centerline point, slowing by stages. */
static void arrival(ais_world *w, const model_berth *b, sw_time_us delay)
{
    size_t n;
    const geo_point *fw = fairway(w->m, &n);
    if (!fw || !b) return;
    double back = geo_bearing_deg(fw[1], fw[0]);
    geo_point start = geo_destination(fw[1], back, 2500);
    ais_station *s = ship(w, AIS_ST_CLASS_A, 636019825, start, "NORDIC SPRING", "D5QR7", 981104, TYPE_CARGO + 1, 294,
                          32, 12.1, "PTAUR");
    if (!s) return;
    s->max_kn = 22;
    s->accel_kn_s = 0.02;
    /* Stopped off the landfall buoy until the pilot is aboard. */
    if (delay > 0) ais_leg_hold(s, delay, NAV_UNDERWAY, 0);
    for (size_t i = 1; i < n; i++) {
        double kn = i == 1 ? 9 : i + 2 < n ? 8 : i + 1 < n ? 6 : 4;
        ais_leg_goto(s, fw[i], kn, NAV_UNDERWAY);
    }
    ais_leg_goto(s, berth_point(b), 1.5, NAV_UNDERWAY);
    ais_leg_hold(s, -1, NAV_MOORED, 0);
}

/* Outbound: off the berth, down the fairway and out of the VTS area. */
static void departure(ais_world *w, const model_berth *b, sw_time_us at)
{
    size_t n;
    const geo_point *fw = fairway(w->m, &n);
    if (!fw || !b) return;
    ais_station *s = ship(w, AIS_ST_CLASS_A, 255806123, berth_point(b), "CAPE VERDE TRADER", "CQAB4", 947231,
                          TYPE_CARGO, 222, 30, 10.4, "ESALG");
    if (!s) return;
    s->status = NAV_MOORED;
    s->accel_kn_s = 0.025;
    ais_leg_hold(s, at, NAV_MOORED, 0);
    ais_leg_goto(s, fw[n - 1], 3, NAV_UNDERWAY);
    for (size_t i = n - 1; i-- > 0;) ais_leg_goto(s, fw[i], i + 2 >= n ? 6 : i >= 2 ? 8 : 12, NAV_UNDERWAY);
    double out = geo_bearing_deg(fw[1], fw[0]);
    ais_leg_goto(s, geo_destination(fw[0], out, 60000), 14, NAV_UNDERWAY);
}

/* Tugs wait at their base, meet the arrival at the entrance, return. */
static void tug(ais_world *w, const model_berth *base, uint32_t mmsi, const char *name, const char *cs, sw_time_us wait)
{
    size_t n;
    const geo_point *fw = fairway(w->m, &n);
    if (!fw || !base) return;
    ais_station *s = ship(w, AIS_ST_CLASS_A, mmsi, berth_point(base), name, cs, 0, TYPE_TUG, 32, 12, 5.5, "AURORA");
    if (!s) return;
    s->accel_kn_s = 0.15;
    ais_leg_hold(s, wait, NAV_MOORED, 0);
    ais_leg_goto(s, fw[n - 2], 9, NAV_UNDERWAY);
    ais_leg_hold(s, MINUTES(20), NAV_UNDERWAY, 0);
    ais_leg_goto(s, fw[n - 1], 4, NAV_UNDERWAY);
    ais_leg_goto(s, berth_point(base), 7, NAV_UNDERWAY);
    ais_leg_hold(s, -1, NAV_MOORED, 0);
}

static void pilot_boat(ais_world *w, const model_berth *base)
{
    size_t n;
    const geo_point *fw = fairway(w->m, &n);
    if (!fw || !base) return;
    ais_station *s = ship(w, AIS_ST_CLASS_A, 263600010, berth_point(base), "AURORA PILOT", "CSPL1", 0, TYPE_PILOT, 17,
                          5, 1.5, "AURORA");
    if (!s) return;
    s->accel_kn_s = 0.4;
    ais_leg_hold(s, MINUTES(1), NAV_MOORED, 0);
    for (size_t i = n - 1; i-- > 1;) ais_leg_goto(s, fw[i], i + 3 >= n ? 8 : 20, NAV_UNDERWAY);
    ais_leg_hold(s, MINUTES(8), NAV_UNDERWAY, 0);
    for (size_t i = 2; i < n; i++) ais_leg_goto(s, fw[i], i + 2 >= n ? 8 : 18, NAV_UNDERWAY);
    ais_leg_goto(s, berth_point(base), 5, NAV_UNDERWAY);
    ais_leg_hold(s, -1, NAV_MOORED, 0);
}

static void ferry(ais_world *w)
{
    const model_berth *a = ais_berth_of_kind(w->m, "ferry", 0), *b = ais_berth_of_kind(w->m, "ferry", 1);
    if (!a || !b) return;
    ais_station *s = ship(w, AIS_ST_CLASS_A, 263600020, berth_point(a), "ESTUARIO", "CSFE2", 901455, TYPE_PASSENGER,
                          48, 12, 2.2, "AURORA SUL");
    if (!s) return;
    s->accel_kn_s = 0.2;
    s->loop = true;
    /* Every 20 minutes: 10 minutes alongside, cross, 6 minutes alongside, back. */
    ais_leg_hold(s, MINUTES(6), NAV_MOORED, 0);
    ais_leg_goto(s, berth_point(b), 8, NAV_UNDERWAY);
    ais_leg_hold(s, MINUTES(6), NAV_MOORED, 0);
    ais_leg_goto(s, berth_point(a), 8, NAV_UNDERWAY);
}

/* Wanders between random sea points; loops for as long as the run lasts. */
static void wanderer(ais_world *w, ais_station *s, geo_point from, double kn, unsigned status, size_t legs,
                     double min_shore_m)
{
    geo_point at = from;
    for (size_t i = 0; i < legs; i++) {
        geo_point next;
        if (!ais_random_sea_point(w->m, &s->rng, at, min_shore_m, &next)) break;
        ais_leg_goto(s, next, kn, status);
        at = next;
    }
    ais_leg_goto(s, from, kn, status);
    s->loop = true;
}

static void trawler(ais_world *w)
{
    geo_point start;
    prng r = prng_fork(&w->setup, 30);
    if (!ais_random_sea_point(w->m, &r, ais_port_entrance(w->m), 4000, &start)) return;
    ais_station *s = ship(w, AIS_ST_CLASS_A, 263811000, start, "MAR DE PRATA", "CSMP3", 856210, TYPE_FISHING, 24, 7,
                          3.1, "AURORA");
    if (!s) return;
    s->sog = 3.5;
    s->accel_kn_s = 0.1;
    wanderer(w, s, start, 3.5, NAV_FISHING, 12, 3000);
}

static void leisure(ais_world *w)
{
    const model_berth *marina = ais_berth_of_kind(w->m, "marina", 0);
    size_t n;
    const geo_point *fw = fairway(w->m, &n);
    if (!marina) return;
    ship(w, AIS_ST_CLASS_B, 263900111, berth_point(marina), "BLUE HERON", "CSBH", 0, TYPE_SAILING, 12, 4, 1.8, "");
    /* A yacht sailing off the coast all day. */
    geo_point sea;
    prng r = prng_fork(&w->setup, 36);
    if (ais_random_sea_point(w->m, &r, ais_port_entrance(w->m), 2500, &sea)) {
        ais_station *s = ship(w, AIS_ST_CLASS_B, 263900222, sea, "SEA WIND", "CSSW", 0, TYPE_SAILING, 14, 4, 2.0, "");
        if (s) { s->sog = 6; s->accel_kn_s = 0.05; wanderer(w, s, sea, 6, NAV_SAILING, 10, 2500); }
    }
    /* A motor boat leaves the marina, runs out to sea and back. */
    if (!fw) return;
    ais_station *s = ship(w, AIS_ST_CLASS_B, 263900333, berth_point(marina), "PERSEU", "CSPE", 0, TYPE_PLEASURE, 11, 4,
                          1.0, "");
    if (!s) return;
    s->accel_kn_s = 0.3;
    ais_leg_hold(s, MINUTES(15), NAV_MOORED, 0);
    for (size_t i = n - 2; i-- > 1;) ais_leg_goto(s, fw[i], i + 4 >= n ? 5 : 18, NAV_UNDERWAY);
    geo_point far;
    if (ais_random_sea_point(w->m, &s->rng, fw[1], 3000, &far)) ais_leg_goto(s, far, 18, NAV_UNDERWAY);
    ais_leg_goto(s, fw[1], 18, NAV_UNDERWAY);
    for (size_t i = 2; i + 1 < n; i++) ais_leg_goto(s, fw[i], i + 3 >= n ? 5 : 18, NAV_UNDERWAY);
    ais_leg_goto(s, berth_point(marina), 3, NAV_UNDERWAY);
    ais_leg_hold(s, -1, NAV_MOORED, 0);
}

void ais_fleet_build(ais_world *w)
{
    const port_model *m = w->m;
    stations(w);
    const model_berth *c0 = ais_berth_of_kind(m, "container", 0), *c1 = ais_berth_of_kind(m, "container", 1);
    const model_berth *c2 = ais_berth_of_kind(m, "container", 2), *c3 = ais_berth_of_kind(m, "container", 3);
    const model_berth *c4 = ais_berth_of_kind(m, "container", 4);
    alongside(w, c0, 538007131, "ATLANTIC HARMONY", "V7MH2", 970112, TYPE_CARGO, 300, 48, 13.2);
    alongside(w, c2, 263512000, "LUSITANIA EXPRESS", "CQLX5", 930441, TYPE_CARGO, 185, 28, 9.8);
    alongside(w, c4, 211345670, "HANSE VOYAGER", "DHVO3", 962207, TYPE_CARGO, 260, 40, 12.0);
    const model_area *alpha = m->geo.n_anchorages > 0 ? &m->geo.anchorages[0] : NULL;
    const model_area *bravo = m->geo.n_anchorages > 1 ? &m->geo.anchorages[1] : alpha;
    at_anchor(w, alpha, 0.3, 0.4, 477123400, "ORIENT PEARL", "VRPL8", 979905, TYPE_CARGO, 335, 51, 14.0);
    at_anchor(w, alpha, 0.75, 0.65, 244670123, "BALTIC DAWN", "PBDW", 955318, TYPE_CARGO, 170, 27, 8.9);
    at_anchor(w, bravo, 0.3, 0.5, 563041200, "SEA PROVIDENCE", "9VSP6", 968812, TYPE_TANKER, 250, 44, 14.6);
    at_anchor(w, bravo, 0.7, 0.3, 247312600, "MARE NOSTRUM", "IBMN", 948820, TYPE_CARGO + 9, 140, 21, 7.5);
    arrival(w, c1 ? c1 : c0, MINUTES(20));
    departure(w, c3 ? c3 : c0, MINUTES(8));
    const model_berth *tugs = ais_berth_of_kind(m, "tug", 0);
    tug(w, tugs, 263600001, "AURORA TUG 1", "CSTG1", MINUTES(50));
    tug(w, tugs, 263600002, "AURORA TUG 2", "CSTG2", MINUTES(52));
    pilot_boat(w, tugs);
    ferry(w);
    trawler(w);
    leisure(w);
}
