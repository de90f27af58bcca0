/* people_eval.c - who owes which course by when: each active person of the
 * port model against each course their roles require, from the training
 * events (last completion + refresher period; newcomers from their access
 * and hiring dates; people already in post from the course's initial_by). */
#include <stdio.h>
#include <string.h>
#include "analysis/people.h"
#include "core/hashmap.h"

static const char *const state_names[PPL_TR__COUNT] = { "current", "due-soon", "pending", "overdue" };

const char *ppl_train_state_name(ppl_train_state s) { return s < PPL_TR__COUNT ? state_names[s] : "?"; }

bool ppl_roles_match(const model_person *who, const char *const *roles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(roles[i], "*")) return true;
        for (size_t k = 0; k < who->roles.len; k++)
            if (!strcmp(who->roles.items[k], roles[i])) return true;
    }
    return false;
}

typedef struct person_dates { int32_t hired, access; } person_dates;

void ppl_training_each(const ppl_data *p, const port_model *m, int32_t today, int due_soon_days, ppl_train_fn fn,
                       void *ctx)
{
    /* One pass over the events: latest completion per person and course,
     * earliest hiring and access per person. */
    arena mem;
    arena_init(&mem, 16 * 1024);
    hashmap done, dates;
    hashmap_init(&done);
    hashmap_init(&dates);
    for (size_t i = 0; i < p->n_events; i++) {
        const ppl_event *e = &p->events[i];
        if (e->kind == PPL_EV_COMPLETED) {
            char key[512];
            snprintf(key, sizeof key, "%s\x1f%s", e->person, e->course);
            int32_t *last = hashmap_get(&done, key);
            if (!last) {
                char *k = arena_strdup(&mem, key);
                last = arena_alloc(&mem, sizeof *last);
                if (!k || !last || !hashmap_put(&done, k, last)) continue;
            }
            if (e->day > *last) *last = e->day;
        } else {
            person_dates *pd = hashmap_get(&dates, e->person);
            if (!pd) {
                pd = arena_alloc(&mem, sizeof *pd);
                if (!pd || !hashmap_put(&dates, e->person, pd)) continue;
            }
            int32_t *slot = e->kind == PPL_EV_HIRED ? &pd->hired : &pd->access;
            if (!*slot || e->day < *slot) *slot = e->day;
        }
    }
    for (size_t i = 0; i < m->n_people; i++) {
        const model_person *who = &m->people[i];
        if (who->status && !strcmp(who->status, "left")) continue;
        const person_dates *pd = hashmap_get(&dates, who->id);
        for (size_t c = 0; c < p->n_courses; c++) {
            const ppl_course *co = &p->courses[c];
            if (!ppl_roles_match(who, co->roles, co->n_roles)) continue;
            char key[512];
            snprintf(key, sizeof key, "%s\x1f%s", who->id, co->id);
            const int32_t *last = hashmap_get(&done, key);
            ppl_train_row r = { .person = who, .course = co, .last_done = last ? *last : 0 };
            char basis[96];
            if (last) {
                r.due = co->every_days ? *last + co->every_days : 0;
                snprintf(basis, sizeof basis, co->every_days ? "refresher every %d days" : "once (no refresher)", co->every_days);
            } else {
                int32_t start = pd ? (pd->access ? pd->access : pd->hired) : 0;
                bool newcomer = start && (!co->initial_by || start > co->initial_by);
                if (newcomer && (co->access_days || co->hire_days)) {
                    int32_t a = pd->access && co->access_days ? pd->access + co->access_days : 0;
                    int32_t h = pd->hired && co->hire_days ? pd->hired + co->hire_days : 0;
                    r.due = a && h ? (a < h ? a : h) : a ? a : h;
                    if (r.due == a && a) snprintf(basis, sizeof basis, "new staff: IT/OT access + %d days", co->access_days);
                    else snprintf(basis, sizeof basis, "new staff: hired + %d days", co->hire_days);
                    if (!r.due) snprintf(basis, sizeof basis, "new staff: no start date for this course's deadlines");
                } else if (co->initial_by) {
                    r.due = co->initial_by;
                    snprintf(basis, sizeof basis, "staff in post: initial deadline");
                } else {
                    snprintf(basis, sizeof basis, "never completed, and no deadline recorded");
                }
            }
            if (last) r.state = !r.due || today <= r.due - due_soon_days ? PPL_TR_CURRENT : today <= r.due ? PPL_TR_DUE_SOON : PPL_TR_OVERDUE;
            else r.state = r.due && today <= r.due ? PPL_TR_PENDING : PPL_TR_OVERDUE;
            r.basis = basis;
            if (fn(ctx, &r)) goto out;
        }
    }
out:
    hashmap_free(&done);
    hashmap_free(&dates);
    arena_free(&mem);
}
