/* alert.c - the domain-neutral alert: building it, filling in what the
 * port model knows about its entities, and its stable key. */
#include <stdio.h>
#include <string.h>
#include "core/hashmap.h"
#include "core/ipaddr.h"
#include "correlate/correlate.h"

const char *corr_domain_name(corr_domain d)
{
    static const char *const names[] = { "net", "ais", "phys", "other" };
    return (unsigned)d < CORR_DOMAIN__COUNT ? names[d] : "other";
}

const char *corr_entity_kind_name(corr_entity_kind k)
{
    static const char *const names[] = { "asset", "address", "MAC", "person", "MMSI", "zone" };
    return (unsigned)k < CE__COUNT ? names[k] : "?";
}

const char *corr_role_name(corr_role r)
{
    static const char *const names[] = { "source", "target", "subject" };
    return (unsigned)r <= CR_SUBJECT ? names[r] : "?";
}

void corr_alert_init(corr_alert *a)
{
    memset(a, 0, sizeof *a);
    a->domain = CORR_OTHER;
    a->severity = 1;
    a->zone_src = a->zone_dst = -1;
}

static bool has_entity(const corr_alert *a, corr_entity_kind kind, corr_role role, const char *value)
{
    for (size_t i = 0; i < a->n_ent; i++)
        if (a->ent[i].kind == kind && a->ent[i].role == role && !strcmp(a->ent[i].value, value)) return true;
    return false;
}

bool corr_alert_add_entity(corr_alert *a, corr_entity_kind kind, corr_role role, const char *value)
{
    size_t n = value ? strlen(value) : 0;
    if (!n || n >= CORR_VALUE_MAX || a->n_ent >= CORR_MAX_ENTITIES) return false;
    if (has_entity(a, kind, role, value)) return true;
    corr_entity *e = &a->ent[a->n_ent++];
    e->kind = (uint8_t)kind;
    e->role = (uint8_t)role;
    memcpy(e->value, value, n + 1);
    return true;
}

bool corr_alert_add_technique(corr_alert *a, const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (!n || n >= CORR_TECH_MAX || a->n_tech >= CORR_MAX_TECH) return false;
    for (size_t i = 0; i < a->n_tech; i++)
        if (!strcmp(a->tech[i], id)) return true;
    memcpy(a->tech[a->n_tech++], id, n + 1);
    return true;
}

/* Accounts and badges name people only through the model: "acct:NAME"
 * and "badge:NUMBER" become the person's id when one holds them, and stay
 * as written (still linking alerts that share them) when none does. */
static const model_person *person_of(const port_model *m, const char *v)
{
    if (!strncmp(v, "badge:", 6)) {
        for (size_t i = 0; i < m->n_people; i++)
            if (m->people[i].badge && !strcmp(m->people[i].badge, v + 6)) return &m->people[i];
        return NULL;
    }
    if (!strncmp(v, "acct:", 5)) {
        const char *name = v + 5;
        /* DOMAIN\user and user@realm are the same account */
        const char *bs = strrchr(name, '\\');
        if (bs) name = bs + 1;
        size_t n = strcspn(name, "@");
        for (size_t i = 0; i < m->n_people; i++) {
            const model_person *p = &m->people[i];
            for (size_t k = 0; k < p->accounts.len; k++)
                if (strlen(p->accounts.items[k]) == n && !strncasecmp(p->accounts.items[k], name, n)) return p;
            if (p->id && strlen(p->id) == n && !strncmp(p->id, name, n)) return p;
        }
        return NULL;
    }
    return model_person_by_id(m, v);
}

static int zone_index(const port_model *m, const model_zone *z)
{
    return z ? (int)(z - m->zones) : -1;
}

static void add_zone(corr_alert *a, const port_model *m, int zone, corr_role role)
{
    if (zone < 0) return;
    if (role == CR_SOURCE && a->zone_src < 0) a->zone_src = zone;
    if (role == CR_TARGET && a->zone_dst < 0) a->zone_dst = zone;
    if (!m->zones[zone].catch_all) corr_alert_add_entity(a, CE_ZONE, role, m->zones[zone].id);
}

static bool kind_is(const model_asset *x, const char *kind)
{
    return x->kind && !strcmp(x->kind, kind);
}

static void enrich(corr_alert *a, const port_model *m)
{
    size_t n = a->n_ent;                 /* what the alert said; additions follow */
    for (size_t i = 0; i < n; i++) {
        corr_entity *e = &a->ent[i];
        corr_role role = (corr_role)e->role;
        if (e->kind == CE_IP) {
            ip_addr ip;
            if (!ip_parse(e->value, &ip)) continue;
            const model_asset *x = model_asset_for_ip(m, &ip);
            if (x) corr_alert_add_entity(a, CE_ASSET, role, x->id);
            if (role != CR_SUBJECT) add_zone(a, m, zone_index(m, model_zone_for_ip(m, &ip)), role);
        } else if (e->kind == CE_ASSET) {
            const model_asset *x = model_asset_by_id(m, e->value);
            if (x && role != CR_SUBJECT && x->zone_index >= 0) add_zone(a, m, x->zone_index, role);
        } else if (e->kind == CE_ZONE) {
            const model_zone *z = model_zone_by_id(m, e->value);
            if (z && role == CR_SOURCE && a->zone_src < 0) a->zone_src = zone_index(m, z);
            if (z && role == CR_TARGET && a->zone_dst < 0) a->zone_dst = zone_index(m, z);
        } else if (e->kind == CE_PERSON) {
            const model_person *p = person_of(m, e->value);
            if (p && p->id && strlen(p->id) < CORR_VALUE_MAX) strcpy(e->value, p->id);
        }
    }
    if (a->area[0]) {
        const model_access_area *ar = model_access_area_by_id(m, a->area);
        if (ar) {
            if (ar->zone_index >= 0) corr_alert_add_entity(a, CE_ZONE, CR_SUBJECT, m->zones[ar->zone_index].id);
            for (size_t k = 0; k < ar->assets.len; k++) corr_alert_add_entity(a, CE_ASSET, CR_TARGET, ar->assets.items[k]);
        }
    }
    if (a->domain == CORR_AIS) {
        /* An AIS alert is about the picture the port's receivers build: the
         * AIS base stations are the assets at stake, their zone (the VTS)
         * where a network intrusion would meet it. */
        for (size_t i = 0; i < m->n_assets; i++) {
            const model_asset *x = &m->assets[i];
            if (!kind_is(x, "ais-base") && !kind_is(x, "ais-receiver")) continue;
            corr_alert_add_entity(a, CE_ASSET, CR_SUBJECT, x->id);
            if (x->zone_index >= 0) corr_alert_add_entity(a, CE_ZONE, CR_SUBJECT, m->zones[x->zone_index].id);
        }
    }
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1);
}

void corr_alert_finish(corr_alert *a, const port_model *m)
{
    if (m) enrich(a, m);
    /* The key covers content only, in a fixed byte order, so the same alert
     * read from the database or from an EVE file gets the same key. */
    uint64_t h = 0xcbf29ce484222325ULL;
    uint8_t t[8];
    for (int i = 0; i < 8; i++) t[i] = (uint8_t)((uint64_t)a->ts >> (8 * i));
    h = fnv(h, t, 8);
    h = fnv_str(h, corr_domain_name(a->domain));
    h = fnv(h, &a->severity, 1);
    h = fnv_str(h, a->rule);
    for (size_t i = 0; i < a->n_tech; i++) h = fnv_str(h, a->tech[i]);
    for (size_t i = 0; i < a->n_ent; i++) {
        h = fnv(h, &a->ent[i].kind, 1);
        h = fnv(h, &a->ent[i].role, 1);
        h = fnv_str(h, a->ent[i].value);
    }
    h = fnv_str(h, a->area);
    a->key = h;
}
