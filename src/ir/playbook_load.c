/* playbook_load.c - one playbook's YAML to a `playbook`, every problem at
 * its file:line:col: unknown fields, missing ones, duplicate ids, CSF
 * categories outside the CSF 2.0 list, decisions a step names but the
 * playbook does not define. Roles are checked against a model elsewhere
 * (playbook_check.c). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/strbuf.h"
#include "ir/clocks.h"
#include "ir/incident_state.h"
#include "ir/playbook.h"
#include "model/model_yaml.h"
#include "model/data_path.h"
#include "model/model_yaml_walk.h"

typedef struct pload {
    playbook *pb;
    ywalk w;
} pload;

/* Ids: lowercase letters, digits and '-', starting with a letter. */
static const char *want_id(pload *L, const ynode *v, const char *field)
{
    const char *t = ywalk_text(&L->w, v, field);
    if (!t) return NULL;
    bool ok = t[0] >= 'a' && t[0] <= 'z' && strlen(t) <= 64;
    for (const char *p = t; ok && *p; p++) ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
    if (!ok) { ywalk_error(&L->w, v->pos, "'%s' must be lowercase letters, digits and '-' (at most 64), not \"%s\"", field, t); return NULL; }
    return t;
}

static bool want_list(pload *L, const ynode *v, const char *field, model_strlist *out)
{
    if (!ywalk_visit(&L->w, v)) return false;
    if (out->items) ywalk_error(&L->w, v->pos, "'%s' is given twice; the last one counts", field);
    *out = (model_strlist){ 0 };   /* a repeated key replaces, never extends, the list */
    if (v->kind != YNODE_SEQUENCE) { ywalk_error(&L->w, v->pos, "'%s' must be a list, not %s", field, ynode_kind_name(v)); return false; }
    if (!v->n) return true;
    out->items = arena_alloc(&L->pb->mem, v->n * sizeof *out->items);
    out->pos = arena_alloc(&L->pb->mem, v->n * sizeof *out->pos);
    if (!out->items || !out->pos) { ywalk_error(&L->w, v->pos, "out of memory"); return false; }
    for (size_t i = 0; i < v->n; i++) {
        const char *t = ywalk_text(&L->w, v->item[i], field);
        if (!t) continue;
        for (size_t k = 0; k < out->len; k++)
            if (!strcmp(out->items[k], t)) { ywalk_error(&L->w, v->item[i]->pos, "'%s' lists \"%s\" twice", field, t); t = NULL; break; }
        if (!t) continue;
        out->items[out->len] = t;
        out->pos[out->len++] = v->item[i]->pos;
    }
    return true;
}

/* NIST CSF 2.0 categories a response phase may cite (CSWP 29): detection
 * feeds it, Respond and Recover are its body, ID.IM its lessons learned. */
static const char *const csf_ok[] = { "DE.CM", "DE.AE", "RS.MA", "RS.AN", "RS.CO", "RS.MI", "RC.RP", "RC.CO", "ID.IM", "GV.RR" };

static bool csf_known(const char *s)
{
    for (size_t i = 0; i < sizeof csf_ok / sizeof csf_ok[0]; i++)
        if (!strcmp(s, csf_ok[i])) return true;
    return false;
}

static void unknown_field(pload *L, const ynode *k, const char *where, const char *known)
{
    ywalk_error(&L->w, k->pos, "unknown field '%s' in %s (known: %s)", k->kind == YNODE_SCALAR ? k->text : "?", where, known);
}

static void parse_decision(pload *L, const ynode *v, pb_decision *d)
{
    d->pos = v->pos;
    if (v->kind != YNODE_MAPPING) { ywalk_error(&L->w, v->pos, "a decision must be a mapping {id, action, role, why}"); return; }
    for (size_t i = 0; i < v->n && !L->w.over_budget; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "id")) d->id = want_id(L, val, "decision id");
        else if (!strcmp(key, "action")) d->action = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "role")) { d->role = want_id(L, val, key); d->role_pos = val->pos; }
        else if (!strcmp(key, "why")) d->why = ywalk_text(&L->w, val, key);
        else unknown_field(L, k, "a decision", "id, action, role, why");
    }
    if (!d->id) ywalk_error(&L->w, v->pos, "a decision needs an 'id'");
    if (!d->action) ywalk_error(&L->w, v->pos, "a decision needs an 'action' (what is decided, in words)");
    if (!d->role) ywalk_error(&L->w, v->pos, "a decision needs the 'role' that must take it");
}

static void parse_step(pload *L, const ynode *v, pb_step *s)
{
    s->pos = v->pos;
    s->decision_index = -1;
    if (v->kind != YNODE_MAPPING) { ywalk_error(&L->w, v->pos, "a step must be a mapping {do, role, decision, duty}"); return; }
    for (size_t i = 0; i < v->n && !L->w.over_budget; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "do")) s->text = ywalk_text(&L->w, val, "do");
        else if (!strcmp(key, "role")) { s->role = want_id(L, val, key); s->role_pos = val->pos; }
        else if (!strcmp(key, "decision")) { s->decision = want_id(L, val, key); s->decision_pos = val->pos; }
        else if (!strcmp(key, "duty")) {
            s->duty = ywalk_text(&L->w, val, key);
            if (s->duty && !ir_duty_by_id(s->duty)) { ywalk_error(&L->w, val->pos, "unknown reporting duty '%s' (docs/ir.md lists them)", s->duty); s->duty = NULL; }
        } else unknown_field(L, k, "a step", "do, role, decision, duty");
    }
    if (!s->text) ywalk_error(&L->w, v->pos, "a step needs 'do' (what to do)");
    if (!s->role) ywalk_error(&L->w, v->pos, "a step needs the 'role' that carries it out");
}

static void parse_phase(pload *L, const ynode *v, pb_phase *ph)
{
    ph->pos = v->pos;
    if (v->kind != YNODE_MAPPING) { ywalk_error(&L->w, v->pos, "a phase must be a mapping {id, name, csf, steps}"); return; }
    const ynode *steps = NULL;
    for (size_t i = 0; i < v->n && !L->w.over_budget; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "id")) ph->id = want_id(L, val, "phase id");
        else if (!strcmp(key, "name")) ph->name = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "csf")) {
            want_list(L, val, key, &ph->csf);
            for (size_t c = 0; c < ph->csf.len; c++)
                if (!csf_known(ph->csf.items[c]))
                    ywalk_error(&L->w, ph->csf.pos[c], "'%s' is not a CSF 2.0 category for response (DE.CM, DE.AE, RS.MA, RS.AN, RS.CO, RS.MI, RC.RP, RC.CO, ID.IM, GV.RR)",
                           ph->csf.items[c]);
        } else if (!strcmp(key, "steps")) steps = val;
        else unknown_field(L, k, "a phase", "id, name, csf, steps");
    }
    if (!ph->id) ywalk_error(&L->w, v->pos, "a phase needs an 'id'");
    if (!ph->csf.len) ywalk_error(&L->w, v->pos, "a phase needs 'csf': the CSF 2.0 categories it carries out");
    if (!steps) { ywalk_error(&L->w, v->pos, "a phase needs 'steps'"); return; }
    if (!ywalk_visit(&L->w, steps)) return;
    if (steps->kind != YNODE_SEQUENCE || !steps->n) { ywalk_error(&L->w, steps->pos, "'steps' must be a non-empty list"); return; }
    ph->steps = arena_alloc(&L->pb->mem, steps->n * sizeof *ph->steps);
    if (!ph->steps) { ywalk_error(&L->w, steps->pos, "out of memory"); return; }
    for (size_t i = 0; i < steps->n && !L->w.over_budget; i++) parse_step(L, steps->item[i], &ph->steps[ph->n_steps++]);
}

static void parse_fallback(pload *L, const ynode *v, pb_fallback *f)
{
    f->pos = v->pos;
    f->decision_index = -1;
    if (v->kind != YNODE_MAPPING) { ywalk_error(&L->w, v->pos, "a fallback must be a mapping {function, state, procedure, decision}"); return; }
    for (size_t i = 0; i < v->n && !L->w.over_budget; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "function")) f->function = want_id(L, val, key);
        else if (!strcmp(key, "state")) f->state = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "procedure")) f->procedure = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "decision")) { f->decision = want_id(L, val, key); f->decision_pos = val->pos; }
        else unknown_field(L, k, "a fallback", "function, state, procedure, decision");
    }
    if (!f->function) ywalk_error(&L->w, v->pos, "a fallback needs the port 'function' it keeps running");
    if (!f->state) ywalk_error(&L->w, v->pos, "a fallback needs the 'state' the function runs in (such as \"paper operations\")");
    if (!f->procedure) ywalk_error(&L->w, v->pos, "a fallback needs its manual 'procedure'");
}

/* Allocates the items of a top-level list and parses each with fn. */
#define PARSE_LIST(L, v, field, arr, count, fn)                                                \
    do {                                                                                       \
        if (!ywalk_visit(&(L)->w, v)) break;                                                   \
        if (arr) ywalk_error(&(L)->w, (v)->pos, "'%s' is given twice; the last one counts", field); \
        (arr) = NULL;                                                                          \
        (count) = 0;                                                                           \
        if ((v)->kind != YNODE_SEQUENCE) { ywalk_error(&(L)->w, (v)->pos, "'%s' must be a list", field); break; } \
        if (!(v)->n) break;                                                                    \
        (arr) = arena_alloc(&(L)->pb->mem, (v)->n * sizeof *(arr));                            \
        if (!(arr)) { ywalk_error(&(L)->w, (v)->pos, "out of memory"); break; }                \
        for (size_t it_ = 0; it_ < (v)->n && !(L)->w.over_budget; it_++) fn(L, (v)->item[it_], &(arr)[(count)++]); \
    } while (0)

static int decision_index(const playbook *pb, const char *id)
{
    for (size_t i = 0; id && i < pb->n_decisions; i++)
        if (pb->decisions[i].id && !strcmp(pb->decisions[i].id, id)) return (int)i;
    return -1;
}

static void cross_check(pload *L)
{
    playbook *pb = L->pb;
    for (size_t i = 0; i < pb->n_decisions; i++)
        for (size_t k = 0; k < i; k++)
            if (pb->decisions[i].id && pb->decisions[k].id && !strcmp(pb->decisions[i].id, pb->decisions[k].id))
                ywalk_error(&L->w, pb->decisions[i].pos, "decision '%s' is defined twice (first at line %u)", pb->decisions[i].id,
                       pb->decisions[k].pos.line);
    for (size_t i = 0; i < pb->n_phases; i++) {
        for (size_t k = 0; k < i; k++)
            if (pb->phases[i].id && pb->phases[k].id && !strcmp(pb->phases[i].id, pb->phases[k].id))
                ywalk_error(&L->w, pb->phases[i].pos, "phase '%s' is defined twice", pb->phases[i].id);
        for (size_t s = 0; s < pb->phases[i].n_steps; s++) {
            pb_step *st = &pb->phases[i].steps[s];
            if (!st->decision) continue;
            st->decision_index = decision_index(pb, st->decision);
            if (st->decision_index < 0) ywalk_error(&L->w, st->decision_pos, "step names decision '%s', which the playbook does not define", st->decision);
        }
    }
    for (size_t i = 0; i < pb->n_fallbacks; i++) {
        pb_fallback *f = &pb->fallbacks[i];
        if (!f->decision) continue;
        f->decision_index = decision_index(pb, f->decision);
        if (f->decision_index < 0) ywalk_error(&L->w, f->decision_pos, "fallback names decision '%s', which the playbook does not define", f->decision);
    }
}

playbook *playbook_load_buffer(const char *data, size_t len, const char *name, diag_list *diags)
{
    playbook *pb = calloc(1, sizeof *pb);
    if (!pb) return NULL;
    arena_init(&pb->mem, 16384);
    pb->mem.limit = (size_t)256 << 20;   /* bounded by configuration, not by the input */
    pb->path = arena_strdup(&pb->mem, name ? name : "<playbook>");
    size_t n_nodes = 0;
    const ynode *root = ytree_parse(&pb->mem, data, len, diags, &n_nodes);
    if (!root) { playbook_free(pb); return NULL; }
    pload L = { pb, { 0 } };
    ywalk_init(&L.w, diags, n_nodes);
    pb->pos = root->pos;
    if (root->kind != YNODE_MAPPING) {
        ywalk_error(&L.w, root->pos, "a playbook must be a mapping (id, title, phases, ...), not %s", ynode_kind_name(root));
        return pb;
    }
    for (size_t i = 0; i < root->n && !L.w.over_budget; i++) {
        const ynode *k = root->item[2 * i], *v = root->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "id")) pb->id = want_id(&L, v, "id");
        else if (!strcmp(key, "title")) pb->title = ywalk_text(&L.w, v, key);
        else if (!strcmp(key, "summary")) pb->summary = ywalk_text(&L.w, v, key);
        else if (!strcmp(key, "severity")) {
            pb->severity = ywalk_text(&L.w, v, key);
            if (pb->severity && !ir_severity_valid(pb->severity)) {
                ywalk_error(&L.w, v->pos, "'severity' must be low, medium, high or critical, not \"%s\"", pb->severity);
                pb->severity = NULL;
            }
        } else if (!strcmp(key, "tactics")) want_list(&L, v, key, &pb->tactics);
        else if (!strcmp(key, "asset_kinds")) want_list(&L, v, key, &pb->asset_kinds);
        else if (!strcmp(key, "decisions")) PARSE_LIST(&L, v, "decisions", pb->decisions, pb->n_decisions, parse_decision);
        else if (!strcmp(key, "phases")) PARSE_LIST(&L, v, "phases", pb->phases, pb->n_phases, parse_phase);
        else if (!strcmp(key, "fallbacks")) PARSE_LIST(&L, v, "fallbacks", pb->fallbacks, pb->n_fallbacks, parse_fallback);
        else unknown_field(&L, k, "a playbook", "id, title, summary, severity, tactics, asset_kinds, decisions, phases, fallbacks");
    }
    if (!pb->id) ywalk_error(&L.w, root->pos, "the playbook needs an 'id'");
    if (!pb->title) ywalk_error(&L.w, root->pos, "the playbook needs a 'title'");
    if (!pb->n_phases && !L.w.over_budget) ywalk_error(&L.w, root->pos, "the playbook needs 'phases'");
    if (!L.w.over_budget) cross_check(&L);
    return pb;
}

playbook *playbook_load_file(const char *path, diag_list *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) { diag_add(diags, DIAG_ERROR, 0, 0, "cannot open: %s", strerror(errno)); return NULL; }
    strbuf sb;
    strbuf_init(&sb);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < (8u << 20)) strbuf_append(&sb, buf, n);
    bool bad = ferror(f) || sb.oom || sb.len >= (8u << 20);
    fclose(f);
    if (bad) { diag_add(diags, DIAG_ERROR, 0, 0, "cannot read (I/O error or larger than 8 MiB)"); strbuf_free(&sb); return NULL; }
    playbook *pb = playbook_load_buffer(sb.data ? sb.data : "", sb.len, path, diags);
    strbuf_free(&sb);
    return pb;
}

void playbook_free(playbook *pb)
{
    if (!pb) return;
    arena_free(&pb->mem);
    free(pb);
}

const pb_decision *playbook_decision(const playbook *pb, const char *id)
{
    int i = decision_index(pb, id);
    return i < 0 ? NULL : &pb->decisions[i];
}

static size_t add_role(const char *role, model_pos at, const char **out, model_pos *where, size_t n, size_t max)
{
    if (!role) return n;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(out[i], role)) return n;
    if (n < max) { out[n] = role; if (where) where[n] = at; n++; }
    return n;
}

size_t playbook_roles(const playbook *pb, const char **out, model_pos *where, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < pb->n_decisions; i++) n = add_role(pb->decisions[i].role, pb->decisions[i].role_pos, out, where, n, max);
    for (size_t p = 0; p < pb->n_phases; p++)
        for (size_t s = 0; s < pb->phases[p].n_steps; s++)
            n = add_role(pb->phases[p].steps[s].role, pb->phases[p].steps[s].role_pos, out, where, n, max);
    return n;
}

const char *playbook_default_dir(char *buf, size_t size)
{
    return data_path_find("playbooks", true, buf, size);
}
