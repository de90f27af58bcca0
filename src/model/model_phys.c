/* model_phys.c - the physical-security part of the port model: access areas,
 * shifts, authorised areas and accounts of people, reader positions and
 * camera coverage. Checked after the core validation has indexed ids. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "core/strbuf.h"
#include "model/model.h"
#include "model/model_internal.h"

const char *const model_area_kinds[] = {
    "ot-room", "electrical-room", "server-room", "vts-centre", "control-room", "gate", "office", "public",
    "perimeter", "warehouse", "quay",
};
const size_t model_n_area_kinds = sizeof model_area_kinds / sizeof model_area_kinds[0];

bool model_area_kind_sensitive(const char *kind)
{
    static const char *const sensitive[] = { "ot-room", "electrical-room", "server-room", "vts-centre", "control-room" };
    if (!kind) return false;
    for (size_t i = 0; i < sizeof sensitive / sizeof sensitive[0]; i++)
        if (!strcmp(kind, sensitive[i])) return true;
    return false;
}

const model_access_area *model_access_area_by_id(const port_model *m, const char *id)
{
    if (!id) return NULL;
    for (size_t i = 0; i < m->n_access_areas; i++)
        if (m->access_areas[i].id && !strcmp(m->access_areas[i].id, id)) return &m->access_areas[i];
    return NULL;
}

static int area_index(const port_model *m, const char *id)
{
    const model_access_area *a = model_access_area_by_id(m, id);
    return a ? (int)(a - m->access_areas) : -1;
}

static int map_index(const hashmap *map, const char *id)
{
    intptr_t i = id ? (intptr_t)hashmap_get(map, id) : 0;
    return i ? (int)(i - 1) : -1;
}

/* Resolves each id of `list` through `find`; unknown ids are errors. */
static int *resolve_ids(port_model *m, diag_list *d, const model_strlist *list, const char *what, const hashmap *map)
{
    if (!list->len) return NULL;
    int *out = arena_alloc(&m->mem, list->len * sizeof *out);
    if (!out) return NULL;
    for (size_t i = 0; i < list->len; i++) {
        out[i] = map ? map_index(map, list->items[i]) : area_index(m, list->items[i]);
        if (out[i] < 0) model_diag(d, DIAG_ERROR, list->pos[i], "unknown %s '%s'", what, list->items[i]);
    }
    return out;
}

static void check_areas(port_model *m, diag_list *d)
{
    for (size_t i = 0; i < m->n_access_areas; i++) {
        model_access_area *a = &m->access_areas[i];
        if (!a->id) continue;
        for (size_t j = 0; j < i; j++)
            if (m->access_areas[j].id && !strcmp(m->access_areas[j].id, a->id)) {
                model_diag(d, DIAG_ERROR, a->id_pos, "area id '%s' is already used at line %u", a->id,
                           m->access_areas[j].id_pos.line);
                break;
            }
        if (a->kind) {
            bool known = false;
            for (size_t k = 0; k < model_n_area_kinds; k++) known |= !strcmp(a->kind, model_area_kinds[k]);
            if (!known) {
                const char *near = str_suggest(a->kind, model_area_kinds, model_n_area_kinds);
                model_diag(d, DIAG_WARNING, a->kind_pos, "unknown area kind '%s'%s%s%s", a->kind,
                           near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
            }
        }
        if (a->has_hours && a->hours) {
            size_t off = 0;
            const char *why = "malformed";
            if (!tz_window_parse(a->hours, &a->hours_window, &off, &why)) {
                model_pos at = a->hours_pos;
                at.col += (unsigned)off;
                model_diag(d, DIAG_ERROR, at, "hours '%s': %s at character %zu (write e.g. \"Mon-Fri 07:00-19:00\")", a->hours,
                           why, off + 1);
                a->has_hours = false;
            }
        }
        if (a->zone) {
            a->zone_index = map_index(&m->zone_by_id, a->zone);
            if (a->zone_index < 0) model_diag(d, DIAG_ERROR, a->zone_pos, "unknown zone '%s'", a->zone);
        }
        a->assets_index = resolve_ids(m, d, &a->assets, "asset", &m->asset_by_id);
    }
}

static void check_person_phys(port_model *m, diag_list *d, model_person *p)
{
    if (p->has_shift && p->shift) {
        size_t off = 0;
        const char *why = "malformed";
        if (!tz_window_parse(p->shift, &p->shift_window, &off, &why)) {
            model_pos at = p->shift_pos;
            at.col += (unsigned)off;
            model_diag(d, DIAG_ERROR, at, "shift '%s': %s at character %zu (write e.g. \"Mon-Fri 06:00-14:00\")", p->shift,
                       why, off + 1);
            p->has_shift = false;
        }
    }
    p->areas_index = resolve_ids(m, d, &p->areas, "area", NULL);
    for (size_t i = 0; i < p->accounts.len; i++)
        if (!p->accounts.items[i][0]) model_diag(d, DIAG_ERROR, p->accounts.pos[i], "an account name is empty");
}

/* Two people with one badge or one account make every badge event or login
 * ambiguous: the first person wins, the second is warned about. */
static void check_unique_identities(port_model *m, diag_list *d)
{
    hashmap seen;
    hashmap_init(&seen);
    for (size_t i = 0; i < m->n_people; i++) {
        const model_person *p = &m->people[i];
        if (p->badge && p->badge[0]) {
            char key[300];
            snprintf(key, sizeof key, "b:%s", p->badge);
            intptr_t first = (intptr_t)hashmap_get(&seen, key);
            if (first) model_diag(d, DIAG_WARNING, p->pos, "badge '%s' is also %s's; badge events go to the first",
                                  p->badge, m->people[first - 1].id ? m->people[first - 1].id : "?");
            else hashmap_put(&seen, key, (void *)(intptr_t)(i + 1));
        }
        for (size_t k = 0; k < p->accounts.len; k++) {
            char key[300];
            snprintf(key, sizeof key, "a:%s", p->accounts.items[k]);
            intptr_t first = (intptr_t)hashmap_get(&seen, key);
            if (first && (size_t)first != i + 1)
                model_diag(d, DIAG_WARNING, p->accounts.pos[k], "account '%s' is also %s's; logins go to the first",
                           p->accounts.items[k], m->people[first - 1].id ? m->people[first - 1].id : "?");
            else if (!first) hashmap_put(&seen, key, (void *)(intptr_t)(i + 1));
        }
    }
    hashmap_free(&seen);
}

static void check_asset_phys(port_model *m, diag_list *d, model_asset *a)
{
    if (a->area) {
        a->area_index = area_index(m, a->area);
        if (a->area_index < 0) model_diag(d, DIAG_ERROR, a->area_pos, "unknown area '%s'", a->area);
    }
    if (a->covers.len) {
        a->covers_index = resolve_ids(m, d, &a->covers, "asset", &m->asset_by_id);
        if (a->kind && strcmp(a->kind, "camera"))
            model_diag(d, DIAG_WARNING, a->covers.pos[0], "asset '%s' is a %s; only cameras cover assets", a->id ? a->id : "?",
                       a->kind);
    }
}

void model_validate_phys(port_model *m, diag_list *d)
{
    check_areas(m, d);
    for (size_t i = 0; i < m->n_people; i++) check_person_phys(m, d, &m->people[i]);
    check_unique_identities(m, d);
    for (size_t i = 0; i < m->n_assets; i++) check_asset_phys(m, d, &m->assets[i]);
}
