/* compliance_load.c - one catalogue file's YAML to a comp_framework, with
 * every problem reported at its file:line:col. Checks within the file
 * (unique ids, parents present and acyclic, citations, SL vectors, reporting
 * stages and what each starts after) are here; mappings across catalogues
 * are checked in compliance_catalog.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/compliance.h"
#include "analysis/compliance_checks.h"
#include "core/strbuf.h"
#include "model/model_yaml.h"
#include "model/model_yaml_walk.h"

typedef struct cload {
    arena *mem;
    comp_framework *fw;
    ywalk w;
} cload;

static bool want_int(cload *L, const ynode *v, const char *field, long lo, long hi, int *out)
{
    const char *t = ywalk_text(&L->w, v, field);
    if (!t) return false;
    char *end;
    long x = strtol(t, &end, 10);
    if (!v->plain || *end || end == t || x < lo || x > hi) {
        ywalk_error(&L->w, v->pos, "'%s' must be a whole number from %ld to %ld, not \"%s\"", field, lo, hi, t);
        return false;
    }
    *out = (int)x;
    return true;
}

static bool want_bool(cload *L, const ynode *v, const char *field, bool *out)
{
    const char *t = ywalk_text(&L->w, v, field);
    if (!t) return false;
    if (v->plain && !strcmp(t, "true")) *out = true;
    else if (v->plain && !strcmp(t, "false")) *out = false;
    else {
        ywalk_error(&L->w, v->pos, "'%s' must be true or false, not \"%s\"", field, t);
        return false;
    }
    return true;
}

/* A list of strings into refs; duplicates within the list are errors. */
static bool want_refs(cload *L, const ynode *v, const char *field, comp_ref **out, size_t *n_out)
{
    if (!ywalk_visit(&L->w, v)) return false;
    if (v->kind != YNODE_SEQUENCE) {
        ywalk_error(&L->w, v->pos, "'%s' must be a list, not %s", field, ynode_kind_name(v));
        return false;
    }
    if (v->n == 0) return true;
    comp_ref *refs = arena_alloc(L->mem, v->n * sizeof *refs);
    if (!refs) { ywalk_error(&L->w, v->pos, "out of memory"); return false; }
    size_t n = 0;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        const char *t = ywalk_text(&L->w, v->item[i], field);
        if (!t) { ok = false; continue; }
        bool dup = false;
        for (size_t k = 0; k < n && !dup; k++) dup = !strcmp(refs[k].text, t);
        if (dup) { ywalk_error(&L->w, v->item[i]->pos, "'%s' lists \"%s\" twice", field, t); ok = false; continue; }
        refs[n].text = t;
        refs[n].pos = v->item[i]->pos;
        n++;
    }
    *out = refs;
    *n_out = n;
    return ok;
}

/* NIST CSF 2.0 categories (CSWP 29): what a `csf:` entry may name. */
static const char *const csf_categories[] = {
    "GV.OC", "GV.RM", "GV.RR", "GV.PO", "GV.OV", "GV.SC", "ID.AM", "ID.RA", "ID.IM", "PR.AA", "PR.AT",
    "PR.DS", "PR.PS", "PR.IR", "DE.CM", "DE.AE", "RS.MA", "RS.AN", "RS.CO", "RS.MI", "RC.RP", "RC.CO",
};

static bool csf_known(const char *s)
{
    for (size_t i = 0; i < sizeof csf_categories / sizeof csf_categories[0]; i++)
        if (!strcmp(s, csf_categories[i])) return true;
    return false;
}

/* sl: [2, 3, 4] - ascending, each 1..4, ending at 4: a requirement needed at
 * one target level is needed at every higher one. */
static bool want_sl(cload *L, const ynode *v, unsigned *mask)
{
    if (!ywalk_visit(&L->w, v)) return false;
    if (v->kind != YNODE_SEQUENCE || v->n == 0 || v->n > 4) {
        ywalk_error(&L->w, v->pos, "'sl' must be a list of security levels 1 to 4, such as [2, 3, 4]");
        return false;
    }
    unsigned m = 0;
    int prev = 0;
    for (size_t i = 0; i < v->n; i++) {
        int sl;
        if (!want_int(L, v->item[i], "sl", 1, 4, &sl)) return false;
        if (sl != prev + 1 && prev != 0) {
            ywalk_error(&L->w, v->item[i]->pos, "'sl' must list consecutive levels in order (found %d after %d)", sl, prev);
            return false;
        }
        prev = sl;
        m |= 1u << sl;
    }
    if (prev != 4) {
        ywalk_error(&L->w, v->pos, "'sl' must run up to SL 4: a requirement of a lower level holds at every higher one");
        return false;
    }
    *mask = m;
    return true;
}

static bool valid_date(const char *s)
{
    int y, mo, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3) return false;
    return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && s[4] == '-' && s[7] == '-';
}

static bool want_stage(cload *L, const ynode *v, comp_stage *st)
{
    if (!ywalk_visit(&L->w, v)) return false;
    if (v->kind != YNODE_MAPPING) { ywalk_error(&L->w, v->pos, "'stage' must be a mapping {name, hours}"); return false; }
    for (size_t i = 0; i < v->n; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "name")) st->name = ywalk_text(&L->w, val, "stage.name");
        else if (!strcmp(key, "hours")) want_int(L, val, "stage.hours", 0, 24 * 366, &st->hours);
        else if (!strcmp(key, "after")) { st->after = ywalk_text(&L->w, val, "stage.after"); st->after_pos = val->pos; }
        else ywalk_error(&L->w, k->pos, "unknown field '%s' in 'stage' (known: name, hours, after)", key);
    }
    if (!st->name) { ywalk_error(&L->w, v->pos, "'stage' needs a 'name'"); return false; }
    return true;
}

static const char *const req_fields[] = {
    "id", "parent", "title", "summary", "citation", "mappings", "csf", "evidence", "sl", "due", "interval_days", "stage",
};

static void parse_req(cload *L, const ynode *v, comp_req *r)
{
    r->pos = v->pos;
    r->parent_index = -1;
    if (v->kind != YNODE_MAPPING) {
        ywalk_error(&L->w, v->pos, "a requirement must be a mapping, not %s", ynode_kind_name(v));
        return;
    }
    for (size_t i = 0; i < v->n && !L->w.over_budget; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        if (k->kind != YNODE_SCALAR) { ywalk_error(&L->w, k->pos, "a field name must be a string"); continue; }
        const char *key = k->text;
        if (!strcmp(key, "id")) r->id = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "parent")) { r->parent = ywalk_text(&L->w, val, key); r->parent_pos = val->pos; }
        else if (!strcmp(key, "title")) r->title = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "summary")) {
            r->summary = ywalk_text(&L->w, val, key);
            if (r->summary && strlen(r->summary) > COMP_SUMMARY_MAX)
                ywalk_error(&L->w, val->pos, "'summary' is %zu characters; keep it under %d and in our own words", strlen(r->summary),
                       COMP_SUMMARY_MAX);
        } else if (!strcmp(key, "citation")) r->citation = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "mappings")) want_refs(L, val, key, &r->mappings, &r->n_mappings);
        else if (!strcmp(key, "csf")) {
            if (want_refs(L, val, key, &r->csf, &r->n_csf))
                for (size_t c = 0; c < r->n_csf; c++)
                    if (!csf_known(r->csf[c].text))
                        ywalk_error(&L->w, r->csf[c].pos, "'%s' is not a NIST CSF 2.0 category (such as ID.AM, PR.AA)", r->csf[c].text);
        } else if (!strcmp(key, "evidence")) {
            r->evidence = ywalk_text(&L->w, val, key);
            r->evidence_pos = val->pos;
            if (r->evidence && !comp_check_find(r->evidence))
                ywalk_error(&L->w, val->pos, "unknown live check '%s' (known: %s)", r->evidence, comp_check_names());
        } else if (!strcmp(key, "sl")) want_sl(L, val, &r->sl_mask);
        else if (!strcmp(key, "due")) {
            r->due = ywalk_text(&L->w, val, key);
            if (r->due && !valid_date(r->due)) ywalk_error(&L->w, val->pos, "'due' must be a date YYYY-MM-DD, not \"%s\"", r->due);
        } else if (!strcmp(key, "interval_days")) want_int(L, val, key, 1, 3660, &r->interval_days);
        else if (!strcmp(key, "stage")) want_stage(L, val, &r->stage);
        else {
            const char *hint = str_suggest(key, req_fields, sizeof req_fields / sizeof req_fields[0]);
            if (hint) ywalk_error(&L->w, k->pos, "unknown field '%s' in a requirement; did you mean '%s'?", key, hint);
            else ywalk_error(&L->w, k->pos, "unknown field '%s' in a requirement", key);
        }
    }
    if (!r->id) ywalk_error(&L->w, v->pos, "a requirement needs an 'id'");
    if (!r->title) ywalk_error(&L->w, v->pos, "requirement '%s' needs a 'title'", r->id ? r->id : "?");
    if (!r->summary) ywalk_error(&L->w, v->pos, "requirement '%s' needs a 'summary'", r->id ? r->id : "?");
    if (!r->citation) ywalk_error(&L->w, v->pos, "requirement '%s' needs a 'citation' of the clause", r->id ? r->id : "?");
}

static bool valid_framework_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 40) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-')) return false;
    return true;
}

static void parse_header(cload *L, const ynode *v)
{
    comp_framework *fw = L->fw;
    fw->pos = v->pos;
    if (v->kind != YNODE_MAPPING) { ywalk_error(&L->w, v->pos, "'framework' must be a mapping"); return; }
    bool have_paraphrase = false;
    for (size_t i = 0; i < v->n && !L->w.over_budget; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "id")) {
            fw->id = ywalk_text(&L->w, val, key);
            if (fw->id && !valid_framework_id(fw->id))
                ywalk_error(&L->w, val->pos, "framework id \"%s\" must be lower-case letters, digits and '-' (it prefixes mappings)", fw->id);
        } else if (!strcmp(key, "name")) fw->name = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "source")) fw->source = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "version")) fw->version = ywalk_text(&L->w, val, key);
        else if (!strcmp(key, "superseded_by")) {
            fw->superseded_by = ywalk_text(&L->w, val, key);
            fw->superseded_pos = val->pos;
            if (fw->superseded_by && !valid_framework_id(fw->superseded_by))
                ywalk_error(&L->w, val->pos, "'superseded_by' must be a framework id, not \"%s\"", fw->superseded_by);
        }
        else if (!strcmp(key, "scope")) {
            fw->scope = ywalk_text(&L->w, val, key);
            if (fw->scope && strcmp(fw->scope, "facility") && strcmp(fw->scope, "organisation") && strcmp(fw->scope, "zone"))
                ywalk_error(&L->w, val->pos, "'scope' must be facility, organisation or zone, not \"%s\"", fw->scope);
        } else if (!strcmp(key, "paraphrase")) {
            have_paraphrase = want_bool(L, val, key, &fw->paraphrase);
            if (have_paraphrase && !fw->paraphrase)
                ywalk_error(&L->w, val->pos, "summaries must be paraphrases: Seawall ships no copied regulation or standard text");
        } else ywalk_error(&L->w, k->pos, "unknown field '%s' in 'framework' (known: id, name, source, version, scope, superseded_by, paraphrase)", key);
    }
    if (!fw->id) ywalk_error(&L->w, v->pos, "'framework' needs an 'id'");
    if (!fw->name) ywalk_error(&L->w, v->pos, "'framework' needs a 'name'");
    if (!fw->source) ywalk_error(&L->w, v->pos, "'framework' needs a 'source' (the document it paraphrases)");
    if (!fw->version) ywalk_error(&L->w, v->pos, "'framework' needs a 'version' (edition or date of the source)");
    if (!have_paraphrase) ywalk_error(&L->w, v->pos, "'framework' needs 'paraphrase: true'");
    if (!fw->scope) fw->scope = "organisation";
}

/* Unique ids, parents that exist, no parent cycles; sets parent_index and depth. */
static void link_requirements(cload *L)
{
    comp_framework *fw = L->fw;
    for (size_t i = 0; i < fw->n_reqs; i++) {
        comp_req *r = &fw->reqs[i];
        if (!r->id) continue;
        comp_req *prev = hashmap_get(&fw->by_id, r->id);
        if (prev) ywalk_error(&L->w, r->pos, "requirement id '%s' is used twice (first at line %u)", r->id, prev->pos.line);
        else if (!hashmap_put(&fw->by_id, r->id, r)) ywalk_error(&L->w, r->pos, "out of memory");
    }
    for (size_t i = 0; i < fw->n_reqs; i++) {
        comp_req *r = &fw->reqs[i];
        if (!r->parent) continue;
        comp_req *p = hashmap_get(&fw->by_id, r->parent);
        if (!p) ywalk_error(&L->w, r->parent_pos, "parent '%s' of '%s' is not a requirement of this catalogue", r->parent,
                       r->id ? r->id : "?");
        else if (p == r) ywalk_error(&L->w, r->parent_pos, "requirement '%s' is its own parent", r->parent);
        else r->parent_index = (int)(p - fw->reqs);
    }
    for (size_t i = 0; i < fw->n_reqs; i++) {
        comp_req *r = &fw->reqs[i];
        int depth = 0, at = r->parent_index;
        while (at >= 0 && depth <= (int)fw->n_reqs) { depth++; at = fw->reqs[at].parent_index; }
        if (depth > (int)fw->n_reqs) {
            ywalk_error(&L->w, r->parent_pos, "parent chain of '%s' loops back on itself", r->id ? r->id : "?");
            r->parent_index = -1;
            depth = 0;
        }
        r->depth = depth;
    }
}

/* Stage names are unique in a catalogue; a stage's `after` names another
 * stage and the chain of `after` never loops (a clock must start somewhere).
 * Each stage is walked once: O(stages). */
static void link_stages(cload *L)
{
    comp_framework *fw = L->fw;
    size_t n = fw->n_reqs;
    hashmap by_name;
    hashmap_init(&by_name);
    int *next = n ? arena_alloc(L->mem, n * sizeof *next) : NULL;
    unsigned char *mark = n ? arena_alloc(L->mem, n) : NULL;   /* 0 new, 1 on the walk, 2 done */
    if (n && (!next || !mark)) { ywalk_error(&L->w, fw->pos, "out of memory"); hashmap_free(&by_name); return; }
    for (size_t i = 0; i < n; i++) {
        const comp_req *r = &fw->reqs[i];
        next[i] = -1;
        if (!r->stage.name) continue;
        const comp_req *prev = hashmap_get(&by_name, r->stage.name);
        if (prev) ywalk_error(&L->w, r->pos, "stage name '%s' is used twice (first at line %u)", r->stage.name, prev->pos.line);
        else if (!hashmap_put(&by_name, r->stage.name, (void *)r)) ywalk_error(&L->w, r->pos, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const comp_req *r = &fw->reqs[i];
        if (!r->stage.after) continue;
        const comp_req *s = hashmap_get(&by_name, r->stage.after);
        if (!s) ywalk_error(&L->w, r->stage.after_pos, "stage.after '%s' of '%s' is not a stage of this catalogue",
                            r->stage.after, r->id ? r->id : "?");
        else if (s == r) ywalk_error(&L->w, r->stage.after_pos, "stage '%s' cannot start after itself", r->stage.after);
        else next[i] = (int)(s - fw->reqs);
    }
    for (size_t i = 0; i < n; i++) {
        if (mark[i]) continue;
        int at = (int)i;
        while (at >= 0 && !mark[at]) { mark[at] = 1; at = next[at]; }
        bool loops = at >= 0 && mark[at] == 1;
        if (loops) ywalk_error(&L->w, fw->reqs[at].stage.after_pos, "the stage.after chain through '%s' loops back on itself",
                               fw->reqs[at].stage.name);
        for (at = (int)i; at >= 0 && mark[at] == 1; at = next[at]) mark[at] = 2;
    }
    hashmap_free(&by_name);
}

comp_framework *comp_framework_parse(arena *mem, const char *file, const char *data, size_t len, diag_list *diags)
{
    size_t errors_before = diags->errors, nodes = 0;
    const ynode *root = ytree_parse(mem, data ? data : "", data ? len : 0, diags, &nodes);
    if (!root) return NULL;
    comp_framework *fw = arena_alloc(mem, sizeof *fw);
    if (!fw) { diag_add(diags, DIAG_ERROR, 0, 0, "out of memory"); return NULL; }
    fw->file = arena_strdup(mem, file ? file : "");
    hashmap_init(&fw->by_id);
    cload L = { mem, fw, { 0 } };
    ywalk_init(&L.w, diags, nodes);

    if (root->kind != YNODE_MAPPING) {
        ywalk_error(&L.w, root->pos, "a catalogue must be a mapping with 'framework' and 'requirements', not %s",
               ynode_kind_name(root));
        goto fail;
    }
    const ynode *head = NULL, *list = NULL;
    for (size_t i = 0; i < root->n; i++) {
        const ynode *k = root->item[2 * i];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        if (!strcmp(key, "framework")) head = root->item[2 * i + 1];
        else if (!strcmp(key, "requirements")) list = root->item[2 * i + 1];
        else ywalk_error(&L.w, k->pos, "unknown top-level field '%s' (known: framework, requirements)", key);
    }
    if (!head) ywalk_error(&L.w, root->pos, "the catalogue has no 'framework' header");
    else parse_header(&L, head);
    if (!list) ywalk_error(&L.w, root->pos, "the catalogue has no 'requirements' list");
    else if (list->kind != YNODE_SEQUENCE) ywalk_error(&L.w, list->pos, "'requirements' must be a list, not %s", ynode_kind_name(list));
    else if (list->n > COMP_MAX_REQUIREMENTS)
        ywalk_error(&L.w, list->pos, "%zu requirements; a catalogue holds at most %d", list->n, COMP_MAX_REQUIREMENTS);
    else if (list->n) {
        fw->reqs = arena_alloc(mem, list->n * sizeof *fw->reqs);
        if (!fw->reqs) { ywalk_error(&L.w, list->pos, "out of memory"); goto fail; }
        fw->n_reqs = list->n;
        for (size_t i = 0; i < list->n && !L.w.over_budget; i++) parse_req(&L, list->item[i], &fw->reqs[i]);
        link_requirements(&L);
        link_stages(&L);
    }
    if (fw->scope && !strcmp(fw->scope, "zone"))
        for (size_t i = 0; i < fw->n_reqs; i++)
            if (fw->reqs[i].depth > 0 && !fw->reqs[i].sl_mask && fw->reqs[i].id)
                ywalk_error(&L.w, fw->reqs[i].pos, "'%s' is in a zone-scoped catalogue and needs an 'sl' vector", fw->reqs[i].id);
    if (diags->errors == errors_before) return fw;
fail:
    hashmap_free(&fw->by_id);
    return NULL;
}

bool comp_req_applies_at(const comp_req *r, int sl)
{
    if (!r->sl_mask) return true;
    return sl >= 1 && sl <= 4 && (r->sl_mask & (1u << sl));
}
