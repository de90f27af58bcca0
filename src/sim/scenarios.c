/* scenarios.c - the scenario table, built from scenarios.def, and the
 * model queries scenarios share to find their actors on any port. */
#include <ctype.h>
#include <string.h>
#include "sim/scenario.h"

#define SIM_SCENARIO(ident) extern const sim_scenario ident;
#include "sim/scenarios.def"
#undef SIM_SCENARIO

static const sim_scenario *const scenarios[] = {
#define SIM_SCENARIO(ident) &ident,
#include "sim/scenarios.def"
#undef SIM_SCENARIO
    NULL,
};

size_t sim_scenario_count(void) { return sizeof scenarios / sizeof scenarios[0] - 1; }
const sim_scenario *sim_scenario_at(size_t i) { return i < sim_scenario_count() ? scenarios[i] : NULL; }
const char *sim_scenario_id(const sim_scenario *s) { return s->id; }
const char *sim_scenario_name(const sim_scenario *s) { return s->name; }
/* Converged scenarios re-stage single-domain stories across the feeds and
 * would crowd a default run's schedule: they run when named. */
bool sim_scenario_by_default(const sim_scenario *s) { return strncmp(s->id, "converged-", 10) != 0; }

static bool mentions(const char *s, const char *word)
{
    if (!s) return false;
    size_t n = strlen(word);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)word[i])) i++;
        if (i == n) return true;
    }
    return false;
}

static size_t controllers_in(const sim_ctx *c, int zone)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_hosts; i++) n += c->hosts[i].zone == zone && sim_is_plc(c, &c->hosts[i]);
    return n;
}

int scn_zone_like(const sim_ctx *c, const char *word)
{
    int best = -1;
    size_t best_n = 0;
    for (size_t z = 0; z < c->m->n_zones; z++) {
        const model_zone *zn = &c->m->zones[z];
        if (!mentions(zn->id, word) && !mentions(zn->name, word)) continue;
        size_t n = controllers_in(c, (int)z);
        if (best < 0 || n > best_n) { best = (int)z; best_n = n; }
    }
    return best;
}

int scn_busiest_control_zone(const sim_ctx *c)
{
    int best = -1;
    size_t best_n = 0;
    for (size_t z = 0; z < c->m->n_zones; z++) {
        size_t n = controllers_in(c, (int)z);
        if (n > best_n) { best = (int)z; best_n = n; }
    }
    return best;
}

size_t scn_entry_zones(const sim_ctx *c, const char *kind, int *out, size_t max)
{
    size_t n = 0;
    for (size_t e = 0; e < c->m->n_entry_points; e++) {
        const model_entry_point *ep = &c->m->entry_points[e];
        if (!ep->kind || strcmp(ep->kind, kind) != 0) continue;
        for (size_t r = 0; r < ep->reaches.len && n < max; r++) {
            int z = sim_zone_index(c, ep->reaches.items[r]);
            if (z < 0) {
                int h = sim_host_by_asset(c, ep->reaches.items[r]);
                if (h >= 0) z = c->hosts[h].zone;
            }
            bool dup = false;
            for (size_t k = 0; k < n; k++) dup |= out[k] == z;
            if (z >= 0 && !dup) out[n++] = z;
        }
    }
    return n;
}

int scn_host_in_zone(const sim_ctx *c, int zone, sim_host_pred pred)
{
    for (size_t i = 0; i < c->n_hosts; i++)
        if (c->hosts[i].zone == zone && !c->hosts[i].external && (!pred || pred(c, &c->hosts[i]))) return (int)i;
    return -1;
}

void scn_expect(sim_scenario_run *run, const char *step, const char *rule, const char *techniques)
{
    if (run->n_expect >= SIM_RUN_EXPECT) return;
    for (size_t i = 0; i < run->n_expect; i++)
        if (!strcmp(run->expect[i].rule, rule)) return;
    run->expect[run->n_expect++] = (struct sim_expect){ step, rule, techniques };
}

void scn_phys(sim_scenario_run *run, sw_time_us t, int kind, const char *badge, const char *reader, const char *camera)
{
    if (run->n_phys < SIM_RUN_PHYS) run->phys[run->n_phys++] = (struct sim_phys_req){ t, kind, badge, reader, camera };
}

void scn_local(const sim_ctx *c, sw_time_us t, tz_local *lt) { tz_local_time(c->m->port.tz, t, lt); }

sw_time_us scn_find_local(const sim_ctx *c, sw_time_us from, sw_time_us until,
                          bool (*pred)(const tz_local *lt, const void *arg), const void *arg)
{
    for (sw_time_us t = from; t <= until; t = (t / SIM_S(60) + 1) * SIM_S(60)) {
        tz_local lt;
        scn_local(c, t, &lt);
        if (pred(&lt, arg)) return t;
    }
    return -1;
}

sw_time_us scn_latest_start(const sim_ctx *c, sw_time_us span)
{
    sw_time_us margin = c->opt.duration / 50, t = c->end - span - margin;
    return t > c->opt.start ? t : c->opt.start;
}
