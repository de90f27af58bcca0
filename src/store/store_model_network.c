/* store_model_network.c - writes the model's sites, IEC 62443 zones (with
 * their networks) and conduits (with their services) for store_sync_model. */
#include <stdio.h>
#include <string.h>
#include "store/store_model_sync.h"

static const char SITE_UPSERT[] =
    "INSERT INTO sites(id, name, description, fingerprint) VALUES (?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,\n"
    "  fingerprint = excluded.fingerprint";

static sw_code write_site(sync_ctx *c, const void *object, const char *id)
{
    const model_site *site = object;
    store_args a;
    if (sync_args(c, SITE_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, site->name);
    arg_text(&a, site->description);
    sync_arg_fingerprint(c, &a);
    return sync_run(c, &a);
}

sw_code sync_sites(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_sites; i++) {
        sw_code rc = sync_object(c, STORE_KIND_SITE, &c->m->sites[i], c->m->sites[i].id, write_site);
        if (rc) return rc;
    }
    return SW_OK;
}

/* ON CONFLICT DO UPDATE, never INSERT OR REPLACE: REPLACE deletes the old
 * row first, which would cascade to its children and unlink observations. */
static const char ZONE_UPSERT[] =
    "INSERT INTO zones(id, name, description, site_id, domain, security_level, catch_all, fingerprint)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,\n"
    "  site_id = excluded.site_id, domain = excluded.domain, security_level = excluded.security_level,\n"
    "  catch_all = excluded.catch_all, fingerprint = excluded.fingerprint";
static const char ZONE_NETWORKS_CLEAR[] = "DELETE FROM zone_networks WHERE zone_id = ?";
static const char ZONE_NETWORK_INSERT[] = "INSERT INTO zone_networks(zone_id, position, cidr) VALUES (?, ?, ?)";

static sw_code write_zone(sync_ctx *c, const void *object, const char *id)
{
    const model_zone *z = object;
    store_args a;
    if (sync_args(c, ZONE_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, z->name);
    arg_text(&a, z->description);
    arg_text(&a, sync_ref(z->site, z->site_index));
    arg_text(&a, model_domain_name(z->domain));
    arg_int(&a, z->security_level);
    arg_int(&a, z->catch_all);
    sync_arg_fingerprint(c, &a);
    if (sync_run(c, &a)) return SW_ERR_DB;

    if (sync_args(c, ZONE_NETWORKS_CLEAR, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    if (sync_run(c, &a)) return SW_ERR_DB;
    for (size_t i = 0; i < z->n_networks; i++) {
        char cidr[IP_STR_MAX + 4];
        if (sync_args(c, ZONE_NETWORK_INSERT, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_int(&a, (int64_t)i);
        arg_text(&a, ip_net_fmt(&z->networks[i], cidr));
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

sw_code sync_zones(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_zones; i++) {
        sw_code rc = sync_object(c, STORE_KIND_ZONE, &c->m->zones[i], c->m->zones[i].id, write_zone);
        if (rc) return rc;
    }
    return SW_OK;
}

static const char CONDUIT_UPSERT[] =
    "INSERT INTO conduits(id, from_zone_id, to_zone_id, bidirectional, justification, fingerprint)\n"
    "VALUES (?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT(id) DO UPDATE SET from_zone_id = excluded.from_zone_id, to_zone_id = excluded.to_zone_id,\n"
    "  bidirectional = excluded.bidirectional, justification = excluded.justification,\n"
    "  fingerprint = excluded.fingerprint";
static const char CONDUIT_SERVICES_CLEAR[] = "DELETE FROM conduit_services WHERE conduit_id = ?";
static const char CONDUIT_SERVICE_INSERT[] =
    "INSERT INTO conduit_services(conduit_id, position, service, protocol, ip_proto, port_lo, port_hi)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

static sw_code write_conduit(sync_ctx *c, const void *object, const char *id)
{
    const model_conduit *k = object;
    const char *from = sync_ref(k->from, k->from_index), *to = sync_ref(k->to, k->to_index);
    /* A conduit between unknown zones means nothing; validation reports it,
     * so reaching here is a caller that skipped validation. */
    if (!from || !to)
        return sw_fail(c->err, SW_ERR_INVALID, "conduit %s: unknown zone '%s'", id, from ? k->to : k->from);
    store_args a;
    if (sync_args(c, CONDUIT_UPSERT, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    arg_text(&a, from);
    arg_text(&a, to);
    arg_int(&a, k->bidirectional);
    arg_text(&a, k->justification);
    sync_arg_fingerprint(c, &a);
    if (sync_run(c, &a)) return SW_ERR_DB;

    if (sync_args(c, CONDUIT_SERVICES_CLEAR, &a)) return SW_ERR_DB;
    arg_text(&a, id);
    if (sync_run(c, &a)) return SW_ERR_DB;
    for (size_t i = 0; i < k->n_services; i++) {
        const model_service *sv = &k->services[i];
        if (sync_args(c, CONDUIT_SERVICE_INSERT, &a)) return SW_ERR_DB;
        arg_text(&a, id);
        arg_int(&a, (int64_t)i);
        arg_text(&a, sv->text ? sv->text : "");
        arg_text(&a, sv->name);
        arg_int(&a, sv->ip_proto);
        arg_int(&a, sv->port_lo);
        arg_int(&a, sv->port_hi);
        if (sync_run(c, &a)) return SW_ERR_DB;
    }
    return SW_OK;
}

sw_code sync_conduits(sync_ctx *c)
{
    for (size_t i = 0; i < c->m->n_conduits; i++) {
        const model_conduit *k = &c->m->conduits[i];
        const char *id = k->id;
        if (!id || !*id) {
            /* the documented default id; lives in the sync's scratch arena */
            size_t n = strlen(k->from ? k->from : "") + strlen(k->to ? k->to : "") + 3;
            char *buf = arena_alloc(&c->scratch, n);
            if (!buf) return sw_fail(c->err, SW_ERR_NOMEM, "model sync: out of memory");
            snprintf(buf, n, "%s->%s", k->from ? k->from : "", k->to ? k->to : "");
            id = buf;
        }
        sw_code rc = sync_object(c, STORE_KIND_CONDUIT, k, id, write_conduit);
        if (rc) return rc;
    }
    return SW_OK;
}
