/* ais_world.c - the AIS simulation loop: every simulated second each
 * station moves along its legs, and reports when its ITU-R M.1371-5 interval
 * is up (class A by status, speed and turning; class B 30 s / 3 min; static
 * data every 6 min; base stations 10 s; AtoNs 3 min). Scenarios' effects
 * (silence, jumps, identity changes, jamming) are applied at transmission. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "sim/ais_world.h"

#define STATIC_INTERVAL SIM_S(360)

ais_station *ais_world_add(ais_world *w, ais_station_kind kind, uint32_t mmsi, geo_point p)
{
    if (w->n_st >= AIS_MAX_STATIONS) return NULL;
    ais_station *s = &w->st[w->n_st++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->mmsi = mmsi;
    s->pos = s->anchor = p;
    s->cog = s->heading = s->last_reported_cog = prng_unit(&w->setup) * 360;
    s->alt_id_from = s->jump_at = -1;
    s->on_from = w->opt.start;
    s->on_until = w->end + 1;
    s->dark_from = s->dark_until = -1;
    s->max_kn = 15;
    s->accel_kn_s = 0.05;
    s->channel = (w->n_st & 1) ? 'A' : 'B';
    s->rng = prng_fork(&w->setup, mmsi);
    /* Spread first reports over the interval, as real stations are not synchronised. */
    s->next_pos = w->opt.start + (sw_time_us)prng_below(&s->rng, (uint64_t)SIM_S(10));
    s->next_static = w->opt.start + (sw_time_us)prng_below(&s->rng, (uint64_t)SIM_S(60));
    return s;
}

void ais_leg_goto(ais_station *s, geo_point to, double kn, unsigned status)
{
    if (s->n_legs >= AIS_MAX_LEGS) return;
    s->legs[s->n_legs++] = (ais_leg){ .kind = LEG_GOTO, .to = to, .kn = kn, .status = status };
}

void ais_leg_hold(ais_station *s, sw_time_us dur, unsigned status, double swing_m)
{
    if (s->n_legs >= AIS_MAX_LEGS) return;
    s->legs[s->n_legs++] = (ais_leg){ .kind = LEG_HOLD, .dur = dur, .status = status, .swing_m = swing_m };
}

uint32_t ais_imo_with_check(uint32_t six)
{
    unsigned d[6], sum = 0;
    for (int i = 5; i >= 0; i--) { d[i] = six % 10; six /= 10; }
    for (int i = 0; i < 6; i++) sum += d[i] * (unsigned)(7 - i);
    uint32_t n = 0;
    for (int i = 0; i < 6; i++) n = n * 10 + d[i];
    return n * 10 + sum % 10;
}

void ais_identity_set(ais_identity *id, const char *name, const char *callsign, uint32_t imo6, unsigned shiptype,
                      unsigned length_m, unsigned beam_m, double draught_m, const char *destination)
{
    memset(id, 0, sizeof *id);
    snprintf(id->shipname, sizeof id->shipname, "%s", name);
    snprintf(id->callsign, sizeof id->callsign, "%s", callsign);
    snprintf(id->destination, sizeof id->destination, "%s", destination ? destination : "");
    id->imo = imo6 ? ais_imo_with_check(imo6) : 0;
    id->shiptype = shiptype;
    /* The GNSS antenna sits aft of midships, on the centreline. */
    id->to_bow = length_m * 2 / 3;
    id->to_stern = length_m - id->to_bow;
    id->to_port = beam_m / 2;
    id->to_starboard = beam_m - id->to_port;
    id->draught_m = draught_m;
}

/* ---- geography helpers ---------------------------------------------------- */

bool ais_path_on_water(const port_model *m, geo_point a, geo_point b)
{
    double d = geo_distance_m(a, b), brg = geo_bearing_deg(a, b);
    for (double s = 0; s <= d; s += 100) {
        geo_point p = geo_destination(a, brg, s);
        if (model_geo_surface_at(m, p) != MODEL_GEO_WATER) return false;
    }
    return model_geo_surface_at(m, b) == MODEL_GEO_WATER;
}

static double land_distance_m(const port_model *m, geo_point p, double max_m)
{
    double best = max_m;
    for (size_t i = 0; i < m->geo.n_land; i++) {
        const model_polygon *poly = &m->geo.land[i].polygon;
        for (size_t k = 0; k < poly->n; k++) {
            double d = geo_segment_distance_m(p, poly->pts[k], poly->pts[(k + 1) % poly->n]);
            if (d < best) best = d;
        }
    }
    return best;
}

bool ais_random_sea_point(const port_model *m, prng *r, geo_point from, double min_shore_m, geo_point *out)
{
    const geo_bbox *b = &m->geo.vts_area.polygon.bbox;
    for (int tries = 0; tries < 400; tries++) {
        geo_point p = { b->min_lat + prng_unit(r) * (b->max_lat - b->min_lat),
                        b->min_lon + prng_unit(r) * (b->max_lon - b->min_lon) };
        if (!model_in_vts_area(m, p) || model_geo_surface_at(m, p) != MODEL_GEO_WATER) continue;
        if (model_anchorage_at(m, p) || land_distance_m(m, p, min_shore_m) < min_shore_m) continue;
        if (!ais_path_on_water(m, from, p)) continue;
        *out = p;
        return true;
    }
    return false;
}

const model_berth *ais_berth_of_kind(const port_model *m, const char *kind, size_t nth)
{
    for (size_t i = 0; i < m->geo.n_berths; i++) {
        const model_berth *b = &m->geo.berths[i];
        if (b->kind && strcmp(b->kind, kind) == 0 && nth-- == 0) return b;
    }
    return NULL;
}

geo_point ais_port_entrance(const port_model *m)
{
    if (m->geo.n_fairways && m->geo.fairways[0].n_centerline >= 2) {
        const model_fairway *f = &m->geo.fairways[0];
        return f->centerline[f->n_centerline >= 3 ? f->n_centerline - 3 : 0];
    }
    return model_polygon_centroid(&m->geo.vts_area.polygon);
}

void ais_run_add_mmsi(sim_ais_run *run, uint32_t mmsi)
{
    if (!run) return;
    for (size_t i = 0; i < run->n_mmsis; i++)
        if (run->mmsis[i] == mmsi) return;
    if (run->n_mmsis < SIM_AIS_RUN_MMSIS) run->mmsis[run->n_mmsis++] = mmsi;
}

void ais_run_touch(sim_ais_run *run, sw_time_us t)
{
    if (!run || run->fixed_window) return;
    if (run->first < 0 || t < run->first) run->first = t;
    if (t > run->last) run->last = t;
}

/* ---- motion ----------------------------------------------------------------- */

static double approach(double v, double target, double step)
{
    return v < target ? fmin(v + step, target) : fmax(v - step, target);
}

static void start_leg(ais_station *s, sw_time_us now)
{
    s->leg_start = now;
    if (s->leg < s->n_legs && s->legs[s->leg].kind == LEG_HOLD) s->anchor = s->pos;
}

/* Advances one second. */
static void move(ais_station *s, sw_time_us now)
{
    if (s->kind == AIS_ST_BASE || s->kind == AIS_ST_ATON || s->n_legs == 0) return;
    /* A scenario's vessel starts its voyage when it comes on the air. */
    if (now < s->on_from) { s->leg_start = now; return; }
    if (s->leg >= s->n_legs) {
        if (!s->loop) { s->sog = approach(s->sog, 0, s->accel_kn_s); return; }
        s->leg = 0;
        start_leg(s, now);
    }
    const ais_leg *l = &s->legs[s->leg];
    s->status = l->status;
    if (l->kind == LEG_HOLD) {
        s->sog = 0;
        if (l->swing_m > 0) {
            /* Swinging to the anchor with the tide: once round the circle in about 40 minutes. */
            double a = fmod((double)(now - s->leg_start) / SIM_S(2400) * 360.0, 360.0);
            geo_point p = geo_destination(s->anchor, a, l->swing_m);
            s->sog = 2 * M_PI * l->swing_m / 2400 / 0.5144;
            s->heading = s->cog = fmod(a + 270, 360);
            s->pos = p;
        }
        if (l->dur >= 0 && now - s->leg_start >= l->dur) { s->leg++; start_leg(s, now); }
        return;
    }
    double dist = geo_distance_m(s->pos, l->to);
    /* Slow down ahead of a stop: a ship needs room to lose way. */
    double target = l->kn;
    const ais_leg *next = s->leg + 1 < s->n_legs ? &s->legs[s->leg + 1] : NULL;
    double next_kn = !next || next->kind == LEG_HOLD ? 0 : next->kn;
    if (next_kn < target) {
        double brake_m = (s->sog * s->sog - next_kn * next_kn) / (2 * s->accel_kn_s) * 0.5144;
        if (dist < brake_m + 30) target = fmax(next_kn, 0.5);
    }
    s->sog = approach(s->sog, target, s->accel_kn_s);
    double step = s->sog * 0.5144;
    double brg = geo_bearing_deg(s->pos, l->to);
    s->cog = brg;
    s->heading = brg;
    if (dist <= fmax(step, 5)) {
        s->pos = l->to;
        s->leg++;
        start_leg(s, now);
        return;
    }
    s->pos = geo_destination(s->pos, brg, step);
}

/* ---- reporting ------------------------------------------------------------- */

/* ITU-R M.1371-5 Annex 1 Table 1 (class A) and Table 2 (class B "CS"). */
static sw_time_us report_interval(const ais_station *s, bool turning)
{
    switch (s->kind) {
    case AIS_ST_BASE: return SIM_S(10);
    case AIS_ST_ATON: return SIM_S(180);
    case AIS_ST_CLASS_B: return s->sog > 2 ? SIM_S(30) : SIM_S(180);
    case AIS_ST_CLASS_A: break;
    }
    if ((s->status == NAV_ANCHORED || s->status == NAV_MOORED) && s->sog <= 3) return SIM_S(180);
    if (s->sog > 23) return SIM_S(2);
    if (s->sog > 14) return turning ? SIM_S(2) : SIM_S(6);
    return turning ? SIM_MS(3333) : SIM_S(10);
}

static double angle_diff(double a, double b)
{
    double d = fmod(fabs(a - b), 360.0);
    return d > 180 ? 360 - d : d;
}

/* Whether a jammer keeps the report off the air; records its victims. */
static bool jammed(ais_world *w, ais_station *s, sw_time_us now)
{
    for (size_t i = 0; i < w->n_jam; i++) {
        ais_jam *j = &w->jam[i];
        if (now < j->from || now >= j->until) continue;
        double d = geo_distance_m(s->pos, j->centre);
        bool lost = d <= j->full_m || (d <= j->partial_m && prng_unit(&s->rng) < j->partial_loss);
        if (lost) {
            ais_run_add_mmsi(j->run, s->mmsi);
            j->run->suppressed++;
            return true;
        }
    }
    return false;
}

static void count(ais_world *w, ais_station *s, unsigned type, uint64_t before)
{
    w->res->messages++;
    if (type < 28) w->res->by_type[type]++;
    uint64_t n = w->nmea.sentences - before;
    w->res->sentences += n;
    if (s->run) s->run->sentences += n;
}

static geo_point reported_position(const ais_station *s, sw_time_us now)
{
    geo_point p = s->pos;
    if (s->jump_at >= 0 && now >= s->jump_at) {
        p = geo_destination(p, 0, s->jump_north_m);
        p = geo_destination(p, 90, s->jump_east_m);
    }
    return p;
}

static void send_static(ais_world *w, ais_station *s, sw_time_us now, strbuf *out)
{
    const ais_identity *id = s->alt_id_from >= 0 && now >= s->alt_id_from ? &s->alt_id : &s->id;
    ais_static st = { .mmsi = s->mmsi, .imo = id->imo, .callsign = id->callsign, .shipname = id->shipname,
                      .destination = id->destination, .shiptype = id->shiptype, .to_bow = id->to_bow,
                      .to_stern = id->to_stern, .to_port = id->to_port, .to_starboard = id->to_starboard,
                      .draught_m = id->draught_m, .eta_month = 0, .eta_day = 0, .eta_hour = 24, .eta_minute = 60,
                      .vendorid = "SWL" };
    ais_enc e;
    int64_t t = now / SW_US_PER_SEC;
    if (s->kind == AIS_ST_CLASS_A) {
        uint64_t before = w->nmea.sentences;
        ais_enc_static_voyage(&e, &st);
        ais_nmea_write(&w->nmea, &e, t, s->channel, 60, out);
        count(w, s, 5, before);
    } else if (s->kind == AIS_ST_CLASS_B) {
        for (unsigned part = 0; part < 2; part++) {
            uint64_t before = w->nmea.sentences;
            ais_enc_static_b(&e, &st, part);
            ais_nmea_write(&w->nmea, &e, t, s->channel, 60, out);
            count(w, s, 24, before);
        }
    }
}

static void send_position(ais_world *w, ais_station *s, sw_time_us now, strbuf *out)
{
    ais_enc e;
    int64_t t = now / SW_US_PER_SEC;
    geo_point p = reported_position(s, now);
    /* GNSS noise of a couple of metres. */
    double jitter = s->kind == AIS_ST_BASE || s->kind == AIS_ST_ATON ? 0 : 2.0;
    if (jitter > 0) p = geo_destination(p, prng_unit(&s->rng) * 360, prng_unit(&s->rng) * jitter);
    uint64_t before = w->nmea.sentences;
    unsigned type;
    if (s->kind == AIS_ST_BASE) {
        type = 4;
        ais_enc_base_station(&e, s->mmsi, t, p.lat, p.lon);
    } else if (s->kind == AIS_ST_ATON) {
        type = 21;
        ais_enc_aton(&e, s->mmsi, s->aid_type, s->id.shipname, p.lat, p.lon, (unsigned)(t % 60), s->virtual_aton, false);
    } else {
        double turn = angle_diff(s->cog, s->last_reported_cog);
        int rot = 0;
        if (turn > 1) rot = (int)fmin(126, 4.733 * sqrt(turn * 6));   /* ROT_AIS = 4.733 sqrt(deg/min) */
        if (rot && fmod(s->cog - s->last_reported_cog + 540, 360) - 180 < 0) rot = -rot;
        ais_pos_report r = { .type = s->kind == AIS_ST_CLASS_B ? 18u : 1u, .mmsi = s->mmsi, .status = s->status,
                             .rot = s->kind == AIS_ST_CLASS_A ? rot : -128, .sog_kn = s->sog,
                             .cog_deg = s->sog < 0.1 && s->status == NAV_MOORED ? 0 : s->cog,
                             .heading = (unsigned)lround(s->heading) % 360, .lat = p.lat, .lon = p.lon,
                             .accuracy = false, .second = (unsigned)(t % 60), .radio = (uint32_t)prng_below(&s->rng, 1u << 19) };
        type = r.type;
        ais_enc_position(&e, &r);
    }
    ais_nmea_write(&w->nmea, &e, t, s->channel, 60, out);
    s->channel = s->channel == 'A' ? 'B' : 'A';
    count(w, s, type, before);
}

static bool on_air(ais_world *w, ais_station *s, sw_time_us now)
{
    if (now < s->on_from || now >= s->on_until) return false;
    if (s->dark_from >= 0 && now >= s->dark_from && now < s->dark_until) {
        if (s->run) { s->run->suppressed++; ais_run_touch(s->run, now); }
        return false;
    }
    if (jammed(w, s, now)) return false;
    /* Ordinary reception loss: collisions, shadowing, range. Base stations are heard by wire. */
    if (s->kind != AIS_ST_BASE && prng_unit(&s->rng) < w->loss) { w->res->lost++; return false; }
    return true;
}

static void step_station(ais_world *w, ais_station *s, sw_time_us now, strbuf *out)
{
    /* A new identity goes out at once, not at the next 6-minute slot. */
    if (s->alt_id_from >= 0 && !s->alt_announced && now >= s->alt_id_from) {
        s->alt_announced = true;
        s->next_static = now;
    }
    if (s->next_pos < now + SIM_S(1)) {
        double turn = angle_diff(s->cog, s->last_reported_cog);
        bool turning = s->sog > 0.5 && turn > 3;
        if (on_air(w, s, now)) {
            send_position(w, s, now, out);
            if (s->run) ais_run_touch(s->run, now);
        }
        s->last_reported_cog = s->cog;
        sw_time_us iv = report_interval(s, turning);
        s->next_pos += iv;
        if (s->next_pos < now) s->next_pos = now + iv;
    }
    if ((s->kind == AIS_ST_CLASS_A || s->kind == AIS_ST_CLASS_B) && s->next_static < now + SIM_S(1)) {
        if (on_air(w, s, now)) {
            send_static(w, s, now, out);
            if (s->run) ais_run_touch(s->run, now);
        }
        s->next_static += STATIC_INTERVAL;
        if (s->next_static <= now) s->next_static = now + STATIC_INTERVAL;
    }
}

sw_code ais_world_loop(ais_world *w, sim_ais_sink_fn sink, void *user, sw_error *err)
{
    strbuf out;
    strbuf_init(&out);
    for (size_t i = 0; i < w->n_st; i++) start_leg(&w->st[i], w->opt.start);
    for (sw_time_us now = w->opt.start; now < w->end; now += SIM_S(1)) {
        for (size_t i = 0; i < w->n_st; i++) {
            ais_station *s = &w->st[i];
            /* The feed is stamped in whole seconds (tag block c:), so a report
             * due within this second goes out now; intervals keep their fractions. */
            bool swap_due = s->alt_id_from >= 0 && !s->alt_announced && now >= s->alt_id_from;
            if (s->next_pos < now + SIM_S(1) || swap_due ||
                (s->kind <= AIS_ST_CLASS_B && s->next_static < now + SIM_S(1)))
                step_station(w, s, now, &out);
            move(s, now);
        }
        if (out.len) {
            if (out.oom) { strbuf_free(&out); return sw_fail(err, SW_ERR_NOMEM, "out of memory writing the AIS feed"); }
            sink(user, out.data, out.len);
            strbuf_reset(&out);
        }
    }
    strbuf_free(&out);
    return SW_OK;
}
