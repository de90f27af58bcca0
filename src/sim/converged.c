/* converged.c - hands the converged scenarios' other feeds their parts:
 * the AIS scenarios they ask for, the access-control and video events
 * they schedule, and each scenario's window across all feeds, so the
 * ground truth describes one story per scenario whatever the feed. */
#include "sim/converged.h"
#include <string.h>

size_t sim_converged_ais_requests(const sim_result *res, sim_ais_request *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < res->n_runs && n < max; i++) {
        const sim_scenario_run *r = &res->runs[i];
        if (r->skipped || !r->ais_scenario) continue;
        out[n++] = (sim_ais_request){ r->ais_scenario, sim_scenario_id(r->def), r->ais_at };
    }
    return n;
}

static void widen(sim_scenario_run *r, sw_time_us first, sw_time_us last)
{
    if (first < 0) return;
    if (r->first < 0 || first < r->first) r->first = first;
    if (r->last < 0 || last > r->last) r->last = last;
}

void sim_converged_windows(sim_result *res, const sim_ais_result *ais)
{
    for (size_t i = 0; i < res->n_runs; i++) {
        sim_scenario_run *r = &res->runs[i];
        if (r->skipped) continue;
        for (size_t k = 0; k < r->n_phys; k++) widen(r, r->phys[k].t, r->phys[k].t);
        for (size_t k = 0; ais && k < ais->n_runs; k++) {
            const sim_ais_run *a = &ais->runs[k];
            if (!a->skipped && a->part_of && !strcmp(a->part_of, sim_scenario_id(r->def))) widen(r, a->first, a->last);
        }
    }
}

void sim_converged_phys(const sim_result *res, sim_phys *p)
{
    for (size_t i = 0; i < res->n_runs; i++) {
        const sim_scenario_run *r = &res->runs[i];
        if (r->skipped || !r->n_phys) continue;
        /* The phys ground truth lists the rules its feed alone raises. */
        char rules[160] = "";
        size_t len = 0;
        for (size_t e = 0; e < r->n_expect; e++) {
            const char *rule = r->expect[e].rule;
            if (strncmp(rule, "SW-PHYS-", 8) || !strcmp(rule, "SW-PHYS-ACCOUNT-INACTIVE")) continue;
            int w = snprintf(rules + len, sizeof rules - len, "%s%s", len ? " " : "", rule);
            if (w < 0 || (size_t)w >= sizeof rules - len) break;
            len += (size_t)w;
        }
        const char *id = sim_scenario_id(r->def);
        if (!sim_phys_scenario(p, id, sim_scenario_name(r->def), r->def->description, rules)) continue;
        for (size_t k = 0; k < r->n_phys; k++)
            sim_phys_inject(p, r->phys[k].t, (phys_kind)r->phys[k].kind, r->phys[k].badge, r->phys[k].reader,
                            r->phys[k].camera, id);
    }
}
