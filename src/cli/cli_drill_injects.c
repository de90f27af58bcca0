/* cli_drill_injects.c - a drill's injects from the port simulator: the
 * scenario is played into every feed its story uses, the sensors run over
 * them (cli_drill_feeds.c), and what the team would see becomes the timed
 * injects: the alerts raised on the scenario's hosts, readers, cameras,
 * badges and AIS stations at their own times, access-control and video
 * events, and the AIS feed turning. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cli/cli_drill.h"
#include "core/ipaddr.h"
#include "correlate/correlate.h"
#include "detect/detect.h"
#include "phys/phys.h"
#include "sense/pipeline.h"
#include "sim/scenario.h"
#include "sim/sim.h"

/* What the sensors raised on the scenario's hosts, readers, cameras,
 * badges and AIS stations while it ran. */
typedef struct alert_pick {
    const sim_scenario_run *run;
    const sim_ais_run *ais_run;          /* its AIS part, or NULL */
    sw_time_us from, until;
    drill_scenario *out;
    bool expected_seen[SIM_RUN_EXPECT];
    int inject_of[RULE__COUNT];          /* 1 + the inject carrying the rule's first alert; 0 none */
    unsigned more[RULE__COUNT];          /* later alerts of the same rule */
    int ais_inject_of[AIS_CHECK__COUNT]; /* the same for the AIS checks */
    unsigned ais_more[AIS_CHECK__COUNT];
} alert_pick;

static bool run_host(const sim_scenario_run *r, const ip_addr *a, bool has)
{
    if (!has) return false;
    uint32_t v4 = ip_to_v4(a);
    for (size_t h = 0; h < r->n_hosts; h++)
        if (r->hosts[h].ip == v4) return true;
    return false;
}

static bool same_id(const char *want, const char *have)
{
    return want && have && *have && !strcasecmp(want, have);
}

/* A physical-security alert on a reader, camera or badge of the scenario's own events. */
static bool run_phys(const sim_scenario_run *r, const detect_alert *a)
{
    if (!a->phys) return false;
    for (size_t k = 0; k < r->n_phys; k++) {
        const struct sim_phys_req *q = &r->phys[k];
        if ((a->reader && same_id(q->reader, a->reader->id)) || (a->camera && same_id(q->camera, a->camera->id)) ||
            same_id(q->badge, a->badge) || (a->person && same_id(q->badge, a->person->badge)))
            return true;
    }
    return false;
}

static drill_inject *add_inject(drill_scenario *d, sw_time_us t);

static void mark_expected(alert_pick *p, const char *rule)
{
    for (size_t e = 0; e < p->run->n_expect; e++)
        if (!strcmp(p->run->expect[e].rule, rule)) p->expected_seen[e] = true;
}

static void pick_alert(void *user, const detect_alert *a)
{
    alert_pick *p = user;
    if (a->ts < p->from || a->ts > p->until) return;
    if (!run_host(p->run, &a->src, a->has_src) && !run_host(p->run, &a->dst, a->has_dst) && !run_phys(p->run, a)) return;
    const detect_rule *rule = &detect_rules[a->rule];
    mark_expected(p, rule->id);
    /* One inject a rule, at its first alert: a sweep raises dozens, a team sees one alert group. */
    if (p->inject_of[a->rule]) { p->more[a->rule]++; return; }
    drill_inject *x = add_inject(p->out, a->ts);
    if (!x) return;
    p->inject_of[a->rule] = (int)(x - p->out->injects) + 1;
    char src[IP_STR_MAX] = "?", dst[IP_STR_MAX] = "?";
    if (a->has_src) ip_fmt(&a->src, src);
    if (a->has_dst) ip_fmt(&a->dst, dst);
    if (a->phys) {
        /* The reader or camera, and whose badge: what the operator's console shows. */
        const char *where = a->reader ? a->reader->id : a->camera ? a->camera->id : a->asset_dst ? a->asset_dst->id : "";
        const char *who = a->person ? a->person->id : a->badge[0] ? a->badge : a->user_name;
        snprintf(x->text, sizeof x->text, "alert %s (%s, %s): %s%s%s%s%s%s", rule->id, rule->name,
                 detect_severity_name(a->severity), where, *where && *who ? ", " : "", *who ? "badge/person " : "", who,
                 a->has_src ? " from " : "", a->has_src ? src : "");
        return;
    }
    snprintf(x->text, sizeof x->text, "alert %s (%s, %s): %s -> %s%s%s", rule->id, rule->name, detect_severity_name(a->severity),
             a->asset_src ? a->asset_src->id : src, a->asset_dst ? a->asset_dst->id : dst, a->protocol ? " over " : "",
             a->protocol ? a->protocol : "");
}

static bool ais_run_mmsi(const sim_ais_run *r, uint32_t mmsi)
{
    for (size_t i = 0; r && i < r->n_mmsis; i++)
        if (r->mmsis[i] == mmsi) return true;
    return false;
}

/* An AIS alert on a station of the scenario's AIS part (JAMMING: any of the vessels it names). */
static void pick_ais_alert(void *user, const ais_alert *a)
{
    alert_pick *p = user;
    sw_time_us t = (sw_time_us)a->t_ms * 1000;
    if (!p->ais_run || t < p->from || t > p->until) return;
    bool mine = ais_run_mmsi(p->ais_run, a->mmsi);
    for (size_t i = 0; i < a->n_mmsis && !mine; i++) mine = ais_run_mmsi(p->ais_run, a->mmsis[i]);
    if (!mine) return;
    const ais_check_info *ci = &ais_checks[a->check];
    mark_expected(p, ci->id);
    if (p->ais_inject_of[a->check]) { p->ais_more[a->check]++; return; }
    drill_inject *x = add_inject(p->out, t);
    if (!x) return;
    p->ais_inject_of[a->check] = (int)(x - p->out->injects) + 1;
    snprintf(x->text, sizeof x->text, "alert %s (%s, %s): MMSI %u%s", ci->id, ci->name, detect_severity_name(a->severity),
             a->mmsi, a->has_pos ? " near the port" : "");
}

/* The scenario's run and AIS part are known: alerts from its first event
 * in any feed (less a second: access-control and video feeds carry whole
 * seconds) to ten minutes after its last (flows time out and report after
 * their last packet) are its own. */
static void pick_ready(void *user, const sim_result *res, const sim_ais_result *ais)
{
    alert_pick *p = user;
    for (size_t i = 0; i < res->n_runs; i++)
        if (!res->runs[i].skipped && !strcmp(sim_scenario_id(res->runs[i].def), p->out->id)) p->run = &res->runs[i];
    for (size_t i = 0; ais && p->run && i < ais->n_runs; i++)
        if (!ais->runs[i].skipped && ais->runs[i].part_of && !strcmp(ais->runs[i].part_of, p->out->id)) p->ais_run = &ais->runs[i];
    if (!p->run) { p->from = 1; p->until = 0; return; }   /* an empty window: nothing is its own */
    p->from = p->run->first - SW_US_PER_SEC;
    p->until = p->run->last + 10 * 60 * SW_US_PER_SEC;
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
    static alert_pick pick;
    memset(&pick, 0, sizeof pick);
    pick.out = out;
    snprintf(out->id, sizeof out->id, "%s", def->id);
    static sim_ais_result ais;
    drill_feed_sinks sinks = { pick_ready, pick_alert, pick_ais_alert, &pick };
    int rc = drill_feeds_sense(cmd, m, &so, &res, &ais, &sinks);
    if (rc != EXIT_OK) return rc;
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
    /* The expected rules are what a correct detection may name, raised or not. */
    for (size_t e = 0; e < r->n_expect; e++) add_target(out, r->expect[e].rule);
    for (size_t e = 0; e < r->n_expect; e++) {
        out->n_expected++;
        if (pick.expected_seen[e]) out->raised_expected++;
        else {
            size_t l = strlen(out->not_raised);
            snprintf(out->not_raised + l, sizeof out->not_raised - l, "%s%s", l ? ", " : "", r->expect[e].rule);
        }
    }
    /* The tactics of its techniques, as a candidate built from its alerts would carry. */
    uint32_t mask = 0;
    for (size_t e = 0; e < r->n_expect; e++)
        for (const char *t = r->expect[e].techniques; *t;) {
            while (*t == ' ') t++;
            char tech[16];
            size_t n = strcspn(t, " ");
            if (n && n < sizeof tech) { memcpy(tech, t, n); tech[n] = '\0'; mask |= corr_technique_tactics(tech); }
            t += n;
        }
    strbuf tb;
    strbuf_init(&tb);
    corr_tactics_text(mask, &tb);
    snprintf(out->tactics, sizeof out->tactics, "%s", tb.data ? tb.data : "");
    strbuf_free(&tb);
    for (size_t k = 0; k < RULE__COUNT; k++) {
        if (!pick.inject_of[k] || !pick.more[k]) continue;
        char *t = out->injects[pick.inject_of[k] - 1].text;
        size_t l = strlen(t);
        snprintf(t + l, sizeof out->injects[0].text - l, " (and %u more of this rule)", pick.more[k]);
    }
    for (size_t k = 0; k < AIS_CHECK__COUNT; k++) {
        if (!pick.ais_inject_of[k] || !pick.ais_more[k]) continue;
        char *t = out->injects[pick.ais_inject_of[k] - 1].text;
        size_t l = strlen(t);
        snprintf(t + l, sizeof out->injects[0].text - l, " (and %u more of this check)", pick.ais_more[k]);
    }
    for (size_t i = 0; i < out->n_injects; i++) {
        if (out->injects[i].t < first) first = out->injects[i].t;
        if (out->injects[i].t > last) last = out->injects[i].t;
    }
    qsort(out->injects, out->n_injects, sizeof out->injects[0], by_time);
    out->attack_start = first;
    out->attack_end = last;
    return EXIT_OK;
}
