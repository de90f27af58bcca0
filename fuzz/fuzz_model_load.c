/* fuzz_model_load.c - any bytes given to the port-model loader must give a
 * model or NULL, never a crash, hang or unbounded memory, and every index the
 * validator resolves must point inside its array. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "model/cpe.h"
#include "model/model.h"
#include "model/model_service.h"

static void check_index(int i, size_t n)
{
    if (i < -1 || (i >= 0 && (size_t)i >= n)) abort();
}

static void check_model(const port_model *m)
{
    for (size_t i = 0; i < m->n_zones; i++) check_index(m->zones[i].site_index, m->n_sites);
    for (size_t i = 0; i < m->n_conduits; i++) {
        check_index(m->conduits[i].from_index, m->n_zones);
        check_index(m->conduits[i].to_index, m->n_zones);
    }
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        check_index(a->zone_index, m->n_zones);
        check_index(a->owner_index, m->n_people);
        for (size_t k = 0; a->depends_on_index && k < a->depends_on.len; k++)
            check_index(a->depends_on_index[k], m->n_assets);
        for (size_t k = 0; k < a->n_ips; k++) {
            const model_asset *owner = model_asset_for_ip(m, &a->ips[k]);
            if (!owner) abort();   /* every listed address maps to some asset */
            (void)model_zone_for_ip(m, &a->ips[k]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_init(&d, "fuzz.yaml");
    port_model *m = model_load_buffer((const char *)data, size, "fuzz.yaml", &d);
    if (m) check_model(m);
    model_free(m);
    diag_free(&d);

    /* The same bytes as one CPE name and one service, to reach their edges. */
    char text[256];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    char why[128], attr[256];
    if (cpe23_valid(text, why, sizeof why) && !cpe23_attribute(text, CPE_PRODUCT, attr, sizeof attr)) abort();
    model_service s;
    const char *reason, *near;
    (void)model_service_parse(text, &s, &reason, &near);
    return 0;
}
