/* model_yaml_walk.c - the shared ytree walk helpers (model_yaml_walk.h). */
#include "model/model_yaml_walk.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ywalk_init(ywalk *w, diag_list *d, size_t n_nodes)
{
    w->d = d;
    w->visits = 0;
    w->max_visits = n_nodes * YWALK_VISITS_PER_NODE;
    if (w->max_visits < YWALK_MIN_VISITS) w->max_visits = YWALK_MIN_VISITS;
    w->over_budget = false;
}

void ywalk_error(ywalk *w, model_pos at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(w->d, DIAG_ERROR, at.line, at.col, "%s", msg);
}

bool ywalk_visit(ywalk *w, const ynode *n)
{
    if (++w->visits <= w->max_visits) return true;
    if (!w->over_budget) ywalk_error(w, n->pos, "the file repeats too much through aliases; stopped reading it");
    w->over_budget = true;
    return false;
}

const char *ywalk_text(ywalk *w, const ynode *v, const char *field)
{
    if (!ywalk_visit(w, v)) return NULL;
    if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
        ywalk_error(w, v->pos, "'%s' must be a string, not %s", field, ynode_kind_name(v));
        return NULL;
    }
    if (!v->text[0]) {
        ywalk_error(w, v->pos, "'%s' must not be empty", field);
        return NULL;
    }
    return v->text;
}
