/* ais_sim.c - `seawall sim`'s AIS feed: builds the world (the fleet from the
 * model's geography, then the scenarios selected), runs it, and writes the
 * AIS part of the ground truth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim/ais_world.h"

#define AIS_SCENARIO(ident) extern const sim_ais_scenario ident;
#include "sim/ais_scenarios.def"
#undef AIS_SCENARIO

static const sim_ais_scenario *const table[] = {
#define AIS_SCENARIO(ident) &ident,
#include "sim/ais_scenarios.def"
#undef AIS_SCENARIO
    NULL,
};

size_t sim_ais_scenario_count(void) { return sizeof table / sizeof table[0] - 1; }
const sim_ais_scenario *sim_ais_scenario_at(size_t i) { return i < sim_ais_scenario_count() ? table[i] : NULL; }

bool sim_ais_selected(const char *only, const char *id)
{
    if (!only) return true;
    size_t n = strlen(id);
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, id, n) == 0) return true;
        p += len + (e ? 1 : 0);
    }
    return false;
}

bool sim_ais_possible(const port_model *m, const char **why)
{
    if (m->geo.vts_area.polygon.n < 3) { *why = "the model has no geography.vts_area"; return false; }
    if (m->geo.n_water == 0) { *why = "the model has no geography.water areas"; return false; }
    return true;
}

sw_code sim_ais_run_feed(const port_model *m, const sim_options *o, sim_ais_sink_fn sink, void *user,
                         sim_ais_result *res, sw_error *err)
{
    return sim_ais_run_feed_with(m, o, NULL, 0, sink, user, res, err);
}

static const sim_ais_scenario *scenario_by_id(const char *id)
{
    for (size_t i = 0; id && i < sim_ais_scenario_count(); i++)
        if (!strcmp(table[i]->id, id)) return table[i];
    return NULL;
}

sw_code sim_ais_run_feed_with(const port_model *m, const sim_options *o, const sim_ais_request *req, size_t n_req,
                              sim_ais_sink_fn sink, void *user, sim_ais_result *res, sw_error *err)
{
    const char *why;
    memset(res, 0, sizeof *res);
    if (!sim_ais_possible(m, &why)) return sw_fail(err, SW_ERR_INVALID, "no AIS feed: %s", why);
    ais_world *w = calloc(1, sizeof *w);
    if (!w) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    w->m = m;
    w->opt = *o;
    w->end = o->start + o->duration;
    w->res = res;
    w->loss = 0.01;
    w->nmea.source = "AURORA-VTS";
    w->nmea.group = 1;
    prng_seed(&w->setup, o->seed ^ 0xa15a15a15ULL);
    ais_fleet_build(w);
    for (size_t i = 0; o->scenarios && i < sim_ais_scenario_count() && res->n_runs < SIM_AIS_MAX_RUNS; i++) {
        const sim_ais_scenario *def = table[i];
        if (!sim_ais_selected(o->only, def->id)) continue;
        sim_ais_run *run = &res->runs[res->n_runs++];
        run->def = def;
        run->first = run->last = -1;
        sw_error serr = { 0 };
        if (o->duration < def->min_duration) {
            run->skipped = true;
            snprintf(run->reason, sizeof run->reason, "needs a run of at least %lld minutes",
                     (long long)(def->min_duration / SW_US_PER_SEC / 60));
            continue;
        }
        sw_time_us at = o->start + (sw_time_us)(def->plan.at * (double)o->duration);
        at -= at % SW_US_PER_SEC;
        if (!def->inject(w, run, at, &serr)) {
            run->skipped = true;
            snprintf(run->reason, sizeof run->reason, "%.150s", serr.msg[0] ? serr.msg : "cannot be injected");
        }
    }
    for (size_t i = 0; i < n_req && res->n_runs < SIM_AIS_MAX_RUNS; i++) {
        const sim_ais_scenario *def = scenario_by_id(req[i].scenario);
        sim_ais_run *run = &res->runs[res->n_runs++];
        run->def = def ? def : table[0];
        run->part_of = req[i].part_of;
        run->first = run->last = -1;
        sw_error serr = { 0 };
        sw_time_us at = req[i].at - req[i].at % SW_US_PER_SEC;
        if (!def || at < o->start || at >= w->end || !def->inject(w, run, at, &serr)) {
            run->skipped = true;
            snprintf(run->reason, sizeof run->reason, "%.150s",
                     !def ? "unknown AIS scenario" : serr.msg[0] ? serr.msg : "outside the run or cannot be injected");
        }
    }
    res->stations = w->n_st;
    sw_code rc = ais_world_loop(w, sink, user, err);
    free(w);
    return rc;
}

static void kv_time(json_writer *w, const char *k, sw_time_us t)
{
    char buf[SW_TIME_STR_MAX];
    jw_kv_string(w, k, t < 0 ? NULL : time_fmt_rfc3339(t, 0, buf));
}

static void strings(json_writer *w, const char *k, const char *const *items)
{
    jw_key(w, k);
    jw_array_begin(w);
    for (size_t i = 0; items && items[i]; i++) jw_string(w, items[i]);
    jw_array_end(w);
}

void sim_ais_truth_write(json_writer *w, const sim_options *o, const sim_ais_result *res, const char *file)
{
    (void)o;
    jw_key(w, "ais");
    jw_object_begin(w);
    jw_kv_string(w, "file", file);
    jw_kv_uint(w, "sentences", res->sentences);
    jw_kv_uint(w, "messages", res->messages);
    jw_kv_uint(w, "stations", res->stations);
    jw_kv_uint(w, "lost", res->lost);
    jw_key(w, "messages_by_type");
    jw_object_begin(w);
    for (unsigned t = 1; t < 28; t++) {
        if (!res->by_type[t]) continue;
        char k[12];
        snprintf(k, sizeof k, "%u", t);
        jw_kv_uint(w, k, res->by_type[t]);
    }
    jw_object_end(w);
    jw_key(w, "scenarios");
    jw_array_begin(w);
    for (size_t i = 0; i < res->n_runs; i++) {
        const sim_ais_run *r = &res->runs[i];
        if (r->skipped) continue;
        jw_object_begin(w);
        jw_kv_string(w, "id", r->def->id);
        jw_kv_string(w, "name", r->def->name);
        jw_kv_string(w, "description", r->def->description);
        if (r->part_of) jw_kv_string(w, "part_of", r->part_of);
        kv_time(w, "start", r->first);
        kv_time(w, "end", r->last);
        jw_key(w, "mmsis");
        jw_array_begin(w);
        for (size_t k = 0; k < r->n_mmsis; k++) jw_uint(w, r->mmsis[k]);
        jw_array_end(w);
        strings(w, "checks", r->def->checks);
        strings(w, "also", r->def->also);
        strings(w, "techniques", r->def->techniques);
        jw_kv_uint(w, "sentences", r->sentences);
        jw_kv_uint(w, "suppressed", r->suppressed);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "skipped");
    jw_array_begin(w);
    for (size_t i = 0; i < res->n_runs; i++) {
        if (!res->runs[i].skipped) continue;
        jw_object_begin(w);
        jw_kv_string(w, "id", res->runs[i].def->id);
        jw_kv_string(w, "reason", res->runs[i].reason);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}
