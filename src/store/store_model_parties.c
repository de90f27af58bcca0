/* store_model_parties.c - writes who and what can reach the port from
 * outside: entry points (and what they reach), people (and their roles),
 * vendors (and the assets they maintain), for store_sync_model. */
#include "store/store_model_sync.h"

static const char ENTRY_UPSERT[] =
    "INSERT INTO entry_points(id, name, kind, description, fingerprint) VALUES (?, ?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,\n"
    "  description = excluded.description, fingerprint = excluded.fingerprint";
static const char REACHES_CLEAR[] = "DELETE FROM entry_point_reaches WHERE entry_point_id = ?";
static const char REACHES_INSERT[] =
    "INSERT INTO entry_point_reaches(entry_point_id, position, zone_id, asset_id) VALUES (?, ?, ?, ?)";

static sw_code write_entry_point(sync_ctx *c, const void *object, const char *id)
{
    const model_entry_point *e = object;
    store_args a;
    if (sync_args(c, ENTRY_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, e->name);
    arg_text(&a, e->kind);
    arg_text(&a, e->description);
    sync_arg_fingerprint(c, &a);
    if (sync_run(c, &a)) return SW_ERR_DB;

    if (sync_args(c, REACHES_CLEAR, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    if (sync_run(c, &a)) return SW_ERR_DB;
    for (size_t i = 0; i < e->reaches.len; i++) {
        /* `reaches` names a zone or an asset; a zone id wins if both exist */
        const char *item = e->reaches.items[i];
        const char *zone = sync_ref_in(&c->m->zone_by_id, item);
        const char *asset = zone ? NULL : sync_ref_in(&c->m->asset_by_id, item);
        if (!zone && !asset) continue;
        if (sync_args(c, REACHES_INSERT, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_int(&a, (int64_t)i);
        arg_text(&a, zone);
        arg_text(&a, asset);
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

sw_code sync_entry_points(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_entry_points; i++) {
        const model_entry_point *e = &c->m->entry_points[i];
        sw_code rc = sync_object(c, STORE_KIND_ENTRY_POINT, e, e->id, write_entry_point);
        if (rc) return rc;
    }
    return SW_OK;
}

static const char PERSON_UPSERT[] =
    "INSERT INTO people(id, name, email, badge, status, vendor_id, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, badge = excluded.badge,\n"
    "  status = excluded.status, vendor_id = excluded.vendor_id, fingerprint = excluded.fingerprint";
static const char ROLES_CLEAR[] = "DELETE FROM person_roles WHERE person_id = ?";
static const char ROLE_INSERT[] = "INSERT OR IGNORE INTO person_roles(person_id, role) VALUES (?, ?)";

static sw_code write_person(sync_ctx *c, const void *object, const char *id)
{
    const model_person *p = object;
    store_args a;
    if (sync_args(c, PERSON_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, p->name);
    arg_text(&a, p->email);
    arg_text(&a, p->badge);
    arg_text(&a, p->status && *p->status ? p->status : "active");
    arg_text(&a, sync_ref_in(&c->m->vendor_by_id, p->vendor));
    sync_arg_fingerprint(c, &a);
    if (sync_run(c, &a)) return SW_ERR_DB;

    if (sync_args(c, ROLES_CLEAR, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    if (sync_run(c, &a)) return SW_ERR_DB;
    for (size_t i = 0; i < p->roles.len; i++) {
        if (sync_args(c, ROLE_INSERT, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_text(&a, p->roles.items[i]);
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

sw_code sync_people(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_people; i++) {
        sw_code rc = sync_object(c, STORE_KIND_PERSON, &c->m->people[i], c->m->people[i].id, write_person);
        if (rc) return rc;
    }
    return SW_OK;
}

static const char VENDOR_UPSERT[] =
    "INSERT INTO vendors(id, name, contact, remote_access_id, fingerprint) VALUES (?, ?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, contact = excluded.contact,\n"
    "  remote_access_id = excluded.remote_access_id, fingerprint = excluded.fingerprint";
static const char VENDOR_ASSETS_CLEAR[] = "DELETE FROM vendor_assets WHERE vendor_id = ?";
static const char VENDOR_ASSET_INSERT[] = "INSERT OR IGNORE INTO vendor_assets(vendor_id, asset_id) VALUES (?, ?)";

static sw_code write_vendor(sync_ctx *c, const void *object, const char *id)
{
    const model_vendor *v = object;
    store_args a;
    if (sync_args(c, VENDOR_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, v->name);
    arg_text(&a, v->contact);
    arg_text(&a, sync_ref_in(&c->m->entry_by_id, v->remote_access));
    sync_arg_fingerprint(c, &a);
    if (sync_run(c, &a)) return SW_ERR_DB;

    if (sync_args(c, VENDOR_ASSETS_CLEAR, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    if (sync_run(c, &a)) return SW_ERR_DB;
    for (size_t i = 0; i < v->assets.len; i++) {
        const char *asset = sync_ref_in(&c->m->asset_by_id, v->assets.items[i]);
        if (!asset) continue;
        if (sync_args(c, VENDOR_ASSET_INSERT, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_text(&a, asset);
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

sw_code sync_vendors(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_vendors; i++) {
        sw_code rc = sync_object(c, STORE_KIND_VENDOR, &c->m->vendors[i], c->m->vendors[i].id, write_vendor);
        if (rc) return rc;
    }
    return SW_OK;
}
