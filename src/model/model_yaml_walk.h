/* model_yaml_walk.h - what the data-file loaders (compliance catalogues,
 * playbooks) share when they walk a ytree: errors at file:line:col, a visit
 * budget against alias blow-up, string fields. */
#ifndef SW_MODEL_YAML_WALK_H
#define SW_MODEL_YAML_WALK_H
#include <stdbool.h>
#include <stddef.h>
#include "core/diag.h"
#include "model/model_yaml.h"

/* Aliases can make a small file name one big list many times; the walk
 * stops after max(nodes * YWALK_VISITS_PER_NODE, YWALK_MIN_VISITS) visited
 * values (an honest file visits each node once). */
#define YWALK_MIN_VISITS ((size_t)100 * 1000)
#define YWALK_VISITS_PER_NODE 4

typedef struct ywalk {
    diag_list *d;
    size_t visits, max_visits;
    bool over_budget;
} ywalk;

void ywalk_init(ywalk *w, diag_list *d, size_t n_nodes);
void ywalk_error(ywalk *w, model_pos at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Counts one visit; false (said once) when the budget is spent. */
bool ywalk_visit(ywalk *w, const ynode *n);
/* A non-empty string scalar (numbers are accepted as text: ids like 101.620). */
const char *ywalk_text(ywalk *w, const ynode *v, const char *field);

#endif
