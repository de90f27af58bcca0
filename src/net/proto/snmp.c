/* snmp.c - SNMP v1/v2c (RFC 1157, 3416) and v3 headers (RFC 3412/3414) over
 * UDP, BER-decoded through the cursor: PDU type, community (a credential in
 * clear), the OIDs named, set requests; sysDescr.0/sysName.0/sysObjectID.0
 * in responses become the agent's identity. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/defcred.h"

#define SNMP_PORT 161
#define SNMP_TRAP_PORT 162
#define SNMP_TEXT_MAX 256
#define SNMP_OID_TEXT 128
#define SNMP_EMIT_OIDS 4         /* OIDs reported per PDU */

enum { BER_INTEGER = 0x02, BER_OCTETS = 0x04, BER_NULL = 0x05, BER_OID = 0x06, BER_SEQUENCE = 0x30 };

/* One BER element: a tag (single byte: SNMP uses no high tag numbers)
 * and its definite length; the value as a sub-cursor. */
static bool ber_next(cursor *c, uint8_t *tag, cursor *value)
{
    *tag = cursor_u8(c);
    uint8_t l0 = cursor_u8(c);
    size_t len = l0;
    if (l0 & 0x80) {
        uint8_t n = l0 & 0x7f;
        if (n == 0 || n > 4) return false;       /* indefinite or absurd */
        len = 0;
        for (uint8_t i = 0; i < n; i++) len = len << 8 | cursor_u8(c);
    }
    if (!cursor_ok(c) || (*tag & 0x1f) == 0x1f) return false;
    *value = cursor_sub(c, len);
    return cursor_ok(c);
}

static bool ber_expect(cursor *c, uint8_t want, cursor *value)
{
    uint8_t tag;
    return ber_next(c, &tag, value) && tag == want;
}

/* A two's-complement INTEGER of at most 8 octets. */
static bool ber_int(cursor *c, int64_t *out)
{
    cursor v;
    if (!ber_expect(c, BER_INTEGER, &v)) return false;
    size_t n = cursor_left(&v);
    if (n == 0 || n > 8) return false;
    uint64_t x = (cursor_peek_u8(&v, 0) & 0x80) ? UINT64_MAX : 0;
    while (cursor_left(&v)) x = x << 8 | cursor_u8(&v);
    *out = (int64_t)x;
    return true;
}

static void printable(cursor v, char *out, size_t cap)
{
    size_t k = 0;
    while (cursor_left(&v) && k + 1 < cap) {
        uint8_t ch = cursor_u8(&v);
        if (ch == 0 && cursor_left(&v) == 0) break;      /* a trailing NUL some agents send */
        out[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : (ch == '\r' || ch == '\n' || ch == '\t') ? ' ' : '?';
    }
    out[k] = '\0';
}

/* Dotted text of an OID (X.690 8.19); false when malformed. */
static bool oid_text(cursor v, char *out, size_t cap)
{
    size_t k = 0;
    bool first = true;
    if (!cursor_left(&v)) return false;
    while (cursor_left(&v)) {
        uint64_t arc = 0;
        uint8_t b;
        int n = 0;
        do {
            b = cursor_u8(&v);
            if (++n > 9) return false;
            arc = arc << 7 | (b & 0x7f);
        } while ((b & 0x80) && cursor_left(&v));
        if (b & 0x80) return false;
        int w;
        if (first) {
            unsigned top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
            w = snprintf(out + k, cap - k, "%u.%llu", top, (unsigned long long)(arc - 40u * top));
            first = false;
        } else {
            w = snprintf(out + k, cap - k, ".%llu", (unsigned long long)arc);
        }
        if (w < 0 || (size_t)w >= cap - k) return false;
        k += (size_t)w;
    }
    return true;
}

static const char *pdu_event(uint8_t tag)
{
    static const char *const names[] = { "get_request", "get_next_request", "response", "set_request", "trap",
                                         "get_bulk_request", "inform_request", "trap_v2", "report" };
    return tag >= 0xa0 && tag <= 0xa8 ? names[tag - 0xa0] : NULL;
}

/* Who made the agent, from its sysObjectID's enterprise number (IANA
 * Private Enterprise Numbers), for the vendors a port's network holds. */
static const char *enterprise_vendor(const char *oid)
{
    static const struct { const char *prefix, *vendor; } t[] = {
        { "1.3.6.1.4.1.9.", "Cisco" },         { "1.3.6.1.4.1.11.", "HP" },
        { "1.3.6.1.4.1.318.", "APC" },         { "1.3.6.1.4.1.4329.", "Siemens" },
        { "1.3.6.1.4.1.2636.", "Juniper" },    { "1.3.6.1.4.1.12356.", "Fortinet" },
        { "1.3.6.1.4.1.25461.", "Palo Alto Networks" }, { "1.3.6.1.4.1.311.", "Microsoft" },
        { "1.3.6.1.4.1.8072.", "Net-SNMP" },   { "1.3.6.1.4.1.2011.", "Huawei" },
        { "1.3.6.1.4.1.6527.", "Nokia" },      { "1.3.6.1.4.1.1916.", "Extreme Networks" },
        { "1.3.6.1.4.1.248.", "Hirschmann" },  { "1.3.6.1.4.1.534.", "Eaton" },
        { "1.3.6.1.4.1.368.", "Axis" },
        { "1.3.6.1.4.1.674.", "Dell" },        { "1.3.6.1.4.1.2620.", "Check Point" },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strncmp(oid, t[i].prefix, strlen(t[i].prefix))) return t[i].vendor;
    return NULL;
}

typedef struct snmp_pdu_view {
    const char *event;
    bool malformed;
    size_t n_oids;
    char oids[SNMP_EMIT_OIDS][SNMP_OID_TEXT];
    char descr[SNMP_TEXT_MAX], name[SNMP_TEXT_MAX], object_id[SNMP_OID_TEXT];
    bool has_descr, has_name, has_object_id;
    int64_t error_status;
} snmp_pdu_view;

/* A PDU after its tag: request-id, error-status, error-index (or, for
 * GetBulk, non-repeaters and max-repetitions), then the variable bindings.
 * A v1 Trap's layout differs: enterprise, agent address, trap types, time. */
static void read_pdu(uint8_t tag, cursor pdu, snmp_pdu_view *v)
{
    int64_t id, status, index;
    if (tag == 0xa4) {
        cursor ent, skip;
        uint8_t t;
        if (!ber_expect(&pdu, BER_OID, &ent) || !ber_next(&pdu, &t, &skip) || !ber_int(&pdu, &id) ||
            !ber_int(&pdu, &status) || !ber_next(&pdu, &t, &skip)) { v->malformed = true; return; }
        if (oid_text(ent, v->oids[0], SNMP_OID_TEXT)) v->n_oids = 1;
    } else if (!ber_int(&pdu, &id) || !ber_int(&pdu, &status) || !ber_int(&pdu, &index)) {
        v->malformed = true;
        return;
    } else if (tag != 0xa5) {
        v->error_status = status;
    }
    cursor list;
    if (!ber_expect(&pdu, BER_SEQUENCE, &list)) { v->malformed = true; return; }
    while (cursor_left(&list)) {
        cursor vb, name, value;
        uint8_t vtag;
        char oid[SNMP_OID_TEXT];
        if (!ber_expect(&list, BER_SEQUENCE, &vb) || !ber_expect(&vb, BER_OID, &name) || !ber_next(&vb, &vtag, &value) ||
            !oid_text(name, oid, sizeof oid)) { v->malformed = true; return; }
        if (v->n_oids < SNMP_EMIT_OIDS) memcpy(v->oids[v->n_oids++], oid, sizeof oid);
        if (tag != 0xa2) continue;
        if (vtag == BER_OCTETS && !strcmp(oid, "1.3.6.1.2.1.1.1.0")) { printable(value, v->descr, sizeof v->descr); v->has_descr = true; }
        else if (vtag == BER_OCTETS && !strcmp(oid, "1.3.6.1.2.1.1.5.0")) { printable(value, v->name, sizeof v->name); v->has_name = true; }
        else if (vtag == BER_OID && !strcmp(oid, "1.3.6.1.2.1.1.2.0")) v->has_object_id = oid_text(value, v->object_id, sizeof v->object_id);
    }
}

static void emit_identity(const proto_ctx *ctx, net_dir dir, const snmp_pdu_view *v)
{
    if (!v->has_descr && !v->has_name && !v->has_object_id) return;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "snmp";
    o.u.identity.product = v->has_descr && v->descr[0] ? v->descr : NULL;
    o.u.identity.name = v->has_name && v->name[0] ? v->name : NULL;
    o.u.identity.vendor = v->has_object_id ? enterprise_vendor(v->object_id) : NULL;
    o.u.identity.device_type = v->has_object_id ? v->object_id : NULL;
    proto_emit(ctx, dir, &o);
}

static void emit_view(const proto_ctx *ctx, net_dir dir, net_observation *o, const snmp_pdu_view *v)
{
    char err[24];
    if (v->has_name) appmeta_add(o, "snmp.sys_name", v->name);
    if (v->has_descr) appmeta_add(o, "snmp.sys_descr", v->descr);
    if (v->error_status) {
        snprintf(err, sizeof err, "%lld", (long long)v->error_status);
        appmeta_add(o, "snmp.error_status", err);
    }
    if (v->malformed) appmeta_add(o, "snmp.malformed", "true");
    for (size_t i = 0; i < v->n_oids; i++) appmeta_add(o, "snmp.oid", v->oids[i]);
    proto_emit(ctx, dir, o);
    emit_identity(ctx, dir, v);
}

/* v3: the USM user and the security level are in clear; the scoped PDU
 * too unless privacy is on. */
static void parse_v3(const proto_ctx *ctx, net_dir dir, cursor *msg)
{
    cursor global, secp, usm, engine, user;
    int64_t msg_id, max_size, model;
    char username[SNMP_TEXT_MAX] = "";
    bool ok = ber_expect(msg, BER_SEQUENCE, &global) && ber_int(&global, &msg_id) && ber_int(&global, &max_size);
    cursor flags;
    ok = ok && ber_expect(&global, BER_OCTETS, &flags) && ber_int(&global, &model);
    uint8_t f = ok && cursor_left(&flags) == 1 ? cursor_u8(&flags) : 0;
    ok = ok && ber_expect(msg, BER_OCTETS, &secp);
    if (ok && model == 3 && ber_expect(&secp, BER_SEQUENCE, &usm) && ber_expect(&usm, BER_OCTETS, &engine)) {
        int64_t boots, t;
        if (ber_int(&usm, &boots) && ber_int(&usm, &t) && ber_expect(&usm, BER_OCTETS, &user))
            printable(user, username, sizeof username);
    }
    static const char *const levels[] = { "noAuthNoPriv", "authNoPriv", "noAuthPriv", "authPriv" };
    snmp_pdu_view v;
    memset(&v, 0, sizeof v);
    v.event = "encrypted";
    if (!ok) v.malformed = true;
    else if (!(f & 2)) {
        cursor scoped, ceid, cname, pdu;
        uint8_t tag;
        if (ber_expect(msg, BER_SEQUENCE, &scoped) && ber_expect(&scoped, BER_OCTETS, &ceid) &&
            ber_expect(&scoped, BER_OCTETS, &cname) && ber_next(&scoped, &tag, &pdu) && pdu_event(tag)) {
            v.event = pdu_event(tag);
            read_pdu(tag, pdu, &v);
        } else {
            v.event = "unknown";
            v.malformed = true;
        }
    }
    net_observation o;
    appmeta_init(&o, "snmp", v.event);
    appmeta_add(&o, "snmp.version", "3");
    appmeta_add(&o, "snmp.security_level", levels[f & 3]);
    if (username[0]) appmeta_add(&o, "user.name", username);
    emit_view(ctx, dir, &o, &v);
}

static void snmp_parse(const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor in = cursor_make(data, len), msg;
    int64_t version;
    if (!ber_expect(&in, BER_SEQUENCE, &msg) || !ber_int(&msg, &version)) {
        net_observation o;
        appmeta_init(&o, "snmp", "unknown");
        appmeta_add(&o, "snmp.malformed", "true");
        proto_emit(ctx, dir, &o);
        return;
    }
    if (version == 3) { parse_v3(ctx, dir, &msg); return; }
    cursor community, pdu;
    uint8_t tag = 0;
    char comm[SNMP_TEXT_MAX] = "";
    snmp_pdu_view v;
    memset(&v, 0, sizeof v);
    bool have_comm = ber_expect(&msg, BER_OCTETS, &community);
    if (have_comm) printable(community, comm, sizeof comm);
    if (!have_comm || !ber_next(&msg, &tag, &pdu) || !pdu_event(tag)) {
        v.event = "unknown";
        v.malformed = true;
    } else {
        v.event = pdu_event(tag);
        read_pdu(tag, pdu, &v);
    }
    net_observation o;
    appmeta_init(&o, "snmp", v.event);
    appmeta_add(&o, "snmp.version", version == 0 ? "1" : version == 1 ? "2c" : "other");
    if (have_comm) {
        appmeta_add(&o, "snmp.community", comm);
        o.u.meta.cleartext_credentials = true;
        /* A request, its response and a trap alike show a device set up
         * with the community: the detector keys its alert by the flow. */
        size_t cl = cursor_left(&community);
        const uint8_t *cp = cursor_ptr(&community);
        if (cl && !cp[cl - 1]) cl--;                    /* the trailing NUL some agents send */
        o.u.meta.default_credential = defcred_match(DEFCRED_SNMP, NULL, cp, cl);
    }
    emit_view(ctx, dir, &o, &v);
}

static void snmp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    snmp_parse(ctx, NET_DIR_TO_SERVER, data, len);
}

static void snmp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    (void)state;
    snmp_parse(ctx, NET_DIR_TO_CLIENT, data, len);
}

/* A SEQUENCE spanning the datagram, version 0, 1 or 3, then a community
 * and a PDU tag (v1/v2c) or the v3 header's SEQUENCE. */
static proto_probe_result snmp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    cursor in = cursor_make(data, len), msg, community;
    int64_t version;
    if (!ber_expect(&in, BER_SEQUENCE, &msg) || cursor_left(&in) != 0 || !ber_int(&msg, &version)) return PROTO_PROBE_NO;
    if (version == 3) {
        cursor global;
        return ber_expect(&msg, BER_SEQUENCE, &global) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    }
    if (version != 0 && version != 1) return PROTO_PROBE_NO;
    uint8_t tag;
    cursor pdu;
    if (!ber_expect(&msg, BER_OCTETS, &community) || !ber_next(&msg, &tag, &pdu)) return PROTO_PROBE_NO;
    return pdu_event(tag) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_snmp = {
    .name = "snmp",
    .transport = 17,
    .ports = { SNMP_PORT, SNMP_TRAP_PORT },
    .state_size = 0,
    .probe = snmp_probe,
    .parse_to_server = snmp_to_server,
    .parse_to_client = snmp_to_client,
};
