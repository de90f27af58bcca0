/* playbook.h - incident-response playbooks as data (YAML files in data/playbooks,
 * format in docs/ir.md): phases tagged with NIST CSF 2.0 Respond and
 * Recover categories (per NIST SP 800-61r3), steps with the role that
 * carries them out, the critical decisions and the role that must take
 * each, and the manual fallbacks those decisions switch on. */
#ifndef SW_IR_PLAYBOOK_H
#define SW_IR_PLAYBOOK_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/diag.h"
#include "model/model.h"

typedef struct pb_decision {
    const char *id, *action, *role, *why;   /* why: what the decision trades off */
    model_pos pos, role_pos;
} pb_decision;

typedef struct pb_step {
    const char *text, *role;
    const char *decision;            /* optional: the decision this step needs */
    int decision_index;              /* resolved, -1 when none */
    const char *duty;                /* optional: the reporting duty (clocks.h) it discharges */
    model_pos pos, role_pos, decision_pos;
} pb_step;

typedef struct pb_phase {
    const char *id, *name;
    model_strlist csf;               /* RS.MA, RS.AN, RS.CO, RS.MI, RC.RP, RC.CO, ... */
    pb_step *steps; size_t n_steps;
    model_pos pos;
} pb_phase;

typedef struct pb_fallback {
    const char *function;            /* the port function: gate, cranes, vts, ... */
    const char *state;               /* what it runs as: "paper operations" */
    const char *procedure;
    const char *decision;            /* the decision that switches it on, optional */
    int decision_index;
    model_pos pos, decision_pos;
} pb_fallback;

typedef struct playbook {
    arena mem;
    const char *path;
    const char *id, *title, *summary, *severity;
    model_strlist tactics;           /* ATT&CK for ICS tactics that suggest it (matching candidates) */
    model_strlist asset_kinds;       /* asset kinds that suggest it */
    pb_decision *decisions; size_t n_decisions;
    pb_phase *phases; size_t n_phases;
    pb_fallback *fallbacks; size_t n_fallbacks;
    model_pos pos;
} playbook;

/* Parses one playbook. Every problem goes to diags at file:line:col.
 * Returns NULL only when nothing usable could be read; otherwise the
 * playbook even with errors (check diags->errors). */
playbook *playbook_load_buffer(const char *data, size_t len, const char *name, diag_list *diags);
playbook *playbook_load_file(const char *path, diag_list *diags);
void playbook_free(playbook *pb);

const pb_decision *playbook_decision(const playbook *pb, const char *id);

/* Every role the playbook names (steps and decisions), each once, in
 * order of first use; returns how many were written (at most max). */
size_t playbook_roles(const playbook *pb, const char **out, model_pos *where, size_t max);

/* The playbook folder: $SEAWALL_DATA/playbooks, next to the binary
 * (../data/playbooks, ../share/seawall/playbooks), then ./data/playbooks. */
const char *playbook_default_dir(char *buf, size_t size);

#endif
