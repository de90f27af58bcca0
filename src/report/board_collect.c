/* board_collect.c - the board report's figures (board.h), from the same
 * evaluations the commands print: the register as `seawall risk` (with
 * done programme controls credited), the programme as `plan progress`,
 * KEV findings as `vulns`, compliance as `comply`, incidents as
 * `incidents`, drills from drills.csv beside the model and the drills and
 * exercises run in `seawall drill`. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "cli/cli.h"
#include "cli/cli_comply.h"
#include "cli/cli_register.h"
#include "cli/cli_vulns.h"
#include "report/board.h"
#include "store/store_drills.h"
#include "store/store_incidents.h"
#include "store/store_risk.h"

static const char *keep(board_report *b, const char *s) { return s ? arena_strdup(&b->mem, s) : NULL; }

static void *alloc(board_report *b, size_t n, size_t size)
{
    void *p = arena_alloc(&b->mem, (n ? n : 1) * size);
    if (p) memset(p, 0, (n ? n : 1) * size);
    return p;
}

static int by_residual_desc(const void *pa, const void *pb)
{
    const board_risk *a = pa, *b = pb;
    if (a->residual_eal != b->residual_eal) return a->residual_eal < b->residual_eal ? 1 : -1;
    return strcmp(a->id, b->id);
}

static bool posture(board_report *b, cli_register *g)
{
    const cli_risk_ctx *r = &g->r;
    b->port = keep(b, r->m->port.name ? r->m->port.name : "The port");
    b->currency = keep(b, g->currency);
    b->n_risks = r->reg.n_risks;
    b->over_appetite = g->over;
    b->inherent_eal = g->f.total_inherent.mean;
    b->residual_eal = g->f.total_residual.mean;
    b->residual_p50 = g->f.total_residual.p50;
    b->residual_p90 = g->f.total_residual.p90;
    b->residual_p99 = g->f.total_residual.p99;
    b->appetite_level = risk_level_name(r->reg.matrix.appetite_level);
    b->risks = alloc(b, r->reg.n_risks, sizeof *b->risks);
    if (!b->risks) return false;
    for (size_t i = 0; i < r->reg.n_risks; i++) {
        const risk_def *d = &r->reg.risks[i];
        b->risks[i] = (board_risk){
            .id = keep(b, d->id), .title = keep(b, d->title), .target = keep(b, d->target), .owner = keep(b, d->owner),
            .treatment = keep(b, d->treatment), .due = keep(b, d->due), .level = risk_level_name(g->res[i].level),
            .inherent_eal = g->f.inherent[i].mean, .residual_eal = g->f.residual[i].mean, .residual_p90 = g->f.residual[i].p90,
            .teu_per_hour = r->teu_per_hour[i], .outage_hours = r->outage_hours[i],
            .vessel_delay_hours = r->vessel_delay_per_hour[i] * r->outage_hours[i], .within_appetite = g->within[i],
        };
    }
    b->n_risk_rows = r->reg.n_risks;
    qsort(b->risks, b->n_risk_rows, sizeof *b->risks, by_residual_desc);
    return true;
}

typedef struct trend_fill { board_report *b; VEC(board_trend_point) v; } trend_fill;

static int trend_row(void *ctx, const store_risk_snapshot *sn)
{
    trend_fill *t = ctx;
    board_trend_point p = { sn->day, sn->inherent_eal, sn->residual_eal, sn->residual_p90 };
    return vec_push(&t->v, p) ? 1 : 0;
}

static void trend(board_report *b, store *s)
{
    trend_fill t = { .b = b };
    sw_error err = { 0 };
    if (store_risk_snapshots(s, trend_row, &t, &err) != SW_OK) board_note(b, "Trend unavailable: %s.", err.msg);
    b->trend = alloc(b, t.v.len, sizeof *b->trend);
    if (b->trend && t.v.len) memcpy(b->trend, t.v.items, t.v.len * sizeof *b->trend);
    b->n_trend = b->trend ? t.v.len : 0;
    vec_free(&t.v);
}

static long control_index(const cli_risk_ctx *r, const char *id)
{
    for (size_t i = 0; i < r->ctl.n; i++)
        if (!strcmp(r->ctl.controls[i].id, id)) return (long)i;
    return -1;
}

static void programme(board_report *b, cli_register *g)
{
    const cli_prog *p = &g->prog;
    if (!p->n) return;
    cli_prog_figures fg;
    if (!cli_prog_figures_of(p, &g->r, g->day, &fg)) { board_note(b, "Programme figures: out of memory."); return; }
    b->have_programme = true;
    b->budget = p->budget;
    b->cost_total = fg.progress.cost_total;
    b->cost_done = fg.progress.cost[PROG_DONE];
    b->pct_done_by_cost = fg.progress.pct_done_by_cost;
    b->n_planned = fg.progress.count[PROG_PLANNED];
    b->n_in_progress = fg.progress.count[PROG_IN_PROGRESS];
    b->n_done = fg.progress.count[PROG_DONE];
    b->eal_without_programme = fg.eal_none;
    b->eal_now = fg.eal_now;
    b->eal_when_complete = fg.eal_complete;
    b->controls = alloc(b, p->n, sizeof *b->controls);
    if (!b->controls) return;
    for (size_t k = 0; k < p->n; k++) {
        const prog_item *it = &p->items[k];
        prog_status st = prog_status_at(it, g->day);
        b->controls[k] = (board_control){ keep(b, it->control), keep(b, it->title), prog_status_name(st), it->cost,
                                          st != PROG_PLANNED ? it->started : 0, st == PROG_DONE ? it->done : 0 };
    }
    b->n_controls = p->n;
    if (fg.unknown) board_note(b, "%zu programme control(s) are no longer in controls.yaml and are not credited.", fg.unknown);
}

/* The programme control that patches cve, the furthest along if several. */
static const char *remedy(const cli_register *g, const char *cve, const char **control)
{
    int best = -1;
    *control = NULL;
    for (size_t k = 0; k < g->prog.n; k++) {
        long i = control_index(&g->r, g->prog.items[k].control);
        if (i < 0) continue;
        const control_def *c = &g->r.ctl.controls[i];
        for (size_t j = 0; j < c->n_patches; j++)
            if (!strcmp(c->patches[j], cve)) {
                int st = (int)prog_status_at(&g->prog.items[k], g->day);
                if (st > best) { best = st; *control = c->id; }
            }
    }
    return best < 0 ? "none" : prog_status_name((prog_status)best);
}

static void kevs(board_report *b, cli_register *g)
{
    vuln_loaded d = { 0 };
    vuln_assessment a = { 0 };
    sw_error err = { 0 };
    if (cli_vuln_assess_store(g->r.s, g->r.m, &d, &a, &err) != SW_OK) {
        board_note(b, "Vulnerabilities unavailable: %s.", err.msg);
        return;
    }
    b->have_vulns = d.n > 0 || d.n_kev > 0;
    size_t n = 0;
    for (size_t i = 0; i < a.n; i++) n += a.items[i].kev != NULL;
    b->kevs = alloc(b, n, sizeof *b->kevs);
    for (size_t i = 0; b->kevs && i < a.n; i++) {
        const vuln_finding *f = &a.items[i];
        if (!f->kev) continue;
        board_kev k = { keep(b, f->cve_id), keep(b, g->r.m->assets[f->asset].id), keep(b, f->title), NULL, NULL, f->reachable };
        const char *ctl;
        k.remediation = remedy(g, f->cve_id, &ctl);
        k.control = keep(b, ctl);
        b->kevs[b->n_kevs++] = k;
    }
    vuln_assessment_free(&a);
    vuln_loaded_free(&d);
}

static void compliance(const struct cli_command *cmd, board_report *b, const board_opts *o)
{
    cli_ctx ctx = { .db_path = o->db_path };
    comp_opts co = { .window_days = 30, .model = o->model };
    char at[32];
    comply_report r = { 0 };
    ppl_fmt_day(o->today, r.today);
    snprintf(at, sizeof at, "%sT23:59:59Z", r.today);
    co.at = at;
    memcpy(r.as_of, at, strlen(at) + 1);
    if (cli_comp_visit(cmd, &ctx, &co, NULL, comply_collect, &r, &r.at) != EXIT_OK) {
        board_note(b, "Compliance could not be evaluated (seawall comply prints why).");
        comply_report_free(&r);
        return;
    }
    b->fws = alloc(b, r.fws.len, sizeof *b->fws);
    for (size_t i = 0; b->fws && i < r.fws.len; i++) {
        const comply_fw *f = &r.fws.items[i];
        board_framework *w = &b->fws[b->n_fws++];
        *w = (board_framework){ .id = keep(b, f->id), .name = keep(b, f->name), .applicable = comply_applicable(f),
                                .met = f->counts[COMP_MET], .partial = f->counts[COMP_PARTIAL], .not_met = f->counts[COMP_NOT_MET],
                                .unassessed = f->counts[COMP_UNASSESSED], .not_applicable = f->counts[COMP_NA] };
        /* Per framework: met when every applicable requirement is, not met
         * when none is, partial in between. */
        w->status = w->applicable && w->met == w->applicable ? "met" : w->met == 0 && w->partial == 0 ? "not met" : "partial";
        for (size_t k = 0; k < f->rows.len; k++) {
            const comply_row *q = &f->rows.items[k];
            if (!q->gap) continue;
            if (q->overdue) { w->overdue++; continue; }
            if (q->due && strlen(q->due) == 10 && (!w->next_deadline[0] || strcmp(q->due, w->next_deadline) < 0)) {
                memcpy(w->next_deadline, q->due, 11);
                w->next_item = keep(b, q->id);
            }
        }
    }
    b->have_compliance = true;
    comply_report_free(&r);
}

typedef struct inc_fill { board_report *b; const board_opts *o; VEC(board_incident) v; } inc_fill;

static int incident_row(void *ctx, const store_incident_rec *r)
{
    inc_fill *f = ctx;
    int32_t day = ppl_day_of_us(r->detected_at);   /* when the port became aware */
    bool open = strcmp(r->state, "closed") != 0;
    if (day > f->o->today || (day < f->b->from && !open)) return 0;
    board_incident x = { r->id, keep(f->b, r->title), keep(f->b, r->severity), keep(f->b, r->state), r->detected_at };
    return vec_push(&f->v, x) ? 1 : 0;
}

static void incidents(board_report *b, const board_opts *o, store *s)
{
    inc_fill f = { .b = b, .o = o };
    sw_error err = { 0 };
    if (store_incident_list(s, incident_row, &f, &err) != SW_OK) board_note(b, "Incidents unavailable: %s.", err.msg);
    b->incidents = alloc(b, f.v.len, sizeof *b->incidents);
    for (size_t i = 0; b->incidents && i < f.v.len; i++) {
        b->incidents[b->n_incidents++] = f.v.items[i];
        b->incidents_open += strcmp(f.v.items[i].state, "closed") != 0;
    }
    vec_free(&f.v);
}

typedef struct stored_drills { VEC(store_drill_rec) v; board_report *b; } stored_drills;

static int stored_drill_row(void *ctx, const store_drill_rec *r)
{
    stored_drills *x = ctx;
    store_drill_rec c = *r;
    c.scenario = keep(x->b, r->scenario);
    c.playbook = keep(x->b, r->playbook);
    c.kind = keep(x->b, r->kind ? r->kind : "drill");
    c.result = NULL;
    vec_push(&x->v, c);
    return 0;
}

static int by_day_desc(const void *pa, const void *pb)
{
    const board_drill *a = pa, *b = pb;
    if (a->day != b->day) return a->day > b->day ? -1 : 1;
    return a->drill_id > b->drill_id ? -1 : a->drill_id < b->drill_id;
}

static void drills(board_report *b, const cli_register *g)
{
    /* The drills run in Seawall, held (wall clock) in the period. */
    stored_drills sd = { .b = b };
    if (g->r.s) {
        const int64_t day_us = 86400LL * SW_US_PER_SEC;
        sw_error serr = { 0 };
        if (store_drill_held(g->r.s, (int64_t)b->from * day_us, ((int64_t)b->today + 1) * day_us, stored_drill_row, &sd,
                             &b->have_seawall_drills, &serr) != SW_OK)
            board_note(b, "Drills run in seawall drill unavailable: %s.", serr.msg);
    }
    char *copy = g->r.m->path ? strdup(g->r.m->path) : NULL;
    ppl_data p;
    ppl_init(&p);
    sw_error err = { 0 };
    /* Problems in the other people files are `seawall training`'s to report. */
    FILE *quiet = fopen("/dev/null", "w");
    sw_code rc = copy ? ppl_load_dir(&p, dirname(copy), quiet ? quiet : stderr, &err) : SW_OK;
    if (quiet) fclose(quiet);
    free(copy);
    if (rc == SW_ERR_IO) board_note(b, "Drills unavailable: %s.", err.msg);
    b->have_drills = p.have_drills || sd.v.len;
    b->drills = alloc(b, p.n_drills + sd.v.len, sizeof *b->drills);
    for (size_t i = 0; b->drills && i < p.n_drills; i++) {
        const ppl_drill *d = &p.drills[i];
        if (d->day < b->from || d->day > b->today) continue;
        b->drills[b->n_drills++] = (board_drill){ d->day, keep(b, d->kind), keep(b, d->title), keep(b, d->findings), 0, 0, 0, 0 };
    }
    for (size_t i = 0; b->drills && i < sd.v.len; i++) {
        const store_drill_rec *r = &sd.v.items[i];
        char title[320], findings[160];
        snprintf(title, sizeof title, "%s on playbook %s (seawall drill %lld)", r->scenario, r->playbook, (long long)r->id);
        snprintf(findings, sizeof findings, "score %.1f of %lld (%lld%%), %lld missed", r->points, (long long)r->scored,
                 r->scored ? (long long)(r->points * 100.0 / (double)r->scored + 0.5) : 0LL, (long long)r->missed);
        b->drills[b->n_drills++] = (board_drill){ ppl_day_of_us(r->held_at), r->kind, keep(b, title), keep(b, findings), r->id,
                                                  r->points, r->scored, r->missed };
        b->n_seawall_drills++;
    }
    if (b->drills) qsort(b->drills, b->n_drills, sizeof *b->drills, by_day_desc);
    vec_free(&sd.v);
    ppl_free(&p);
}

int board_collect(const struct cli_command *cmd, const board_opts *o, board_report *b)
{
    b->today = o->today;
    b->period_days = o->period_days;
    b->from = o->today - o->period_days + 1;
    cli_ctx ctx = { .db_path = o->db_path };
    cli_register_opts ro = { .db_given = true, .model = o->model, .risks = o->risks, .controls = o->controls, .seed = -1, .trials = -1,
                             .day = o->today };
    cli_register g;
    int rc = cli_register_eval(cmd, &ctx, &ro, &g);
    if (rc == EXIT_OK && !posture(b, &g)) rc = EXIT_INPUT;
    if (rc != EXIT_OK) { cli_register_free(&g); return rc; }
    trend(b, g.r.s);
    programme(b, &g);
    kevs(b, &g);
    incidents(b, o, g.r.s);
    drills(b, &g);
    cli_register_free(&g);
    compliance(cmd, b, o);
    return EXIT_OK;
}
