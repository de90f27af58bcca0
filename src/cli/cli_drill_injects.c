/* cli_drill_injects.c - a drill's injects from the port simulator: the
 * scenario is injected into the model's traffic, the network sensor runs
 * over the frames, and what the team would see becomes the timed injects:
 * the alerts the sensor raised on the scenario's hosts at their own times,
 * access-control and video events, and the AIS feed turning. */
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

/* What the sensor raised on the scenario's hosts while it ran. */
typedef struct alert_pick {
    const sim_scenario_run *run;
    sw_time_us from, until;
    drill_scenario *out;
    bool expected_seen[SIM_RUN_EXPECT];
    int inject_of[RULE__COUNT];          /* 1 + the inject carrying the rule's first alert; 0 none */
    unsigned more[RULE__COUNT];          /* later alerts of the same rule */
} alert_pick;

static bool run_host(const sim_scenario_run *r, const ip_addr *a, bool has)
{
    if (!has) return false;
    uint32_t v4 = ip_to_v4(a);
    for (size_t h = 0; h < r->n_hosts; h++)
        if (r->hosts[h].ip == v4) return true;
    return false;
}

static drill_inject *add_inject(drill_scenario *d, sw_time_us t);

static void pick_alert(void *user, const detect_alert *a)
{
    alert_pick *p = user;
    if (a->ts < p->from || a->ts > p->until) return;
    if (!run_host(p->run, &a->src, a->has_src) && !run_host(p->run, &a->dst, a->has_dst)) return;
    const detect_rule *rule = &detect_rules[a->rule];
    for (size_t e = 0; e < p->run->n_expect; e++)
        if (!strcmp(p->run->expect[e].rule, rule->id)) p->expected_seen[e] = true;
    /* One inject a rule, at its first alert: a sweep raises dozens, a team sees one alert group. */
    if (p->inject_of[a->rule]) { p->more[a->rule]++; return; }
    drill_inject *x = add_inject(p->out, a->ts);
    if (!x) return;
    p->inject_of[a->rule] = (int)(x - p->out->injects) + 1;
    char src[IP_STR_MAX] = "?", dst[IP_STR_MAX] = "?";
    if (a->has_src) ip_fmt(&a->src, src);
    if (a->has_dst) ip_fmt(&a->dst, dst);
    snprintf(x->text, sizeof x->text, "alert %s (%s, %s): %s -> %s%s%s", rule->id, rule->name, detect_severity_name(a->severity),
             a->asset_src ? a->asset_src->id : src, a->asset_dst ? a->asset_dst->id : dst, a->protocol ? " over " : "",
             a->protocol ? a->protocol : "");
}

/* Simulates into a temporary pcap and runs the sensor (default detector
 * thresholds, no baseline) over it, keeping the alerts on the run's hosts. */
static int sense_scenario(const cli_command *cmd, const port_model *m, const sim_options *so, const sim_scenario **def,
                          sim_result *res, alert_pick *pick)
{
    char dir[4096], path[4200];
    const char *base = getenv("TMPDIR");
    int bl = snprintf(dir, sizeof dir - 8, "%s/seawall-drill-", base && *base ? base : "/tmp");
    if (bl < 0 || (size_t)bl >= sizeof dir - 8) bl = snprintf(dir, sizeof dir, "/tmp/seawall-drill-");
    memset(dir + bl, 'X', 6);              /* mkdtemp's template: six of them */
    dir[bl + 6] = '\0';
    if (!mkdtemp(dir)) { fprintf(stderr, "seawall %s: cannot make a temporary folder: %s\n", cmd->name, strerror(errno)); return EXIT_INPUT; }
    snprintf(path, sizeof path, "%s/traffic.pcap", dir);
    sw_error err = { 0 };
    int rc = EXIT_OK;
    sim_pcap *pc = sim_pcap_open(path, &err);
    if (!pc) rc = EXIT_INPUT;
    else {
        sw_code sc = sim_run(m, so, sim_pcap_sink, pc, res, &err);
        sw_code cc = sim_pcap_close(pc, sc == SW_OK ? &err : NULL);
        if (sc != SW_OK || cc != SW_OK) rc = EXIT_INPUT;
    }
    const sim_scenario_run *r = NULL;
    for (size_t i = 0; rc == EXIT_OK && i < res->n_runs; i++)
        if (res->runs[i].def == *def) r = &res->runs[i];
    if (rc == EXIT_OK && r && !r->skipped && r->packets) {
        pick->run = r;
        pick->from = r->first;
        pick->until = r->last + 10 * 60 * SW_US_PER_SEC;   /* flows time out and report after their last packet */
        detect_config dc;
        detect_config_default(&dc);
        detect_engine *det = detect_create(m, &dc, pick_alert, pick);
        if (!det) { sw_fail(&err, SW_ERR_NOMEM, "the detector could not be built"); rc = EXIT_INPUT; }
        else {
            sense_options opt;
            memset(&opt, 0, sizeof opt);
            const char *pcaps[] = { path };
            opt.pcaps = pcaps;
            opt.n_pcaps = 1;
            opt.progress = 0;
            net_engine_config_default(&opt.engine);
            sense_consumers cons = { .n = 0 };
            sense_consumers_add(&cons, detect_sink(det));
            if (sense_run(&opt, &cons, NULL, NULL, &err) != SW_OK) rc = EXIT_INPUT;
            detect_destroy(det);
        }
    }
    if (rc != EXIT_OK) fprintf(stderr, "seawall %s: playing the scenario: %s\n", cmd->name, err.msg);
    unlink(path);
    rmdir(dir);
    return rc;
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
    int rc = sense_scenario(cmd, m, &so, &def, &res, &pick);
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
    for (size_t i = 0; i < out->n_injects; i++) {
        if (out->injects[i].t < first) first = out->injects[i].t;
        if (out->injects[i].t > last) last = out->injects[i].t;
    }
    qsort(out->injects, out->n_injects, sizeof out->injects[0], by_time);
    out->attack_start = first;
    out->attack_end = last;
    return EXIT_OK;
}
