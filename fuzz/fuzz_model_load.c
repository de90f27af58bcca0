/* fuzz_model_load.c - any bytes given to the port-model loader must give a
 * model or NULL, never a crash, hang or unbounded memory, every index the
 * validator resolves must point inside its array, and a model without
 * errors declares only ids the REST API can address (model_id.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "model/cpe.h"
#include "model/model.h"
#include "model/model_id.h"
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
        for (size_t k = 0; k < a->n_ips; k++) (void)model_zone_for_ip(m, &a->ips[k]);
    }
}

/* Lookups are promised after a successful load only (model.h): a file that
 * blows the alias budget is returned unvalidated, with no address index. */
static void check_lookups(const port_model *m)
{
    for (size_t i = 0; i < m->n_assets; i++)
        for (size_t k = 0; k < m->assets[i].n_ips; k++)
            if (!model_asset_for_ip(m, &m->assets[i].ips[k])) abort();   /* every listed address maps to some asset */
}

/* Every id of the n objects in arr that the file declared (id_pos.line 0:
 * not from the file, e.g. a conduit's generated "from->to"). */
#define CHECK_IDS(arr, n)                                                          \
    for (size_t i_ = 0; i_ < (n); i_++)                                            \
        if ((arr)[i_].id && (arr)[i_].id_pos.line && !model_id_valid((arr)[i_].id, NULL)) abort()

static void check_ids(const port_model *m)
{
    CHECK_IDS(m->sites, m->n_sites);
    CHECK_IDS(m->zones, m->n_zones);
    CHECK_IDS(m->conduits, m->n_conduits);
    CHECK_IDS(m->assets, m->n_assets);
    CHECK_IDS(m->entry_points, m->n_entry_points);
    CHECK_IDS(m->people, m->n_people);
    CHECK_IDS(m->vendors, m->n_vendors);
    CHECK_IDS(m->access_areas, m->n_access_areas);
    CHECK_IDS(m->geo.water, m->geo.n_water);
    CHECK_IDS(m->geo.land, m->geo.n_land);
    CHECK_IDS(m->geo.fairways, m->geo.n_fairways);
    CHECK_IDS(m->geo.berths, m->geo.n_berths);
    CHECK_IDS(m->geo.anchorages, m->geo.n_anchorages);
    CHECK_IDS(m->geo.ais_base_stations, m->geo.n_ais_base_stations);
    CHECK_IDS(m->geo.aids_to_navigation, m->geo.n_aids_to_navigation);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_init(&d, "fuzz.yaml");
    port_model *m = model_load_buffer((const char *)data, size, "fuzz.yaml", &d);
    if (m) check_model(m);
    if (m && d.errors == 0) {
        check_ids(m);
        check_lookups(m);
    }
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
    /* ... and as one id: a refused one is explained on one short line. */
    size_t bad_at;
    if (!model_id_valid(text, &bad_at)) {
        strbuf sb;
        strbuf_init(&sb);
        model_id_explain(&sb, text, bad_at);
        if (sb.len > 4 * MODEL_ID_MAX + 64) abort();
        for (size_t i = 0; i < sb.len; i++)
            if ((unsigned char)sb.data[i] < 0x20 || sb.data[i] == 0x7f) abort();
        strbuf_free(&sb);
    }
    return 0;
}
