/* compliance_checks_people.c - the live checks on people and process:
 * training completion by role against its deadline, drills and exercises
 * held, incident reporting timeliness (when the store has incidents) and
 * the age of known-exploited vulnerabilities on the model's assets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/compliance_checks.h"
#include "analysis/people.h"
#include "analysis/vuln_assess.h"
#include "analysis/vuln_load.h"
#include "core/timeutil.h"
#include "store/store_comp_incidents.h"
#include "store/store_drills.h"

#define REPORT_HOURS 24          /* NIS2 early warning; the USCG rule says "without delay" */

const char *comp_check_data_dir(const comp_check_ctx *c, char *buf, size_t size)
{
    if (c->data_dir) return c->data_dir;
    if (!c->m || !c->m->path) return NULL;
    const char *slash = strrchr(c->m->path, '/');
    if (!slash) snprintf(buf, size, ".");
    else snprintf(buf, size, "%.*s", (int)(slash - c->m->path), c->m->path);
    return buf;
}

bool comp_check_load_people(const comp_check_ctx *c, comp_result *r, ppl_data *p, sw_code *rc, sw_error *err)
{
    char buf[4096];
    const char *dir = comp_check_data_dir(c, buf, sizeof buf);
    *rc = SW_OK;
    r->status = COMP_UNASSESSED;
    if (!dir) {
        snprintf(r->reason, sizeof r->reason, "no people data folder: pass --data DIR or --model port.yaml");
        return false;
    }
    sw_error e = { 0 };
    sw_code lrc = ppl_load_dir(p, dir, NULL, &e);
    if (lrc == SW_ERR_IO) { *rc = lrc; if (err) *err = e; return false; }
    if (lrc) {
        snprintf(r->reason, sizeof r->reason, "%.300s (see seawall training --data %.150s)", e.msg, dir);
        return false;
    }
    return true;
}

/* --- training ----------------------------------------------------------------- */

typedef struct train_scan { comp_result *r; int64_t n[PPL_TR__COUNT], required; } train_scan;

static int train_row(void *ctx, const ppl_train_row *row)
{
    train_scan *x = ctx;
    x->required++;
    x->n[row->state]++;
    if (row->state == PPL_TR_OVERDUE) {
        char due[11] = "-", last[11] = "never";
        if (row->due) ppl_fmt_day(row->due, due);
        if (row->last_done) ppl_fmt_day(row->last_done, last);
        comp_result_add_item(x->r, "overdue: %s (%s) %s, due %s (%s), last done %s", row->person->id,
                 row->person->roles.len ? row->person->roles.items[0] : "-", row->course->id, due, row->basis, last);
    }
    return 0;
}

sw_code comp_check_training(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    if (!c->m) { r->status = COMP_UNASSESSED; snprintf(r->reason, sizeof r->reason, "the port model is not readable: pass --model"); return SW_OK; }
    ppl_data p;
    ppl_init(&p);
    sw_code rc;
    if (!comp_check_load_people(c, r, &p, &rc, err)) { ppl_free(&p); return rc; }
    if (!p.have_training || !p.have_policies || !p.n_courses) {
        snprintf(r->reason, sizeof r->reason, "no training records or no required courses (training.csv, policies.yaml courses:)");
        ppl_free(&p);
        return SW_OK;
    }
    train_scan x = { .r = r };
    ppl_training_each(&p, c->m, ppl_day_of_us(c->now_us), 30, train_row, &x);
    for (int i = 0; i < PPL_TR__COUNT; i++) r->counts[i + 1] = x.n[i];
    r->counts[0] = x.required;
    int64_t ok = x.n[PPL_TR_CURRENT] + x.n[PPL_TR_DUE_SOON] + x.n[PPL_TR_PENDING];
    r->status = !x.required ? COMP_NA : !x.n[PPL_TR_OVERDUE] ? COMP_MET : ok * 10 >= x.required * 9 ? COMP_PARTIAL : COMP_NOT_MET;
    snprintf(r->reason, sizeof r->reason,
             "%lld person-course requirements: %lld current, %lld due within 30 days, %lld newcomers within their "
             "deadline, %lld overdue (%lld%% on time; partial from 90%%)",
             (long long)x.required, (long long)x.n[PPL_TR_CURRENT], (long long)x.n[PPL_TR_DUE_SOON],
             (long long)x.n[PPL_TR_PENDING], (long long)x.n[PPL_TR_OVERDUE],
             x.required ? (long long)(ok * 100 / x.required) : 0LL);
    ppl_free(&p);
    return SW_OK;
}

/* --- drills and exercises ---------------------------------------------------------- */

static int year_of(int32_t day)
{
    char b[11];
    ppl_fmt_day(day, b);
    return atoi(b);
}

static int32_t jan1(int year)
{
    char b[16];
    int32_t d = 0;
    snprintf(b, sizeof b, "%04d-01-01", year % 10000);
    ppl_parse_day(b, &d);
    return d;
}

/* Stored drills (`seawall drill run`) held in the last year: each is a
 * drill on the day it was held, or the yearly exercise when it was run as
 * one and tested the whole plan (`--kind exercise`). */
typedef struct stored_drills {
    int32_t days[512];
    size_t n;
    int32_t ex_days[64];
    size_t n_ex;
    int64_t total, total_ex;
    comp_result *r;
} stored_drills;

static int stored_drill_row(void *ctx, const store_drill_rec *d)
{
    stored_drills *x = ctx;
    bool exercise = d->kind && !strcmp(d->kind, "exercise");
    if (exercise) {
        x->total_ex++;
        if (x->n_ex < sizeof x->ex_days / sizeof x->ex_days[0]) x->ex_days[x->n_ex++] = ppl_day_of_us(d->held_at);
    } else {
        x->total++;
        if (x->n < sizeof x->days / sizeof x->days[0]) x->days[x->n++] = ppl_day_of_us(d->held_at);
    }
    char day[11];
    ppl_fmt_day(ppl_day_of_us(d->held_at), day);
    comp_result_add_item(x->r, "%s %s: seawall drill %lld, scenario %s on playbook %s, score %.1f of %lld, %lld missed", day,
             exercise ? "exercise" : "drill", (long long)d->id, d->scenario, d->playbook, d->points, (long long)d->scored,
             (long long)d->missed);
    return 0;
}

sw_code comp_check_drills(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    ppl_data p;
    ppl_init(&p);
    sw_code rc;
    int32_t today = ppl_day_of_us(c->now_us);
    stored_drills sd = { .r = r };
    bool have_table = false;
    /* The drills run in Seawall count like the ones in drills.csv. */
    if (c->s) {
        const int64_t day_us = 86400LL * 1000000LL;
        if ((rc = store_drill_held(c->s, c->now_us - 366 * day_us, c->now_us + 1, stored_drill_row, &sd, &have_table, err)) != SW_OK) return rc;
    }
    bool people = comp_check_load_people(c, r, &p, &rc, err);
    if (!people && rc != SW_OK) { ppl_free(&p); return rc; }
    if ((!people || !p.have_drills) && !sd.n && !sd.n_ex) {
        if (people) snprintf(r->reason, sizeof r->reason, "no drill records (drills.csv, seawall drill run)");
        ppl_free(&p);
        return SW_OK;
    }
    int yr = year_of(today);
    int64_t d92 = 0, dyear = 0, ex365 = 0;
    int32_t last_drill = 0, last_ex = 0;
    for (size_t i = 0; i < sd.n; i++) {
        int32_t day = sd.days[i];
        if (day > last_drill) last_drill = day;
        if (today - day <= 92) d92++;
        if (year_of(day) == yr) dyear++;
    }
    for (size_t i = 0; i < sd.n_ex; i++) {
        int32_t day = sd.ex_days[i];
        if (day > last_ex) last_ex = day;
        if (today - day <= 365) ex365++;
    }
    for (size_t i = 0; people && p.have_drills && i < p.n_drills; i++) {
        const ppl_drill *d = &p.drills[i];
        if (d->day > today) continue;            /* planned, not held */
        bool drill = !strcmp(d->kind, "drill");
        if (drill) {
            if (d->day > last_drill) last_drill = d->day;
            if (today - d->day <= 92) d92++;
            if (year_of(d->day) == yr) dyear++;
        } else {
            if (d->day > last_ex) last_ex = d->day;
            if (today - d->day <= 365) ex365++;
        }
        char day[11];
        ppl_fmt_day(d->day, day);
        if (today - d->day <= 365)
            comp_result_add_item(r, "%s %s: %s%s%s", day, d->kind, d->title, d->findings ? " - findings: " : "", d->findings ? d->findings : "");
    }
    r->counts[0] = d92;
    r->counts[1] = dyear;
    r->counts[2] = ex365;
    r->counts[3] = last_drill ? today - last_drill : -1;
    r->counts[4] = last_ex ? today - last_ex : -1;
    /* ISPS B/18.5: a drill every three months; 33 CFR 101.635: two drills a
     * calendar year (judged once the year is half gone) and a yearly exercise. */
    bool half_year = today - jan1(yr) >= 182;
    bool drills_ok = d92 > 0 && (dyear >= 2 || !half_year);
    bool ex_ok = ex365 > 0;
    r->status = drills_ok && ex_ok ? COMP_MET : (d92 || dyear || ex_ok) ? COMP_PARTIAL : COMP_NOT_MET;
    char ld[11] = "never", le[11] = "never";
    if (last_drill) ppl_fmt_day(last_drill, ld);
    if (last_ex) ppl_fmt_day(last_ex, le);
    snprintf(r->reason, sizeof r->reason,
             "%lld drill%s in the last 92 days, %lld in %d, %lld exercise%s in the last 365 days (last drill %s, last exercise %s; "
             "%lld drill%s and %lld exercise%s run in seawall drill)",
             (long long)d92, d92 == 1 ? "" : "s", (long long)dyear, yr, (long long)ex365, ex365 == 1 ? "" : "s", ld, le, (long long)sd.total,
             sd.total == 1 ? "" : "s", (long long)sd.total_ex, sd.total_ex == 1 ? "" : "s");
    ppl_free(&p);
    return SW_OK;
}

/* --- incident reporting ----------------------------------------------------------- */

typedef struct inc_scan { const comp_check_ctx *c; comp_result *r; int64_t n, reported, on_time, late, unreported; } inc_scan;

static int inc_row(void *ctx, const store_comp_incident *i)
{
    inc_scan *x = ctx;
    if (i->detected > x->c->now_us) return 0;
    x->n++;
    const int64_t limit = (int64_t)REPORT_HOURS * 3600 * 1000000;
    char t[SW_TIME_STR_MAX];
    if (!i->reported) {
        bool overdue = x->c->now_us - i->detected > limit;
        if (overdue) {
            x->unreported++;
            comp_result_add_item(x->r, "incident %s detected %s: not reported after %lld hours", i->id ? i->id : "?",
                     time_fmt_rfc3339(i->detected, 0, t), (long long)((x->c->now_us - i->detected) / 3600000000LL));
        }
        return 0;
    }
    x->reported++;
    int64_t hours = (i->reported - i->detected) / 3600000000LL;
    if (i->reported - i->detected <= limit) x->on_time++;
    else {
        x->late++;
        comp_result_add_item(x->r, "incident %s detected %s: reported %lld hours later", i->id ? i->id : "?",
                 time_fmt_rfc3339(i->detected, 0, t), (long long)hours);
    }
    return 0;
}

sw_code comp_check_incident_reporting(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    const char *schema = NULL;
    inc_scan x = { .c = c, .r = r };
    int64_t since = c->now_us - (int64_t)c->window_days * 86400 * 1000000;
    sw_code rc = store_comp_incidents(c->s, since, &schema, inc_row, &x, err);
    if (rc) return rc;
    if (!schema) {
        r->status = COMP_UNASSESSED;
        snprintf(r->reason, sizeof r->reason, "this store has no incidents table (incident response not installed): record reporting as manual evidence");
        return SW_OK;
    }
    r->counts[0] = x.n;
    r->counts[1] = x.reported;
    r->counts[2] = x.on_time;
    r->counts[3] = x.late;
    r->counts[4] = x.unreported;
    if (!x.n) {
        r->status = COMP_UNASSESSED;
        snprintf(r->reason, sizeof r->reason, "no incident detected in the last %d days: nothing to judge timeliness on", c->window_days);
        return SW_OK;
    }
    r->status = x.late || x.unreported ? COMP_NOT_MET : COMP_MET;
    snprintf(r->reason, sizeof r->reason,
             "%lld incident%s in the last %d days: %lld reported within %d hours, %lld late, %lld unreported past %d hours (columns %s)",
             (long long)x.n, x.n == 1 ? "" : "s", c->window_days, (long long)x.on_time, REPORT_HOURS, (long long)x.late,
             (long long)x.unreported, REPORT_HOURS, schema);
    return SW_OK;
}

/* --- age of known-exploited vulnerabilities ----------------------------------------- */

sw_code comp_check_kev_age(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    if (!c->m) { r->status = COMP_UNASSESSED; snprintf(r->reason, sizeof r->reason, "the port model is not readable: pass --model"); return SW_OK; }
    vuln_loaded l;
    sw_code rc = vuln_load_store(c->s, &l, err);
    if (rc) return rc;
    if (!l.n || !l.n_kev) {
        r->status = COMP_UNASSESSED;
        snprintf(r->reason, sizeof r->reason, "%zu vulnerability records and %zu KEV entries stored: import both (seawall vulns import)", l.n, l.n_kev);
        vuln_loaded_free(&l);
        return SW_OK;
    }
    vuln_assessment a;
    if ((rc = vuln_assess(c->m, l.recs, l.first, l.n, l.kev, l.n_kev, &a, err))) { vuln_loaded_free(&l); return rc; }
    int64_t now_s = c->now_us / 1000000, open = 0, past_due = 0, oldest = 0, reachable = 0;
    for (size_t i = 0; i < a.n; i++) {
        const vuln_finding *f = &a.items[i];
        if (!f->kev || f->verdict != VM_YES) continue;
        const model_asset *as = &c->m->assets[f->asset];
        if (c->zone && (!as->zone || strcmp(as->zone, c->zone))) continue;
        open++;
        reachable += f->reachable;
        int64_t age = f->kev->date_added ? (now_s - f->kev->date_added) / 86400 : 0;
        if (age > oldest) oldest = age;
        bool late = f->kev->due_date && now_s > f->kev->due_date + 86399;
        past_due += late;
        /* The item is the evidence an auditor reads: the CVE, how long it has
         * been known exploited, its due date and how far past it. */
        char due[11] = "none";
        if (f->kev->due_date) ppl_fmt_day((int32_t)(f->kev->due_date / 86400), due);
        char over[64] = "";
        if (late) snprintf(over, sizeof over, ", open %lld days past its KEV due date", (long long)((now_s - f->kev->due_date) / 86400));
        comp_result_add_item(r, "%s on %s (%s): in KEV for %lld days, due %s%s%s", f->cve_id, as->id, as->zone ? as->zone : "?",
                 (long long)age, due, over, f->reachable ? ", reachable from an entry point" : "");
    }
    r->counts[0] = open;
    r->counts[1] = past_due;
    r->counts[2] = oldest;
    r->counts[3] = reachable;
    r->status = !open ? COMP_MET : past_due ? COMP_NOT_MET : COMP_PARTIAL;
    if (!open)
        snprintf(r->reason, sizeof r->reason, "no KEV-listed vulnerability matches an asset%s%s (%zu records, %zu KEV entries)",
                 c->zone ? " of zone " : "", c->zone ? c->zone : "", l.n, l.n_kev);
    else
        snprintf(r->reason, sizeof r->reason,
                 "%lld known-exploited vulnerabilit%s open, %lld past the KEV due date, oldest listed %lld days ago, %lld reachable from an entry point",
                 (long long)open, open == 1 ? "y" : "ies", (long long)past_due, (long long)oldest, (long long)reachable);
    vuln_assessment_free(&a);
    vuln_loaded_free(&l);
    return SW_OK;
}
