/* cli_compliance_assess.c - `seawall compliance assess`: every requirement
 * of a framework judged from live evidence where a check exists, from the
 * stored manual status otherwise, and parents rolled up from children;
 * per zone (by its target SL) for zone-scoped frameworks such as 62443-3-3.
 * `plan` lists the gaps of every framework as a plan of action by due date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_compliance.h"
#include "cli/cli_store.h"
#include "core/timeutil.h"
#include "core/vec.h"
#include "store/store_compliance.h"
#include "store/store_query.h"

typedef struct manual {
    char *status, *owner, *due, *evidence;
} manual;

typedef struct req_eval {
    comp_status status;
    const char *basis;           /* "live", "manual", "rollup", "sl", NULL (unassessed) */
    const comp_result *live;
    const manual *man;
    bool has_children;
} req_eval;

typedef struct assess_run {
    const cli_command *cmd;
    store *s;
    const port_model *m;
    const comp_framework *fw;
    comp_check_ctx cctx;
    comp_result live[COMP_CHECK__COUNT];
    bool live_done[COMP_CHECK__COUNT];
    hashmap manual_by_req;
    arena mem;
    req_eval *ev;
    int64_t counts[COMP_STATUS__COUNT];   /* over leaf requirements */
} assess_run;

static int manual_row(void *ctx, const store_comp_status *row)
{
    assess_run *a = ctx;
    manual *m = arena_alloc(&a->mem, sizeof *m);
    if (!m) return 1;
    m->status = arena_strdup(&a->mem, row->status);
    m->owner = row->owner ? arena_strdup(&a->mem, row->owner) : NULL;
    m->due = row->due ? arena_strdup(&a->mem, row->due) : NULL;
    m->evidence = row->evidence ? arena_strdup(&a->mem, row->evidence) : NULL;
    char *key = arena_strdup(&a->mem, row->requirement);
    return key && hashmap_put(&a->manual_by_req, key, m) ? 0 : 1;
}

static sw_code evaluate(assess_run *a, const char *zone, int sl, sw_error *err)
{
    const comp_framework *fw = a->fw;
    hashmap_free(&a->manual_by_req);
    hashmap_init(&a->manual_by_req);
    memset(a->live_done, 0, sizeof a->live_done);
    memset(a->counts, 0, sizeof a->counts);
    a->cctx.zone = zone;
    sw_code rc = store_comp_list(a->s, fw->id, zone ? zone : "", manual_row, a, err);
    if (rc) return rc;
    int max_depth = 0;
    for (size_t i = 0; i < fw->n_reqs; i++) {
        const comp_req *r = &fw->reqs[i];
        req_eval *e = &a->ev[i];
        memset(e, 0, sizeof *e);
        e->status = COMP_UNASSESSED;
        e->man = hashmap_get(&a->manual_by_req, r->id);
        if (r->depth > max_depth) max_depth = r->depth;
        if (r->parent_index >= 0) a->ev[r->parent_index].has_children = true;
    }
    for (size_t i = 0; i < fw->n_reqs; i++) {
        const comp_req *r = &fw->reqs[i];
        req_eval *e = &a->ev[i];
        if (zone && !comp_req_applies_at(r, sl)) { e->status = COMP_NA; e->basis = "sl"; continue; }
        if (r->evidence) {
            const comp_check *c = comp_check_find(r->evidence);
            if (!a->live_done[c->id]) {
                if ((rc = comp_check_run(c, &a->cctx, &a->live[c->id], err))) return rc;
                a->live_done[c->id] = true;
            }
            e->live = &a->live[c->id];
            if (e->live->status != COMP_UNASSESSED) { e->status = e->live->status; e->basis = "live"; continue; }
        }
        if (e->man) { comp_status_parse(e->man->status, &e->status); e->basis = "manual"; }
    }
    /* Children before parents: deepest level first. */
    for (int d = max_depth; d >= 0; d--)
        for (size_t i = 0; i < fw->n_reqs; i++) {
            req_eval *e = &a->ev[i];
            /* A requirement with an SL vector (a 62443 SR) stands on its own:
             * its enhancements do not decide it. */
            if (fw->reqs[i].depth != d || !e->has_children || e->basis || fw->reqs[i].sl_mask) continue;
            int64_t n[COMP_STATUS__COUNT] = { 0 };
            for (size_t k = 0; k < fw->n_reqs; k++)
                if (fw->reqs[k].parent_index == (int)i) n[a->ev[k].status]++;
            int64_t judged = n[COMP_MET] + n[COMP_PARTIAL] + n[COMP_NOT_MET];
            if (!judged) { if (n[COMP_NA] && !n[COMP_UNASSESSED]) { e->status = COMP_NA; e->basis = "rollup"; } continue; }
            e->basis = "rollup";
            e->status = n[COMP_MET] == judged && !n[COMP_UNASSESSED] ? COMP_MET : n[COMP_NOT_MET] == judged ? COMP_NOT_MET : COMP_PARTIAL;
        }
    /* Count requirements, not headings: leaves, and anything with its own SL vector. */
    for (size_t i = 0; i < fw->n_reqs; i++)
        if (!a->ev[i].has_children || fw->reqs[i].sl_mask) a->counts[a->ev[i].status]++;
    return SW_OK;
}

static int64_t applicable(const assess_run *a)
{
    return a->counts[COMP_MET] + a->counts[COMP_PARTIAL] + a->counts[COMP_NOT_MET] + a->counts[COMP_UNASSESSED];
}

static void jw_counts(json_writer *w, const assess_run *a)
{
    jw_key(w, "counts");
    jw_object_begin(w);
    jw_kv_int(w, "applicable", applicable(a));
    for (int s = 0; s < COMP_STATUS__COUNT; s++) jw_kv_int(w, comp_status_name((comp_status)s), a->counts[s]);
    jw_object_end(w);
}

void cli_comp_live_json(json_writer *w, const comp_result *r, const char *check)
{
    jw_object_begin(w);
    jw_kv_string(w, "check", check);
    jw_kv_string(w, "status", comp_status_name(r->status));
    jw_kv_string(w, "reason", r->reason);
    jw_kv_uint(w, "items_total", r->n_total);
    /* The check's numbers under their documented names. */
    jw_key(w, "data");
    jw_object_begin(w);
    const comp_check *c = comp_check_find(check);
    char name[48];
    for (size_t i = 0; comp_check_count_name(c, i, name, sizeof name); i++) jw_kv_int(w, name, r->counts[i]);
    jw_object_end(w);
    jw_key(w, "items");
    jw_array_begin(w);
    for (size_t i = 0; i < r->n_items; i++) jw_string(w, r->items[i]);
    jw_array_end(w);
    jw_object_end(w);
}

static void print_json(const assess_run *a, const char *zone, int sl)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    char t[SW_TIME_STR_MAX];
    jw_object_begin(&w);
    jw_kv_string(&w, "framework", a->fw->id);
    jw_kv_string(&w, "zone", zone);
    if (zone) jw_kv_int(&w, "target_sl", sl);
    jw_kv_string(&w, "as_of", time_fmt_rfc3339(a->cctx.now_us, 0, t));
    jw_kv_int(&w, "window_days", a->cctx.window_days);
    jw_counts(&w, a);
    jw_key(&w, "requirements");
    jw_array_begin(&w);
    for (size_t i = 0; i < a->fw->n_reqs; i++) {
        const comp_req *r = &a->fw->reqs[i];
        const req_eval *e = &a->ev[i];
        jw_object_begin(&w);
        jw_kv_string(&w, "id", r->id);
        jw_kv_string(&w, "parent", r->parent);
        jw_kv_string(&w, "title", r->title);
        jw_kv_string(&w, "citation", r->citation);
        jw_kv_string(&w, "status", comp_status_name(e->status));
        jw_kv_string(&w, "basis", e->basis);
        if (e->man) {
            jw_key(&w, "manual");
            jw_object_begin(&w);
            jw_kv_string(&w, "status", e->man->status);
            jw_kv_string(&w, "owner", e->man->owner);
            jw_kv_string(&w, "due", e->man->due);
            jw_kv_string(&w, "evidence", e->man->evidence);
            jw_object_end(&w);
        }
        if (e->live) {
            jw_key(&w, "live");
            cli_comp_live_json(&w, e->live, r->evidence);
        }
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_object_end(&w);
    strbuf_putc(&sb, '\n');
    fputs(strbuf_cstr(&sb), stdout);
    strbuf_free(&sb);
}

static void print_table(const assess_run *a, const char *zone, int sl)
{
    static const char *const headers[] = { "REQUIREMENT", "TITLE", "STATUS", "BASIS", "OWNER", "DUE", "EVIDENCE" };
    cli_table t;
    cli_table_init(&t, 7, headers);
    strbuf title;
    strbuf_init(&title);
    for (size_t i = 0; i < a->fw->n_reqs; i++) {
        const comp_req *r = &a->fw->reqs[i];
        const req_eval *e = &a->ev[i];
        strbuf_reset(&title);
        for (int d = 0; d < r->depth; d++) strbuf_puts(&title, "  ");
        strbuf_puts(&title, r->title);
        const char *why = e->live && e->basis && !strcmp(e->basis, "live") ? e->live->reason : e->man ? e->man->evidence : NULL;
        const char *cells[] = { r->id, strbuf_cstr(&title), comp_status_name(e->status), e->basis,
                                e->man ? e->man->owner : NULL, e->man ? e->man->due : NULL, why };
        cli_table_row(&t, cells);
    }
    char at[SW_TIME_STR_MAX];
    printf("%s%s%s", a->fw->name, zone ? ", zone " : "", zone ? zone : "");
    if (zone) printf(" (target SL %d)", sl);
    printf(", as of %s, live window %d days\n\n", time_fmt_rfc3339(a->cctx.now_us, 0, at), a->cctx.window_days);
    cli_table_print(&t, stdout);
    cli_table_free(&t);
    strbuf_free(&title);
    printf("\n%lld applicable: %lld met, %lld partial, %lld not met, %lld unassessed; %lld not applicable\n",
           (long long)applicable(a), (long long)a->counts[COMP_MET], (long long)a->counts[COMP_PARTIAL],
           (long long)a->counts[COMP_NOT_MET], (long long)a->counts[COMP_UNASSESSED], (long long)a->counts[COMP_NA]);
    for (int c = 0; c < COMP_CHECK__COUNT; c++) {
        if (!a->live_done[c]) continue;
        const comp_result *r = &a->live[c];
        const comp_check *chk = NULL;
        for (size_t i = 0; i < a->fw->n_reqs && !chk; i++)
            if (a->fw->reqs[i].evidence && comp_check_find(a->fw->reqs[i].evidence)->id == (comp_check_id)c)
                chk = comp_check_find(a->fw->reqs[i].evidence);
        printf("\nlive check %s: %s - %s\n", chk ? chk->name : "?", comp_status_name(r->status), r->reason);
        for (size_t i = 0; i < r->n_items; i++) printf("  %s\n", r->items[i]);
        if (r->n_total > r->n_items) printf("  ... and %zu more\n", r->n_total - r->n_items);
    }
}

static sw_code record(assess_run *a, const char *zone, sw_error *err)
{
    store_comp_snapshot snap = { a->fw->id, zone ? zone : "", a->cctx.now_us, applicable(a), a->counts[COMP_MET],
                                 a->counts[COMP_PARTIAL], a->counts[COMP_NOT_MET], a->counts[COMP_NA], a->counts[COMP_UNASSESSED] };
    snap.taken_at = time_now_us();
    if (store_begin(a->s, err)) return SW_ERR_DB;
    if (store_comp_snapshot_add(a->s, &snap, err) || store_commit(a->s, err)) { store_rollback(a->s); return SW_ERR_DB; }
    return SW_OK;
}

typedef struct zone_list { char *id[256]; int sl[256]; size_t n; } zone_list;

static int collect_zone(void *ctx, const store_zone_row *z)
{
    zone_list *l = ctx;
    if (z->security_level < 1 || l->n == 256) return 0;
    l->id[l->n] = strdup(z->id);
    l->sl[l->n++] = z->security_level;
    return 0;
}

static port_model *load_model(const cli_command *cmd, store *s, const char *path)
{
    store_summary sum = { 0 };
    sw_error err = { 0 };
    char *stored = NULL;
    if (!path && store_get_summary(s, &sum, &err) == SW_OK && sum.model_path) stored = strdup(sum.model_path);
    store_summary_free(&sum);
    const char *p = path ? path : stored;
    port_model *m = NULL;
    if (p) {
        diag_list d;
        diag_init(&d, p);
        m = model_load_file(p, &d);
        if (m && d.errors) { model_free(m); m = NULL; }
        if (!m) fprintf(stderr, "seawall %s: port model %s not usable (vendor windows unassessed): run seawall check %s\n",
                        cmd->name, p, p);
        diag_free(&d);
    }
    free(stored);
    return m;
}

int cli_comp_assess(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *framework)
{
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    const comp_framework *fw = rc ? NULL : cli_comp_framework(cmd, &cat, framework, &rc);
    if (!fw) { comp_catalog_free(&cat); return rc; }
    if (o->zone && !cli_comp_zoned(fw)) {
        rc = cli_usage_error(cmd, "%s is not assessed per zone: drop --zone", fw->id);
        comp_catalog_free(&cat);
        return rc;
    }
    int64_t at = time_now_us();
    if (o->at && strcmp(o->at, "latest") && !time_parse_rfc3339(o->at, &at)) {
        comp_catalog_free(&cat);
        return cli_usage_error(cmd, "--at wants an RFC 3339 time or 'latest', not '%s'", o->at);
    }
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) { comp_catalog_free(&cat); return rc; }
    sw_error err = { 0 };
    if (o->at && !strcmp(o->at, "latest")) {
        int64_t flows, newest;
        if (store_comp_observed(s, 0, NULL, &flows, &newest, &err) == SW_OK && newest) at = newest + 3600LL * 1000000;   /* the whole newest hour */
    }
    assess_run a = { .cmd = cmd, .s = s, .fw = fw };
    a.m = load_model(cmd, s, o->model);
    a.cctx = (comp_check_ctx){ s, a.m, at, o->window_days, NULL, o->data_dir };
    arena_init(&a.mem, 16 * 1024);
    hashmap_init(&a.manual_by_req);
    a.ev = calloc(fw->n_reqs ? fw->n_reqs : 1, sizeof *a.ev);
    rc = EXIT_OK;
    zone_list zl = { 0 };
    if (!cli_comp_zoned(fw)) {
        if (evaluate(&a, NULL, 0, &err) || (o->record && record(&a, NULL, &err))) rc = EXIT_INPUT;
        else if (ctx->json) print_json(&a, NULL, 0);
        else print_table(&a, NULL, 0);
        if (rc == EXIT_OK && a.counts[COMP_NOT_MET]) rc = EXIT_FINDINGS;
    } else if (o->zone) {
        int sl = cli_comp_zone_sl(cmd, s, o->zone);
        if (sl < 0) rc = EXIT_USAGE;
        else if (evaluate(&a, o->zone, sl, &err) || (o->record && record(&a, o->zone, &err))) rc = EXIT_INPUT;
        else if (ctx->json) print_json(&a, o->zone, sl);
        else print_table(&a, o->zone, sl);
        if (rc == EXIT_OK && a.counts[COMP_NOT_MET]) rc = EXIT_FINDINGS;
    } else {
        /* Every zone with a target SL: one summary line each. */
        if (store_list_zones(s, collect_zone, &zl, &err)) rc = EXIT_INPUT;
        static const char *const headers[] = { "ZONE", "TARGET SL", "APPLICABLE", "MET", "PARTIAL", "NOT MET", "UNASSESSED", "N/A" };
        cli_listing l;
        cli_listing_begin(&l, ctx->json, 8, headers);
        bool any_not_met = false;
        for (size_t z = 0; rc == EXIT_OK && z < zl.n; z++) {
            if (evaluate(&a, zl.id[z], zl.sl[z], &err) || (o->record && record(&a, zl.id[z], &err))) { rc = EXIT_INPUT; break; }
            any_not_met |= a.counts[COMP_NOT_MET] > 0;
            if (ctx->json) {
                jw_object_begin(&l.w);
                jw_kv_string(&l.w, "zone", zl.id[z]);
                jw_kv_int(&l.w, "target_sl", zl.sl[z]);
                jw_counts(&l.w, &a);
                jw_object_end(&l.w);
                cli_listing_row(&l, NULL);
            } else {
                char n[7][24];
                const int64_t v[7] = { zl.sl[z], applicable(&a), a.counts[COMP_MET], a.counts[COMP_PARTIAL],
                                       a.counts[COMP_NOT_MET], a.counts[COMP_UNASSESSED], a.counts[COMP_NA] };
                for (int i = 0; i < 7; i++) snprintf(n[i], sizeof n[i], "%lld", (long long)v[i]);
                const char *cells[] = { zl.id[z], n[0], n[1], n[2], n[3], n[4], n[5], n[6] };
                cli_listing_row(&l, cells);
            }
        }
        cli_listing_end(&l, rc == EXIT_OK, "no zone with a target security level (1-4) in the port model");
        if (rc == EXIT_OK && !ctx->json) printf("\nseawall compliance assess %s --zone ZONE shows one zone's requirements\n", fw->id);
        if (rc == EXIT_OK && any_not_met) rc = EXIT_FINDINGS;
    }
    if (rc == EXIT_INPUT) fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
    for (size_t z = 0; z < zl.n; z++) free(zl.id[z]);
    free(a.ev);
    hashmap_free(&a.manual_by_req);
    arena_free(&a.mem);
    if (a.m) model_free((port_model *)a.m);
    store_close(s);
    comp_catalog_free(&cat);
    return rc;
}

/* --- plan: the gaps as a plan of action and milestones ------------------------------- */

typedef struct gap {
    const comp_framework *fw;
    const comp_req *r;
    comp_status status;
    const char *basis;          /* a string literal */
    char *zone, *owner, *due, *why;   /* owned: a run's manual rows go with its arena */
} gap;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

typedef VEC(gap) gap_vec;

static int gap_cmp(const void *pa, const void *pb)
{
    const gap *a = pa, *b = pb;
    /* dated first, earliest first; then not-met before partial; then catalogue order */
    if (!a->due != !b->due) return a->due ? -1 : 1;
    int c = a->due ? strcmp(a->due, b->due) : 0;
    if (c) return c;
    if (a->status != b->status) return a->status == COMP_NOT_MET ? -1 : 1;
    c = strcmp(a->fw->id, b->fw->id);
    if (c) return c;
    c = strcmp(a->zone ? a->zone : "", b->zone ? b->zone : "");
    return c ? c : (a->r < b->r ? -1 : a->r > b->r);
}

static void collect_gaps(assess_run *a, const char *zone, gap_vec *out)
{
    for (size_t i = 0; i < a->fw->n_reqs; i++) {
        const comp_req *r = &a->fw->reqs[i];
        const req_eval *e = &a->ev[i];
        if (e->status != COMP_NOT_MET && e->status != COMP_PARTIAL) continue;
        if (e->has_children && !r->sl_mask) continue;      /* headings: their children are listed */
        const char *why = e->basis && !strcmp(e->basis, "live") ? e->live->reason : e->man ? e->man->evidence : NULL;
        gap g = { a->fw, r, e->status, e->basis, dup_or_null(zone), dup_or_null(e->man ? e->man->owner : NULL),
                  dup_or_null(e->man && e->man->due ? e->man->due : r->due), dup_or_null(why) };
        vec_push(out, g);
    }
}

int cli_comp_plan(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *framework)
{
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    const comp_framework *only = NULL;
    if (!rc && framework) only = cli_comp_framework(cmd, &cat, framework, &rc);
    if (rc) { comp_catalog_free(&cat); return rc; }
    int64_t at = time_now_us();
    if (o->at && strcmp(o->at, "latest") && !time_parse_rfc3339(o->at, &at)) {
        comp_catalog_free(&cat);
        return cli_usage_error(cmd, "--at wants an RFC 3339 time or 'latest', not '%s'", o->at);
    }
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) { comp_catalog_free(&cat); return rc; }
    sw_error err = { 0 };
    int64_t now = at;
    if (o->at && !strcmp(o->at, "latest")) {
        int64_t flows, newest;
        if (store_comp_observed(s, 0, NULL, &flows, &newest, &err) == SW_OK && newest) at = newest + 3600LL * 1000000;
    }
    port_model *m = load_model(cmd, s, o->model);
    zone_list zl = { 0 };
    if (store_list_zones(s, collect_zone, &zl, &err)) rc = EXIT_INPUT;
    gap_vec gaps = { 0 };
    for (size_t f = 0; rc == EXIT_OK && f < cat.n; f++) {
        const comp_framework *fw = cat.fw[f];
        if (only ? fw != only : fw->superseded_by != NULL) continue;   /* an old edition only when named */
        assess_run a = { .cmd = cmd, .s = s, .fw = fw, .m = m };
        a.cctx = (comp_check_ctx){ s, m, at, o->window_days, NULL, o->data_dir };
        arena_init(&a.mem, 16 * 1024);
        hashmap_init(&a.manual_by_req);
        a.ev = calloc(fw->n_reqs ? fw->n_reqs : 1, sizeof *a.ev);
        if (!cli_comp_zoned(fw)) {
            if (evaluate(&a, NULL, 0, &err)) rc = EXIT_INPUT;
            else collect_gaps(&a, NULL, &gaps);
        } else {
            for (size_t z = 0; rc == EXIT_OK && z < zl.n; z++) {
                if (o->zone && strcmp(o->zone, zl.id[z])) continue;
                if (evaluate(&a, zl.id[z], zl.sl[z], &err)) rc = EXIT_INPUT;
                else collect_gaps(&a, zl.id[z], &gaps);
            }
        }
        free(a.ev);
        hashmap_free(&a.manual_by_req);
        arena_free(&a.mem);
    }
    if (rc == EXIT_OK) {
        qsort(gaps.items, gaps.len, sizeof *gaps.items, gap_cmp);
        char today[SW_TIME_STR_MAX];
        time_fmt_rfc3339(now, 0, today);
        today[10] = '\0';
        static const char *const headers[] = { "DUE", "FRAMEWORK", "ZONE", "REQUIREMENT", "TITLE", "STATUS", "BASIS", "OWNER", "WHY" };
        cli_listing l;
        cli_listing_begin(&l, ctx->json, 9, headers);
        for (size_t i = 0; i < gaps.len; i++) {
            const gap *g = &gaps.items[i];
            bool overdue = g->due && strcmp(g->due, today) < 0;
            if (ctx->json) {
                jw_object_begin(&l.w);
                jw_kv_string(&l.w, "framework", g->fw->id);
                jw_kv_string(&l.w, "zone", g->zone);
                jw_kv_string(&l.w, "requirement", g->r->id);
                jw_kv_string(&l.w, "title", g->r->title);
                jw_kv_string(&l.w, "citation", g->r->citation);
                jw_kv_string(&l.w, "status", comp_status_name(g->status));
                jw_kv_string(&l.w, "basis", g->basis);
                jw_kv_string(&l.w, "owner", g->owner);
                jw_kv_string(&l.w, "due", g->due);
                jw_kv_bool(&l.w, "overdue", overdue);
                jw_kv_string(&l.w, "why", g->why);
                jw_object_end(&l.w);
                cli_listing_row(&l, NULL);
            } else {
                char due[32];
                snprintf(due, sizeof due, "%s%s", g->due ? g->due : "-", overdue ? " OVERDUE" : "");
                const char *cells[] = { due, g->fw->id, g->zone, g->r->id, g->r->title, comp_status_name(g->status),
                                        g->basis, g->owner, g->why };
                cli_listing_row(&l, cells);
            }
        }
        cli_listing_end(&l, true, "no gap: every assessed requirement is met or not applicable");
    } else {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
    }
    if (rc == EXIT_OK && gaps.len) rc = EXIT_FINDINGS;
    for (size_t i = 0; i < gaps.len; i++) {
        gap *g = &gaps.items[i];
        free(g->zone);
        free(g->owner);
        free(g->due);
        free(g->why);
    }
    vec_free(&gaps);
    for (size_t z = 0; z < zl.n; z++) free(zl.id[z]);
    if (m) model_free(m);
    store_close(s);
    comp_catalog_free(&cat);
    return rc;
}

/* --- visit: the evaluations handed to `seawall comply` -------------------------------- */

static int visit_one(assess_run *a, const char *zone, int sl, cli_comp_visit_fn fn, void *fctx, cli_comp_item *items)
{
    for (size_t i = 0; i < a->fw->n_reqs; i++) {
        const comp_req *r = &a->fw->reqs[i];
        const req_eval *e = &a->ev[i];
        bool live = e->basis && !strcmp(e->basis, "live");
        items[i] = (cli_comp_item){ r, e->status, e->basis, e->man ? e->man->owner : NULL,
                                    e->man && e->man->due ? e->man->due : r->due,
                                    live ? e->live->reason : e->man ? e->man->evidence : NULL, e->live,
                                    e->has_children && !r->sl_mask };
    }
    return fn(fctx, a->fw, zone, sl, a->counts, items, a->fw->n_reqs);
}

int cli_comp_visit(const cli_command *cmd, cli_ctx *ctx, const comp_opts *o, const char *framework, cli_comp_visit_fn fn,
                   void *fctx, int64_t *judged_at)
{
    comp_catalog cat;
    int rc = cli_comp_load(cmd, o, &cat);
    const comp_framework *only = NULL;
    if (!rc && framework) only = cli_comp_framework(cmd, &cat, framework, &rc);
    if (rc) { comp_catalog_free(&cat); return rc; }
    int64_t at = time_now_us();
    if (o->at && strcmp(o->at, "latest") && !time_parse_rfc3339(o->at, &at)) {
        comp_catalog_free(&cat);
        return cli_usage_error(cmd, "--at wants an RFC 3339 time or 'latest', not '%s'", o->at);
    }
    store *s = cli_open_model_store(cmd, ctx, &rc);
    if (!s) { comp_catalog_free(&cat); return rc; }
    sw_error err = { 0 };
    if (o->at && !strcmp(o->at, "latest")) {
        int64_t flows, newest;
        if (store_comp_observed(s, 0, NULL, &flows, &newest, &err) == SW_OK && newest) at = newest + 3600LL * 1000000;
    }
    if (judged_at) *judged_at = at;
    port_model *m = load_model(cmd, s, o->model);
    zone_list zl = { 0 };
    if (store_list_zones(s, collect_zone, &zl, &err)) rc = EXIT_INPUT;
    for (size_t f = 0; rc == EXIT_OK && f < cat.n; f++) {
        const comp_framework *fw = cat.fw[f];
        if (only ? fw != only : fw->superseded_by != NULL) continue;   /* an old edition only when named */
        assess_run a = { .cmd = cmd, .s = s, .fw = fw, .m = m };
        a.cctx = (comp_check_ctx){ s, m, at, o->window_days, NULL, o->data_dir };
        arena_init(&a.mem, 16 * 1024);
        hashmap_init(&a.manual_by_req);
        a.ev = calloc(fw->n_reqs ? fw->n_reqs : 1, sizeof *a.ev);
        cli_comp_item *items = calloc(fw->n_reqs ? fw->n_reqs : 1, sizeof *items);
        if (!a.ev || !items) rc = EXIT_INPUT;
        else if (!cli_comp_zoned(fw)) {
            if (evaluate(&a, NULL, 0, &err)) rc = EXIT_INPUT;
            else if (visit_one(&a, NULL, 0, fn, fctx, items)) rc = EXIT_INPUT;
        } else {
            for (size_t z = 0; rc == EXIT_OK && z < zl.n; z++) {
                if (o->zone && strcmp(o->zone, zl.id[z])) continue;
                if (evaluate(&a, zl.id[z], zl.sl[z], &err)) rc = EXIT_INPUT;
                else if (visit_one(&a, zl.id[z], zl.sl[z], fn, fctx, items)) rc = EXIT_INPUT;
            }
        }
        free(items);
        free(a.ev);
        hashmap_free(&a.manual_by_req);
        arena_free(&a.mem);
    }
    if (rc == EXIT_INPUT) fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg[0] ? err.msg : "evaluation failed");
    for (size_t z = 0; z < zl.n; z++) free(zl.id[z]);
    if (m) model_free(m);
    store_close(s);
    comp_catalog_free(&cat);
    return rc;
}
