/* playbook_check.h - a playbook against a port model: every role it names
 * must exist in the model and be held by at least one active person (not
 * left, not on leave); and who may take a decision. */
#ifndef SW_IR_PLAYBOOK_CHECK_H
#define SW_IR_PLAYBOOK_CHECK_H
#include <stdbool.h>
#include "ir/playbook.h"
#include "model/model.h"

bool person_active(const model_person *p);
bool person_has_role(const model_person *p, const char *role);
/* The first active person holding role, in model order, or NULL. */
const model_person *role_first_holder(const port_model *m, const char *role);

/* Adds one diagnostic per role no active person holds (naming the
 * inactive holders, if any) at the role's position in the playbook.
 * Returns how many roles are unheld. */
size_t playbook_check_roles(const playbook *pb, const port_model *m, diag_list *diags);

#endif
