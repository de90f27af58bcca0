/* risk_load.c - risks.yaml and controls.yaml to structs (risk_load.h).
 * Strict: unknown keys, wrong types, inverted ranges and duplicate ids are
 * errors at their position, so a typo never silently drops a scenario. */
#include "analysis/risk_load.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/risk_mc.h"
#include "model/model_yaml.h"

typedef struct rload { arena *mem; diag_list *d; bool ok; } rload;

static void err_at(rload *L, model_pos at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err_at(rload *L, model_pos at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(L->d, DIAG_ERROR, at.line, at.col, "%s", msg);
    L->ok = false;
}

static const ynode *deref(const ynode *n) { return n && n->origin ? n->origin : n; }

static bool is_map(rload *L, const ynode *n, const char *what)
{
    if (n->kind == YNODE_MAPPING) return true;
    err_at(L, n->pos, "%s must be a mapping, not %s", what, ynode_kind_name(n));
    return false;
}

/* Each key of map must be in allowed (NULL-terminated). */
static void known_keys(rload *L, const ynode *map, const char *what, const char *const *allowed)
{
    for (size_t i = 0; i < map->n * 2; i += 2) {
        const ynode *k = map->item[i];
        bool hit = false;
        for (const char *const *a = allowed; *a && !hit; a++) hit = k->kind == YNODE_SCALAR && !strcmp(k->text, *a);
        if (!hit) err_at(L, k->pos, "unknown key '%s' in %s", k->kind == YNODE_SCALAR ? k->text : "?", what);
    }
}

static const ynode *get(const ynode *map, const char *key)
{
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->item[2 * i];
        if (k->kind == YNODE_SCALAR && !strcmp(k->text, key)) return deref(map->item[2 * i + 1]);
    }
    return NULL;
}

static const char *text(rload *L, const ynode *v, const char *field)
{
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !v->text[0]) {
        err_at(L, v->pos, "'%s' must be a non-empty string, not %s", field, ynode_kind_name(v));
        return NULL;
    }
    return v->text;
}

static bool number(rload *L, const ynode *v, const char *field, double lo, double hi, double *out)
{
    const char *t = text(L, v, field);
    if (!t) return false;
    char *end;
    double x = strtod(t, &end);
    if (!v->plain || *end || end == t || !isfinite(x) || x < lo || x > hi) {
        err_at(L, v->pos, "'%s' must be a number from %g to %g, not \"%s\"", field, lo, hi, t);
        return false;
    }
    *out = x;
    return true;
}

static const char **text_list(rload *L, const ynode *v, const char *field, size_t *n)
{
    *n = 0;
    if (v->kind != YNODE_SEQUENCE) { err_at(L, v->pos, "'%s' must be a list, not %s", field, ynode_kind_name(v)); return NULL; }
    const char **out = arena_alloc(L->mem, (v->n + 1) * sizeof *out);
    if (!out) { err_at(L, v->pos, "out of memory"); return NULL; }
    for (size_t i = 0; i < v->n; i++) {
        const char *t = text(L, deref(v->item[i]), field);
        if (t) out[(*n)++] = t;
    }
    return out;
}

/* {min, likely, max[, distribution: pert | lognormal]} */
static bool range(rload *L, const ynode *v, const char *field, double hi, bool positive, risk_range *r)
{
    static const char *const keys[] = { "min", "likely", "max", "distribution", NULL };
    if (!is_map(L, v, field)) return false;
    known_keys(L, v, field, keys);
    const ynode *a = get(v, "min"), *m = get(v, "likely"), *b = get(v, "max"), *dist = get(v, "distribution");
    if (!a || !b) { err_at(L, v->pos, "'%s' needs min and max (and likely for PERT)", field); return false; }
    r->kind = RD_PERT;
    if (dist) {
        const char *t = text(L, dist, "distribution");
        if (t && !strcmp(t, "lognormal")) r->kind = RD_LOGNORMAL;
        else if (t && strcmp(t, "pert")) { err_at(L, dist->pos, "'distribution' must be pert or lognormal, not \"%s\"", t); return false; }
    }
    if (!number(L, a, "min", 0, hi, &r->min) || !number(L, b, "max", 0, hi, &r->max)) return false;
    if (m) { if (!number(L, m, "likely", 0, hi, &r->likely)) return false; }
    else if (r->kind == RD_PERT) { err_at(L, v->pos, "'%s' needs likely for a PERT range", field); return false; }
    else r->likely = sqrt(r->min * r->max);
    if (!(r->min <= r->likely && r->likely <= r->max)) {
        err_at(L, v->pos, "'%s' must have min <= likely <= max", field);
        return false;
    }
    if (r->kind == RD_LOGNORMAL && !(r->min > 0 && r->max > r->min)) {
        err_at(L, v->pos, "'%s': a lognormal range needs 0 < min < max (its 5th and 95th percentiles)", field);
        return false;
    }
    if (positive && r->max <= 0) { err_at(L, v->pos, "'%s' must not be all zero", field); return false; }
    return true;
}

static void parse_matrix(rload *L, const ynode *v, risk_matrix *mx)
{
    static const char *const keys[] = { "likelihood", "impact", "levels", NULL };
    if (!is_map(L, v, "matrix")) return;
    known_keys(L, v, "matrix", keys);
    const char *names[2] = { "likelihood", "impact" };
    double *dst[2] = { mx->likelihood_bounds, mx->impact_bounds };
    for (int k = 0; k < 2; k++) {
        const ynode *b = get(v, names[k]);
        if (!b) continue;
        if (b->kind != YNODE_SEQUENCE || b->n != 4) { err_at(L, b->pos, "'%s' must list the 4 bounds between the 5 bands", names[k]); continue; }
        for (int i = 0; i < 4; i++) {
            if (!number(L, deref(b->item[i]), names[k], 0, 1e15, &dst[k][i])) continue;
            if (i && dst[k][i] <= dst[k][i - 1]) err_at(L, b->item[i]->pos, "'%s' bounds must increase", names[k]);
        }
    }
    const ynode *lv = get(v, "levels");
    if (!lv) return;
    if (lv->kind != YNODE_SEQUENCE || lv->n != 5) { err_at(L, lv->pos, "'levels' must be 5 rows (likelihood 1..5) of 5 levels (impact 1..5)"); return; }
    for (int l = 0; l < 5; l++) {
        const ynode *row = deref(lv->item[l]);
        if (row->kind != YNODE_SEQUENCE || row->n != 5) { err_at(L, row->pos, "each row of 'levels' must have 5 levels"); continue; }
        for (int i = 0; i < 5; i++) {
            const char *t = text(L, deref(row->item[i]), "levels");
            int lvl = t ? risk_level_by_name(t) : -1;
            if (t && lvl < 0) err_at(L, row->item[i]->pos, "level \"%s\" must be low, medium, high or critical", t);
            if (lvl >= 0) mx->level[l][i] = (uint8_t)lvl;
        }
    }
}

/* controls_in_place: [{name, reduction}, ...] */
static risk_in_place *in_place_list(rload *L, const ynode *n, size_t *count)
{
    *count = 0;
    if (n->kind != YNODE_SEQUENCE) { err_at(L, n->pos, "'controls_in_place' must be a list"); return NULL; }
    risk_in_place *out = arena_alloc(L->mem, (n->n + 1) * sizeof *out);
    if (!out) return NULL;
    for (size_t i = 0; i < n->n; i++) {
        static const char *const ckeys[] = { "name", "reduction", NULL };
        const ynode *c = deref(n->item[i]), *x;
        if (!is_map(L, c, "a control in place")) continue;
        known_keys(L, c, "a control in place", ckeys);
        risk_in_place *ip = &out[*count];
        if (!(x = get(c, "name")) || !(ip->name = text(L, x, "name"))) { if (!x) err_at(L, c->pos, "a control in place needs 'name'"); continue; }
        if (!(x = get(c, "reduction"))) { err_at(L, c->pos, "a control in place needs 'reduction' (0..1: the share of loss events it stops)"); continue; }
        if (number(L, x, "reduction", 0, 1, &ip->reduction)) (*count)++;
    }
    return out;
}

static void parse_risk(rload *L, const ynode *v, risk_def *r)
{
    static const char *const keys[] = { "id", "title", "threat", "target", "entry", "owner", "treatment", "due",
                                        "frequency", "susceptibility", "loss", "outage_hours", "controls_in_place", NULL };
    r->pos = v->pos;
    if (!is_map(L, v, "a risk")) return;
    known_keys(L, v, "a risk", keys);
    const ynode *n;
    const char **slot[] = { &r->id, &r->title, &r->threat, &r->target, &r->owner, &r->treatment, &r->due };
    const char *names[] = { "id", "title", "threat", "target", "owner", "treatment", "due" };
    for (size_t i = 0; i < 7; i++) {
        if ((n = get(v, names[i]))) *slot[i] = text(L, n, names[i]);
        else if (i < 5) err_at(L, v->pos, "a risk needs '%s'", names[i]);
    }
    if ((n = get(v, "target"))) r->target_pos = n->pos;
    if ((n = get(v, "owner"))) r->owner_pos = n->pos;
    if (r->treatment && strcmp(r->treatment, "mitigate") && strcmp(r->treatment, "accept") && strcmp(r->treatment, "transfer") &&
        strcmp(r->treatment, "avoid"))
        err_at(L, get(v, "treatment")->pos, "'treatment' must be mitigate, accept, transfer or avoid, not \"%s\"", r->treatment);
    if (r->due) {
        int y, mo, d;
        char tail;
        if (sscanf(r->due, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31)
            err_at(L, get(v, "due")->pos, "'due' must be a date YYYY-MM-DD, not \"%s\"", r->due);
    }
    if ((n = get(v, "entry"))) {
        r->entries_pos = n->pos;
        if (n->kind == YNODE_SCALAR) {
            r->entries = arena_alloc(L->mem, sizeof *r->entries);
            if (r->entries && (r->entries[0] = text(L, n, "entry"))) r->n_entries = 1;
        } else r->entries = text_list(L, n, "entry", &r->n_entries);
    }
    if ((n = get(v, "frequency"))) range(L, n, "frequency", RISK_MAX_RATE, true, &r->freq);
    else err_at(L, v->pos, "a risk needs 'frequency' (threat events a year: min, likely, max)");
    if ((n = get(v, "susceptibility"))) r->has_susceptibility = number(L, n, "susceptibility", 0, 1, &r->susceptibility);
    if ((n = get(v, "loss"))) r->has_loss = range(L, n, "loss", 1e13, false, &r->loss);
    if ((n = get(v, "outage_hours"))) r->has_outage = range(L, n, "outage_hours", 24 * 366, false, &r->outage_hours);
    if (!get(v, "loss") && !get(v, "outage_hours"))
        err_at(L, v->pos, "a risk needs 'loss' (money an event) or 'outage_hours' (impact from the model)");
    if (get(v, "loss") && get(v, "outage_hours")) err_at(L, v->pos, "give 'loss' or 'outage_hours', not both");
    if ((n = get(v, "controls_in_place"))) r->in_place = in_place_list(L, n, &r->n_in_place);
}

/* generated: {frequency: {kind: range, ...}, outage_hours, controls_in_place,
 * min_likelihood, owner, entry} */
static void parse_generated(rload *L, const ynode *v, risk_generated *g)
{
    static const char *const keys[] = { "frequency", "outage_hours", "controls_in_place", "min_likelihood", "owner", "entry", NULL };
    g->pos = v->pos;
    if (!is_map(L, v, "generated")) return;
    known_keys(L, v, "generated", keys);
    g->enabled = true;
    const ynode *n;
    if ((n = get(v, "frequency")) && is_map(L, n, "generated frequency")) {
        g->freq = arena_alloc(L->mem, (n->n + 1) * sizeof *g->freq);
        if (!g->freq) { err_at(L, n->pos, "out of memory"); return; }
        for (size_t i = 0; i < n->n; i++) {
            risk_kind_range *f = &g->freq[g->n_freq];
            if (!(f->kind = text(L, n->item[2 * i], "frequency"))) continue;
            f->pos = n->item[2 * i]->pos;
            for (size_t j = 0; j < g->n_freq; j++)
                if (!strcmp(g->freq[j].kind, f->kind)) err_at(L, f->pos, "entry kind \"%s\" is given twice", f->kind);
            if (range(L, deref(n->item[2 * i + 1]), "frequency", RISK_MAX_RATE, true, &f->range)) g->n_freq++;
        }
    }
    if ((n = get(v, "outage_hours"))) g->has_outage = range(L, n, "outage_hours", 24 * 366, false, &g->outage_hours);
    if ((n = get(v, "controls_in_place"))) g->in_place = in_place_list(L, n, &g->n_in_place);
    if ((n = get(v, "min_likelihood"))) number(L, n, "min_likelihood", 0, 1, &g->min_likelihood);
    if ((n = get(v, "owner"))) { g->owner_pos = n->pos; g->owner = text(L, n, "owner"); }
    if ((n = get(v, "entry"))) { g->entries_pos = n->pos; g->entries = text_list(L, n, "entry", &g->n_entries); }
}

static const ynode *parse_root(rload *L, const char *data, size_t len, const char *list_key, const char *const *keys)
{
    size_t nodes;
    const ynode *root = ytree_parse(L->mem, data, len, L->d, &nodes);
    if (!root) { L->ok = false; return NULL; }
    root = deref(root);
    if (!is_map(L, root, "the file")) return NULL;
    known_keys(L, root, "the file", keys);
    const ynode *list = get(root, list_key);
    if (!list) { err_at(L, root->pos, "the file needs '%s:'", list_key); return NULL; }
    if (list->kind != YNODE_SEQUENCE) { err_at(L, list->pos, "'%s' must be a list", list_key); return NULL; }
    return root;
}

static void unique_ids(rload *L, const char *const *ids, const model_pos *pos, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (ids[i] && ids[j] && !strcmp(ids[i], ids[j])) { err_at(L, pos[i], "%s id \"%s\" is used twice", what, ids[i]); break; }
}

bool risk_register_parse(arena *mem, const char *data, size_t len, diag_list *d, risk_register_file *out)
{
    static const char *const keys[] = { "currency", "simulation", "valuation", "matrix", "appetite", "risks", "generated", NULL };
    rload L = { mem, d, true };
    memset(out, 0, sizeof *out);
    risk_matrix_default(&out->matrix);
    out->seed = 1;
    out->trials = 10000;
    const ynode *root = parse_root(&L, data, len, "risks", keys), *n;
    if (!root) return false;
    if ((n = get(root, "currency"))) out->currency = text(&L, n, "currency");
    if ((n = get(root, "simulation")) && is_map(&L, n, "simulation")) {
        static const char *const sk[] = { "seed", "trials", NULL };
        known_keys(&L, n, "simulation", sk);
        const ynode *x;
        double v;
        if ((x = get(n, "seed")) && number(&L, x, "seed", 0, 9007199254740991.0, &v)) out->seed = (uint64_t)v;
        if ((x = get(n, "trials")) && number(&L, x, "trials", 100, (double)RISK_MC_MAX_TRIALS, &v)) out->trials = (uint32_t)v;
    }
    if ((n = get(root, "valuation")) && is_map(&L, n, "valuation")) {
        static const char *const vk[] = { "per_teu", "per_vessel_delay_hour", "safety_event", "environment_event", "regulatory_event", NULL };
        known_keys(&L, n, "valuation", vk);
        double *dst[] = { &out->valuation.per_teu, &out->valuation.per_vessel_delay_hour, &out->valuation.safety_event,
                          &out->valuation.environment_event, &out->valuation.regulatory_event };
        for (size_t i = 0; i < 5; i++) {
            const ynode *x = get(n, vk[i]);
            if (x) number(&L, x, vk[i], 0, 1e13, dst[i]);
        }
    }
    if ((n = get(root, "matrix"))) parse_matrix(&L, n, &out->matrix);
    if ((n = get(root, "appetite")) && is_map(&L, n, "appetite")) {
        static const char *const ak[] = { "level", "eal", NULL };
        known_keys(&L, n, "appetite", ak);
        const ynode *x;
        if ((x = get(n, "level"))) {
            const char *t = text(&L, x, "level");
            int lvl = t ? risk_level_by_name(t) : -1;
            if (t && lvl < 0) err_at(&L, x->pos, "appetite 'level' must be low, medium, high or critical, not \"%s\"", t);
            if (lvl >= 0) out->matrix.appetite_level = lvl;
        }
        if ((x = get(n, "eal"))) number(&L, x, "eal", 0, 1e15, &out->matrix.appetite_eal);
    }
    if ((n = get(root, "generated"))) parse_generated(&L, n, &out->generated);
    const ynode *list = get(root, "risks");
    out->risks = arena_alloc(mem, (list->n + 1) * sizeof *out->risks);
    const char **ids = arena_alloc(mem, (list->n + 1) * sizeof *ids);
    model_pos *pos = arena_alloc(mem, (list->n + 1) * sizeof *pos);
    if (!out->risks || !ids || !pos) { err_at(&L, root->pos, "out of memory"); return false; }
    for (size_t i = 0; i < list->n; i++) {
        parse_risk(&L, deref(list->item[i]), &out->risks[i]);
        ids[i] = out->risks[i].id;
        pos[i] = out->risks[i].pos;
    }
    out->n_risks = list->n;
    unique_ids(&L, ids, pos, list->n, "risk");
    return L.ok;
}

bool risk_controls_parse(arena *mem, const char *data, size_t len, diag_list *d, control_file *out)
{
    static const char *const keys[] = { "currency", "controls", NULL };
    static const char *const ck[] = { "id", "title", "capex", "opex", "harden", "factor", "patches", "reduces", NULL };
    rload L = { mem, d, true };
    memset(out, 0, sizeof *out);
    const ynode *root = parse_root(&L, data, len, "controls", keys);
    if (!root) return false;
    const ynode *list = get(root, "controls");
    out->controls = arena_alloc(mem, (list->n + 1) * sizeof *out->controls);
    const char **ids = arena_alloc(mem, (list->n + 1) * sizeof *ids);
    model_pos *pos = arena_alloc(mem, (list->n + 1) * sizeof *pos);
    if (!out->controls || !ids || !pos) { err_at(&L, root->pos, "out of memory"); return false; }
    for (size_t i = 0; i < list->n; i++) {
        const ynode *v = deref(list->item[i]), *n;
        control_def *c = &out->controls[i];
        c->pos = v->pos;
        c->factor = 0;
        if (!is_map(&L, v, "a control")) continue;
        known_keys(&L, v, "a control", ck);
        if ((n = get(v, "id"))) c->id = text(&L, n, "id");
        else err_at(&L, v->pos, "a control needs 'id'");
        if ((n = get(v, "title"))) c->title = text(&L, n, "title");
        if ((n = get(v, "capex"))) number(&L, n, "capex", 0, 1e13, &c->capex);
        if ((n = get(v, "opex"))) number(&L, n, "opex", 0, 1e13, &c->opex);
        if (c->capex + c->opex <= 0) err_at(&L, v->pos, "a control needs a cost: capex and/or opex above 0");
        if ((n = get(v, "harden"))) { c->harden_pos = n->pos; c->harden = text_list(&L, n, "harden", &c->n_harden); }
        if ((n = get(v, "factor"))) number(&L, n, "factor", 0, 1, &c->factor);
        if ((n = get(v, "patches"))) { c->patches_pos = n->pos; c->patches = text_list(&L, n, "patches", &c->n_patches); }
        if ((n = get(v, "reduces")) && is_map(&L, n, "reduces")) {
            c->reduce_pos = n->pos;
            c->reduce_ids = arena_alloc(mem, (n->n + 1) * sizeof *c->reduce_ids);
            c->reduce_factor = arena_alloc(mem, (n->n + 1) * sizeof *c->reduce_factor);
            if (!c->reduce_ids || !c->reduce_factor) continue;
            for (size_t k = 0; k < n->n; k++) {
                const char *rid = text(&L, n->item[2 * k], "reduces");
                if (rid && number(&L, deref(n->item[2 * k + 1]), "reduces", 0, 1, &c->reduce_factor[c->n_reduce]))
                    c->reduce_ids[c->n_reduce++] = rid;
            }
        }
        if (!c->n_harden && !c->n_patches && !c->n_reduce)
            err_at(&L, v->pos, "control \"%s\" has no effect: give harden, patches or reduces", c->id ? c->id : "?");
        ids[i] = c->id;
        pos[i] = c->pos;
    }
    out->n = list->n;
    unique_ids(&L, ids, pos, list->n, "control");
    return L.ok;
}
