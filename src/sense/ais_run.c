/* ais_run.c - the AIS sensor loop (ais_run.h): one stream and line
 * numbering per source, time from tag blocks or, on live feeds, the
 * receive clock; alerts rendered once and sent to --eve and the store;
 * vessels written in batches (evicted ones first, dirty ones at each store
 * interval and at the end), and their tracks, trimmed to the configured
 * retention in the same transaction. */
#include "sense/ais_run.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ais/mid.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "store/store_observe.h"
#include "store/store_vessel_track.h"
#include "store/store_vessels.h"

#define VESSEL_BATCH 512
#define TRACK_BATCH 2048
#define TRACK_EVERY_MS 30000         /* a vessel's track keeps one fix per 30 s of feed time */

static volatile sig_atomic_t stop_requested;
static void on_stop_signal(int sig) { (void)sig; stop_requested = 1; }

typedef struct runner {
    const ais_run_options *o;
    ais_run_result *res;
    ais_detect *det;
    ais_stream *stream;
    const char *source;
    bool live, feed_has_time;
    int64_t now_ms;
    strbuf line;
    store_observer *obs;
    store_vessel_rec batch[VESSEL_BATCH];
    struct { char name[37], callsign[8], destination[21], eta[16]; } text[VESSEL_BATCH];   /* the batch's own copies */
    size_t nbatch;
    store_track_point track[TRACK_BATCH];
    size_t ntrack;
    store_track_keep keep;           /* newest_us: the newest point's time so far */
    sw_code store_rc;
    sw_error store_err;
} runner;

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void store_failed(runner *r, sw_code rc, const sw_error *e)
{
    if (rc == SW_OK || r->store_rc != SW_OK) return;
    r->store_rc = rc;
    r->store_err = *e;
}

static void flush_store(runner *r)
{
    if (!r->o->db || r->store_rc != SW_OK) { r->nbatch = r->ntrack = 0; return; }
    sw_error e = { 0 };
    sw_code rc = store_observer_flush(r->obs, &e);
    if (rc == SW_OK) rc = store_put_vessels(r->o->db, r->batch, r->nbatch, &e);
    if (rc == SW_OK) r->res->vessels_stored += r->nbatch;
    uint64_t trimmed = 0;
    if (rc == SW_OK) rc = store_put_track(r->o->db, r->track, r->ntrack, &r->keep, &trimmed, &e);
    if (rc == SW_OK) {
        r->res->track_stored += r->ntrack;
        r->res->track_trimmed += trimmed;
    }
    store_failed(r, rc, &e);
    r->nbatch = 0;
    r->ntrack = 0;
}

static void vessel_rec(runner *r, ais_vessel *v)
{
    if (r->nbatch == VESSEL_BATCH) flush_store(r);
    size_t i = r->nbatch++;
    store_vessel_rec *x = &r->batch[i];
    memset(x, 0, sizeof *x);
    unsigned mid = 0;
    ais_station_kind k = ais_mmsi_kind(v->mmsi, &mid);
    const ais_mid *md = mid ? ais_mid_lookup(mid) : NULL;
    x->mmsi = v->mmsi;
    x->station = ais_station_kind_name(k);
    x->cls = ais_class_name(v->cls);
    x->flag = md ? md->iso : NULL;
    /* copies: an evicted vessel's slot is reused before the batch is written */
    memcpy(r->text[i].name, v->name, sizeof v->name);
    memcpy(r->text[i].callsign, v->callsign, sizeof v->callsign);
    memcpy(r->text[i].destination, v->destination, sizeof v->destination);
    x->name = r->text[i].name;
    x->callsign = r->text[i].callsign;
    x->destination = r->text[i].destination;
    x->imo = v->imo;
    x->shiptype = v->shiptype;
    x->length_m = v->to_bow + v->to_stern;
    x->beam_m = v->to_port + v->to_starboard;
    x->draught_m = v->draught / 10.0;
    if (v->eta_month && v->eta_month <= 12 && v->eta_day && v->eta_day <= 31 && v->eta_hour < 24 && v->eta_minute < 60) {
        snprintf(r->text[i].eta, sizeof r->text[i].eta, "%02u-%02uT%02u:%02u", v->eta_month, v->eta_day, v->eta_hour,
                 v->eta_minute);
        x->eta = r->text[i].eta;
    }
    const ais_fix *f = ais_vessel_last_fix(v);
    x->sog_kn = x->cog_deg = -1;
    x->heading = x->nav_status = -1;
    if (f) {
        x->has_pos = true;
        x->lat = ais_fix_lat(f);
        x->lon = ais_fix_lon(f);
        if (f->sog < AIS_SPEED_NOT_AVAILABLE) x->sog_kn = f->sog / 10.0;
        if (f->cog < AIS_COURSE_NOT_AVAILABLE) x->cog_deg = f->cog / 10.0;
    }
    if (v->heading < 360) x->heading = v->heading;
    if (v->nav_status < 15) x->nav_status = v->nav_status;
    x->first_seen = v->first_seen_ms == AIS_NO_TIME ? STORE_NO_TIME : v->first_seen_ms * 1000;
    x->last_seen = v->last_seen_ms == AIS_NO_TIME ? STORE_NO_TIME : v->last_seen_ms * 1000;
    x->first_line = (int64_t)v->first_line;
    x->last_line = (int64_t)v->last_line;
    x->messages = v->messages - v->stored_messages;
    x->positions = v->positions - v->stored_positions;
    x->alerts = v->alerts - v->stored_alerts;
    x->status = ais_vessel_status(v);
    for (int c = 0; c < AIS_CHECK__COUNT && x->n_checks < STORE_VESSEL_MAX_CHECKS; c++)
        if (v->checks & (1u << c)) x->checks[x->n_checks++] = ais_checks[c].id;
    v->stored_messages = v->messages;
    v->stored_positions = v->positions;
    v->stored_alerts = v->alerts;
    v->dirty = false;
}

/* The tracker is about to drop v: keep what it knew. */
static void on_evict(void *user, const ais_vessel *v)
{
    runner *r = user;
    if (!r->o->db || !v->dirty) return;
    vessel_rec(r, (ais_vessel *)v);
}

static void store_dirty(runner *r)
{
    if (!r->o->db) return;
    ais_tracker *t = ais_detect_tracker(r->det);
    for (uint32_t i = 0;; i++) {
        ais_vessel *v = ais_tracker_at(t, i);
        if (!v) break;
        if (v->dirty) vessel_rec(r, v);
    }
    flush_store(r);
}

static void on_alert(void *user, const ais_alert *a)
{
    runner *r = user;
    r->res->alerts_total++;
    if (r->o->on_alert) r->o->on_alert(r->o->on_alert_user, a);
    strbuf_reset(&r->line);
    ais_alert_render(a, r->source, &r->line);
    if (r->o->db && r->store_rc == SW_OK) {
        const ais_check_info *ci = &ais_checks[a->check];
        store_alert_rec rec = {
            .ts = a->t_ms * 1000, .rule_id = ci->id, .rule_name = ci->name,
            .severity = detect_severity_name(a->severity), .dataset = "seawall.ais",
            .src_port = -1, .dst_port = -1, .protocol = "ais", .ecs = r->line.data,
        };
        sw_error e = { 0 };
        sw_code rc = store_observer_alert(r->obs, &rec, &e);
        if (rc == SW_OK) r->res->alerts_stored++;
        store_failed(r, rc, &e);
    }
    if (r->o->eve) {
        strbuf_putc(&r->line, '\n');
        fwrite(r->line.data, 1, r->line.len, r->o->eve);
    }
}

/* The message's position, if it gave the vessel a new dated fix at least
 * TRACK_EVERY_MS after the last one the track took. */
static void track_point(runner *r, const ais_msg *m, const ais_meta *meta)
{
    ais_vessel *v = ais_tracker_find(ais_detect_tracker(r->det), m->mmsi);
    const ais_fix *f = v ? ais_vessel_last_fix(v) : NULL;
    if (!f || f->line != meta->line_last || f->t_ms == AIS_NO_TIME) return;
    if (v->track_stored_ms && f->t_ms - v->track_stored_ms < TRACK_EVERY_MS && f->t_ms >= v->track_stored_ms) return;
    if (r->ntrack == TRACK_BATCH) flush_store(r);
    store_track_point *p = &r->track[r->ntrack++];
    p->mmsi = v->mmsi;
    p->ts = f->t_ms * 1000;
    p->lat = ais_fix_lat(f);
    p->lon = ais_fix_lon(f);
    p->sog_kn = f->sog < AIS_SPEED_NOT_AVAILABLE ? f->sog / 10.0 : -1;
    p->cog_deg = f->cog < AIS_COURSE_NOT_AVAILABLE ? f->cog / 10.0 : -1;
    p->line = (int64_t)f->line;
    if (p->ts > r->keep.newest_us) r->keep.newest_us = p->ts;
    v->track_stored_ms = f->t_ms;
}

static void on_line(void *user, const char *line, size_t len)
{
    runner *r = user;
    ais_msg m;
    ais_meta meta;
    if (!ais_stream_line(r->stream, line, len, &m, &meta)) return;
    if (r->live) r->now_ms = wall_ms();
    int64_t t = AIS_NO_TIME;
    if (meta.has_time) {
        t = meta.time_ms;
        r->feed_has_time = true;
    } else if (r->live) {
        t = r->now_ms;   /* the receive clock */
    }
    ais_detect_message(r->det, &m, &meta, t, r->now_ms);
    if (r->o->db) track_point(r, &m, &meta);
}

static void add_stats(ais_stats *sum, const ais_stats *s)
{
    uint64_t *d = (uint64_t *)sum;
    const uint64_t *x = (const uint64_t *)s;
    for (size_t i = 0; i < sizeof *sum / sizeof(uint64_t); i++) d[i] += x[i];
}

static void add_feed(ais_feed_stats *sum, const ais_feed_stats *s)
{
    sum->bytes += s->bytes;
    sum->lines += s->lines;
    sum->datagrams += s->datagrams;
    sum->connects += s->connects;
    sum->disconnects += s->disconnects;
    sum->cut_lines += s->cut_lines;
}

static void run_source(runner *r, ais_feed *f)
{
    const ais_detect_config *cfg = &r->o->cfg;
    uint32_t every = r->o->store_every_s ? r->o->store_every_s : 5;
    int64_t last_tick = wall_ms(), last_store = last_tick;
    while (!stop_requested) {
        int got = ais_feed_poll(f, r->live ? 200 : 0, on_line, r);
        if (got < 0) break;
        if (!r->live) continue;
        int64_t now = wall_ms();
        r->now_ms = now;
        /* With the receive clock as time, silence is judged even when nothing arrives. */
        if (!r->feed_has_time && now - last_tick >= (int64_t)cfg->tick_s * 1000) {
            ais_detect_tick(r->det, now);
            last_tick = now;
        }
        if (now - last_store >= (int64_t)every * 1000) {
            store_dirty(r);
            if (r->o->eve) fflush(r->o->eve);
            last_store = now;
        }
    }
}

sw_code ais_run(const ais_run_options *o, ais_run_result *res, sw_error *err)
{
    memset(res, 0, sizeof *res);
    runner *r = calloc(1, sizeof *r);
    ais_feed *f = malloc(sizeof *f);
    ais_stream *s = malloc(sizeof *s);
    if (!r || !f || !s) {
        free(r); free(f); free(s);
        return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    }
    r->o = o;
    r->res = res;
    r->stream = s;
    r->now_ms = wall_ms();
    r->keep.newest_us = INT64_MIN;
    r->keep.max_age_us = o->track_keep_us > 0 ? o->track_keep_us : AIS_TRACK_KEEP_DAYS * 86400LL * 1000000;
    r->keep.max_points = o->track_points ? o->track_points : AIS_TRACK_POINTS;
    strbuf_init(&r->line);
    sw_code rc = SW_OK;
    if (o->db && !(r->obs = store_observer_open(o->db, 0, err))) rc = SW_ERR_DB;
    ais_geo_model geo;
    ais_geo_model_init(&geo, o->model, o->land);
    if (rc == SW_OK && !(r->det = ais_detect_create(&o->cfg, &geo.geo, on_alert, r, on_evict, r)))
        rc = sw_fail(err, SW_ERR_NOMEM, "cannot allocate the vessel table (lower --vessels?)");

    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    stop_requested = 0;
    int64_t start = wall_ms();
    for (size_t i = 0; rc == SW_OK && i < o->n_sources && !stop_requested; i++) {
        sw_error fe = { 0 };
        sw_code orc = ais_feed_open(f, o->sources[i], &fe);
        if (orc == SW_ERR_USAGE) { rc = sw_fail(err, orc, "%s", fe.msg); break; }
        if (orc != SW_OK) {
            log_error("%s", fe.msg);
            res->sources_failed++;
            continue;
        }
        ais_stream_init(s);
        r->source = strcmp(o->sources[i], "-") == 0 ? "stdin" : o->sources[i];
        r->live = ais_feed_is_live(f);
        run_source(r, f);
        ais_stream_finish(s);
        add_stats(&res->stream, &s->stats);
        add_feed(&res->feed, &f->stats);
        ais_feed_close(f);
    }
    res->interrupted = stop_requested != 0;
    if (r->det) {
        ais_detect_finish(r->det, r->live && !r->feed_has_time ? wall_ms() : AIS_NO_TIME);
        store_dirty(r);
        res->detect = *ais_detect_get_stats(r->det);
        res->tracker = *ais_tracker_get_stats(ais_detect_tracker(r->det));
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    res->seconds = (double)(wall_ms() - start) / 1000.0;
    if (rc == SW_OK && r->store_rc != SW_OK) rc = sw_fail(err, r->store_rc, "%s", r->store_err.msg);
    if (rc == SW_OK && res->sources_failed) rc = sw_fail(err, SW_ERR_IO, "%zu input(s) could not be read", res->sources_failed);
    ais_detect_destroy(r->det);
    store_observer_close(r->obs);
    strbuf_free(&r->line);
    free(r);
    free(f);
    free(s);
    return rc;
}
