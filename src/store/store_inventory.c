/* store_inventory.c - the declared model against the wire (store_inventory.h).
 * The MAC an address has on the wire is the one it sent ARP with, else one
 * seen with it that is not forwarding for others (a router's MAC carries
 * many addresses, or addresses in several zones); only those bind. */
#include "store/store_inventory.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/ipaddr.h"
#include "core/strbuf.h"
#include "model/identity.h"
#include "store/store_sql.h"

/* A MAC sent from more IPv4 addresses than this routes for them. */
#define ROUTER_MIN_ADDRESSES 5

static const char *const state_names[STORE_INV__COUNT] = {
    "matched", "mismatch", "never-seen", "shadow", "external",
};

const char *store_inv_state_name(store_inv_state s)
{
    return s >= 0 && s < STORE_INV__COUNT ? state_names[s] : "?";
}

bool store_inv_state_parse(const char *s, store_inv_state *out)
{
    for (int i = 0; s && i < STORE_INV__COUNT; i++)
        if (strcmp(s, state_names[i]) == 0) { *out = (store_inv_state)i; return true; }
    return false;
}

enum {
    ST_ASSET, ST_ASSET_IPS, ST_IP_ROWS, ST_MAC_STATS, ST_MAC_ROWS, ST_IDENTITIES, ST_MAC_VENDOR,
    ST_ASSET_BY_IP, ST_ASSET_BY_MAC, ST_NAMES, ST_SERVICES, ST_HOSTS, ST__COUNT
};

static const char *const sql_of[ST__COUNT] = {
    [ST_ASSET] = "SELECT mac, vendor, product, version, cpe FROM assets WHERE id = ?1",
    [ST_ASSET_IPS] = "SELECT ip FROM asset_ips WHERE asset_id = ?1 ORDER BY position",
    [ST_IP_ROWS] =
        "SELECT mac, arp_packets, first_seen, last_seen FROM observed_hosts WHERE ip = ?1\n"
        "ORDER BY arp_packets DESC, packets DESC, mac",
    [ST_MAC_STATS] =
        "SELECT sum(ip NOT LIKE '%:%'), count(DISTINCT zone_id) FROM observed_hosts WHERE mac = ?1",
    [ST_MAC_ROWS] = "SELECT ip, arp_packets, first_seen, last_seen FROM observed_hosts WHERE mac = ?1 ORDER BY ip",
    [ST_IDENTITIES] =
        "SELECT protocol, vendor, product, firmware, serial, model FROM observed_identities WHERE ip = ?1\n"
        "ORDER BY last_seen DESC, protocol",
    [ST_MAC_VENDOR] = "SELECT vendor_guess FROM observed_hosts WHERE mac = ?1 AND vendor_guess IS NOT NULL LIMIT 1",
    [ST_ASSET_BY_IP] =
        "SELECT a.id, a.name FROM asset_ips i JOIN assets a ON a.id = i.asset_id WHERE i.ip = ?1 ORDER BY a.id LIMIT 1",
    [ST_ASSET_BY_MAC] = "SELECT id, name FROM assets WHERE mac = ?1 ORDER BY id LIMIT 1",
    [ST_NAMES] =
        "SELECT name, source, sum(count) FROM host_names WHERE ip = ?1 OR (?2 IS NOT NULL AND mac = ?2)\n"
        "GROUP BY name, source ORDER BY sum(count) DESC, name, source LIMIT 8",   /* the most used */
    [ST_SERVICES] =
        "SELECT ip_proto, port, app, flows FROM host_services WHERE ip = ?1 AND role = ?2\n"
        "ORDER BY flows DESC, ip_proto, port LIMIT 16",
    [ST_HOSTS] =
        "SELECT h.ip, min(h.first_seen), max(h.last_seen), sum(h.packets), sum(h.bytes), max(h.zone_id),\n"
        "  max(coalesce(z.catch_all, 0))\n"
        "FROM observed_hosts h LEFT JOIN zones z ON z.id = h.zone_id\n"
        "GROUP BY h.ip ORDER BY h.ip",
};

struct store_inventory {
    store *s;
    sqlite3_stmt *st[ST__COUNT];
    arena asset_mem;             /* the last judged asset's strings */
    arena host_mem;              /* the current host row's strings */
    store_inv_asset judged;
};

store_inventory *store_inventory_open(store *s, sw_error *err)
{
    store_inventory *v = calloc(1, sizeof *v);
    if (!v) { sw_fail(err, SW_ERR_NOMEM, "inventory: out of memory"); return NULL; }
    v->s = s;
    arena_init(&v->asset_mem, 8192);
    arena_init(&v->host_mem, 8192);
    for (int i = 0; i < ST__COUNT; i++)
        if (store_prepare(s, sql_of[i], &v->st[i], err)) {
            store_inventory_close(v);
            return NULL;
        }
    return v;
}

void store_inventory_close(store_inventory *v)
{
    if (!v) return;
    for (int i = 0; i < ST__COUNT; i++) sqlite3_finalize(v->st[i]);
    arena_free(&v->asset_mem);
    arena_free(&v->host_mem);
    free(v);
}

/* Resets statement `which` and binds its text parameters (NULL binds NULL). */
static sqlite3_stmt *query(store_inventory *v, int which, const char *p1, const char *p2)
{
    sqlite3_stmt *st = v->st[which];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (p1) sqlite3_bind_text(st, 1, p1, -1, SQLITE_TRANSIENT);
    if (p2 && sqlite3_bind_parameter_count(st) >= 2) sqlite3_bind_text(st, 2, p2, -1, SQLITE_TRANSIENT);
    return st;
}

static const char *keep(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

/* --- addresses and MACs ---------------------------------------------------------- */

/* Private, shared, link-local and unique-local addresses: a host there is
 * on some port network even where the model draws no zone. */
static bool address_is_local(const char *text)
{
    ip_addr a;
    if (!ip_parse(text, &a)) return false;
    if (a.v4) {
        const uint8_t *b = a.b + 12;
        return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)
               || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xc0) == 64);
    }
    static const uint8_t loopback[16] = { [15] = 1 };
    return (a.b[0] & 0xfe) == 0xfc || (a.b[0] == 0xfe && (a.b[1] & 0xc0) == 0x80) || memcmp(a.b, loopback, 16) == 0;
}

static bool address_is_link_local(const char *text)
{
    ip_addr a;
    if (!ip_parse(text, &a)) return false;
    if (a.v4) return a.b[12] == 169 && a.b[13] == 254;
    return a.b[0] == 0xfe && (a.b[1] & 0xc0) == 0x80;
}

static sw_code mac_is_router(store_inventory *v, const char *mac, bool *router, sw_error *err)
{
    sqlite3_stmt *st = query(v, ST_MAC_STATS, mac, NULL);
    bool row;
    sw_code rc = store_step(v->s, st, &row, err);
    *router = rc == SW_OK && row
              && (sqlite3_column_int64(st, 0) >= ROUTER_MIN_ADDRESSES || sqlite3_column_int64(st, 1) > 1);
    sqlite3_reset(st);
    return rc;
}

/* The MAC `ip` has on the wire, into mac[18] ("" when none binds). */
static sw_code bound_mac(store_inventory *v, const char *ip, char mac[18], const char **source, sw_error *err)
{
    char candidates[8][18];
    size_t n = 0;
    mac[0] = '\0';
    *source = NULL;
    sqlite3_stmt *st = query(v, ST_IP_ROWS, ip, NULL);
    bool row;
    sw_code rc;
    while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row) {
        const char *m = col_text(st, 0);
        if (!m || strlen(m) != 17 || strcmp(m, "00:00:00:00:00:00") == 0) continue;   /* loopback and cooked captures */
        if (sqlite3_column_int64(st, 1) > 0) {          /* it sent ARP with this MAC */
            memcpy(mac, m, 18);
            *source = "arp";
            break;
        }
        if (n < 8) memcpy(candidates[n++], m, 18);
    }
    sqlite3_reset(st);
    if (rc || *source) return rc;
    for (size_t i = 0; i < n; i++) {
        bool router;
        if ((rc = mac_is_router(v, candidates[i], &router, err))) return rc;
        if (!router) {
            memcpy(mac, candidates[i], 18);
            *source = "ethernet";
            break;
        }
    }
    return SW_OK;
}

static const char *mac_vendor(store_inventory *v, arena *a, const char *mac, sw_error *err)
{
    sqlite3_stmt *st = query(v, ST_MAC_VENDOR, mac, NULL);
    bool row;
    const char *out = NULL;
    if (store_step(v->s, st, &row, err) == SW_OK && row) out = keep(a, col_text(st, 0));
    sqlite3_reset(st);
    return out;
}

/* --- judging one asset ----------------------------------------------------------- */

static void add_mismatch(store_inv_asset *o, arena *a, const char *field, const char *declared, const char *observed,
                         const char *source)
{
    for (size_t i = 0; i < o->n_mismatches && i < STORE_INV_MISMATCH_MAX; i++) {
        const store_inv_mismatch *m = &o->mismatches[i];
        if (strcmp(m->field, field) == 0 && strcmp(m->observed, observed) == 0) return;
    }
    if (o->n_mismatches < STORE_INV_MISMATCH_MAX) {
        store_inv_mismatch *m = &o->mismatches[o->n_mismatches];
        m->field = field;
        m->declared = keep(a, declared ? declared : "");
        m->observed = keep(a, observed);
        m->source = keep(a, source);
    }
    o->n_mismatches++;
}

static void seen_at(store_inv_asset *o, int64_t first, int64_t last)
{
    if (!o->first_seen || first < o->first_seen) o->first_seen = first;
    if (last > o->last_seen) o->last_seen = last;
}

#define ASSET_IPS_MAX 32

typedef struct declared {
    char mac[18];
    const char *vendor, *product, *version, *cpe;
    const char *ips[ASSET_IPS_MAX];
    size_t n_ips;
    bool has_v4, has_v6;
    strbuf ip_list;              /* "a, b" for messages */
} declared;

static bool declared_ip(const declared *d, const char *ip)
{
    for (size_t i = 0; i < d->n_ips; i++)
        if (strcmp(d->ips[i], ip) == 0) return true;
    return false;
}

static sw_code load_declared(store_inventory *v, const char *id, declared *d, bool *found, sw_error *err)
{
    arena *a = &v->asset_mem;
    sqlite3_stmt *st = query(v, ST_ASSET, id, NULL);
    bool row;
    sw_code rc = store_step(v->s, st, &row, err);
    *found = rc == SW_OK && row;
    if (*found) {
        const char *m = col_text(st, 0);
        snprintf(d->mac, sizeof d->mac, "%s", m && strlen(m) == 17 ? m : "");
        d->vendor = keep(a, col_text(st, 1));
        d->product = keep(a, col_text(st, 2));
        d->version = keep(a, col_text(st, 3));
        d->cpe = keep(a, col_text(st, 4));
    }
    sqlite3_reset(st);
    if (rc || !*found) return rc;
    st = query(v, ST_ASSET_IPS, id, NULL);
    while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row) {
        const char *ip = col_text(st, 0);
        if (!ip) continue;
        if (strchr(ip, ':')) d->has_v6 = true;
        else d->has_v4 = true;
        if (d->ip_list.len) strbuf_puts(&d->ip_list, ", ");
        strbuf_puts(&d->ip_list, ip);
        if (d->n_ips < ASSET_IPS_MAX) d->ips[d->n_ips++] = keep(a, ip);
    }
    sqlite3_reset(st);
    return rc;
}

/* Its addresses: seen, and with the declared MAC. */
static sw_code judge_addresses(store_inventory *v, const declared *d, store_inv_asset *o, strbuf *seen, sw_error *err)
{
    arena *a = &v->asset_mem;
    for (size_t i = 0; i < d->n_ips; i++) {
        sqlite3_stmt *st = query(v, ST_IP_ROWS, d->ips[i], NULL);
        bool row, any = false;
        sw_code rc;
        while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row) {
            any = true;
            seen_at(o, sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
        }
        sqlite3_reset(st);
        if (rc) return rc;
        if (!any) continue;
        if (seen->len) strbuf_putc(seen, ',');
        strbuf_puts(seen, d->ips[i]);
        char mac[18];
        const char *source;
        if ((rc = bound_mac(v, d->ips[i], mac, &source, err))) return rc;
        if (!mac[0]) continue;
        if (!o->seen_mac) o->seen_mac = keep(a, mac);
        if (d->mac[0] && strcmp(mac, d->mac) != 0) add_mismatch(o, a, "mac", d->mac, mac, source);
    }
    return SW_OK;
}

/* Its MAC elsewhere: the device moved to an address the model does not
 * give it (IPv4 against declared IPv4, IPv6 against declared IPv6;
 * link-local addresses every interface has are not a move). */
static sw_code judge_mac(store_inventory *v, const declared *d, store_inv_asset *o, sw_error *err)
{
    if (!d->mac[0]) return SW_OK;
    bool router;
    sw_code rc = mac_is_router(v, d->mac, &router, err);
    if (rc) return rc;
    sqlite3_stmt *st = query(v, ST_MAC_ROWS, d->mac, NULL);
    bool row;
    char ips[4][IP_STR_MAX];
    const char *sources[4];
    size_t n = 0;
    while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row) {
        const char *ip = col_text(st, 0);
        bool arp = sqlite3_column_int64(st, 1) > 0;
        if (!ip || (router && !arp)) continue;
        seen_at(o, sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
        bool v6 = strchr(ip, ':') != NULL;
        if (declared_ip(d, ip) || address_is_link_local(ip) || (v6 ? !d->has_v6 : !d->has_v4)) continue;
        if (n < 4) { snprintf(ips[n], sizeof ips[n], "%s", ip); sources[n++] = arp ? "arp" : "ethernet"; }
    }
    sqlite3_reset(st);
    if (rc) return rc;
    if (!o->seen_mac && o->last_seen) o->seen_mac = keep(&v->asset_mem, d->mac);
    for (size_t i = 0; i < n; i++) add_mismatch(o, &v->asset_mem, "ip", d->ip_list.data, ips[i], sources[i]);
    return SW_OK;
}

/* What the device said about itself, per protocol, newest first. */
static sw_code judge_identity(store_inventory *v, const declared *d, store_inv_asset *o, sw_error *err)
{
    arena *a = &v->asset_mem;
    for (size_t i = 0; i < d->n_ips; i++) {
        sqlite3_stmt *st = query(v, ST_IDENTITIES, d->ips[i], NULL);
        bool row;
        sw_code rc;
        while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row) {
            const char *proto = col_text(st, 0), *vendor = col_text(st, 1), *product = col_text(st, 2);
            const char *firmware = col_text(st, 3), *model = col_text(st, 5);
            if (identity_is_service_banner(proto)) continue;
            if (!identity_vendor_matches(d->vendor, vendor)) add_mismatch(o, a, "vendor", d->vendor, vendor, proto);
            if (!identity_product_matches(d->product, d->cpe, product, model))
                add_mismatch(o, a, "product", d->product, product ? product : model, proto);
            if (!identity_firmware_matches(d->version, firmware))
                add_mismatch(o, a, "firmware", d->version, firmware, proto);
        }
        sqlite3_reset(st);
        if (rc) return rc;
    }
    return SW_OK;
}

static sw_code judge_asset(store_inventory *v, const char *asset_id, store_inv_asset *o, sw_error *err)
{
    arena_reset(&v->asset_mem);
    memset(o, 0, sizeof *o);
    declared d;
    memset(&d, 0, sizeof d);
    strbuf_init(&d.ip_list);
    strbuf seen;
    strbuf_init(&seen);
    bool found;
    sw_code rc = load_declared(v, asset_id, &d, &found, err);
    if (rc == SW_OK && !found) rc = sw_fail(err, SW_ERR_INVALID, "inventory: no asset '%s'", asset_id);
    if (rc == SW_OK) rc = judge_addresses(v, &d, o, &seen, err);
    if (rc == SW_OK) rc = judge_mac(v, &d, o, err);
    if (rc == SW_OK) rc = judge_identity(v, &d, o, err);
    if (rc == SW_OK) {
        o->seen_ips = keep(&v->asset_mem, seen.len ? seen.data : "");
        if (o->seen_mac) o->mac_vendor = mac_vendor(v, &v->asset_mem, o->seen_mac, err);
        o->state = !o->last_seen ? STORE_INV_NEVER_SEEN : o->n_mismatches ? STORE_INV_MISMATCH : STORE_INV_MATCHED;
        if (!o->seen_ips) rc = sw_fail(err, SW_ERR_NOMEM, "inventory: out of memory");
    }
    strbuf_free(&d.ip_list);
    strbuf_free(&seen);
    return rc;
}

sw_code store_inventory_asset(store_inventory *v, const char *asset_id, store_inv_asset *out, sw_error *err)
{
    return judge_asset(v, asset_id, out, err);
}

/* --- hosts --------------------------------------------------------------------------- */

static sw_code list_names(store_inventory *v, store_inv_host_row *r, sw_error *err)
{
    sqlite3_stmt *st = query(v, ST_NAMES, r->ip, r->mac);
    bool row;
    sw_code rc;
    while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row && r->n_names < STORE_INV_NAMES_MAX) {
        store_inv_name *n = &r->names[r->n_names++];
        n->name = keep(&v->host_mem, col_text(st, 0));
        n->source = keep(&v->host_mem, col_text(st, 1));
        n->count = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return rc;
}

static sw_code list_services(store_inventory *v, const char *ip, const char *role, store_inv_service *out, size_t *n,
                             sw_error *err)
{
    sqlite3_stmt *st = query(v, ST_SERVICES, ip, role);
    bool row;
    sw_code rc;
    while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row && *n < STORE_INV_SERVICES_MAX) {
        store_inv_service *x = &out[(*n)++];
        x->ip_proto = sqlite3_column_int(st, 0);
        x->port = sqlite3_column_int(st, 1);
        x->app = keep(&v->host_mem, col_text(st, 2));
        x->flows = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return rc;
}

static sw_code find_asset(store_inventory *v, int which, const char *key, const char **id, const char **name,
                          sw_error *err)
{
    sqlite3_stmt *st = query(v, which, key, NULL);
    bool row;
    sw_code rc = store_step(v->s, st, &row, err);
    if (rc == SW_OK && row) {
        *id = keep(&v->host_mem, col_text(st, 0));
        *name = keep(&v->host_mem, col_text(st, 1));
    }
    sqlite3_reset(st);
    return rc;
}

static sw_code newest_identity(store_inventory *v, const char *ip, store_inv_host_row *r, sw_error *err)
{
    sqlite3_stmt *st = query(v, ST_IDENTITIES, ip, NULL);
    bool row;
    sw_code rc = store_step(v->s, st, &row, err);
    if (rc == SW_OK && row) {
        arena *a = &v->host_mem;
        r->id_protocol = keep(a, col_text(st, 0));
        r->id_vendor = keep(a, col_text(st, 1));
        r->id_product = keep(a, col_text(st, 2));
        r->id_firmware = keep(a, col_text(st, 3));
        r->id_serial = keep(a, col_text(st, 4));
    }
    sqlite3_reset(st);
    return rc;
}

/* Fills everything but the columns the host query gave. */
static sw_code describe_host(store_inventory *v, store_inv_host_row *r, bool catch_all, sw_error *err)
{
    arena *a = &v->host_mem;
    char mac[18];
    const char *source;
    sw_code rc = bound_mac(v, r->ip, mac, &source, err);
    if (rc) return rc;
    if (mac[0]) {
        r->mac = keep(a, mac);
        r->mac_source = source;
        r->mac_vendor = mac_vendor(v, a, mac, err);
    }
    if ((rc = find_asset(v, ST_ASSET_BY_IP, r->ip, &r->asset, &r->asset_name, err))) return rc;
    if (!r->asset && r->mac && (rc = find_asset(v, ST_ASSET_BY_MAC, r->mac, &r->asset, &r->asset_name, err))) return rc;
    if (r->asset) {
        if ((rc = judge_asset(v, r->asset, &v->judged, err))) return rc;
        r->judged = &v->judged;
        r->state = v->judged.state;
    } else {
        /* A private address is on some port network even when only the
         * catch-all zone (or none) holds it in the model. */
        r->state = !address_is_local(r->ip) && (catch_all || !r->zone) ? STORE_INV_EXTERNAL : STORE_INV_SHADOW;
    }
    if ((rc = list_names(v, r, err))) return rc;
    if ((rc = list_services(v, r->ip, "server", r->offered, &r->n_offered, err))) return rc;
    if ((rc = list_services(v, r->ip, "client", r->used, &r->n_used, err))) return rc;
    return newest_identity(v, r->ip, r, err);
}

sw_code store_inventory_hosts(store_inventory *v, const store_inv_host_filter *f, store_inv_host_fn fn, void *ctx,
                              sw_error *err)
{
    static const store_inv_host_filter any = { NULL, -1, false };
    if (!f) f = &any;
    sqlite3_stmt *st = query(v, ST_HOSTS, NULL, NULL);
    bool row;
    sw_code rc;
    while ((rc = store_step(v->s, st, &row, err)) == SW_OK && row) {
        const char *zone = col_text(st, 5);
        if (f->zone && (!zone || strcmp(zone, f->zone) != 0)) continue;
        arena_reset(&v->host_mem);
        store_inv_host_row r;
        memset(&r, 0, sizeof r);
        r.ip = keep(&v->host_mem, col_text(st, 0));
        r.first_seen = sqlite3_column_int64(st, 1);
        r.last_seen = sqlite3_column_int64(st, 2);
        r.packets = sqlite3_column_int64(st, 3);
        r.bytes = sqlite3_column_int64(st, 4);
        r.zone = keep(&v->host_mem, zone);
        if (!r.ip) continue;
        if ((rc = describe_host(v, &r, sqlite3_column_int64(st, 6) != 0, err))) break;
        if (f->state >= 0 && (int)r.state != f->state) continue;
        if (f->undeclared && r.asset) continue;
        if (fn(ctx, &r)) break;
    }
    sqlite3_reset(st);
    return rc;
}
