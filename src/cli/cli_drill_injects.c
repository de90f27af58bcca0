/* cli_drill_injects.c - a drill's injects from the port simulator: the
 * scenario is injected into the model's traffic in memory, and what the
 * team would see (access-control and video events at their times, the AIS
 * feed turning, the alerts its ground truth expects once its network
 * activity has run) becomes the timed injects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli/cli_drill.h"
#include "phys/phys.h"
#include "sim/scenario.h"
#include "sim/sim.h"

static void count_frame(void *user, sw_time_us ts, const uint8_t *frame, size_t len)
{
    (void)ts; (void)frame; (void)len;
    (*(uint64_t *)user)++;
}

static void add_target(drill_scenario *d, const char *t)
{
    if (!t || !*t) return;
    for (size_t i = 0; i < d->n_targets; i++)
        if (!strcasecmp(d->targets[i], t)) return;
    if (d->n_targets < DRILL_MAX_TARGETS) snprintf(d->targets[d->n_targets++], sizeof d->targets[0], "%s", t);
}

static void add_asset(drill_scenario *d, const char *id)
{
    size_t l = strlen(d->assets), n = strlen(id);
    char probe[160];
    snprintf(probe, sizeof probe, ",%s,", id);
    char have[1100];
    snprintf(have, sizeof have, ",%s,", d->assets);
    if (strstr(have, probe) || l + n + 2 >= sizeof d->assets) return;
    snprintf(d->assets + l, sizeof d->assets - l, "%s%s", l ? "," : "", id);
}

static drill_inject *add_inject(drill_scenario *d, sw_time_us t)
{
    if (d->n_injects == DRILL_MAX_INJECTS) return NULL;
    drill_inject *x = &d->injects[d->n_injects++];
    x->t = t;
    x->text[0] = '\0';
    return x;
}

static int by_time(const void *a, const void *b)
{
    const drill_inject *x = a, *y = b;
    return x->t < y->t ? -1 : x->t > y->t;
}

int drill_scenario_play(const cli_command *cmd, const port_model *m, const char *id, sw_time_us start, uint64_t seed,
                        drill_scenario *out)
{
    memset(out, 0, sizeof *out);
    const sim_scenario *def = NULL;
    for (size_t i = 0; i < sim_scenario_count(); i++)
        if (!strcmp(sim_scenario_id(sim_scenario_at(i)), id)) def = sim_scenario_at(i);
    if (!def) {
        fprintf(stderr, "seawall %s: no scenario '%s'; the scenarios are:", cmd->name, id);
        for (size_t i = 0; i < sim_scenario_count(); i++) fprintf(stderr, " %s", sim_scenario_id(sim_scenario_at(i)));
        fprintf(stderr, "\n");
        return EXIT_USAGE;
    }
    sim_options so;
    sim_options_default(&so);
    so.seed = seed;
    if (start) so.start = start;
    so.only = id;
    static sim_result res;             /* large (SIM_MAX_RUNS runs); one drill a process */
    memset(&res, 0, sizeof res);
    uint64_t frames = 0;
    sw_error err = { 0 };
    if (sim_run(m, &so, count_frame, &frames, &res, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: simulator: %s\n", cmd->name, err.msg);
        return EXIT_INPUT;
    }
    const sim_scenario_run *r = NULL;
    for (size_t i = 0; i < res.n_runs; i++)
        if (res.runs[i].def == def) r = &res.runs[i];
    if (!r || r->skipped) {
        fprintf(stderr, "seawall %s: the port model cannot play %s: %s\n", cmd->name, id, r ? r->reason : "not planned");
        return EXIT_FINDINGS;
    }
    snprintf(out->id, sizeof out->id, "%s", def->id);
    snprintf(out->name, sizeof out->name, "%s", def->name);
    for (size_t h = 0; h < r->n_hosts; h++) {
        add_target(out, r->hosts[h].id);
        if (r->hosts[h].in_model) add_asset(out, r->hosts[h].id);
    }
    sw_time_us first = r->first >= 0 ? r->first : r->planned, last = r->first >= 0 ? r->last : r->planned;
    for (size_t p = 0; p < r->n_phys; p++) {
        const struct sim_phys_req *q = &r->phys[p];
        drill_inject *x = add_inject(out, q->t);
        if (!x) break;
        snprintf(x->text, sizeof x->text, "%s: %s%s%s%s%s%s%s", q->camera && !q->reader ? "video (VMS)" : "access control",
                 phys_kind_name((phys_kind)q->kind), q->camera ? " camera " : "", q->camera ? q->camera : "",
                 q->reader ? " reader " : "", q->reader ? q->reader : "", q->badge ? " badge " : "", q->badge ? q->badge : "");
        add_target(out, q->camera);
        add_target(out, q->reader);
        add_target(out, q->badge);
        if (q->camera) add_asset(out, q->camera);
        if (q->reader) add_asset(out, q->reader);
        if (q->t < first) first = q->t;
    }
    if (r->ais_scenario) {
        drill_inject *x = add_inject(out, r->ais_at);
        if (x) snprintf(x->text, sizeof x->text, "AIS feed: the VTS picture starts to show %s", r->ais_scenario);
        add_target(out, r->ais_scenario);
        if (r->ais_at < first) first = r->ais_at;
        if (r->ais_at > last) last = r->ais_at;
    }
    /* Network alerts: every expected one has been raised once the
     * scenario's network activity has run (the injects carry no finer time
     * than the scenario's frames give). */
    for (size_t e = 0; r->packets && e < r->n_expect; e++) {
        const struct sim_expect *x = &r->expect[e];
        if (!strncmp(x->rule, "SW-PHYS-", 8) || !strncmp(x->rule, "SW-AIS-", 7)) {
            add_target(out, x->rule);
            continue;
        }
        drill_inject *in = add_inject(out, last);
        if (!in) break;
        char hosts[160] = "";
        for (size_t h = 0; h < r->n_hosts && strlen(hosts) < 120; h++)
            snprintf(hosts + strlen(hosts), sizeof hosts - strlen(hosts), "%s%s %s", h ? ", " : "", r->hosts[h].role, r->hosts[h].id);
        snprintf(in->text, sizeof in->text, "network alert %s (%s; ATT&CK %s) involving %s", x->rule, x->step, x->techniques, hosts);
        add_target(out, x->rule);
    }
    qsort(out->injects, out->n_injects, sizeof out->injects[0], by_time);
    out->attack_start = first;
    out->attack_end = last;
    return EXIT_OK;
}
