/* fuzz_playbook_load.c - any bytes given to the playbook loader must give a
 * playbook or NULL with diagnostics, never a crash, hang or unbounded
 * memory; an error-free playbook's decision links must be in range and its
 * decisions must look themselves up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ir/playbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_init(&d, "fuzz.yaml");
    playbook *pb = playbook_load_buffer((const char *)data, size, "fuzz.yaml", &d);
    if (pb && !d.errors) {
        if (!pb->id || !pb->title || !pb->n_phases) abort();
        for (size_t i = 0; i < pb->n_decisions; i++)
            if (playbook_decision(pb, pb->decisions[i].id) == NULL || !pb->decisions[i].role) abort();
        for (size_t p = 0; p < pb->n_phases; p++)
            for (size_t s = 0; s < pb->phases[p].n_steps; s++) {
                const pb_step *st = &pb->phases[p].steps[s];
                if (st->decision_index < -1 || st->decision_index >= (int)pb->n_decisions) abort();
                if (st->decision && st->decision_index < 0) abort();
                if (!st->role || !st->text) abort();
            }
        const char *roles[64];
        playbook_roles(pb, roles, NULL, 64);
    }
    if (!pb && !d.errors) abort();
    playbook_free(pb);
    diag_free(&d);
    return 0;
}
