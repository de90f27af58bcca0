/* cli_drill_feeds.c - a drill's scenario through every feed a port runs:
 * the simulator writes the pcap, ais.nmea, access.csv and vms.syslog as
 * `seawall sim` does, and the sensors of `seawall sense --pcap --access
 * --vms` and `seawall sense --ais` read them; alerts go to the caller. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli_drill.h"
#include "core/arena.h"
#include "core/tz.h"
#include "detect/phys_detect.h"
#include "model/land.h"
#include "sense/ais_run.h"
#include "sense/phys_feed.h"
#include "sense/pipeline.h"
#include "sim/converged.h"

typedef struct feed_paths { char dir[4096], pcap[4200], ais[4200], access[4200], vms[4200]; } feed_paths;

static bool make_folder(feed_paths *p)
{
    const char *base = getenv("TMPDIR");
    int bl = snprintf(p->dir, sizeof p->dir - 8, "%s/seawall-drill-", base && *base ? base : "/tmp");
    if (bl < 0 || (size_t)bl >= sizeof p->dir - 8) bl = snprintf(p->dir, sizeof p->dir, "/tmp/seawall-drill-");
    memset(p->dir + bl, 'X', 6);           /* mkdtemp's template: six of them */
    p->dir[bl + 6] = '\0';
    if (!mkdtemp(p->dir)) return false;
    snprintf(p->pcap, sizeof p->pcap, "%s/traffic.pcap", p->dir);
    snprintf(p->ais, sizeof p->ais, "%s/ais.nmea", p->dir);
    snprintf(p->access, sizeof p->access, "%s/access.csv", p->dir);
    snprintf(p->vms, sizeof p->vms, "%s/vms.syslog", p->dir);
    return true;
}

static void remove_folder(const feed_paths *p)
{
    unlink(p->pcap);
    unlink(p->ais);
    unlink(p->access);
    unlink(p->vms);
    rmdir(p->dir);
}

typedef struct ais_file { FILE *f; bool failed; } ais_file;

static void ais_file_sink(void *user, const char *text, size_t len)
{
    ais_file *o = user;
    if (!o->failed && fwrite(text, 1, len, o->f) != len) o->failed = true;
}

/* The AIS feed with the scenario's AIS part, as `seawall sim` writes it. */
static sw_code write_ais(const port_model *m, const sim_options *so, const sim_result *res, const char *path,
                         sim_ais_result *out, sw_error *err)
{
    ais_file af = { fopen(path, "wb"), false };
    if (!af.f) return sw_fail(err, SW_ERR_IO, "cannot write %s: %s", path, strerror(errno));
    sim_ais_request req[SIM_MAX_RUNS];
    size_t n_req = sim_converged_ais_requests(res, req, SIM_MAX_RUNS);
    sw_code rc = sim_ais_run_feed_with(m, so, req, n_req, ais_file_sink, &af, out, err);
    bool closed = fclose(af.f) == 0;
    if (rc == SW_OK && (af.failed || !closed)) rc = sw_fail(err, SW_ERR_IO, "cannot write %s", path);
    return rc;
}

/* The access-control and video feeds: the routine day plus the scenario's events. */
static sw_code write_phys(const port_model *m, const sim_options *so, const sim_result *res, const char *dir, sw_error *err)
{
    sim_phys *ps = sim_phys_create(m, so);
    if (!ps) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    sim_phys_routine(ps);
    sim_converged_phys(res, ps);
    strbuf truth;                          /* the phys ground truth: the drill has its own */
    strbuf_init(&truth);
    sw_code rc = sim_phys_write(ps, dir, &truth, err);
    strbuf_free(&truth);
    sim_phys_free(ps);
    return rc;
}

/* The network and physical-security sensor, one engine as `sense --pcap
 * --access --vms` runs it: file feeds first, then the packets. */
static sw_code sense_net_phys(const port_model *m, const feed_paths *p, bool phys, detect_alert_fn fn, void *user,
                              sw_error *err)
{
    detect_config dc;
    detect_config_default(&dc);
    detect_engine *det = detect_create(m, &dc, fn, user);
    if (!det) return sw_fail(err, SW_ERR_NOMEM, "the detector could not be built");
    sw_code rc = SW_OK;
    arena tz_mem;
    arena_init(&tz_mem, 0);
    if (phys) {
        const sw_tz *tz = NULL;
        if (m->port.timezone) {
            sw_error terr = { 0 };
            tz = tz_load(&tz_mem, m->port.timezone, &terr);
        }
        detect_phys_set_tz(det, tz);
        static phys_profile profiles[2];
        const char *names[2] = { "generic-csv", "milestone-syslog" }, *feeds[2] = { p->access, p->vms };
        for (int k = 0; k < 2 && rc == SW_OK; k++) {
            phys_feed_result fr;
            rc = phys_profile_load(names[k], &profiles[k], err);
            if (rc == SW_OK) rc = phys_feed_run(feeds[k], &profiles[k], tz, det, stderr, &fr, err);
        }
    }
    if (rc == SW_OK) {
        sense_options opt;
        memset(&opt, 0, sizeof opt);
        const char *pcaps[] = { p->pcap };
        opt.pcaps = pcaps;
        opt.n_pcaps = 1;
        opt.progress = 0;
        net_engine_config_default(&opt.engine);
        sense_consumers cons = { .n = 0 };
        sense_consumers_add(&cons, detect_sink(det));
        rc = sense_run(&opt, &cons, NULL, NULL, err);
    }
    detect_destroy(det);
    arena_free(&tz_mem);
    return rc;
}

/* The AIS sensor, as `sense --ais FILE --model` runs it (default checks, the world land layer when found). */
static sw_code sense_ais(const port_model *m, const char *path, ais_alert_fn fn, void *user, sw_error *err)
{
    ais_run_options ro;
    memset(&ro, 0, sizeof ro);
    const char *sources[] = { path };
    ro.sources = sources;
    ro.n_sources = 1;
    ro.model = m;
    ais_detect_config_default(&ro.cfg);
    char buf[4096];
    const char *lp = land_default_path(buf, sizeof buf);
    land_layer *land = NULL;
    if (lp) {
        sw_error le = { 0 };
        land = land_load_file(lp, &le);
    }
    ro.land = land;
    ro.on_alert = fn;
    ro.on_alert_user = user;
    ais_run_result res;
    sw_code rc = ais_run(&ro, &res, err);
    land_free(land);
    return rc;
}

int drill_feeds_sense(const cli_command *cmd, const port_model *m, const sim_options *so, sim_result *res,
                      sim_ais_result *ais, const drill_feed_sinks *sinks)
{
    feed_paths p;
    if (!make_folder(&p)) {
        fprintf(stderr, "seawall %s: cannot make a temporary folder: %s\n", cmd->name, strerror(errno));
        return EXIT_INPUT;
    }
    sw_error err = { 0 };
    sw_code rc = SW_OK;
    sim_pcap *pc = sim_pcap_open(p.pcap, &err);
    if (!pc) rc = SW_ERR_IO;
    else {
        sw_code sc = sim_run(m, so, sim_pcap_sink, pc, res, &err);
        sw_code cc = sim_pcap_close(pc, sc == SW_OK ? &err : NULL);
        rc = sc != SW_OK ? sc : cc;
    }
    const sim_scenario_run *r = NULL;
    for (size_t i = 0; rc == SW_OK && i < res->n_runs; i++)
        if (!res->runs[i].skipped && !strcmp(sim_scenario_id(res->runs[i].def), so->only)) r = &res->runs[i];
    /* Only the feeds the scenario's story uses: the others would add benign traffic and nothing to see. */
    const char *why = NULL;
    bool want_ais = r && r->ais_scenario && sim_ais_possible(m, &why);
    bool want_phys = r && r->n_phys;
    memset(ais, 0, sizeof *ais);
    if (rc == SW_OK && want_ais) rc = write_ais(m, so, res, p.ais, ais, &err);
    if (rc == SW_OK) sim_converged_windows(res, want_ais ? ais : NULL);
    if (rc == SW_OK && want_phys) rc = write_phys(m, so, res, p.dir, &err);
    if (rc == SW_OK && sinks->ready) sinks->ready(sinks->user, res, want_ais ? ais : NULL);
    if (rc == SW_OK && r && r->packets + r->n_phys) rc = sense_net_phys(m, &p, want_phys, sinks->alert, sinks->user, &err);
    if (rc == SW_OK && want_ais) rc = sense_ais(m, p.ais, sinks->ais_alert, sinks->user, &err);
    if (rc != SW_OK) fprintf(stderr, "seawall %s: playing the scenario: %s\n", cmd->name, err.msg);
    remove_folder(&p);
    return rc == SW_OK ? EXIT_OK : rc == SW_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
}
