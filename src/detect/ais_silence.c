/* ais_silence.c - SW-AIS-DARK and SW-AIS-JAMMING. On feed time, vessels
 * inside the VTS area (and not near its edge) that stay silent beyond
 * dark_factor times their ITU-R M.1371-5 reporting interval become
 * pending. When jam_min_vessels or more fell silent within jam_window of
 * one another, the area lost them at once: one JAMMING alert for all of
 * them. A vessel still alone after jam_window has gone dark: DARK, and
 * DARK again (low) when it reappears, with the gap and the distance. */
#include <stdio.h>
#include "detect/ais_internal.h"

enum { HEARD = 0, PENDING, DARK, JAMMED, UNWATCHED };

typedef struct silence_vessel {
    uint8_t phase;
    int64_t silent_since;           /* time of the last report before the silence */
    int64_t pending_at;             /* when it was found silent */
    uint64_t last_line;
    double lat, lon;
} silence_vessel;

typedef struct pending_entry { uint32_t index, gen; } pending_entry;

#define PENDING_MAX 8192u

typedef struct silence_state {
    uint32_t n;
    pending_entry pending[PENDING_MAX];
    uint32_t members[PENDING_MAX];  /* scratch for one jam group */
    bool jam_active;
    int64_t jam_first, jam_last;    /* silent_since range of the last jam */
    uint64_t overflow;
} silence_state;

static size_t state_size(const ais_detect_config *cfg) { return sizeof(silence_state); }

static silence_vessel *vstate(ais_detect *e, uint32_t index)
{
    return ais_vessel_state(e, ais_family_index(&ais_family_silence), index);
}

static bool is_ship(const ais_vessel *v)
{
    return v->cls == AIS_CLASS_A || v->cls == AIS_CLASS_B_SO || v->cls == AIS_CLASS_B_CS;
}

static double threshold_s(const ais_detect *e, const ais_vessel *v, const ais_fix *f)
{
    double sog = f->sog >= AIS_SPEED_NOT_AVAILABLE ? 0 : f->sog / 10.0;
    double t = e->cfg.dark_factor * ais_reporting_interval_s(v->cls, sog, v->nav_status, false);
    /* A slow class A ship under way may be mooring or anchoring: its 3 min
     * cadence starts with one report announcing the new status, and when
     * that one report is lost the next comes 3 min later. Allow the slow
     * cadence plus two of the old intervals before calling it dark. */
    if (v->cls == AIS_CLASS_A && sog <= 3 && v->nav_status != 1 && v->nav_status != 5) {
        double mooring = ais_reporting_interval_s(v->cls, sog, 5, false) +
                         2 * ais_reporting_interval_s(v->cls, sog, v->nav_status, false);
        if (t < mooring) t = mooring;
    }
    return t < e->cfg.dark_min_s ? e->cfg.dark_min_s : t;
}

static void fill_common(ais_alert *a, int64_t now)
{
    a->t_ms = now;
}

static void raise_dark(ais_detect *e, ais_vessel *v, uint32_t index, silence_vessel *s, int64_t now)
{
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_DARK, NULL);
    fill_common(&a, now);
    a.mmsi = v->mmsi;
    a.vessel = v;
    a.has_pos = true;
    a.lat = s->lat;
    a.lon = s->lon;
    ais_alert_line(&a, s->last_line);
    snprintf(a.message, sizeof a.message,
             "MMSI %09u (%s) silent for %.0f s inside the VTS area at %.5f,%.5f (class %s, expected every %.0f s)",
             v->mmsi, v->name[0] ? v->name : "no name", (double)(now - s->silent_since) / 1000.0, s->lat, s->lon,
             ais_class_name(v->cls), threshold_s(e, v, ais_vessel_last_fix(v)) / e->cfg.dark_factor);
    ais_raise(e, &a, index);
    s->phase = DARK;
}

static void raise_jam(ais_detect *e, silence_state *st, const uint32_t *members, size_t n, int64_t now)
{
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_JAMMING, NULL);
    fill_common(&a, now);
    double lat = 0, lon = 0;
    int64_t first = INT64_MAX, last = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        ais_vessel *v = ais_tracker_at(ais_detect_tracker(e), members[i]);
        silence_vessel *s = vstate(e, members[i]);
        s->phase = JAMMED;
        lat += s->lat;
        lon += s->lon;
        if (s->silent_since < first) first = s->silent_since;
        if (s->silent_since > last) last = s->silent_since;
        if (a.n_mmsis < AIS_ALERT_MAX_MMSIS) a.mmsis[a.n_mmsis++] = v->mmsi;
        ais_alert_line(&a, s->last_line);
        v->checks |= 1u << AIS_CHECK_JAMMING;
        v->dirty = true;
    }
    a.total_mmsis = n;
    a.has_pos = true;
    a.lat = lat / (double)n;
    a.lon = lon / (double)n;
    snprintf(a.message, sizeof a.message,
             "%zu vessels in the VTS area fell silent within %.0f s of each other around %.5f,%.5f", n,
             (double)(last - first) / 1000.0, a.lat, a.lon);
    st->jam_active = true;
    st->jam_first = first;
    st->jam_last = last;
    ais_raise(e, &a, AIS_TRACK_NONE);
}

/* Pending vessels: jammed together, attributed to the current jam, or dark. */
static void resolve(ais_detect *e, silence_state *st, int64_t now, bool final)
{
    ais_tracker *tr = ais_detect_tracker(e);
    int64_t window = (int64_t)e->cfg.jam_window_s * 1000;
    uint32_t keep = 0;
    uint32_t *members = st->members;
    size_t nm = 0;
    /* drop entries whose vessel was evicted or heard again */
    for (uint32_t i = 0; i < st->n; i++) {
        pending_entry pe = st->pending[i];
        ais_vessel *v = ais_tracker_at(tr, pe.index);
        if (!v || v->gen != pe.gen || vstate(e, pe.index)->phase != PENDING) continue;
        st->pending[keep++] = pe;
    }
    st->n = keep;
    /* the largest group silent within one window: slide over the silences */
    for (uint32_t i = 0; i < st->n; i++) {
        silence_vessel *si = vstate(e, st->pending[i].index);
        if (st->jam_active && si->silent_since >= st->jam_first - 180000 - window &&
            si->silent_since <= st->jam_last + window) {
            si->phase = JAMMED;   /* part of the jam already reported */
            continue;
        }
        size_t count = 0;
        for (uint32_t j = 0; j < st->n; j++) {
            silence_vessel *sj = vstate(e, st->pending[j].index);
            if (sj->phase == PENDING && sj->silent_since >= si->silent_since &&
                sj->silent_since - si->silent_since <= window)
                count++;
        }
        if (count >= e->cfg.jam_min_vessels && e->cfg.jam_min_vessels > 0) {
            nm = 0;
            for (uint32_t j = 0; j < st->n; j++) {
                silence_vessel *sj = vstate(e, st->pending[j].index);
                if (sj->phase == PENDING && sj->silent_since >= si->silent_since &&
                    sj->silent_since - si->silent_since <= window)
                    members[nm++] = st->pending[j].index;
            }
            raise_jam(e, st, members, nm, now);
        }
    }
    keep = 0;
    for (uint32_t i = 0; i < st->n; i++) {
        uint32_t idx = st->pending[i].index;
        silence_vessel *s = vstate(e, idx);
        if (s->phase != PENDING) continue;
        if (final || now - s->pending_at >= window) raise_dark(e, ais_tracker_at(tr, idx), idx, s, now);
        else st->pending[keep++] = st->pending[i];
    }
    st->n = keep;
}

static void tick(ais_detect *e, void *state, int64_t now, bool final)
{
    silence_state *st = state;
    ais_tracker *tr = ais_detect_tracker(e);
    int64_t min_ms = (int64_t)e->cfg.dark_min_s * 1000;
    double edge_min = e->cfg.dark_edge_nm * AIS_NM_M;
    /* oldest first: stop at the first vessel heard too recently to be silent */
    for (ais_vessel *v = ais_tracker_oldest(tr); v; v = ais_tracker_newer(tr, v)) {
        if (v->last_seen_ms == AIS_NO_TIME) continue;
        if (now - v->last_seen_ms < min_ms) break;
        uint32_t idx = ais_tracker_index(tr, v);
        silence_vessel *s = vstate(e, idx);
        const ais_fix *f = ais_vessel_last_fix(v);
        if (s->phase != HEARD || !is_ship(v) || !f || f->t_ms == AIS_NO_TIME) continue;
        if ((double)(now - v->last_seen_ms) / 1000.0 <= threshold_s(e, v, f)) continue;
        double edge = 0, lat = ais_fix_lat(f), lon = ais_fix_lon(f);
        if (!ais_in_vts(e, lat, lon, &edge) || edge < edge_min) {
            s->phase = UNWATCHED;   /* outside the area or at its edge: not judged for this silence */
            continue;
        }
        s->phase = PENDING;
        s->silent_since = v->last_seen_ms;
        s->pending_at = now;
        s->last_line = v->last_line;
        s->lat = lat;
        s->lon = lon;
        if (st->n < PENDING_MAX) st->pending[st->n++] = (pending_entry){ idx, v->gen };
        else { st->overflow++; raise_dark(e, v, idx, s, now); }
    }
    if (st->n) resolve(e, st, now, final);
}

static void on_message(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    silence_vessel *s = vs;
    if (c->created || s->phase == HEARD) return;
    uint8_t was = s->phase;
    s->phase = HEARD;
    /* reappearing after a reported dark period inside the area */
    if (was != DARK || !s->last_line || c->t_ms == AIS_NO_TIME) return;
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_DARK, c);
    a.severity = SEV_LOW;
    a.no_dedup = true;
    ais_alert_line(&a, s->last_line);
    ais_alert_line(&a, c->meta ? c->meta->line_last : 0);
    double d = c->has_fix ? ais_distance_m(s->lat, s->lon, ais_fix_lat(&c->fix), ais_fix_lon(&c->fix)) / AIS_NM_M : -1;
    char dist[64] = "";
    if (d >= 0) snprintf(dist, sizeof dist, ", %.2f nm from where it went silent", d);
    snprintf(a.message, sizeof a.message, "MMSI %09u reappeared after %.0f s silent in the VTS area%s", c->m->mmsi,
             (double)(c->t_ms - s->silent_since) / 1000.0, dist);
    ais_raise(e, &a, c->index);
}

const ais_family ais_family_silence = { "silence", sizeof(silence_vessel), state_size, on_message, tick };
