/* model_validate.c - the checks that need the whole model: ids unique and
 * references resolved (with did-you-mean), addresses inside their zone,
 * zone networks not overlapping, and no cycles in depends_on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/strbuf.h"
#include "model/model.h"
#include "model/model_internal.h"

/* The ids of one kind of object, for lookups and suggestions. */
typedef struct id_table {
    const char *kind;        /* "zone", for messages */
    hashmap *map;            /* id -> 1-based index */
    size_t count;            /* objects of this kind */
    const char **names;      /* the distinct ids, for did-you-mean */
    size_t n_names;
} id_table;

typedef struct validator {
    port_model *m;
    diag_list *d;
    id_table sites, zones, assets, people, vendors, entries;
    size_t suggest_budget;   /* ids compared for suggestions; bounds the work on huge files */
} validator;

static bool pos_before(model_pos a, model_pos b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* ---- ids ---------------------------------------------------------------- */

/* Objects are laid out as arrays of one struct type; `stride` and the
 * offsets pick the id and its position out of each. */
static void index_ids(validator *V, id_table *t, const char *kind, hashmap *map, const void *objects, size_t n,
                      size_t stride, size_t id_off, size_t pos_off)
{
    t->kind = kind;
    t->map = map;
    t->count = n;
    t->names = n ? arena_alloc(&V->m->mem, n * sizeof *t->names) : NULL;
    t->n_names = 0;
    if (n && !t->names) return;
    const char *base = objects;
    for (size_t i = 0; i < n; i++) {
        const char *obj = base + i * stride;
        const char *id;
        model_pos pos;
        memcpy(&id, obj + id_off, sizeof id);
        memcpy(&pos, obj + pos_off, sizeof pos);
        /* Missing (NULL) or empty: reported by the loader, which checks every id. */
        if (!id || !id[0]) continue;
        intptr_t first = (intptr_t)hashmap_get(map, id);
        if (first) {
            model_pos fp;
            memcpy(&fp, base + (size_t)(first - 1) * stride + pos_off, sizeof fp);
            model_diag(V->d, DIAG_ERROR, pos, "duplicate %s id '%s' (first defined at line %u:%u)", kind, id,
                     fp.line, fp.col);
            continue;
        }
        if (!hashmap_put(map, id, (void *)(intptr_t)(i + 1))) return;
        t->names[t->n_names++] = id;
    }
}

#define INDEX_IDS(V, table, kind, map, arr, n, T) \
    index_ids(V, table, kind, map, arr, n, sizeof(T), offsetof(T, id), offsetof(T, id_pos))

static const char *suggest_id(validator *V, const id_table *t, const char *word)
{
    if (!model_diag_room(V->d) || t->n_names == 0 || t->n_names > V->suggest_budget) return NULL;
    V->suggest_budget -= t->n_names;
    return str_suggest(word, t->names, t->n_names);
}

/* Index of id in t, or -1 after reporting it (with a suggestion) at pos. */
static int resolve(validator *V, const id_table *t, const char *id, model_pos pos, diag_severity sev)
{
    if (!id) return -1;
    intptr_t v = (intptr_t)hashmap_get(t->map, id);
    if (v >= 1 && (size_t)v <= t->count) return (int)(v - 1);
    const char *near = suggest_id(V, t, id);
    if (near)
        model_diag(V->d, sev, pos, "unknown %s '%s'; did you mean '%s'?", t->kind, id, near);
    else
        model_diag(V->d, sev, pos, "unknown %s '%s'", t->kind, id);
    return -1;
}

static int *resolve_list(validator *V, const id_table *t, const model_strlist *list)
{
    int *idx = list->len ? arena_alloc(&V->m->mem, list->len * sizeof *idx) : NULL;
    for (size_t i = 0; i < list->len; i++) {
        int r = resolve(V, t, list->items[i], list->pos[i], DIAG_ERROR);
        if (idx) idx[i] = r;
    }
    return idx;
}

/* ---- zones -------------------------------------------------------------- */

static model_pos entry_pos(const port_model *m, const model_net_entry *e)
{
    return m->zones[e->zone].network_pos[e->network];
}

static void report_overlap(validator *V, const model_net_entry *outer, const model_net_entry *inner)
{
    const port_model *m = V->m;
    bool inner_later = pos_before(entry_pos(m, outer), entry_pos(m, inner));
    const model_net_entry *later = inner_later ? inner : outer, *other = inner_later ? outer : inner;
    model_pos at = entry_pos(m, later), op = entry_pos(m, other);
    const model_zone *lz = &m->zones[later->zone], *oz = &m->zones[other->zone];
    char a[IP_STR_MAX + 4], b[IP_STR_MAX + 4];
    if (later->zone == other->zone) {
        model_diag(V->d, DIAG_WARNING, at, "network %s overlaps %s of the same zone (line %u:%u)",
                 ip_net_fmt(&later->net, a), ip_net_fmt(&other->net, b), op.line, op.col);
        return;
    }
    model_diag(V->d, DIAG_ERROR, at,
             "network %s of zone '%s' overlaps %s of zone '%s' (line %u:%u); zones may not share addresses, "
             "except a catch-all such as 0.0.0.0/0", ip_net_fmt(&later->net, a), lz->id ? lz->id : "?",
             ip_net_fmt(&other->net, b), oz->id ? oz->id : "?", op.line, op.col);
}

/* The address index records, for each network, the closest network that
 * holds it; every such pair is an overlap (catch-alls are not indexed). */
static void check_overlaps(validator *V)
{
    const port_model *m = V->m;
    for (size_t i = 0; i < m->n_net_index; i++) {
        const model_net_entry *e = &m->net_index[i];
        if (e->parent >= 0) report_overlap(V, &m->net_index[e->parent], e);
    }
}

static void check_zones(validator *V)
{
    port_model *m = V->m;
    for (size_t i = 0; i < m->n_zones; i++) {
        model_zone *z = &m->zones[i];
        if (z->site) z->site_index = resolve(V, &V->sites, z->site, z->site_pos, DIAG_ERROR);
    }
    if (model_index_networks(m)) check_overlaps(V);
}

/* ---- conduits ----------------------------------------------------------- */

static void check_conduits(validator *V)
{
    port_model *m = V->m;
    hashmap ids;
    hashmap_init(&ids);
    for (size_t i = 0; i < m->n_conduits; i++) {
        model_conduit *c = &m->conduits[i];
        if (c->from) c->from_index = resolve(V, &V->zones, c->from, c->from_pos, DIAG_ERROR);
        if (c->to) c->to_index = resolve(V, &V->zones, c->to, c->to_pos, DIAG_ERROR);
        if (c->from && c->to && strcmp(c->from, c->to) == 0)
            model_diag(V->d, DIAG_WARNING, c->to_pos,
                     "conduit from zone '%s' to itself; conduits describe flows between zones", c->from);
        bool named = c->id != NULL;
        if (!named && c->from && c->to) {
            strbuf sb;
            strbuf_init(&sb);
            strbuf_printf(&sb, "%s->%s", c->from, c->to);
            c->id = arena_strdup(&m->mem, strbuf_cstr(&sb));
            strbuf_free(&sb);
        }
        if (!c->id) continue;
        model_pos at = named ? c->id_pos : c->pos;
        const model_conduit *first = hashmap_get(&ids, c->id);
        if (first && named)
            model_diag(V->d, DIAG_ERROR, at, "duplicate conduit id '%s' (first defined at line %u:%u)", c->id,
                     first->pos.line, first->pos.col);
        else if (first)
            model_diag(V->d, DIAG_WARNING, at,
                     "second conduit from '%s' to '%s' (first at line %u:%u); list all services in one", c->from, c->to,
                     first->pos.line, first->pos.col);
        else
            hashmap_put(&ids, c->id, c);
    }
    hashmap_free(&ids);
}

/* ---- assets ------------------------------------------------------------- */

static void check_asset_kind(validator *V, const model_asset *a)
{
    if (!a->kind || model_asset_kind_known(a->kind)) return;
    const char *near = model_diag_room(V->d) ? str_suggest(a->kind, model_asset_kinds, model_n_asset_kinds) : NULL;
    if (near)
        model_diag(V->d, DIAG_WARNING, a->kind_pos, "unknown asset kind '%s'; did you mean '%s'?",
                 a->kind, near);
    else
        model_diag(V->d, DIAG_WARNING, a->kind_pos,
                 "unknown asset kind '%s' (see docs/port-model.md for the known kinds)", a->kind);
}

static void format_networks(const model_zone *z, strbuf *sb)
{
    for (size_t i = 0; i < z->n_networks && i < 3; i++) {
        char buf[IP_STR_MAX + 4];
        strbuf_printf(sb, "%s%s", i ? ", " : "", ip_net_fmt(&z->networks[i], buf));
    }
    if (z->n_networks > 3) strbuf_puts(sb, ", ...");
}

static void check_address_in_zone(validator *V, const model_asset *a, size_t k)
{
    const model_zone *z = &V->m->zones[a->zone_index];
    const ip_addr *ip = &a->ips[k];
    model_pos at = a->ip_pos[k];
    char buf[IP_STR_MAX];
    if (z->n_networks == 0) return;
    bool inside = false;
    for (size_t i = 0; i < z->n_networks && !inside; i++) inside = ip_net_contains(&z->networks[i], ip);
    if (!inside) {
        strbuf nets;
        strbuf_init(&nets);
        format_networks(z, &nets);
        model_diag(V->d, DIAG_ERROR, at, "address %s is outside zone '%s' (%s)", ip_fmt(ip, buf), z->id,
                 strbuf_cstr(&nets));
        strbuf_free(&nets);
        return;
    }
    /* Inside a catch-all, but a more specific zone claims the address: flows
     * would be attributed to that other zone. */
    const model_zone *best = model_zone_for_ip(V->m, ip);
    if (best && best != z)
        model_diag(V->d, DIAG_WARNING, at,
                 "address %s belongs to zone '%s', which is more specific than '%s'", ip_fmt(ip, buf),
                 best->id ? best->id : "?", z->id);
}

static void check_addresses(validator *V)
{
    port_model *m = V->m;
    hashmap macs;
    hashmap_init(&macs);
    for (size_t i = 0; i < m->n_assets; i++) {
        model_asset *a = &m->assets[i];
        for (size_t k = 0; k < a->n_ips; k++) {
            char buf[IP_STR_MAX];
            ip_fmt(&a->ips[k], buf);
            if (a->zone_index >= 0) check_address_in_zone(V, a, k);
            intptr_t first = (intptr_t)hashmap_get(&m->asset_by_ip, buf);
            if (first) {
                const model_asset *o = &m->assets[first - 1];
                if (o == a)
                    model_diag(V->d, DIAG_WARNING, a->ip_pos[k], "address %s is listed twice", buf);
                else
                    model_diag(V->d, DIAG_ERROR, a->ip_pos[k],
                             "duplicate address %s: asset '%s' (line %u:%u) has it too", buf, o->id ? o->id : "?",
                             o->pos.line, o->pos.col);
                continue;
            }
            const char *key = arena_strdup(&m->mem, buf);
            if (key) hashmap_put(&m->asset_by_ip, key, (void *)(intptr_t)(i + 1));
        }
        if (a->has_mac) {
            char buf[18];
            mac_fmt(a->mac, buf);
            const model_asset *o = hashmap_get(&macs, buf);
            if (o)
                model_diag(V->d, DIAG_WARNING, a->mac_pos,
                         "MAC %s is also on asset '%s' (line %u:%u); a duplicated MAC usually means a copy-paste slip",
                         buf, o->id ? o->id : "?", o->pos.line, o->pos.col);
            else {
                const char *key = arena_strdup(&m->mem, buf);
                if (key) hashmap_put(&macs, key, a);
            }
        }
    }
    hashmap_free(&macs);
}

/* Depth-first search with an explicit stack, so a long dependency chain in
 * a hostile file cannot overflow the C stack. A back edge is a cycle. */
static void check_dependency_cycles(validator *V)
{
    port_model *m = V->m;
    size_t n = m->n_assets;
    if (!n) return;
    unsigned char *color = calloc(n, 1);      /* 0 unseen, 1 on the path, 2 done */
    size_t *path = malloc(n * sizeof *path);  /* assets on the current path */
    size_t *next = malloc(n * sizeof *next);  /* per path entry: next edge to follow */
    size_t *where = malloc(n * sizeof *where);/* per asset: its index in path */
    if (!color || !path || !next || !where) goto out;
    for (size_t s = 0; s < n; s++) {
        if (color[s]) continue;
        size_t depth = 0;
        path[depth] = s; next[depth] = 0; where[s] = 0; depth++;
        color[s] = 1;
        while (depth > 0) {
            size_t u = path[depth - 1];
            const model_asset *a = &m->assets[u];
            size_t e = next[depth - 1]++;
            if (e >= a->depends_on.len || !a->depends_on_index) {
                color[u] = 2;
                depth--;
                continue;
            }
            int v = a->depends_on_index[e];
            if (v < 0) continue;
            if (color[v] == 0) {
                color[v] = 1;
                where[v] = depth;
                path[depth] = (size_t)v; next[depth] = 0; depth++;
            } else if (color[v] == 1) {
                strbuf sb;
                strbuf_init(&sb);
                for (size_t k = where[v]; k < depth; k++) {
                    if (k - where[v] == 16) { strbuf_puts(&sb, "... -> "); k = depth - 1; }
                    strbuf_printf(&sb, "%s -> ", m->assets[path[k]].id);
                }
                strbuf_puts(&sb, m->assets[v].id);
                model_pos at = a->depends_on.pos[e];
                model_diag(V->d, DIAG_ERROR, at, "dependency cycle: %s", strbuf_cstr(&sb));
                strbuf_free(&sb);
            }
        }
    }
out:
    free(color);
    free(path);
    free(next);
    free(where);
}

static void check_assets(validator *V)
{
    port_model *m = V->m;
    for (size_t i = 0; i < m->n_assets; i++) {
        model_asset *a = &m->assets[i];
        if (a->zone) a->zone_index = resolve(V, &V->zones, a->zone, a->zone_pos, DIAG_ERROR);
        check_asset_kind(V, a);
        /* An owner missing from people is a gap in the paperwork, not in the
         * network picture, so it warns rather than fails the model. */
        if (a->owner) a->owner_index = resolve(V, &V->people, a->owner, a->owner_pos, DIAG_WARNING);
        a->depends_on_index = resolve_list(V, &V->assets, &a->depends_on);
        a->may_write_index = resolve_list(V, &V->assets, &a->may_write);
        if (a->criticality == CRIT_CROWN_JEWEL && a->rto_hours < 0)
            model_diag(V->d, DIAG_WARNING, a->pos,
                     "crown-jewel asset '%s' has no rto_hours; impact and recovery plans need it", a->id ? a->id : "?");
    }
    check_addresses(V);
    check_dependency_cycles(V);
}

/* ---- entry points, people, vendors -------------------------------------- */

static void check_entry_points(validator *V)
{
    port_model *m = V->m;
    for (size_t i = 0; i < m->n_entry_points; i++) {
        const model_entry_point *e = &m->entry_points[i];
        if (e->kind) {
            bool known = false;
            for (size_t k = 0; k < model_n_entry_kinds && !known; k++) known = strcmp(model_entry_kinds[k], e->kind) == 0;
            const char *near = known || !model_diag_room(V->d) ? NULL : str_suggest(e->kind, model_entry_kinds, model_n_entry_kinds);
            if (!known)
                model_diag(V->d, DIAG_WARNING, e->kind_pos, "unknown entry point kind '%s'%s%s%s",
                         e->kind, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        }
        /* reaches names zones or assets; the two id spaces are searched in that order. */
        for (size_t k = 0; k < e->reaches.len; k++) {
            const char *id = e->reaches.items[k];
            if (hashmap_has(&m->zone_by_id, id) || hashmap_has(&m->asset_by_id, id)) continue;
            model_pos at = e->reaches.pos[k];
            const char *near = suggest_id(V, &V->zones, id);
            if (!near) near = suggest_id(V, &V->assets, id);
            if (near)
                model_diag(V->d, DIAG_ERROR, at, "unknown zone or asset '%s'; did you mean '%s'?", id, near);
            else
                model_diag(V->d, DIAG_ERROR, at, "unknown zone or asset '%s'", id);
        }
    }
}

static void check_people(validator *V)
{
    static const char *const statuses[] = { "active", "left", "leave" };
    port_model *m = V->m;
    for (size_t i = 0; i < m->n_people; i++) {
        const model_person *p = &m->people[i];
        if (p->vendor) resolve(V, &V->vendors, p->vendor, p->vendor_pos, DIAG_ERROR);
        if (p->status && strcmp(p->status, "active") && strcmp(p->status, "left") && strcmp(p->status, "leave")) {
            const char *near = str_suggest(p->status, statuses, 3);
            model_diag(V->d, DIAG_WARNING, p->pos, "person '%s' has unknown status '%s'; use %s",
                     p->id ? p->id : "?", p->status, near ? near : "active, left or leave");
        }
    }
}

/* A window string: parsed, or an error pointing at the offending character. */
static bool check_window(validator *V, const char *what, const char *text, model_pos at, tz_window *out)
{
    size_t off = 0;
    const char *why = "malformed";
    if (tz_window_parse(text, out, &off, &why)) return true;
    model_pos p = at;
    p.col += (unsigned)off;
    model_diag(V->d, DIAG_ERROR, p, "%s '%s': %s at character %zu (write e.g. \"Mon-Fri 07:00-19:00, Sat 08:00-12:00\")",
               what, text, why, off + 1);
    return false;
}

/* access_from: each item a zone id, an asset id, or a network (CIDR). */
static void resolve_access_from(validator *V, model_vendor *v)
{
    port_model *m = V->m;
    const model_strlist *src = &v->access_from;
    const model_entry_point *ep = NULL;
    if (!src->len && v->remote_access) {
        intptr_t e = (intptr_t)hashmap_get(&m->entry_by_id, v->remote_access);
        if (e) { ep = &m->entry_points[e - 1]; src = &ep->reaches; }
    }
    if (!src->len) return;
    v->access_src = arena_alloc(&m->mem, src->len * sizeof *v->access_src);
    if (!v->access_src) return;
    for (size_t k = 0; k < src->len; k++) {
        const char *id = src->items[k];
        model_access_source *a = &v->access_src[v->n_access_src];
        a->zone = a->asset = -1;
        intptr_t z = (intptr_t)hashmap_get(&m->zone_by_id, id), as = (intptr_t)hashmap_get(&m->asset_by_id, id);
        if (z) a->zone = (int)z - 1;
        else if (as) a->asset = (int)as - 1;
        else if (ip_net_parse(id, &a->net, false)) a->is_net = true;
        else {
            /* The entry point's own reaches were checked there. */
            if (!ep) model_diag(V->d, DIAG_ERROR, src->pos[k], "access_from '%s' is not a zone, an asset or a network (CIDR)", id);
            continue;
        }
        v->n_access_src++;
    }
}

static void check_vendors(validator *V)
{
    port_model *m = V->m;
    for (size_t i = 0; i < m->n_vendors; i++) {
        model_vendor *v = &m->vendors[i];
        /* Like owners: a missing entry point is a documentation gap, warned. */
        if (v->remote_access) resolve(V, &V->entries, v->remote_access, v->remote_access_pos, DIAG_WARNING);
        v->assets_index = resolve_list(V, &V->assets, &v->assets);
        if (v->access_window)
            v->has_window = check_window(V, "access_window", v->access_window, v->access_window_pos, &v->window);
        if (v->access_window && !v->remote_access && !v->access_from.len)
            model_diag(V->d, DIAG_WARNING, v->access_window_pos,
                       "vendor '%s' has an access_window but neither remote_access nor access_from: nothing to watch",
                       v->id ? v->id : "?");
        resolve_access_from(V, v);
    }
}

/* The port's time zone, loaded once: access windows and engineering hours are local time. */
static void check_port_time(validator *V)
{
    port_model *m = V->m;
    model_port *p = &m->port;
    if (p->engineering_hours)
        p->has_engineering_hours = check_window(V, "engineering_hours", p->engineering_hours, p->engineering_hours_pos,
                                                &p->engineering_window);
    bool windows = p->engineering_hours != NULL;
    for (size_t i = 0; i < m->n_vendors && !windows; i++) windows = m->vendors[i].access_window != NULL;
    if (!p->timezone) {
        if (windows)
            model_diag(V->d, DIAG_WARNING, p->pos, "port has no timezone: access windows and engineering hours are read as UTC");
        return;
    }
    sw_error err = { 0 };
    p->tz = tz_load(&m->mem, p->timezone, &err);
    if (!p->tz)
        model_diag(V->d, windows ? DIAG_ERROR : DIAG_WARNING, p->timezone_pos, "timezone: %s", err.msg);
}

void model_validate(port_model *m, diag_list *diags)
{
    validator V = { .m = m, .d = diags, .suggest_budget = (size_t)20 * 1000 * 1000 };
    INDEX_IDS(&V, &V.sites, "site", &m->site_by_id, m->sites, m->n_sites, model_site);
    INDEX_IDS(&V, &V.zones, "zone", &m->zone_by_id, m->zones, m->n_zones, model_zone);
    INDEX_IDS(&V, &V.assets, "asset", &m->asset_by_id, m->assets, m->n_assets, model_asset);
    INDEX_IDS(&V, &V.people, "person", &m->person_by_id, m->people, m->n_people, model_person);
    INDEX_IDS(&V, &V.vendors, "vendor", &m->vendor_by_id, m->vendors, m->n_vendors, model_vendor);
    INDEX_IDS(&V, &V.entries, "entry point", &m->entry_by_id, m->entry_points, m->n_entry_points, model_entry_point);
    check_zones(&V);
    check_conduits(&V);
    check_assets(&V);
    check_entry_points(&V);
    check_people(&V);
    check_vendors(&V);
    check_port_time(&V);
    model_validate_geography(m, diags);
    model_validate_phys(m, diags);
}
