/* model_internal.h - what the model's own files share: the loader hands a
 * filled model to the validator, which resolves references and checks it. */
#ifndef SW_MODEL_INTERNAL_H
#define SW_MODEL_INTERNAL_H
#include "core/diag.h"
#include "model/model.h"

/* Resolves every id reference to its index, fills the id hash maps, and
 * reports cross-reference and semantic problems to diags. */
void model_validate(port_model *m, diag_list *diags);

/* Builds m->net_index (see model.h); false when out of memory, in which
 * case lookups fall back to scanning. */
bool model_index_networks(port_model *m);

/* True while diags still records entries, so callers can skip the cost of
 * did-you-mean suggestions once the list is full. */
static inline bool model_diag_room(const diag_list *d)
{
    return d->len < (d->max ? d->max : 1000);
}

#endif
