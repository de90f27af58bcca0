/* fuzz_risk_load.c - any bytes given to the risk register and controls
 * loaders must give structs or errors, never a crash or a hang; a register
 * that loads must have ordered ranges and a matrix of known levels. */
#include <stdint.h>
#include <stdlib.h>
#include "analysis/risk_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena mem;
    arena_init(&mem, 64 * 1024);
    diag_list d;
    diag_init(&d, "fuzz.yaml");
    risk_register_file reg;
    if (risk_register_parse(&mem, (const char *)data, size, &d, &reg)) {
        for (size_t i = 0; i < reg.n_risks; i++) {
            const risk_def *r = &reg.risks[i];
            if (!(r->freq.min <= r->freq.likely && r->freq.likely <= r->freq.max)) abort();
            if (r->has_loss && !(r->loss.min <= r->loss.max)) abort();
        }
        for (int l = 0; l < 5; l++)
            for (int k = 0; k < 5; k++)
                if (reg.matrix.level[l][k] >= RISK__LEVELS) abort();
    }
    diag_free(&d);
    diag_init(&d, "fuzz.yaml");
    control_file cf;
    if (risk_controls_parse(&mem, (const char *)data, size, &d, &cf))
        for (size_t i = 0; i < cf.n; i++)
            if (cf.controls[i].factor < 0 || cf.controls[i].factor > 1) abort();
    diag_free(&d);
    arena_free(&mem);
    return 0;
}
