/* playbook_check.c - roles of a playbook against the people of a model. */
#include <string.h>
#include "core/strbuf.h"
#include "ir/playbook_check.h"

bool person_active(const model_person *p)
{
    return !p->status || !strcmp(p->status, "active");
}

bool person_has_role(const model_person *p, const char *role)
{
    for (size_t i = 0; role && i < p->roles.len; i++)
        if (!strcmp(p->roles.items[i], role)) return true;
    return false;
}

const model_person *role_first_holder(const port_model *m, const char *role)
{
    for (size_t i = 0; i < m->n_people; i++)
        if (person_active(&m->people[i]) && person_has_role(&m->people[i], role)) return &m->people[i];
    return NULL;
}

#define PB_MAX_ROLES 256

size_t playbook_check_roles(const playbook *pb, const port_model *m, diag_list *diags)
{
    const char *roles[PB_MAX_ROLES];
    model_pos where[PB_MAX_ROLES];
    size_t n = playbook_roles(pb, roles, where, PB_MAX_ROLES), unheld = 0;
    for (size_t r = 0; r < n; r++) {
        if (role_first_holder(m, roles[r])) continue;
        unheld++;
        strbuf inactive;
        strbuf_init(&inactive);
        for (size_t i = 0; i < m->n_people; i++)
            if (person_has_role(&m->people[i], roles[r]))
                strbuf_printf(&inactive, "%s%s (%s)", inactive.len ? ", " : "", m->people[i].id, m->people[i].status);
        if (inactive.len)
            diag_add(diags, DIAG_ERROR, where[r].line, where[r].col,
                     "role '%s' is held by nobody active in %s: only by %s", roles[r], m->path ? m->path : "the model",
                     inactive.data);
        else
            diag_add(diags, DIAG_ERROR, where[r].line, where[r].col, "role '%s' is held by nobody in %s", roles[r],
                     m->path ? m->path : "the model");
        strbuf_free(&inactive);
    }
    return unheld;
}
