/* inventory_out.c - names and services for the inventory (inventory_out.h).
 * A name belongs to whoever it describes: a DHCP hostname to the client
 * MAC, a DNS A/AAAA answer to the answered address, a PTR answer to the
 * reversed address, a NetBIOS name and a device's own name to the sender.
 * A service counts only when the server answered, so scans add nothing. */
#include "sense/inventory_out.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/hashmap.h"

#define NAME_MAX_LEN 256          /* a DNS name as text fits */

typedef struct name_key {
    char ip[IP_STR_MAX];
    char mac[18];
    char source[16];
    char name[NAME_MAX_LEN];
} name_key;

typedef struct name_slot {
    bool used;
    name_key key;
    int64_t first, last;
    uint64_t count;
} name_slot;

typedef struct service_key {
    ip_addr ip;
    uint16_t port;
    uint8_t ip_proto;
    bool server;
} service_key;

typedef struct service_slot {
    bool used;
    service_key key;
    char app[24];
    ip_addr peer;
    int64_t first, last;
    uint64_t flows;
} service_slot;

struct sense_inventory {
    store_observer *w;
    name_slot names[SENSE_INVENTORY_NAMES];
    size_t n_names;
    service_slot services[SENSE_INVENTORY_SERVICES];
    size_t n_services;
};

sense_inventory *sense_inventory_create(store_observer *w, sw_error *err)
{
    sense_inventory *v = calloc(1, sizeof *v);
    if (!v) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    v->w = w;
    return v;
}

void sense_inventory_destroy(sense_inventory *v) { free(v); }

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) n = cap - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

/* --- names ------------------------------------------------------------------- */

static sw_code flush_names(sense_inventory *v, sw_error *err)
{
    sw_code rc = SW_OK;
    for (size_t i = 0; i < SENSE_INVENTORY_NAMES; i++) {
        name_slot *n = &v->names[i];
        if (!n->used) continue;
        if (rc == SW_OK) {
            store_name_rec r = { n->key.ip, n->key.mac, n->key.name, n->key.source, n->first, n->last, n->count };
            rc = store_observer_name(v->w, &r, err);
        }
        n->used = false;
    }
    v->n_names = 0;
    return rc;
}

/* Trims surrounding spaces and dots, and with `fold` folds case (DNS,
 * NetBIOS and DHCP names are case-insensitive: "WS-HQ-001 " and
 * "ws-hq-001." are one name; a device's own name keeps its case).
 * False when nothing printable is left. */
static bool clean_name(const char *in, bool fold, char out[NAME_MAX_LEN])
{
    while (*in == ' ' || *in == '.') in++;
    size_t n = 0;
    for (; *in && n + 1 < NAME_MAX_LEN; in++) {
        unsigned char c = (unsigned char)*in;
        if (c < 0x20 || c == 0x7f) return false;   /* a control character is not a host name */
        out[n++] = fold ? (char)tolower(c) : (char)c;
    }
    while (n && (out[n - 1] == ' ' || out[n - 1] == '.')) n--;
    out[n] = '\0';
    return n > 0;
}

static sw_code count_name(sense_inventory *v, const char *ip, const char *mac, const char *name, const char *source,
                          bool fold, int64_t ts, sw_error *err)
{
    name_key k;
    memset(&k, 0, sizeof k);     /* the key is hashed and compared as bytes */
    if (!clean_name(name, fold, k.name)) return SW_OK;
    copy_str(k.ip, sizeof k.ip, ip);
    copy_str(k.mac, sizeof k.mac, mac);
    copy_str(k.source, sizeof k.source, source);
    if (v->n_names >= SENSE_INVENTORY_NAMES / 2) {
        sw_code rc = flush_names(v, err);
        if (rc) return rc;
    }
    size_t i = (size_t)hash_bytes(&k, sizeof k) & (SENSE_INVENTORY_NAMES - 1);
    while (v->names[i].used && memcmp(&v->names[i].key, &k, sizeof k) != 0) i = (i + 1) & (SENSE_INVENTORY_NAMES - 1);
    name_slot *s = &v->names[i];
    if (!s->used) {
        memset(s, 0, sizeof *s);
        s->used = true;
        s->key = k;
        s->first = s->last = ts;
        v->n_names++;
    }
    if (ts < s->first) s->first = ts;
    if (ts > s->last) s->last = ts;
    s->count++;
    return SW_OK;
}

static const char *meta_get(const obs_app_meta *m, const char *key)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->kv[i].key, key) == 0) return m->kv[i].value;
    return NULL;
}

/* "21.2.10.10.in-addr.arpa" -> 10.10.2.21; IPv6 nibble names too. */
static bool reverse_name_ip(const char *q, ip_addr *out)
{
    size_t n = strlen(q);
    while (n && q[n - 1] == '.') n--;
    static const char v4[] = ".in-addr.arpa", v6[] = ".ip6.arpa";
    if (n > sizeof v4 - 1 && strncasecmp(q + n - (sizeof v4 - 1), v4, sizeof v4 - 1) == 0) {
        unsigned o[4];
        char tail;
        size_t len = n - (sizeof v4 - 1);
        char buf[32];
        if (len >= sizeof buf) return false;
        memcpy(buf, q, len);
        buf[len] = '\0';
        if (sscanf(buf, "%3u.%3u.%3u.%3u%c", &o[0], &o[1], &o[2], &o[3], &tail) != 4) return false;
        if (o[0] > 255 || o[1] > 255 || o[2] > 255 || o[3] > 255) return false;
        ip_from_v4(out, o[3] << 24 | o[2] << 16 | o[1] << 8 | o[0]);
        return true;
    }
    if (n == 64 + sizeof v6 - 1 && strncasecmp(q + 64, v6, sizeof v6 - 1) == 0) {
        memset(out, 0, sizeof *out);
        for (int i = 0; i < 32; i++) {          /* nibbles, least significant first, dot-separated */
            char c = q[2 * i];
            int d = isdigit((unsigned char)c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (d < 0 || q[2 * i + 1] != '.') return false;
            out->b[15 - i / 2] |= (uint8_t)(i % 2 ? d << 4 : d);
        }
        return true;
    }
    return false;
}

static sw_code on_dns(sense_inventory *v, const net_observation *o, sw_error *err)
{
    const obs_app_meta *m = &o->u.meta;
    const char *q = meta_get(m, "dns.query"), *qt = meta_get(m, "dns.qtype"), *rcode = meta_get(m, "dns.rcode");
    if (!m->event || strcmp(m->event, "response") != 0 || !q || !qt || !rcode || strcmp(rcode, "NOERROR") != 0)
        return SW_OK;
    bool ptr = strcmp(qt, "PTR") == 0;
    ip_addr rev;
    if (ptr && !reverse_name_ip(q, &rev)) return SW_OK;
    if (!ptr && strcmp(qt, "A") != 0 && strcmp(qt, "AAAA") != 0) return SW_OK;
    const char *source = strcmp(m->protocol, "mdns") == 0 ? (ptr ? "mdns-ptr" : "mdns") : (ptr ? "dns-ptr" : "dns");
    for (size_t i = 0; i < m->n; i++) {
        if (strcmp(m->kv[i].key, "dns.answer") != 0) continue;
        const char *ans = m->kv[i].value;
        char ipbuf[IP_STR_MAX];
        ip_addr a;
        sw_code rc = SW_OK;
        if (ptr) {
            if (!ip_parse(ans, &a)) rc = count_name(v, ip_fmt(&rev, ipbuf), NULL, ans, source, true, o->ts, err);
        } else if (ip_parse(ans, &a)) {
            rc = count_name(v, ip_fmt(&a, ipbuf), NULL, q, source, true, o->ts, err);   /* CNAMEs are skipped: not addresses */
        }
        if (rc) return rc;
    }
    return SW_OK;
}

/* The sender of the message that carried the observation. */
static const ip_addr *sender(const net_observation *o)
{
    return o->dir == NET_DIR_TO_SERVER ? &o->flow->client : &o->flow->server;
}

/* "NAME<20>" or "NAME <20>": the NetBIOS suffix says what the name is.
 * Workstation (00), file server (20) and messenger (03) names are the
 * host's own; group and domain names (1B, 1C, 1D, 1E, ...) are not. */
static bool netbios_host_name(const char *value, char out[NAME_MAX_LEN])
{
    const char *lt = strrchr(value, '<');
    size_t n = lt ? (size_t)(lt - value) : strlen(value);
    if (lt) {
        unsigned type;
        char close;
        if (sscanf(lt, "<%2x%c", &type, &close) != 2 || close != '>') return false;
        if (type != 0x00 && type != 0x20 && type != 0x03) return false;
    }
    if (n >= NAME_MAX_LEN) n = NAME_MAX_LEN - 1;
    memcpy(out, value, n);
    out[n] = '\0';
    return true;
}

static sw_code on_meta(sense_inventory *v, const net_observation *o, sw_error *err)
{
    const obs_app_meta *m = &o->u.meta;
    if (!m->protocol) return SW_OK;
    if (strcmp(m->protocol, "dns") == 0 || strcmp(m->protocol, "mdns") == 0) return on_dns(v, o, err);
    if (strcmp(m->protocol, "dhcp") == 0) {
        const char *mac = meta_get(m, "dhcp.client_mac"), *host = meta_get(m, "dhcp.hostname");
        return mac && host ? count_name(v, NULL, mac, host, "dhcp", true, o->ts, err) : SW_OK;
    }
    /* NetBIOS names (name service, datagram service, NTLMSSP workstation)
     * belong to the sender, except the names a query asks for. */
    bool query = m->event && strstr(m->event, "query") && !strstr(m->event, "response");
    if (query || !o->flow) return SW_OK;
    for (size_t i = 0; i < m->n; i++) {
        char name[NAME_MAX_LEN], ip[IP_STR_MAX];
        if (strcmp(m->kv[i].key, "netbios.name") != 0 || !netbios_host_name(m->kv[i].value, name)) continue;
        sw_code rc = count_name(v, ip_fmt(sender(o), ip), NULL, name, "netbios", true, o->ts, err);
        if (rc) return rc;
    }
    return SW_OK;
}

/* What a device calls itself (SZL plant name, SNMP sysName, Modbus user
 * application name, OPC UA application name). */
static sw_code on_identity(sense_inventory *v, const net_observation *o, sw_error *err)
{
    const obs_identity *id = &o->u.identity;
    if (!o->flow || !id->protocol || !id->name) return SW_OK;
    char ip[IP_STR_MAX];
    return count_name(v, ip_fmt(sender(o), ip), NULL, id->name, id->protocol, false, o->ts, err);
}

/* --- services ------------------------------------------------------------------ */

static sw_code flush_services(sense_inventory *v, sw_error *err)
{
    sw_code rc = SW_OK;
    for (size_t i = 0; i < SENSE_INVENTORY_SERVICES; i++) {
        service_slot *s = &v->services[i];
        if (!s->used) continue;
        if (rc == SW_OK) {
            char ip[IP_STR_MAX], peer[IP_STR_MAX];
            store_service_rec r = {
                ip_fmt(&s->key.ip, ip), s->key.server, s->key.ip_proto, s->key.port, s->app[0] ? s->app : NULL,
                ip_fmt(&s->peer, peer), s->first, s->last, s->flows,
            };
            rc = store_observer_service(v->w, &r, err);
        }
        s->used = false;
    }
    v->n_services = 0;
    return rc;
}

static sw_code count_service(sense_inventory *v, const ip_addr *ip, bool server, const net_flow *f, const char *app,
                             const ip_addr *peer, sw_error *err)
{
    service_key k;
    memset(&k, 0, sizeof k);
    k.ip = *ip;
    k.server = server;
    k.ip_proto = f->ip_proto;
    k.port = f->server_port;
    if (v->n_services >= SENSE_INVENTORY_SERVICES / 2) {
        sw_code rc = flush_services(v, err);
        if (rc) return rc;
    }
    size_t i = (size_t)hash_bytes(&k, sizeof k) & (SENSE_INVENTORY_SERVICES - 1);
    while (v->services[i].used && memcmp(&v->services[i].key, &k, sizeof k) != 0)
        i = (i + 1) & (SENSE_INVENTORY_SERVICES - 1);
    service_slot *s = &v->services[i];
    if (!s->used) {
        memset(s, 0, sizeof *s);
        s->used = true;
        s->key = k;
        s->first = f->first_ts;
        s->last = f->last_ts;
        v->n_services++;
    }
    if (f->first_ts < s->first) s->first = f->first_ts;
    if (f->last_ts >= s->last) { s->last = f->last_ts; s->peer = *peer; }
    if (app) copy_str(s->app, sizeof s->app, app);
    s->flows++;
    return SW_OK;
}

#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10

/* The server answered: a SYN-ACK, or (handshake not seen) payload back
 * without a reset; for UDP any datagram back, or a protocol recognised
 * (one-way protocols such as syslog never answer). */
static bool answered(const net_flow *f, const char *app)
{
    uint8_t back = f->tcp_flags_seen[NET_DIR_TO_CLIENT];
    if (f->ip_proto == 6)
        return (back & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK)
               || (!(back & TCP_RST) && f->payload_bytes[NET_DIR_TO_CLIENT] > 0);
    if (f->ip_proto == 17) return f->pkts[NET_DIR_TO_CLIENT] > 0 || app;
    return false;
}

static sw_code on_flow_end(sense_inventory *v, const net_observation *o, sw_error *err)
{
    const net_flow *f = o->flow;
    const char *app = o->u.flow_end.app;
    if (!f || !answered(f, app)) return SW_OK;
    sw_code rc = count_service(v, &f->server, true, f, app, &f->client, err);
    if (rc == SW_OK) rc = count_service(v, &f->client, false, f, app, &f->server, err);
    return rc;
}

sw_code sense_inventory_observe(sense_inventory *v, const net_observation *o, sw_error *err)
{
    switch (o->kind) {
    case OBS_APP_META: return on_meta(v, o, err);
    case OBS_IDENTITY: return on_identity(v, o, err);
    case OBS_FLOW_END: return on_flow_end(v, o, err);
    default: return SW_OK;
    }
}

sw_code sense_inventory_flush(sense_inventory *v, sw_error *err)
{
    sw_code rc = flush_names(v, err);
    if (rc == SW_OK) return flush_services(v, err);
    memset(v->services, 0, sizeof v->services);   /* after a failure nothing more is written */
    v->n_services = 0;
    return rc;
}
