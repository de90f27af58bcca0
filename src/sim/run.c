/* run.c - sim_run: builds the host table, lets every profile plan its
 * flows, schedules the chosen scenarios across the duration, then runs
 * the timeline. Each planner draws from its own stream so adding a
 * profile or scenario leaves the others' traffic unchanged. */
#include <stdlib.h>
#include <string.h>
#include "core/hashmap.h"
#include "sim/scenario.h"

void sim_options_default(sim_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->start = SIM_DEFAULT_START;
    o->duration = SIM_S(3600);
    o->scale = 1;
    o->scenarios = true;
}

/* Is id in the comma-separated list? */
static bool in_list(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, id, n) == 0) return true;
        p += len + (e ? 1 : 0);
    }
    return false;
}

/* Every name in `only` must be a known scenario. */
static sw_code check_only(const char *only, sw_error *err)
{
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        bool known = false;
        for (size_t i = 0; i < sim_scenario_count() && !known; i++) {
            const char *id = sim_scenario_at(i)->id;
            known = strlen(id) == len && strncmp(id, p, len) == 0;
        }
        if (!known && len) return sw_fail(err, SW_ERR_USAGE, "unknown scenario '%.*s'", (int)len, p);
        p += len + (e ? 1 : 0);
    }
    return SW_OK;
}

static void plan_scenarios(sim_ctx *c, prng *root)
{
    const sim_options *o = &c->opt;
    const sim_scenario *chosen[SIM_MAX_RUNS];
    size_t n = 0;
    for (size_t i = 0; i < sim_scenario_count() && n < SIM_MAX_RUNS; i++) {
        const sim_scenario *s = sim_scenario_at(i);
        if (o->only ? in_list(o->only, s->id) : sim_scenario_by_default(s)) chosen[n++] = s;
    }
    /* Evenly spread with a seed-dependent nudge, so windows never overlap
     * and each sits well inside the capture. */
    sw_time_us slot = o->duration / (sw_time_us)(n + 1);
    for (size_t i = 0; i < n; i++) {
        sim_scenario_run *run = &c->res->runs[c->res->n_runs++];
        run->def = chosen[i];
        run->first = run->last = -1;
        c->setup = prng_fork(root, hash_bytes(chosen[i]->id, strlen(chosen[i]->id)));
        run->planned = o->start + slot * (sw_time_us)(i + 1) + sim_uniform(&c->setup, 0, slot / 4) - slot / 8;
        /* A long scenario (a beacon series) starts early enough to finish inside the capture. */
        sw_time_us latest = scn_latest_start(c, chosen[i]->span);
        if (run->planned > latest) run->planned = latest;
        sw_error e = { 0 };
        if (!chosen[i]->inject(c, run, &e)) {
            run->skipped = true;
            snprintf(run->reason, sizeof run->reason, "%.150s", e.msg[0] ? e.msg : "the model lacks what it needs");
        }
    }
}

sw_code sim_run(const port_model *m, const sim_options *o, sim_sink_fn sink, void *user,
                sim_result *res, sw_error *err)
{
    memset(res, 0, sizeof *res);
    res->first = res->last = -1;
    if (o->duration <= 0) return sw_fail(err, SW_ERR_USAGE, "duration must be positive");
    if (o->scale < 1 || o->scale > 100000) return sw_fail(err, SW_ERR_USAGE, "scale must be 1..100000");
    if (o->only && check_only(o->only, err) != SW_OK) return err ? err->code : SW_ERR_USAGE;

    sim_ctx *c = calloc(1, sizeof *c);
    if (!c) return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    c->m = m;
    c->opt = *o;
    c->end = o->start + o->duration;
    c->sink = sink;
    c->sink_user = user;
    c->res = res;
    arena_init(&c->mem, 64 * 1024);
    evq_init(&c->q);
    prng root;
    prng_seed(&root, o->seed);

    sw_code rc = sim_hosts_build(c, err);
    if (rc == SW_OK) {
        for (size_t i = 0; sim_profile_at(i); i++) {
            const sim_profile *p = sim_profile_at(i);
            if (!p->plan) continue;
            c->setup = prng_fork(&root, hash_bytes(p->name, strlen(p->name)));
            p->plan(c, p);
        }
        if (o->scenarios) plan_scenarios(c, &root);
        res->hosts = c->n_hosts;
        rc = sim_engine_loop(c, err);
    }
    sim_engine_free(c);
    evq_free(&c->q);
    free(c->hosts);
    arena_free(&c->mem);
    free(c);
    return rc;
}
