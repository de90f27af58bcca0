/* store_model_assets.c - writes the model's assets and their addresses,
 * dependencies, ICS write permissions and tags for store_sync_model. */
#include <stdio.h>
#include "store/store_model_sync.h"

static const char ASSET_UPSERT[] =
    "INSERT INTO assets(id, name, kind, description, zone_id, mac, hostname, vendor, product, version, cpe,\n"
    "  criticality, impact_teu_per_hour, impact_vessel_delay_hours, impact_cost_per_hour, impact_safety,\n"
    "  impact_environment, impact_regulatory, rto_hours, owner_id, fingerprint)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,\n"
    "  description = excluded.description, zone_id = excluded.zone_id, mac = excluded.mac,\n"
    "  hostname = excluded.hostname, vendor = excluded.vendor, product = excluded.product,\n"
    "  version = excluded.version, cpe = excluded.cpe, criticality = excluded.criticality,\n"
    "  impact_teu_per_hour = excluded.impact_teu_per_hour,\n"
    "  impact_vessel_delay_hours = excluded.impact_vessel_delay_hours,\n"
    "  impact_cost_per_hour = excluded.impact_cost_per_hour, impact_safety = excluded.impact_safety,\n"
    "  impact_environment = excluded.impact_environment, impact_regulatory = excluded.impact_regulatory,\n"
    "  rto_hours = excluded.rto_hours, owner_id = excluded.owner_id, fingerprint = excluded.fingerprint";
static const char IPS_CLEAR[] = "DELETE FROM asset_ips WHERE asset_id = ?";
static const char IP_INSERT[] = "INSERT INTO asset_ips(asset_id, position, ip) VALUES (?, ?, ?)";
static const char DEPENDS_CLEAR[] = "DELETE FROM asset_depends_on WHERE asset_id = ?";
/* OR IGNORE here and below: a list naming an id twice means it once. */
static const char DEPENDS_INSERT[] = "INSERT OR IGNORE INTO asset_depends_on(asset_id, depends_on_id) VALUES (?, ?)";
static const char MAY_WRITE_CLEAR[] = "DELETE FROM asset_may_write WHERE asset_id = ?";
static const char MAY_WRITE_INSERT[] = "INSERT OR IGNORE INTO asset_may_write(asset_id, writer_id) VALUES (?, ?)";
static const char TAGS_CLEAR[] = "DELETE FROM asset_tags WHERE asset_id = ?";
static const char TAG_INSERT[] = "INSERT OR IGNORE INTO asset_tags(asset_id, tag) VALUES (?, ?)";

static void arg_optional_real(store_args *a, bool has, double v)
{
    if (has) arg_real(a, v);
    else arg_null(a);
}

static sw_code write_row(sync_ctx *c, const model_asset *x, const char *id)
{
    char mac[18];
    if (x->has_mac)
        snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", x->mac[0], x->mac[1], x->mac[2], x->mac[3],
                 x->mac[4], x->mac[5]);
    store_args a;
    if (sync_args(c, ASSET_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, x->name);
    arg_text(&a, x->kind);
    arg_text(&a, x->description);
    arg_text(&a, sync_ref(x->zone, x->zone_index));
    arg_text(&a, x->has_mac ? mac : NULL);
    arg_text(&a, x->hostname);
    arg_text(&a, x->vendor);
    arg_text(&a, x->product);
    arg_text(&a, x->version);
    arg_text(&a, x->cpe);
    arg_text(&a, model_criticality_name(x->criticality));
    arg_optional_real(&a, x->impact.has_teu, x->impact.teu_per_hour);
    arg_optional_real(&a, x->impact.has_delay, x->impact.vessel_delay_hours);
    arg_optional_real(&a, x->impact.has_cost, x->impact.cost_per_hour);
    arg_int(&a, x->impact.safety);
    arg_int(&a, x->impact.environment);
    arg_int(&a, x->impact.regulatory);
    arg_optional_real(&a, x->rto_hours >= 0, x->rto_hours);
    arg_text(&a, sync_ref(x->owner, x->owner_index));
    sync_arg_fingerprint(c, &a);
    return sync_run(c, &a);
}

/* Deletes the asset's rows in one child table. */
static sw_code clear_children(sync_ctx *c, const char *sql, const char *id)
{
    store_args a;
    if (sync_args(c, sql, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    return sync_run(c, &a);
}

/* Inserts (asset id, item) rows for the list's resolved items; index may be
 * NULL for lists of free text (tags), where every item is kept. */
static sw_code insert_links(sync_ctx *c, const char *sql, const char *id, const model_strlist *list,
                            const int *index)
{
    for (size_t i = 0; i < list->len; i++) {
        const char *item = index ? sync_ref(list->items[i], index[i]) : list->items[i];
        if (!item) continue;
        store_args a;
        if (sync_args(c, sql, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_text(&a, item);
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

static sw_code write_asset(sync_ctx *c, const void *object, const char *id)
{
    const model_asset *x = object;
    if (write_row(c, x, id)) return SW_ERR_DB;

    if (clear_children(c, IPS_CLEAR, id)) return SW_ERR_DB;
    for (size_t i = 0; i < x->n_ips; i++) {
        char ip[IP_STR_MAX];
        store_args a;
        if (sync_args(c, IP_INSERT, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_int(&a, (int64_t)i);
        arg_text(&a, ip_fmt(&x->ips[i], ip));
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    /* An unresolved list (no index array) stores no links rather than dangling ones. */
    if (clear_children(c, DEPENDS_CLEAR, id)) return SW_ERR_DB;
    if (x->depends_on_index && insert_links(c, DEPENDS_INSERT, id, &x->depends_on, x->depends_on_index))
        return SW_ERR_DB;
    if (clear_children(c, MAY_WRITE_CLEAR, id)) return SW_ERR_DB;
    if (x->may_write_index && insert_links(c, MAY_WRITE_INSERT, id, &x->may_write, x->may_write_index))
        return SW_ERR_DB;
    if (clear_children(c, TAGS_CLEAR, id)) return SW_ERR_DB;
    return insert_links(c, TAG_INSERT, id, &x->tags, NULL);
}

sw_code sync_assets(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_assets; i++) {
        sw_code rc = sync_object(c, STORE_KIND_ASSET, &c->m->assets[i], c->m->assets[i].id, write_asset);
        if (rc) return rc;
    }
    return SW_OK;
}
