/* model_internal.h - what the model's own files share: the loader hands a
 * filled model to the validator, which resolves references and checks it. */
#ifndef SW_MODEL_INTERNAL_H
#define SW_MODEL_INTERNAL_H
#include <stdarg.h>
#include "core/diag.h"
#include "model/model.h"

/* Resolves every id reference to its index, fills the id hash maps, and
 * reports cross-reference and semantic problems to diags. */
void model_validate(port_model *m, diag_list *diags);
/* The physical-security part (model_phys.c), after ids are indexed. */
void model_validate_phys(port_model *m, diag_list *diags);

/* Builds m->net_index (see model.h); false when out of memory, in which
 * case lookups fall back to scanning. */
bool model_index_networks(port_model *m);

/* Adds a diagnostic at `at`. Messages quote the user's text, so they are
 * cut to a sane length and control characters are shown as '?': an alias
 * to a huge scalar, used many times, must not multiply memory, and a
 * newline in a key must not forge an extra diagnostic line. */
void model_diag(diag_list *d, diag_severity sev, model_pos at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void model_vdiag(diag_list *d, diag_severity sev, model_pos at, const char *fmt, va_list ap);

/* True while diags still records entries, so callers can skip the cost of
 * did-you-mean suggestions once the list is full. */
static inline bool model_diag_room(const diag_list *d)
{
    return d->len < (d->max ? d->max : 1000);
}

#endif
