/* pipeline.c - the sensor loop: open each source, feed frames to the engine,
 * show progress on a terminal, stop cleanly on a signal, flush flows. */
#include "sense/pipeline.h"
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/log.h"
#include "sense/capture.h"

static volatile sig_atomic_t stop_requested;
static sense_capture *volatile current_capture;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
    sense_capture *c = current_capture;
    if (c) sense_capture_break(c);
}

bool sense_consumers_add(sense_consumers *c, obs_sink sink)
{
    if (c->n == SENSE_MAX_CONSUMERS) return false;
    c->sinks[c->n++] = sink;
    return true;
}

static void fanout_emit(void *user, const net_observation *o)
{
    const sense_consumers *c = user;
    if ((unsigned)o->kind >= OBS__COUNT) return;
    for (size_t i = 0; i < c->n_by_kind[o->kind]; i++) {
        const obs_sink *s = &c->sinks[c->by_kind[o->kind][i]];
        if (s->emit) s->emit(s->user, o);
    }
}

obs_sink sense_consumers_sink(sense_consumers *c)
{
    obs_sink s = { fanout_emit, c, 0 };
    memset(c->n_by_kind, 0, sizeof c->n_by_kind);
    for (size_t i = 0; i < c->n; i++) {
        s.kinds |= c->sinks[i].kinds;
        for (int k = 0; k < OBS__COUNT; k++)
            if (c->sinks[i].kinds & OBS_MASK(k)) c->by_kind[k][c->n_by_kind[k]++] = (uint8_t)i;
    }
    return s;
}

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct progress {
    bool on;
    double start, last;
    uint64_t packets;
    const uint64_t *alerts;      /* NULL: no detection, no alert count */
} progress;

/* One line on stderr, rewritten in place: never on stdout, so --json and
 * --eve - stay clean. */
static void progress_show(progress *pg, const sense_capture *c, size_t idx, size_t total, bool force)
{
    double now = mono_seconds();
    if (!force && now - pg->last < 0.25) return;
    pg->last = now;
    double rate = pg->packets / (now - pg->start > 1e-6 ? now - pg->start : 1e-6);
    double frac = sense_capture_progress(c);
    char alerts[40] = "";
    if (pg->alerts) snprintf(alerts, sizeof alerts, "  %" PRIu64 " alerts", *pg->alerts);
    if (frac >= 0)
        fprintf(stderr, "\r\033[K[%zu/%zu] %s: %5.1f%%  %" PRIu64 " packets  %.0f packets/s%s", idx + 1, total,
                c->name, frac * 100, pg->packets, rate, alerts);
    else
        fprintf(stderr, "\r\033[K%s: %" PRIu64 " packets  %.0f packets/s%s", c->name, pg->packets, rate, alerts);
}

/* Feeds one source until it ends; returns false on a read error. */
static bool run_source(net_engine *e, sense_capture *c, progress *pg, size_t idx, size_t total,
                       uint64_t *frame, sense_run_info *ri)
{
    sw_error err = { 0 };
    sense_frame f;
    uint64_t local = 0;
    current_capture = c;
    for (;;) {
        if (stop_requested) break;
        sense_next r = sense_capture_next(c, &f, &err);
        if (r == SENSE_NEXT_TIMEOUT) { if (pg->on) progress_show(pg, c, idx, total, false); continue; }
        if (r == SENSE_NEXT_END) break;
        if (r == SENSE_NEXT_ERROR) {
            current_capture = NULL;
            if (pg->on) fputc('\n', stderr);
            /* Damage ends the file, not the run: what came before it is kept. */
            log_warn("%s: reading stopped there; the %" PRIu64 " packets before it are in the results", err.msg, local);
            return false;
        }
        ++*frame;
        ++local;
        if (ri->first_ts == 0 || f.ts < ri->first_ts) ri->first_ts = f.ts;
        if (f.ts > ri->last_ts) ri->last_ts = f.ts;
        net_engine_packet(e, c->link, f.ts, *frame, f.data, f.caplen, f.wirelen);
        pg->packets++;
        if (pg->on && (pg->packets & 4095) == 0) progress_show(pg, c, idx, total, false);
    }
    current_capture = NULL;
    return true;
}

sw_code sense_run(const sense_options *opt, sense_consumers *consumers, sense_report_fn report, void *user,
                  sw_error *err)
{
    obs_sink sink = sense_consumers_sink(consumers);
    net_engine *e = net_engine_create(&opt->engine, &sink);
    if (!e) return sw_fail(err, SW_ERR_NOMEM, "cannot allocate the flow table and buffers (lower --flows?)");

    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    stop_requested = 0;

    progress pg = { opt->progress > 0 || (opt->progress < 0 && isatty(STDERR_FILENO)), mono_seconds(), 0, 0,
                    opt->alerts };
    sense_run_info ri;
    memset(&ri, 0, sizeof ri);
    sw_code rc = SW_OK;
    uint64_t frame = 0;
    size_t total = opt->n_pcaps + (opt->iface ? 1 : 0);
    for (size_t i = 0; i < total && !stop_requested; i++) {
        sense_capture cap;
        bool live = i == opt->n_pcaps;
        const char *name = live ? opt->iface : opt->pcaps[i];
        sw_error oe = { 0 };
        sw_code orc = live ? sense_capture_open_live(&cap, name, opt->bpf, &oe)
                           : sense_capture_open_file(&cap, name, opt->bpf, &oe);
        if (orc != SW_OK) {
            log_error("%s", oe.msg);
            ri.input_errors++;
            if (rc == SW_OK) rc = sw_fail(err, orc == SW_ERR_USAGE ? SW_ERR_USAGE : SW_ERR_IO, "%s", oe.msg);
            continue;
        }
        ri.files++;
        if (opt->on_source) opt->on_source(opt->source_user, name, frame);
        if (!run_source(e, &cap, &pg, i, total, &frame, &ri)) ri.input_errors++;
        if (pg.on) progress_show(&pg, &cap, i, total, true);
        sense_capture_close(&cap);
    }
    if (pg.on) fputs("\r\033[K", stderr);
    ri.interrupted = stop_requested != 0;
    ri.inputs = opt->pcaps;
    ri.n_inputs = opt->n_pcaps;
    ri.iface = opt->iface;
    net_engine_flush(e);
    ri.wall_seconds = mono_seconds() - pg.start;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

    net_engine_stats st;
    net_engine_get_stats(e, &st);
    if (report) report(user, &st, &ri);
    net_engine_destroy(e);
    return rc;
}
