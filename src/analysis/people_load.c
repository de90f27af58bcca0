/* people_load.c - the people and culture files of people.h parsed into
 * ppl_data: training.csv, phishing.csv and drills.csv through people_csv,
 * policies.yaml (courses and policies) through the model's YAML tree. A
 * file with any bad line adds nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "analysis/people_csv.h"
#include "core/vec.h"
#include "model/model_yaml.h"

void ppl_init(ppl_data *p)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->mem, 64 * 1024);
    p->click_rate_max = -1;
}

void ppl_free(ppl_data *p)
{
    free(p->events);
    free(p->courses);
    free(p->policies);
    free(p->campaigns);
    free(p->drills);
    arena_free(&p->mem);
    memset(p, 0, sizeof *p);
}

/* Days from the civil date (proleptic Gregorian), after H. Hinnant's algorithm. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool ppl_parse_day(const char *s, int32_t *day)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1970 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) return false;
    *day = days_from_civil(y, m, d);
    return true;
}

void ppl_fmt_day(int32_t z, char buf[11])
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

static bool want_day(const pcsv_row *r, int col, const char *name, int32_t *out, diag_list *d)
{
    if (ppl_parse_day(r->field[col], out)) return true;
    diag_add(d, DIAG_ERROR, r->line, 0, "'%s' must be a date YYYY-MM-DD, not '%s'", name, r->field[col] ? r->field[col] : "");
    return false;
}

static bool want_count(const pcsv_row *r, int col, const char *name, int64_t *out, diag_list *d)
{
    const char *s = r->field[col];
    if (!s) { *out = 0; return true; }
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || end == s || v < 0 || v > 100000000) {
        diag_add(d, DIAG_ERROR, r->line, 0, "'%s' must be a whole number 0..100000000, not '%s'", name, s);
        return false;
    }
    *out = v;
    return true;
}

/* --- training.csv: person,event,course,date --------------------------------- */

typedef VEC(ppl_event) event_vec;

static bool training_row(void *ctx, const pcsv_row *r, diag_list *d)
{
    event_vec *v = ctx;
    ppl_event e = { .person = r->field[0], .course = r->field[2], .line = r->line };
    const char *ev = r->field[1];
    if (!strcmp(ev, "hired")) e.kind = PPL_EV_HIRED;
    else if (!strcmp(ev, "access")) e.kind = PPL_EV_ACCESS;
    else if (!strcmp(ev, "completed")) e.kind = PPL_EV_COMPLETED;
    else { diag_add(d, DIAG_ERROR, r->line, 0, "event must be hired, access or completed, not '%s'", ev); return false; }
    if (e.kind == PPL_EV_COMPLETED && !e.course) { diag_add(d, DIAG_ERROR, r->line, 0, "a completion names its course"); return false; }
    if (e.kind != PPL_EV_COMPLETED && e.course) {
        diag_add(d, DIAG_ERROR, r->line, 0, "'%s' takes no course (leave the column empty)", ev);
        return false;
    }
    if (!want_day(r, 3, "date", &e.day, d)) return false;
    if (v->len >= PPL_MAX_ROWS) { diag_add(d, DIAG_ERROR, r->line, 0, "more than %d rows", PPL_MAX_ROWS); return false; }
    vec_push(v, e);
    return true;
}

bool ppl_parse_training(ppl_data *p, const char *data, size_t len, diag_list *d)
{
    static const char *const cols[] = { "person", "event", "course", "date" };
    event_vec v = { 0 };
    size_t errs = d->errors;
    bool ok = pcsv_read(&p->mem, data, len, cols, 4, 2, training_row, &v, d);
    /* course may be empty, date may not: checked here since it is not the last required column */
    if (!ok || d->errors > errs) { vec_free(&v); return false; }
    free(p->events);
    p->events = v.items;
    p->n_events = v.len;
    p->have_training = true;
    return true;
}

/* --- phishing.csv: campaign,date,kind,audience,sent,clicked,reported,submitted,title -- */

typedef VEC(ppl_campaign) campaign_vec;

static bool phishing_row(void *ctx, const pcsv_row *r, diag_list *d)
{
    campaign_vec *v = ctx;
    ppl_campaign c = { .id = r->field[0], .kind = r->field[2], .audience = r->field[3], .title = r->field[8], .line = r->line };
    bool ok = want_day(r, 1, "date", &c.day, d);
    if (strcmp(c.kind, "phishing-sim") && strcmp(c.kind, "awareness")) {
        diag_add(d, DIAG_ERROR, r->line, 0, "kind must be phishing-sim or awareness, not '%s'", c.kind);
        ok = false;
    }
    /* Every field is checked, so one line reports all its faults. */
    if (!want_count(r, 4, "sent", &c.sent, d)) ok = false;
    if (!want_count(r, 5, "clicked", &c.clicked, d)) ok = false;
    if (!want_count(r, 6, "reported", &c.reported, d)) ok = false;
    if (!want_count(r, 7, "submitted", &c.submitted, d)) ok = false;
    if (ok && (c.clicked > c.sent || c.reported > c.sent || c.submitted > c.clicked)) {
        diag_add(d, DIAG_ERROR, r->line, 0, "clicked and reported cannot exceed sent, nor submitted exceed clicked");
        ok = false;
    }
    if (ok && !strcmp(c.kind, "phishing-sim") && c.sent == 0) {
        diag_add(d, DIAG_ERROR, r->line, 0, "a phishing simulation sent to nobody");
        ok = false;
    }
    if (ok) vec_push(v, c);
    return ok;
}

bool ppl_parse_phishing(ppl_data *p, const char *data, size_t len, diag_list *d)
{
    static const char *const cols[] = { "campaign", "date", "kind", "audience", "sent", "clicked", "reported", "submitted", "title" };
    campaign_vec v = { 0 };
    size_t errs = d->errors;
    if (!pcsv_read(&p->mem, data, len, cols, 9, 4, phishing_row, &v, d) || d->errors > errs) { vec_free(&v); return false; }
    free(p->campaigns);
    p->campaigns = v.items;
    p->n_campaigns = v.len;
    p->have_phishing = true;
    return true;
}

/* --- drills.csv: date,kind,title,scope,findings ------------------------------- */

typedef VEC(ppl_drill) drill_vec;

static bool drill_row(void *ctx, const pcsv_row *r, diag_list *d)
{
    drill_vec *v = ctx;
    ppl_drill x = { .kind = r->field[1], .title = r->field[2], .scope = r->field[3], .findings = r->field[4], .line = r->line };
    bool ok = want_day(r, 0, "date", &x.day, d);
    if (strcmp(x.kind, "drill") && strcmp(x.kind, "exercise")) {
        diag_add(d, DIAG_ERROR, r->line, 0, "kind must be drill or exercise, not '%s'", x.kind);
        ok = false;
    }
    if (ok) vec_push(v, x);
    return ok;
}

bool ppl_parse_drills(ppl_data *p, const char *data, size_t len, diag_list *d)
{
    static const char *const cols[] = { "date", "kind", "title", "scope", "findings" };
    drill_vec v = { 0 };
    size_t errs = d->errors;
    if (!pcsv_read(&p->mem, data, len, cols, 5, 3, drill_row, &v, d) || d->errors > errs) { vec_free(&v); return false; }
    free(p->drills);
    p->drills = v.items;
    p->n_drills = v.len;
    p->have_drills = true;
    return true;
}

/* --- policies.yaml: courses and the policies register ------------------------ */

typedef struct yload { arena *mem; diag_list *d; } yload;

static void yerr(yload *L, const ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void yerr(yload *L, const ynode *n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(L->d, DIAG_ERROR, n->pos.line, n->pos.col, "%s", msg);
}

static const ynode *deref(const ynode *n) { return n && n->origin ? n->origin : n; }

static const char *ytext(yload *L, const ynode *v, const char *field)
{
    v = deref(v);
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !v->text[0]) {
        yerr(L, v, "'%s' must be a non-empty string", field);
        return NULL;
    }
    return v->text;
}

static bool yint(yload *L, const ynode *v, const char *field, int lo, int hi, int *out)
{
    const char *s = ytext(L, v, field);
    if (!s) return false;
    char *end;
    long x = strtol(s, &end, 10);
    if (*end || x < lo || x > hi) { yerr(L, v, "'%s' must be a whole number %d..%d", field, lo, hi); return false; }
    *out = (int)x;
    return true;
}

static bool yday(yload *L, const ynode *v, const char *field, int32_t *out)
{
    const char *s = ytext(L, v, field);
    if (!s) return false;
    if (!ppl_parse_day(s, out)) { yerr(L, v, "'%s' must be a date YYYY-MM-DD", field); return false; }
    return true;
}

static bool ylist(yload *L, const ynode *v, const char *field, const char ***out, size_t *n)
{
    v = deref(v);
    if (v->kind != YNODE_SEQUENCE) { yerr(L, v, "'%s' must be a list", field); return false; }
    *out = arena_alloc(L->mem, (v->n ? v->n : 1) * sizeof **out);
    if (!*out) return false;
    *n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const char *s = ytext(L, v->item[i], field);
        if (!s) return false;
        (*out)[(*n)++] = s;
    }
    return true;
}

static bool parse_course(yload *L, const ynode *m, ppl_course *c)
{
    bool ok = true;
    c->pos = m->pos;
    for (size_t j = 0; j < m->n; j++) {
        size_t i = 2 * j;
        const char *k = deref(m->item[i])->text ? deref(m->item[i])->text : "";
        const ynode *v = m->item[i + 1];
        if (!strcmp(k, "id")) ok &= (c->id = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "title")) ok &= (c->title = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "citation")) ok &= (c->citation = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "roles")) ok &= ylist(L, v, k, &c->roles, &c->n_roles);
        else if (!strcmp(k, "initial_by")) ok &= yday(L, v, k, &c->initial_by);
        else if (!strcmp(k, "access_days")) ok &= yint(L, v, k, 1, 3660, &c->access_days);
        else if (!strcmp(k, "hire_days")) ok &= yint(L, v, k, 1, 3660, &c->hire_days);
        else if (!strcmp(k, "every_days")) ok &= yint(L, v, k, 1, 3660, &c->every_days);
        else { yerr(L, m->item[i], "unknown course field '%s'", k); ok = false; }
    }
    if (ok && (!c->id || !c->roles)) { yerr(L, m, "a course needs an id and roles"); ok = false; }
    return ok;
}

static bool parse_acks(yload *L, const ynode *v, ppl_policy *p)
{
    v = deref(v);
    if (v->kind != YNODE_MAPPING) { yerr(L, v, "'acknowledged' maps a person to a date"); return false; }
    p->acks = arena_alloc(L->mem, (v->n ? v->n : 1) * sizeof *p->acks);
    if (!p->acks) return false;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        ppl_ack *a = &p->acks[p->n_acks];
        if (!(a->person = ytext(L, v->item[2 * i], "acknowledged")) || !yday(L, v->item[2 * i + 1], "acknowledged", &a->day)) ok = false;
        else p->n_acks++;
    }
    return ok;
}

static bool parse_policy(yload *L, const ynode *m, ppl_policy *p)
{
    bool ok = true;
    p->pos = m->pos;
    for (size_t i = 0; i < m->n; i++) {
        const char *k = deref(m->item[2 * i])->text ? deref(m->item[2 * i])->text : "";
        const ynode *v = m->item[2 * i + 1];
        if (!strcmp(k, "id")) ok &= (p->id = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "title")) ok &= (p->title = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "owner")) ok &= (p->owner = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "version")) ok &= (p->version = ytext(L, v, k)) != NULL;
        else if (!strcmp(k, "review_days")) ok &= yint(L, v, k, 1, 3660, &p->review_days);
        else if (!strcmp(k, "last_reviewed")) ok &= yday(L, v, k, &p->last_reviewed);
        else if (!strcmp(k, "acknowledge")) ok &= ylist(L, v, k, &p->ack_roles, &p->n_ack_roles);
        else if (!strcmp(k, "acknowledged")) ok &= parse_acks(L, v, p);
        else { yerr(L, m->item[2 * i], "unknown policy field '%s'", k); ok = false; }
    }
    if (ok && (!p->id || !p->title || !p->owner || !p->review_days)) {
        yerr(L, m, "a policy needs an id, title, owner and review_days");
        ok = false;
    }
    return ok;
}

bool ppl_parse_policies(ppl_data *p, const char *data, size_t len, diag_list *d)
{
    size_t errs = d->errors, n_nodes = 0;
    arena tmp;
    arena_init(&tmp, 64 * 1024);
    const ynode *root = ytree_parse(&tmp, data, len, d, &n_nodes);
    yload L = { &p->mem, d };
    VEC(ppl_course) courses = { 0 };
    VEC(ppl_policy) policies = { 0 };
    int click_rate_max = -1;
    root = deref(root);
    if (root && root->kind != YNODE_MAPPING) yerr(&L, root, "the file must be a mapping with courses: and policies:");
    else if (root) {
        for (size_t i = 0; i < root->n; i++) {
            const char *k = deref(root->item[2 * i])->text;
            const ynode *v = deref(root->item[2 * i + 1]);
            bool is_course = k && !strcmp(k, "courses"), is_policy = k && !strcmp(k, "policies");
            if (k && !strcmp(k, "awareness")) {
                /* awareness: {click_rate_max: PERCENT} - the target the phishing check judges against */
                if (v->kind != YNODE_MAPPING) { yerr(&L, v, "'awareness' must be a mapping"); continue; }
                for (size_t j = 0; j < v->n; j++) {
                    const char *ak = deref(v->item[2 * j])->text;
                    if (ak && !strcmp(ak, "click_rate_max")) (void)yint(&L, v->item[2 * j + 1], "click_rate_max", 0, 100, &click_rate_max);
                    else yerr(&L, v->item[2 * j], "unknown field '%s' in awareness (click_rate_max)", ak ? ak : "?");
                }
                continue;
            }
            if (!is_course && !is_policy) { yerr(&L, root->item[2 * i], "unknown section '%s' (courses, policies, awareness)", k ? k : "?"); continue; }
            if (v->kind != YNODE_SEQUENCE) { yerr(&L, v, "'%s' must be a list", k); continue; }
            for (size_t j = 0; j < v->n; j++) {
                const ynode *m = deref(v->item[j]);
                if (m->kind != YNODE_MAPPING) { yerr(&L, m, "each entry of '%s' is a mapping", k); continue; }
                if (is_course) {
                    ppl_course c = { 0 };
                    if (parse_course(&L, m, &c)) vec_push(&courses, c);
                } else {
                    ppl_policy q = { 0 };
                    if (parse_policy(&L, m, &q)) vec_push(&policies, q);
                }
            }
        }
    }
    for (size_t i = 0; i < courses.len; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(courses.items[i].id, courses.items[j].id))
                diag_add(d, DIAG_ERROR, courses.items[i].pos.line, courses.items[i].pos.col, "course '%s' defined twice", courses.items[i].id);
    for (size_t i = 0; i < policies.len; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(policies.items[i].id, policies.items[j].id))
                diag_add(d, DIAG_ERROR, policies.items[i].pos.line, policies.items[i].pos.col, "policy '%s' defined twice", policies.items[i].id);
    bool ok = root && d->errors == errs;
    if (ok) {
        /* The tree's text must outlive it: copy every string into p->mem. */
        for (size_t i = 0; i < courses.len; i++) {
            ppl_course *c = &courses.items[i];
            c->id = arena_strdup(&p->mem, c->id);
            c->title = c->title ? arena_strdup(&p->mem, c->title) : NULL;
            c->citation = c->citation ? arena_strdup(&p->mem, c->citation) : NULL;
            for (size_t k = 0; k < c->n_roles; k++) c->roles[k] = arena_strdup(&p->mem, c->roles[k]);
        }
        for (size_t i = 0; i < policies.len; i++) {
            ppl_policy *q = &policies.items[i];
            q->id = arena_strdup(&p->mem, q->id);
            q->title = arena_strdup(&p->mem, q->title);
            q->owner = arena_strdup(&p->mem, q->owner);
            q->version = q->version ? arena_strdup(&p->mem, q->version) : NULL;
            for (size_t k = 0; k < q->n_ack_roles; k++) q->ack_roles[k] = arena_strdup(&p->mem, q->ack_roles[k]);
            for (size_t k = 0; k < q->n_acks; k++) q->acks[k].person = arena_strdup(&p->mem, q->acks[k].person);
        }
        free(p->courses);
        free(p->policies);
        p->courses = courses.items; p->n_courses = courses.len;
        p->policies = policies.items; p->n_policies = policies.len;
        p->click_rate_max = click_rate_max;
        p->have_policies = true;
    } else {
        vec_free(&courses);
        vec_free(&policies);
    }
    arena_free(&tmp);
    return ok;
}

/* --- the folder ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len, bool *missing, sw_error *err)
{
    *missing = false;
    FILE *f = fopen(path, "rb");
    if (!f) { *missing = true; return NULL; }
    char *buf = malloc(PPL_MAX_FILE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, PPL_MAX_FILE_BYTES + 1, f) : 0;
    bool bad = !buf || ferror(f) || n > PPL_MAX_FILE_BYTES;
    fclose(f);
    if (bad) {
        free(buf);
        sw_fail(err, SW_ERR_IO, "%s: %s", path, buf ? "larger than 8 MiB or unreadable" : "out of memory");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

sw_code ppl_load_dir(ppl_data *p, const char *dir, FILE *out, sw_error *err)
{
    static const struct { const char *name; bool (*parse)(ppl_data *, const char *, size_t, diag_list *); } files[] = {
        { "training.csv", ppl_parse_training }, { "policies.yaml", ppl_parse_policies },
        { "phishing.csv", ppl_parse_phishing }, { "drills.csv", ppl_parse_drills },
    };
    sw_code rc = SW_OK;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        size_t len = 0;
        bool missing;
        char *data = read_file(path, &len, &missing, err);
        if (!data) {
            if (missing) continue;
            return SW_ERR_IO;
        }
        diag_list d;
        diag_init(&d, path);
        if (!files[i].parse(p, data, len, &d)) {
            diag_sort(&d);
            if (out) diag_print(&d, out);
            if (rc == SW_OK) rc = sw_fail(err, SW_ERR_INVALID, "%s has %zu error%s: nothing from it is used", path, d.errors,
                                          d.errors == 1 ? "" : "s");
        }
        diag_free(&d);
        free(data);
    }
    return rc;
}
